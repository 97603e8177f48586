#!/usr/bin/env bash
# N monitors at one check a minute across three instances of the jar on one PostgreSQL
# (cluster.enabled), counted at a loopback nginx (issue 15, goal 2). Monitor i probes
# http://127.0.0.1:<nginx>/m/i?s=S at second S = i % 60 of every minute; nginx logs
# "$msec $request_uri" of every request. The three instances run from three copies of the
# project folder, each with its own status page port. WARMUP s after the first check, BEFORE seconds
# are measured with all three; then one instance is killed (kill -9, at second KILL_SECOND of
# a minute) and AFTER more seconds are measured with two. bench/cluster-report.py prints, per
# minute, the due checks against those run at the target, those run twice and the lateness,
# then the takeover: every schedule the killed instance held at its death (Quartz's fired
# triggers in the database), and when each first ran on another instance.
#
# Needs: java 17, the built jar (mvn -B package -DskipTests), nginx, the Debian package
# postgresql, curl, python3. Everything listens on 127.0.0.1 and is stopped at the end.
#
#   bench/cluster.sh                          # N=30000, WARMUP=180, BEFORE=180, AFTER=120 (~9 min plus start-up)
#   N=3000 BEFORE=60 AFTER=60 bench/cluster.sh
#   SHARDS=24 CHECKIN=2000 MAX_CHECKS=100 LOGS=/tmp/cluster bench/cluster.sh
set -euo pipefail

cd "$(dirname "$0")/.."
ROOT=$PWD
JAR=${JAR:-$ROOT/target/bactrian.jar}
N=${N:-30000}                  # monitors, across the instances
BEFORE=${BEFORE:-180}          # s measured with all instances
AFTER=${AFTER:-120}            # s measured after the kill
WARMUP=${WARMUP:-180}          # s from the first check before the measured window may start (the JIT and the producers)
KILL_SECOND=${KILL_SECOND:-20} # the second of the minute the instance is killed at
SHARDS=${SHARDS:-}             # cluster.shards; empty: as shipped
CHECKIN=${CHECKIN:-}           # cluster.checkin-interval (ms); empty: as shipped
MAX_CHECKS=${MAX_CHECKS:-}     # monitors.max-concurrent-checks; empty: as shipped
VICTIM=${VICTIM:-1}            # which instance (0, 1, 2) is killed
STARTUP_TIMEOUT=${STARTUP_TIMEOUT:-300}

. bench/lib.sh
bench_setup java nginx curl python3
start_postgres
pg_sql postgres "CREATE DATABASE cluster"
TICK=$(getconf CLK_TCK)

now_ms() { date +%s%3N; }
sleep_until_ms() { local d=$(( $1 - $(now_ms) )); [ "$d" -le 0 ] || sleep "$(awk -v d="$d" 'BEGIN { print d / 1000 }')"; }
cpu_ms() { awk -v t="$TICK" '{ sub(/^.*\) /, ""); printf "%.0f\n", ($12 + $13) * 1000 / t }' "/proc/$1/stat"; }
rss_mib() { awk '/^VmRSS/ { printf "%.0f\n", $2 / 1024 }' "/proc/$1/status"; }
# CPU ms of the PostgreSQL server and its backends (a backend that has exited is not counted)
pg_cpu_ms() {
    local pm pid sum=0
    pm=$(head -1 "$WORK/pg/data/postmaster.pid")
    for pid in "$pm" $(pgrep -P "$pm"); do
        [ -r "/proc/$pid/stat" ] && sum=$((sum + $(cpu_ms "$pid" 2>/dev/null || echo 0)))
    done
    echo "$sum"
}

# --- the target: every request one line "$msec $request_uri" ---
ACCESS_LOG=$WORK/access.log
start_arrival_target "$ACCESS_LOG"

# --- three copies of the project folder: the shipped configuration without the demo monitors ---
{
    printf 'defaults:\n  kind: http\nmonitors:\n'
    for ((i = 0; i < N; i++)); do
        printf '  - id: m%d\n    url: "http://127.0.0.1:%d/m/%d?s=%d"\n    cron: "%d * * * * ? *"\n' \
            "$i" "$NGINX_PORT" "$i" $((i % 60)) $((i % 60))
    done
} > "$WORK/monitors.yaml"
ports=()
for i in 0 1 2; do
    d=$WORK/i$i
    mkdir -p "$d/monitors"
    cp -r application.properties routes nodes "$d/"
    rm -f "$d/routes/demo-site.yaml" "$d/routes/speed-test.yaml"
    cp "$WORK/monitors.yaml" "$d/monitors/bench.yaml"
    ports+=("$(free_port)")
    {
        printf '\ncamel.server.port = %s\n' "${ports[$i]}"
        printf 'history.jdbc-url = jdbc:postgresql://127.0.0.1:%s/cluster\nhistory.jdbc-user = postgres\n' "$PG_PORT"
        printf 'cluster.enabled = true\n'
        [ -z "$SHARDS" ] || printf 'cluster.shards = %s\n' "$SHARDS"
        [ -z "$CHECKIN" ] || printf 'cluster.checkin-interval = %s\n' "$CHECKIN"
        [ -z "$MAX_CHECKS" ] || printf 'monitors.max-concurrent-checks = %s\n' "$MAX_CHECKS"
    } >> "$d/application.properties"
done

# --- the instances ---
pids=()
launch_ms=$(now_ms)
for i in 0 1 2; do
    (cd "$WORK/i$i" && exec java -jar "$JAR") > "$WORK/i$i/out.log" 2>&1 &
    pids+=($!); PIDS+=($!)
done
for i in 0 1 2; do
    for _ in $(seq 1 $((STARTUP_TIMEOUT * 10))); do
        grep -q "Started bactrian\|Apache Camel .* started" "$WORK/i$i/out.log" && break
        kill -0 "${pids[$i]}" 2>/dev/null || break
        sleep 0.1
    done
    grep -q "Started bactrian\|Apache Camel .* started" "$WORK/i$i/out.log" \
        || { echo "instance $i did not start" >&2; tail -30 "$WORK/i$i/out.log" >&2; exit 1; }
done
started_ms=$(now_ms)
until [ -s "$ACCESS_LOG" ]; do sleep 0.2; done
first_ms=$(now_ms)
printf 'instances started in %d ms (all three), first check %d ms after launch\n' \
    $((started_ms - launch_ms)) $((first_ms - launch_ms))

# the window starts on a minute after the warm-up; the kill at KILL_SECOND of a minute after BEFORE
begin_ms=$(( (first_ms + WARMUP * 1000 + 59999) / 60000 * 60000 ))
kill_ms=$(( (begin_ms + BEFORE * 1000 - KILL_SECOND * 1000 + 59999) / 60000 * 60000 + KILL_SECOND * 1000 ))
end_ms=$(( kill_ms + AFTER * 1000 ))
sleep_until_ms "$begin_ms"
cpu0=(); for p in "${pids[@]}"; do cpu0+=("$(cpu_ms "$p")"); done
pg0=$(pg_cpu_ms)
sleep_until_ms "$kill_ms"
cpu1=(); rss1=(); for p in "${pids[@]}"; do cpu1+=("$(cpu_ms "$p")"); rss1+=("$(rss_mib "$p")"); done
pg1=$(pg_cpu_ms)
# each instance's Quartz instance id (host-pid-start), which its claims carry
ids=()
for p in "${pids[@]}"; do ids+=("$(pg_sql cluster "SELECT instance_name FROM qrtz_scheduler_state WHERE instance_name LIKE '%-$p-%'")"); done
victim_id=${ids[$VICTIM]}
kill -9 "${pids[$VICTIM]}"
killed_ms=$(now_ms)
wait "${pids[$VICTIM]}" 2>/dev/null || true
# what the killed instance held: Quartz keeps its fired-trigger rows until another instance recovers them
pg_sql cluster "COPY (SELECT trigger_name, sched_time, state FROM qrtz_fired_triggers
    WHERE instance_name = '$victim_id') TO STDOUT WITH CSV" > "$WORK/held.csv"
sleep_until_ms "$end_ms"
cpu2=(); rss2=()
for i in 0 1 2; do
    if [ "$i" = "$VICTIM" ]; then cpu2+=("-"); rss2+=("-"); continue; fi
    cpu2+=("$(cpu_ms "${pids[$i]}")"); rss2+=("$(rss_mib "${pids[$i]}")")
done
pg2=$(pg_cpu_ms)
sleep 5 # the last checks of the window reach the target and the history

pg_sql cluster "COPY (SELECT monitor, fire_ms, instance FROM cm_fire) TO STDOUT WITH CSV" > "$WORK/claims.csv"
checks=$(pg_sql cluster "SELECT COUNT(*) FROM cm_check WHERE at_ms >= $begin_ms AND at_ms < $end_ms")

echo
echo "N=$N, 3 instances, cluster.shards=${SHARDS:-shipped} cluster.checkin-interval=${CHECKIN:-shipped}" \
     "monitors.max-concurrent-checks=${MAX_CHECKS:-shipped}; instance $VICTIM killed at $(date -u -d @$((killed_ms / 1000)) +%T)"
python3 bench/cluster-report.py "$ACCESS_LOG" "$WORK/claims.csv" "$WORK/held.csv" "$N" "$begin_ms" "$killed_ms" "$end_ms" \
    "$victim_id" "${ids[@]}"

echo
printf '%-9s %12s %12s %13s %12s\n' "" "RSS MiB" "RSS MiB" "CPU %" "CPU %"
printf '%-9s %12s %12s %13s %12s\n' process "at the kill" "at the end" "before kill" "after kill"
pct() { awk -v c="$1" -v d="$2" 'BEGIN { printf "%.0f", c * 100 / d }'; }
sum_before=0
for i in 0 1 2; do
    sum_before=$((sum_before + cpu1[i] - cpu0[i]))
    after="-"; [ "${cpu2[$i]}" = "-" ] || after=$(pct $((cpu2[i] - cpu1[i])) $((end_ms - kill_ms)))
    printf '%-9s %12s %12s %13s %12s\n' "instance $i" "${rss1[$i]}" "${rss2[$i]}" \
        "$(pct $((cpu1[i] - cpu0[i])) $((kill_ms - begin_ms)))" "$after"
done
printf '%-9s %12s %12s %13s %12s\n' postgres - - "$(pct $((pg1 - pg0)) $((kill_ms - begin_ms)))" \
    "$(pct $((pg2 - pg1)) $((end_ms - kill_ms)))"
runs_before=$(awk -v b="$begin_ms" -v k="$kill_ms" '{ t = $1 * 1000 } t >= b && t < k { n++ } END { print n + 0 }' "$ACCESS_LOG")
echo "CPU ms per check before the kill: $(awk -v c="$sum_before" -v n="$runs_before" 'BEGIN { printf "%.2f", c / n }') in the" \
     "instances, $(awk -v c=$((pg1 - pg0)) -v n="$runs_before" 'BEGIN { printf "%.2f", c / n }') in PostgreSQL ($runs_before checks)"
echo "history rows (cm_check) in the window: $checks; load average: $(cut -d' ' -f1-3 /proc/loadavg)"
for i in 0 1 2; do
    printf 'instance %d log: %s WARN, %s ERROR lines\n' "$i" "$(grep -c ' WARN ' "$WORK/i$i/out.log" || true)" \
        "$(grep -c ' ERROR ' "$WORK/i$i/out.log" || true)"
done
# LOGS=<folder>: keep the logs, the access log and the claims there
[ -z "${LOGS:-}" ] || { mkdir -p "$LOGS"; for i in 0 1 2; do cp "$WORK/i$i/out.log" "$LOGS/i$i.log"; done;
    cp "$ACCESS_LOG" "$WORK/claims.csv" "$WORK/held.csv" "$LOGS/"; }
