#!/bin/sh
# Install the portable build for the current user: a launcher in ~/.local/bin, a menu entry, the icon and the
# workspace file type. Run from the unpacked folder. Remove with: ./install.sh --uninstall
set -e
here="$(cd "$(dirname "$0")" && pwd)"
data="${XDG_DATA_HOME:-$HOME/.local/share}"
bin="$HOME/.local/bin"
if [ "${1:-}" = "--uninstall" ]; then
  rm -f "$bin/timeline" "$data/applications/timeline.desktop" "$data/mime/packages/timeline.xml" \
        "$data/icons/hicolor/scalable/apps/timeline.svg"
  command -v update-mime-database >/dev/null && update-mime-database "$data/mime" || true
  echo "removed"; exit 0
fi
mkdir -p "$bin" "$data/applications" "$data/mime/packages" "$data/icons/hicolor/scalable/apps"
printf '#!/bin/sh\nexec "%s/timeline/timeline" "$@"\n' "$here" > "$bin/timeline"
chmod 0755 "$bin/timeline"
cp "$here/timeline.desktop" "$data/applications/timeline.desktop"
cp "$here/timeline-mime.xml" "$data/mime/packages/timeline.xml"
cp "$here/timeline.svg" "$data/icons/hicolor/scalable/apps/timeline.svg"
command -v update-mime-database >/dev/null && update-mime-database "$data/mime" || true
command -v update-desktop-database >/dev/null && update-desktop-database "$data/applications" || true
echo "installed: run 'timeline' (make sure ~/.local/bin is on PATH)"
