#!/usr/bin/env bash
# tcpcpu-strace.sh NAME PID BASE CELL: strace -c -f on a proxy started by tcpcpu-ab.sh (HOLD=seconds keeps it up)
# for 8 s under load; per request = calls / (sendto / 2): one send per direction per request or echoed message.
N=$1 PID=$2 BASE=$3 CELL=$4
if [ $CELL = tcp ]; then taskset -c 1 wrk -t1 -c50 -d16s http://127.0.0.1:$((BASE+1))/100b > /dev/null & L=$!
else taskset -c 1 ${BENCH:?} ws-load --port $((BASE+3)) --connections 50 --seconds 16 --size 100 > /dev/null & L=$!; fi
sleep 4
timeout 8 strace -c -f -p $PID -o ${WORK:-/tmp/tcpcpu-ab}/sc-$N-$CELL.txt 2>/dev/null
wait $L
awk -v n=$N -v c=$CELL '/sendto/ {s=$4} {if ($NF ~ /^[a-z_0-9]+$/ && $4 ~ /^[0-9]+$/) {calls[$NF]=$4}} END {printf "%s %s per request:", n, c; for (k in calls) if (calls[k]/(s/2) >= 0.01) printf " %s=%.2f", k, calls[k]/(s/2); printf "\n"}' ${WORK:-/tmp/tcpcpu-ab}/sc-$N-$CELL.txt
