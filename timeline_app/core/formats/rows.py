"""One imported row, whatever file it came from: a pydantic model validates and normalises it (dates read with
their precision by the forgiving parser in ``core/dates/parse``, companies split, the type mapped onto the
event types), and the accepted rows become events whose evidence is their line in a provenance document."""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

from ..dates.limits import EARLIEST, LATEST, in_range, out_of_range
from ..dates.parse import PRECISION_CHOICES, DateSpan, parse_date_text, widen
from ..extract.kb import KnowledgeBase, slug
from ..merge import event_id
from ..model import (
    EVENT_TYPE_LABELS,
    EVENT_TYPE_SHORT,
    EVENT_TYPES,
    ROUND2_LABELS,
    ROUND2_TYPES,
    STATUSES,
    SUB_DAY,
    Document,
    Entity,
    Event,
    Source,
    v3_type,
)
from .contract import error_text

ROWS_PER_DOCUMENT = 100
LIST_SPLIT = re.compile(r"\s*[;|\n]\s*")
#: an ISO 8601 date with a time of day: ``2015-07-24T19:01:01+00:00``, ``2024-07-24 10:57:02.877297Z``, ``…T19:01``
ISO_DATETIME = re.compile(r"\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?", re.IGNORECASE)
#: words people use for the event types (matched at the start of words, case-insensitive; the first type whose
#: word occurs wins, so the specific types come before the broad ones)
TYPE_WORDS: dict[str, tuple[str, ...]] = {
    "cancellation": ("cancel", "called off", "abandon"),
    "meeting": ("meeting", "visit", "talks", "summit", "met"),
    "job_cuts": ("job cut", "layoff", "lay off", "laid off", "redundanc", "job loss"),
    "hiring": ("hiring", "hire", "jobs created", "recruit"),
    "labour": ("strike", "walkout", "walk out", "union", "labour", "labor"),
    "leadership": ("appointment", "appoint", "ceo", "resign", "named", "executive", "leadership", "chairman"),
    "bankruptcy": ("bankrupt", "insolven", "administration", "receivership", "chapter 11", "liquidat"),
    "rescue": ("rescue", "restructur"),
    "bailout": ("bailout", "bail-out", "state aid", "nationalis", "nationaliz"),
    "listing": ("ipo", "listing", "delist", "flotation", "public offering"),
    "dividend": ("dividend", "buyback", "buy-back", "repurchase"),
    "guidance": ("guidance", "outlook", "forecast", "profit warning"),
    "results": ("financial", "earnings", "results", "revenue", "profit", "quarterly", "sales"),
    "financing": ("financing", "funding", "loan", "bond", "debt", "credit", "fundrais"),
    "divestment": ("divest", "spin-off", "spin off", "spinoff", "sale of", "sell", "sold"),
    "stake": ("stake", "shareholding", "minority"),
    "acquisition": ("acquisition", "acquire", "merger", "takeover", "buyout", "bid", "investment", "invest"),
    "partnership": ("partnership", "partner", "alliance", "joint venture", "collaboration", "cooperation", "mou",
                    "licen"),
    "contract": ("supply", "supplier", "contract", "order", "deal", "procurement"),
    "recall": ("recall", "safety notice"),
    "discontinuation": ("discontinu", "price"),
    "launch": ("launch", "release", "unveil", "product"),
    "facility": ("plant", "factory", "facility", "store", "office"),
    "disruption": ("suspen", "outage", "grounded", "halt"),
    "accident": ("accident", "crash", "explosion", "spill", "fire", "breach"),
    "lawsuit": ("lawsuit", "sue", "suit", "litigation", "class action"),
    "ruling": ("ruling", "verdict", "court", "settle"),
    "conviction": ("convict", "charged", "indict", "sentence", "guilty"),
    "fine": ("fine", "penalt"),
    "investigation": ("investigat", "probe", "inquiry", "raid"),
    "approval": ("approv", "clearance"),
    "ban": ("ban", "sanction", "block"),
    "founding": ("found", "incorporat"),
    "closure": ("closure", "wind up", "wound up", "dissol", "cease"),
    "rename": ("rename", "rebrand", "name change"),
    "plan": ("plan", "announcement", "announce", "intends", "target"),
}
#: every name a file may give a type, in lower case: v3 ids, labels and short labels; round-2 ids and labels
_TYPE_NAMES: dict[str, str] = {
    **{label.lower(): v3_type(t) for t, label in ROUND2_LABELS.items()},
    **{t: v3_type(t) for t in ROUND2_TYPES},
    **{EVENT_TYPE_SHORT[t].lower(): t for t in EVENT_TYPES},
    **{EVENT_TYPE_LABELS[t].lower(): t for t in EVENT_TYPES},
    **{t.replace("_", " "): t for t in EVENT_TYPES},
    **{t: t for t in EVENT_TYPES},
}


@lru_cache(maxsize=4096)
def event_type(text: str | None) -> str:
    """An event type from whatever a file calls it: a v3 id or label ("acquisition", "Acquisition / merger"), a
    round-2 id or label ("supply", "Supply contract": the type it became), else the first type whose words it
    holds ("Earnings call" is results); else 'other'."""
    t = " ".join((text or "").strip().lower().split())
    if not t:
        return "other"
    if t in _TYPE_NAMES:
        return _TYPE_NAMES[t]
    for key, words in TYPE_WORDS.items():
        if any(re.search(rf"\b{re.escape(w)}", t) for w in words):
            return key
    return "other"


def split_list(v: Any) -> list[str]:
    """A list from a cell: "Apple; Foxconn" or "Apple | Foxconn" (commas stay: "Apple, Inc." is one name)."""
    if v is None:
        return []
    if type(v) is str:
        return list(_split_text(v))
    items = v if isinstance(v, list) else LIST_SPLIT.split(str(v))
    return list(dict.fromkeys(s for x in items if (s := " ".join(str(x).split()))))


@lru_cache(maxsize=65536)
def _split_text(text: str) -> tuple[str, ...]:
    """``split_list`` of a text, remembered (a table repeats its companies)."""
    return tuple(dict.fromkeys(s for x in LIST_SPLIT.split(text) if (s := " ".join(x.split()))))


@lru_cache(maxsize=65536)
def _parse_date(text: str, precision: str | None) -> DateSpan:
    """``parse_date_text``, remembered: a spreadsheet repeats its dates (the spans are immutable)."""
    return parse_date_text(text, precision)


def _iso_datetime(text: str, what: str) -> dt.datetime:
    """An ISO 8601 date and time (``Z`` is UTC); a plain message when it is no real time."""
    try:
        return dt.datetime.fromisoformat(text.replace("z", "Z"))
    except ValueError:
        raise ValueError(f"{what} '{text}' is not a real date and time") from None


def _spans_in_range(span: DateSpan) -> bool:
    """Whether an interval lies in the supported range of dates."""
    s, e = span.start, span.end
    return (s is None or EARLIEST <= s <= LATEST) and (e is None or EARLIEST <= e <= LATEST)


class Row(BaseModel):
    """A row mapped onto event fields (strings as they were in the file); validation reads the dates and refuses
    one outside the supported range (``core/dates/limits``)."""

    model_config = ConfigDict(str_strip_whitespace=True)

    date: str | None = None
    end: str | None = None
    precision: str | None = None
    companies: list[str] = Field(default_factory=list)
    type: str = "other"
    summary: str = ""
    text: str = ""
    status: str = "happened"
    people: list[str] = Field(default_factory=list)
    places: list[str] = Field(default_factory=list)
    # filled by validation
    start_date: dt.date | None = None
    end_date: dt.date | None = None
    start_time: dt.time | None = None
    end_time: dt.time | None = None

    @field_validator("companies", "people", "places", mode="before")
    @classmethod
    def _lists(cls, v: Any) -> list[str]:
        return split_list(v)

    @field_validator("type", mode="before")
    @classmethod
    def _type(cls, v: Any) -> str:
        return event_type(None if v is None else str(v))

    @field_validator("status", mode="before")
    @classmethod
    def _status(cls, v: Any) -> str:
        s = str(v or "").strip().lower()
        if s and s not in STATUSES:
            raise ValueError(f"unknown status '{v}' (one of {', '.join(STATUSES)})")
        return s or "happened"

    @field_validator("precision", mode="before")
    @classmethod
    def _precision(cls, v: Any) -> str | None:
        s = str(v or "").strip().lower()
        if s and s not in (*SUB_DAY, *PRECISION_CHOICES, "undated"):
            raise ValueError(f"unknown precision '{v}' (one of {', '.join((*SUB_DAY, *PRECISION_CHOICES))}, "
                             "undated)")
        return s or None

    def _timed(self) -> bool:
        """Read a date with a time of day (``2015-07-24T19:01:01+00:00``) to the second, minute or hour; False
        when the date has no time (or a precision of a day or coarser was asked for)."""
        m = ISO_DATETIME.fullmatch(self.date or "")
        if m is None or (self.precision is not None and self.precision not in SUB_DAY):
            return False
        when = _iso_datetime(self.date or "", "date")
        self.start_date, self.start_time = when.date(), when.timetz()
        self.precision = self.precision or ("second" if m[1] else "minute")
        if not in_range(self.start_date):
            raise ValueError(out_of_range(f"date '{self.start_date.isoformat()}'"))  # the day is what is out
        self.end_date = self.start_date
        if self.end and ISO_DATETIME.fullmatch(self.end):
            until = _iso_datetime(self.end, "end")
            if (until.date(), until.timetz().replace(tzinfo=None)) < (self.start_date, self.start_time.replace(
                    tzinfo=None)):
                raise ValueError(f"end '{self.end}' is before the date '{self.date}'")
            self.end_date, self.end_time = until.date(), until.timetz()
        elif self.end:
            until_day = _parse_date(self.end, None)
            if until_day.end is not None and until_day.end > self.start_date:
                self.end_date = until_day.end
        return True

    def _set(self, **values: Any) -> None:
        """Set fields as pydantic's own assignment does for this model (which does not validate assignments):
        into the instance's dict, marked as set; without its per-attribute dispatch (a row sets three)."""
        self.__dict__.update(values)
        self.__pydantic_fields_set__.update(values)

    @model_validator(mode="after")
    def _dates(self) -> Row:
        if self._timed():
            if not (self.companies or self.summary or self.text):
                raise ValueError("no company and no text: nothing to show")
            return self
        span = _parse_date(self.date or "", self.precision)
        if not _spans_in_range(span):
            raise ValueError(out_of_range(f"date '{self.date}'"))
        self._set(start_date=span.start, end_date=span.end, precision=span.precision)
        if self.end and span.start is not None:
            until = _parse_date(self.end, None)
            if until.end is None:
                pass
            elif not _spans_in_range(until):
                raise ValueError(out_of_range(f"end '{self.end}'"))
            elif until.end < span.start:
                raise ValueError(f"end '{self.end}' is before the date '{self.date}'")
            else:
                self._set(end_date=until.end)
        if not (self.companies or self.summary or self.text):
            raise ValueError("no company and no text: nothing to show")
        return self


@dataclass
class Rejected:
    """A row that was not imported: where it is (row number as a spreadsheet shows it) and why."""

    row: int
    reason: str
    unit: str = "row"

    def __str__(self) -> str:
        return f"{self.unit} {self.row}: {self.reason}"


@dataclass
class RowBuilder:
    """Collects accepted rows as events, each with its line in one provenance document."""

    origin: Path
    fmt: str
    kb: KnowledgeBase | None = None
    #: what the file's items are called in messages ("row", "line" in JSONL, "slide" in TimelineJS)
    unit: str = "row"
    pending: list[tuple[Row, int, str]] = field(default_factory=list)
    rejected: list[Rejected] = field(default_factory=list)
    #: remarks on rows that were imported (e.g. a row decoded by a fallback encoding)
    notes: list[str] = field(default_factory=list)
    suffixes: set[str] = field(default_factory=set)

    def __post_init__(self) -> None:
        if self.kb is not None and not self.suffixes:
            self.suffixes = set(self.kb.suffixes)

    def add(self, row_no: int, values: dict[str, Any]) -> bool:
        """Validate one row; an accepted row gets its evidence line, a bad one is recorded with its reason."""
        cell = values.get("companies")
        if isinstance(cell, str) and "," in cell and not LIST_SPLIT.search(cell):  # "Apple, Foxconn"
            values = {**values, "companies": split_commas(cell, self.suffixes)}
        try:
            row = Row.model_validate(values)
        except ValidationError as e:
            self.rejected.append(Rejected(row_no, error_text(e), self.unit))
            return False
        except ValueError as e:
            self.rejected.append(Rejected(row_no, str(e), self.unit))
            return False
        text = " — ".join(x for x in (row.summary, row.text if row.text != row.summary else "") if x)
        line = f"row {row_no}: {row.date or 'undated'} · {'; '.join(row.companies) or 'no company'} · {text}"
        self.pending.append((row, row_no, " ".join(line.split()) + "\n"))
        return True

    def build(self) -> tuple[list[Document], list[Entity], list[Event]]:
        """The provenance documents (one per ``ROWS_PER_DOCUMENT`` accepted rows, so that showing one row's
        evidence never loads a huge text), the companies named, and the events (ids from their evidence)."""
        docs: list[Document] = []
        events: list[Event] = []
        companies: dict[str, Entity] = {}
        for i in range(0, len(self.pending), ROWS_PER_DOCUMENT):
            chunk = self.pending[i:i + ROWS_PER_DOCUMENT]
            first, last = chunk[0][1], chunk[-1][1]
            head = f"Imported from {self.origin} ({self.fmt}), rows {first}–{last}\n"
            parts, pos, spans = [head], len(head), []
            for _row, _n, line in chunk:
                spans.append((pos, pos + len(line) - 1))
                parts.append(line)
                pos += len(line)
            text = "".join(parts)
            doc = Document(id="i" + hashlib.sha1(text.encode("utf-8", "surrogatepass")).hexdigest()[:12],
                           path=str(self.origin), title=f"Imported from {self.origin.name}, rows {first}–{last}",
                           text=text, date_source="imported", outlet=self.fmt)
            docs.append(doc)
            for (row, _n, _line), (s0, s1) in zip(chunk, spans, strict=True):
                names = [canonical_company(c, self.kb, companies) for c in row.companies]
                ev = Event(id="", type=row.type, summary=row.summary or row.text[:200] or ", ".join(names),
                           start=row.start_date, end=row.end_date, precision=row.precision or "undated",
                           start_time=row.start_time, end_time=row.end_time,
                           status=row.status, companies=list(dict.fromkeys(names)), people=row.people,
                           places=row.places, sources=[Source(doc.id, s0, s1, s0, s1)], confidence=1.0)
                ev.id = event_id(ev)
                events.append(ev)
        return docs, list(companies.values()), events


def split_commas(cell: str, suffixes: set[str]) -> list[str]:
    """Names in a comma-separated cell ("Apple, Foxconn"), keeping a corporate suffix with its name
    ("Apple, Inc." and "Hon Hai, Co., Ltd." stay one name)."""
    if "," not in cell:
        return [cell]
    out: list[str] = []
    for part in (p.strip() for p in cell.split(",")):
        if not part:
            continue
        if out and (part in suffixes or part.rstrip(".") in suffixes or f"{part}." in suffixes):
            out[-1] = f"{out[-1]}, {part}"
        else:
            out.append(part)
    return out


def canonical_company(name: str, kb: KnowledgeBase | None, seen: dict[str, Entity]) -> str:  # seen: by name
    """A company as the file names it (never renamed, so round trips keep names); its entity goes into ``seen``,
    under the group the knowledge base puts it in ("Mercedes" under "Mercedes-Benz Group", "LG Display" under
    "LG Group"), so its lane sits with the extracted events of that company."""
    if name in seen:
        return name
    entry = kb.lookup(name) if kb is not None else None
    parent = None
    if entry is not None and entry.kind == "company":
        parent = entry.name if entry.name != name else entry.parent
    seen[name] = Entity(f"c:{slug(name)}", name, "company", [], parent)
    return name


def span_text(start: dt.date, end: dt.date | None, precision: str) -> tuple[str, str | None]:
    """A (date, end) pair of strings that reads back to exactly this interval and precision."""
    natural = widen(start, precision) if precision in PRECISION_CHOICES else None
    if natural is not None and natural.end == (end or start):
        return start.isoformat(), None
    return start.isoformat(), (end or start).isoformat()
