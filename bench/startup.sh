#!/usr/bin/env bash
# Start-up of a cold JVM: camel-monitor's time to its first probe result against a bare
# camel-main application with one quartz route (its time to its first log line, to its route
# started, and to its first quartz tick), in one run, alternating them, as ratios; and ours
# with the JVM options README's "Faster start" gives.
# Usage: bench/startup.sh   (after mvn -B package -DskipTests; RUNS=10 by default; JAR=<path>
# times another build of the jar)
set -euo pipefail
cd "$(dirname "$0")/.."
RUNS=${RUNS:-10}
JAR=$(realpath -m "${JAR:-target/camel-monitor.jar}")
. bench/lib.sh
bench_setup java javac

# the bare app, compiled against the same Camel jars
mkdir -p "$WORK/bare"
javac -d "$WORK/bare" -cp "$JAR" bench/bare/BareApp.java

# camel-monitor in a folder of its own: one monitor against a loopback target and the alert
# routes it sends to, run once
mkdir -p "$WORK/mon/routes"
cp routes/demo-site.yaml routes/alert-mail.yaml routes/alert-channels.yaml routes/alert-delivery.yaml "$WORK/mon/routes/"
cat > "$WORK/mon/application.properties" <<PROPS
camel.main.routes-include-pattern = file:routes/*.yaml
camel-monitor.data-dir = data
camel.server.enabled = false
mail.host =
mail.from = m@localhost
mail.to = o@localhost
mail.retry-delay = 2000
demo-site.cron = 0 0 0 1 1 ? 2099
demo-site.url = http://127.0.0.1:9/
demo-site.expect-status = 200
demo-site.connect-timeout = 1000
demo-site.timeout = 1000
demo-site.failure-threshold = 1
demo-site.success-threshold = 1
demo-site.reminder-interval = 0
PROPS

# ms from launch to the first log line matching $1 of the command that follows, by the time
# the line itself carries (HH:MM:SS.mmm): the script looks for it only every 100 ms, because
# a tighter loop of grep processes takes CPU from the JVM it is timing (on 2 cores a 5 ms loop
# made our start 1 s slower and the bare app's 0.1 s)
first_line_ms() {
  local pattern=$1; shift
  local start line pid
  start=$(date +%s%3N)
  "$@" > "$WORK/out" 2>&1 &
  pid=$!
  until line=$(grep -m1 -E "^[0-9:.]{12} .*$pattern" "$WORK/out" 2>/dev/null); do
    kill -0 "$pid" 2>/dev/null || { echo "process ended without '$pattern'" >&2; cat "$WORK/out" >&2; return 1; }
    sleep 0.1
  done
  kill "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
  echo $(( $(date -d "$(date +%F) ${line:0:12}" +%s%3N) - start ))
}

median() { sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : int((a[NR/2]+a[NR/2+1])/2))}'; }

: > "$WORK/bare_first" ; : > "$WORK/bare_started" ; : > "$WORK/bare_tick"
: > "$WORK/ours" ; : > "$WORK/ours_cds" ; : > "$WORK/ours_fast"
# class-data sharing: one run writes the archive that later runs map
(cd "$WORK/mon" && java -XX:ArchiveClassesAtExit="$WORK/cm.jsa" -jar "$JAR" once > /dev/null 2>&1 || true)
# README's options for a one-shot run: the archive, the quick JIT compiler only, one GC thread
fast="-XX:SharedArchiveFile=$WORK/cm.jsa -XX:TieredStopAtLevel=1 -XX:+UseSerialGC"
for i in $(seq 1 "$RUNS"); do
  first_line_ms 'INFO' java -cp "$JAR:$WORK/bare" BareApp >> "$WORK/bare_first"
  first_line_ms 'INFO .*Started bare' java -cp "$JAR:$WORK/bare" BareApp >> "$WORK/bare_started"
  first_line_ms 'INFO .* tick' java -cp "$JAR:$WORK/bare" BareApp >> "$WORK/bare_tick"
  (cd "$WORK/mon" && rm -rf data && first_line_ms 'demo-site (UP|DOWN):' java -jar "$JAR" once) >> "$WORK/ours"
  (cd "$WORK/mon" && rm -rf data && first_line_ms 'demo-site (UP|DOWN):' \
      java -XX:SharedArchiveFile="$WORK/cm.jsa" -jar "$JAR" once) >> "$WORK/ours_cds"
  # shellcheck disable=SC2086
  (cd "$WORK/mon" && rm -rf data && first_line_ms 'demo-site (UP|DOWN):' java $fast -jar "$JAR" once) >> "$WORK/ours_fast"
done

bf=$(median < "$WORK/bare_first"); bs=$(median < "$WORK/bare_started"); bt=$(median < "$WORK/bare_tick")
ours=$(median < "$WORK/ours"); cds=$(median < "$WORK/ours_cds"); fastest=$(median < "$WORK/ours_fast")
echo "Cold start, median of $RUNS runs each, $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg) at the end"
printf '%-66s %8s\n' "what" "ms"
printf '%-66s %8s\n' "bare camel-main + 1 quartz route: first log line" "$bf"
printf '%-66s %8s\n' "bare camel-main + 1 quartz route: route started" "$bs"
printf '%-66s %8s\n' "bare camel-main + 1 quartz route: first quartz tick" "$bt"
printf '%-66s %8s\n' "camel-monitor once: first probe result" "$ours"
printf '%-66s %8s\n' "camel-monitor once, class-data sharing: first probe" "$cds"
printf '%-66s %8s\n' "camel-monitor once, sharing + TieredStopAtLevel=1 + SerialGC: first probe" "$fastest"
awk -v o="$ours" -v c="$cds" -v f="$fastest" -v b="$bf" -v s="$bs" -v t="$bt" 'BEGIN {
  printf "ours / bare: first line %.2f   route started %.2f   first tick %.2f   (goal: within 25%% of the bare app)\n", o/b, o/s, o/t
  printf "class-data sharing: %.2f   %.2f   %.2f\n", c/b, c/s, c/t
  printf "sharing + TieredStopAtLevel=1 + SerialGC: %.2f   %.2f   %.2f\n", f/b, f/s, f/t }'
