#!/usr/bin/env bash
# Phase accuracy against loopback servers that wait a known time, one probe at a time.
#
# First byte (PARTS ttfb): a server waits DELAY_MS (default 100) between reading the request and
# sending its headers, and logs what it did. For each probe: measured first-byte time minus the
# server's own logged time. Ours: `bactrian.jar probe <url> --json` (ttfbMs); curl -w
# (time_starttransfer - time_pretransfer); blackbox_exporter (probe_http_duration_seconds{phase="processing"}).
#
# TLS handshake (PARTS tls): a TLS server (P-256 self-signed certificate for 127.0.0.1, no session
# tickets, so every handshake is a full one) holds its ServerHello back TLS_DELAY_MS (default 50)
# in its ClientHello callback, and logs per request the time from accepting the connection to the
# end of its handshake. Ours per TLS engine (probe.tls-engine): a fresh JVM's `probe --json` (tlsMs)
# and the probe API of a running, warmed-up instance (tlsMs); against curl's
# time_appconnect - time_connect. All verify the certificate: ours through a trust store holding
# it (javax.net.ssl.trustStore), curl with --cacert. The probers take turns, probe by probe, so
# that a change in the machine's load reaches them alike.
#
# Needs: java 17, the built jar, curl, python3, openssl, keytool, prometheus-blackbox-exporter (ttfb).
#   bench/accuracy.sh                      # N=20 probes per prober, about 7 minutes
#   PARTS=tls ENGINES=native bench/accuracy.sh
set -euo pipefail

cd "$(dirname "$0")/.."
JAR=${JAR:-target/bactrian.jar}
N=${N:-20}
PARTS=${PARTS:-"ttfb tls"}
DELAY_MS=${DELAY_MS:-100}
TLS_DELAY_MS=${TLS_DELAY_MS:-50}
ENGINES=${ENGINES:-"native jdk"}   # our TLS engines
WARMUP=${WARMUP:-2000}             # probes a running instance makes before its TLS rows
BLACKBOX=${BLACKBOX:-prometheus-blackbox-exporter}
TOKEN=bench-token

. bench/lib.sh
tools=(java curl python3)
[[ " $PARTS " == *" ttfb "* ]] && tools+=("$BLACKBOX")
[[ " $PARTS " == *" tls "* ]] && tools+=(openssl keytool)
bench_setup "${tools[@]}"

median() { sort -n | awk '{a[NR]=$1} END{ if (NR == 0) print "nan"; else printf "%.3f\n", (NR%2) ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2 }'; }
joined() { join <(sort "$WORK/$1.txt") <(sort "$2"); } # "<id> <measured> <logged>"

ttfb_rows() {
read -r SRV_PORT BB_PORT < <(python3 -c '
import socket
a, b = socket.socket(), socket.socket()
a.bind(("127.0.0.1", 0)); b.bind(("127.0.0.1", 0))
print(a.getsockname()[1], b.getsockname()[1])')

# the target: reads the request head, sleeps, sends the response; logs "<id> <ms>" where ms is
# from the last byte of the request read to the response headers handed to the kernel
cat > "$WORK/server.py" <<'EOF'
import socket, sys, threading, time

port, delay, log = int(sys.argv[1]), int(sys.argv[2]) / 1000, open(sys.argv[3], "a", buffering=1)
body = b"ok\n"

def serve(conn):
    with conn:
        conn.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        data = b""
        while b"\r\n\r\n" not in data:
            chunk = conn.recv(65536)
            if not chunk:
                return
            data += chunk
        got = time.perf_counter()
        time.sleep(delay)
        conn.sendall(b"HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: %d\r\n"
                     b"Connection: close\r\n\r\n" % len(body) + body)
        sent = time.perf_counter()
        target = data.split(b" ", 2)[1].decode()
        log.write(f"{target.rsplit('=', 1)[-1]} {(sent - got) * 1000:.3f}\n")

server = socket.create_server(("127.0.0.1", port), backlog=128)
while True:
    conn, _ = server.accept()
    threading.Thread(target=serve, args=(conn,), daemon=True).start()
EOF
python3 "$WORK/server.py" "$SRV_PORT" "$DELAY_MS" "$WORK/server.log" &
PIDS+=($!)

start_blackbox "$BB_PORT"
URL="http://127.0.0.1:$SRV_PORT/delay?id"
for _ in $(seq 1 100); do curl -s -o /dev/null "$URL=warm" && curl -s -o /dev/null "http://127.0.0.1:$BB_PORT/" && break; sleep 0.2; done

# each prober writes "<id> <measured ms>" lines
for i in $(seq 1 "$N"); do
    java -jar "$JAR" probe "$URL=ours-$i" --json 2>/dev/null \
        | awk -v id="ours-$i" -F: '/"ttfbMs"/ { gsub(/[ ,]/, "", $2); print id, $2 }'
done > "$WORK/ours.txt"
for i in $(seq 1 "$N"); do
    curl -s -o /dev/null -w "curl-$i %{time_pretransfer} %{time_starttransfer}\n" "$URL=curl-$i"
done | awk '{ printf "%s %.3f\n", $1, ($3 - $2) * 1000 }' > "$WORK/curl.txt"
for i in $(seq 1 "$N"); do
    curl -s "http://127.0.0.1:$BB_PORT/probe?module=http_get&target=$URL=bb-$i" \
        | awk -v id="bb-$i" '/^probe_http_duration_seconds\{phase="processing"\}/ { printf "%s %.3f\n", id, $2 * 1000 }'
done > "$WORK/bb.txt"
sleep 0.2

echo
echo "First-byte accuracy against a server that waits $DELAY_MS ms, $N probes each, $(nproc) cores"
printf '%-16s %8s %18s %22s %22s\n' prober probes 'median measured ms' 'median server-log ms' 'median (measured-log)'
for p in ours:bactrian curl:curl bb:blackbox; do
    f=${p%%:*}; name=${p#*:}
    j=$(joined "$f" "$WORK/server.log")
    printf '%-16s %8d %18s %22s %22s\n' "$name" "$(wc -l <<<"$j")" \
        "$(awk '{print $2}' <<<"$j" | median)" "$(awk '{print $3}' <<<"$j" | median)" \
        "$(awk '{print $2 - $3}' <<<"$j" | median)"
done
echo
echo "server-log = the server's own time from reading the request to handing its response to the kernel;"
echo "goal: bactrian's median (measured - log) within 2 ms"
}

tls_rows() {
TLS_PORT=$(free_port)
openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -keyout "$WORK/tls.key" \
    -out "$WORK/tls.pem" -days 2 -subj /CN=127.0.0.1 -addext subjectAltName=IP:127.0.0.1 2> /dev/null
keytool -importcert -noprompt -alias target -file "$WORK/tls.pem" -keystore "$WORK/trust.p12" \
    -storetype PKCS12 -storepass changeit > /dev/null 2>&1
TRUST=(-Djavax.net.ssl.trustStore="$WORK/trust.p12" -Djavax.net.ssl.trustStorePassword=changeit)

# the target: OpenSSL through python's ssl; its ClientHello callback (called with or without
# SNI) sleeps, so the ServerHello leaves that much later. Logs "<id> <ms> <protocol>", ms from
# the accept to the end of the server's handshake, once the request names its id.
cat > "$WORK/tls-server.py" <<'EOF'
import socket, ssl, sys, threading, time

port, delay, log = int(sys.argv[1]), int(sys.argv[2]) / 1000, open(sys.argv[5], "a", buffering=1)
context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
context.load_cert_chain(sys.argv[3], sys.argv[4])
context.num_tickets = 0            # no TLS 1.3 resumption: every handshake is a full one
context.options |= ssl.OP_NO_TICKET
context.sni_callback = lambda sock, name, ctx: time.sleep(delay)
body = b"ok\n"

def serve(conn, accepted):
    conn.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
    with context.wrap_socket(conn, server_side=True, do_handshake_on_connect=False) as tls:
        try:
            tls.do_handshake()
            done = time.perf_counter()
            data = b""
            while b"\r\n\r\n" not in data:
                chunk = tls.recv(65536)
                if not chunk:
                    return
                data += chunk
            tls.sendall(b"HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: %d\r\n"
                        b"Connection: close\r\n\r\n" % len(body) + body)
        except (ssl.SSLError, OSError):
            return
        target = data.split(b" ", 2)[1].decode()
        log.write(f"{target.rsplit('=', 1)[-1]} {(done - accepted) * 1000:.3f} {tls.version()}\n")

server = socket.create_server(("127.0.0.1", port), backlog=128)
while True:
    conn, _ = server.accept()
    threading.Thread(target=serve, args=(conn, time.perf_counter()), daemon=True).start()
EOF
python3 "$WORK/tls-server.py" "$TLS_PORT" "$TLS_DELAY_MS" "$WORK/tls.pem" "$WORK/tls.key" "$WORK/tls.log" &
PIDS+=($!)
URL="https://127.0.0.1:$TLS_PORT/handshake?id"
for _ in $(seq 1 100); do curl -s -o /dev/null --cacert "$WORK/tls.pem" "$URL=ready" && break; sleep 0.2; done

# a running instance per engine, serving only the probe API
declare -A API
for engine in $ENGINES; do
    port=$(free_port)
    java -Dcamel.server.port="$port" -Dprobe-api.token="$TOKEN" -Dprobe-api.allow-private-targets=true \
        -Dprobe.tls-engine="$engine" "${TRUST[@]}" -Dbactrian.data-dir="$WORK/data-$engine" \
        -Dcamel.main.routes-include-pattern=file:routes/probe-api.yaml -Dcamel.main.routes-reload-enabled=false \
        -Dmonitors.files= -jar "$JAR" > "$WORK/bactrian-$engine.log" 2>&1 &
    PIDS+=($!)
    API[$engine]="http://127.0.0.1:$port/api/probe"
done
api_probe() { # engine id -> the API's answer
    curl -s --max-time 10 -X POST -H "Authorization: Bearer $TOKEN" -H "Content-Type: application/json" \
        --data-binary "{\"url\":\"$URL=$2\",\"timeoutMs\":5000}" "${API[$1]}"
}
for engine in $ENGINES; do
    for _ in $(seq 1 150); do api_probe "$engine" ready | grep -q '"status":200' && break; sleep 0.5; done
    api_probe "$engine" ready | grep -q '"status":200' \
        || { echo "probe API ($engine) does not probe $URL" >&2; tail -20 "$WORK/bactrian-$engine.log" >&2; exit 1; }
    grep -h "TLS engine" "$WORK/bactrian-$engine.log" >&2 || true
    # warm: a long-running instance has its handshake code compiled; 8 at a time to keep it short
    export URL TOKEN; export API_URL=${API[$engine]}
    seq 1 "$WARMUP" | xargs -P 8 -I{} bash -c \
        'curl -s -o /dev/null -X POST -H "Authorization: Bearer $TOKEN" -H "Content-Type: application/json" \
            --data-binary "{\"url\":\"$URL=warm\",\"timeoutMs\":5000}" "$API_URL"'
done

# the probers take turns; each writes "<id> <measured ms>" lines
for i in $(seq 1 "$N"); do
    curl -s -o /dev/null --cacert "$WORK/tls.pem" -w "curl-$i %{time_connect} %{time_appconnect}\n" "$URL=curl-$i" \
        | awk '{ printf "%s %.3f\n", $1, ($3 - $2) * 1000 }' >> "$WORK/tls-curl.txt"
    for engine in $ENGINES; do
        java -Dprobe.tls-engine="$engine" "${TRUST[@]}" -jar "$JAR" probe "$URL=fresh-$engine-$i" --json 2>/dev/null \
            | awk -v id="fresh-$engine-$i" -F: '/"tlsMs"/ { gsub(/[ ,]/, "", $2); print id, $2 }' \
            >> "$WORK/tls-fresh-$engine.txt" || true # a failed probe is a row short
        api_probe "$engine" "warm-$engine-$i" | grep -o '"tlsMs":[0-9.]*' \
            | awk -v id="warm-$engine-$i" -F: '{ print id, $2 }' >> "$WORK/tls-warm-$engine.txt" || true
    done
done
sleep 0.2

echo
echo "TLS handshake accuracy against a server that holds its ServerHello back $TLS_DELAY_MS ms, $N probes each, $(nproc) cores"
printf '%-26s %7s %18s %22s %22s %14s\n' prober probes 'median measured ms' 'median server-log ms' \
    'median (measured-log)' 'minus curl ms'
curl_median=$(awk '{print $2}' "$WORK/tls-curl.txt" | median)
rows=(tls-curl:curl)
for engine in $ENGINES; do rows+=("tls-fresh-$engine:bactrian $engine fresh JVM" "tls-warm-$engine:bactrian $engine warm"); done
for p in "${rows[@]}"; do
    f=${p%%:*}; name=${p#*:}
    j=$(joined "$f" "$WORK/tls.log")
    m=$(awk '{print $2}' <<<"$j" | median)
    printf '%-26s %7d %18s %22s %22s %14s\n' "$name" "$(wc -l <<<"$j")" "$m" \
        "$(awk '{print $3}' <<<"$j" | median)" "$(awk '{print $2 - $3}' <<<"$j" | median)" \
        "$(awk -v a="$m" -v b="$curl_median" 'BEGIN { printf "%.3f", a - b }')"
done
echo
echo "measured: ours tlsMs, curl time_appconnect - time_connect; server-log = the server's time from"
echo "accepting the connection to the end of its handshake ($(awk '{ print $3 }' "$WORK/tls.log" | sort | uniq -c \
    | awk '{ printf "%s%s %d", (NR > 1 ? ", " : ""), $2, $1 }') handshakes); goal: bactrian's median within 2 ms of curl's"
}

for part in $PARTS; do "${part}_rows"; done
