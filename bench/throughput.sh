#!/usr/bin/env bash
# Probes per second and CPU milliseconds per probe: bactrian's probe API against
# Prometheus blackbox_exporter, both probing the same local nginx (1 KB page, a fresh
# connection per probe), driven by hey at the same concurrency, in one run. Three sets of rows:
# plain HTTP; HTTPS without verification (blackbox_exporter insecure_skip_verify, ours
# verifyTls false); HTTPS verified against a test CA, trusted by blackbox_exporter's ca_file and
# by our JVM's javax.net.ssl.trustStore. nginx has a P-256 certificate and neither session
# cache nor tickets, so every HTTPS probe is a full handshake. Ours runs once per TLS engine
# (probe.tls-engine), each in its own JVM.
#
# Needs: java 17, the built jar (mvn -B package -DskipTests), nginx, hey, openssl,
# prometheus-blackbox-exporter, curl, python3 (to pick free ports).
# Everything listens on 127.0.0.1 and is stopped at the end.
#
#   bench/throughput.sh                    # N=6000 probes per row, concurrency 10 50 200 (about 10 min)
#   N=3000 CONCURRENCY="10 50" SETS="https verified" ENGINES=native bench/throughput.sh
set -euo pipefail

cd "$(dirname "$0")/.."
JAR=${JAR:-target/bactrian.jar}
N=${N:-6000}                      # probes per measured row
WARMUP_BATCH=${WARMUP_BATCH:-10000} # bactrian is warmed in batches of this many probes until its JIT is quiet
WARMUP_MAX=${WARMUP_MAX:-15}      # batches at most
BB_WARMUP=${BB_WARMUP:-2000}      # probes sent to blackbox_exporter first (it has no JIT to warm)
CONCURRENCY=${CONCURRENCY:-"10 50 200"}
SETS=${SETS:-"http https verified"}  # plain HTTP, HTTPS unverified, HTTPS verified
ENGINES=${ENGINES:-"native jdk"}     # our TLS engines, one JVM each; plain HTTP rows use the first
BLACKBOX=${BLACKBOX:-prometheus-blackbox-exporter}
TOKEN=bench-token

. bench/lib.sh
bench_setup java nginx hey curl python3 openssl keytool "$BLACKBOX"

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

# --- a test CA and nginx's P-256 certificate for 127.0.0.1, signed by it; the CA as a trust store ---
openssl ecparam -name prime256v1 -genkey -noout -out "$WORK/ca.key"
openssl req -x509 -new -key "$WORK/ca.key" -subj "/CN=bench test CA" -days 2 -out "$WORK/ca.pem"
openssl ecparam -name prime256v1 -genkey -noout -out "$WORK/server.key"
openssl req -new -key "$WORK/server.key" -subj "/CN=127.0.0.1" -out "$WORK/server.csr"
printf 'subjectAltName=IP:127.0.0.1\nextendedKeyUsage=serverAuth\n' > "$WORK/server.ext"
openssl x509 -req -in "$WORK/server.csr" -CA "$WORK/ca.pem" -CAkey "$WORK/ca.key" -CAcreateserial -days 2 \
    -extfile "$WORK/server.ext" -out "$WORK/server.pem" 2> /dev/null
keytool -importcert -noprompt -alias ca -file "$WORK/ca.pem" -keystore "$WORK/trust.p12" -storetype PKCS12 \
    -storepass changeit > /dev/null 2>&1

# --- the target: nginx, 1 KB page, no keep-alive (every probe is a fresh connection) ---
NGINX_PORT=$(free_port)
TLS_PORT=$(free_port)
mkdir -p "$WORK/www"
head -c 1024 /dev/zero | tr '\0' 'x' > "$WORK/www/1k.html"
cat > "$WORK/nginx.conf" <<EOF
worker_processes 1;
daemon on;
pid $WORK/nginx.pid;
error_log $WORK/nginx-error.log;
events { worker_connections 4096; }
http {
    # one line per request (counts the probes), with what TLS the handshake came to
    log_format tls "\$ssl_protocol \$ssl_cipher \$ssl_curve reused=\$ssl_session_reused";
    access_log $WORK/access.log tls;
    client_body_temp_path $WORK; proxy_temp_path $WORK; fastcgi_temp_path $WORK;
    uwsgi_temp_path $WORK; scgi_temp_path $WORK;
    keepalive_timeout 0;
    server {
        listen 127.0.0.1:$NGINX_PORT backlog=4096;
        root $WORK/www;
    }
    server {
        listen 127.0.0.1:$TLS_PORT ssl backlog=4096;
        ssl_certificate $WORK/server.pem;
        ssl_certificate_key $WORK/server.key;
        # a full handshake for every probe, as a first-time visitor's
        ssl_session_cache off;
        ssl_session_tickets off;
        root $WORK/www;
    }
}
EOF
[ "$(id -u)" = 0 ] && sed -i '1i user root;' "$WORK/nginx.conf"
nginx -c "$WORK/nginx.conf" -p "$WORK"
TARGET="http://127.0.0.1:$NGINX_PORT/1k.html"
TLS_TARGET="https://127.0.0.1:$TLS_PORT/1k.html"
wait_http "$TARGET"
wait_http "$TLS_TARGET" --cacert "$WORK/ca.pem"

# --- blackbox_exporter with a plain HTTP GET module ---
BB_PORT=$(free_port)
start_blackbox "$BB_PORT" "
  https_insecure:
    prober: http
    timeout: 5s
    http:
      preferred_ip_protocol: ip4
      tls_config:
        insecure_skip_verify: true
  https_verified:
    prober: http
    timeout: 5s
    http:
      preferred_ip_protocol: ip4
      tls_config:
        ca_file: $WORK/ca.pem"
declare -A BB_URLS=(
    [http]="http://127.0.0.1:$BB_PORT/probe?module=http_get&target=$TARGET"
    [https]="http://127.0.0.1:$BB_PORT/probe?module=https_insecure&target=$TLS_TARGET"
    [verified]="http://127.0.0.1:$BB_PORT/probe?module=https_verified&target=$TLS_TARGET"
)
for set in $SETS; do
    wait_http "${BB_URLS[$set]}"
    curl -s "${BB_URLS[$set]}" | grep -q '^probe_success 1' \
        || { echo "blackbox_exporter does not probe the $set target" >&2; exit 1; }
done

# --- bactrian serving only the probe API, one JVM per TLS engine ---
printf '{"url":"%s","timeoutMs":5000}' "$TARGET" > "$WORK/http.json"
printf '{"url":"%s","timeoutMs":5000,"verifyTls":false}' "$TLS_TARGET" > "$WORK/https.json"
printf '{"url":"%s","timeoutMs":5000}' "$TLS_TARGET" > "$WORK/verified.json"
declare -A CM_PIDS CM_URLS
for engine in $ENGINES; do
    port=$(free_port)
    java ${JAVA_OPTS:-} -Dcamel.server.port="$port" -Dprobe-api.token="$TOKEN" \
        -Dprobe-api.allow-private-targets=true -Dprobe.tls-engine="$engine" \
        -Djavax.net.ssl.trustStore="$WORK/trust.p12" -Djavax.net.ssl.trustStorePassword=changeit \
        -Dcamel.main.routes-include-pattern=file:routes/probe-api.yaml -Dbactrian.data-dir="$WORK/data-$engine" \
        -Dcamel.main.routes-reload-enabled=false -Dmonitors.files= \
        -jar "$JAR" > "$WORK/bactrian-$engine.log" 2>&1 &
    CM_PIDS[$engine]=$!; PIDS+=("$!")
    CM_URLS[$engine]="http://127.0.0.1:$port/api/probe"
done
CM_HEADERS=(-T application/json -H "Authorization: Bearer $TOKEN")
cm_args() { # set -> hey's arguments for a probe of that set
    echo -m POST -D "$WORK/$1.json"
}
for engine in $ENGINES; do
    wait_http "${CM_URLS[$engine]}" -X POST --data-binary @"$WORK/http.json" -H "Content-Type: application/json" \
        -H "Authorization: Bearer $TOKEN"
    for set in $SETS; do
        curl -s -X POST --data-binary @"$WORK/$set.json" -H "Authorization: Bearer $TOKEN" \
            -H "Content-Type: application/json" "${CM_URLS[$engine]}" | grep -q "\"status\":200" \
            || { echo "probe API ($engine) does not probe the $set target" >&2
                 tail -20 "$WORK/bactrian-$engine.log" >&2; exit 1; }
    done
    grep -h "TLS engine" "$WORK/bactrian-$engine.log" >&2 || true
done

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
compiler_ms() { # pid
    awk -v t="$TICK" 'FNR == 1 { split($0, a, ") "); split(a[2], f, " "); n = a[1]; sub(/^[0-9]+ \(/, "", n)
        if (n ~ /Compiler/) ms += (f[12] + f[13]) * 1000 / t } END { printf "%d\n", ms }' /proc/"$1"/task/*/stat
}
for engine in $ENGINES; do
    pid=${CM_PIDS[$engine]}
    for set in $SETS; do
        warm=0
        for _ in $(seq 1 "$WARMUP_MAX"); do
            c0=$(compiler_ms "$pid")
            # shellcheck disable=SC2046
            hey -n "$WARMUP_BATCH" -c 50 $(cm_args "$set") "${CM_HEADERS[@]}" "${CM_URLS[$engine]}" > /dev/null
            warm=$((warm + WARMUP_BATCH))
            [ $(($(compiler_ms "$pid") - c0)) -lt 100 ] && break
        done
        echo "bactrian ($engine) warmed up on $set with $warm probes (JIT compiler: $(compiler_ms "$pid") ms CPU in all)" >&2
    done
done
for set in $SETS; do
    hey -n "$BB_WARMUP" -c 50 "${BB_URLS[$set]}" > /dev/null
done

echo
echo "Throughput against nginx (1 KB, fresh connection per probe), $N probes per row, $(nproc) cores"
printf '%-9s %-22s %-6s %10s %13s %7s %11s %12s\n' target prober conc 'probes/s' 'CPU ms/probe' errors \
    'x probes/s' 'x CPU/probe'
first_engine=${ENGINES%% *}
for set in $SETS; do
    for c in $CONCURRENCY; do
        read -r bb_rate bb_cpu bb_n bb_err < <(measure "$BB_PID" "$c" "${BB_URLS[$set]}")
        printf '%-9s %-22s %-6s %10s %13s %7s %11s %12s\n' "$set" blackbox "$c" "$bb_rate" "$bb_cpu" "$bb_err" 1.00 1.00
        for engine in $ENGINES; do
            [ "$set" = http ] && [ "$engine" != "$first_engine" ] && continue # no TLS: the engine does not matter
            # shellcheck disable=SC2046
            read -r cm_rate cm_cpu cm_n cm_err < <(measure "${CM_PIDS[$engine]}" "$c" $(cm_args "$set") \
                "${CM_HEADERS[@]}" "${CM_URLS[$engine]}")
            awk -v s="$set" -v p="bactrian $engine" -v c="$c" -v r="$cm_rate" -v u="$cm_cpu" -v e="$cm_err" \
                -v br="$bb_rate" -v bu="$bb_cpu" \
                'BEGIN { printf "%-9s %-22s %-6s %10s %13s %7s %11.2f %12.2f\n", s, p, c, r, u, e, r / br, u / bu }'
        done
    done
done

# the practical ceiling: one curl process, many parallel transfers, a fresh connection each
if [ "${CEILING:-1}" = 1 ]; then
    declare -A CURL_TLS=([http]="" [https]="--insecure" [verified]="--cacert $WORK/ca.pem")
    for set in $SETS; do
        url=$TARGET; [ "$set" = http ] || url=$TLS_TARGET
        for _ in $(seq 1 "$N"); do printf 'url = "%s"\noutput = "/dev/null"\n' "$url"; done > "$WORK/curl.cfg"
        s0=$(served); t0=$(date +%s.%N)
        # shellcheck disable=SC2086
        /usr/bin/time -f '%U %S' -o "$WORK/curl.time" curl -s --no-progress-meter ${CURL_TLS[$set]} \
            --parallel --parallel-max 50 -K "$WORK/curl.cfg"
        t1=$(date +%s.%N); s1=$(served)
        read -r cu cs < "$WORK/curl.time"
        awk -v s="$set" -v p=$((s1 - s0)) -v t0="$t0" -v t1="$t1" -v cu="$cu" -v cs="$cs" \
            'BEGIN { printf "%-9s %-22s %-6s %10.0f %13.3f %7s\n", s, "curl --parallel", "50", p / (t1 - t0), (cu + cs) * 1000 / p, "-" }'
    done
fi
echo
# what the HTTPS handshakes came to, as nginx logged them: full ones only (reused=.)
awk '$1 != "-" { n[$0]++ } END { for (k in n) printf "TLS at nginx: %d requests %s\n", n[k], k }' "$WORK/access.log"
echo "probes counted at nginx; CPU = utime+stime of the prober process (/proc/<pid>/stat);"
echo "x = bactrian / blackbox_exporter (goal: probes/s >= 2.00, CPU/probe <= 0.50)"
