#!/usr/bin/env bash
# Provisions the web VM: three demo backends on ports 8081-8083 (python3's http.server as systemd units), each
# answering "hello from webN"; the VM is also the client of the drill (curl).
# Args: ADDRESS
set -euo pipefail
address=$1
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq python3 curl
for i in 1 2 3; do
  mkdir -p "/srv/demo/808$i"
  echo "hello from web$i" > "/srv/demo/808$i/index.html"
done
cat > /etc/systemd/system/demo-web@.service <<UNIT
[Unit]
Description=demo backend on port %i
After=network-online.target
Wants=network-online.target

[Service]
ExecStart=/usr/bin/python3 -m http.server %i --bind $address --directory /srv/demo/%i
DynamicUser=yes
Restart=always

[Install]
WantedBy=multi-user.target
UNIT
systemctl daemon-reload
systemctl enable --now demo-web@8081 demo-web@8082 demo-web@8083
echo "web: backends on $address:8081-8083"
