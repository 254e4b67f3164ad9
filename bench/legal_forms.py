"""Legal forms: the knowledge base's hand list of corporate suffixes against the ``cleanco`` package, on invented
company names written with the legal forms of many countries (and names that must stay as they are).

Prints, for each method, the share of names reduced to the expected name, and the names each gets wrong.
Run: .venv/bin/python bench/legal_forms.py   (cleanco is optional: without it only the hand list is scored)
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from timeline_app.core.extract.kb import load_kb
from timeline_app.core.resolve import _strip_legal, strip_legal_form

# (written name, expected name): invented companies; the legal forms are those of the US, UK, Germany, France,
# Italy, Spain, the Netherlands, the Nordics, Japan, Australia, Indonesia, Malaysia, Singapore, Latin America.
CASES = [tuple(x.strip() for x in line.split(" | ")) for line in """
Halvard Air Lines, Inc. | Halvard Air Lines
Quenzel Foods GmbH | Quenzel Foods
Brisco S.p.A. | Brisco
Tamsin Dairy Ltd | Tamsin Dairy
Tamsin Dairy Ltd. | Tamsin Dairy
Orvane plc | Orvane
Orvane PLC | Orvane
Zentriq LTD | Zentriq
Kestrel Freight LLC | Kestrel Freight
Marlowe Corp. | Marlowe
Marlowe Corp | Marlowe
Pellworth Systems Corporation | Pellworth Systems
Fennimore & Saltash Limited | Fennimore & Saltash
Lindqvist Haulage AB | Lindqvist Haulage
Vantor Oyj | Vantor
Brakvor ASA | Brakvor
Norrland Shipping A/S | Norrland Shipping
Ardent Holding B.V. | Ardent Holding
Ardent N.V. | Ardent
Cheng Vallis Co., Ltd. | Cheng Vallis
Cheng Vallis Co. Ltd. | Cheng Vallis
Quillon K.K. | Quillon
Stallworth Security Pty Ltd | Stallworth Security
Stallworth Security Pty | Stallworth Security
Telvara Indonesia Tbk | Telvara Indonesia
Meranti Resources Sdn Bhd | Meranti Resources
Harbourline Pte Ltd | Harbourline
Sanvio S.A. de C.V. | Sanvio
Sanvio Ltda | Sanvio
Renvale S.A.S. | Renvale
Renvale SA | Renvale
Renvale S.A. | Renvale
Castellan S.L. | Castellan
Oberholt KGaA | Oberholt
Oberholt SE | Oberholt
Oberholt AG | Oberholt
Pike & Mossgrove LLP | Pike & Mossgrove
Brannock Motor Company | Brannock Motor
Brannock Group | Brannock Group
Tessaly Mining Holdings | Tessaly Mining Holdings
Quorvex Bros. | Quorvex Bros.
Marlowe's | Marlowe's
Halvard | Halvard
The Company | The Company
Corp Rovan | Corp Rovan
Co-op Harvest | Co-op Harvest
Inc Digital | Inc Digital
""".strip().splitlines()]


def score(name: str, strip: Callable[[str], str]) -> None:
    wrong = [(n, got, want) for n, want in CASES if (got := strip(n)) != want]
    print(f"{name:32s} {len(CASES) - len(wrong)}/{len(CASES)} right")
    for n, got, want in wrong:
        print(f"    {n!r} -> {got!r} (expected {want!r})")


def main() -> None:
    kb = load_kb()
    score("hand list (KB corporate_suffixes)", lambda n: _strip_legal(n, kb, lone=True))
    try:
        from cleanco import basename
    except ImportError:
        print("cleanco is not installed")
    else:
        score("cleanco.basename", basename)
    score("resolve.strip_legal_form (both)", lambda n: strip_legal_form(n, kb))



if __name__ == "__main__":
    main()
