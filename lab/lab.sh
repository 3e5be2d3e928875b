#!/usr/bin/env bash
# The ha-agent's network-namespace lab (docs/ha.md "The lab"). Everything lives in namespaces named PREFIX-*, so
# several labs can run side by side and nothing touches the host's own interfaces:
#
#   PREFIX-sw   the "switch": bridge br0 and one veth port per host (lb1, lb2, lb3, be, cl)
#   PREFIX-lb1  appliance node 1, eth0 10.213.0.11/24        PREFIX-lb2  appliance node 2, eth0 10.213.0.12/24
#   PREFIX-lb3  appliance node 3, eth0 10.213.0.13/24 (only with 'up PREFIX three', for the three-node tests)
#   PREFIX-be   backends, eth0 10.213.0.21/24                PREFIX-cl   the client, eth0 10.213.0.31/24
#   VIP 10.213.0.10/24, floating between the nodes
#
# Usage:
#   lab.sh up PREFIX [three]              build the namespaces, bridge and veths (three: lb3 too)
#   lab.sh down PREFIX                    delete them (and so every veth); safe to repeat
#   lab.sh config PREFIX NODE PRIORITY [HA-LINE...]   print an appliance config for lb1|lb2|lb3 from
#                                         templates/lab-node.cfg.in (extra ha lines appended)
#   lab.sh backend PREFIX [PORT] [NAME]   exec a server-speaks-first TCP backend in PREFIX-be (socat; default 8080)
#   lab.sh node PREFIX NODE CONFIG CMD... exec CMD run -f CONFIG inside PREFIX-NODE (CMD = the appliance command)
#   lab.sh neigh PREFIX                   the client's neighbour entry for the VIP
#   lab.sh mac PREFIX NODE                the MAC address of NODE's eth0
#   lab.sh port PREFIX NODE up|down       set NODE's port on the bridge up or down (a partition)
#   lab.sh clients PREFIX N               give the client N more source addresses, 10.214.0.1 .. (250 per /24), and
#                                         route 10.214.0.0/16 to it from the nodes (the sticky-client tests)
set -euo pipefail

SUBNET=10.213.0
VIP=$SUBNET.10
CLIENTS=10.214
declare -A ADDRESS=([lb1]=$SUBNET.11 [lb2]=$SUBNET.12 [lb3]=$SUBNET.13 [be]=$SUBNET.21 [cl]=$SUBNET.31)

need_prefix() {
  [[ "${1:-}" =~ ^[a-z0-9]{1,20}$ ]] || { echo "lab.sh: PREFIX must be 1-20 lowercase letters or digits" >&2; exit 2; }
}

up() {
  local p=$1 nodes="lb1 lb2"
  [ "${2:-}" = three ] && nodes="lb1 lb2 lb3"
  ip netns add "$p-sw"
  ip -n "$p-sw" link set lo up
  ip -n "$p-sw" link add br0 type bridge
  # No STP delay: ports forward at once. Snooping off: VRRP's 224.0.0.18 is flooded either way, keep it simple.
  ip -n "$p-sw" link set br0 type bridge forward_delay 0 stp_state 0 mcast_snooping 0
  ip -n "$p-sw" link set br0 up
  local host
  for host in $nodes be cl; do
    ip netns add "$p-$host"
    ip -n "$p-$host" link set lo up
    ip -n "$p-sw" link add "$host" type veth peer name eth0 netns "$p-$host"
    ip -n "$p-sw" link set "$host" master br0 up
    ip -n "$p-$host" addr add "${ADDRESS[$host]}/24" dev eth0
    ip -n "$p-$host" link set eth0 up
  done
  for host in $nodes; do
    # A backup's proxy listens on the VIP before it owns it (the proxy also sets IP_FREEBIND).
    ip netns exec "$p-$host" sysctl -qw net.ipv4.ip_nonlocal_bind=1
  done
}

down() {
  local p=$1 host
  for host in sw lb1 lb2 lb3 be cl; do
    ip netns del "$p-$host" 2>/dev/null || true
  done
}

clients() {
  local p=$1 count=$2 i
  [[ "$count" =~ ^[0-9]+$ ]] && [ "$count" -ge 1 ] && [ "$count" -le 60000 ] \
    || { echo "lab.sh: clients needs a count of 1..60000, got '$count'" >&2; exit 2; }
  for ((i = 0; i < count; i++)); do
    echo "addr add $CLIENTS.$((i / 250)).$((i % 250 + 1))/32 dev eth0"
  done | ip -n "$p-cl" -batch -
  local host
  for host in lb1 lb2 lb3; do
    [ -e "/run/netns/$p-$host" ] || continue
    ip -n "$p-$host" route replace "$CLIENTS.0.0/16" via "${ADDRESS[cl]}" dev eth0
  done
}

config() {
  local p=$1 node=$2 priority=$3
  shift 3
  "$(dirname "$0")/render" "$(dirname "$0")/templates/lab-node.cfg.in" \
    NODE="$node" PREFIX="$p" VIP="$VIP" BACKEND="${ADDRESS[be]}" PRIORITY="$priority"
  local line
  for line in "$@"; do
    echo "    $line"
  done
}

case "${1:-}" in
  up) need_prefix "${2:-}"; down "$2"; up "$2" "${3:-}" ;;
  down) need_prefix "${2:-}"; down "$2" ;;
  config) need_prefix "${2:-}"; shift; config "$@" ;;
  backend) need_prefix "${2:-}"; exec ip netns exec "$2-be" socat "TCP-LISTEN:${3:-8080},fork,reuseaddr" "EXEC:/bin/echo ${4:-be1}" ;;
  node) need_prefix "${2:-}"; p=$2 node=$3 cfg=$4; shift 4; exec ip netns exec "$p-$node" "$@" run -f "$cfg" ;;
  neigh) need_prefix "${2:-}"; ip -n "$2-cl" neigh show "$VIP" ;;
  mac) need_prefix "${2:-}"; ip netns exec "$2-$3" cat /sys/class/net/eth0/address ;;
  port) need_prefix "${2:-}"; ip -n "$2-sw" link set "$3" "$4" ;;
  clients) need_prefix "${2:-}"; clients "$2" "${3:-}" ;;
  *) sed -n '2,/^set /{/^#/p}' "$0" >&2; exit 2 ;;
esac
