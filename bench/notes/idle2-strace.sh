#!/usr/bin/env bash
# From bench/notes/idle2.md. Expects /tmp/idle2/w/nginx.conf (nginx on 127.0.0.1:31201) and a proxy config CFG on PORT.
# st.sh NAME APPDIR CFG PORT: strace -c -f system calls per request (wrk -c10 -d4s keep-alive /100b), after a warm-up
set -euo pipefail
W=/tmp/idle2/w; PIDS=()
trap 'for p in "${PIDS[@]}"; do kill -9 $p 2>/dev/null || true; done' EXIT
taskset -c 1 nginx -c $W/nginx.conf >/dev/null 2>&1 & PIDS+=($!)
taskset -c 0 $2/appliance run -f $3 > $W/st.log 2>&1 & P=$!; PIDS+=($P)
sleep 3
taskset -c 1 wrk -t1 -c10 -d10s http://127.0.0.1:$4/100b >/dev/null
strace -c -f -p $P -o $W/strace-$1.txt & S=$!; PIDS+=($S)
sleep 1
out=$(taskset -c 1 wrk -t1 -c10 -d4s http://127.0.0.1:$4/100b)
kill -INT $S; sleep 1
req=$(echo "$out" | awk '/requests in/ {print $1}')
echo "$1 requests=$req"
awk -v q=$req '$NF ~ /^[a-z_0-9]+$/ && $4 ~ /^[0-9]+$/ && $4 > q/50 {printf "  %-14s %6.2f/req\n", $NF, $4/q}' $W/strace-$1.txt
