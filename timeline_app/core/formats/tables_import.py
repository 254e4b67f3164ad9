"""Importing tables: CSV/TSV with any columns (mapped onto event fields by the user or by their names), and
Timesketch CSV/JSONL (``message``, ``datetime``, ``timestamp_desc`` plus the attributes our export adds)."""

from __future__ import annotations

import codecs
import csv
import datetime as dt
import io
import itertools
import json
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from charset_normalizer import from_bytes
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from ..model import SUB_DAY
from .contract import error_text
from .rows import ISO_DATETIME, Rejected, RowBuilder
from .spreadsheet import restore_cell

if TYPE_CHECKING:
    from _csv import Reader

#: event fields a column can be mapped to, and the column names that map to each without being told
TARGETS: dict[str, tuple[str, ...]] = {
    "date": ("date", "start", "start date", "start_date", "when", "day", "datetime", "time", "timestamp date"),
    "end": ("end", "end date", "end_date", "until", "date_end", "to"),
    "precision": ("precision", "date precision"),
    "companies": ("companies", "company", "organisation", "organization", "org", "firm", "companies involved"),
    "type": ("type", "event type", "event_type", "category", "kind"),
    "summary": ("summary", "headline", "title", "event", "message", "name"),
    "text": ("text", "description", "details", "evidence", "notes", "body"),
    "status": ("status",),
    "people": ("people", "person", "persons"),
    "places": ("places", "place", "location", "country", "city"),
}
ALIASES = {"company": "companies", "person": "people", "place": "places", "start": "date", "headline": "summary",
           "description": "text", "title": "summary"}
TIMESKETCH_REQUIRED = ("message", "datetime", "timestamp_desc")
MAX_BYTES = 512 * 1024 * 1024
#: a cell longer than this is no event's text (most likely an unclosed quote swallowed the rest of the file): its
#: row is refused. The csv module's own limit (131,072 by default) is raised to MAX_BYTES so it never aborts a file.
MAX_CELL_CHARS = 1_000_000
#: how a line that is not valid UTF-8 in an otherwise UTF-8 file is decoded (in this order)
FALLBACKS = {"cp1252": "Windows-1252 (cp1252)", "latin-1": "Latin-1 (ISO 8859-1)"}
_ESCAPED = re.compile("[\udc80-\udcff]")  # bytes that were not UTF-8, as ``surrogateescape`` keeps them


class ImportError_(ValueError):
    """A file that cannot be imported at all (as opposed to a bad row, which is reported and skipped)."""


@dataclass
class Decoded:
    """A file's text and how it was decoded: ``notes`` about the whole file (the encoding, when not UTF-8), and
    ``misread``: the lines (numbered from 1 as ``lines`` counts them) that were not valid UTF-8 in an otherwise
    UTF-8 file, each decoded on its own by a fallback (the value: its key in ``FALLBACKS``)."""

    text: str
    notes: list[str] = field(default_factory=list)
    misread: dict[int, str] = field(default_factory=dict)

    def misread_in(self, first: int, last: int) -> str | None:
        """The fallback that decoded a line in ``first``–``last`` (inclusive), if any did."""
        if not self.misread:
            return None
        return next((self.misread[n] for n in range(first, last + 1) if n in self.misread), None)


def misread_text(fallback: str) -> str:
    """What is said about a row or line that was decoded by ``fallback``."""
    return f"not valid UTF-8 like the rest of the file; read as {FALLBACKS[fallback]} — check its accented letters"


def lines(text: str) -> Iterator[str]:
    """The lines of a text with their ends, split where the csv module splits them (at LF, CR LF or CR; never at a
    U+2028 or a form feed, which may sit inside a JSON string)."""
    return iter(io.StringIO(text, newline=""))


def _utf16_without_bom(data: bytes) -> tuple[str, str] | None:
    """(text, encoding) of UTF-16 saved without a byte-order mark, told by its NUL bytes: text in the ASCII range
    (a table's digits, dates and separators at least) has a NUL in most odd bytes (little-endian) or most even
    bytes (big-endian) and hardly any in the others; and the decoded text is printable. Else None."""
    head = data[:8192]
    if len(head) < 4:
        return None
    even, odd = head[0::2], head[1::2]
    for enc, zeros, other in (("utf-16-le", odd, even), ("utf-16-be", even, odd)):
        if zeros.count(0) >= 0.5 * len(zeros) and other.count(0) <= 0.05 * len(other):
            try:
                text = data[: len(data) - len(data) % 2].decode(enc)
            except UnicodeDecodeError:
                continue
            sample = text[:4096]
            if sum(ch.isprintable() or ch in "\r\n\t" for ch in sample) >= 0.97 * len(sample):
                return text, enc
    return None


def _utf8_row_by_row(body: bytes) -> Decoded | None:
    """A UTF-8 text in which some lines are not UTF-8 (a row pasted from a Latin-1 file): each such line is decoded
    by a fallback and listed in ``misread``. None when most lines with non-ASCII letters are not UTF-8 (the file
    is in another encoding; decoding line by line would mangle it)."""
    text = body.decode("utf-8", "surrogateescape")
    out: list[str] = []
    misread: dict[int, str] = {}
    good = 0
    for n, line in enumerate(lines(text), start=1):
        if line.isascii():
            out.append(line)
            continue
        if not _ESCAPED.search(line):  # non-ASCII letters, valid UTF-8
            good += 1
            out.append(line)
            continue
        raw = line.encode("utf-8", "surrogateescape")
        for fallback in FALLBACKS:  # latin-1 decodes any byte: the loop always ends in a break
            try:
                out.append(raw.decode(fallback))
            except UnicodeDecodeError:
                continue
            misread[n] = fallback
            break
    if good < len(misread):
        return None
    return Decoded("".join(out), misread=misread)


def decode_text(data: bytes) -> Decoded:
    """Text from bytes: UTF-32 or UTF-16 with a byte-order mark; UTF-16 without one, told by NUL bytes in every
    other byte (ASCII-range UTF-16 would otherwise pass for UTF-8 full of NULs); UTF-8 (with or without a BOM),
    where a line that is not UTF-8 is decoded on its own (``Decoded.misread``); else the encoding
    charset-normalizer finds for the whole file (named in ``Decoded.notes``)."""
    if data.startswith((codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE)):  # before UTF-16: FF FE starts both
        return Decoded(data.decode("utf-32", errors="replace"))
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return Decoded(data.decode("utf-16", errors="replace"))
    if b"\x00" in data[:8192] and (utf16 := _utf16_without_bom(data)) is not None:
        text, enc = utf16
        return Decoded(text, [f"no byte-order mark: read as {enc.upper()} (NUL bytes in every other byte)"])
    body = data.removeprefix(codecs.BOM_UTF8)
    try:
        return Decoded(body.decode("utf-8"))
    except UnicodeDecodeError:
        pass
    if (mixed := _utf8_row_by_row(body)) is not None:
        return mixed
    best = from_bytes(body[:1_000_000]).best()
    if best is None:
        raise ImportError_("not a text file")
    return Decoded(body.decode(best.encoding, errors="replace"), [f"not UTF-8: read as {best.encoding}"])


def decode(data: bytes) -> str:
    """Text from bytes (see ``decode_text``)."""
    return decode_text(data).text


def read_decoded(path: Path) -> Decoded:
    """A regular file's text (size-limited), with how it was decoded."""
    if not path.is_file():
        raise ImportError_(f"{path}: not a regular file")
    if path.stat().st_size > MAX_BYTES:
        raise ImportError_(f"{path}: larger than {MAX_BYTES // 2**20} MB")
    return decode_text(path.read_bytes())


def read_head(path: Path, max_bytes: int) -> tuple[Decoded, bool]:
    """The first ``max_bytes`` of a regular file, decoded (for a preview: never more is read), and whether the
    file goes on. A cut text ends at its last line end, so the preview sees no half line."""
    if not path.is_file():
        raise ImportError_(f"{path}: not a regular file")
    if path.stat().st_size > MAX_BYTES:
        raise ImportError_(f"{path}: larger than {MAX_BYTES // 2**20} MB")
    with path.open("rb") as f:
        data = f.read(max_bytes + 1)
    cut = len(data) > max_bytes
    if not cut:
        return decode_text(data), False
    data = data[:max_bytes]
    if (end := data.rfind(b"\n")) > 0:  # a byte that is a line end in UTF-8 and the one-byte encodings
        data = data[:end + 1]
    decoded = decode_text(data)
    if (end_of_line := decoded.text.rfind("\n")) > 0:  # UTF-16: the line end's other byte, cut off above
        decoded.text = decoded.text[:end_of_line + 1]
    return decoded, True


def read_text(path: Path) -> str:
    """A regular file's text (size-limited)."""
    return read_decoded(path).text


def parse_mapping(specs: list[str] | None) -> dict[str, list[str]]:
    """``["date=When,company=Buyer", "company=Seller"]`` -> ``{"date": ["When"], "companies": ["Buyer", "Seller"]}``."""
    out: dict[str, list[str]] = {}
    for spec in specs or []:
        for part in filter(None, (p.strip() for p in spec.split(","))):
            key, sep, col = part.partition("=")
            key = ALIASES.get(key.strip().lower(), key.strip().lower())
            if not sep or not col.strip():
                raise ImportError_(f"mapping '{part}' is not FIELD=COLUMN")
            if key not in TARGETS:
                raise ImportError_(f"cannot map onto '{key}': fields are {', '.join(TARGETS)}")
            out.setdefault(key, []).append(col.strip())
    return out


def guess_mapping(header: list[str]) -> dict[str, list[str]]:
    """Which columns hold which fields, from their names (first match wins; companies may take several)."""
    norm = {h: re.sub(r"[\s_-]+", " ", h.strip().lower()) for h in header}
    out: dict[str, list[str]] = {}
    used: set[str] = set()
    for key, names in TARGETS.items():
        for name in names:
            cols = [h for h in header if norm[h] == name.replace("_", " ") and h not in used]
            if cols:
                out[key] = cols[:1]
                used.update(cols[:1])
                break
    return out


def sniff_rows(text: str | Iterable[str], suffix: str) -> tuple[list[str], Reader]:
    """The header and the rows of a CSV/TSV text, or of its lines as an iterable (read as they come: a large file
    is never held whole); delimiter from the suffix or sniffed. Fields may be as long as a file may be
    (``MAX_BYTES``): the csv module's default limit would abort the whole file at one long cell."""
    if csv.field_size_limit() < MAX_BYTES:
        csv.field_size_limit(MAX_BYTES)
    source = io.StringIO(text, newline="") if isinstance(text, str) else iter(text)
    first = next(source, "")
    if suffix == ".tsv":
        delim = "\t"
    else:
        try:
            delim = csv.Sniffer().sniff(first[:20000].split("\n", 1)[0] + "\n", delimiters=",;\t|").delimiter
        except csv.Error:
            delim = ","
    reader = csv.reader(itertools.chain([first], source), delimiter=delim)
    header = next(reader, None)
    if not header:
        raise ImportError_("the file is empty")
    return [h.strip() for h in header], reader


def records(header: list[str], reader: Reader, b: RowBuilder, decoded: Decoded | None = None,
            limit: int | None = None) -> Iterator[tuple[int, list[str]]]:
    """The rows after the header with their numbers as a spreadsheet shows them (the header is row 1), each cell
    as ``restore_cell`` gives it back. A row with a cell over ``MAX_CELL_CHARS`` is refused; a row decoded by the
    fallback encoding (``decoded.misread``) gets a note; should the csv module fail, the rest of the file is
    refused with its message and the rows before it are kept. ``limit``: only the first rows (a preview)."""
    last = reader.line_num
    n = 1
    while limit is None or n <= limit:
        n += 1
        try:
            cells = next(reader)
        except StopIteration:
            return
        except csv.Error as e:
            b.rejected.append(Rejected(n, f"cannot read the file as CSV from here on ({e}); the rows before it are "
                                          "imported"))
            return
        first, last = last + 1, reader.line_num
        if decoded is not None and (fallback := decoded.misread_in(first, last)):
            b.notes.append(f"row {n}: {misread_text(fallback)}")
        if max(map(len, cells), default=0) > MAX_CELL_CHARS:
            too_long = next(i for i, c in enumerate(cells) if len(c) > MAX_CELL_CHARS)
            column = header[too_long] if too_long < len(header) else f"#{too_long + 1}"
            b.rejected.append(Rejected(n, f"the cell in column '{column}' is {len(cells[too_long]):,} characters "
                                          f"long; cells over {MAX_CELL_CHARS:,} characters are refused "
                                          "(an unclosed quote?)"))
            continue
        yield n, [restore_cell(c) if c[:1] == "'" else c for c in cells]  # (only a quote may be taken off)


def import_table(path: Path, b: RowBuilder, text: str | Iterable[str], mapping: dict[str, list[str]] | None,
                 limit: int | None = None, decoded: Decoded | None = None) -> dict[str, list[str]]:
    """Add each row of a CSV/TSV to ``b`` (the first ``limit`` rows for a preview); returns the mapping used
    (given, else guessed from the header). ``decoded``: how ``text`` was decoded (rows a fallback read get a
    note)."""
    header, reader = sniff_rows(text, path.suffix.lower())
    used = mapping or guess_mapping(header)
    missing = [c for cols in used.values() for c in cols if c not in header]
    if missing:
        raise ImportError_(f"no column {', '.join(repr(c) for c in missing)}; the columns are {', '.join(header)}")
    if "date" not in used and "companies" not in used:
        raise ImportError_(f"cannot tell which columns hold the date and the companies (columns: {', '.join(header)});"
                           " map them, e.g. --map date=COLUMN,company=COLUMN")
    index = {h: i for i, h in enumerate(header)}
    # each field with its columns: one column is its cell (blank: ""), several are joined (list fields: as a list,
    # companies then joined by "; ")
    single = [(key, index[cols[0]]) for key, cols in used.items() if len(cols) == 1]
    several = [(key, [index[c] for c in cols]) for key, cols in used.items() if len(cols) > 1]
    width = len(header)
    for n, cells in records(header, reader, b, decoded, limit):
        if not "".join(cells).strip():  # every cell blank
            continue
        size = len(cells)
        if size > width and "".join(cells[width:]).strip():
            b.rejected.append(Rejected(n, f"{size} cells for {width} columns"))
            continue
        values: dict[str, Any] = {key: (v if (v := cells[i] if i < size else "").strip() else "") for key, i in single}
        for key, ix in several:
            vals = [cells[i] if i < size else "" for i in ix]
            if key in ("companies", "people", "places"):
                listed = [v for v in vals if v.strip()]
                values[key] = "; ".join(listed) if key == "companies" else listed
            else:
                values[key] = " ".join(v for v in vals if v.strip())
        if several:
            values = {key: values[key] for key in used}  # the fields in the mapping's order, as before
        b.add(n, values)
    return used


class TimesketchEvent(BaseModel):
    """A Timesketch event: the three required fields; any other attributes are kept as they are."""

    model_config = ConfigDict(extra="allow", str_strip_whitespace=True)

    message: str = Field(min_length=1)
    datetime: str = Field(min_length=1)
    timestamp_desc: str = Field(min_length=1)


def _timesketch(b: RowBuilder, n: int, rec: Any) -> None:
    try:
        ev = TimesketchEvent.model_validate(rec)
    except ValidationError as e:
        b.rejected.append(Rejected(n, error_text(e), b.unit))
        return
    b.add(n, timesketch_values(ev.model_dump()))


def timesketch_values(rec: dict[str, Any]) -> dict[str, Any]:
    """A Timesketch event as row values (our extra attributes restore the interval, companies and type)."""
    return {"date": timesketch_when(rec), "end": rec.get("date_end"),
            "precision": rec.get("precision"), "companies": rec.get("companies"),
            "type": rec.get("event_type") or rec.get("data_type"), "summary": rec.get("message"),
            "text": rec.get("evidence") or "", "status": rec.get("status") or None,
            "people": rec.get("people"), "places": rec.get("places")}


def timesketch_when(rec: dict[str, Any]) -> str:
    """A Timesketch event's date as row text: its ``datetime`` with the time of day (an event we exported at a
    day or coarser precision: the day); a ``datetime`` that is no real time gives way to ``timestamp`` (µs)."""
    when = str(rec.get("datetime") or "")
    day = re.match(r"\d{4}-\d{2}-\d{2}", when)
    if str(rec.get("precision") or "").strip().lower() not in ("", *SUB_DAY):
        return when[:10] if day else when
    if ISO_DATETIME.fullmatch(when):
        try:
            dt.datetime.fromisoformat(when.replace("z", "Z"))
            return when
        except ValueError:
            pass
    try:
        micros = int(str(rec.get("timestamp")))
        return (dt.datetime(1970, 1, 1, tzinfo=dt.timezone.utc) + dt.timedelta(microseconds=micros)).isoformat()
    except (TypeError, ValueError, OverflowError):
        return when[:10] if day else when


def is_timesketch_header(header: list[str]) -> bool:
    """Whether a CSV header has Timesketch's three required columns."""
    return set(TIMESKETCH_REQUIRED) <= {h.strip().lower() for h in header}


def import_timesketch_csv(path: Path, b: RowBuilder, text: str | Iterable[str],
                          decoded: Decoded | None = None) -> None:
    """Add each row of a Timesketch CSV to ``b`` (rows numbered as in ``records``)."""
    header, reader = sniff_rows(text, path.suffix.lower())
    keys = [h.lower() for h in header]
    for n, cells in records(header, reader, b, decoded):
        if not any(c.strip() for c in cells):
            continue
        _timesketch(b, n, dict(zip(keys, cells, strict=False)))


def import_timesketch_jsonl(b: RowBuilder, text: str | Iterable[str]) -> None:
    """Add each line of a Timesketch JSONL file (its text, or its lines as they are read) to ``b`` (numbered
    from 1)."""
    for n, line in enumerate(lines(text) if isinstance(text, str) else text, start=1):
        if not line.strip():
            continue
        try:
            rec = json.loads(line)
        except (ValueError, RecursionError) as e:
            b.rejected.append(Rejected(n, f"not JSON: {e}", b.unit))
            continue
        _timesketch(b, n, rec)
