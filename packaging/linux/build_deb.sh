#!/usr/bin/env bash
# Assemble dist/timeline_VERSION_amd64.deb and dist/timeline-VERSION-linux-x86_64.tar.gz from dist/timeline
# (the PyInstaller folder) and build/icons (rendered PNGs). Called by tools/package.sh.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
version="$1"
cd "$root"
stage="build/deb/timeline_${version}_amd64"
rm -rf "$stage"
mkdir -p "$stage/DEBIAN" "$stage/opt" "$stage/usr/bin" "$stage/usr/share/applications" \
         "$stage/usr/share/mime/packages" "$stage/usr/share/doc/timeline" \
         "$stage/usr/share/icons/hicolor/scalable/apps" "$stage/usr/share/icons/hicolor/scalable/mimetypes"
cp -a dist/timeline "$stage/opt/timeline"
install -m 0755 packaging/linux/timeline.sh "$stage/usr/bin/timeline"
install -m 0644 packaging/linux/timeline.desktop "$stage/usr/share/applications/timeline.desktop"
install -m 0644 packaging/linux/timeline-mime.xml "$stage/usr/share/mime/packages/timeline.xml"
install -m 0644 packaging/linux/copyright "$stage/usr/share/doc/timeline/copyright"
install -m 0644 resources/icons/timeline.svg "$stage/usr/share/icons/hicolor/scalable/apps/timeline.svg"
install -m 0644 resources/icons/timeline.svg \
        "$stage/usr/share/icons/hicolor/scalable/mimetypes/application-x-timeline-workspace.svg"
for dir in build/icons/*x*; do
  size="$(basename "$dir")"
  mkdir -p "$stage/usr/share/icons/hicolor/$size/apps"
  install -m 0644 "$dir/apps/timeline.png" "$stage/usr/share/icons/hicolor/$size/apps/timeline.png"
done
find "$stage" -type d -exec chmod 0755 {} +
size_kb="$(du -sk --exclude=DEBIAN "$stage" | cut -f1)"
sed -e "s/@VERSION@/$version/" -e "s/@SIZE@/$size_kb/" packaging/linux/control.in > "$stage/DEBIAN/control"
dpkg-deb --build --root-owner-group -Zxz "$stage" "dist/timeline_${version}_amd64.deb" >/dev/null
# Portable archive of the same build: unpack anywhere and run ./timeline/timeline (or install.sh for a menu entry)
portable="build/portable/timeline-${version}"
rm -rf "build/portable"
mkdir -p "$portable"
cp -a dist/timeline "$portable/timeline"
cp -a packaging/linux/timeline.desktop packaging/linux/timeline-mime.xml resources/icons/timeline.svg "$portable/"
cp -a packaging/linux/install-portable.sh "$portable/install.sh"
tar -C build/portable -czf "dist/timeline-${version}-linux-x86_64.tar.gz" "timeline-${version}"
echo "built dist/timeline_${version}_amd64.deb and dist/timeline-${version}-linux-x86_64.tar.gz"
