"""Count the failure classes of issue 9 on the Apple dev set from bench/event_score.py's verdicts.

Run: .venv/bin/python bench/failure_classes.py OUT.json [BASELINE.json]   (timeline-app/2 or /1 extractions of the
30 articles in tests/data/meantime-apple). Classes, as counted here:
  1 non-event sense        system events matching no gold event (not duplicates)
  2 wrong company in set   found events whose company set has a name the gold does not list
  3 lead/continuation date found events the gold dates by news convention or inheritance, left undated
  4 merged away            gold events missed although a system event covers their evidence sentence
  5 counterparty dropped   found events missing a company the gold lists
  7 time expression        found events dated from the text (explicit/relative) with a wrong date
  -  missed outright       gold events with no system event on their evidence
"""

from __future__ import annotations

import ast
import json
import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "tests" / "data" / "meantime-apple"
LINE = re.compile(r"^\s+(PARTLY|MISSED|SPURIOUS|RIGHT|OK|FULL\w*)\s+(\S+)\s+(.*)$")


def verdicts(out_json: str) -> list[tuple[str, str, str]]:
    proc = subprocess.run([sys.executable, str(ROOT / "bench" / "event_score.py"), "--json", out_json, "--verbose"],
                          capture_output=True, text=True, check=True)
    return [(m[1], m[2], m[3]) for line in proc.stdout.splitlines() if (m := LINE.match(line))]


def covered_evidence(out_json: str) -> set[str]:
    """Gold event ids whose evidence sentence overlaps a source span of some system event."""
    data = json.loads(Path(out_json).read_text(encoding="utf-8"))
    spans: dict[str, list[tuple[int, int]]] = {}
    for doc in data["documents"]:
        name = Path(doc["path"]).name
        spans[name] = [(s["start"], s["end"]) for e in data["events"] for s in e["sources"]
                       if s["document"] == doc["id"]]
    out = set()
    for line in (DATA / "events_gold.jsonl").read_text(encoding="utf-8").splitlines():
        art = json.loads(line)
        text = (DATA / art["file"]).read_text(encoding="utf-8")
        for ev in art["events"]:
            for sent in [ev["evidence"], *ev.get("also_evidence", [])]:
                i = text.find(sent)
                if i >= 0 and any(a < i + len(sent) and i < b for a, b in spans.get(art["file"], [])):
                    out.add(ev["id"])
    return out


def count(out_json: str) -> dict[str, int]:
    gold = {ev["id"]: ev for line in (DATA / "events_gold.jsonl").read_text(encoding="utf-8").splitlines()
            for ev in json.loads(line)["events"]}
    covered = covered_evidence(out_json)
    c = dict.fromkeys(["1 non-event sense", "2 wrong company in set", "3 lead/continuation undated",
                       "4 merged away", "5 counterparty dropped", "7 time expression", "- missed outright"], 0)
    for verdict, ident, rest in verdicts(out_json):
        if verdict == "SPURIOUS":
            c["1 non-event sense"] += "(duplicate)" not in rest
            continue
        if verdict == "MISSED":
            c["4 merged away" if ident in covered else "- missed outright"] += 1
            continue
        if verdict != "PARTLY":
            continue
        m = re.match(r"gold (\w+) (\[.*?\]) (\S+) \| system (\w+) (\[.*?\]) (\S+) \|", rest)
        if not m:
            continue
        g_comp, s_comp = set(ast.literal_eval(m[2])), set(ast.literal_eval(m[5]))
        if s_comp - g_comp:
            c["2 wrong company in set"] += 1
        if g_comp - s_comp:
            c["5 counterparty dropped"] += 1
        g_date, s_date = m[3].split("/")[0], m[6].split("/")[0]
        basis = gold.get(ident, {}).get("date_basis")
        if s_date == "undated" and g_date != "undated" and basis in ("dct_convention", "inherited"):
            c["3 lead/continuation undated"] += 1
        elif g_date != s_date and basis in ("explicit", "relative", "deadline"):
            c["7 time expression"] += 1
    return c


def main() -> None:
    runs = [count(a) for a in sys.argv[1:3]]
    keys = list(runs[0])
    heads = ["now"] if len(runs) == 1 else ["now", "baseline"]
    print(f"{'class':32} " + " ".join(f"{h:>9}" for h in heads))
    for k in keys:
        print(f"{k:32} " + " ".join(f"{r[k]:>9}" for r in runs))


if __name__ == "__main__":
    main()
