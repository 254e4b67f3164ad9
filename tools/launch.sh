#!/usr/bin/env bash
# Set up (tools/setup.sh) and launch Timeline. With no arguments it opens the last workspace,
# or on first run a workspace built from the bundled sample corpus in seeds/.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
bash "$root/tools/setup.sh"
if [ -z "${DISPLAY:-}${WAYLAND_DISPLAY:-}" ] && [ -z "${QT_QPA_PLATFORM:-}" ]; then
  echo "launch: no display found (DISPLAY/WAYLAND_DISPLAY unset); try: $0 --screenshot timeline.png" >&2
fi
exec "$root/.venv/bin/timeline-app" "$@"
