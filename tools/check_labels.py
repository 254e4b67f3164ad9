"""Check gold label files against the labelling guidelines (tests/data/LABELLING.md): fields, type ids from
resources/taxonomy.json, ISO dates and precisions, evidence as exact substrings of the article.

    python tools/check_labels.py LABELS.jsonl [--articles DIR]

Prints one line per problem and a summary; exits 1 when there is any problem. It never runs the extractor."""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PRECISIONS = {"day", "week", "month", "quarter", "half", "year"}
BASES = {"explicit", "relative", "dct_convention", "inherited", "deadline", None}
STATUSES = {"happened", "planned", "ongoing"}
EVENT_KEYS = {"id", "type", "title", "companies", "organisations", "start", "end", "precision", "no_date_stated",
              "date_basis", "status", "amount", "background", "evidence", "also_evidence"}
OPTIONAL = {"mod", "note"}


def type_ids() -> set[str]:
    tax = json.loads((ROOT / "resources" / "taxonomy.json").read_text(encoding="utf-8"))
    return {t["id"] for f in tax["families"] for t in f["types"]}


def _date(v: object) -> dt.date | None:
    return dt.date.fromisoformat(v) if isinstance(v, str) else None


def check_record(rec: dict, articles: Path, types: set[str]) -> list[str]:
    """Problems of one article's record."""
    out: list[str] = []
    doc = str(rec.get("doc_id"))
    path = articles / str(rec.get("file", f"{doc}.txt"))
    if not path.is_file():
        return [f"{doc}: no article file {path}"]
    text = path.read_text(encoding="utf-8")
    for k in ("doc_id", "file", "title", "dct", "aliases", "events"):
        if k not in rec:
            out.append(f"{doc}: missing '{k}'")
    if not isinstance(rec.get("events"), list):
        return [*out, f"{doc}: 'events' is not a list"]
    for i, ev in enumerate(rec["events"], start=1):
        where = f"{doc} event {ev.get('id', i)}"
        missing = EVENT_KEYS - set(ev)
        extra = set(ev) - EVENT_KEYS - OPTIONAL
        if missing:
            out.append(f"{where}: missing {sorted(missing)}")
        if extra:
            out.append(f"{where}: unknown fields {sorted(extra)}")
        if ev.get("type") not in types:
            out.append(f"{where}: type '{ev.get('type')}' is not in resources/taxonomy.json")
        if not ev.get("title") or str(ev.get("title")).lower().startswith("other"):
            out.append(f"{where}: give a specific title")
        if not isinstance(ev.get("companies"), list) or not ev.get("companies"):
            out.append(f"{where}: at least one company must be a party")
        if ev.get("status") not in STATUSES:
            out.append(f"{where}: status '{ev.get('status')}'")
        if ev.get("date_basis") not in BASES:
            out.append(f"{where}: date_basis '{ev.get('date_basis')}'")
        try:
            s, e = _date(ev.get("start")), _date(ev.get("end"))
        except ValueError as x:
            out.append(f"{where}: bad date ({x})")
            s = e = None
        undated = ev.get("no_date_stated") is True
        if undated and (ev.get("start") or ev.get("end") or ev.get("precision")):
            out.append(f"{where}: no_date_stated but dates given")
        if not undated and (s is None or e is None or ev.get("precision") not in PRECISIONS):
            out.append(f"{where}: dated events need start, end and a precision")
        if s and e and e < s:
            out.append(f"{where}: end before start")
        for sent in [ev.get("evidence"), *(ev.get("also_evidence") or [])]:
            if not isinstance(sent, str) or sent not in text:
                out.append(f"{where}: evidence is not an exact substring of the article: {str(sent)[:80]!r}")
    return out


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("labels", nargs="+")
    p.add_argument("--articles", default=str(ROOT / "tests" / "data" / "wikinews-business" / "articles"))
    a = p.parse_args(argv)
    types, problems, n_docs, n_events = type_ids(), [], 0, 0
    for f in a.labels:
        for ln, line in enumerate(Path(f).read_text(encoding="utf-8").splitlines(), start=1):
            if not line.strip():
                continue
            try:
                rec = json.loads(line)
            except json.JSONDecodeError as e:
                problems.append(f"{f}:{ln}: not JSON ({e})")
                continue
            n_docs += 1
            n_events += len(rec.get("events") or [])
            problems += check_record(rec, Path(a.articles), types)
    for pr in problems:
        print(pr)
    print(f"{n_docs} article(s), {n_events} event(s), {len(problems)} problem(s)", file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
