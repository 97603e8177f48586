#!/bin/sh
# Kafka lag evaluation cost on synthetic offsets: one group of 10,000 partitions and
# 100 groups of 100 partitions, each in its own JVM. Usage: bench/kafka-lag.sh [history-points] [window]
set -e
cd "$(dirname "$0")/.."
mvn -q -B -o test-compile dependency:build-classpath -Dmdep.outputFile=target/bench-classpath.txt
for case in one many; do
    java -Xmx512m -XX:+UseSerialGC -cp "target/classes:target/test-classes:$(cat target/bench-classpath.txt)" \
        io.bactrian.probe.kafka.LagBench "${1:-60}" "${2:-10}" "$case"
done
