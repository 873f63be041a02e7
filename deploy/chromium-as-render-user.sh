#!/bin/sh
# Chromium for static exports when the server runs as root: started by exports/render.py in place of the
# browser, it hands the profile directory to $ATLAS_RENDER_USER (default atlas-render, see `make render-user`)
# and runs Chromium as that user, so Chromium keeps its own sandbox (which refuses to run as root).
set -eu
user="${ATLAS_RENDER_USER:-atlas-render}"
home=/tmp
for arg in "$@"; do
  case "$arg" in
    --user-data-dir=*) home="${arg#--user-data-dir=}"; chown -R "$user" "$home" ;;
  esac
done
chromium="$(command -v chromium || command -v chromium-browser)"
exec setpriv --reuid="$user" --regid="$user" --init-groups --inh-caps=-all --bounding-set=-all \
  env HOME="$home" "$chromium" "$@"
