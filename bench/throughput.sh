#!/usr/bin/env bash
# Probes per second and CPU milliseconds per probe: camel-monitor's probe API against
# Prometheus blackbox_exporter, both probing the same local nginx (1 KB page, a fresh
# connection per probe), driven by hey at the same concurrency, in one run.
#
# Needs: java 17, the built jar (mvn -B package -DskipTests), nginx, hey,
# prometheus-blackbox-exporter, curl, python3 (to pick free ports).
# Everything listens on 127.0.0.1 and is stopped at the end.
#
#   bench/throughput.sh                    # N=6000 probes per row, concurrency 10 50 200 (about 3 min)
#   N=3000 CONCURRENCY="10 50" bench/throughput.sh
set -euo pipefail

cd "$(dirname "$0")/.."
JAR=${JAR:-target/camel-monitor.jar}
N=${N:-6000}                      # probes per measured row
WARMUP_BATCH=${WARMUP_BATCH:-10000} # camel-monitor is warmed in batches of this many probes until its JIT is quiet
WARMUP_MAX=${WARMUP_MAX:-15}      # batches at most
BB_WARMUP=${BB_WARMUP:-2000}      # probes sent to blackbox_exporter first (it has no JIT to warm)
CONCURRENCY=${CONCURRENCY:-"10 50 200"}
BLACKBOX=${BLACKBOX:-prometheus-blackbox-exporter}
TOKEN=bench-token

. bench/lib.sh
bench_setup java nginx hey curl python3 "$BLACKBOX"

wait_http() { # url [curl args...]
    local url=$1; shift
    for _ in $(seq 1 150); do
        curl -sf -o /dev/null --max-time 1 "$@" "$url" && return 0
        sleep 0.2
    done
    echo "did not come up: $url" >&2; exit 1
}
TICK=$(getconf CLK_TCK)
cpu_ms() { # utime+stime of a process, in ms
    awk -v t="$TICK" '{ print ($14 + $15) * 1000 / t }' "/proc/$1/stat"
}
served() { wc -l < "$WORK/access.log"; }

# --- the target: nginx, 1 KB page, no keep-alive (every probe is a fresh connection) ---
NGINX_PORT=$(free_port)
mkdir -p "$WORK/www"
head -c 1024 /dev/zero | tr '\0' 'x' > "$WORK/www/1k.html"
cat > "$WORK/nginx.conf" <<EOF
worker_processes 1;
daemon on;
pid $WORK/nginx.pid;
error_log $WORK/nginx-error.log;
events { worker_connections 4096; }
http {
    access_log $WORK/access.log;
    client_body_temp_path $WORK; proxy_temp_path $WORK; fastcgi_temp_path $WORK;
    uwsgi_temp_path $WORK; scgi_temp_path $WORK;
    keepalive_timeout 0;
    server {
        listen 127.0.0.1:$NGINX_PORT backlog=4096;
        root $WORK/www;
    }
}
EOF
[ "$(id -u)" = 0 ] && sed -i '1i user root;' "$WORK/nginx.conf"
nginx -c "$WORK/nginx.conf" -p "$WORK"
TARGET="http://127.0.0.1:$NGINX_PORT/1k.html"
wait_http "$TARGET"

# --- blackbox_exporter with a plain HTTP GET module ---
BB_PORT=$(free_port)
start_blackbox "$BB_PORT"
BB_URL="http://127.0.0.1:$BB_PORT/probe?module=http_get&target=$TARGET"
wait_http "$BB_URL"

# --- camel-monitor serving only the probe API ---
CM_PORT=$(free_port)
java ${JAVA_OPTS:-} -Dcamel.server.port="$CM_PORT" -Dprobe-api.token="$TOKEN" \
    -Dprobe-api.allow-private-targets=true \
    -Dcamel.main.routes-include-pattern=file:routes/probe-api.yaml -Dcamel-monitor.data-dir="$WORK/data" \
    -Dcamel.main.routes-reload-enabled=false \
    -jar "$JAR" > "$WORK/camel-monitor.log" 2>&1 &
CM_PID=$!; PIDS+=("$CM_PID")
CM_URL="http://127.0.0.1:$CM_PORT/api/probe"
printf '{"url":"%s","timeoutMs":5000}' "$TARGET" > "$WORK/probe.json"
CM_ARGS=(-m POST -D "$WORK/probe.json" -T application/json -H "Authorization: Bearer $TOKEN")
wait_http "$CM_URL" -X POST --data-binary @"$WORK/probe.json" -H "Content-Type: application/json" -H "Authorization: Bearer $TOKEN"
curl -s -X POST --data-binary @"$WORK/probe.json" -H "Authorization: Bearer $TOKEN" -H "Content-Type: application/json" "$CM_URL" \
    | grep -q "\"status\":200" || { echo "probe API does not probe the target" >&2; tail -20 "$WORK/camel-monitor.log" >&2; exit 1; }

# one measured row: name pid concurrency hey-args...  -> "probes/s cpu-ms-per-probe errors"
measure() {
    local pid=$1 c=$2; shift 2
    local s0 u0 t0 t1 s1 u1 out
    s0=$(served); u0=$(cpu_ms "$pid"); t0=$(date +%s.%N)
    out=$(hey -n "$N" -c "$c" -t 10 "$@")
    t1=$(date +%s.%N); u1=$(cpu_ms "$pid"); s1=$(served)
    local ok errors
    ok=$(awk '$1 == "[200]" { print $2 }' <<<"$out")
    errors=$((N - ${ok:-0}))  # non-200 answers and failed requests
    awk -v p=$((s1 - s0)) -v t0="$t0" -v t1="$t1" -v u0="$u0" -v u1="$u1" -v e="$errors" \
        'BEGIN { printf "%.0f %.3f %d %d\n", p / (t1 - t0), (u1 - u0) / (p ? p : 1), p, e }'
}

# A long-running monitor has its probe path compiled; until then the JIT compiler threads
# take as much CPU as the probes (about 70,000 probes here). Warm up until a batch adds less
# than 100 ms of compiler CPU, so that the rows measure the steady state.
compiler_ms() {
    awk -v t="$TICK" 'FNR == 1 { split($0, a, ") "); split(a[2], f, " "); n = a[1]; sub(/^[0-9]+ \(/, "", n)
        if (n ~ /Compiler/) ms += (f[12] + f[13]) * 1000 / t } END { printf "%d\n", ms }' /proc/"$CM_PID"/task/*/stat
}
warm=0
for _ in $(seq 1 "$WARMUP_MAX"); do
    c0=$(compiler_ms)
    hey -n "$WARMUP_BATCH" -c 50 "${CM_ARGS[@]}" "$CM_URL" > /dev/null
    warm=$((warm + WARMUP_BATCH))
    [ $(($(compiler_ms) - c0)) -lt 100 ] && break
done
echo "camel-monitor warmed up with $warm probes (JIT compiler: $(compiler_ms) ms CPU in all)" >&2
hey -n "$BB_WARMUP" -c 50 "$BB_URL" > /dev/null

echo
echo "Throughput against nginx (1 KB, fresh connection per probe), $N probes per row, $(nproc) cores"
printf '%-12s %-8s %12s %14s %8s %12s %14s\n' prober conc 'probes/s' 'CPU ms/probe' errors \
    'x probes/s' 'x CPU/probe'
for c in $CONCURRENCY; do
    read -r bb_rate bb_cpu bb_n bb_err < <(measure "$BB_PID" "$c" "$BB_URL")
    read -r cm_rate cm_cpu cm_n cm_err < <(measure "$CM_PID" "$c" "${CM_ARGS[@]}" "$CM_URL")
    printf '%-12s %-8s %12s %14s %8s %12s %14s\n' blackbox "$c" "$bb_rate" "$bb_cpu" "$bb_err" 1.00 1.00
    awk -v c="$c" -v r="$cm_rate" -v u="$cm_cpu" -v e="$cm_err" -v br="$bb_rate" -v bu="$bb_cpu" \
        'BEGIN { printf "%-12s %-8s %12s %14s %8s %12.2f %14.2f\n", "camel-monitor", c, r, u, e, r / br, u / bu }'
done

# the practical ceiling: one curl process, many parallel transfers, a fresh connection each
if [ "${CEILING:-1}" = 1 ]; then
    for _ in $(seq 1 "$N"); do printf 'url = "%s"\noutput = "/dev/null"\n' "$TARGET"; done > "$WORK/curl.cfg"
    s0=$(served); t0=$(date +%s.%N)
    /usr/bin/time -f '%U %S' -o "$WORK/curl.time" curl -s --no-progress-meter --parallel --parallel-max 50 -K "$WORK/curl.cfg"
    t1=$(date +%s.%N); s1=$(served)
    read -r cu cs < "$WORK/curl.time"
    awk -v p=$((s1 - s0)) -v t0="$t0" -v t1="$t1" -v cu="$cu" -v cs="$cs" \
        'BEGIN { printf "%-12s %-8s %12.0f %14.3f %8s\n", "curl", "50", p / (t1 - t0), (cu + cs) * 1000 / p, "-" }'
fi
echo
echo "probes counted at nginx; CPU = utime+stime of the prober process (/proc/<pid>/stat);"
echo "x = camel-monitor / blackbox_exporter (goal: probes/s >= 2.00, CPU/probe <= 0.50)"
