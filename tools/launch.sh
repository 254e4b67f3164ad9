#!/usr/bin/env bash
# Set up (tools/setup.sh) and launch Timeline. With no arguments it opens the last workspace,
# or on first run a workspace built from the bundled sample corpus in seeds/.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
bash "$root/tools/setup.sh"
if [ -z "${DISPLAY:-}${WAYLAND_DISPLAY:-}" ] && [ -z "${QT_QPA_PLATFORM:-}" ]; then
  case " $* " in
    *" --screenshot"*) ;;  # renders offscreen: no display needed
    *)
      echo "launch: no display to show the window on (DISPLAY and WAYLAND_DISPLAY are unset)." >&2
      echo "  Run it in a desktop session (or ssh -X), or render a picture: $0 --screenshot timeline.png" >&2
      exit 1 ;;
  esac
fi
exec "$root/.venv/bin/timeline-app" "$@"
