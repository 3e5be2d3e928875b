# Sourced by bench/run after the cells ran: prints docs/benchmarks.md (markdown) from the raw results
#   $FAILOVER_RESULTS  lines "RESULT impl=.. advert_ms=.. fault=.. run=.. outage_ms=.. ..." or "FAILED ..."
#   $PROXY_RESULTS     TSV: cell impl run requests p50_ms p99_ms seconds mib rate errors cpu_seconds load1
#   $MEMORY_RESULTS    TSV: impl rss_before_kib rss_after_kib established "RESULT ready=N failed=N"
#   $LOGGING_RESULTS   TSV like $PROXY_RESULTS for the logging cell (impls ours, ours-log, haproxy, haproxy-log)
#   $LOGGING_LINES     TSV: impl run lines-rsyslog-wrote
#   $SYNC_RESULTS      lines "RESULT cell=sync-lag ..." and "RESULT cell=config-converge ..." or "FAILED ..."
# and the variables bench/run set (machine, load averages, commands). Not meant to run on its own.

# median_of: the median of the numbers on stdin ("-" when none).
median_of() { sort -g | awk '{ v[NR] = $1 } END { if (NR == 0) print "-"; else if (NR % 2) print v[(NR + 1) / 2]; else print (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
max_of() { sort -g | awk '{ m = $1 } END { print (NR ? m : "-") }'; }

# failover_values IMPL ADVERT FAULT KEY: the KEY values of that cell's successful runs, one a line.
failover_values() {
  grep "^RESULT impl=$1 advert_ms=$2 fault=$3 " "$FAILOVER_RESULTS" 2>/dev/null | grep -o " $4=[0-9.]*" | cut -d= -f2 || true
}
failover_failed() { grep -c "^FAILED impl=$1 advert_ms=$2 fault=$3 " "$FAILOVER_RESULTS" 2>/dev/null || true; }

# proxy_column CELL IMPL COLUMN: that column of the cell's runs, one a line (cpu per 10k and per MiB are derived).
proxy_column() {
  awk -F'\t' -v c="$1" -v i="$2" -v k="$3" '$1 == c && $2 == i && $4 > 0 {
    if (k == "cpu10k") print $11 / $4 * 10000
    else if (k == "cpumib") print ($8 > 0 ? $11 * 1000 / $8 : 0)
    else if (k == "busy") print $11 / $7 * 100
    else if (k == "rate") print $9
    else if (k == "p50") print $5
    else if (k == "p99") print $6
    else if (k == "load") print $12
    else if (k == "errors") print $10 }' "$PROXY_RESULTS" 2>/dev/null || true
}
proxy_median() { proxy_column "$@" | median_of; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (a == "-" || b == "-" || b == 0) print "-"; else printf "%.2f", a / b }'; }
fmt() { awk -v v="$1" -v f="$2" 'BEGIN { if (v == "-") print "-"; else printf f, v }'; }

cat <<EOF
# Benchmarks: appliance vs haproxy 2.6 and keepalived 2.2.7

Written by \`bench/run\` (issue 9) on every run; do not edit by hand. Speed is measured here, never in unit tests.

## This run
| | |
|---|---|
| date | $STARTED_AT, took $((ELAPSED / 60)) min $((ELAPSED % 60)) s |
| command | \`bench/run $WHAT$( [ "$QUICK" -eq 1 ] && echo " --quick")\` (runs per proxy cell: $RUNS, wrk seconds per run: $SECONDS_PER_RUN, runs per failover cell: $FAILOVER_RUNS) |
| appliance | commit $COMMIT, \`dotnet build -c Release\` (workstation concurrent GC, tiered PGO, as the Host project sets) |
| peers | $(haproxy -v 2>/dev/null | head -n 1 | cut -d' ' -f1-3); $(keepalived -v 2>&1 | head -n 1); $(nginx -v 2>&1 | cut -d' ' -f3); $(wrk -v 2>&1 | head -n 1 | cut -d' ' -f1-2) |
| machine | $(nproc) CPUs ($CPU_MODEL), $MEMORY, kernel $(uname -r), hard open-files limit $FD_LIMIT |
| load average (1/5/15 min) | at start $LOAD_START; failover cells started at ${LOAD_FAILOVER:--}; proxy cells started at ${LOAD_PROXY:--}; at the end $LOAD_END |

The machine is shared (other engineers build on it), so every figure is the **median** of the runs and the load
average at each proxy run is kept in the raw results; read ratios, not absolute rates.

EOF
if awk -v l="${LOAD_START%% *}" -v e="${LOAD_END%% *}" -v n="$(nproc)" 'BEGIN { exit !(l > 2 * n || e > 2 * n) }'; then
  cat <<EOF
> **Overloaded machine.** The 1-minute load average was ${LOAD_START%% *} at the start and ${LOAD_END%% *} at the end
> on $(nproc) CPUs: the proxies got only part of their pinned core ("busy" below), so no proxy cell is proxy-bound and
> CPU per request is measured with the larger batches a starved process works through (fewer wake-ups per request).
> Treat the ratios as provisional and repeat the run on a quiet machine.

EOF
fi

if [ -s "$FAILOVER_RESULTS" ]; then
  cat <<EOF
## Failover (namespace lab)
\`lab/lab.sh\` builds a fresh lab per run: lb1 (priority 150) and lb2 (100) on a bridge with VIP 10.213.0.10/24, a socat
backend that speaks first, and the client. **Ours**: each node runs \`appliance run -f\` with lab.sh's config (TCP
listener VIP:8080, \`check inter 500ms\`; \`ha\`: VRID 51, \`track_interface eth0\`, \`garp_master_delay 1s\`), the
advert interval under test and state sync between the two nodes as a deployed pair runs it (\`node_name\`,
\`sync_listen\` on the node's address port 7400, \`sync_peer\` the other node, \`sync_psk_file\` from
\`appliance cluster gen-psk\`): the backup's liveness connection to the master's sync port is what lets it tell a
dead master process (refused) from a silent host (docs/ha.md "Fast takeover when the master process dies"). **keepalived**: each node runs haproxy with the same proxy sections and keepalived
(\`vrrp_version 3\`, VRID 51, the same priorities, VIP, advert interval, \`track_interface eth0\`, \`garp_master_delay 1\`).
The fault hits every process of the master at once (ours: the appliance; keepalived: haproxy, keepalived and its VRRP
child). The outage is the longest gap between two successful attempts of the lab tests' client probe
(\`tests/Appliance.LabTests/Infrastructure/ClientProbe.cs\`: a connection to VIP:8080 every 10 ms that counts only when
the backend's byte arrives; attempts overlap, 500 ms timeout), from the last success before the fault on. The probe
also counts how attempts failed: *refused* (RST: the dead master's kernel still holds the VIP, so a client gets
"connection refused" at once and retries on its own schedule) or *timed out* (nobody answered). Each node's output is
kept per run (\`--keep\`: failover/IMPL-FAULT-ADVERT-RUN/lb2.log holds the takeover reason and the liveness events).
Command per cell: \`appliance-bench failover --impl ours|keepalived --advert-ms N --fault kill|stop|linkdown|load --runs N ...\`.

### kill -9 of the master
Targets: ours at most half of keepalived's outage at the same advert interval (medians compared); under 300 ms at
100 ms adverts (the median; the max is shown). RFC 5798 §6.1 bounds both: a backup of priority 100 declares the master
down after Master_Down_Interval = 3 × advert + (256 − 100)/256 × advert, i.e. 3.61 s at 1 s and 361 ms at 100 ms,
counted from the last advert before the kill (so 0 to one advert interval less).

| advert | ours median (max) | keepalived median (max) | ratio ours/keepalived | runs ok ours / keepalived | ≤ half of keepalived? | < 300 ms? |
|---|---|---|---|---|---|---|
EOF
  for advert in 1000 100; do
    om=$(failover_values ours "$advert" kill outage_ms | median_of)
    [ "$om" = "-" ] && [ "$(failover_values keepalived "$advert" kill outage_ms | median_of)" = "-" ] && continue
    ox=$(failover_values ours "$advert" kill outage_ms | max_of)
    km=$(failover_values keepalived "$advert" kill outage_ms | median_of)
    kx=$(failover_values keepalived "$advert" kill outage_ms | max_of)
    on=$(failover_values ours "$advert" kill outage_ms | wc -l)
    kn=$(failover_values keepalived "$advert" kill outage_ms | wc -l)
    half=$(awk -v o="$om" -v k="$km" 'BEGIN { if (o == "-" || k == "-") print "-"; else print (o <= k / 2 ? "met" : "**not met**") }')
    under="n/a"
    if [ "$advert" = 100 ]; then under=$(awk -v o="$om" 'BEGIN { if (o == "-") print "-"; else print (o < 300 ? "met" : "**not met**") }'); fi
    echo "| $advert ms | $om ms ($ox ms) | $km ms ($kx ms) | $(ratio "$om" "$km") | $on/$((on + $(failover_failed ours "$advert" kill))) / $kn/$((kn + $(failover_failed keepalived "$advert" kill))) | $half | $under |"
  done
  echo
  # Which path took over in our kill -9 runs: MasterDown = the Master_Down_Interval timer, MasterProcessGone = the fast
  # path (docs/ha.md "Fast takeover when the master process dies"; needs sync_peer lines and a listening sync port).
  paths=$(grep "^RESULT impl=ours advert_ms=[0-9]* fault=kill " "$FAILOVER_RESULTS" 2>/dev/null | grep -o " advert_ms=[0-9]*\| path=[A-Za-z-]*" | paste -d' ' - - | sed 's/ advert_ms=//; s/ path=/ ms: /' | sort | uniq -c | awk '{ printf "%s%s × %s %s", (NR > 1 ? ", " : ""), $1, $4, "(" $2 " ms adverts)" }' || true)
  if [ -n "$paths" ]; then
    echo "Takeover path of our kill -9 runs: ${paths}."
    echo
  fi

  if grep -q 'fault=stop' "$FAILOVER_RESULTS"; then
    cat <<EOF
### SIGSTOP of the master (100 ms adverts)
The master freezes (its kernel still holds the VIP and accepts connections that are never served). No target; for
comparison with keepalived.

| | median (max) outage | runs ok |
|---|---|---|
| ours | $(failover_values ours 100 stop outage_ms | median_of) ms ($(failover_values ours 100 stop outage_ms | max_of) ms) | $(failover_values ours 100 stop outage_ms | wc -l) |
| keepalived + haproxy | $(failover_values keepalived 100 stop outage_ms | median_of) ms ($(failover_values keepalived 100 stop outage_ms | max_of) ms) | $(failover_values keepalived 100 stop outage_ms | wc -l) |

EOF
  fi

  if grep -q 'fault=linkdown' "$FAILOVER_RESULTS"; then
    cat <<EOF
### The master's host gone (its switch port down)
lb1's port on the lab's switch goes down: the network hears nothing more from lb1 (no advert, no FIN, no RST), as after
a host crash or a power loss. No fast path applies (the liveness connection just goes quiet): both wait
Master_Down_Interval. No target; for comparison with keepalived.

| advert | ours median (max) | keepalived median (max) | ratio ours/keepalived | takeover path (ours) | runs ok ours / keepalived |
|---|---|---|---|---|---|
EOF
    for advert in 1000 100; do
      om=$(failover_values ours "$advert" linkdown outage_ms | median_of)
      km=$(failover_values keepalived "$advert" linkdown outage_ms | median_of)
      [ "$om" = "-" ] && [ "$km" = "-" ] && continue
      on=$(failover_values ours "$advert" linkdown outage_ms | wc -l)
      kn=$(failover_values keepalived "$advert" linkdown outage_ms | wc -l)
      lpaths=$(grep "^RESULT impl=ours advert_ms=$advert fault=linkdown " "$FAILOVER_RESULTS" | grep -o " path=[A-Za-z-]*" | cut -d= -f2 | sort | uniq -c | awk '{ printf "%s%s × %s", (NR > 1 ? ", " : ""), $1, $2 }' || true)
      echo "| $advert ms | $om ms ($(failover_values ours "$advert" linkdown outage_ms | max_of) ms) | $km ms ($(failover_values keepalived "$advert" linkdown outage_ms | max_of) ms) | $(ratio "$om" "$km") | ${lpaths:--} | $on/$((on + $(failover_failed ours "$advert" linkdown))) / $kn/$((kn + $(failover_failed keepalived "$advert" linkdown))) |"
    done
    echo
  fi

  if grep -q 'fault=load' "$FAILOVER_RESULTS"; then
    cat <<EOF
### False failovers under load (100 ms adverts, 30 s)
Each node's config gets one more listener (\`listen web\`, \`mode http\`, VIP:8081 to nginx in the backend namespace);
\`wrk -t2 -c200 -d30s\` from the client saturates the master's proxy (nothing pinned: wrk, nginx and both nodes share
the 2 CPUs). A role change during the load is a false failover (or its undoing); the probe keeps running on VIP:8080.

| | role changes (both nodes) | lb1 role at the end | wrk req/s | probe's longest gap | probe attempts (on VIP:8080, during the whole run) |
|---|---|---|---|---|---|
EOF
    for impl in ours keepalived; do
      line=$(grep "^RESULT impl=$impl advert_ms=100 fault=load " "$FAILOVER_RESULTS" | head -n 1 || true)
      if [ -z "$line" ]; then
        echo "| $impl | failed: $(grep "^FAILED impl=$impl advert_ms=100 fault=load " "$FAILOVER_RESULTS" | head -n 1 | cut -c1-200) | | | | |"
        continue
      fi
      get() { echo "$line" | grep -o " $1=[^ ]*" | cut -d= -f2; }
      echo "| $impl | $(get role_changes) | $(get lb1_role) | $(get wrk_rps) | $(get probe_max_gap_ms) ms | $(echo "$line" | sed 's/.*probe="\([^"]*\)".*/\1/') |"
    done
    echo
  fi
  if grep -q '^FAILED' "$FAILOVER_RESULTS"; then
    echo "Failed runs:"
    echo
    grep '^FAILED' "$FAILOVER_RESULTS" | cut -c1-400 | sed 's/^/    /'
    echo
  fi
fi

if [ -s "$PROXY_RESULTS" ]; then
  cat <<EOF
## Proxy cells (127.0.0.1)
Backends: nginx (one process, \`master_process off\`, pinned with the load generators) serving a 100-byte and a 64 KiB file, and \`appliance-bench ws-echo\`.
Ours and haproxy load the same configuration text (only the ports differ; \`maxconn $MAXCONN\` so haproxy's two
descriptors per connection fit the hard limit of $FD_LIMIT), run side by side, each pinned to CPU 0
(\`taskset -c 0\`); wrk, nginx and the echo server are pinned to CPU 1. Each run: \`taskset -c 1 wrk -t1 -c50
-d${SECONDS_PER_RUN}s --latency [-H "Connection: close"] URL\` after a warm-up per cell and implementation (the same load in 2 s slices until the proxy's CPU per request is
steady: at least ${WARMUP_SECONDS:-2} s$( [ -n "${FIRST_WARMUP_SECONDS:-}" ] && echo " (${FIRST_WARMUP_SECONDS} s in a fresh process's first cell, which also waits out the JIT's tier-up)"), then until three slices in a row lie within 6 % of their mean and are no longer
5 % below the three before, at most ${WARMUP_MAX:-${WARMUP_SECONDS:-2}} s; see
"Warm-up" below); the runs
alternate ours, haproxy. The proxy's CPU is utime + stime from /proc/PID/stat before and after the run. TLS: TLS 1.3
only, OpenSSL's default suite list in its order, the same self-signed ECDSA P-256 certificate. wrk offers the previous
session's ticket on every new connection (seen with tshark: 248 of 250 ClientHellos carry a pre_shared_key), so
\`tls-close-100\` measures **resumed** handshakes wherever the server accepts them, and \`tls-full-100\` (a bind with
\`no-tls-tickets\`; haproxy also runs \`tune.ssl.cachesize 0\`) **full** handshakes. bench/run stops unless both
servers negotiate the same (a default OpenSSL client, second connection offering the first one's session):
resumable bind ours ${TLS_SEEN[ours]}, haproxy ${TLS_SEEN[haproxy]}; full bind ours ${TLS_SEEN[ours-full]:--},
haproxy ${TLS_SEEN[haproxy-full]:--}.

Targets: CPU per request ratio ours/haproxy ≤ 1.00 (first milestone ≤ 1.5); p99 latency no worse than haproxy's
when the proxy is the bottleneck ("busy" = the proxy's CPU seconds per wall second on its core; the p99 target is
judged only when both are at least 90 % busy, otherwise the column says which p99 was lower). Throughput (req/s)
compares fairly only when both proxies are saturated: on a contended core the scheduler shares CPU time per thread,
and ours runs more threads than single-threaded haproxy.

| cell | ours req/s | haproxy req/s | ours p50 / p99 ms | haproxy p50 / p99 ms | ours busy | haproxy busy | ours CPU s / 10k req | haproxy CPU s / 10k req | CPU ratio | CPU ≤ 1.00 (≤ 1.5) | p99 ≤ haproxy |
|---|---|---|---|---|---|---|---|---|---|---|---|
EOF
  for cell in $(cut -f1 "$PROXY_RESULTS" | awk '!seen[$0]++'); do
    oc=$(proxy_median "$cell" ours cpu10k); hc=$(proxy_median "$cell" haproxy cpu10k)
    r=$(ratio "$oc" "$hc")
    cpu_ok=$(awk -v r="$r" 'BEGIN { if (r == "-") print "-"; else if (r <= 1.0) print "met"; else if (r <= 1.5) print "milestone met (≤ 1.5)"; else print "**not met**" }')
    op99=$(proxy_median "$cell" ours p99); hp99=$(proxy_median "$cell" haproxy p99)
    obusy=$(proxy_median "$cell" ours busy); hbusy=$(proxy_median "$cell" haproxy busy)
    # The target applies when the proxy is the bottleneck: both at least 90 % busy on their core.
    p99_ok=$(awk -v o="$op99" -v h="$hp99" -v ob="$obusy" -v hb="$hbusy" 'BEGIN {
      if (o == "-" || h == "-") print "-"
      else if (ob < 90 || hb < 90) print "not proxy-bound (" (o <= h ? "lower" : "higher") ")"
      else print (o <= h ? "met" : "**not met**") }')
    echo "| $cell | $(fmt "$(proxy_median "$cell" ours rate)" %.0f) | $(fmt "$(proxy_median "$cell" haproxy rate)" %.0f) | $(fmt "$(proxy_median "$cell" ours p50)" %.2f) / $(fmt "$op99" %.2f) | $(fmt "$(proxy_median "$cell" haproxy p50)" %.2f) / $(fmt "$hp99" %.2f) | $(fmt "$obusy" %.0f)% | $(fmt "$hbusy" %.0f)% | $(fmt "$oc" %.3f) | $(fmt "$hc" %.3f) | $r | $cpu_ok | $p99_ok |"
  done
  cat <<EOF

Cells: \`http-*\` = \`mode http\`; \`tcp-*\` = \`mode tcp\` (wrk's HTTP/1.1 through the TCP tunnel); \`tls-*\` = \`mode http\`
behind \`bind ... ssl\`; \`-ka\` = keep-alive, \`-close\` = \`Connection: close\` (a new connection per request; for TLS
the req/s are handshakes per second: \`tls-close\` resumed, \`tls-full\` full); \`-100\`/\`-64k\` = response body size; \`-c200\` = 200 connections instead of 50; \`-splice\` = \`option splice-auto\` on the frontend (both proxies splice(2) once a read fills the buffer); \`ws-echo-100\` = 50 WebSockets through
\`mode http\`, each sending a 100-byte message and waiting for its echo (\`appliance-bench ws-load\`; messages/s and
round-trip p50/p99; CPU per 10k messages).

EOF
  if grep -q -- '-64k' "$PROXY_RESULTS"; then
    cat <<EOF
### CPU per MiB (64 KiB responses)
| cell | ours MiB/s | haproxy MiB/s | ours CPU ms / MiB | haproxy CPU ms / MiB | ratio | ≤ 1.00 (≤ 1.5) |
|---|---|---|---|---|---|---|
EOF
    for cell in $(cut -f1 "$PROXY_RESULTS" | grep -- '-64k' | awk '!seen[$0]++'); do
      om=$(proxy_median "$cell" ours cpumib); hm=$(proxy_median "$cell" haproxy cpumib)
      r=$(ratio "$om" "$hm")
      ok=$(awk -v r="$r" 'BEGIN { if (r == "-") print "-"; else if (r <= 1.0) print "met"; else if (r <= 1.5) print "milestone met (≤ 1.5)"; else print "**not met**" }')
      orate=$(awk -F'\t' -v c="$cell" '$1 == c && $2 == "ours" { print $8 / $7 }' "$PROXY_RESULTS" | median_of)
      hrate=$(awk -F'\t' -v c="$cell" '$1 == c && $2 == "haproxy" { print $8 / $7 }' "$PROXY_RESULTS" | median_of)
      echo "| $cell | $(fmt "$orate" %.0f) | $(fmt "$hrate" %.0f) | $(fmt "$om" %.3f) | $(fmt "$hm" %.3f) | $r | $ok |"
    done
    echo
  fi

  if [ -s "$MEMORY_RESULTS" ]; then
    cat <<EOF
### Memory for $IDLE idle keep-alive connections
A fresh proxy serves a 2 s wrk warm-up, then \`appliance-bench idle\` opens $IDLE connections (100 at a time), sends one
keep-alive request for the 100-byte file on each, reads the response and leaves the connection idle; VmRSS
(/proc/PID/status) before, and 3 s after the last one is idle. $( [ "$IDLE" -lt 10000 ] && echo "The issue asks for 10,000: this machine's hard open-files limit ($FD_LIMIT, not raisable here) caps haproxy's \`maxconn\` at $MAXCONN, so the cell uses $IDLE.")
Target: ours no more than haproxy's (the growth is compared).

| | RSS before | RSS after | growth | per connection | connections established at the proxy | client |
|---|---|---|---|---|---|---|
EOF
    while IFS=$'\t' read -r impl before after established client; do
      echo "| $impl | $((before / 1024)) MiB | $((after / 1024)) MiB | $(((after - before) / 1024)) MiB | $(awk -v d=$((after - before)) -v n="$IDLE" 'BEGIN { printf "%.1f KiB", d / n }') | $established | ${client#RESULT } |"
    done <"$MEMORY_RESULTS"
    og=$(awk -F'\t' '$1 == "ours" { print $3 - $2 }' "$MEMORY_RESULTS"); hg=$(awk -F'\t' '$1 == "haproxy" { print $3 - $2 }' "$MEMORY_RESULTS")
    echo
    echo "Growth ratio ours/haproxy: $(ratio "${og:--}" "${hg:--}"): target $(awk -v o="${og:--}" -v h="${hg:--}" 'BEGIN { if (o == "-" || h == "-") print "-"; else print (o <= h ? "met" : "**not met**") }')."
    echo
  fi
  cat <<EOF
Raw results (one row per run: cell, implementation, run, requests, p50 ms, p99 ms, seconds, MiB read, req/s,
wrk socket errors, proxy CPU seconds, 1-minute load average when the run ended):

\`\`\`
$(cat "$PROXY_RESULTS")
\`\`\`

EOF
fi

if [ -s "${LOGGING_RESULTS:-}" ]; then
  # logging_median IMPL COLUMN: the median of the logging cell's runs (proxy_column reads $PROXY_RESULTS).
  logging_median() { PROXY_RESULTS=$LOGGING_RESULTS proxy_median logging-http-ka-100 "$@"; }
  cat <<EOF
## Logging cost (http-ka-100, \`option httplog\` to rsyslog over UDP)
The \`http-ka-100\` load (wrk, 50 keep-alive connections, 100-byte responses, pinned as above) against the same
configuration without logging and with \`log 127.0.0.1:${SYSLOG_PORT:-29403} local0\` in global plus \`log global\` and
\`option httplog\` in defaults, so every request writes one line; Debian's rsyslog (UDP input, 8 MiB receive buffer,
one file, pinned to CPU 1 with wrk and nginx) receives them. The four proxies run side by side; the runs alternate
ours, ours with logging, haproxy, haproxy with logging (load average when the cell started: ${LOAD_LOGGING:--}).
Target (issue 4): logging every request costs ours less than 10 % of its requests per second. That is judged on
req/s when the proxy's core was at least 90 % busy in both runs; otherwise on CPU per request (a cost c per request
leaves a saturated proxy 1 / (1 + c) of its requests per second), which the proxy pays whether or not it is saturated.

| | req/s without | req/s with | req/s cost | busy without / with | CPU s / 10k req without | with | CPU cost | lines rsyslog wrote / requests | < 10 %? |
|---|---|---|---|---|---|---|---|---|---|
EOF
  for impl in ours haproxy; do
    rn=$(logging_median "$impl" rate); rl=$(logging_median "$impl-log" rate)
    cn=$(logging_median "$impl" cpu10k); cl=$(logging_median "$impl-log" cpu10k)
    cost=$(awk -v n="$rn" -v l="$rl" 'BEGIN { if (n == "-" || l == "-" || n == 0) print "-"; else printf "%.1f %%", (1 - l / n) * 100 }')
    cpu=$(awk -v n="$cn" -v l="$cl" 'BEGIN { if (n == "-" || l == "-" || n == 0) print "-"; else printf "%.1f %%", (l / n - 1) * 100 }')
    delivered=$(awk -F'\t' -v i="$impl-log" 'NR == FNR { if ($1 == i) lines += $3; next } $1 == "logging-http-ka-100" && $2 == i { requests += $4 }
      END { if (requests == 0) print "-"; else printf "%.0f / %.0f (%.1f %%)", lines, requests, lines / requests * 100 }' "$LOGGING_LINES" "$LOGGING_RESULTS")
    # Judged on req/s when both runs kept the proxy's core busy (>= 90 %); otherwise on what the lost CPU time would
    # cost a saturated proxy: a CPU cost c per request leaves 1 / (1 + c) of the requests per second.
    ok=$(awk -v n="$rn" -v l="$rl" -v cn="$cn" -v cl="$cl" -v bn="$(logging_median "$impl" busy)" -v bl="$(logging_median "$impl-log" busy)" 'BEGIN {
      if (n == "-" || l == "-" || n == 0 || cn == "-" || cl == "-" || cn == 0) print "-"
      else if (bn >= 90 && bl >= 90) print ((1 - l / n) < 0.10 ? "met" : "**not met**")
      else { c = 1 - cn / cl; printf "%s (not proxy-bound; from CPU: %.1f %%)\n", (c < 0.10 ? "met" : "**not met**"), c * 100 } }')
    echo "| $impl | $(fmt "$rn" %.0f) | $(fmt "$rl" %.0f) | $cost | $(fmt "$(logging_median "$impl" busy)" %.0f)% / $(fmt "$(logging_median "$impl-log" busy)" %.0f)% | $(fmt "$cn" %.3f) | $(fmt "$cl" %.3f) | $cpu | $delivered | $( [ "$impl" = ours ] && echo "$ok" || echo "n/a") |"
  done
  cat <<EOF

Raw results (same columns as the proxy cells), then the lines rsyslog wrote per logged run:

\`\`\`
$(cat "$LOGGING_RESULTS")
$(cat "$LOGGING_LINES")
\`\`\`

EOF
fi

if [ -s "${WARMUP_RESULTS:-}" ]; then
  cat <<EOF
## Warm-up
Seconds of load each proxy needed, per cell, before its CPU per request was steady, and that cost (µs per request) in
each 2 s slice. Our proxy compiles its hot paths a second time in the background (.NET tiered compilation with PGO) on
its pinned core, so a cell that reaches new code starts up to 2x dearer; a fixed 2-5 s warm-up measured that
compilation. A cell at the cap (${WARMUP_MAX:-40} s) did not settle within it.

| cell | proxy | seconds | µs CPU per request, per slice |
|---|---|---|---|
EOF
  awk -F'\t' '{ printf "| %s | %s | %s | %s |\n", $1, $2, $3, $4 }' "$WARMUP_RESULTS"
  echo
fi

if [ -s "${SYNC_RESULTS:-}" ]; then
  # sync_value CELL KEY: the KEY value of that cell's RESULT line ("-" when absent).
  sync_value() { grep "^RESULT cell=$1 " "$SYNC_RESULTS" | grep -o " $2=[^ ]*" | head -n 1 | cut -d= -f2 || true; }
  lag_p99=$(sync_value sync-lag p99_ms)
  converge_max=$(sync_value config-converge max_ms)
  cat <<EOF
## State sync (namespace lab)
One lab (\`lab/lab.sh\`): lb1 (priority 150, master) and lb2 (100) run \`appliance run -f\` with state sync over a
pre-shared key (\`node_name\`, \`sync_listen\`, \`sync_peer\`, \`sync_psk_file\`) and the sticky-client tests' proxy
sections (\`tests/Appliance.LabTests/Infrastructure/Sticky/StickyConfigs.cs\`: replicated stick tables with
\`peers lab\`, four HTTP servers). Started at load average ${LOAD_SYNC:--}.

**Replication lag.** $SYNC_RATE new sticky entries per second for ${SYNC_SECONDS:--} s through the VIP: 32 keep-alive
connections from the client send \`GET /login\` on a fixed schedule, every response sets a new \`JSESSIONID\` and
\`stick store-response res.cook(JSESSIONID)\` stores it, so each request is one new entry to replicate. The lag is the
master's own measure, from the local change to lb2's acknowledgement, as \`appliance sync status\` reports it
(percentiles over the sync service's window, which covers the whole run). Target: p99 under 10 ms.

| target rate | achieved | entries | errors | lag p50 | lag p99 | table size lb1 / lb2 once all acked | target |
|---|---|---|---|---|---|---|---|
| $SYNC_RATE/s | $(sync_value sync-lag rate)/s | $(sync_value sync-lag entries) | $(sync_value sync-lag errors) | $(sync_value sync-lag p50_ms) ms | ${lag_p99:--} ms | $(sync_value sync-lag lb1_entries) / $(sync_value sync-lag lb2_entries) | $(awk -v p="${lag_p99:--}" 'BEGIN { if (p == "-" || p == "") print "-"; else print (p < 10 ? "met" : "**not met**") }') |

EOF
  if awk -v r="$(sync_value sync-lag rate)" -v t="$SYNC_RATE" 'BEGIN { exit !(r != "" && r < 0.95 * t) }'; then
    cat <<EOF
> The load reached $(sync_value sync-lag rate) of $SYNC_RATE new entries per second (the client and the four servers run
> in \`appliance-bench\`, the nodes beside them on the same CPUs): the lag above is at that rate, not at the target's.

EOF
  fi
  cat <<EOF
**Configuration convergence.** ${SYNC_RUNS:--} times: a new HTTP listener is appended to lb1's file and \`reload\` is
sent to lb1's admin socket (what \`appliance reload\` sends); the time runs until both nodes answer on it at their own
address (polled every 5 ms from the client). Target: under 1 s.

| runs | median | max | every run | target |
|---|---|---|---|---|
| $(sync_value config-converge runs) | $(sync_value config-converge median_ms) ms | ${converge_max:--} ms | $(sync_value config-converge all_ms | tr ',' ' ') ms | $(awk -v m="${converge_max:--}" 'BEGIN { if (m == "-" || m == "") print "-"; else print (m < 1000 ? "met" : "**not met**") }') |

Raw results (\`appliance-bench sync\`):

\`\`\`
$(cat "$SYNC_RESULTS")
\`\`\`

EOF
  if grep -q '^FAILED' "$SYNC_RESULTS"; then
    echo "A sync cell failed: \`$(grep '^FAILED' "$SYNC_RESULTS" | head -n 1)\`"
    echo
  fi
fi

if [ -f "$ROOT/bench/findings.md" ]; then
  cat "$ROOT/bench/findings.md"
fi
