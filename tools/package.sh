#!/usr/bin/env bash
# Build everything from a clean clone (Linux): the frozen one-folder app (PyInstaller), the .deb and the
# portable .tar.gz, into dist/. Installs what it needs itself (like tools/setup.sh), as root or with a message.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
bash tools/setup.sh
need=()
for tool in objdump:binutils strip:binutils dpkg-deb:dpkg; do
  command -v "${tool%%:*}" >/dev/null 2>&1 || need+=("${tool##*:}")
done
if [ ${#need[@]} -gt 0 ]; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}" >/dev/null
  else
    echo "package: install first: sudo apt-get install ${need[*]}" >&2; exit 1
  fi
fi
.venv/bin/python -m pip install -q --disable-pip-version-check -r requirements/package.txt
version="$(.venv/bin/python -c 'import timeline_app; print(timeline_app.__version__)')"
rm -rf build/pyinstaller build/icons dist/timeline
mkdir -p dist build
echo "package: freezing Timeline $version (about a minute)" >&2
.venv/bin/pyinstaller --noconfirm --log-level WARN --distpath dist --workpath build/pyinstaller \
  packaging/timeline.spec 2> >(grep -v "Library not found" >&2)
# Debug symbols of spaCy's compiled modules are ~100 MB; numpy's OpenBLAS must not be stripped (it breaks).
for d in spacy thinc blis srsly preshed cymem murmurhash; do
  [ -d "dist/timeline/_internal/$d" ] && find "dist/timeline/_internal/$d" -name '*.so' -exec strip --strip-debug {} +
done
QT_QPA_PLATFORM=offscreen .venv/bin/python tools/render_icons.py build/icons >/dev/null
bash packaging/linux/build_deb.sh "$version"
