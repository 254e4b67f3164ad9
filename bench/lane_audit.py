"""Lane audit: ingest a folder of articles into a workspace and list every company lane with its event count and a
verdict, flagging the suspicious ones (issue 20: "every lane one real company under one name").

Verdicts (heuristics of the audit, independent of the extractor's own rules where possible; a lane can get several):
- ``non-company?``: the same name is typed a place, a person or an organisation in more of the workspace's articles
  than a company, or the name carries a word of public bodies, unions, courts, blocs or NGOs ("Ministry", "Union",
  "Court", "Bank" after "Development"/"Central"/"World" ...);
- ``fragment?``: a name that is a single word of a longer company name joined by a function word ("Motion" of
  "Research In Motion", "Haas" of "Rohm and Haas"), a possessive or quote left in it, a lowercase start, or a lane
  whose name minus its first word is another lane ("Owner Tata Steel");
- ``split?``: two lanes for one company: the same name but for case, punctuation, "the" and legal forms; one a
  word-prefix of the other ("Delta" / "Delta Air Lines"); one the initials of the other; one letter apart.

Run: .venv/bin/python bench/lane_audit.py [DIR] [--workspace W.timeline] [--reuse] [--remerge] [-j N] [--all]
With ``--reuse`` an existing workspace is read as it is (``--remerge``: merged again from scratch with this code, not
re-extracted, which measures a change of the cross-document resolution alone). Prints every lane (``--all``) or
only the flagged ones, then the figures: lanes, suspected non-companies, fragments and splits.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import tempfile
import time
import unicodedata
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from timeline_app.core.ingest import ingest, open_workspace, remerge
from timeline_app.core.model import Entity

DEFAULT_DATA = ROOT.parent / "shared" / "data" / "wikinews-business"
_PUBLIC = re.compile(r"\b(?:Ministry|Minister|Government|Department|Union|Court|Tribunal|Commission|Council|Agency|"
                     r"Parliament|Congress|Senate|Party|Association|Federation|Organi[sz]ation|Authority|Bureau|"
                     r"Institute|University|College|Foundation|League|Committee|Assembly|Navy|Army|Police|"
                     r"Administration|Treasury|Reserve|Monetary Fund|(?:Development|Central|World|Investment) Bank|"
                     r"Republic|Kingdom|Nations|Confederation|Congress|Trade Area|Free Trade|Secretariat)\b")
_LEGAL = {"inc", "incorporated", "corp", "corporation", "co", "company", "ltd", "limited", "llc", "plc", "ag", "sa",
          "nv", "se", "gmbh", "group", "holdings", "the"}


def norm(name: str) -> str:
    """Case, accents, punctuation, "the" and legal forms folded away."""
    plain = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().lower()
    plain = re.sub(r"['’]s\b", "", plain)
    words = [w for w in re.split(r"[^a-z0-9&]+", plain) if w]
    while len(words) > 1 and words[-1] in _LEGAL:
        words.pop()
    while len(words) > 1 and words[0] == "the":
        words.pop(0)
    return " ".join(words)


def initials(name: str) -> str:
    return "".join(w[0] for w in re.split(r"[\s-]+", name) if w and w[0].isupper())


def one_edit(a: str, b: str) -> bool:
    """At most one letter inserted, deleted or changed."""
    if abs(len(a) - len(b)) > 1 or a == b:
        return False
    if len(a) == len(b):
        return sum(x != y for x, y in zip(a, b, strict=True)) == 1
    if len(a) > len(b):
        a, b = b, a
    return any(b[:i] + b[i + 1:] == a for i in range(len(b)))


def audit(lanes: Counter[str], entities: dict[str, Entity],
          doc_kinds: dict[str, Counter[str]] | None = None) -> dict[str, list[str]]:
    """The suspicions of each lane (an empty list: no suspicion). ``doc_kinds``: per name, in how many articles
    it was typed each kind; a lane typed something else in more articles than a company is suspected."""
    doc_kinds = doc_kinds or {}
    other_kind: dict[str, set[str]] = {}
    long_names: list[str] = []
    company_names = {e.name for e in entities.values() if e.kind == "company" and len(e.name.split()) >= 3}
    for e in entities.values():
        for n in {e.name, *e.aliases}:
            if e.kind != "company":
                other_kind.setdefault(n, set()).add(e.kind)
            if len(n.split()) >= 2:
                long_names.append(n)
    for n, kinds in doc_kinds.items():  # by the articles: typed a company as often as anything else is no doubt
        others = sum(c for k, c in kinds.items() if k not in ("company", "media", "product"))
        if n in other_kind and others <= kinds.get("company", 0):
            other_kind[n] = set()
    out: dict[str, list[str]] = {}
    names = list(lanes)
    by_norm: dict[str, list[str]] = {}
    for n in names:
        by_norm.setdefault(norm(n), []).append(n)
    lane_set = set(names)
    for n in names:
        why: list[str] = []
        other = other_kind.get(n, set()) - {"media", "product"}
        if other:
            why.append("non-company? also a " + "/".join(sorted(other)))
        if _PUBLIC.search(n):
            why.append("non-company? public-body word")
        if re.search(r"['’\"“”]|\s's\b", n) or (not n[:1].isupper() and not n[:1].isdigit()):
            why.append("fragment? punctuation or lowercase")
        if " " not in n and any(n in ln.split() for ln in company_names if ln != n
                                and {w.lower() for w in ln.split()[1:-1]} & {"and", "in", "of", "&"}):
            why.append("fragment? a word of a longer name joined by a function word")
        words = n.split()
        if len(words) >= 2 and " ".join(words[1:]) in lane_set:
            why.append(f"fragment? leading word before lane '{' '.join(words[1:])}'")
        for m in names:
            if m == n:
                continue
            if norm(m) == norm(n) and len(m) > len(n):
                why.append(f"split? same name as '{m}'")
            elif m.startswith(n + " ") and len(n) >= 3 and len(lanes) and n[0].isupper():
                why.append(f"split? short form of '{m}'")
            elif n.isupper() and 2 <= len(n) <= 6 and initials(m) == n:
                why.append(f"split? initials of '{m}'")
            elif len(n) >= 6 and one_edit(norm(n), norm(m)) and len(m) > len(n):
                why.append(f"split? one letter from '{m}'")
        out[n] = why
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("data", nargs="?", type=Path, default=DEFAULT_DATA)
    ap.add_argument("--workspace", type=Path, help="keep the workspace here (default: a temporary folder)")
    ap.add_argument("--reuse", action="store_true", help="an existing --workspace is merged again, not re-extracted")
    ap.add_argument("--remerge", action="store_true", help="with --reuse: merge from scratch")
    ap.add_argument("-j", "--jobs", type=int, default=1)
    ap.add_argument("--all", action="store_true", help="list every lane, not only the flagged ones")
    args = ap.parse_args()
    tmp = tempfile.TemporaryDirectory()
    path = args.workspace or Path(tmp.name) / "audit.timeline"
    t0 = time.perf_counter()
    if args.reuse and path.exists():
        ws = open_workspace(path)
        remerge(ws, full=args.remerge)
    else:
        ws = open_workspace(path)
        ingest(ws, [args.data], workers=args.jobs)
    took = time.perf_counter() - t0
    events = ws.events()
    lanes: Counter[str] = Counter(c for ev in events for c in ev.companies)
    entities = ws.entities()
    doc_kinds: dict[str, Counter[str]] = {}
    for (result,) in ws.db.execute("SELECT result FROM documents"):
        for e in {(x["name"], x["kind"]) for x in json.loads(result or "{}").get("entities", [])}:
            doc_kinds.setdefault(e[0], Counter())[e[1]] += 1
    verdicts = audit(lanes, entities, doc_kinds)
    n_docs = ws.db.execute("SELECT count(*) FROM documents").fetchone()[0]
    for name, count in sorted(lanes.items(), key=lambda x: (-x[1], x[0])):
        why = verdicts[name]
        if why or args.all:
            print(f"{count:4d}  {name:45s} {'; '.join(why) if why else 'ok'}")
    flagged = {k: [w.split("?")[0] for w in v] for k, v in verdicts.items()}
    print(f"\narticles {n_docs}, events {len(events)}, lanes {len(lanes)} ({took:.0f} s)")
    for kind in ("non-company", "fragment", "split"):
        hit = [k for k, v in flagged.items() if kind in v]
        print(f"suspected {kind}: {len(hit)} lanes, {sum(lanes[k] for k in hit)} events")
    print(f"lanes with no suspicion: {sum(1 for v in verdicts.values() if not v)}")
    ws.close()


if __name__ == "__main__":
    main()
