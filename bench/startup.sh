#!/usr/bin/env bash
# Start-up of a cold JVM: camel-monitor's time to its first probe result against a bare
# camel-main application with one quartz route (its time to its first log line, and to its
# first quartz tick), in one run, alternating the two, as ratios.
# Usage: bench/startup.sh   (after mvn -B package -DskipTests; RUNS=10 by default)
set -euo pipefail
cd "$(dirname "$0")/.."
RUNS=${RUNS:-10}
JAR=target/camel-monitor.jar
[ -f "$JAR" ] || { echo "build the jar first: mvn -B package -DskipTests" >&2; exit 1; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# the bare app, compiled against the same Camel jars
mkdir -p "$work/bare"
javac -d "$work/bare" -cp "$JAR" bench/bare/BareApp.java

# camel-monitor in a folder of its own: one monitor against a loopback target, run once
mkdir -p "$work/mon/routes"
cp routes/demo-site.yaml routes/alert-mail.yaml "$work/mon/routes/"
cat > "$work/mon/application.properties" <<PROPS
camel.main.routes-include-pattern = file:routes/*.yaml
camel-monitor.data-dir = data
camel.server.enabled = false
mail.host =
mail.from = m@localhost
mail.to = o@localhost
mail.retry-delay = 2000
mail.retry-backoff = 5
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
  "$@" > "$work/out" 2>&1 &
  pid=$!
  until line=$(grep -m1 -E "^[0-9:.]{12} .*$pattern" "$work/out" 2>/dev/null); do
    kill -0 "$pid" 2>/dev/null || { echo "process ended without '$pattern'" >&2; cat "$work/out" >&2; return 1; }
    sleep 0.1
  done
  kill "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
  echo $(( $(date -d "$(date +%F) ${line:0:12}" +%s%3N) - start ))
}

median() { sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : int((a[NR/2]+a[NR/2+1])/2))}'; }

: > "$work/bare_first" ; : > "$work/bare_tick" ; : > "$work/ours" ; : > "$work/ours_cds"
# class-data sharing: one run writes the archive that later runs map
(cd "$work/mon" && java -XX:ArchiveClassesAtExit="$work/cm.jsa" -jar "$OLDPWD/$JAR" once > /dev/null 2>&1 || true)
for i in $(seq 1 "$RUNS"); do
  first_line_ms 'INFO' java -cp "$JAR:$work/bare" BareApp >> "$work/bare_first"
  first_line_ms 'INFO .* tick' java -cp "$JAR:$work/bare" BareApp >> "$work/bare_tick"
  (cd "$work/mon" && rm -rf data && first_line_ms 'demo-site (UP|DOWN):' java -jar "$OLDPWD/$JAR" once) >> "$work/ours"
  (cd "$work/mon" && rm -rf data && first_line_ms 'demo-site (UP|DOWN):' \
      java -XX:SharedArchiveFile="$work/cm.jsa" -jar "$OLDPWD/$JAR" once) >> "$work/ours_cds"
done

bf=$(median < "$work/bare_first"); bt=$(median < "$work/bare_tick"); ours=$(median < "$work/ours")
cds=$(median < "$work/ours_cds")
echo "Cold start, median of $RUNS runs each, $(nproc) cores"
printf '%-52s %8s\n' "what" "ms"
printf '%-52s %8s\n' "bare camel-main + 1 quartz route: first log line" "$bf"
printf '%-52s %8s\n' "bare camel-main + 1 quartz route: first quartz tick" "$bt"
printf '%-52s %8s\n' "camel-monitor once: first probe result" "$ours"
printf '%-52s %8s\n' "camel-monitor once, class-data sharing: first probe" "$cds"
awk -v o="$ours" -v c="$cds" -v b="$bf" -v t="$bt" 'BEGIN {
  printf "ratio ours / bare first line: %.2f   ours / bare first tick: %.2f   (goal: within 25%% of the bare app)\n", o/b, o/t
  printf "with class-data sharing: ours / bare first line: %.2f   ours / bare first tick: %.2f\n", c/b, c/t }'
