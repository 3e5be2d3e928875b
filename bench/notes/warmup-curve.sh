#!/usr/bin/env bash
# How long our proxy needs under full load before its CPU per request is steady (bench/notes/warmup.md): starts a fresh
# proxy pinned to CPU 0 with extra environment (e.g. DOTNET_TieredPGO=0), drives it with back-to-back wrk slices from
# the first second, and prints the proxy's µs CPU per request in each slice.
#
#   [NGINX_PORT=29501] bench/notes/warmup-curve.sh APPLIANCE CONFIG PORT LABEL SLICES SECONDS [VAR=VALUE ...]
#
# CONFIG's backend must be 127.0.0.1:NGINX_PORT (nginx serving /100b is started here, on CPU 1).
set -euo pipefail
APPLIANCE=$1 CONFIG=$2 PORT=$3 LABEL=$4 SLICES=$5 SECS=$6
shift 6
# shellcheck source=bench/notes/nginx-100b.sh
source "$(dirname "$0")/nginx-100b.sh"
env "$@" taskset -c 0 "$APPLIANCE" run -f "$CONFIG" >"$W/proxy.log" 2>&1 &
P=$!
PIDS+=($P)
sleep 2
line="$LABEL:"
for _ in $(seq "$SLICES"); do
  c0=$(cpu "$P")
  out=$(taskset -c 1 wrk -t1 -c50 -d"${SECS}s" "http://127.0.0.1:$PORT/100b")
  c1=$(cpu "$P")
  req=$(awk '/requests in/ {print $1}' <<<"$out")
  line="$line $(awk -v c=$((c1 - c0)) -v q="$req" -v hz="$(getconf CLK_TCK)" 'BEGIN { printf "%.1f", c / hz / q * 1e6 }')"
done
echo "$line"
