#!/usr/bin/env bash
# N monitors at one check a minute on one instance with the shipped defaults, side by side
# with the peer, in one run, as ratios (issue 15, goal 1). Sides, one after another:
#   templatedRoute  the project as shipped plus N templatedRoutes of the http-status template
#   monitors        the project as shipped plus monitors/scale.yaml (kind http), N entries;
#                   skipped when the jar has no kind route for it (no route from schedule:http)
#   prometheus      Prometheus scraping N blackbox_exporter http_2xx probes at scrape_interval 1m
# Monitor i probes http://127.0.0.1:<nginx>/m/i?s=<i % 60> at second i % 60 of every minute;
# the loopback nginx logs "$msec $request_uri" of every request, and bench/arrivals.py reads
# from it how many due checks ran and how late. Per side: launch, first check, a warm-up
# minute, then MINUTES measured minutes (CPU and arrivals over exactly that window), then RSS,
# the status page overview and /metrics.
#
# Needs: java 17, the built jar (mvn -B package -DskipTests), nginx, prometheus,
# prometheus-blackbox-exporter, curl, python3. Everything listens on 127.0.0.1 and is stopped
# at the end.
#
#   bench/scale.sh                              # N=10000, MINUTES=3, all sides (~20 min)
#   N=1000 SIDES="templatedRoute prometheus" bench/scale.sh
set -euo pipefail

cd "$(dirname "$0")/.."
ROOT=$PWD
JAR=${JAR:-$ROOT/target/bactrian.jar}
N=${N:-10000}                     # monitors per side
MINUTES=${MINUTES:-3}             # measured minutes per side
WARMUP=${WARMUP:-60}              # seconds from the first check before the window may start
SIDES=${SIDES:-"templatedRoute monitors prometheus"}
STARTUP_TIMEOUT=${STARTUP_TIMEOUT:-600} # s from launch to the first check, else the side fails
STOP_TIMEOUT=${STOP_TIMEOUT:-30}  # s a side may take to stop before it is killed
CURL_TIMEOUT=${CURL_TIMEOUT:-60}  # s for one status page or /metrics request
BLACKBOX=${BLACKBOX:-prometheus-blackbox-exporter}
PROMETHEUS=${PROMETHEUS:-prometheus}

. bench/lib.sh
bench_setup java nginx curl python3 "$BLACKBOX" "$PROMETHEUS"
TICK=$(getconf CLK_TCK)

now() { date +%s.%N; }
sleep_until() { sleep "$(awk -v t="$1" -v n="$(now)" 'BEGIN { d = t - n; print (d > 0 ? d : 0) }')"; }
cpu_ms() { # utime+stime of processes, in ms, summed
    local pid sum=0
    for pid in "$@"; do
        sum=$(awk -v t="$TICK" -v s="$sum" '{ sub(/^.*\) /, ""); printf "%.0f\n", s + ($12 + $13) * 1000 / t }' "/proc/$pid/stat")
    done
    echo "$sum"
}
rss_mib() { # resident memory of processes, MiB, summed
    local pid kb=0
    for pid in "$@"; do kb=$((kb + $(ps -o rss= -p "$pid"))); done
    awk -v k="$kb" 'BEGIN { printf "%.0f\n", k / 1024 }'
}
time_ms() { # median of 3 requests, ms; "-" when one fails
    local url=$1 t all=()
    for _ in 1 2 3; do
        t=$(curl -s -o /dev/null -w '%{http_code} %{time_total}' --max-time "$CURL_TIMEOUT" "$url") || true
        [ "${t%% *}" = 200 ] || { echo "-"; return; }
        all+=("${t#* }")
    done
    printf '%s\n' "${all[@]}" | sort -g | awk 'NR == 2 { printf "%.0f\n", $1 * 1000 }'
}
stop() { # pid...: TERM, then KILL after STOP_TIMEOUT
    local pid
    kill "$@" 2>/dev/null || true
    for _ in $(seq 1 $((STOP_TIMEOUT * 5))); do
        for pid in "$@"; do kill -0 "$pid" 2>/dev/null && break; pid=; done
        [ -z "${pid:-}" ] && break
        sleep 0.2
    done
    kill -9 "$@" 2>/dev/null || true
    wait "$@" 2>/dev/null || true
}

# --- the target: one nginx per side, each request one line "$msec $request_uri" ---
start_target() { # side
    ACCESS_LOG=$WORK/$1.access.log
    start_arrival_target "$ACCESS_LOG"
}
stop_target() {
    kill "$(cat "$WORK/nginx.pid")" 2>/dev/null || true
    for _ in $(seq 1 50); do [ -f "$WORK/nginx.pid" ] || break; sleep 0.1; done
}

# --- the sides: each sets SIDE_PIDS (the processes whose CPU and RSS count), STATUS_URL,
# METRICS_URL, and LAUNCH (epoch s) ---
ours() { # dir: bactrian in the folder, on a free port, as shipped otherwise
    local port
    port=$(free_port)
    LAUNCH=$(now)
    (cd "$1" && exec java -Dcamel.server.port="$port" -jar "$JAR") > "$1/out.log" 2>&1 &
    SIDE_PIDS=($!); PIDS+=($!)
    STATUS_URL="http://127.0.0.1:$port/"
    METRICS_URL="http://127.0.0.1:$port/metrics"
}

side_templatedRoute() {
    local dir=$WORK/templatedRoute i
    project_folder "$dir"
    for ((i = 0; i < N; i++)); do
        printf -- '- templatedRoute:\n    routeTemplateRef: "http-status"\n    routeId: "m%d"\n    parameters:\n' "$i"
        printf '      - name: "url"\n        value: "http://127.0.0.1:%d/m/%d?s=%d"\n' "$NGINX_PORT" "$i" $((i % 60))
        printf '      - name: "cron"\n        value: "%d * * * * ? *"\n' $((i % 60))
    done > "$dir/routes/scale.yaml"
    ours "$dir"
}

side_monitors() {
    local dir=$WORK/monitors
    project_folder "$dir"
    grep -qs "schedule:http\"" "$dir"/routes/*.yaml || return 1
    mkdir -p "$dir/monitors"
    scale_monitor_list "$N" "http://127.0.0.1:$NGINX_PORT" > "$dir/monitors/scale.yaml"
    ours "$dir"
}

side_prometheus() {
    local dir=$WORK/prometheus bb_port prom_port i
    mkdir -p "$dir"
    bb_port=$(free_port); prom_port=$(free_port)
    {
        cat <<YML
global:
  scrape_interval: 1m
  scrape_timeout: 10s
scrape_configs:
  - job_name: blackbox
    metrics_path: /probe
    params:
      module: [http_2xx]
    relabel_configs:
      - source_labels: [__address__]
        target_label: __param_target
      - source_labels: [__param_target]
        target_label: instance
      - target_label: __address__
        replacement: 127.0.0.1:$bb_port
    static_configs:
      - targets:
YML
        for ((i = 0; i < N; i++)); do
            printf '          - "http://127.0.0.1:%d/m/%d?s=%d"\n' "$NGINX_PORT" "$i" $((i % 60))
        done
    } > "$dir/prometheus.yml"
    LAUNCH=$(now)
    start_blackbox "$bb_port"
    "$PROMETHEUS" --config.file="$dir/prometheus.yml" --storage.tsdb.path="$dir/data" \
        --web.listen-address="127.0.0.1:$prom_port" > "$dir/out.log" 2>&1 &
    SIDE_PIDS=($! "$BB_PID"); PIDS+=($!)
    # what its targets page loads, and every probe series in the exposition format
    STATUS_URL="http://127.0.0.1:$prom_port/api/v1/targets"
    METRICS_URL="http://127.0.0.1:$prom_port/federate?match%5B%5D=%7B__name__%3D~%22probe_.*%22%7D"
}

# --- one side: start, first check, warm-up, measured window; sets ROW[side] (not run in a
# subshell, so that the processes it starts are in PIDS for the clean-up at exit) ---
declare -A ROW
measure() { # side mode
    local side=$1 mode=$2 start end cfirst c0 c1 rss load status metrics pid out ran p50 p99 checks first checked99
    start_target "$side"
    "side_$side" || { stop_target; return 1; }
    until [ -s "$ACCESS_LOG" ]; do
        for pid in "${SIDE_PIDS[@]}"; do
            kill -0 "$pid" 2>/dev/null || { echo "$side: a process ended before its first check" >&2; stop_target; return 2; }
        done
        if awk -v l="$LAUNCH" -v n="$(now)" -v t="$STARTUP_TIMEOUT" 'BEGIN { exit !(n - l > t) }'; then
            echo "$side: no check within $STARTUP_TIMEOUT s" >&2
            stop "${SIDE_PIDS[@]}"; stop_target; return 2
        fi
        sleep 0.5
    done
    cfirst=$(cpu_ms "${SIDE_PIDS[@]}")  # start-up as CPU: on a busy machine the wall time waits for cores
    # the window starts at a whole minute at least WARMUP s after the first check
    start=$(awk -v n="$(now)" -v w="$WARMUP" 'BEGIN { printf "%d\n", (int((n + w) / 60) + 1) * 60 }')
    end=$((start + MINUTES * 60))
    echo "$side: first check after $(awk -v l="$LAUNCH" -v n="$(now)" 'BEGIN { printf "%.0f", n - l }') s;" \
        "measuring $(date -u -d @"$start" +%H:%M:%S)-$(date -u -d @"$end" +%H:%M:%S) UTC" >&2
    sleep_until "$start"; c0=$(cpu_ms "${SIDE_PIDS[@]}")
    sleep_until "$end"; c1=$(cpu_ms "${SIDE_PIDS[@]}")
    rss=$(rss_mib "${SIDE_PIDS[@]}")
    load=$(cut -d' ' -f3 /proc/loadavg)  # 15 min: the machine is shared, wall times depend on it
    status=$(time_ms "$STATUS_URL"); metrics=$(time_ms "$METRICS_URL")
    stop "${SIDE_PIDS[@]}"
    stop_target
    # ran% p50 p99 checks first-s checked99-s
    out=$(python3 bench/arrivals.py "$ACCESS_LOG" --n "$N" --from "$start" --to "$end" --launch "$LAUNCH" --mode "$mode")
    read -r ran p50 p99 checks first checked99 <<<"$out"
    ROW[$side]=$(awk -v ran="$ran" -v p50="$p50" -v p99="$p99" -v checks="$checks" -v c0="$c0" -v c1="$c1" \
        -v rss="$rss" -v first="$first" -v cf="$cfirst" -v load="$load" -v c99="$checked99" -v st="$status" -v me="$metrics" \
        'BEGIN { printf "%s %s %s %s %.3f %s %.1f %s %s %s %s %s\n", ran, p50, p99, rss,
                 checks ? (c1 - c0) / checks : 0, first, cf / 1000, c99, st, me, checks, load }')
    echo "$side: ${ROW[$side]}" >&2  # a long run's sides stay on record should it be stopped later
}

for side in $SIDES; do
    mode=cron; [ "$side" = prometheus ] && mode=phase
    declare -F "side_$side" > /dev/null || { echo "unknown side: $side" >&2; exit 2; }
    rc=0; measure "$side" "$mode" || rc=$?
    case $rc in
        0) ;;
        1) echo "$side: skipped, the jar has no kind route for monitors/*.yaml (no route from schedule:http)" >&2 ;;
        *) echo "$side: failed; its log: $WORK/$side/out.log (removed at exit)" >&2
           tail -5 "$WORK/$side/out.log" >&2 2>/dev/null || true ;;
    esac
done

echo
echo "$N monitors, one check a minute each, $MINUTES measured minutes per side, $(nproc) cores"
fmt='%-28s %7s %9s %9s %8s %11s %8s %12s %12s %10s %11s %7s %5s\n'
printf "$fmt" side 'ran %' 'late p50' 'late p99' 'RSS MiB' 'CPU ms/chk' 'first s' 'first CPU s' 'checked99 s' \
    'status ms' 'metrics ms' checks load
for side in $SIDES; do
    [ -n "${ROW[$side]:-}" ] || { printf "$fmt" "$side" - - - - - - - - - - - -; continue; }
    # shellcheck disable=SC2086
    printf "$fmt" "$side" ${ROW[$side]}
done
ratio() { # a b: row a / row b, column by column
    [ -n "${ROW[$1]:-}" ] && [ -n "${ROW[$2]:-}" ] || { printf "$fmt" "$1 / $2" - - - - - - - - - - - -; return; }
    awk -v a="${ROW[$1]}" -v b="${ROW[$2]}" -v name="$1 / $2" -v fmt="$fmt" 'BEGIN {
        split(a, x, " "); split(b, y, " ")
        for (i = 1; i <= 10; i++) {
            v = (x[i] == "-" || y[i] == "-" || y[i] + 0 == 0) ? "-" : sprintf("%.2f", x[i] / y[i])
            r[i] = v
        }
        printf fmt, name, r[1], r[2], r[3], r[4], r[5], r[6], r[7], r[8], r[9], r[10], "", "" }'
}
ratio monitors prometheus
ratio monitors templatedRoute
ratio templatedRoute prometheus
echo
echo "ran % = distinct due checks that arrived at the target / (N x minutes); lateness s after"
echo "the scheduled second (prometheus: after the target's own most punctual offset); CPU ="
echo "utime+stime over the window / checks (prometheus: prometheus + blackbox_exporter); RSS at"
echo "the end (both processes for prometheus); first s = launch to the first check; first CPU s ="
echo "the CPU the side had used by then; checked99 s = launch until 99 % of monitors had a check;"
echo "status = overview page (prometheus: /api/v1/targets), metrics = /metrics (prometheus:"
echo "/federate of probe_*), median of 3; load = 15-minute load average at the end of the side."
echo "Goals (ours, N=10000): ran >= 99 %, p99 < 1 s, RSS < 1024 MiB, CPU <= 1 ms, first < 15 s,"
echo "status and metrics < 500 ms."
