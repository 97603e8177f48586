#!/usr/bin/env bash
# `once` over a monitor list of N monitors (default 1,000) against a loopback nginx: wall time
# from launch to exit, JVM start included, RUNS times (default 3), beside `once` over a list of
# one monitor in the same run (the start-up alone, for the machine's speed), and the requests
# nginx served per run (each monitor exactly once).
# Usage: bench/once-1000.sh   (after mvn -B package -DskipTests; N=, RUNS=, JAR=<path>)
set -euo pipefail
cd "$(dirname "$0")/.."
N=${N:-1000}
RUNS=${RUNS:-3}
JAR=$(realpath -m "${JAR:-target/bactrian.jar}")
. bench/lib.sh
bench_setup java nginx python3

# the target: nginx answering 200 on /m/..., one line per request in its log
start_arrival_target "$WORK/access.log"

# a folder with kind http, the shared tail, the alert routes and a list of $2 monitors
folder() {
  local dir=$WORK/$1 count=$2 i
  mkdir -p "$dir/routes" "$dir/monitors"
  cp routes/http-monitors.yaml routes/check-outcome.yaml routes/alert-channels.yaml \
      routes/alert-delivery.yaml "$dir/routes/"
  cp application.properties "$dir/"
  printf '\ncamel.server.enabled = false\nmail.host =\n' >> "$dir/application.properties"
  {
    printf 'defaults:\n  kind: http\n  cron: "0 0 0 1 1 ? 2099"\nmonitors:\n'
    for i in $(seq -w 0 $((count - 1))); do
      printf '  - id: m%s\n    url: "http://127.0.0.1:%s/m/%s"\n' "$i" "$NGINX_PORT" "$i"
    done
  } > "$dir/monitors/many.yaml"
}
folder one 1
folder many "$N"

# two runs first, as a timer would: the class-data archive beside the jar is written by then
mkdir -p "$WORK/app" && cp "$JAR" "$WORK/app/bactrian.jar"
for i in 1 2; do (cd "$WORK/one" && java -jar "$WORK/app/bactrian.jar" once > /dev/null 2>&1 || true); done

# once_ms FOLDER: runs once there with an emptied nginx log; sets MS, CODE, RESULTS, REQUESTS, ONCE
once_ms() {
  : > "$WORK/access.log"
  kill -USR1 "$(cat "$WORK/nginx.pid")" # reopen the emptied log
  sleep 0.2
  local start
  start=$(date +%s%3N)
  CODE=0
  (cd "$WORK/$1" && rm -rf data && java -jar "$WORK/app/bactrian.jar" once > "$WORK/out" 2>&1) || CODE=$?
  MS=$(( $(date +%s%3N) - start ))
  RESULTS=$(grep -cE '^m[0-9]+ +UP ' "$WORK/out" || true)
  REQUESTS=$(wc -l < "$WORK/access.log")
  ONCE=$(cut -d' ' -f2 "$WORK/access.log" | sort | uniq -c | awk '$1 == 1' | wc -l)
}

echo "once with $N monitors beside once with 1, $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg) at the start"
printf '%-4s %10s %10s %7s %6s %8s %9s %11s\n' run "1: wall ms" "$N: wall ms" ratio exit results requests "paths once"
for run in $(seq 1 "$RUNS"); do
  once_ms one
  one=$MS
  once_ms many
  awk -v r="$run" -v a="$one" -v b="$MS" -v c="$CODE" -v x="$RESULTS" -v q="$REQUESTS" -v o="$ONCE" \
    'BEGIN { printf "%-4s %10d %10d %7.2f %6s %8s %9s %11s\n", r, a, b, b / a, c, x, q, o }'
done
echo "load average $(cut -d' ' -f1-3 /proc/loadavg) at the end"
echo "goal: < 10000 ms wall for $N, each of the $N monitors requested exactly once"
