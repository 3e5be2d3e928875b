#!/usr/bin/env bash
# tcpcpu-ab.sh ROUNDS SECONDS WARMUP CELLS NAME=BIN:BASE[:ENV=V,ENV2=V2] ...   (bench/notes/tcpcpu.md)
# CELLS: "tcp ws". tcp = wrk -t1 -c50 keep-alive 100 B through the mode tcp frontend (BASE+1); ws = appliance-bench
# ws-load, 50 WebSockets echoing 100 B through the HTTP frontend (BASE+3). nginx on 31101 and the echo server on 31102
# (CPU 1), every proxy on CPU 0; BIN ending in "haproxy" runs as haproxy -db -f. Rounds interleave the proxies; prints
# proxy CPU (utime+stime from /proc/PID/stat) per request or per echoed message. BENCH: the appliance-bench binary.
set -euo pipefail
ROUNDS=$1 SECS=$2 WARM=$3 CELLS=$4; shift 4
W=${WORK:-/tmp/tcpcpu-ab}; mkdir -p $W/www; head -c 100 /dev/zero | tr '\0' a > $W/www/100b
BENCH=${BENCH:?path of appliance-bench (dotnet build -c Release bench/Appliance.Bench)}
cat > $W/nginx.conf <<N
daemon off; master_process off; worker_processes 1; pid $W/nginx.pid; error_log $W/nginx.err warn;
events { worker_connections 4000; }
http { access_log off; keepalive_requests 100000000; keepalive_timeout 300s; server { listen 127.0.0.1:31101; root $W/www; } }
N
conf() {
cat <<C
global
    maxconn 4000
    maxpipes 256
    nbthread 1
defaults
    mode http
    maxconn 4000
    timeout connect 5s
    timeout client 300s
    timeout server 300s
    timeout tunnel 300s
frontend http_in
    bind 127.0.0.1:$1
    default_backend nginx_http
frontend tcp_in
    mode tcp
    bind 127.0.0.1:$(( $1 + 1 ))
    default_backend nginx_tcp
frontend ws_in
    bind 127.0.0.1:$(( $1 + 3 ))
    default_backend ws_echo
backend nginx_http
    server n1 127.0.0.1:31101
backend nginx_tcp
    mode tcp
    server n1 127.0.0.1:31101
backend ws_echo
    server w1 127.0.0.1:31102
C
}
PIDS=()
trap 'for p in "${PIDS[@]}"; do kill -9 $p 2>/dev/null || true; done' EXIT
taskset -c 1 nginx -c $W/nginx.conf >/dev/null 2>&1 & PIDS+=($!)
taskset -c 1 $BENCH ws-echo --port 31102 > $W/echo.log 2>&1 & PIDS+=($!)
declare -A PID BASE
NAMES=()
for spec in "$@"; do
  name=${spec%%=*}; rest=${spec#*=}; bin=${rest%%:*}; rest=${rest#*:}; base=${rest%%:*}; envs=${rest#*:}; [ "$envs" = "$base" ] && envs=""
  conf $base > $W/$name.cfg
  if [[ $bin == *haproxy ]]; then args="-db -f $W/$name.cfg"; else args="run -f $W/$name.cfg"; fi
  env DOTNET_PerfMapEnabled=${PERFMAP:-0} ${envs//,/ } taskset -c 0 $bin $args > $W/$name.log 2>&1 & PID[$name]=$!; PIDS+=($!); BASE[$name]=$base; NAMES+=($name)
  echo "$name pid ${PID[$name]}"
done
for n in "${NAMES[@]}"; do for i in $(seq 100); do (echo > /dev/tcp/127.0.0.1/$(( ${BASE[$n]} + 3 ))) 2>/dev/null && break; sleep 0.3; done; done
for i in $(seq 50); do (echo > /dev/tcp/127.0.0.1/31102) 2>/dev/null && break; sleep 0.3; done
load() { # cell name secs -> prints count
  local cell=$1 n=$2 s=$3
  if [ $cell = tcp ]; then
    taskset -c 1 wrk -t1 -c50 -d${s}s http://127.0.0.1:$(( ${BASE[$n]} + 1 ))/100b | awk '/requests in/ {print $1}'
  else
    taskset -c 1 $BENCH ws-load --port $(( ${BASE[$n]} + 3 )) --connections 50 --seconds $s --size 100 | awk '/^RESULT/ {for(i=2;i<=NF;i++){split($i,kv,"="); if(kv[1]=="messages") print kv[2]}}'
  fi
}
cpu() { awk '{print $14+$15}' /proc/$1/stat; }
for cell in $CELLS; do
  for n in "${NAMES[@]}"; do load $cell $n $WARM >/dev/null; done
  for r in $(seq $ROUNDS); do
    for n in "${NAMES[@]}"; do
      c0=$(cpu ${PID[$n]}); q=$(load $cell $n $SECS); c1=$(cpu ${PID[$n]})
      echo "$cell $r $n req=$q cpu_us_per_req=$(awk -v c=$((c1-c0)) -v q=$q 'BEGIN{printf "%.2f", c*10000/q}')" | tee -a $W/results.txt
    done
  done
done
if [ -n "${HOLD:-}" ]; then echo holding; sleep $HOLD; fi
