# Sourced by ab-cpu.sh and warmup-curve.sh: a work folder $W (removed on exit with every process in PIDS, by PID) and
# nginx on CPU 1 serving /100b on 127.0.0.1:$NGINX_PORT.
NGINX_PORT=${NGINX_PORT:-29501}
W=$(mktemp -d /tmp/bench-notes.XXXXXX)
PIDS=()
trap 'for p in "${PIDS[@]}"; do kill -9 "$p" 2>/dev/null || true; done; rm -rf "$W"' EXIT
mkdir -p "$W/www"
head -c 100 /dev/zero | tr '\0' a >"$W/www/100b"
cat >"$W/nginx.conf" <<N
daemon off; master_process off; worker_processes 1; pid $W/nginx.pid; error_log $W/nginx.err warn;
events { worker_connections 4000; }
http { access_log off; keepalive_requests 100000000; keepalive_timeout 300s; server { listen 127.0.0.1:$NGINX_PORT; root $W/www; } }
N
taskset -c 1 nginx -c "$W/nginx.conf" >/dev/null 2>&1 &
PIDS+=($!)
cpu() { awk '{print $14 + $15}' "/proc/$1/stat"; }
