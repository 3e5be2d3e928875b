#!/usr/bin/env bash
# Proxy CPU per request and per MiB, and system calls per request, for TCP-mode tunnels that copy and that splice
# (bench/notes/splice.md). The proxy runs on CPU 0, wrk and nginx on CPU 1 (taskset), all on 127.0.0.1; the variants
# are measured interleaved (round 1: every variant, round 2: every variant, ...).
#
# Usage: [CELLS="cell ..."] bench/notes/splice-measure.sh AFTER_BINARY [BEFORE_BINARY|-] [ROUNDS (2)] [SECONDS (10)] [--strace]
#   AFTER_BINARY   the appliance built from this branch: frontends copy (no option), auto (option splice-auto),
#                  always (option splice-request + splice-response)
#   BEFORE_BINARY  optional: the appliance built from main (copy only), measured in the same rounds
# haproxy 2.6 (if installed) runs the same three frontends as a reference. Prints TSV rows; the exit trap stops every
# process it started, by PID.
set -euo pipefail
AFTER=$1 BEFORE=${2:--} ROUNDS=${3:-2} SECS=${4:-10} STRACE=${5:-}
WORK=$(mktemp -d /tmp/splice-measure.XXXXXX)
PIDS=()
cleanup() { for p in "${PIDS[@]}"; do kill -TERM "$p" 2>/dev/null || true; done; sleep 1; for p in "${PIDS[@]}"; do kill -KILL "$p" 2>/dev/null || true; done; }
trap cleanup EXIT
start() { local out=$1; shift; "$@" >"$out" 2>&1 & STARTED=$!; PIDS+=("$STARTED"); }
wait_port() { for _ in $(seq 100); do (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null && return 0; sleep 0.1; done; echo "port $1 not up" >&2; exit 1; }

mkdir -p "$WORK/www" "$WORK/tmp"
head -c 100 /dev/zero | tr '\0' a >"$WORK/www/100b"
head -c 65536 /dev/zero | tr '\0' b >"$WORK/www/64k"
head -c 1048576 /dev/urandom >"$WORK/www/1m"
cat >"$WORK/nginx.conf" <<NGINX
master_process off; worker_processes 1; pid $WORK/nginx.pid; error_log $WORK/nginx-error.log warn;
events { worker_connections 4096; }
http { access_log off; sendfile on; tcp_nopush on; keepalive_requests 100000000; keepalive_timeout 300s;
  client_body_temp_path $WORK/tmp; server { listen 127.0.0.1:38601 backlog=4096; root $WORK/www; } }
NGINX
start "$WORK/nginx.log" taskset -c 1 nginx -c "$WORK/nginx.conf" -g 'daemon off;'

# conf BASE: copy on BASE, auto on BASE+1, always on BASE+2.
conf() {
  cat <<CFG
global
    maxconn 4000
    nbthread 1
defaults
    mode tcp
    timeout connect 5s
    timeout client 300s
    timeout server 300s
frontend copy
    bind 127.0.0.1:$1
    default_backend n
frontend auto
    bind 127.0.0.1:$(( $1 + 1 ))
    option splice-auto
    default_backend n
frontend always
    bind 127.0.0.1:$(( $1 + 2 ))
    option splice-request
    option splice-response
    default_backend n
backend n
    server n1 127.0.0.1:38601
CFG
}
declare -A PID=() PORT=()
conf 38610 >"$WORK/after.cfg"
start "$WORK/after.log" taskset -c 0 "$AFTER" run -f "$WORK/after.cfg"
PID[copy]=$STARTED PID[auto]=$STARTED PID[always]=$STARTED
PORT[copy]=38610 PORT[auto]=38611 PORT[always]=38612
VARIANTS=(copy auto always)
if [ "$BEFORE" != - ]; then
  conf 38620 >"$WORK/before.cfg"
  start "$WORK/before.log" taskset -c 0 "$BEFORE" run -f "$WORK/before.cfg"
  PID[main]=$STARTED PORT[main]=38620
  VARIANTS=(main "${VARIANTS[@]}")
fi
if command -v haproxy >/dev/null; then
  conf 38630 >"$WORK/haproxy.cfg"
  start "$WORK/haproxy.log" taskset -c 0 haproxy -db -f "$WORK/haproxy.cfg"
  PID[hap-copy]=$STARTED PID[hap-auto]=$STARTED PID[hap-always]=$STARTED
  PORT[hap-copy]=38630 PORT[hap-auto]=38631 PORT[hap-always]=38632
  VARIANTS+=(hap-copy hap-auto hap-always)
fi
for v in "${VARIANTS[@]}"; do wait_port "${PORT[$v]}"; done

ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }
# cell -> "connections path extra-header"
declare -A CELL=([tcp-ka-100]="50 /100b" [tcp-ka-64k]="50 /64k" [tcp-close-100]="50 /100b close" [tcp-ka-1m]="10 /1m"
  [tcp-ka-1m-c1]="1 /1m")
# CELLS="tcp-ka-1m-c1 ..." in the environment picks other cells.
read -r -a CELLS <<<"${CELLS:-tcp-ka-100 tcp-ka-64k tcp-close-100 tcp-ka-1m}"
wrk_run() { # VARIANT CELL SECONDS OUT
  local c path close; read -r c path close <<<"${CELL[$2]}"
  local -a extra=(); [ -n "$close" ] && extra=(-H "Connection: close")
  taskset -c 1 wrk -t1 -c"$c" -d"$3"s --latency "${extra[@]}" "http://127.0.0.1:${PORT[$1]}$path" >"$4" 2>&1 || true
}
parse() { awk 'function mib(v) { if (v ~ /GB$/) return v * 1024; if (v ~ /MB$/) return v + 0; if (v ~ /KB$/) return v / 1024; return v / 1048576 }
  / requests in / { r = $1; m = mib($5) } /Socket errors/ { e = $0; gsub(/.*errors: /, "", e); gsub(/ /, "", e) }
  END { printf "%s\t%.1f\t%s", r, m, (e == "" ? "-" : e) }' "$1"; }

for cell in "${CELLS[@]}"; do for v in "${VARIANTS[@]}"; do wrk_run "$v" "$cell" 2 /dev/null; done; done
printf 'cell\tvariant\tround\trequests\tMiB\terrors\tcpu_s\tus_per_req\tms_per_MiB\tload1\n'
for round in $(seq "$ROUNDS"); do
  for cell in "${CELLS[@]}"; do
    for v in "${VARIANTS[@]}"; do
      out=$WORK/$cell-$v-$round.out
      b=$(ticks "${PID[$v]}"); wrk_run "$v" "$cell" "$SECS" "$out"; a=$(ticks "${PID[$v]}")
      IFS=$'\t' read -r req mib err <<<"$(parse "$out")"
      awk -v c="$cell" -v v="$v" -v r="$round" -v q="$req" -v m="$mib" -v e="$err" -v t=$((a - b)) -v hz="$(getconf CLK_TCK)" -v l="$(cut -d' ' -f1 /proc/loadavg)" \
        'BEGIN { s = t / hz; printf "%s\t%s\t%s\t%s\t%.1f\t%s\t%.2f\t%.1f\t%.3f\t%s\n", c, v, r, q, m, e, s, (q > 0 ? s * 1e6 / q : 0), (m > 0 ? s * 1e3 / m : 0), l }'
    done
  done
done

if [ "$STRACE" = --strace ]; then
  printf '\nstrace -c -f over %s s of wrk per cell: system calls per request (top calls)\n' 5
  for cell in tcp-ka-100 tcp-ka-64k tcp-ka-1m; do
    for v in "${VARIANTS[@]}"; do
      [[ "$v" == hap-* ]] && continue
      st=$WORK/strace-$cell-$v.txt out=$WORK/strace-$cell-$v.out
      strace -qq -c -f -p "${PID[$v]}" -o "$st" & spid=$!
      sleep 1
      wrk_run "$v" "$cell" 5 "$out"
      kill -INT "$spid"; wait "$spid" 2>/dev/null || true
      req=$(parse "$out" | cut -f1)
      awk -v c="$cell" -v v="$v" -v q="$req" '$1 ~ /^[0-9.]+$/ && NF >= 5 && $NF != "total" { n = $4; name = $NF; calls[name] = n; total += n }
        END { line = ""; for (k in calls) if (calls[k] / q >= 0.1) line = line sprintf(" %s=%.2f", k, calls[k] / q);
              printf "%s\t%s\trequests=%s\tcalls/req=%.2f\t%s\n", c, v, q, total / q, line }' "$st"
    done
  done
fi
