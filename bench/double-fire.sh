#!/usr/bin/env bash
# Soak of several replicas on one PostgreSQL (cluster.enabled): three instances of the jar
# share MONITORS monitors firing every second for DURATION seconds; every KILL_EVERY seconds
# one instance (in turn) is killed (kill -9) and started again at once. Counts, over every
# instance's log, the fire times (monitor and scheduled time), those run more than once, those
# never run, and those a second instance was handed but refused by its claim; and the checks
# the history database holds (one per run, less any run killed before it wrote).
# Usage: bench/double-fire.sh   (after mvn -B package -DskipTests; needs the Debian package
# postgresql; MONITORS=10 DURATION=240 KILL_EVERY=20 CHECKIN=2000 by default; JAR picks the
# jar, LOGS=<folder> keeps the logs)
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
JAR=${JAR:-target/bactrian.jar}
MONITORS=${MONITORS:-10}
DURATION=${DURATION:-240}
KILL_EVERY=${KILL_EVERY:-20}
CHECKIN=${CHECKIN:-2000}
. bench/lib.sh
bench_setup python3 java
start_postgres
start_static_page
JAR=$(realpath "$JAR")

pg_sql postgres "CREATE DATABASE soak"
names=()
for n in $(seq 1 "$MONITORS"); do names+=("m$n"); done
for i in 0 1 2; do
  replica_folder "$WORK/i$i" soak "$CHECKIN" "http://127.0.0.1:$WWW_PORT/" "${names[@]}"
done

pids=()
starts=0
# start_instance I: a new JVM in folder I, its log a file of its own
start_instance() {
  starts=$((starts + 1))
  local log="$WORK/i$1/out-$starts.log"
  (cd "$WORK/i$1" && exec java -Xmx256m -XX:TieredStopAtLevel=1 -jar "$JAR") > "$log" 2>&1 &
  pids[$1]=$!
  PIDS+=($!)
  LAST_LOG=$log
}
await_started() {
  for _ in $(seq 1 1800); do grep -q "Starting Quartz scheduler" "$1" && return; sleep 0.1; done
  echo "an instance did not start: $1" >&2; tail -20 "$1" >&2; exit 1
}

for i in 0 1 2; do start_instance "$i"; done
for i in 0 1 2; do await_started "$WORK/i$i/out-$((i + 1)).log"; done
begin_ms=$(date +%s%3N)
end_ms=$((begin_ms + DURATION * 1000))
kills=0
# no kill in the last 30 s: the last victim's schedules are taken over before the end
while [ $(( $(date +%s%3N) + KILL_EVERY * 1000 + 30000 )) -le "$end_ms" ]; do
  sleep "$KILL_EVERY"
  victim=$((kills % 3))
  kill -9 "${pids[$victim]}"
  wait "${pids[$victim]}" 2> /dev/null || true
  kills=$((kills + 1))
  start_instance "$victim"
done
while [ "$(date +%s%3N)" -lt "$end_ms" ]; do sleep 1; done
stop_ms=$(date +%s%3N)
kill "${pids[@]}" 2> /dev/null || true
wait "${pids[@]}" 2> /dev/null || true

checks=$(pg_sql soak "SELECT COUNT(*) FROM cm_check")
# LOGS=<folder>: keep the instances' logs there
[ -z "${LOGS:-}" ] || { mkdir -p "$LOGS"; for i in 0 1 2; do cp -r "$WORK/i$i" "$LOGS/"; done; }
python3 - "$begin_ms" "$stop_ms" "$kills" "$checks" "$WORK"/i*/out-*.log <<'PY'
import re, sys, datetime, collections
def ms(t): return int(datetime.datetime.strptime(t, "%Y-%m-%dT%H:%M:%S.%f%z").timestamp() * 1000)
begin, stop, kills, checks = (int(x) for x in sys.argv[1:5])
runs = collections.defaultdict(list)  # (monitor, scheduled ms) -> [(log, ran ms)]
refused = 0  # fire times Quartz handed to a second instance, which its claim turned away
for path in sys.argv[5:]:
    for line in open(path, errors="replace"):
        refused += "was already run by" in line
        m = re.search(r"fired (\S+) at (\S+) ran (\S+)", line)
        if m: runs[(m.group(1), ms(m.group(2)))].append((path.rsplit("/", 2)[-2] + "/" + path.rsplit("/", 1)[-1], ms(m.group(3))))
twice = {k: v for k, v in runs.items() if len(v) > 1}
# a fire time of the soak never run: a second between a monitor's first and last fire time missing
missing = 0
for monitor in {k[0] for k in runs}:
    times = sorted(t for (m, t) in runs if m == monitor)
    missing += sum(1 for t in range(times[0], times[-1] + 1, 1000) if (monitor, t) not in runs)
late = max(ran - t for (m, t), v in runs.items() for _, ran in v)
print("%-7s %5s %10s %5s %6s %17s %9s %16s %13s" % ("seconds", "kills", "fire times", "runs", "checks",
      "run twice or more", "never run", "refused by claim", "latest run ms"))
print("%-7d %5d %10d %5d %6d %17d %9d %16d %13d" % ((stop - begin) // 1000, kills, len(runs),
      sum(len(v) for v in runs.values()), checks, len(twice), missing, refused, late))
for (m, t), v in sorted(twice.items(), key=lambda kv: kv[0][1]):
    first = min(r for _, r in v)
    print("  twice: %s at %s on %s" % (m, datetime.datetime.utcfromtimestamp(t / 1000).strftime("%H:%M:%S"),
          ", ".join("%s +%d ms" % (log, r - first) for log, r in sorted(v, key=lambda x: x[1]))))
PY
