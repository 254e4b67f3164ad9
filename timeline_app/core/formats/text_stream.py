"""A text file read line by line, decoded as :func:`.tables_import.decode_text` decodes a whole file, with memory
bounded by the longest line instead of the file: for importing large tables and JSON Lines.

A file up to ``WHOLE_BELOW`` bytes is decoded whole by ``decode_text`` (so small files are read exactly as
before); a larger one is decoded as it is read:

- a UTF-32 or UTF-16 byte-order mark, or UTF-16 without one (told from the first 64 KB by its NUL bytes): that
  encoding, undecodable bytes replaced;
- else UTF-8 (a byte-order mark dropped) when the whole file is valid UTF-8 (checked in a first pass over 1 MB
  blocks, nothing kept);
- else, when most lines with non-ASCII letters are UTF-8 (a second pass counts them), UTF-8 with each other
  line decoded on its own by a fallback and named in ``misread`` (numbered as the csv module numbers lines);
- else the encoding charset-normalizer finds in the first MB, undecodable bytes replaced.

Lines are split where the csv module splits them: at LF, CR LF or CR."""

from __future__ import annotations

import codecs
import io
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from charset_normalizer import from_bytes

from .tables_import import FALLBACKS, MAX_BYTES, Decoded, ImportError_, _utf16_without_bom, decode_text, lines

#: files up to this size are decoded whole (exactly as ``decode_text`` does); larger ones as they are read
WHOLE_BELOW = 32 * 2**20
_BLOCK = 2**20
#: what the encoding is told from when the file itself cannot tell
_HEAD = 2**20


@dataclass
class TextStream:
    """A text file to read line by line: how it is decoded (``encoding``: a Python codec, ``"utf-8-mixed"``, or
    None when ``whole`` holds the text), notes about the whole file, and ``misread``: the lines a fallback
    decoded (filled in place as the lines are read; see :class:`.tables_import.Decoded`, which
    :meth:`decoded` gives with the same dict)."""

    path: Path
    encoding: str | None
    notes: list[str] = field(default_factory=list)
    misread: dict[int, str] = field(default_factory=dict)
    whole: Decoded | None = None
    size: int = 0
    #: bytes read so far (for progress)
    position: int = 0

    def lines(self) -> Iterator[str]:
        """The file's lines with their ends (a new iterator from the start of the file each time)."""
        if self.whole is not None:
            self.misread.update(self.whole.misread)
            yield from lines(self.whole.text)
            self.position = self.size
            return
        if self.encoding == "utf-8-mixed":
            yield from self._mixed()
            return
        with self.path.open("rb") as raw:
            text = io.TextIOWrapper(raw, encoding=self.encoding or "utf-8", errors="replace", newline="")
            for line in text:
                self.position += len(line)  # characters: close enough to bytes for progress
                yield line

    def _mixed(self) -> Iterator[str]:
        self.misread.clear()
        for n, raw in enumerate(byte_lines(self.path), start=1):
            self.position += len(raw)
            if n == 1:
                raw = raw.removeprefix(codecs.BOM_UTF8)
            try:
                yield raw.decode("utf-8")
                continue
            except UnicodeDecodeError:
                pass
            for fallback in FALLBACKS:  # latin-1 decodes any byte: the loop always ends in a yield
                try:
                    line = raw.decode(fallback)
                except UnicodeDecodeError:
                    continue
                self.misread[n] = fallback
                yield line
                break

    def decoded(self) -> Decoded:
        """A ``Decoded`` without the text that shares ``misread`` (for the row readers' notes)."""
        return Decoded("", list(self.notes), self.misread)


def byte_lines(path: Path) -> Iterator[bytes]:
    """A file's lines as bytes with their ends, split at LF, CR LF or CR (as ``io.StringIO(newline="")``)."""
    with path.open("rb") as f:
        rest = b""
        while block := f.read(_BLOCK):
            data = rest + block
            start = 0
            while True:
                lf, cr = data.find(b"\n", start), data.find(b"\r", start)
                if cr != -1 and (lf == -1 or cr < lf):
                    if cr + 1 == len(data):  # a CR at the end of the block: an LF may follow
                        break
                    end = cr + 2 if data[cr + 1:cr + 2] == b"\n" else cr + 1
                elif lf != -1:
                    end = lf + 1
                else:
                    break
                yield data[start:end]
                start = end
            rest = data[start:]
        if rest:
            yield rest


def _valid_utf8(path: Path) -> bool:
    """Whether the whole file is UTF-8 (read in blocks; nothing kept)."""
    dec = codecs.getincrementaldecoder("utf-8")()
    with path.open("rb") as f:
        try:
            while block := f.read(_BLOCK):
                dec.decode(block)
            dec.decode(b"", final=True)
        except UnicodeDecodeError:
            return False
    return True


def _mostly_utf8(path: Path) -> bool:
    """Whether at least as many lines with non-ASCII letters are valid UTF-8 as are not (the rule of
    ``decode_text`` for a UTF-8 file with a few lines in another encoding)."""
    good = bad = 0
    for raw in byte_lines(path):
        if raw.isascii():
            continue
        try:
            raw.decode("utf-8")
            good += 1
        except UnicodeDecodeError:
            bad += 1
    return good >= bad


def open_text(path: str | Path, whole_below: int | None = None) -> TextStream:
    """A regular file (size-limited like every import) to read line by line; see the module's docstring
    (``whole_below``: ``WHOLE_BELOW`` unless given). Raises ImportError_ for a file that is no text."""
    p = Path(path)
    if not p.is_file():
        raise ImportError_(f"{p}: not a regular file")
    size = p.stat().st_size
    if size > MAX_BYTES:
        raise ImportError_(f"{p}: larger than {MAX_BYTES // 2**20} MB")
    if size <= (WHOLE_BELOW if whole_below is None else whole_below):
        decoded = decode_text(p.read_bytes())
        return TextStream(p, None, list(decoded.notes), whole=decoded, size=size)
    with p.open("rb") as f:
        head = f.read(_HEAD)
    if head.startswith((codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE)):
        return TextStream(p, "utf-32", size=size)
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return TextStream(p, "utf-16", size=size)
    if b"\x00" in head[:8192] and (utf16 := _utf16_without_bom(head[:65536])) is not None:
        enc = utf16[1]
        return TextStream(p, enc, [f"no byte-order mark: read as {enc.upper()} (NUL bytes in every other byte)"],
                          size=size)
    if _valid_utf8(p):
        return TextStream(p, "utf-8-sig", size=size)
    if _mostly_utf8(p):
        return TextStream(p, "utf-8-mixed", size=size)
    best = from_bytes(head.removeprefix(codecs.BOM_UTF8)).best()
    if best is None:
        raise ImportError_("not a text file")
    return TextStream(p, best.encoding, [f"not UTF-8: read as {best.encoding}"], size=size)
