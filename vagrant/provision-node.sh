#!/usr/bin/env bash
# Provisions lb1 or lb2: installs the appliance .deb the host built (image/build-deb) and writes the node's
# configuration from lab/templates/web-node.cfg.in, the template the namespace demo renders too.
# Args: NODE ADDRESS PRIORITY VIP BACKEND_HOST STATS_PASSWORD; the cluster key comes in $CLUSTER_KEY.
set -euo pipefail
node=$1 address=$2 priority=$3 vip=$4 backends=$5 password=$6
deb=$(ls -t /vagrant/image/out/appliance_*_amd64.deb 2>/dev/null | head -n 1 || true)
if [ -z "$deb" ]; then
  echo "no appliance .deb in image/out: run image/build-deb on the host, then 'vagrant provision $node'" >&2
  exit 1
fi
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
# curl for the drill; the .deb's dependencies come from the mirror.
apt-get install -y -qq curl "$deb"

# The interface that carries the lab network: the one holding this node's private address.
interface=$(ip -o -4 addr show | awk -v a="$address" '{ split($4, p, "/"); if (p[1] == a) print $2 }')
[ -n "$interface" ] || { echo "no interface holds $address" >&2; exit 1; }

umask 027
printf '%s\n' "${CLUSTER_KEY:?}" > /etc/appliance/cluster.key
chgrp appliance /etc/appliance/cluster.key
{
  /vagrant/lab/render /vagrant/lab/templates/web-node.cfg.in NODE="$node" BIND="$vip" HTTP_PORT=80 STATS_PORT=8404 \
    STATS_PASSWORD="$password" BACKEND_HOST="$backends" PRIORITY="$priority" INTERFACE="$interface" ADVERT_INT=1s VIP="$vip"
  echo "    auth_key_file /etc/appliance/cluster.key"
} > /etc/appliance/appliance.cfg.new
appliance check -f /etc/appliance/appliance.cfg.new
chgrp appliance /etc/appliance/appliance.cfg.new
mv /etc/appliance/appliance.cfg.new /etc/appliance/appliance.cfg
systemctl restart appliance
systemctl --no-pager --lines=5 status appliance
echo "$node: stats page http://$vip:8404/ (the master's), user admin, password $password"
