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

# start_blackbox PORT [MODULES]: blackbox_exporter on 127.0.0.1:PORT with a plain HTTP GET module,
# named http_get and, as in Prometheus' examples, http_2xx, and the further modules given as
# YAML (indented as entries of modules:); sets BB_PID
start_blackbox() {
    cat > "$WORK/blackbox.yml" <<'YML'
modules:
  http_get: &get
    prober: http
    timeout: 5s
    http:
      preferred_ip_protocol: ip4
  http_2xx: *get
YML
    [ -z "${2:-}" ] || echo "$2" | sed '/^$/d' >> "$WORK/blackbox.yml"
    "$BLACKBOX" --config.file="$WORK/blackbox.yml" --web.listen-address="127.0.0.1:$1" \
        --log.level=warn > "$WORK/blackbox.log" 2>&1 &
    BB_PID=$!
    PIDS+=("$BB_PID")
}

# start_postgres: a PostgreSQL of the Debian package (PG_BIN) on 127.0.0.1:$PG_PORT, data in
# $WORK/pg, stopped at exit; as root it runs as the user postgres. Defines as_pg and pg_sql.
start_postgres() {
    PG_BIN=${PG_BIN:-$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)}
    [ -x "$PG_BIN/initdb" ] || { echo "missing: PostgreSQL (Debian package postgresql)" >&2; exit 2; }
    chmod 755 "$WORK"
    mkdir "$WORK/pg"
    [ "$(id -u)" = 0 ] && chown postgres "$WORK/pg"
    PG_PORT=$(free_port)
    as_pg "$PG_BIN/initdb" -D "$WORK/pg/data" -A trust -U postgres > /dev/null
    as_pg "$PG_BIN/pg_ctl" -D "$WORK/pg/data" -l "$WORK/pg/log" -w \
        -o "-p $PG_PORT -k $WORK/pg -c listen_addresses=127.0.0.1 -c max_connections=200" start > /dev/null
    trap 'as_pg "$PG_BIN/pg_ctl" -D "$WORK/pg/data" -m immediate stop > /dev/null 2>&1 || true; bench_cleanup' EXIT
}

# PostgreSQL refuses to run as root: as root, it runs as the user postgres
as_pg() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }

# pg_sql DATABASE SQL: runs SQL, prints the rows unaligned
pg_sql() { as_pg "$PG_BIN/psql" -qAt -h 127.0.0.1 -p "$PG_PORT" -U postgres -d "$1" -c "$2"; }

# replica_folder DIR DATABASE CHECKIN TARGET_URL MONITOR...: the folder of one replica with
# cluster.enabled on DATABASE, the alert routes, and one route per monitor firing every second
# that logs its scheduled and actual fire time ("fired <monitor> at <time> ran <time>")
replica_folder() {
    local dir=$1 database=$2 checkin=$3 url=$4 m
    shift 4
    mkdir -p "$dir/routes"
    cp routes/alert-channels.yaml routes/alert-delivery.yaml "$dir/routes/"
    for m in "$@"; do
      cat <<YAML
- route:
    id: "$m"
    from:
      uri: "schedule:$m"
      parameters:
        cron: "* * * * * ? *"
      steps:
        - log: "fired \${routeId} at \${date:header.scheduledFireTime:yyyy-MM-dd'T'HH:mm:ss.SSSZ} ran \${date:header.fireTime:yyyy-MM-dd'T'HH:mm:ss.SSSZ}"
        - to:
            uri: "http-probe:$m"
            parameters:
              url: "RAW($url)"
        - to: "bean:history?method=record"
        - to: "alert-rule:$m"
        - filter:
            simple: "\${body} != null"
            steps:
              - to: "direct:notify"
YAML
    done > "$dir/routes/monitors.yaml"
    cp application.properties "$dir/"
    cat >> "$dir/application.properties" <<PROPS

camel.server.enabled = false
camel.main.routes-reload-enabled = false
history.jdbc-url = jdbc:postgresql://127.0.0.1:$PG_PORT/$database
history.jdbc-user = postgres
cluster.enabled = true
cluster.checkin-interval = $checkin
PROPS
}

# project_folder DIR: the project as a user runs it, copied to DIR (properties, routes, nodes,
# monitors and templates when present), with its own data folder
project_folder() {
    local part
    mkdir -p "$1"
    for part in application.properties routes nodes monitors templates; do
        [ -e "$part" ] && cp -r "$part" "$1/"
    done
    return 0
}

# start_static_page: python3's http.server on 127.0.0.1:$WWW_PORT serving "ok" at /
start_static_page() {
    mkdir "$WORK/www" && echo ok > "$WORK/www/index.html"
    WWW_PORT=$(free_port)
    python3 -m http.server "$WWW_PORT" --bind 127.0.0.1 --directory "$WORK/www" > /dev/null 2>&1 &
    PIDS+=($!)
}

# start_arrival_target LOG: a loopback nginx answering 200 on /m/..., one line "$msec $request_uri"
# per request in LOG (bench/arrivals.py reads it); sets NGINX_PORT; its pid file is $WORK/nginx.pid
start_arrival_target() {
    NGINX_PORT=$(free_port)
    cat > "$WORK/nginx.conf" <<EOF
worker_processes 1;
daemon on;
pid $WORK/nginx.pid;
error_log $WORK/nginx-error.log;
events { worker_connections 4096; }
http {
    log_format arrival '\$msec \$request_uri';
    access_log $1 arrival;
    client_body_temp_path $WORK; proxy_temp_path $WORK; fastcgi_temp_path $WORK;
    uwsgi_temp_path $WORK; scgi_temp_path $WORK;
    keepalive_timeout 0;
    server {
        listen 127.0.0.1:$NGINX_PORT backlog=4096;
        location /m/ { return 200 "ok\n"; }
        location / { return 404; }
    }
}
EOF
    [ "$(id -u)" = 0 ] && sed -i '1i user root;' "$WORK/nginx.conf"
    nginx -c "$WORK/nginx.conf" -p "$WORK"
    for _ in $(seq 1 50); do
        curl -sf -o /dev/null --max-time 1 "http://127.0.0.1:$NGINX_PORT/m/" && break
        sleep 0.2
    done
    : > "$1" # the readiness request is no check
}

# scale_monitor_list N URL_BASE [ID_FORMAT] [CRON] [MORE]: a monitor list of N http monitors on
# stdout; monitor i has the id printf ID_FORMAT i (m%d), the url URL_BASE/m/i?s=<i % 60>, the cron
# CRON (when empty: second i % 60 of every minute) and the lines the function MORE prints for i
scale_monitor_list() {
    local n=$1 base=$2 format=${3:-m%d} cron=${4:-} more=${5:-} i id
    printf 'defaults:\n  kind: http\nmonitors:\n'
    for ((i = 0; i < n; i++)); do
        printf -v id "$format" "$i"
        printf '  - id: %s\n    url: "%s/m/%d?s=%d"\n    cron: "%s"\n' "$id" "$base" "$i" $((i % 60)) \
            "${cron:-$((i % 60)) * * * * ? *}"
        [ -z "$more" ] || "$more" "$i"
    done
}
