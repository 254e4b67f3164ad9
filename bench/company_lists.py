"""How much of the labelled corpus's companies an installable company list knows, beside the knowledge base
(issue 20, item 4: "evaluate company lists that can be installed as packages").

A list is a JSON file of company names. To make one from a package without adding it to the project, install
it in a scratch environment, e.g. for pytickersymbols (MIT, 3.6 MB, the constituents of ~20 stock indices):

    python3 -m venv /tmp/lists && /tmp/lists/bin/pip install pytickersymbols
    /tmp/lists/bin/python -c "import json; from pytickersymbols import PyTickerSymbols as P; \\
        json.dump(sorted({s['name'] for s in P().get_all_stocks()}), open('/tmp/pyticker.json', 'w'))"

Run: .venv/bin/python bench/company_lists.py /tmp/pyticker.json [--splits dev train]
Names are compared as the workspace resolution compares them (legal forms, case, punctuation, "the" and a
possessive aside). The test split is left out unless asked for: it is scored only to report.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import unicodedata
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from timeline_app.core.extract.kb import load_kb
from timeline_app.core.resolve import strip_legal_form

GOLD = ROOT / "tests" / "data" / "wikinews-business" / "gold"


def main() -> None:
    ap = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    ap.add_argument("names", type=Path, help="a JSON list of company names")
    ap.add_argument("--splits", nargs="+", default=["dev", "train"])
    args = ap.parse_args()
    kb = load_kb()

    def key(name: str) -> str:
        n = unicodedata.normalize("NFKD", strip_legal_form(name, kb)).encode("ascii", "ignore").decode().lower()
        n = re.sub(r"^the\s+", "", re.sub(r"['’]s?$", "", n.strip()))
        return " ".join(w for w in re.split(r"[^a-z0-9&]+", n) if w)

    gold: set[str] = set()
    for split in args.splits:
        for line in (GOLD / f"{split}.jsonl").read_text(encoding="utf-8").splitlines():
            if line.strip():
                for ev in json.loads(line)["events"]:
                    gold.update(ev["companies"])
    listed = {key(n) for n in json.loads(args.names.read_text(encoding="utf-8"))}
    known = {key(a) for e in kb.entries.values() if e.kind == "company" for a in [e.name, *e.aliases]}
    in_list = {n for n in gold if key(n) in listed}
    in_kb = {n for n in gold if key(n) in known}
    print(f"gold company names ({'+'.join(args.splits)}): {len(gold)}; list: {len(listed)} names")
    print(f"  in the knowledge base: {len(in_kb)} ({100 * len(in_kb) / len(gold):.1f}%)")
    print(f"  in the list:           {len(in_list)} ({100 * len(in_list) / len(gold):.1f}%)")
    print(f"  in either:             {len(in_kb | in_list)} ({100 * len(in_kb | in_list) / len(gold):.1f}%)")
    print(f"  list only: {', '.join(sorted(in_list - in_kb))}")


if __name__ == "__main__":
    main()
