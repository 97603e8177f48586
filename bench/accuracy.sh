#!/usr/bin/env bash
# Phase accuracy: time to first byte against a loopback server that waits a known time
# (DELAY_MS, default 100) between reading the request and sending its headers, and logs
# what it did. For each probe: measured first-byte time minus the server's own logged time.
# Ours: `bactrian.jar probe <url> --json` (ttfbMs); curl -w (time_starttransfer -
# time_pretransfer); blackbox_exporter (probe_http_duration_seconds{phase="processing"}).
#
# Needs: java 17, the built jar, curl, python3, prometheus-blackbox-exporter.
#   bench/accuracy.sh          # N=20 probes per prober, about 1 minute
set -euo pipefail

cd "$(dirname "$0")/.."
JAR=${JAR:-target/bactrian.jar}
N=${N:-20}
DELAY_MS=${DELAY_MS:-100}
BLACKBOX=${BLACKBOX:-prometheus-blackbox-exporter}

. bench/lib.sh
bench_setup java curl python3 "$BLACKBOX"
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

median() { sort -n | awk '{a[NR]=$1} END{ if (NR == 0) print "nan"; else printf "%.3f\n", (NR%2) ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2 }'; }
echo
echo "First-byte accuracy against a server that waits $DELAY_MS ms, $N probes each, $(nproc) cores"
printf '%-16s %8s %18s %22s %22s\n' prober probes 'median measured ms' 'median server-log ms' 'median (measured-log)'
for p in ours:bactrian curl:curl bb:blackbox; do
    f=${p%%:*}; name=${p#*:}
    joined=$(join <(sort "$WORK/$f.txt") <(sort "$WORK/server.log"))
    printf '%-16s %8d %18s %22s %22s\n' "$name" "$(wc -l <<<"$joined")" \
        "$(awk '{print $2}' <<<"$joined" | median)" "$(awk '{print $3}' <<<"$joined" | median)" \
        "$(awk '{print $2 - $3}' <<<"$joined" | median)"
done
echo
echo "server-log = the server's own time from reading the request to handing its response to the kernel;"
echo "goal: bactrian's median (measured - log) within 2 ms"
