#!/usr/bin/env bash
# Interleaved A/B of proxy CPU per full TLS handshake (bench/notes/tlsfull.md): one 100-byte GET per connection
# (wrk -t1 -c50 -H "Connection: close", TLS 1.3, ECDSA P-256, the bench's suite list), ours and haproxy on CPU 0, nginx
# and wrk on CPU 1. Four variants, each warmed up WARMUP s under load, then ROUNDS rounds of SECONDS s alternating:
#   ours-nt / haproxy-nt: bind with no-tls-tickets (haproxy also tune.ssl.cachesize 0): bench/run's tls-full-100 cell;
#   ours-nc / haproxy-nc: default bind, both processes started with an OpenSSL config that sends no TLS 1.3 tickets
#     (NumTickets = 0), so wrk cannot resume either and every handshake is full, with the context cached.
#
#   [APPLIANCE=path] [NGINX_PORT=31351] [BASE_PORT=31360] bench/notes/tlsfull-ab.sh ROUNDS SECONDS WARMUP
# Prints "ROUND NAME rps=R cpu_us_per_req=C load=L".
set -euo pipefail
ROUNDS=$1 SECS=$2 WARM=$3
NGINX_PORT=${NGINX_PORT:-31351} BASE_PORT=${BASE_PORT:-31360}
APPLIANCE=${APPLIANCE:-appliance}
# shellcheck source=bench/notes/nginx-100b.sh
source "$(dirname "$0")/nginx-100b.sh"
openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -keyout "$W/key.pem" -out "$W/cert.pem" \
  -days 30 -subj /CN=bench.test >/dev/null 2>&1
cat "$W/cert.pem" "$W/key.pem" >"$W/bench.pem"
printf 'openssl_conf = init\n[init]\nssl_conf = ssl\n[ssl]\nsystem_default = server\n[server]\nNumTickets = 0\n' >"$W/no-tickets.cnf"
conf() { # conf PORT BIND_OPTIONS: bench/run's text for the TLS frontends
  cat <<C
global
    maxconn 4000
    nbthread 1
    ssl-default-bind-options ssl-min-ver TLSv1.3
    ssl-default-bind-ciphersuites TLS_AES_256_GCM_SHA384:TLS_CHACHA20_POLY1305_SHA256:TLS_AES_128_GCM_SHA256
    tune.ssl.cachesize 0
defaults
    mode http
    maxconn 4000
    timeout connect 5s
    timeout client 300s
    timeout server 300s
frontend https_in
    bind 127.0.0.1:$1 ssl crt $W/bench.pem $2
    default_backend nginx_http
backend nginx_http
    server n1 127.0.0.1:$NGINX_PORT
C
}
declare -A PID PORT
NAMES=(ours-nt haproxy-nt ours-nc haproxy-nc)
i=0
for n in "${NAMES[@]}"; do
  PORT[$n]=$((BASE_PORT + i)) i=$((i + 1))
  opts=no-tls-tickets env=()
  if [ "${n#*-}" = nc ]; then opts="" env=(OPENSSL_CONF="$W/no-tickets.cnf"); fi
  conf "${PORT[$n]}" "$opts" >"$W/$n.cfg"
  if [ "${n%-*}" = ours ]; then cmd=("$APPLIANCE" run -f "$W/$n.cfg"); else cmd=(haproxy -f "$W/$n.cfg"); fi
  env "${env[@]}" taskset -c 0 "${cmd[@]}" >"$W/$n.log" 2>&1 &
  PID[$n]=$!
  PIDS+=($!)
done
sleep 8
run() { taskset -c 1 wrk -t1 -c50 -d"$2s" -H "Connection: close" "https://127.0.0.1:${PORT[$1]}/100b"; }
for n in "${NAMES[@]}"; do run "$n" "$WARM" >/dev/null; done
for r in $(seq "$ROUNDS"); do
  for n in "${NAMES[@]}"; do
    c0=$(cpu "${PID[$n]}")
    out=$(run "$n" "$SECS")
    c1=$(cpu "${PID[$n]}")
    req=$(awk '/requests in/ {print $1}' <<<"$out")
    rps=$(awk '/Requests\/sec/ {print $2}' <<<"$out")
    echo "$r $n rps=$rps cpu_us_per_req=$(awk -v c=$((c1 - c0)) -v q="$req" -v hz="$(getconf CLK_TCK)" 'BEGIN { printf "%.1f", c / hz / q * 1e6 }') load=$(cut -d' ' -f1 /proc/loadavg)"
  done
done
