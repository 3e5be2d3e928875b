#!/usr/bin/env bash
# Interleaved A/B of proxy CPU per request (bench/notes/warmup.md): several appliance builds or configurations run side
# by side on CPU 0, nginx (100-byte file) and a UDP syslog sink on CPU 1; each proxy gets 15 s of warm-up load, then
# the rounds alternate between them (A, B, A, B, ...), so drift on a shared machine hits every variant alike.
#
#   [NGINX_PORT=29501] [SINK_PORT=29503] bench/notes/ab-cpu.sh ROUNDS SECONDS NAME=APPLIANCE:CONFIG:PORT ...
#
# The configurations point their backend at 127.0.0.1:NGINX_PORT and any 'log' line at 127.0.0.1:SINK_PORT.
# Prints "ROUND NAME rps=R cpu_us_per_req=C" per run (wrk -t1 -c50 keep-alive GET /100b).
set -euo pipefail
ROUNDS=$1 SECS=$2
shift 2
SINK_PORT=${SINK_PORT:-29503}
# shellcheck source=bench/notes/nginx-100b.sh
source "$(dirname "$0")/nginx-100b.sh"
taskset -c 1 socat -u "UDP-RECV:$SINK_PORT,rcvbuf=8388608" OPEN:/dev/null >/dev/null 2>&1 &
PIDS+=($!)
declare -A PID PORT
NAMES=()
for spec in "$@"; do
  name=${spec%%=*} rest=${spec#*=}
  bin=${rest%%:*} rest=${rest#*:}
  cfg=${rest%%:*} port=${rest#*:}
  taskset -c 0 "$bin" run -f "$cfg" >"$W/$name.log" 2>&1 &
  PID[$name]=$! PORT[$name]=$port
  PIDS+=($!)
  NAMES+=("$name")
done
sleep 3
for n in "${NAMES[@]}"; do taskset -c 1 wrk -t1 -c50 -d15s "http://127.0.0.1:${PORT[$n]}/100b" >/dev/null; done
for r in $(seq "$ROUNDS"); do
  for n in "${NAMES[@]}"; do
    c0=$(cpu "${PID[$n]}")
    out=$(taskset -c 1 wrk -t1 -c50 -d"${SECS}s" "http://127.0.0.1:${PORT[$n]}/100b")
    c1=$(cpu "${PID[$n]}")
    req=$(awk '/requests in/ {print $1}' <<<"$out")
    rps=$(awk '/Requests\/sec/ {print $2}' <<<"$out")
    echo "$r $n rps=$rps cpu_us_per_req=$(awk -v c=$((c1 - c0)) -v q="$req" -v hz="$(getconf CLK_TCK)" 'BEGIN { printf "%.2f", c / hz / q * 1e6 }')"
  done
done
