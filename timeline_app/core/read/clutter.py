"""Separate an article's body from page furniture (related-article lists, headline lists, app banners,
comment boxes, repeated headlines). Clutter stays in the text, marked, and yields no events."""

from __future__ import annotations

import re

from ..model import ClutterSpan
from .lines import lines_with_offsets

# A line that opens a tail section of page furniture: everything from it to the end is clutter.
_TAIL_MARKERS = re.compile(
    r"""^\W*(related\s+(articles?|news|stories|posts|content|coverage|topics)|more\s+(news|stories|articles)(\s+from.*)?
    |read\s+(more|next|also)|recommended(\s+(for\s+you|stories|articles))?|most\s+(read|popular|viewed|shared)
    |comments?(\s*\(\d+\))?|no\s+comments\s+yet.*|leave\s+a\s+(comment|reply)|join\s+the\s+(conversation|discussion)
    |download\s+(the|our)\s+app.*|get\s+(the|our)\s+app.*|you\s+(may|might)\s+also\s+like
    |trending(\s+now)?|top\s+stories|latest\s+(news|stories|headlines)|editor'?s?\s+picks?|also\s+read
    |more\s+from\s+.*|sponsored(\s+content)?|popular\s+(now|stories)|what\s+to\s+read\s+next)\W*$""",
    re.IGNORECASE | re.VERBOSE,
)
# A single line of furniture inside the page.
_LINE_MARKERS = re.compile(
    r"""^\W*(advertisement|advertising|ad|share(\s+this(\s+(article|story))?)?|subscribe.*|sign\s+up.*|newsletter
    |follow\s+us.*|skip\s+to\s+(main\s+)?content|menu|search|home|logo|print|email|tweet|facebook|twitter|linkedin
    |copyright.*|©.*|all\s+rights\s+reserved.*|photo\s*:.*|image\s*:.*|getty\s+images|app-?store.*|play-?store.*
    |click\s+here.*)\W*$""",
    re.IGNORECASE | re.VERBOSE,
)
_SENTENCE_END = re.compile(r"""[.!?]["'”’)\]]*$""")
_WORD = re.compile(r"[^\W\d_][\w'’&.-]*|\d[\d.,]*%?")
_MINOR = {"a", "an", "the", "and", "or", "of", "in", "on", "at", "to", "for", "as", "by", "with", "from", "vs",
          "into", "over", "amid", "after", "before", "than", "its", "is", "are", "be", "but", "up", "out", "off"}


def _lines(text: str) -> list[tuple[int, int, str]]:
    return [(pos, pos + len(raw), raw.strip()) for pos, raw in lines_with_offsets(text)]


def is_headline_like(line: str) -> bool:
    """Short, unpunctuated, mostly capitalised: a headline rather than a sentence of body text."""
    words = _WORD.findall(line)
    if not 3 <= len(words) <= 25 or _SENTENCE_END.search(line):
        return False
    content = [w for w in words if w.lower() not in _MINOR]
    if not content:
        return False
    caps = sum(1 for w in content if w[0].isupper() or w[0].isdigit())
    return caps / len(content) >= 0.6


def _is_short_fragment(line: str) -> bool:
    """Banner and button text: a few words that do not end like a sentence."""
    words = _WORD.findall(line)
    return len(words) <= 12 and not _SENTENCE_END.search(line)


def _is_prose(line: str) -> bool:
    """A paragraph of body text: a dozen words or more ending like a sentence."""
    return len(_WORD.findall(line)) >= 12 and bool(_SENTENCE_END.search(line))


def _opens_tail(lines: list[tuple[int, int, str]], i: int, prose_before: int) -> bool:
    """Whether the marker at line ``i`` opens the page's tail of furniture. It does once the article has
    three paragraphs of prose above it, or when there is no more prose below it than above: a marker after
    a banner sentence or two, above the article itself, is one line of furniture, not the end of the story."""
    if prose_before >= TAIL_PROSE_ABOVE:
        return True
    prose_after = sum(1 for _s, _e, line in lines[i + 1:] if _is_prose(line))
    return prose_after <= prose_before


#: Paragraphs of prose above a tail marker that make it the end of the article.
TAIL_PROSE_ABOVE = 3


def find_clutter(text: str) -> list[ClutterSpan]:
    """Return the clutter spans of ``text`` (sorted, non-overlapping)."""
    lines = _lines(text)
    spans: list[ClutterSpan] = []
    prose_seen = 0  # paragraphs of real prose so far
    tail_start: int | None = None
    for i, (s, e, line) in enumerate(lines):
        if not line:
            continue
        if _TAIL_MARKERS.match(line) and not (prose_seen and _opens_tail(lines, i, prose_seen)):
            spans.append(ClutterSpan(s, e, "page furniture"))
            continue
        if _TAIL_MARKERS.match(line):
            j = i
            # take along the short furniture lines just above the marker ("Orange background", ...)
            while j > 0:
                _ps, _pe, prev = lines[j - 1]
                if prev and not _is_short_fragment(prev):
                    break
                j -= 1
            tail_start = lines[j][0]
            spans.append(ClutterSpan(tail_start, len(text), f"page section: {line[:40]}"))
            break
        if _LINE_MARKERS.match(line):
            spans.append(ClutterSpan(s, e, "page furniture"))
            continue
        if _is_prose(line):
            prose_seen += 1
    limit = tail_start if tail_start is not None else len(text)
    # Runs of three or more headline-like lines: lists of other articles' headlines.
    run: list[tuple[int, int]] = []
    for s, e, line in [*lines, (len(text), len(text), "")]:
        if s >= limit:
            line = ""
        if line and is_headline_like(line):
            run.append((s, e))
            continue
        if not line and run and s < limit and s != len(text):
            continue  # blank lines do not break a run
        if len(run) >= 3:
            spans.append(ClutterSpan(run[0][0], run[-1][1], "list of headlines"))
        run = []
    # A line repeated verbatim (a headline printed twice, a caption repeated): later copies are clutter.
    seen: set[str] = set()
    for s, e, line in lines:
        if s >= limit or not line:
            continue
        if line in seen and len(line) > 15:
            spans.append(ClutterSpan(s, e, "repeated line"))
        seen.add(line)
    return _normalise(spans)


def _normalise(spans: list[ClutterSpan]) -> list[ClutterSpan]:
    spans.sort(key=lambda c: (c.start, -c.end))
    out: list[ClutterSpan] = []
    for c in spans:
        if out and c.start < out[-1].end:
            if c.end > out[-1].end:
                out[-1] = ClutterSpan(out[-1].start, c.end, out[-1].reason)
            continue
        out.append(c)
    return out
