#!/usr/bin/env bash
# A/B CPU-per-request harness (helper httpcpu, ports 31000-31099):
#   ab.sh ROUNDS SECONDS WARMSECS NAME=APPLIANCE_BIN:CFG:PORT[:ENV=V,ENV=V] ...
# nginx on 31001 (CPU1), proxies on CPU0; each proxy warmed WARMSECS under wrk, then interleaved rounds of wrk -t1 -c50 keep-alive 100 B.
set -euo pipefail
ROUNDS=$1 SECS=$2 WARM=$3; shift 3
# CFG: a proxy config with 'nbthread 1', 'mode http', a frontend bound to PORT and one server 127.0.0.1:31001.
W=${W:-/tmp/httpcpu/w}; mkdir -p $W/www; head -c 100 /dev/zero | tr '\0' a > $W/www/100b
cat > $W/nginx.conf <<N
daemon off; master_process off; worker_processes 1; pid $W/nginx.pid; error_log $W/nginx.err warn;
events { worker_connections 4000; }
http { access_log off; keepalive_requests 100000000; keepalive_timeout 300s; server { listen 127.0.0.1:31001; root $W/www; } }
N
PIDS=()
trap 'for p in "${PIDS[@]}"; do kill -9 $p 2>/dev/null || true; done' EXIT
taskset -c 1 nginx -c $W/nginx.conf >/dev/null 2>&1 & PIDS+=($!)
declare -A PID PORT
NAMES=()
for spec in "$@"; do
  name=${spec%%=*}; rest=${spec#*=}; bin=${rest%%:*}; rest=${rest#*:}; cfg=${rest%%:*}; rest=${rest#*:}; port=${rest%%:*}
  envs=""; [[ "$rest" == *:* ]] && envs=${rest#*:}
  env ${envs//,/ } DOTNET_PerfMapEnabled=${PERFMAP:-0} taskset -c 0 $bin run -f $cfg > $W/$name.log 2>&1 & PID[$name]=$!; PIDS+=($!); PORT[$name]=$port; NAMES+=($name)
  echo "$name pid ${PID[$name]}" >&2
done
for n in "${NAMES[@]}"; do for i in $(seq 120); do ss -ltn | grep -q ":${PORT[$n]} " && break; sleep 0.5; done; done
for n in "${NAMES[@]}"; do taskset -c 1 wrk -t1 -c50 -d${WARM}s http://127.0.0.1:${PORT[$n]}/100b >/dev/null; done
cpu() { awk '{print $14+$15}' /proc/$1/stat; }
for r in $(seq $ROUNDS); do
  for n in "${NAMES[@]}"; do
    c0=$(cpu ${PID[$n]})
    out=$(taskset -c 1 wrk -t1 -c50 -d${SECS}s http://127.0.0.1:${PORT[$n]}/100b)
    c1=$(cpu ${PID[$n]})
    req=$(echo "$out" | awk '/requests in/ {print $1}')
    rps=$(echo "$out" | awk '/Requests\/sec/ {print $2}')
    echo "$r $n rps=$rps cpu_us_per_req=$(awk -v c=$((c1-c0)) -v q=$req 'BEGIN{printf "%.2f", c*10000/q}') busy=$(awk -v c=$((c1-c0)) -v s=$SECS 'BEGIN{printf "%.0f%%", c/s}') load=$(cut -d" " -f1 /proc/loadavg)"
  done
done
if [[ -n "${HOLD:-}" ]]; then echo "holding; pids: ${PIDS[*]}" >&2; sleep $HOLD; fi
