#!/bin/sh
# The Chromium that static exports start (exports/render.py passes this script as the browser).
# Renders are batch work: they run at a lower CPU priority (ATLAS_RENDER_NICE, default 10) so pages and
# /healthz keep answering during an export burst. Run by root, Chromium refuses its sandbox, so the script
# hands the profile directory to $ATLAS_RENDER_USER (default atlas-render, `make render-user`) and runs
# Chromium as that user, sandbox on; without that user it runs Chromium as it was called (the Python side
# then adds --no-sandbox and logs why). The group is the user's own primary group (`id -gn`): a user such as
# nobody, whose group is nogroup, has no group of its own name.
set -eu
user="${ATLAS_RENDER_USER:-atlas-render}"
nice_level="${ATLAS_RENDER_NICE:-10}"
chromium="${BROWSER_PATH:-$(command -v chromium || command -v chromium-browser || command -v google-chrome)}"
if [ "$(id -u)" = 0 ] && id -u "$user" >/dev/null 2>&1; then
  home=/tmp
  for arg in "$@"; do
    case "$arg" in
      --user-data-dir=*) home="${arg#--user-data-dir=}"; chown -R "$user" "$home" ;;
    esac
  done
  exec nice -n "$nice_level" setpriv --reuid="$user" --regid="$(id -gn "$user")" --init-groups --inh-caps=-all \
    --bounding-set=-all env HOME="$home" "$chromium" "$@"
fi
exec nice -n "$nice_level" "$chromium" "$@"
