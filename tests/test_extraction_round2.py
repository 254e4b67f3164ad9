"""Issue 9 behaviours: names typed from their uses, news convention, senses and events per date."""

from __future__ import annotations

import datetime as dt

from timeline_app.core.extract.document import extract_document
from timeline_app.core.read.readers import RawArticle


def _events(text: str) -> tuple[list, dict]:
    r = extract_document(RawArticle("t.txt", text))
    return r.events, {e.name: e.kind for e in r.entities.values()}


def test_non_companies_stay_out_of_company_lanes() -> None:
    text = ("Quorvan Holdings buys Telmex rival\n\nMarch 4, 2009\n\n"
            "Quorvan Holdings has agreed to buy the telecom company Brenlo Networks for $2 billion, the 25th Infantry "
            "Division and the Trade Practices Commission said. Brenlo Networks' shares rose. "
            "The deal follows the Free Trade Agreement signed in Lima.")
    events, kinds = _events(text)
    companies = {c for e in events for c in e.companies}
    assert {"Quorvan Holdings", "Brenlo Networks"} <= companies  # never written without "Holdings"
    assert not companies & {"25th Infantry Division", "Trade Practices Commission", "Free Trade Agreement"}
    assert kinds.get("Trade Practices Commission") in (None, "organization")


def test_headline_and_lead_take_the_publication_date_background_does_not() -> None:
    text = ("Zentrix unveils new tablet\n\nMay 17, 2006\n\n"
            "Zentrix Corp. introduced the new Pallas tablet line. It also announced a supply deal with Orbek Inc. "
            "Zentrix was founded by two engineers.")
    events, _ = _events(text)
    launch = next(e for e in events if e.type == "launch")
    assert launch.start == dt.date(2006, 5, 17) and launch.precision == "day"
    assert len([e for e in events if e.type == "launch"]) == 1  # headline folded into the lead
    assert not any(e.type == "other" and e.start for e in events)  # undated history is not dated


def test_non_event_senses_and_one_event_per_date() -> None:
    text = ("Kestrel reports\n\nJune 2, 2010\n\n"
            "Regulators launched an investigation into Kestrel Inc. "
            "If Kestrel Inc. buys Dovetail Corp., prices could rise. "
            "Kestrel Inc. introduced the K1 in 1998 and the K2 in 2001.")
    events, _ = _events(text)
    assert not any(e.type == "launch" and not e.start for e in events)
    assert not any(e.type == "acquisition" for e in events)
    years = sorted(e.start.year for e in events if e.type == "launch" and e.start and e.precision == "year")
    assert years == [1998, 2001]
