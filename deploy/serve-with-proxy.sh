#!/usr/bin/env bash
# Production recipe: gunicorn on a loopback port behind nginx (deploy/nginx.conf.template) on HOST:PORT.
# Usage: deploy/serve-with-proxy.sh  (env: HOST, PORT, UPSTREAM_PORT, WEB_CONCURRENCY, GUNICORN_THREADS,
# PROXY_CONNECTIONS_PER_ADDRESS: connections one client address may hold open, default 64).
# Stops both on Ctrl-C / SIGTERM; exits when either stops.
set -euo pipefail
cd "$(dirname "$0")/.."
HOST="${HOST:-127.0.0.1}"
PORT="${PORT:-8050}"
UPSTREAM_PORT="${UPSTREAM_PORT:-$((PORT + 1))}"
GUNICORN="${GUNICORN:-.venv/bin/gunicorn}"
NGINX="$(command -v nginx || echo /usr/sbin/nginx)"
[ -x "$NGINX" ] || { echo "nginx is not installed: run 'make proxy-deps'" >&2; exit 1; }
# The per-address connection limit needs nginx's stream module: built in, or a dynamic module to load.
if "$NGINX" -V 2>&1 | grep -qE -- '--with-stream( |$)'; then
  LOAD_STREAM=""
else
  STREAM_MODULE=""
  for dir in $("$NGINX" -V 2>&1 | grep -oE -- '--modules-path=[^ ]+' | cut -d= -f2) /usr/lib/nginx/modules \
             /usr/lib64/nginx/modules /usr/share/nginx/modules; do
    [ -f "$dir/ngx_stream_module.so" ] && { STREAM_MODULE="$dir/ngx_stream_module.so"; break; }
  done
  [ -n "$STREAM_MODULE" ] || { echo "nginx's stream module is missing: run 'make proxy-deps'" >&2; exit 1; }
  LOAD_STREAM="load_module $STREAM_MODULE;"
fi
PER_ADDRESS="${PROXY_CONNECTIONS_PER_ADDRESS:-64}"
RUNTIME="$(mktemp -d "${TMPDIR:-/tmp}/cluster-atlas-nginx.XXXXXX")"
chmod 755 "$RUNTIME"
sed -e "s#@RUNTIME@#$RUNTIME#g" -e "s#@LISTEN@#$HOST:$PORT#g" -e "s#@UPSTREAM@#127.0.0.1:$UPSTREAM_PORT#g" \
  -e "s#@PER_ADDRESS@#$PER_ADDRESS#g" -e "s#@LOAD_STREAM@#$LOAD_STREAM#g" deploy/nginx.conf.template > "$RUNTIME/nginx.conf"

HOST=127.0.0.1 PORT="$UPSTREAM_PORT" "$GUNICORN" -c deploy/gunicorn.conf.py app:server &
gunicorn_pid=$!
"$NGINX" -p "$RUNTIME" -c "$RUNTIME/nginx.conf" -g "daemon off;" &
nginx_pid=$!
stop() {
  kill -TERM "$nginx_pid" "$gunicorn_pid" 2>/dev/null || true
  wait "$nginx_pid" "$gunicorn_pid" 2>/dev/null || true
  rm -rf "$RUNTIME"
}
trap stop EXIT INT TERM
echo "Cluster Atlas on http://$HOST:$PORT (nginx) -> gunicorn on 127.0.0.1:$UPSTREAM_PORT"
wait -n "$nginx_pid" "$gunicorn_pid"
