"""Score extracted business events against a v3 gold split of the labelled Wikinews business corpus (issue 19).

The gold is ``tests/data/wikinews-business/gold/{train,dev,test}.jsonl`` (record format and rules:
tests/data/LABELLING.md); its types are the 37 types of ``resources/taxonomy.json`` in 12 families. The system's
events come from a ``timeline-app/1`` extraction given with ``--system``, or from running ``timeline-app extract``
(the default knowledge base and settings, as bench/event_score.py does) on the split's articles.

Matching is bench/event_score.py's, reused: each system event is split into one unit per article it has sources
in; a unit is a candidate for a gold event when one of its source spans overlaps the gold event's evidence or
also_evidence sentences; pairs are taken greedily, best first (same type, then same family, same date, same
companies, overlap with the main evidence sentence, number of evidence sentences hit). Companies compare as
canonical names (the article's aliases, no legal suffix, no leading "the"). One step is added to event_score.py's:
a system company whose own name is none of the article's gold names counts as the gold company that one of its
knowledge-base aliases names (from the extraction's ``entities``: the system's "Walmart", alias "Wal-Mart Stores",
is the gold's "Wal-Mart Stores"); the company-set accuracy without that step (gold aliases only) is printed too.
Dates compare by start and precision, a gold deadline by any interval inside its window; an event the gold gives
no date must be undated. Fully right = type, companies and date all right.

System types that are not v3 ids (the round-2 extractor's nine types) are mapped to v3 by ``OLD_TO_V3``
(investment → acquisition, supply → contract, ...). Family-level figures count a type right when the system
type's family (after mapping) is the gold type's family: an ``investment`` event on a gold ``stake`` is right at
family level (both deals), wrong at type level.

The TEST split is frozen: score it only to report a change, never to choose a rule, a feature or a model.

Run: .venv/bin/python bench/score_v3.py [--split dev|test|train | --gold FILE.jsonl] [--system FILE.json]
                                        [--json OUT.json] [--save-system FILE.json] [--verbose]
"""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))

import event_score as es

CORPUS = ROOT / "tests" / "data" / "wikinews-business"
TAXONOMY = ROOT / "resources" / "taxonomy.json"
SPLITS = ("train", "dev", "test")
#: Round-2 system type → v3 type, used when a system type is not a v3 id.
OLD_TO_V3 = {
    "supply": "contract",
    "financial": "results",
    "appointment": "leadership",
    "investment": "acquisition",
    "meeting": "meeting",
    "launch": "launch",
    "partnership": "partnership",
    "plan": "plan",
    "other": "other",
}
#: Types that are not specific: the "share with a specific type" counts the others.
GENERIC = ("other", "plan")


@dataclass(frozen=True)
class Taxonomy:
    """The v3 types: each type's family, and the families in the taxonomy's order."""
    family_of: dict[str, str]
    families: tuple[str, ...]
    labels: dict[str, str]


def load_taxonomy(path: Path = TAXONOMY) -> Taxonomy:
    tax = json.loads(path.read_text(encoding="utf-8"))
    family_of = {t["id"]: f["id"] for f in tax["families"] for t in f["types"]}
    return Taxonomy(family_of, tuple(f["id"] for f in tax["families"]), {f["id"]: f["label"] for f in tax["families"]})


def v3_type(system_type: str, tax: Taxonomy) -> str:
    """The system's type as a v3 type: itself when it is a v3 id, else its round-2 mapping (unknown: unchanged)."""
    if system_type in tax.family_of:
        return system_type
    return OLD_TO_V3.get(system_type, system_type)


@dataclass
class GoldOutcome:
    """What became of one gold event."""
    id: str
    type: str
    family: str
    background: bool
    no_date: bool
    matched: bool = False
    system_type: str | None = None  # the matched unit's v3 type
    type_ok: bool = False
    family_ok: bool = False
    companies_ok: bool = False
    companies_ok_strict: bool = False  # with the gold's aliases only (event_score.py's test)
    date_ok: bool = False
    dated_no_date: bool = False  # gold states no date, the matched unit has one
    jaccard: float = 0.0
    gold_companies: int = 0  # the gold event's companies, and how many of them the matched unit names
    companies_present: int = 0

    @property
    def fully_right(self) -> bool:
        return self.type_ok and self.companies_ok and self.date_ok

    @property
    def fully_right_family(self) -> bool:
        return self.family_ok and self.companies_ok and self.date_ok


@dataclass
class UnitOutcome:
    """What became of one system unit (one system event in one article)."""
    event_id: str
    raw_type: str
    type: str  # v3
    family: str | None
    dated: bool
    matched: bool = False
    duplicate: bool = False  # unmatched but on the evidence of a gold event already matched


@dataclass
class ArticleResult:
    file: str
    golds: list[GoldOutcome] = field(default_factory=list)
    units: list[UnitOutcome] = field(default_factory=list)
    lines: list[str] = field(default_factory=list)


def system_names(extraction: dict[str, Any]) -> dict[str, list[str]]:
    """Each company name the extraction uses → its other names (the knowledge base's aliases it exported)."""
    return {e["name"]: list(e.get("aliases") or []) for e in extraction.get("entities", []) if e.get("name")}


def system_company_set(names: list[str], gold_rec: dict[str, Any], other_names: dict[str, list[str]]) -> frozenset[str]:
    """A system company set in the gold's canonical names: a name of the article's gold (a company of its events or
    an alias) maps to its canonical; else the first of the company's other names that does; else the name itself."""
    aliases: dict[str, list[str]] = gold_rec.get("aliases", {})
    table = {es.norm_name(c): es.norm_name(c) for g in gold_rec["events"] for c in g["companies"]}
    table.update({es.norm_name(a): es.norm_name(c) for c, al in aliases.items() for a in [c, *al]})
    out = set()
    for n in names:
        keys = [es.norm_name(x) for x in [n, *other_names.get(n, [])]]
        out.add(next((table[k] for k in keys if k in table), es.norm_name(n)))
    return frozenset(out)


def align(golds: list[dict[str, Any]], text: str, units: list[es.Unit], aliases: dict[str, list[str]],
          tax: Taxonomy, usets: list[frozenset[str]] | None = None) -> tuple[dict[int, int], set[int]]:
    """Greedy one-to-one pairing of gold events and system units of one article, best pair first.

    ``usets`` are the units' company sets in the gold's canonical names (default: through the gold aliases only).
    Returns gold index → unit index, and the units that overlap some gold evidence (matched or not)."""
    if usets is None:
        usets = [es.company_set(u.companies, aliases) for u in units]
    ev_spans = [es.evidence_spans(text, [g["evidence"], *g.get("also_evidence", [])]) for g in golds]
    pairs = []
    for gi, g in enumerate(golds):
        gcos = es.company_set(g["companies"], aliases)
        for ui, u in enumerate(units):
            hits = [sp for sp in ev_spans[gi] if any(es.overlaps(sp, x) for x in u.spans)]
            if hits:
                ut = v3_type(u.type, tax)
                key = (ut == g["type"], tax.family_of.get(ut) == tax.family_of.get(g["type"]), es.date_ok(g, u),
                       usets[ui] == gcos, ev_spans[gi][0] in hits, len(hits))
                pairs.append((key, gi, ui))
    pairs.sort(key=lambda p: p[0], reverse=True)
    g2u: dict[int, int] = {}
    used: set[int] = set()
    for _, gi, ui in pairs:
        if gi not in g2u and ui not in used:
            g2u[gi] = ui
            used.add(ui)
    return g2u, {ui for _, _, ui in pairs}


def score_article(gold_rec: dict[str, Any], text: str, units: list[es.Unit], tax: Taxonomy,
                  other_names: dict[str, list[str]] | None = None) -> ArticleResult:
    """Align the system units of one article to its v3 gold events and judge every pair.

    ``other_names``: the system's company name → its other names (see ``system_names``)."""
    res = ArticleResult(gold_rec["file"])
    aliases = gold_rec.get("aliases", {})
    golds = gold_rec["events"]
    usets = [system_company_set(u.companies, gold_rec, other_names or {}) for u in units]
    g2u, on_gold = align(golds, text, units, aliases, tax, usets)
    for gi, g in enumerate(golds):
        out = GoldOutcome(g["id"], g["type"], tax.family_of.get(g["type"], "?"), bool(g.get("background")),
                          bool(g["no_date_stated"]))
        res.golds.append(out)
        if gi not in g2u:
            res.lines.append(f"  MISSED   {g['id']} {g['type']} {g['companies']} {g['start'] or 'undated'}"
                             f" | {g['title']}")
            continue
        u = units[g2u[gi]]
        ut = v3_type(u.type, tax)
        gset, uset = es.company_set(g["companies"], aliases), usets[g2u[gi]]
        out.matched, out.system_type = True, ut
        out.type_ok = ut == g["type"]
        out.family_ok = tax.family_of.get(ut) == out.family
        out.companies_ok = gset == uset
        out.companies_ok_strict = gset == es.company_set(u.companies, aliases)
        out.date_ok = es.date_ok(g, u)
        out.dated_no_date = out.no_date and u.dated
        out.jaccard = len(gset & uset) / len(gset | uset) if gset | uset else 1.0
        out.gold_companies, out.companies_present = len(gset), len(gset & uset)
        if not out.fully_right:
            res.lines.append(f"  PARTLY   {g['id']} gold {g['type']} {sorted(gset)} {g['start'] or 'undated'}/"
                             f"{g['precision']} | system {u.type}→{ut} {sorted(uset)} {u.start or 'undated'}/"
                             f"{u.precision} | {g['title']}")
    matched_units = set(g2u.values())
    for ui, u in enumerate(units):
        ut = v3_type(u.type, tax)
        uo = UnitOutcome(u.event_id, u.type, ut, tax.family_of.get(ut), u.dated, ui in matched_units)
        uo.duplicate = not uo.matched and ui in on_gold
        res.units.append(uo)
        if not uo.matched:
            where = text[u.spans[0][0]:u.spans[0][1]].strip()[:90] if u.spans else ""
            res.lines.append(f"  SPURIOUS {u.event_id} {u.type}→{ut} {u.companies} {u.start or 'undated'}"
                             f"{' (duplicate)' if uo.duplicate else ''} | {where}")
    return res


def _rate(n: float, d: float) -> float | None:
    return round(n / d, 4) if d else None


def summarise(results: list[ArticleResult], tax: Taxonomy) -> dict[str, Any]:
    """The figures of a split: overall, news only (gold not background), per family and per gold type."""
    golds = [g for r in results for g in r.golds]
    units = [u for r in results for u in r.units]
    found = [g for g in golds if g.matched]
    news = [g for g in golds if not g.background]
    n_found = len(found)
    out: dict[str, Any] = {
        "articles": len(results),
        "gold": len(golds), "gold_news": len(news), "system": len(units), "matched": n_found,
        "missed": len(golds) - n_found, "spurious": sum(not u.matched for u in units),
        "duplicates": sum(u.duplicate for u in units),
        "recall": _rate(n_found, len(golds)), "precision": _rate(sum(u.matched for u in units), len(units)),
        "type_accuracy": _rate(sum(g.type_ok for g in found), n_found),
        "family_accuracy": _rate(sum(g.family_ok for g in found), n_found),
        "company_set_accuracy": _rate(sum(g.companies_ok for g in found), n_found),
        "company_set_accuracy_gold_aliases_only": _rate(sum(g.companies_ok_strict for g in found), n_found),
        "company_jaccard": _rate(sum(g.jaccard for g in found), n_found),
        # counterparty recall: the gold companies of the found events that the system event names (issue 20)
        "counterparty_recall": _rate(sum(g.companies_present for g in found), sum(g.gold_companies for g in found)),
        "date_accuracy": _rate(sum(g.date_ok for g in found), n_found),
        "fully_right": _rate(sum(g.fully_right for g in golds), len(golds)),
        "fully_right_count": sum(g.fully_right for g in golds),
        "fully_right_family": _rate(sum(g.fully_right_family for g in golds), len(golds)),
        "fully_right_family_count": sum(g.fully_right_family for g in golds),
        "recall_news": _rate(sum(g.matched for g in news), len(news)),
        "fully_right_news": _rate(sum(g.fully_right for g in news), len(news)),
        "system_undated": sum(not u.dated for u in units),
        "system_undated_share": _rate(sum(not u.dated for u in units), len(units)),
        "dated_where_no_date": sum(g.dated_no_date for g in golds),
        "gold_no_date": sum(g.no_date for g in golds),
        "gold_specific_share": _rate(sum(g.type not in GENERIC for g in golds), len(golds)),
        "system_specific_share": _rate(sum(u.type not in GENERIC for u in units), len(units)),
    }
    fams: dict[str, dict[str, Any]] = {}
    for f in tax.families:
        fg = [g for g in golds if g.family == f]
        ff = [g for g in fg if g.matched]
        fams[f] = {"gold": len(fg), "system": sum(u.family == f for u in units), "matched": len(ff),
                   "recall": _rate(len(ff), len(fg)),
                   "type_accuracy": _rate(sum(g.type_ok for g in ff), len(ff)),
                   "fully_right": _rate(sum(g.fully_right for g in fg), len(fg)),
                   "fully_right_family": _rate(sum(g.fully_right_family for g in fg), len(fg))}
    out["families"] = fams
    types: dict[str, dict[str, int]] = {}
    for g in golds:
        t = types.setdefault(g.type, {"gold": 0, "matched": 0, "type_ok": 0, "fully_right": 0})
        t["gold"] += 1
        t["matched"] += g.matched
        t["type_ok"] += g.type_ok
        t["fully_right"] += g.fully_right
    out["gold_types"] = dict(sorted(types.items(), key=lambda kv: (-kv[1]["gold"], kv[0])))
    mapped: dict[str, int] = {}
    for u in units:
        k = u.raw_type if u.raw_type == u.type else f"{u.raw_type}->{u.type}"
        mapped[k] = mapped.get(k, 0) + 1
    out["system_types"] = dict(sorted(mapped.items(), key=lambda kv: (-kv[1], kv[0])))
    return out


def load_gold(corpus: Path, split: str) -> list[dict[str, Any]]:
    lines = (corpus / "gold" / f"{split}.jsonl").read_text(encoding="utf-8").splitlines()
    return [json.loads(x) for x in lines if x.strip()]


def score_split(gold: list[dict[str, Any]], articles: Path, extraction: dict[str, Any],
                tax: Taxonomy) -> list[ArticleResult]:
    units, names = es.units_from_contract(extraction, round2=False), system_names(extraction)
    return [score_article(g, (articles / g["file"]).read_text(encoding="utf-8"), units.get(g["file"], []), tax, names)
            for g in gold]


def _pct(x: float | None) -> str:
    return "n/a" if x is None else f"{100 * x:.1f}%"


def report(summ: dict[str, Any], split: str, tax: Taxonomy) -> str:
    s = summ
    name = split if split.endswith(".jsonl") else f"wikinews-business {split}"
    lines = [
        f"== v3 event score: {name} ({s['articles']} articles) ==",
        f"gold events              {s['gold']} ({s['gold_news']} news, {s['gold'] - s['gold_news']} background;"
        f" {s['gold_no_date']} with no date stated)",
        f"system events (units)    {s['system']}",
        f"matched                  {s['matched']}   missed {s['missed']}   spurious {s['spurious']}"
        f" (of which duplicates {s['duplicates']})",
        f"recall                   {_pct(s['recall'])}  (news {_pct(s['recall_news'])})",
        f"precision                {_pct(s['precision'])}",
        f"of matched: type         {_pct(s['type_accuracy'])}   family {_pct(s['family_accuracy'])}",
        f"            company set  {_pct(s['company_set_accuracy'])}   (mean Jaccard {_pct(s['company_jaccard'])};"
        f" gold aliases only {_pct(s['company_set_accuracy_gold_aliases_only'])})",
        f"            counterparty recall {_pct(s['counterparty_recall'])} (gold companies named by the found event)",
        f"            date         {_pct(s['date_accuracy'])}",
        f"fully right              {_pct(s['fully_right'])} of gold ({s['fully_right_count']} of {s['gold']});"
        f" news only {_pct(s['fully_right_news'])}",
        f"fully right, family      {_pct(s['fully_right_family'])} of gold ({s['fully_right_family_count']} of"
        f" {s['gold']}): family + companies + date",
        f"system events undated    {_pct(s['system_undated_share'])} ({s['system_undated']} of {s['system']})",
        f"dated, gold no date      {s['dated_where_no_date']}",
        f"specific type (not {'/'.join(GENERIC)})  gold {_pct(s['gold_specific_share'])}"
        f"   system {_pct(s['system_specific_share'])}",
        "system types             " + ", ".join(f"{k} {v}" for k, v in s["system_types"].items()),
        "",
        f"{'family':<20}{'gold':>5}{'sys':>5}{'match':>6}{'recall':>8}{'type':>8}{'fully':>8}{'fam.fully':>10}",
    ]
    for f in tax.families:
        r = s["families"][f]
        lines.append(f"{tax.labels[f]:<20}{r['gold']:>5}{r['system']:>5}{r['matched']:>6}{_pct(r['recall']):>8}"
                     f"{_pct(r['type_accuracy']):>8}{_pct(r['fully_right']):>8}{_pct(r['fully_right_family']):>10}")
    lines.append(f"{'all':<20}{s['gold']:>5}{s['system']:>5}{s['matched']:>6}{_pct(s['recall']):>8}"
                 f"{_pct(s['type_accuracy']):>8}{_pct(s['fully_right']):>8}{_pct(s['fully_right_family']):>10}")
    lines.append("(type: exact v3 type of the matched; fully: type + companies + date, % of gold;"
                 " fam.fully: family + companies + date)")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    ap.add_argument("--split", choices=SPLITS, default="dev", help="gold split (default dev; test: report only)")
    ap.add_argument("--system", type=Path, help="score this timeline-app/1 extraction instead of running the extractor")
    ap.add_argument("--save-system", type=Path, help="keep the extraction made here in this file")
    ap.add_argument("--json", type=Path, help="write the figures as JSON to this file")
    ap.add_argument("--corpus", type=Path, default=CORPUS, help="corpus folder with gold/ and articles/")
    ap.add_argument("--gold", type=Path, help="score against this gold file (JSON lines, the same records) instead "
                    "of a split, e.g. tests/data/meantime-apple/events_gold_v3.jsonl (articles beside it)")
    ap.add_argument("--verbose", "-v", action="store_true", help="list missed, partly right and spurious events")
    args = ap.parse_args(argv)
    tax = load_taxonomy()
    if args.gold:
        gold = [json.loads(x) for x in args.gold.read_text(encoding="utf-8").splitlines() if x.strip()]
        articles = args.gold.parent
        args.split = args.gold.name
    else:
        gold = load_gold(args.corpus, args.split)
        articles = args.corpus / "articles"
    if args.system:
        extraction = json.loads(args.system.read_text(encoding="utf-8"))
    else:
        extraction = es.run_extractor(articles, [g["file"] for g in gold])
        if args.save_system:
            args.save_system.write_text(json.dumps(extraction), encoding="utf-8")
    results = score_split(gold, articles, extraction, tax)
    if args.verbose:
        for r in results:
            if r.lines:
                print(r.file)
                print("\n".join(r.lines))
        print()
    summ = summarise(results, tax)
    print(report(summ, args.split, tax))
    if args.json:
        summ = {"split": args.split, "system_file": str(args.system) if args.system else None, **summ,
                "mapping": OLD_TO_V3}
        args.json.write_text(json.dumps(summ, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
