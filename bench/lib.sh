# Shared set-up of the benchmark scripts, sourced by each: the tools and the jar present, a
# work folder whose processes are stopped and which is removed at exit, free loopback ports,
# and a blackbox_exporter with a plain HTTP GET module.

# bench_setup TOOL...: check tools and jar (when JAR is set), make $WORK, collect PIDS, clean up at exit
bench_setup() {
    local tool
    for tool in "$@"; do
        command -v "$tool" >/dev/null || { echo "missing: $tool" >&2; exit 2; }
    done
    # a script that runs compiled classes rather than the jar leaves JAR empty
    [ -z "${JAR:-}" ] || [ -f "$JAR" ] || { echo "missing $JAR: run mvn -B package -DskipTests" >&2; exit 2; }
    WORK=$(mktemp -d)
    PIDS=()
    trap bench_cleanup EXIT
}

bench_cleanup() {
    local pid
    for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
    [ -f "$WORK/nginx.pid" ] && kill "$(cat "$WORK/nginx.pid")" 2>/dev/null || true
    wait 2>/dev/null || true
    rm -rf "$WORK"
}

free_port() {
    python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'
}

# start_blackbox PORT: blackbox_exporter on 127.0.0.1:PORT with module http_get; sets BB_PID
start_blackbox() {
    cat > "$WORK/blackbox.yml" <<'YML'
modules:
  http_get:
    prober: http
    timeout: 5s
    http:
      preferred_ip_protocol: ip4
YML
    "$BLACKBOX" --config.file="$WORK/blackbox.yml" --web.listen-address="127.0.0.1:$1" \
        --log.level=warn > "$WORK/blackbox.log" 2>&1 &
    BB_PID=$!
    PIDS+=("$BB_PID")
}
