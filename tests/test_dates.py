from __future__ import annotations

import datetime as dt

import pytest

from timeline_app.core.extract.timex.find import find_timexes
from timeline_app.core.read.clutter import find_clutter
from timeline_app.core.read.pubdate import find_publication_date

from .conftest import seed_text

D = dt.date


@pytest.mark.parametrize("prefix, expected", [
    ("000", D(2025, 11, 13)), ("001", D(2025, 11, 13)), ("002", D(2025, 6, 9)), ("003", None), ("004", None),
])
def test_seed_publication_dates(prefix: str, expected: dt.date | None) -> None:
    text = seed_text(prefix)
    pub = find_publication_date(text, find_clutter(text))
    assert pub.date == expected
    if expected is None:
        assert pub.source.startswith("none")


def test_day_month_ambiguity_uses_weekday() -> None:
    text = "Daily News 03-02-2025\nThe firm said on Monday that sales rose."
    # 3 Feb 2025 is a Monday; 2 March 2025 is a Sunday.
    pub = find_publication_date(text, [])
    assert pub.date == D(2025, 2, 3) and "Monday" in pub.source and pub.confidence >= 0.9
    text2 = "Daily News 03-02-2025\nThe firm said on Sunday that sales rose."
    assert find_publication_date(text2, []).date == D(2025, 3, 2)


def test_ambiguity_without_evidence_is_marked_unsure() -> None:
    pub = find_publication_date("Herald 04-05-2024\nNothing else here.", [])
    assert pub.date == D(2024, 5, 4) and pub.confidence <= 0.5 and "ambiguous" in pub.source


def test_field_date_wins() -> None:
    assert find_publication_date("text", [], field="2024-02-29T08:00:00Z").date == D(2024, 2, 29)


def values(text: str, anchor: dt.date | None) -> dict[str, str]:
    return {t.text: t.value for t in find_timexes(text, anchor)}


def test_relative_expressions() -> None:
    a = D(2025, 11, 13)  # a Thursday
    v = values("The chairman visited on Thursday. He met them about 20 months ago. Sales fell last month. "
               "The plant opened earlier this year. It will launch in the second half of this year. "
               "Kia launched the PV5 on the 10th. They met in March. Talks were held 3 months ago. "
               "The firm has grown since 2020 and aims to list by 2026. Output rose later in the day.", a)
    assert v["Thursday"] == "2025-11-13"
    assert v["about 20 months ago"] == "2024-03"
    assert v["last month"] == "2025-10"
    assert v["earlier this year"] == "2025"
    assert v["the second half of this year"] == "2025-H2"
    assert v["the 10th"] == "2025-11-10"
    assert v["March"] == "2025-03"
    assert v["3 months ago"] == "2025-08"
    assert v["2020"] == "2020" and v["2026"] == "2026"
    assert v["later in the day"] == "2025-11-13"


def test_future_weekday_and_span() -> None:
    a = D(2025, 11, 11)  # Tuesday
    tx = find_timexes("The CEO will visit Seoul on Thursday and supply batteries over the next six years.", a)
    by = {t.text: t for t in tx}
    assert by["Thursday"].value == "2025-11-13"
    six = by["the next six years"]
    assert six.value == "P6Y" and six.interval == (a, D(2031, 11, 11), "year")


def test_unresolved_without_anchor() -> None:
    tx = {t.text: t for t in find_timexes("Talks began last month; a deal was signed on 5 March 2024.", None)}
    assert tx["last month"].interval is None
    assert tx["5 March 2024"].value == "2024-03-05"


def test_precisions() -> None:
    by = {t.text: t for t in find_timexes("Profit in Q2 2025 and the first quarter of 2024; in 2023; "
                                          "on March 3, 2022; in June 2021.", None)}
    assert by["Q2 2025"].precision == "quarter"
    assert by["the first quarter of 2024"].value == "2024-Q1"
    assert by["2023"].precision == "year"
    assert by["March 3, 2022"].precision == "day"
    assert by["June 2021"].precision == "month"


def test_seed_clutter_found() -> None:
    text = seed_text("004")
    spans = find_clutter(text)
    heads = [c for c in spans if c.reason == "list of headlines"]
    assert heads and "China Manufacturing PMI" in text[heads[0].start:heads[0].end]
    assert "Micron to Buy Powerchip" in text[heads[0].start:heads[0].end]
    text2 = seed_text("002")
    tail = [c for c in find_clutter(text2) if c.reason.startswith("page section")]
    assert tail and text2[tail[0].start:].lstrip().startswith("Orange background")
    assert "(Yonhap)" not in text2[tail[0].start:]


def test_business_time_expressions() -> None:
    """Year ranges, fiscal years with a start month, zoned clock times, sets, comparative periods (issue 9)."""
    import datetime as dt

    anchor = dt.date(2024, 6, 10)

    def one(text: str) -> tuple[str, str, tuple[dt.date, dt.date, str] | None]:
        tx = find_timexes(text, anchor)
        assert len(tx) == 1, (text, tx)
        return tx[0].type, tx[0].value, tx[0].interval

    assert one("the 2023-24 season")[2] == (dt.date(2023, 1, 1), dt.date(2024, 12, 31), "year")
    assert one("sales in fiscal 2023/24")[1] == "FY2024"
    assert one("the fiscal year beginning in April 2024")[2] == (dt.date(2024, 4, 1), dt.date(2025, 3, 31), "year")
    assert one("the vote closes at 14:00 UTC")[1] == "2024-06-10T14:00Z"
    assert one("dividends paid every quarter")[0] == "SET"
    assert one("profit was lower a year earlier")[1] == "2023"
    assert one("against the same quarter last year")[1] == "2023-Q2"
    assert one("shares fell 3% on the day")[1] == "2024-06-10"
