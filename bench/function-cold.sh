#!/usr/bin/env bash
# Cold start of a function invocation: a new Function Compute instance of the package started as
# FC starts a custom runtime (its `bootstrap`, FC's environment, then POST /invoke with a timer
# event naming one monitor, an http check of a loopback nginx), against the status check of the
# article this project grew from (bench/seed/status_check.py) in a fresh python3 process calling
# its handler once against the same page. In one run, alternating, as ratios: start to the
# monitor's result, start to the answer, and peak memory. Ours six ways: the package as the
# bootstrap ships it (no class-data archive), with a bactrian.jsa recorded by `validate`, with one
# recorded from a stand-in invocation, that archive without the status page's HTTP server, and
# also with heap and stack sizes for a small instance, and plain `java -jar` without the bootstrap's options.
# Usage: bench/function-cold.sh   (after mvn -B package -DskipTests; RUNS=10 by default;
# JAR=<path> times another build of the jar)
set -euo pipefail
cd "$(dirname "$0")/.."
RUNS=${RUNS:-10}
JAR=$(realpath -m "${JAR:-target/bactrian.jar}")
. bench/lib.sh
bench_setup java python3 nginx curl zip unzip
JAVA_HOME=$(dirname "$(dirname "$(realpath "$(command -v java)")")")

# the bootstrap as the function pages give it, the same file for FC and SCF
bootstrap_of() { awk '/^```sh$/ {on = 1; next} on && /^```$/ {exit} on' "$1"; }
bootstrap_of docs/operations/function-compute.md > "$WORK/bootstrap"
bootstrap_of docs/operations/tencent-scf.md | cmp -s - "$WORK/bootstrap" \
  || { echo "the bootstraps of function-compute.md and tencent-scf.md differ" >&2; exit 2; }
grep -q 'bactrian.jar function' "$WORK/bootstrap" || { echo "no bootstrap in function-compute.md" >&2; exit 2; }

start_arrival_target "$WORK/arrivals.log"
URL="http://127.0.0.1:$NGINX_PORT/m/site"
EVENT='{"triggerTime":"2026-12-07T18:00:00Z","triggerName":"bench","payload":"{\"monitors\":[\"site\"]}"}'
RESULT='^site +UP '

# the environment FC gives a custom runtime, and the function's settings; the status page's
# server stays on (on a loopback port) but in the lean package below
fc_env() {
  local port=$1; shift
  env -i PATH="$PATH" HOME="$WORK" LANG=C.UTF-8 JAVA_HOME="$JAVA_HOME" FC_SERVER_PORT="$port" \
    FC_FUNC_CODE_PATH="$WORK/code/" FC_FUNCTION_NAME=bactrian FC_FUNCTION_MEMORY_SIZE=512 FC_REGION=cn-hangzhou \
    BACTRIAN_DATA_DIR="$WORK/state" CAMEL_SERVER_PORT="$(free_port)" "$@"
}

# package NAME: the project as a user zips it, with the bootstrap, the jar and the monitor 'site'
package() {
  local dir="$WORK/pkg-$1"
  project_folder "$dir"
  cp "$JAR" "$dir/bactrian.jar"
  cp "$WORK/bootstrap" "$dir/bootstrap"
  chmod 755 "$dir/bootstrap"
  cat > "$dir/monitors/site.yaml" <<YAML
monitors:
  - id: site
    kind: http
    url: "$URL"
    cron: "0 */5 * * * ? *"
YAML
  echo "$dir"
}

# record_invocation DIR [ENV...]: the archive of one stand-in invocation, ended as FC ends it
record_invocation() {
  local dir=$1 port; shift
  port=$(free_port)
  rm -rf "$WORK/state"
  (cd "$dir" && fc_env "$port" "$@" python3 "$OLDPWD/bench/cold-invoke.py" fc "$port" "$EVENT" "$RESULT" -- \
      "$JAVA_HOME/bin/java" -XX:ArchiveClassesAtExit=bactrian.jsa -XX:+UseSerialGC -XX:TieredStopAtLevel=1 \
      -jar bactrian.jar function > /dev/null)
}

shipped=$(package shipped)
validate=$(package validate)
(cd "$validate" && "$JAVA_HOME/bin/java" -XX:ArchiveClassesAtExit=bactrian.jsa -jar bactrian.jar validate > /dev/null)
invoked=$(package invoked)
record_invocation "$invoked"
# what a function can set besides: no status page's server (as function-descriptors writes it; its
# route files left out of the package too), heap and stack sizes for a small instance, no perf data file
lean=$(package lean)
rm "$lean"/routes/{status-page,monitor-api,probe-api,demo-target}.yaml
NO_SERVER=(CAMEL_SERVER_ENABLED=false)
TUNED_ENV=(CAMEL_SERVER_ENABLED=false "JAVA_TOOL_OPTIONS=-Xmx128m -Xss512k -XX:-UsePerfData")
record_invocation "$lean" "${NO_SERVER[@]}"

# each package zipped and unpacked as FC does with a code zip; an archive the JVM would not map
# (a jar whose time the zip changed) stops the bench rather than timing a start without it
for name in shipped validate invoked lean; do
  (cd "$WORK/pkg-$name" && zip -qr "$WORK/$name.zip" .)
  unzip -q "$WORK/$name.zip" -d "$WORK/code-$name"
  if [ -f "$WORK/code-$name/bactrian.jsa" ]; then
    (cd "$WORK/code-$name" && "$JAVA_HOME/bin/java" -Xshare:on -XX:SharedArchiveFile=bactrian.jsa -cp bactrian.jar \
        -version > /dev/null 2>&1) || { echo "the JVM does not map $name's bactrian.jsa after the zip" >&2; exit 2; }
  fi
done

# one_fc NAME COMMAND...: one cold invocation of package NAME in its own folder, a new instance
one_fc() {
  local name=$1 port; shift
  port=$(free_port)
  rm -rf "$WORK/state"
  (cd "$WORK/code-$name" && fc_env "$port" "${ENV_EXTRA[@]}" python3 "$OLDPWD/bench/cold-invoke.py" fc "$port" \
      "$EVENT" "$RESULT" -- "$@")
}

seed_call=(python3 -c 'import sys; sys.path.insert(0, sys.argv[1]); import status_check
status_check.handler(sys.argv[2].encode(), None)  # FC hands a Python handler the event as bytes
print("handler returned", flush=True)' "$PWD/bench/seed")

: > "$WORK/shipped" ; : > "$WORK/validate" ; : > "$WORK/invoked" ; : > "$WORK/noserver" ; : > "$WORK/tuned" ; : > "$WORK/plain" ; : > "$WORK/seed"
uptime_before=$(uptime)
for i in $(seq 1 "$RUNS"); do
  ENV_EXTRA=()
  one_fc shipped "$WORK/code-shipped/bootstrap" >> "$WORK/shipped"
  one_fc validate "$WORK/code-validate/bootstrap" >> "$WORK/validate"
  one_fc invoked "$WORK/code-invoked/bootstrap" >> "$WORK/invoked"
  ENV_EXTRA=("${NO_SERVER[@]}")
  one_fc lean "$WORK/code-lean/bootstrap" >> "$WORK/noserver"
  ENV_EXTRA=("${TUNED_ENV[@]}")
  one_fc lean "$WORK/code-lean/bootstrap" >> "$WORK/tuned"
  ENV_EXTRA=()
  one_fc shipped "$JAVA_HOME/bin/java" -jar bactrian.jar function >> "$WORK/plain"
  env -i PATH="$PATH" HOME="$WORK" LANG=C.UTF-8 PYTHONUNBUFFERED=1 PYTHONDONTWRITEBYTECODE=1 STATUS_URL="$URL" \
    python3 bench/cold-invoke.py py "$EVENT" '可以访问' -- "${seed_call[@]}" >> "$WORK/seed"
done
uptime_after=$(uptime)

# median of column $1 of file $2 ("-" for a column the run has not)
median() {
  awk -v c="$1" '{print $c}' "$2" | sort -n \
    | awk '{a[NR]=$1} END {print (a[1] == "-" ? "-" : NR%2 ? a[(NR+1)/2] : int((a[NR/2]+a[NR/2+1])/2))}'
}
sf=$(median 2 "$WORK/seed"); sa=$(median 3 "$WORK/seed"); sm=$(median 5 "$WORK/seed")
echo "Cold invocation, median of $RUNS runs each, $(nproc) cores, $("$JAVA_HOME/bin/java" -version 2>&1 | head -1), $(python3 --version)"
echo "before: $uptime_before"
echo "after:  $uptime_after"
printf '| %-58s | %8s | %9s | %9s | %9s | %7s | %11s | %11s | %8s |\n' what "ready ms" "result ms" "answer ms" \
  "invoke ms" "peak MB" "result/seed" "answer/seed" "MB/seed"
echo "|---|---:|---:|---:|---:|---:|---:|---:|---:|"
row() {
  awk -v w="$2" -v r="$(median 1 "$WORK/$1")" -v f="$(median 2 "$WORK/$1")" -v a="$(median 3 "$WORK/$1")" \
      -v i="$(median 4 "$WORK/$1")" -v m="$(median 5 "$WORK/$1")" -v sf="$sf" -v sa="$sa" -v sm="$sm" \
    'BEGIN { printf "| %-58s | %8s | %9d | %9d | %9s | %7.0f | %11.1f | %11.1f | %8.1f |\n", w, r, f, a, i, m/1024, f/sf, a/sa, m/sm }'
}
row shipped "bootstrap as shipped, no archive in the package"
row validate "bootstrap + bactrian.jsa recorded by validate"
row invoked "bootstrap + bactrian.jsa recorded from an invocation"
row noserver "that + no HTTP server (CAMEL_SERVER_ENABLED=false)"
row tuned "that + -Xmx128m -Xss512k -XX:-UsePerfData"
row plain "java -jar bactrian.jar function (no options, no archive)"
row seed "the article's status_check.py, fresh python3, handler once"
