"""Issue 9, time expressions: periods ending on a date, anaphoric years, bounds, passives after a modal and
days relative to another event. Sentences are invented for the tests."""

from __future__ import annotations

import datetime as dt

from timeline_app.core.extract.timex.find import find_timexes, local_tense

D = dt.date


def values(text: str, anchor: dt.date | None) -> dict[str, str]:
    return {t.text: t.value for t in find_timexes(text, anchor)}


def test_period_ended_on_a_date_is_that_period() -> None:
    v = values("Norvell posted a profit for the quarter that ended September 29, 2012, and for the fiscal year "
               "ended June 30, 2012. Revenue for the six months ended March 31 fell.", D(2012, 10, 20))
    assert v["the quarter"] == "2012-Q3"
    assert v["the fiscal year"] == "2011-07/2012-06"
    assert v["the six months"] == "2012-H1"
    assert v["September 29, 2012"] == "2012-09-29"  # the end date itself is still a time expression
    [fy] = [t for t in find_timexes("Sales for the fiscal year ended June 30, 2012 rose.", D(2012, 8, 1))
            if t.text == "the fiscal year"]
    assert fy.interval == (D(2011, 7, 1), D(2012, 6, 30), "year")


def test_last_fiscal_quarter_is_the_previous_quarter() -> None:
    v = values("In the last fiscal quarter, tablet sales rose 9 percent.", D(2013, 2, 14))
    assert v["the last fiscal quarter"] == "2012-Q4"


def test_following_and_previous_year_count_from_the_last_explicit_year() -> None:
    text = ("Brandt opened its first store in 1994 and the following year it listed in Frankfurt. "
            "It was sold in May 2003. Two years later the buyer split it, and later that year a rival bought a "
            "part. Next year the group plans a new plant.")
    v = values(text, D(2020, 3, 1))
    assert v["the following year"] == "1995"
    assert v["Two years later"] == "2005"
    assert v["later that year"] == "2005"
    assert v["Next year"] == "2021"  # deictic: still from the publication date


def test_anaphoric_year_without_a_reference_stays_on_the_publication_date() -> None:
    assert values("Profit rose from the previous year.", D(2020, 3, 1))["the previous year"] == "2019"


def test_bounded_ago_is_no_date() -> None:
    v = values("The tablet was shown less than two weeks ago; the plant opened about three weeks ago.",
               D(2015, 6, 16))
    assert v["less than two weeks ago"] == "PAST_REF"
    assert v["about three weeks ago"] != "PAST_REF"


def test_passive_after_a_modal_looks_forward() -> None:
    assert local_tense("The new console will be shipped in ", 34) == "future"
    assert local_tense("The console was shipped in ", 27) == "past"
    v = values("The new console will be shipped in August through retailers.", D(2014, 6, 5))
    assert v["August"] == "2014-08"


def test_day_after_another_event_is_not_relative_to_publication() -> None:
    v = values("Shows will be sold the day after broadcast. The firm will reply the day after.", D(2009, 2, 2))
    assert "the day after" in v and v["the day after"] == "2009-02-03"
    assert all(t.interval is None for t in find_timexes("Shows will be sold the day after airing.", D(2009, 2, 2))
               if t.text.startswith("the day"))


def test_due_to_looks_forward() -> None:
    assert values("The new plant is due to open in March.", D(2024, 5, 10))["March"] == "2025-03"
    assert values("The new plant opened in March.", D(2024, 5, 10))["March"] == "2024-03"


def test_same_day_and_next_day_count_from_the_day_just_told() -> None:
    v = values("On March 3, Brandt sold its plant. The same day, Orbek bought a stake. Later that day it closed. "
               "The next day it fell.", D(2024, 5, 10))
    assert v["The same day"] == "2024-03-03"
    assert v["Later that day"] == "2024-03-03"
    assert v["The next day"] == "2024-03-04"
    assert values("Orbek said the same day it would cut jobs.", D(2024, 5, 10))["the same day"] == "2024-05-10"
    assert "That day" not in values("That day has come.", D(2024, 5, 10))


def test_last_night_is_the_night_before_the_anchor() -> None:
    assert values("It emerged last night that Brandt will cut 300 jobs.", D(2024, 5, 10))["last night"] == \
        "2024-05-09TNI"
    assert values("Orbek will report tonight.", D(2024, 5, 10))["tonight"] == "2024-05-10TNI"


def test_days_and_weeks_later_count_from_the_day_just_told() -> None:
    v = values("On March 3, 2006, Brandt flew the plane. Two days later, the regulator certified it. A week later "
               "it entered service.", D(2006, 4, 1))
    assert v["Two days later"] == "2006-03-05" and v["A week later"] == "2006-03-12"
    assert values("Two days later, the regulator certified it.", D(2006, 4, 1))["Two days later"] == "XXXX-XX-XX"


def test_years_ago_today_is_that_very_day() -> None:
    v = values("The jet exploded twelve years ago today. A year ago today it was sold. Three weeks ago today it "
               "opened.", dt.date(2008, 7, 17))
    assert v["twelve years ago today"] == "1996-07-17"
    assert v["A year ago today"] == "2007-07-17"
    assert v["Three weeks ago today"] == "2008-06-26"
    assert values("It opened twelve years ago.", dt.date(2008, 7, 17))["twelve years ago"] == "1996"


def test_a_fronted_weekday_takes_the_tense_of_the_verb_it_dates() -> None:
    # Tuesday 11 November 2008: "On Monday ... announced" is the Monday before, even though what was announced
    # lies ahead ("would file"); "On Monday ... will" is the Monday after
    past = "On Monday, the retailer Quarnby announced that it would file for bankruptcy protection."
    ahead = "On Monday, the retailer Quarnby will open its first store in Leeds."
    assert [t.value for t in find_timexes(past, D(2008, 11, 11))] == ["2008-11-10"]
    assert [t.value for t in find_timexes(ahead, D(2008, 11, 11))] == ["2008-11-17"]


def test_a_forthcoming_thing_does_not_make_a_past_report_look_forward() -> None:
    # Tuesday 26 July 2005: the name was announced on the Friday before; "forthcoming" describes the product
    text = "Quarnby announced the name of its forthcoming tablet at its headquarters in Leeds Friday."
    assert [t.value for t in find_timexes(text, D(2005, 7, 26))] == ["2005-07-22"]
    assert local_tense("Quarnby will open its forthcoming store Friday.", 40) == "future"


def test_reporting_periods_companies_write() -> None:
    jan = D(2010, 1, 29)
    assert values("Net profit for the last three months of last year rose.", jan) == \
        {"the last three months of last year": "2009-Q4"}
    assert values("Sales in the first six months of 2007 fell.", jan) == {"the first six months of 2007": "2007-H1"}
    assert values("Profit in the first nine months of the year rose.", D(2009, 11, 2)) == \
        {"the first nine months of the year": "2009-01/2009-09"}
    # a quarter code without its year is the latest such quarter; only as a reporting period
    assert values("Q4 earnings rose to 55 cents a share.", jan) == {"Q4": "2009-Q4"}
    assert values("In Q2 the firm will hire 300 people.", jan) == {"Q2": "2010-Q2"}
    assert values("Quarnby Q5 cars sold well.", jan) == {}


def test_the_christmas_trading_period_is_december() -> None:
    jan = D(2009, 1, 28)
    assert values("Over the 2008 Christmas period group sales were up 9%.", jan) == \
        {"the 2008 Christmas period": "2008-12"}
    assert values("Sales over the Christmas period rose 4%.", jan) == {"the Christmas period": "2008-12"}
    assert values("The store will open on Christmas Eve.", jan) == {"Christmas Eve": "2009-12-24"}


def test_reporting_periods_review_cases() -> None:
    feb = D(2010, 2, 10)
    # results for the end of the year are published early the next year
    assert values("Net profit in the last three months of the year rose 10%.", feb) == \
        {"the last three months of the year": "2009-Q4"}
    assert values("Audi Q3 sales rose 10% in Europe.", feb) == {}  # a model's name
    assert "Q2" not in values("Brandt Capital Inc. bought a stake in Q2 Holdings Inc.", feb)  # a company's name
    march = D(2009, 3, 4)
    assert values("Kelvar Stores said sales over Christmas fell 5%.", march) == {"Christmas": "2008-12"}
    for name in ("Christmas Tree Shops Inc. filed for bankruptcy protection.", "It will mine on Christmas Island.",
                 "Father Christmas came."):
        assert "Christmas" not in " ".join(values(name, march))


def test_a_past_participle_before_will_does_not_make_a_fronted_date_past() -> None:
    assert values("On Friday, the troubled airline will file for bankruptcy protection.", D(2009, 3, 4)) == \
        {"Friday": "2009-03-06"}
    assert values("Acme said the next model goes on sale on Friday.", D(2009, 3, 4)) == {"Friday": "2009-03-06"}
