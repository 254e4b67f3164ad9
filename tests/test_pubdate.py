"""Publication dates from metadata fields: a UTC timestamp gives the local date the page shows."""

from __future__ import annotations

import datetime as dt

from timeline_app.core.read.pubdate import date_shown_for, find_publication_date

D = dt.date
BODY = "Acme Batteries said on Friday it would build a second plant in Ohio, doubling its output by 2027."


def test_utc_timestamp_late_in_the_day_gives_the_next_day_the_page_shows() -> None:
    text = f"Seoul Daily\nNovember 14, 2025\n{BODY}"
    pub = find_publication_date(text, [], field="2025-11-13T23:30:00Z")
    assert pub.date == D(2025, 11, 14) and "local date" in pub.source and pub.confidence == 1.0


def test_utc_timestamp_early_in_the_day_gives_the_previous_day_the_page_shows() -> None:
    text = f"Posted 11/12/2025 9:00 PM EST\n{BODY}"
    assert find_publication_date(text, [], field="2025-11-13T02:00:00+00:00").date == D(2025, 11, 12)


def test_utc_timestamp_without_a_shown_date_keeps_its_utc_day() -> None:
    assert find_publication_date(BODY, [], field="2025-11-13T23:30:00Z").date == D(2025, 11, 13)
    # a day the timestamp cannot fall on anywhere is not taken
    text = f"November 16, 2025\n{BODY}"
    assert find_publication_date(text, [], field="2025-11-13T23:30:00Z").date == D(2025, 11, 13)


def test_page_showing_the_utc_day_keeps_it() -> None:
    text = f"November 13, 2025\n{BODY}"
    assert date_shown_for("2025-11-13T23:30:00Z", text) == (D(2025, 11, 13), "")


def test_timestamps_with_a_local_offset_keep_their_own_day() -> None:
    text = f"November 14, 2025\n{BODY}"
    assert date_shown_for("2025-11-13T18:30:00-05:00", text) is None
    assert find_publication_date(text, [], field="2025-11-13T18:30:00-05:00").date == D(2025, 11, 13)
