#!/usr/bin/env bash
# Start-up of a cold JVM: bactrian's time to its first probe result against a bare
# camel-main application with one quartz route (its time to its first log line, to its route
# started, and to its first quartz tick), in one run, alternating them, as ratios. Ours four
# ways: as shipped (`once` runs in a child JVM with quick start-up options and the class-data
# archive two earlier runs left beside the jar), the first run of a new jar (no archive yet),
# in one JVM (BACTRIAN_FAST_START=false, as before the child JVM), and with README's
# "Faster start" options given by hand.
# Usage: bench/startup.sh   (after mvn -B package -DskipTests; RUNS=10 by default; JAR=<path>
# times another build of the jar)
set -euo pipefail
cd "$(dirname "$0")/.."
RUNS=${RUNS:-10}
JAR=$(realpath -m "${JAR:-target/bactrian.jar}")
. bench/lib.sh
bench_setup java javac

# the bare app, compiled against the same Camel jars
mkdir -p "$WORK/bare"
javac -d "$WORK/bare" -cp "$JAR" bench/bare/BareApp.java

# bactrian in a folder of its own: one monitor against a loopback target and the alert
# routes it sends to, run once
mkdir -p "$WORK/mon/routes"
cp routes/demo-site.yaml routes/alert-channels.yaml routes/alert-delivery.yaml "$WORK/mon/routes/"
cat > "$WORK/mon/application.properties" <<PROPS
camel.main.routes-include-pattern = file:routes/*.yaml
bactrian.data-dir = data
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
: > "$WORK/ours" ; : > "$WORK/ours_new" ; : > "$WORK/ours_one" ; : > "$WORK/ours_fast"
# copies of the jar, so the archives are written beside them: one that keeps its archive, one
# whose archive and note are removed before each run
mkdir -p "$WORK/app" "$WORK/new"
cp "$JAR" "$WORK/app/bactrian.jar"
cp "$JAR" "$WORK/new/bactrian.jar"
# as on a machine running it on a timer: the first run notes that an archive is wanted, the
# second records it
for i in 1 2; do (cd "$WORK/mon" && rm -rf data && java -jar "$WORK/app/bactrian.jar" once > /dev/null 2>&1 || true); done
ls "$WORK"/app/bactrian-*.jsa > /dev/null
# README's options by hand, in one JVM: that archive, the quick JIT compiler only, one GC thread
fast="-XX:SharedArchiveFile=$(ls "$WORK"/app/bactrian-*.jsa) -XX:TieredStopAtLevel=1 -XX:+UseSerialGC"
for i in $(seq 1 "$RUNS"); do
  first_line_ms 'INFO' java -cp "$JAR:$WORK/bare" BareApp >> "$WORK/bare_first"
  first_line_ms 'INFO .*Started bare' java -cp "$JAR:$WORK/bare" BareApp >> "$WORK/bare_started"
  first_line_ms 'INFO .* tick' java -cp "$JAR:$WORK/bare" BareApp >> "$WORK/bare_tick"
  (cd "$WORK/mon" && rm -rf data && first_line_ms 'demo-site (UP|DOWN):' \
      java -jar "$WORK/app/bactrian.jar" once) >> "$WORK/ours"
  rm -f "$WORK"/new/*.jsa*
  (cd "$WORK/mon" && rm -rf data && first_line_ms 'demo-site (UP|DOWN):' \
      java -jar "$WORK/new/bactrian.jar" once) >> "$WORK/ours_new"
  (cd "$WORK/mon" && rm -rf data && first_line_ms 'demo-site (UP|DOWN):' \
      env BACTRIAN_FAST_START=false java -jar "$WORK/app/bactrian.jar" once) >> "$WORK/ours_one"
  # shellcheck disable=SC2086
  (cd "$WORK/mon" && rm -rf data && first_line_ms 'demo-site (UP|DOWN):' \
      java $fast -jar "$WORK/app/bactrian.jar" once) >> "$WORK/ours_fast"
done

bf=$(median < "$WORK/bare_first"); bs=$(median < "$WORK/bare_started"); bt=$(median < "$WORK/bare_tick")
echo "Cold start, median of $RUNS runs each, $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg) at the end"
printf '%-62s %6s %11s %13s %10s\n' "what" "ms" "/ 1st line" "/ route start" "/ 1st tick"
printf '%-62s %6s\n' "bare camel-main + 1 quartz route: first log line" "$bf"
printf '%-62s %6s\n' "bare camel-main + 1 quartz route: route started" "$bs"
printf '%-62s %6s\n' "bare camel-main + 1 quartz route: first quartz tick" "$bt"
row() {
  local ms
  ms=$(median < "$WORK/$1")
  awk -v w="$2" -v o="$ms" -v b="$bf" -v s="$bs" -v t="$bt" \
    'BEGIN { printf "%-62s %6d %11.2f %13.2f %10.2f\n", w, o, o/b, o/s, o/t }'
}
row ours "bactrian once, as shipped: first probe result"
row ours_new "bactrian once, first run of a new jar (no archive yet)"
row ours_one "bactrian once in one JVM (BACTRIAN_FAST_START=false)"
row ours_fast "bactrian once, README's options by hand, one JVM"
echo "goal: first probe within 25% of the bare app"
