"""Score extracted events against the hand-made event gold of the 30 MEANTIME Apple articles.

Runs `timeline-app extract` on copies of the articles (or scores a `timeline-app/2` or `/1` JSON given with --json)
and prints, per article and overall: gold events found / missed, spurious system events, type, company-set and date
accuracy of the found ones, the share of system events undated, events dated where the gold states no date, and
the share of gold events fully right. Labelling guidelines: tests/data/meantime-apple/EVENTS_GOLD.md.

Alignment unit: one system event in one article (its sources in that article). A unit is a candidate for a
gold event when one of its source spans overlaps one of the gold evidence sentences. Pairs are taken
greedily, best first: equal type, then equal date, then equal companies, then overlap with the main
evidence sentence. Units left over are spurious ("duplicates" when they sit on an already matched event).

This gold uses the nine round-2 types. The system's types are taxonomy v3 (since timeline-app/2): each is scored
as the round-2 type it refines, the taxonomy's "old" (acquisition, stake, divestment, financing and facility are
investment; contract is supply; results and guidance are financial; leadership is appointment; ...). This is the
inverse of the round-2 → v3 mapping on the round-2 extractor's output, so the figures of the same extraction are
the same as before v3; a v3 type the round-2 extractor never produced (a lawsuit) counts as its round-2 class.

Run: .venv/bin/python bench/event_score.py [--json OUT.json] [--json-report FILE] [--verbose]
     .venv/bin/python bench/event_score.py --data tests/data/wikinews-heldout   (the held-out set: 16 Wikinews
     business articles labelled blind; measure on it, never tune on it)
"""

from __future__ import annotations

import argparse
import json
import re
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DATA = ROOT / "tests" / "data" / "meantime-apple"
EVENT_TYPES = ("meeting", "supply", "partnership", "investment", "launch", "financial", "appointment", "plan", "other")
TAXONOMY = ROOT / "resources" / "taxonomy.json"


def _round2_of() -> dict[str, str]:
    """v3 type -> the round-2 type it refines (the taxonomy's "old")."""
    tax = json.loads(TAXONOMY.read_text(encoding="utf-8"))
    return {t["id"]: t["old"] for f in tax["families"] for t in f["types"]}


ROUND2_OF = _round2_of()


def round2_type(system_type: str) -> str:
    """A system type as a round-2 type: a v3 type as the one it refines; a round-2 type (a /1 file) unchanged."""
    return system_type if system_type in EVENT_TYPES else ROUND2_OF.get(system_type, system_type)
PRECISIONS = ("day", "week", "month", "quarter", "half", "year", "decade")
SUFFIXES = {"inc", "incorporated", "corp", "corporation", "co", "company", "ltd", "limited", "llc", "plc", "ag", "sa"}
COUNTS = ("gold", "found", "missed", "spurious", "duplicates", "type_ok", "companies_ok", "date_ok", "fully_right",
          "units", "units_undated", "dated_no_date", "gold_news", "found_news", "fully_right_news")


@dataclass
class Unit:
    """One system event as seen in one article."""
    event_id: str
    type: str
    companies: list[str]
    start: str | None
    end: str | None
    precision: str | None
    spans: list[tuple[int, int]]

    @property
    def dated(self) -> bool:
        return bool(self.start) and self.precision not in (None, "undated")


@dataclass
class ArticleScore:
    file: str
    counts: dict[str, int] = field(default_factory=lambda: dict.fromkeys(COUNTS, 0))
    jaccard_sum: float = 0.0
    lines: list[str] = field(default_factory=list)


def norm_name(name: str) -> str:
    s = re.sub(r"\s*-\s*", "-", name.lower().replace("’", "'"))
    s = re.sub(r"[.,]", " ", s)
    words = s.split()
    if words and words[0] == "the":
        words = words[1:]
    while len(words) > 1 and words[-1] in SUFFIXES:
        words = words[:-1]
    return " ".join(words)


def company_set(names: list[str], aliases: dict[str, list[str]]) -> frozenset[str]:
    table = {norm_name(a): norm_name(c) for c, al in aliases.items() for a in [c, *al]}
    return frozenset(table.get(norm_name(n), norm_name(n)) for n in names)


def evidence_spans(text: str, sentences: list[str]) -> list[tuple[int, int]]:
    spans = []
    for s in sentences:
        i = text.find(s)
        if i < 0:
            raise ValueError(f"evidence not in article: {s[:60]!r}")
        spans.append((i, i + len(s)))
    return spans


def overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def date_ok(gold: dict[str, Any], unit: Unit) -> bool:
    if gold["no_date_stated"]:
        return not unit.dated
    if not unit.dated:
        return False
    start, end = str(unit.start)[:10], str(unit.end or unit.start)[:10]  # a time of day: its day
    if gold.get("date_basis") == "deadline":  # any interval overlapping the window and ending by the deadline
        return bool(start <= gold["end"] and gold["start"] <= end <= gold["end"])
    precision = "day" if unit.precision in ("hour", "minute", "second") else unit.precision  # the gold has days
    return bool(start == gold["start"] and precision == gold["precision"])


def score_article(gold_rec: dict[str, Any], text: str, units: list[Unit]) -> ArticleScore:
    """Align the system units of one article to its gold events and count."""
    res = ArticleScore(gold_rec["file"])
    c, aliases = res.counts, gold_rec.get("aliases", {})
    golds = gold_rec["events"]
    ev_spans = [evidence_spans(text, [g["evidence"], *g.get("also_evidence", [])]) for g in golds]
    pairs = []
    for gi, g in enumerate(golds):
        gcos = company_set(g["companies"], aliases)
        for ui, u in enumerate(units):
            hits = [sp for sp in ev_spans[gi] if any(overlaps(sp, x) for x in u.spans)]
            if hits:
                key = (u.type == g["type"], date_ok(g, u), company_set(u.companies, aliases) == gcos,
                       ev_spans[gi][0] in hits, len(hits))
                pairs.append((key, gi, ui))
    pairs.sort(key=lambda p: p[0], reverse=True)
    g2u: dict[int, int] = {}
    used: set[int] = set()
    for _, gi, ui in pairs:
        if gi not in g2u and ui not in used:
            g2u[gi] = ui
            used.add(ui)
    on_gold = {ui for _, _, ui in pairs}
    for gi, g in enumerate(golds):
        news = not g.get("background")
        c["gold"] += 1
        c["gold_news"] += news
        if gi not in g2u:
            c["missed"] += 1
            res.lines.append(f"  MISSED   {g['id']} {g['type']} {g['companies']} {g['start'] or 'undated'}"
                             f" | {g['summary']}")
            continue
        u = units[g2u[gi]]
        gset, uset = company_set(g["companies"], aliases), company_set(u.companies, aliases)
        t_ok, co_ok, d_ok = u.type == g["type"], gset == uset, date_ok(g, u)
        c["found"] += 1
        c["found_news"] += news
        c["type_ok"] += t_ok
        c["companies_ok"] += co_ok
        c["date_ok"] += d_ok
        c["dated_no_date"] += g["no_date_stated"] and u.dated
        c["fully_right"] += t_ok and co_ok and d_ok
        c["fully_right_news"] += news and t_ok and co_ok and d_ok
        res.jaccard_sum += len(gset & uset) / len(gset | uset) if gset | uset else 1.0
        if not (t_ok and co_ok and d_ok):
            res.lines.append(f"  PARTLY   {g['id']} gold {g['type']} {sorted(gset)} {g['start'] or 'undated'}/"
                             f"{g['precision']} | system {u.type} {sorted(uset)} {u.start or 'undated'}/{u.precision}"
                             f" | {g['summary']}")
    for ui, u in enumerate(units):
        c["units"] += 1
        c["units_undated"] += not u.dated
        if ui not in used:
            c["spurious"] += 1
            c["duplicates"] += ui in on_gold
            where = text[u.spans[0][0]:u.spans[0][1]].strip()[:90] if u.spans else ""
            res.lines.append(f"  SPURIOUS {u.event_id} {u.type} {u.companies} {u.start or 'undated'}"
                             f"{' (duplicate)' if ui in on_gold else ''} | {where}")
    return res


def units_from_contract(data: dict[str, Any], round2: bool = True) -> dict[str, list[Unit]]:
    """Split every system event into one unit per article (keyed by file name) it has sources in; with ``round2``
    (this gold's types) a v3 type is taken as the round-2 type it refines, else types are kept as written."""
    if data.get("schema") not in ("timeline-app/1", "timeline-app/2"):
        raise SystemExit(f"not a timeline-app/1 or /2 extraction (schema {data.get('schema')!r})")
    file_of = {d["id"]: Path(d["path"]).name for d in data["documents"]}
    out: dict[str, list[Unit]] = {}
    for e in data["events"]:
        by_file: dict[str, list[tuple[int, int]]] = {}
        for s in e.get("sources", []):
            by_file.setdefault(file_of.get(s["document"], "?"), []).append((s["start"], s["end"]))
        for f, spans in by_file.items():
            out.setdefault(f, []).append(Unit(e["id"], round2_type(e["type"]) if round2 else e["type"],
                                              list(e.get("companies", [])), e.get("start"), e.get("end"),
                                              e.get("precision"), spans))
    return out


def run_extractor(data: Path, files: list[str]) -> dict[str, Any]:
    exe = ROOT / ".venv" / "bin" / "timeline-app"
    cmd = [str(exe)] if exe.exists() else [shutil.which("timeline-app") or "timeline-app"]
    with tempfile.TemporaryDirectory() as tmp:
        (arts := Path(tmp) / "articles").mkdir()
        for f in files:
            shutil.copy(data / f, arts / f)
        out = Path(tmp) / "out.json"
        run = subprocess.run([*cmd, "extract", str(arts), "--output", str(out), "-q"], capture_output=True, text=True)
        if run.returncode:
            raise SystemExit(f"timeline-app extract failed ({run.returncode}):\n{run.stderr}")
        return dict(json.loads(out.read_text(encoding="utf-8")))


def rate(n: float, d: float) -> float | None:
    return round(n / d, 4) if d else None


def fmt(x: float | None) -> str:
    return "n/a" if x is None else f"{100 * x:.1f}%"


def summarise(scores: list[ArticleScore]) -> dict[str, Any]:
    tot = {k: sum(s.counts[k] for s in scores) for k in COUNTS}
    found = tot["found"]
    return {"counts": tot, "recall": rate(found, tot["gold"]),
            "precision": rate(found, found + tot["spurious"]),
            "type_accuracy": rate(tot["type_ok"], found), "company_set_accuracy": rate(tot["companies_ok"], found),
            "company_jaccard": rate(sum(s.jaccard_sum for s in scores), found),
            "date_accuracy": rate(tot["date_ok"], found),
            "system_undated_share": rate(tot["units_undated"], tot["units"]),
            "dated_where_no_date": tot["dated_no_date"], "fully_right": rate(tot["fully_right"], tot["gold"]),
            "fully_right_news": rate(tot["fully_right_news"], tot["gold_news"]),
            "recall_news": rate(tot["found_news"], tot["gold_news"])}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--data", type=Path, default=DEFAULT_DATA, help="folder with articles and events_gold.jsonl")
    ap.add_argument("--json", type=Path, help="score this timeline-app/2 (or /1) extraction instead of running the "
                                              "extractor")
    ap.add_argument("--json-report", type=Path, help="write the figures as JSON to this file")
    ap.add_argument("--verbose", "-v", action="store_true", help="list missed, partly right and spurious events")
    args = ap.parse_args(argv)
    gold = [json.loads(x) for x in (args.data / "events_gold.jsonl").read_text(encoding="utf-8").split("\n") if x]
    units = units_from_contract(json.loads(args.json.read_text("utf-8")) if args.json
                                else run_extractor(args.data, [g["file"] for g in gold]))
    scores = [score_article(g, (args.data / g["file"]).read_text(encoding="utf-8"), units.get(g["file"], []))
              for g in gold]
    print(f"{'article':<12}{'gold':>5}{'found':>6}{'miss':>5}{'spur':>5}{'type':>7}{'comp':>7}{'date':>7}{'undat':>7}{'full':>7}")
    for s in scores:
        k = s.counts
        print(f"{s.file:<12}{k['gold']:>5}{k['found']:>6}{k['missed']:>5}{k['spurious']:>5}"
              + "".join(f"{fmt(rate(k[n], k[d])):>7}" for n, d in (("type_ok", "found"), ("companies_ok", "found"),
                        ("date_ok", "found"), ("units_undated", "units"), ("fully_right", "gold"))))
        if args.verbose:
            print("\n".join(s.lines))
    summ = summarise(scores)
    t = summ["counts"]
    print(f"\n== event score ({args.data.name}) ==")
    print(f"gold events            {t['gold']} ({t['gold_news']} news, {t['gold'] - t['gold_news']} background)")
    print(f"found / missed         {t['found']} / {t['missed']}   recall {fmt(summ['recall'])}"
          f" (news {fmt(summ['recall_news'])})")
    print(f"system events (units)  {t['units']}   spurious {t['spurious']} (of which duplicates {t['duplicates']})"
          f"   precision {fmt(summ['precision'])}")
    print(f"type accuracy          {fmt(summ['type_accuracy'])} of found\n"
          f"company-set accuracy   {fmt(summ['company_set_accuracy'])} of found"
          f" (mean Jaccard {fmt(summ['company_jaccard'])})\n"
          f"date accuracy          {fmt(summ['date_accuracy'])} of found")
    print(f"system events undated  {fmt(summ['system_undated_share'])} ({t['units_undated']} of {t['units']})")
    print(f"dated, gold no date    {t['dated_no_date']}")
    print(f"fully right            {fmt(summ['fully_right'])} of gold ({t['fully_right']} of {t['gold']}); "
          f"news only {fmt(summ['fully_right_news'])} ({t['fully_right_news']} of {t['gold_news']})")
    if args.json_report:
        per_article = {s.file: {**s.counts, "jaccard_sum": round(s.jaccard_sum, 4)} for s in scores}
        report = {**summ, "articles": per_article}
        args.json_report.write_text(json.dumps(report, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
