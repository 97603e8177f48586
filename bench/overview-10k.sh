#!/usr/bin/env bash
# The overview's server time at SIZES monitors (1,000 and 10,000), this build beside BASE's
# (main), in one run, as ratios. Per size: one history generated into H2 (ScaleHistory: 30 days
# of day rollups, HOURLY_DAYS of hour rollups, the last RAW_MINUTES of one-minute checks, 1 %
# down, 0.5 % failing), and a monitor list of the same monitors (bench/lib.sh's
# scale_monitor_list) in 20 groups and 7 tags (BASE's without the tags), due next in 2099 so that none is checked while
# timed; each side started on its own copy of both with only the status page's and the http
# kind's routes; then each request timed over loopback (curl's time_total, median of RUNS runs
# after 3 warm-ups). BASE's build ignores the parameters it does not know (group, tag, needs,
# sort) and has no /api/v1/overview: its row says "-".
#
# Needs: java 17, mvn, curl, git, python3; this build's jar (mvn -B package -DskipTests).
#   bench/overview-10k.sh
#   SIZES=1000 RUNS=5 BASE_JAR=<a jar built from main> bench/overview-10k.sh
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
JAR=$(realpath -m "${JAR:-target/bactrian.jar}")
BASE=${BASE:-main}
SIZES=${SIZES:-1000 10000}
RUNS=${RUNS:-10}
RAW_MINUTES=${RAW_MINUTES:-10}
HOURLY_DAYS=${HOURLY_DAYS:-2}
. bench/lib.sh
bench_setup java mvn curl git python3

mvn -q -B -o test-compile dependency:build-classpath -Dmdep.outputFile="$WORK/classpath.txt"
GEN_CP="target/test-classes:$JAR:$(cat "$WORK/classpath.txt")"

# BASE's files, and its jar built from them alone (no work tree of this checkout is touched)
# unless BASE_JAR names one built from BASE already
mkdir "$WORK/base-src"
git archive "$BASE" | tar -x -C "$WORK/base-src"
if [ -z "${BASE_JAR:-}" ]; then
    (cd "$WORK/base-src" && mvn -q -B -o package -DskipTests) > "$WORK/base-build.log" 2>&1 \
        || { tail -20 "$WORK/base-build.log" >&2; exit 1; }
    BASE_JAR=$WORK/base-src/target/bactrian.jar
fi

overview_labels() { # i: the group and description of monitor i
    printf '    group: g%02d\n    description: "site %d"\n' $(($1 % 20)) "$1"
}
overview_tags() { # i: overview_labels and the tags of monitor i, which BASE may not know
    overview_labels "$1"
    printf '    tags: [t%d, %s]\n' $(($1 % 7)) "$([ $(($1 % 2)) = 0 ] && echo even || echo odd)"
}

# start_side NAME JAR ROUTES N: the application on a copy of size N's history and list; sets BASE_URL
start_side() {
    local name=$1 jar=$2 routes=$3 n=$4 dir="$WORK/$1-$4" port
    mkdir -p "$dir"
    cp -r "$WORK/gen-$n/data" "$WORK/gen-$n/monitors" "$dir/"
    [ "$name" = this ] || cp "$WORK/gen-$n/base/scale.yaml" "$dir/monitors/"
    port=$(free_port)
    cp "$routes/../application.properties" "$dir/"
    cat >> "$dir/application.properties" <<PROPS

camel.main.routes-include-pattern = file:$routes/status-page.yaml,file:$routes/http-monitors.yaml,file:$routes/check-outcome.yaml
camel.main.routes-reload-enabled = false
camel.server.port = $port
bactrian.data-dir = $dir/data
monitors.files = $dir/monitors/*.yaml
PROPS
    (cd "$dir" && exec java -jar "$jar" > "$dir/out.log" 2>&1) &
    SIDE_PID=$!
    PIDS+=("$SIDE_PID")
    BASE_URL="http://127.0.0.1:$port"
    # up once the store has loaded every monitor's last check: the overview finds the last one
    until curl -sf "$BASE_URL/?q=$(printf 'site-%05d' $((n - 1)))" 2>/dev/null | grep -q 'data-monitor="site-'; do
        kill -0 "$SIDE_PID" 2>/dev/null || { echo "$name ended:" >&2; tail -20 "$dir/out.log" >&2; exit 1; }
        sleep 1
    done
}

# median_ms URL: median of curl's time_total over RUNS runs after 3 warm-ups, ms; "-" unless 200
median_ms() {
    local i code
    code=$(curl -s -o /dev/null -w '%{http_code}' "$1")
    [ "$code" = 200 ] || { echo "-"; return; }
    for i in 1 2; do curl -s -o /dev/null "$1"; done
    for i in $(seq 1 "$RUNS"); do curl -s -o /dev/null -w '%{time_total}\n' "$1"; done \
        | sort -g | awk '{ t[NR] = $1 * 1000 } END { printf "%.0f\n", t[int((NR + 1) / 2)] }'
}

REQUESTS=(
    "/"
    "/?state=down"
    "/?q=site-0012&sort=name"
    "/?group=g03&tag=t2&page=2&per-page=50"
    "/?page=50"
    "/?needs=me"
    "/?sort=response"
    "/api/monitors?page=50"
    "/api/v1/overview"
    "/api/v1/overview?state=up&q=site&sort=name&page=2"
)

for n in $SIZES; do
    mkdir -p "$WORK/gen-$n/data/history" "$WORK/gen-$n/monitors"
    java -cp "$GEN_CP" io.bactrian.history.ScaleHistory \
        "jdbc:h2:file:$WORK/gen-$n/data/history/history;DB_CLOSE_ON_EXIT=FALSE" "" "$n" "$RAW_MINUTES" "$HOURLY_DAYS"
    mkdir -p "$WORK/gen-$n/base"
    scale_monitor_list "$n" "http://127.0.0.1:9" site-%05d "0 0 0 1 1 ? 2099" overview_tags \
        > "$WORK/gen-$n/monitors/scale.yaml"
    scale_monitor_list "$n" "http://127.0.0.1:9" site-%05d "0 0 0 1 1 ? 2099" overview_labels \
        > "$WORK/gen-$n/base/scale.yaml"
    declare -A MS=()
    for side in base this; do
        if [ "$side" = base ]; then start_side base "$BASE_JAR" "$WORK/base-src/routes" "$n"
        else start_side this "$JAR" "$ROOT/routes" "$n"; fi
        for r in "${REQUESTS[@]}"; do MS[$side$r]=$(median_ms "$BASE_URL$r"); done
        kill "$SIDE_PID"; wait "$SIDE_PID" 2>/dev/null || true
    done
    echo
    echo "$n monitors, median of $RUNS, load average $(cut -d' ' -f1-3 /proc/loadavg)"
    echo "| request | $BASE ms | this ms | this / $BASE |"
    echo "|---|---:|---:|---:|"
    for r in "${REQUESTS[@]}"; do
        awk -v r="$r" -v a="${MS[base$r]}" -v b="${MS[this$r]}" 'BEGIN {
            printf "| `%s` | %s | %s | %s |\n", r, a, b, (a == "-" || b == "-" || a == 0) ? "-" : sprintf("%.2f", b / a) }'
    done
    unset MS
done
