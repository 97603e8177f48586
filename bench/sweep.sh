#!/usr/bin/env bash
# Sweep time over 9 remote nodes: 8 that answer in 50-300 ms and one that never answers.
# Ours: `bactrian.jar probe <url> --nodes <file> --timeout 2500`, which asks every node at
# once, against the sequential approach: the same 9 node requests one after another with
# curl --max-time 2.5.
#
# The nodes are one bactrian serving the probe API (POST /api/probe) behind 9 loopback
# ports. The network distance of each node is emulated by a small TCP proxy per port that
# waits N ms after accepting a connection before forwarding it (netem is not available); the
# ninth port accepts and never answers.
#
# Needs: java 17, the built jar, curl, python3. Everything is on 127.0.0.1 and stopped at the end.
#   bench/sweep.sh            # RUNS=3 runs of each measurement, median; about 1 minute
set -euo pipefail

cd "$(dirname "$0")/.."
JAR=${JAR:-target/bactrian.jar}
RUNS=${RUNS:-3}
DELAYS=(50 86 121 157 193 229 264 300)   # emulated time of the 8 answering nodes, ms
TIMEOUT_MS=2500
TOKEN=bench-token

. bench/lib.sh
bench_setup java curl python3

read -r -a PORTS < <(python3 -c '
import socket
socks = [socket.socket() for _ in range(12)]
for s in socks: s.bind(("127.0.0.1", 0))
print(" ".join(str(s.getsockname()[1]) for s in socks))')
TARGET_PORT=${PORTS[0]}; NODE_PORT=${PORTS[1]}; PROXY_PORTS=("${PORTS[@]:2:9}")
now_ms() { date +%s%3N; }
median() { sort -n | awk '{a[NR]=$1} END{print (NR%2) ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2}'; }

# --- the target the nodes probe: a static file on loopback ---
mkdir -p "$WORK/www" && echo ok > "$WORK/www/health"
python3 -m http.server "$TARGET_PORT" --bind 127.0.0.1 --directory "$WORK/www" > "$WORK/target.log" 2>&1 &
PIDS+=($!)
TARGET="http://127.0.0.1:$TARGET_PORT/health"

# --- the node: one bactrian serving only the probe API ---
java -Dcamel.server.port="$NODE_PORT" -Dprobe-api.token="$TOKEN" -Dprobe-api.allow-private-targets=true \
    -Dcamel.main.routes-include-pattern=file:routes/probe-api.yaml -Dbactrian.data-dir="$WORK/data" -Dcamel.main.routes-reload-enabled=false \
    -jar "$JAR" > "$WORK/node.log" 2>&1 &
PIDS+=($!)

# --- one delaying proxy per node, the last one never answers ---
cat > "$WORK/delay_proxy.py" <<'EOF'
import asyncio, sys, time

LOG = open(sys.argv[2], "a", buffering=1)

def now_ms():
    return time.monotonic() * 1000

async def pipe(reader, writer, seen=None):
    try:
        while data := await reader.read(65536):
            writer.write(data)
            await writer.drain()
            if seen is not None:
                seen[0] = now_ms()
    except Exception:
        pass
    finally:
        writer.close()

def handler(delay_ms, upstream):
    # logs per connection: port, accepted at, last byte sent back (or the caller gave up) at
    async def handle(reader, writer):
        port = writer.get_extra_info("sockname")[1]
        accepted = now_ms()
        if delay_ms is None:  # accepts, reads, never answers
            try:
                while await reader.read(65536):
                    pass
            except Exception:
                pass
            finally:
                writer.close()
                LOG.write(f"{port} {accepted:.1f} {now_ms():.1f}\n")
            return
        await asyncio.sleep(delay_ms / 1000)
        up_reader, up_writer = await asyncio.open_connection("127.0.0.1", upstream)
        answered = [None]
        await asyncio.gather(pipe(reader, up_writer), pipe(up_reader, writer, answered))
        LOG.write(f"{port} {accepted:.1f} {answered[0] or now_ms():.1f}\n")
    return handle

async def main():
    upstream = int(sys.argv[1])
    for spec in sys.argv[3:]:
        port, delay = spec.split(":")
        await asyncio.start_server(handler(None if delay == "hang" else int(delay), upstream),
                                   "127.0.0.1", int(port))
    await asyncio.Event().wait()

asyncio.run(main())
EOF
SPECS=()
for i in "${!DELAYS[@]}"; do SPECS+=("${PROXY_PORTS[$i]}:${DELAYS[$i]}"); done
SPECS+=("${PROXY_PORTS[8]}:hang")
python3 "$WORK/delay_proxy.py" "$NODE_PORT" "$WORK/proxy.log" "${SPECS[@]}" &
PIDS+=($!)

# node files: 9 nodes (8 answering + 1 silent), the 8 answering ones, and 1 node without delay
node_entry() { printf -- '- id: "%s"\n  kind: "bactrian"\n  endpoint: "http://127.0.0.1:%s"\n  token: "%s"\n' "$1" "$2" "$TOKEN"; }
: > "$WORK/nodes9.yaml"
for i in "${!DELAYS[@]}"; do node_entry "n$((i + 1))-${DELAYS[$i]}ms" "${PROXY_PORTS[$i]}" >> "$WORK/nodes9.yaml"; done
cp "$WORK/nodes9.yaml" "$WORK/nodes8.yaml"
node_entry "n9-silent" "${PROXY_PORTS[8]}" >> "$WORK/nodes9.yaml"
node_entry "direct" "$NODE_PORT" > "$WORK/nodes1.yaml"

BODY=$(printf '{"url":"%s","timeoutMs":%d}' "$TARGET" "$TIMEOUT_MS")
ask() { # port -> seconds the request took (curl's time_total), never more than 2.5
    curl -s -o /dev/null -w '%{time_total}\n' --max-time 2.5 -X POST -H "Content-Type: application/json" \
        -H "Authorization: Bearer $TOKEN" --data-binary "$BODY" "http://127.0.0.1:$1/api/probe" || true
}
for _ in $(seq 1 150); do
    [ "$(curl -s -o /dev/null -w '%{http_code}' -X POST -H 'Content-Type: application/json' \
        -H "Authorization: Bearer $TOKEN" --data-binary "$BODY" "http://127.0.0.1:$NODE_PORT/api/probe")" = 200 ] && break
    sleep 0.2
done
for i in $(seq 1 20); do ask "$NODE_PORT" > /dev/null; done   # the node's first probes are slower

probe() { # nodes file -> wall ms of one probe command
    local t0; t0=$(now_ms)
    java -jar "$JAR" probe "$TARGET" --nodes "$1" --timeout "$TIMEOUT_MS" > "$WORK/probe.out" 2>&1 || true
    echo $(($(now_ms) - t0))
}
probe "$WORK/nodes8.yaml" > /dev/null
answered=$(grep -c ' 200 ' "$WORK/probe.out" || true)
[ "$answered" = 8 ] || { echo "expected 8 nodes answering 200, got $answered:" >&2; cat "$WORK/probe.out" >&2; exit 1; }

# what the proxies saw of one run (connections logged since line $1):
# "sweep slowest": first accept to last answer, and the longest single connection, in ms
seen() {
    sleep 0.3
    tail -n +"$(($1 + 1))" "$WORK/proxy.log" | awk '
        NR == 1 || $2 < first { first = $2 } $3 > last { last = $3 } $3 - $2 > slow { slow = $3 - $2 }
        END { printf "%.0f %.0f\n", last - first, slow }'
}
lines() { wc -l < "$WORK/proxy.log"; }
sequential() { # node ports... -> what the proxies saw
    local n0; n0=$(lines)
    for p in "$@"; do ask "$p" > /dev/null; done
    seen "$n0"
}
ours() { # nodes file -> what the proxies saw, and the whole command's wall time
    local n0 t0 wall; n0=$(lines); t0=$(now_ms)
    java -jar "$JAR" probe "$TARGET" --nodes "$1" --timeout "$TIMEOUT_MS" > "$WORK/probe.out" 2>&1 || true
    wall=$(($(now_ms) - t0))
    echo "$(seen "$n0") $wall"
}
# median of each column over $RUNS runs of a command
runs() {
    local out; out=$(for _ in $(seq 1 "$RUNS"); do "$@"; done)
    local n; n=$(head -1 <<<"$out" | wc -w)
    for c in $(seq 1 "$n"); do awk -v c="$c" '{ print $c }' <<<"$out" | median; done | paste -sd' '
}
read -r SEQ8 SEQ8_SLOW < <(runs sequential "${PROXY_PORTS[@]:0:8}")
read -r SEQ9 SEQ9_SLOW < <(runs sequential "${PROXY_PORTS[@]}")
read -r OURS8 OURS8_SLOW WALL8 < <(runs ours "$WORK/nodes8.yaml")
read -r OURS9 OURS9_SLOW WALL9 < <(runs ours "$WORK/nodes9.yaml")
read -r _ _ WALL1 < <(runs ours "$WORK/nodes1.yaml")

echo
echo "Sweep over remote nodes (per-node latency emulated by a delaying TCP proxy), median of $RUNS runs, $(nproc) cores"
printf '%-34s %10s %12s %14s %14s %16s\n' nodes 'ours ms' 'slowest ms' 'ours-slowest' 'sequential ms' 'sequential/ours'
row() {
    awk -v n="$1" -v o="$2" -v s="$3" -v q="$4" 'BEGIN { printf "%-34s %10d %12d %14d %14d %16.2f\n", n, o, s, o - s, q, q / o }'
}
row "8 answering (50-300 ms)" "$OURS8" "$OURS8_SLOW" "$SEQ8"
row "9: 8 + 1 silent (--timeout 2500)" "$OURS9" "$OURS9_SLOW" "$SEQ9"
echo
echo "times as the node proxies saw them: sweep = first connection accepted to last answer sent back;"
echo "slowest = the longest single node connection in our sweep (the silent node: until the caller gave up)."
echo "sequential = curl to each node in turn, --max-time 2.5 (its silent node is cut at ${SEQ9_SLOW} ms)."
echo "whole probe command, JVM start included: 1 node without delay ${WALL1} ms, 8 nodes ${WALL8} ms, 9 nodes ${WALL9} ms"
echo "goal: ours - slowest <= 50 ms"
