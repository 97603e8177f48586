#!/usr/bin/env bash
# How far Quartz's clustered JDBC job store carries on PostgreSQL: three members
# (bench/QuartzFires.java, the project's own job store settings) share cron triggers that each
# fire once a minute, their cron seconds spread evenly over the minute. Per row: fires/s the
# three achieve together, lateness (actual fire - scheduled fire) of the fire times due in the
# measured window (a fire time never run counts as later than any), fire times run twice, CPU
# (% of one core) and the machine's load average. A row with "kill" then kills one member
# (kill -9) and measures how long until the fire time it had taken runs on the other two.
# Usage: bench/quartz-cluster.sh   (after mvn -B package -DskipTests; needs the Debian package
# postgresql). ROWS lists the rows, each SCHEDULE[/knob=value...][/kill]: SCHEDULE is
# monitors:N (a trigger per monitor) or shards:CRONS:SHARDS:MONITORS (a trigger per cron and
# shard); knobs batch, ahead, idle (ms) and threads set org.quartz.scheduler.
# batchTriggerAcquisitionMaxCount, ...FireAheadTimeWindow, idleWaitTime and
# threadPool.threadCount. WARMUP=20 MEASURE=60 GRACE=10 seconds, CHECKIN=5000 ms, AFTER_KILL=40 s.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
JAR=target/bactrian.jar
ROWS=${ROWS:-"monitors:3000 monitors:10000 monitors:30000 shards:60:12:30000/kill"}
WARMUP=${WARMUP:-20}
MEASURE=${MEASURE:-60}
GRACE=${GRACE:-10}
CHECKIN=${CHECKIN:-5000}
AFTER_KILL=${AFTER_KILL:-40}
. bench/lib.sh
bench_setup python3 java
start_postgres

# cpu PID...: CPU seconds (user + system) of the given processes and of all PostgreSQL's, "jvm pg"
cpu() {
  python3 - "$@" <<'PY'
import os, sys
tick = os.sysconf("SC_CLK_TCK")
def secs(pid):
    try:
        f = open(f"/proc/{pid}/stat").read().rsplit(")", 1)[1].split()
        return (int(f[11]) + int(f[12])) / tick
    except OSError:
        return 0.0
def comm(pid):
    try:
        return open(f"/proc/{pid}/comm").read().strip()
    except OSError:  # ended since the listing
        return ""
pg = [p for p in os.listdir("/proc") if p.isdigit() and comm(p) == "postgres"]
print(f"{sum(secs(p) for p in sys.argv[1:]):.2f} {sum(secs(p) for p in pg):.2f}")
PY
}

# await LOG WORD: until the member's log holds WORD (10 min at most: placing 30,000 triggers is slow)
await() {
  for _ in $(seq 1 6000); do grep -q "$2" "$1" && return; sleep 0.1; done
  echo "a member did not get to '$2': $1" >&2; tail -20 "$1" >&2; exit 1
}

printf '| %s | %s | %s | %s | %s | %s | %s | %s | %s | %s |\n' "triggers" "knobs" "fires/s needed" \
    "fires/s run" "due fire times run" "lateness p50 / p99 ms" "run twice" "CPU JVMs / PostgreSQL %" "load" "takeover"
printf '|---|---|---:|---:|---:|---:|---:|---:|---:|---|\n'
row=0
for spec in $ROWS; do
  row=$((row + 1))
  IFS=/ read -r -a parts <<< "$spec"
  schedule=${parts[0]}
  opts=(-Dcheckin="$CHECKIN")
  knobs=() kill_one=
  for p in "${parts[@]:1}"; do
    case $p in
      kill) kill_one=1; continue ;;
      batch=*) opts+=(-Dorg.quartz.scheduler.batchTriggerAcquisitionMaxCount="${p#*=}") ;;
      ahead=*) opts+=(-Dorg.quartz.scheduler.batchTriggerAcquisitionFireAheadTimeWindow="${p#*=}") ;;
      idle=*) opts+=(-Dorg.quartz.scheduler.idleWaitTime="${p#*=}") ;;
      threads=*) opts+=(-Dorg.quartz.threadPool.threadCount="${p#*=}") ;;
      *) echo "unknown knob $p" >&2; exit 2 ;;
    esac
    knobs+=("$p")
  done
  dir="$WORK/row$row"
  mkdir -p "$dir"
  pg_sql postgres "CREATE DATABASE row$row"
  url="jdbc:postgresql://127.0.0.1:$PG_PORT/row$row"
  pids=()
  for i in 0 1 2; do
    # the first member creates the tables and the triggers; the others start once they are there
    (exec java -Xmx384m "${opts[@]}" -cp "$ROOT/$JAR" "$ROOT/bench/QuartzFires.java" "$url" "$dir/fires$i" \
        $([ "$i" = 0 ] && echo "$schedule")) > "$dir/out$i.log" 2>&1 &
    pids+=($!); PIDS+=($!)
    [ "$i" = 0 ] && await "$dir/out0.log" "^started"
  done
  for i in 1 2; do await "$dir/out$i.log" "^started"; done
  sleep "$WARMUP"
  begin_ms=$(date +%s%3N); read -r jvm0 pg0 < <(cpu "${pids[@]}")
  sleep "$MEASURE"
  end_ms=$(date +%s%3N); read -r jvm1 pg1 < <(cpu "${pids[@]}")
  load=$(cut -d' ' -f1 /proc/loadavg)
  kill_ms=0 victim=0 held=
  if [ -n "$kill_one" ]; then
    victim=1
    kill_ms=$(date +%s%3N)
    kill -9 "${pids[$victim]}"
    wait "${pids[$victim]}" 2> /dev/null || true
    # what the killed member held: the fire times it had taken (ACQUIRED) or fired and not yet completed (EXECUTING)
    held=$(pg_sql "row$row" "SELECT string_agg(trigger_name || ':' || sched_time || ':' || state, ',') FROM qrtz_fired_triggers
        WHERE instance_name LIKE '%-${pids[$victim]}-%'")
    sleep "$AFTER_KILL"
  fi
  sleep "$GRACE"
  stop_ms=$(date +%s%3N)
  kill "${pids[@]}" 2> /dev/null || true
  wait "${pids[@]}" 2> /dev/null || true
  python3 - "$schedule" "${knobs[*]:-defaults}" "$begin_ms" "$end_ms" "$stop_ms" "$GRACE" \
      "$jvm0 $jvm1 $pg0 $pg1" "$load" "$(grep -o 'in [0-9]* ms' "$dir/out0.log")" "$kill_ms" "$victim" "${held:-}" "$dir" <<'PY'
import sys, collections
schedule, knobs, begin, end, stop, grace, cpu, load, placed, kill, victim, held, d = sys.argv[1:]
begin, end, stop, grace, kill, victim = int(begin), int(end), int(stop), int(grace), int(kill), int(victim)
jvm0, jvm1, pg0, pg1 = (float(x) for x in cpu.split())
seconds = {}  # trigger -> its cron second
monitors = {}  # trigger -> the monitors a fire of it stands for
for line in open(f"{d}/fires0.triggers"):
    name, s, n = line.split(); seconds[name] = int(s); monitors[name] = int(n)
runs = collections.defaultdict(list)  # (trigger, scheduled) -> [(member, actual)]
for m in range(3):
    for line in open(f"{d}/fires{m}"):
        t, sched, actual = line.split()
        runs[(t, int(sched))].append((m, int(actual)))
# the fire times due: until the end of the run less the grace a late fire is given
last_due = stop - grace * 1000 if kill else end
due = [(t, ms) for t, s in seconds.items()
       for ms in range((begin // 60000 - 1) * 60000 + s * 1000, last_due, 60000) if ms >= begin]
late = sorted(min(a for _, a in runs[k]) - k[1] if k in runs else float("inf") for k in due)
ran = sum(1 for k in due if k in runs)
twice = sum(1 for k in due if len(runs.get(k, ())) > 1)
fired = sum(1 for v in runs.values() for _, a in v if begin <= a < end)
window = (end - begin) / 1000
def pct(p):
    v = late[min(len(late) - 1, int(p * len(late)))]
    return f">{grace * 1000}" if v == float("inf") else str(v)
need = len(seconds) / 60
checks = sum(monitors[k[0]] for k in due if k in runs)
label = f"{len(seconds):,} (placed {int(placed.split()[1]) / 1000:.0f} s)" + (f" ({schedule.split(':')[1]} crons x {schedule.split(':')[2]} shards, {checks:,} monitor checks of {sum(monitors[k[0]] for k in due):,})" if schedule.startswith("shards") else "")
take = ""
if kill:
    # per fire time the killed member had taken and not run: from the kill until another member ran it
    waits, running = [], 0
    for h in filter(None, held.split(",")):
        t, sched, state = h.split(":")
        if state != "ACQUIRED":  # its job had begun on the killed member: not run again (not recoverable)
            running += 1
            continue
        others = [a for m, a in runs.get((t, int(sched)), ()) if m != victim]
        waits.append(min(others) - kill if others else float("inf"))
    after_kill = [min(a for _, a in runs[k]) - k[1] if k in runs else float("inf") for k in due if k[1] >= kill]
    taken = ("; the taken ran on the others " + ", ".join(f"{w / 1000:.1f}" for w in waits) + " s after the kill"
             if waits else "")
    take = (f"held {len(waits)} taken, {running} running{taken}; "
            f"latest fire due after the kill: {max(after_kill, default=0) / 1000:.1f} s late")
print(f"| {label} | {knobs} | {need:.0f} | {fired / window:.0f} | {ran:,} / {len(due):,} ({100 * ran / max(1, len(due)):.1f} %) "
      f"| {pct(0.5)} / {pct(0.99)} | {twice} | {100 * (jvm1 - jvm0) / window:.0f} / {100 * (pg1 - pg0) / window:.0f} | {load} | {take} |")
PY
done
