#!/usr/bin/env bash
# Several replicas on one PostgreSQL (cluster.enabled): three instances of the jar share the
# schedules of three monitors firing every second; the instance that fired last is killed
# (kill -9), and we measure how long until every monitor fires again on the other two, per
# cluster.checkin-interval, checking on the way that no fire time ran twice.
# Usage: bench/takeover.sh   (after mvn -B package -DskipTests; needs the Debian package
# postgresql; RUNS=3 and CHECKINS="2000 5000" by default)
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
JAR=target/bactrian.jar
RUNS=${RUNS:-3}
CHECKINS=${CHECKINS:-"2000 5000"}
. bench/lib.sh
bench_setup python3 java
start_postgres
start_static_page

# reads the instances' logs; with a kill time: per monitor the first fire on another instance after it
cat > "$WORK/fires.py" <<'PY'
import re, sys, datetime, collections
def ms(t): return int(datetime.datetime.strptime(t, "%Y-%m-%dT%H:%M:%S.%f%z").timestamp() * 1000)
fires = []
for i, path in enumerate(sys.argv[3:]):
    for line in open(path, errors="replace"):
        m = re.search(r"fired (\S+) at (\S+) ran (\S+)", line)
        if m: fires.append((i, m.group(1), ms(m.group(2)), ms(m.group(3))))
mode = sys.argv[1]
if mode == "last":  # the instance that fired last
    print(max(fires, key=lambda f: f[3])[0]); sys.exit()
killed, kill_ms = (int(x) for x in sys.argv[2].split(":"))
monitors = sorted({f[1] for f in fires})
after = {m: min([f[3] for f in fires if f[1] == m and f[0] != killed and f[3] > kill_ms], default=None) for m in monitors}
if mode == "resumed":
    sys.exit(0 if all(v is not None for v in after.values()) else 1)
before = {m: max([f[3] for f in fires if f[1] == m and f[3] <= kill_ms], default=kill_ms) for m in monitors}
dup = sum(1 for n in collections.Counter((f[1], f[2]) for f in fires).values() if n > 1)
print(max(after[m] - kill_ms for m in monitors), max(after[m] - before[m] for m in monitors), len(fires), dup)
PY

run=0
printf '%-9s %4s %11s %14s %17s %6s %15s\n' "check-in" "run" "instances" "takeover ms" "longest gap ms" "fires" "twice-run fires"
for checkin in $CHECKINS; do
  for r in $(seq 1 "$RUNS"); do
    run=$((run + 1))
    pg_sql postgres "CREATE DATABASE run$run"
    pids=() ; logs=()
    for i in 0 1 2; do
      d="$WORK/run$run/i$i"
      replica_folder "$d" "run$run" "$checkin" "http://127.0.0.1:$WWW_PORT/" m1 m2 m3
      (cd "$d" && exec java -Xmx256m -jar "$ROOT/$JAR") > "$d/out.log" 2>&1 &
      pids+=($!); PIDS+=($!); logs+=("$d/out.log")
    done
    for log in "${logs[@]}"; do
      for _ in $(seq 1 1800); do grep -q "Starting Quartz scheduler" "$log" && break; sleep 0.1; done
      grep -q "Starting Quartz scheduler" "$log" || { echo "an instance did not start: $log" >&2; tail -20 "$log" >&2; exit 1; }
    done
    sleep 10
    victim=$(python3 "$WORK/fires.py" last - "${logs[@]}")
    kill_ms=$(date +%s%3N)
    kill -9 "${pids[$victim]}"
    wait "${pids[$victim]}" 2> /dev/null || true
    for _ in $(seq 1 1200); do
      python3 "$WORK/fires.py" resumed "$victim:$kill_ms" "${logs[@]}" && break
      sleep 0.1
    done
    read -r takeover gap fires dup < <(python3 "$WORK/fires.py" measure "$victim:$kill_ms" "${logs[@]}")
    kill "${pids[@]}" 2> /dev/null || true
    wait "${pids[@]}" 2> /dev/null || true
    printf '%-9s %4s %11s %14s %17s %6s %15s\n' "$checkin" "$r" 3 "$takeover" "$gap" "$fires" "$dup"
  done
done
