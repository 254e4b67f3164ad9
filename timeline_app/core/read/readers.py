"""Read article files (text, Markdown, HTML, JSON, JSONL, folders) into raw articles.

Every problem is reported per file (and per item or line inside JSON files) as a :class:`Problem`;
the caller carries on with the rest of the batch.
"""

from __future__ import annotations

import json
import os
import re
import stat
from collections import deque
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..paths import real_path, within

TEXT_SUFFIXES = {".txt", ".md", ".markdown", ".text"}
HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
JSON_SUFFIXES = {".json"}
JSONL_SUFFIXES = {".jsonl", ".ndjson"}
SUPPORTED_SUFFIXES = TEXT_SUFFIXES | HTML_SUFFIXES | JSON_SUFFIXES | JSONL_SUFFIXES
#: Larger files are refused: one article is far smaller, and the NLP pipeline would take minutes.
MAX_FILE_BYTES = 5 * 1024 * 1024
#: One article longer than this is not one news article (a dump, a log, a book): refused with a message, since
#: extracting it would take minutes and gigabytes. A long news feature is ~50,000 characters.
MAX_ARTICLE_CHARS = 150_000
#: JSON nested deeper than this is not an article list (articles need 3 levels); refused before parsing.
MAX_JSON_DEPTH = 64


@dataclass
class RawArticle:
    """One article as read from disk, before any analysis. ``text`` is what offsets refer to."""

    path: str
    text: str
    title: str | None = None
    date: str | None = None
    url: str | None = None
    source: str | None = None
    fmt: str = "txt"
    item: int | None = None
    warnings: list[str] = field(default_factory=list)

    @property
    def label(self) -> str:
        return self.path if self.item is None else f"{self.path} [{self.item}]"


@dataclass
class Problem:
    """A file (or an item inside one) that could not be read, and why."""

    path: str
    reason: str
    fatal: bool = True

    def __str__(self) -> str:
        return f"{self.path}: {self.reason}"


class ReadError(Exception):
    """Raised for a whole file that cannot be read; carries a user-facing reason."""


#: A workspace kept beside its articles is not an article, and not worth a warning either.
_WORKSPACE_ENDINGS = (".timeline", ".timeline-wal", ".timeline-shm", ".timeline-journal", ".timeline.lock")


def iter_files(paths: Iterable[str | os.PathLike[str]]) -> Iterator[Path | Problem]:
    """Yield article files below ``paths`` (folders recursively, sorted) or a Problem for a bad path.

    A file named in ``paths`` is read wherever it is (a link there is the user's own choice). Inside a folder,
    a link is followed only when it leads to a file or folder inside that folder, and nothing is yielded
    twice (no loops): a folder may be an unpacked archive whose links point anywhere on the disk."""
    for p in paths:
        path = Path(p)
        if path.is_dir():
            yield from _folder_files(path)
        elif path.is_file():
            yield path
        elif path.exists():
            yield Problem(str(path), "not a regular file")
        else:
            yield Problem(str(path), "no such file or folder")


def _folder_files(folder: Path) -> Iterator[Path | Problem]:
    """The article files below ``folder`` (hidden ones and workspaces left out) and the Problems met, in path
    order. Real entries are walked first; then each link, only if its target lies inside the folder and has
    not been met yet (by its real path or another link); a link out of the folder is named and skipped."""
    root = real_path(folder)
    seen: set[str] = set()  # the real paths of every folder walked and file taken
    found: list[tuple[Path, Path | Problem]] = []
    links: deque[Path] = deque()

    def first_time(real: Path) -> bool:
        key = os.path.normcase(real)
        if key in seen:
            return False
        seen.add(key)
        return True

    def take(f: Path) -> None:
        if f.suffix.lower() in SUPPORTED_SUFFIXES:
            found.append((f, f))
        else:  # reported like a file named on the command line, not dropped silently
            found.append((f, Problem(str(f), f"skipped: '{f.suffix or f.name}' is not an article file type "
                                             "(.txt .md .html .htm .json .jsonl)", fatal=False)))

    def walk(top: Path, real_top: Path) -> None:
        stack = [(top, real_top)]
        while stack:
            here, real_here = stack.pop()
            try:
                with os.scandir(here) as it:
                    entries = sorted(it, key=lambda e: e.name)
            except OSError as e:
                found.append((here, Problem(str(here), f"cannot read the folder: {e.strerror or e}; skipped",
                                            fatal=False)))
                continue
            for entry in entries:
                if entry.name.startswith(".") or entry.name.endswith(_WORKSPACE_ENDINGS):
                    continue
                f, real = Path(entry.path), real_here / entry.name
                try:
                    if entry.is_symlink():
                        links.append(f)
                    elif entry.is_dir(follow_symlinks=False):
                        if first_time(real):
                            stack.append((f, real))
                    elif entry.is_file(follow_symlinks=False) and first_time(real):
                        take(f)
                except OSError:  # vanished while walking
                    continue

    first_time(root)  # a link back to the folder itself is a loop
    walk(folder, root)
    while links:  # links after the real entries, so a file met both ways keeps its real path
        link = links.popleft()
        target = real_path(link)
        if not within(target, root):
            what = "folder" if target.is_dir() else "file"
            found.append((link, Problem(str(link), f"a link to a {what} outside the folder ({target}); skipped",
                                        fatal=False)))
            continue
        try:
            st = link.stat()
        except OSError as e:
            found.append((link, Problem(str(link), f"a broken link ({e.strerror or e}: {target}); skipped",
                                        fatal=False)))
            continue
        if not first_time(target):
            continue  # read already, or a loop back to a folder being walked
        if stat.S_ISDIR(st.st_mode):
            walk(link, target)
        elif stat.S_ISREG(st.st_mode):
            take(link)
    found.sort(key=lambda item: item[0])
    yield from (item for _, item in found)
    if not any(isinstance(item, Path) for _, item in found):
        yield Problem(str(folder), "folder holds no article files (.txt .md .html .htm .json .jsonl)")


def iter_articles(paths: Iterable[str | os.PathLike[str]]) -> Iterator[RawArticle | Problem]:
    """Stream the articles below ``paths`` (and the problems met), reading one file at a time, so memory
    follows the largest file, not the corpus."""
    for f in iter_files(paths):
        if isinstance(f, Problem):
            yield f
            continue
        try:
            got, probs = read_file(f)
        except Exception as e:  # a reader bug on one hostile file must not stop the batch
            got, probs = [], [Problem(str(f), f"could not be read: {type(e).__name__}: {e}")]
        yield from got
        yield from probs


def read_paths(paths: Iterable[str | os.PathLike[str]]) -> tuple[list[RawArticle], list[Problem]]:
    """Read every article below ``paths``; return the articles and the problems met."""
    articles: list[RawArticle] = []
    problems: list[Problem] = []
    for item in iter_articles(paths):
        (problems if isinstance(item, Problem) else articles).append(item)  # type: ignore[arg-type]
    return articles, problems


def read_file(path: str | os.PathLike[str]) -> tuple[list[RawArticle], list[Problem]]:
    """Read one file into articles. Never raises for bad content: problems are returned."""
    path = Path(path)
    name = str(path)
    try:
        size = path.stat().st_size
        if size == 0:
            raise ReadError("empty file")
        if size > MAX_FILE_BYTES:
            raise ReadError(f"file is {size / 1e6:.1f} MB; articles over {MAX_FILE_BYTES / 1e6:.0f} MB are skipped")
        data = path.read_bytes()
        text, warnings = decode_bytes(data)
        if not text.strip():
            raise ReadError("file holds only white space")
        suffix = path.suffix.lower()
        if suffix in HTML_SUFFIXES:
            arts, probs = [_from_html(name, text)], list[Problem]()
        elif suffix in JSON_SUFFIXES:
            arts, probs = _from_json(name, text)
        elif suffix in JSONL_SUFFIXES:
            arts, probs = _from_jsonl(name, text)
        elif suffix in TEXT_SUFFIXES or not suffix:
            arts, probs = [RawArticle(name, _normalise_newlines(text), fmt="txt")], []
        else:
            raise ReadError(f"unsupported file type '{suffix}' (expected .txt .md .html .htm .json .jsonl)")
    except ReadError as e:
        return [], [Problem(name, str(e))]
    except OSError as e:
        return [], [Problem(name, f"cannot read: {e.strerror or e}")]
    except RecursionError:
        return [], [Problem(name, "nested too deeply to read")]
    too_long = [a for a in arts if len(a.text) > MAX_ARTICLE_CHARS]
    for a in too_long:
        probs.append(Problem(a.label, f"article is {len(a.text):,} characters long; articles over "
                                      f"{MAX_ARTICLE_CHARS:,} are skipped (split it into articles)"))
    arts = [a for a in arts if len(a.text) <= MAX_ARTICLE_CHARS]
    for a in arts:
        a.warnings.extend(warnings)
    probs.extend(Problem(name, w, fatal=False) for w in warnings)
    return arts, probs


_MULTIBYTE = ("utf", "gb", "big5", "shiftjis", "sjis", "euc", "cp932", "cp936", "cp949", "cp950", "iso2022", "hz",
              "johab", "cp1361")


def decode_bytes(data: bytes) -> tuple[str, list[str]]:
    """Decode article bytes: BOMs and UTF-8 first, then charset-normalizer's best guess."""
    warnings: list[str] = []
    for bom, enc in ((b"\xef\xbb\xbf", "utf-8-sig"), (b"\xff\xfe", "utf-16"), (b"\xfe\xff", "utf-16")):
        if data.startswith(bom):
            try:
                return data.decode(enc), warnings
            except UnicodeDecodeError as e:
                raise ReadError(f"has a {enc} byte-order mark but is not valid {enc}: {e.reason}") from None
    if b"\x00" in data[:8192]:
        text16 = _utf16_without_bom(data)
        if text16 is None:
            raise ReadError("binary file (NUL bytes), not text")
        return text16, warnings
    try:
        return data.decode("utf-8"), warnings
    except UnicodeDecodeError as e:
        bad = f"invalid UTF-8 at byte {e.start}"
    from charset_normalizer import from_bytes  # lazily: only needed for non-UTF-8 files

    best = from_bytes(data).best()
    if best is None or best.encoding is None:
        raise ReadError(f"{bad}, and no other text encoding fits: binary or corrupt file")
    encoding = best.encoding
    if not encoding.replace("_", "").startswith(_MULTIBYTE):
        # Single-byte guesses on short Western text are shaky; cp1252 (WHATWG's default for Latin text,
        # a superset of latin-1's printable range) is right far more often when it decodes cleanly.
        try:
            text, encoding = data.decode("cp1252"), "cp1252"
        except UnicodeDecodeError:
            text = str(best)
    else:
        text = str(best)
    printable = sum(ch.isprintable() or ch in "\n\r\t" for ch in text[:20000])
    if printable < 0.95 * min(len(text), 20000):
        raise ReadError(f"{bad}; looks like a binary file, not text")
    warnings.append(f"{bad}; decoded as {encoding}")
    return text, warnings


def _utf16_without_bom(data: bytes) -> str | None:
    """UTF-16 text saved without a byte-order mark: NULs in every other byte (ASCII-range text), and the
    decoded text printable. Returns None for anything else (binary)."""
    head = data[:8192]
    if len(head) < 4:
        return None
    even, odd = head[0::2], head[1::2]
    for enc, zeros in (("utf-16-le", odd), ("utf-16-be", even)):
        if zeros.count(0) >= 0.3 * len(zeros):
            try:
                text = data[: len(data) - len(data) % 2].decode(enc)
            except UnicodeDecodeError:
                continue
            sample = text[:20000]
            if sample and sum(ch.isprintable() or ch in "\n\r\t" for ch in sample) >= 0.97 * len(sample):
                return text
    return None


def _json_depth(text: str) -> int:
    """How deeply a JSON text nests (strings skipped), found without parsing it."""
    depth = deepest = 0
    for m in _JSON_BRACKETS.finditer(text):
        c = m.group()
        if c in "[{":
            depth += 1
            if depth > deepest:
                deepest = depth
                if deepest > MAX_JSON_DEPTH:
                    break
        elif c in "]}":
            depth -= 1
    return deepest


_JSON_BRACKETS = re.compile(r'"(?:[^"\\]|\\.)*"|[\[\]{}]')


def _load_json(text: str) -> Any:
    if _json_depth(text) > MAX_JSON_DEPTH:
        raise ReadError(f"JSON nested more than {MAX_JSON_DEPTH} levels deep; not an article file")
    return json.loads(text)


def _normalise_newlines(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n")


# --- JSON ------------------------------------------------------------------------------------

_TEXT_KEYS = ("text", "body", "content", "article")
_DATE_KEYS = ("date", "published", "published_at", "publication_date", "pubdate", "datePublished", "dct")


def _article_from_obj(path: str, obj: Any, item: int | None, fmt: str) -> RawArticle:
    where = "" if item is None else (f"line {item}: " if fmt == "jsonl" else f"item {item}: ")
    if not isinstance(obj, dict):
        raise ReadError(f"{where}expected an article object, found {type(obj).__name__}")
    text = next((obj[k] for k in _TEXT_KEYS if isinstance(obj.get(k), str) and obj[k].strip()), None)
    if text is None:
        raise ReadError(f"{where}article has no 'text' or 'body' string")
    date = next((str(obj[k]) for k in _DATE_KEYS if obj.get(k)), None)
    title = obj.get("title") if isinstance(obj.get("title"), str) else None
    url = obj.get("url") if isinstance(obj.get("url"), str) else None
    source = obj.get("source") if isinstance(obj.get("source"), str) else None
    return RawArticle(path, _normalise_newlines(text), title=title, date=date, url=url, source=source, fmt=fmt,
                      item=item)


def _from_json(path: str, text: str) -> tuple[list[RawArticle], list[Problem]]:
    try:
        data = _load_json(text)
    except json.JSONDecodeError as e:
        raise ReadError(f"malformed JSON at line {e.lineno}, column {e.colno}: {e.msg}") from None
    if isinstance(data, dict) and isinstance(data.get("articles"), list):
        data = data["articles"]
    if isinstance(data, dict):
        return [_article_from_obj(path, data, None, "json")], []
    if not isinstance(data, list):
        raise ReadError(f"expected an article object or a list of them, found {type(data).__name__}")
    arts: list[RawArticle] = []
    probs: list[Problem] = []
    for i, obj in enumerate(data):
        try:
            arts.append(_article_from_obj(path, obj, i, "json"))
        except ReadError as e:
            probs.append(Problem(path, str(e)))
    if not arts:
        raise ReadError("no readable article in the JSON file" + (f" ({probs[0].reason})" if probs else ""))
    return arts, probs


def _from_jsonl(path: str, text: str) -> tuple[list[RawArticle], list[Problem]]:
    arts: list[RawArticle] = []
    probs: list[Problem] = []
    for n, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            obj = _load_json(line)
            arts.append(_article_from_obj(path, obj, n, "jsonl"))
        except json.JSONDecodeError as e:
            probs.append(Problem(path, f"line {n}: malformed JSON at column {e.colno}: {e.msg}"))
        except ReadError as e:
            probs.append(Problem(path, str(e)))
    if not arts:
        raise ReadError("no readable article in the JSONL file" + (f" ({probs[0].reason})" if probs else ""))
    return arts, probs


# --- HTML ------------------------------------------------------------------------------------

def _from_html(path: str, text: str) -> RawArticle:
    from .html_main import main_parts, page_date  # the HTML readers load with the first page, not at GUI start
    from .html_text import html_to_text

    body, title, date = html_to_text(text)
    main = main_parts(text)  # trafilatura's main text and htmldate's date; the visible text where they fail
    if not (main.text or body):
        raise ReadError("HTML page has no visible text")
    return RawArticle(path, main.text or body, title=title or main.title, date=page_date(date, main.date, body, title),
                      fmt="html")
