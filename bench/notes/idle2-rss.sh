#!/usr/bin/env bash
# From bench/notes/idle2.md. Expects /tmp/idle2/{www/100b,bench/appliance-bench} (Release build of bench/Appliance.Bench).
# rss.sh NAME APPDIR : RSS growth for 9000 idle keep-alive connections (as bench/run idle_cell). Ports 31200-31202.
set -euo pipefail
NAME=$1 APP=$2; W=/tmp/idle2; ulimit -n $(ulimit -Hn)
cat > $W/nginx.conf <<N
daemon off; master_process off; worker_processes 1; pid $W/nginx.pid; error_log $W/nginx.err warn;
worker_rlimit_nofile 19000;
events { worker_connections 18000; }
http { access_log off; keepalive_requests 100000000; keepalive_timeout 300s; server { listen 127.0.0.1:31201 backlog=4096; root $W/www; } }
N
cat > $W/proxy.cfg <<C
global
    maxconn 9900
    nbthread 1
defaults
    mode http
    maxconn 9900
    timeout connect 5s
    timeout client 300s
    timeout server 300s
frontend http_in
    bind 127.0.0.1:31200
    default_backend nginx_http
backend nginx_http
    server n1 127.0.0.1:31201
C
PIDS=()
trap 'for p in "${PIDS[@]}"; do kill -9 $p 2>/dev/null || true; done' EXIT
taskset -c 1 nginx -c $W/nginx.conf >/dev/null 2>&1 & PIDS+=($!)
taskset -c 0 $APP/appliance run -f $W/proxy.cfg > $W/$NAME.log 2>&1 & P=$!; PIDS+=($P)
for i in $(seq 100); do ss -Htln "( sport = :31200 )" | grep -q . && break; sleep 0.1; done
taskset -c 1 wrk -t1 -c50 -d2s http://127.0.0.1:31200/100b >/dev/null 2>&1 || true
sleep 2
before=$(awk '/VmRSS/ {print $2}' /proc/$P/status)
taskset -c 1 /tmp/idle2/bench/appliance-bench idle --port 31200 --connections 4500 --concurrency 100 --path /100b > $W/idle-$NAME.out 2>&1 & I=$!; PIDS+=($I)
for i in $(seq 600); do grep -q '^RESULT' $W/idle-$NAME.out && break; sleep 0.1; done
sleep 3
mid=$(awk '/VmRSS/ {print $2}' /proc/$P/status)
taskset -c 1 /tmp/idle2/bench/appliance-bench idle --port 31200 --connections 4500 --concurrency 100 --path /100b > $W/idle2-$NAME.out 2>&1 & I2=$!; PIDS+=($I2)
for i in $(seq 600); do grep -q '^RESULT' $W/idle2-$NAME.out && break; sleep 0.1; done
sleep 3
after=$(awk '/VmRSS/ {print $2}' /proc/$P/status)
est=$(ss -Htn state established "( sport = :31200 )" | wc -l)
echo "$NAME before=$before after=$after growth=$((after-before)) per_conn_kib=$(awk -v g=$((after-before)) 'BEGIN{printf "%.2f", g/9000}') mid=$mid slope_kib=$(awk -v g=$((after-mid)) 'BEGIN{printf "%.2f", g/4500}') est=$est $(grep '^RESULT' $W/idle-$NAME.out) $(grep '^RESULT' $W/idle2-$NAME.out)" | tee -a $W/rss.txt
kill $I $I2 2>/dev/null || true
