#!/usr/bin/env bash
# Proxy CPU per request with HTTP rules, two builds of the appliance side by side (issue 9, bench/notes/rules.md).
#
#   [BASE_PORT=31600] bench/notes/rules-cpu.sh BEFORE_DIR AFTER_DIR [RUNS (3)] [SECONDS (10)]
#
# BEFORE_DIR and AFTER_DIR hold `dotnet build -c Release appliance/src/Appliance.Host -o DIR` outputs. Every build runs
# three configurations at once (each process pinned to CPU 0 with taskset, idle when not measured): "plain" (no rules),
# "rules" (a media server's frontend: option forwardfor, two path_end ACLs choosing the backend with use_backend,
# http-request set-header X-Forwarded-Proto, http-response del-header Server) and "rules-log" (the same plus
# option httplog, two captured headers and a log line per request to a UDP receiver). nginx (one process) and the UDP
# receiver run on CPU 1 with wrk. Each run: `wrk -t1 -c50 -d SECONDS` for a 100-byte .ts segment with keep-alive, after
# a 2 s warm-up per process; the runs alternate builds and configurations in rounds. The proxy's CPU is utime + stime
# from /proc/PID/stat before and after the run. Output: one TSV row per run (cell, build, run, requests, req/s, CPU s,
# CPU µs per request, 1-minute load average), then the median µs per request per cell and build.
# Traffic stays on 127.0.0.1; every process this script starts is ended by PID when it exits.
set -euo pipefail
before=${1:?BEFORE_DIR}
after=${2:?AFTER_DIR}
runs=${3:-3}
seconds=${4:-10}
work=$(mktemp -d /tmp/rules-cpu.XXXXXX)
base=${BASE_PORT:-31600}
nginx_port=$((base + 1))
syslog_port=$((base + 3))
declare -A dir=([before]=$before [after]=$after)
declare -A port=([plain-before]=$((base + 10)) [rules-before]=$((base + 11)) [rules-log-before]=$((base + 12))
                 [plain-after]=$((base + 20)) [rules-after]=$((base + 21)) [rules-log-after]=$((base + 22)))
declare -A pid=()
started=()
cleanup() { for p in "${started[@]}"; do kill "$p" 2>/dev/null || true; done; }
trap 'cleanup; rm -rf "$work"' EXIT

start() { local out=$1; shift; "$@" >"$out" 2>&1 & started+=("$!"); last=$!; }
wait_port() { for _ in $(seq 100); do (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null && return 0; sleep 0.1; done; echo "nothing on $1" >&2; return 1; }

# The machine is shared: refuse ports someone else listens on rather than measure their server.
for p in "$nginx_port" "${port[@]}"; do
  if (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null; then echo "127.0.0.1:$p is in use: set BASE_PORT" >&2; exit 1; fi
done
mkdir -p "$work/www/live/channel1" "$work/nginx-tmp"
head -c 100 /dev/zero | tr '\0' a >"$work/www/live/channel1/seg_00042.ts"
cat >"$work/nginx.conf" <<NGINX
master_process off;
worker_processes 1;
pid $work/nginx.pid;
error_log $work/nginx-error.log warn;
events { worker_connections 4096; }
http {
  access_log off;
  default_type application/octet-stream;
  keepalive_requests 100000000;
  keepalive_timeout 300s;
  client_body_temp_path $work/nginx-tmp;
  server { listen 127.0.0.1:$nginx_port; root $work/www; }
}
NGINX
start "$work/nginx.log" taskset -c 1 nginx -c "$work/nginx.conf" -g 'daemon off;'
start "$work/syslog.log" taskset -c 1 socat -u "UDP-RECV:$syslog_port,bind=127.0.0.1" /dev/null
wait_port "$nginx_port"

# proxy_conf CELL PORT
proxy_conf() {
  local cell=$1 listen=$2
  echo "global"
  echo "    nbthread 1"
  [ "$cell" = rules-log ] && echo "    log 127.0.0.1:$syslog_port local0"
  cat <<CFG
defaults
    mode http
    timeout connect 5s
    timeout client 300s
    timeout server 300s
frontend fe
    bind 127.0.0.1:$listen
CFG
  if [ "$cell" = rules-log ]; then
    printf '    log global\n    option httplog\n    capture request header Host len 32\n    capture request header User-Agent len 32\n'
  fi
  if [ "$cell" != plain ]; then
    cat <<CFG
    option forwardfor
    acl is_playlist path_end .m3u8
    acl is_segment path_end .ts
    http-request set-header X-Forwarded-Proto http
    http-response del-header Server
    use_backend playlists if is_playlist
    use_backend segments if is_segment
CFG
  fi
  cat <<CFG
    default_backend be
backend be
    server n1 127.0.0.1:$nginx_port
backend playlists
    server n1 127.0.0.1:$nginx_port
backend segments
    server n1 127.0.0.1:$nginx_port
CFG
}

cells=(plain rules rules-log)
for build in before after; do
  for cell in "${cells[@]}"; do
    key=$cell-$build
    proxy_conf "$cell" "${port[$key]}" >"$work/$key.cfg"
    "${dir[$build]}/appliance" check -f "$work/$key.cfg" >/dev/null
    start "$work/$key.log" taskset -c 0 "${dir[$build]}/appliance" run -f "$work/$key.cfg"
    pid[$key]=$last
  done
done
for key in "${!port[@]}"; do wait_port "${port[$key]}"; done

load() {
  taskset -c 1 wrk -t1 -c50 -d"$1" -H 'Host: media.example.com' -H 'User-Agent: VLC/3.0.18 LibVLC/3.0.18' \
    -H 'Accept: */*' "http://127.0.0.1:$2/live/channel1/seg_00042.ts"
}
ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }
hz=$(getconf CLK_TCK)
for key in "${!port[@]}"; do load 2s "${port[$key]}" >/dev/null; done

results=$work/results.tsv
for run in $(seq "$runs"); do
  for cell in "${cells[@]}"; do
    for build in before after; do
      key=$cell-$build
      t0=$(ticks "${pid[$key]}")
      out=$(load "${seconds}s" "${port[$key]}")
      t1=$(ticks "${pid[$key]}")
      requests=$(awk '/ requests in / {print $1}' <<<"$out")
      rate=$(awk '/^Requests\/sec/ {print $2}' <<<"$out")
      non2xx=$(awk '/Non-2xx/ {print $NF}' <<<"$out")
      [ -z "$non2xx" ] || { echo "$key: $non2xx non-2xx responses" >&2; exit 1; }
      awk -v c="$cell" -v b="$build" -v r="$run" -v n="$requests" -v rate="$rate" -v t=$((t1 - t0)) -v hz="$hz" \
        -v l="$(cut -d' ' -f1 /proc/loadavg)" \
        'BEGIN { printf "%s\t%s\t%s\t%s\t%s\t%.2f\t%.2f\t%s\n", c, b, r, n, rate, t / hz, t / hz / n * 1e6, l }' | tee -a "$results"
    done
  done
done

echo "median CPU µs per request:"
for cell in "${cells[@]}"; do
  for build in before after; do
    awk -F'\t' -v c="$cell" -v b="$build" '$1 == c && $2 == b {print $7}' "$results" | sort -n \
      | awk -v c="$cell" -v b="$build" '{v[NR] = $1} END { m = NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2; printf "  %-10s %-7s %.2f (%d runs)\n", c, b, m, NR }'
  done
done
