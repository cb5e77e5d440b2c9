"""News dates resolved against the article's date (2018-02-03 is a Saturday, like the seed's)."""

from __future__ import annotations

from datetime import date

import pytest

from geo.extract.dates import find_dates, parse_date

SAT = date(2018, 2, 3)


@pytest.mark.parametrize(
    "text, base, expected",
    [
        # weekdays: wire style, the article's own weekday is that day
        ("fighters said Saturday they had shot down", SAT, "2018-02-03/2018-02-03/day"),
        ("on Friday night", SAT, "2018-02-02/2018-02-02/day"),
        ("on Sunday", SAT, "2018-01-28/2018-01-28/day"),
        ("last Saturday", SAT, "2018-01-27/2018-01-27/day"),
        ("SUNDAY", date(1990, 2, 4), "1990-02-04/1990-02-04/day"),
        # days
        ("yesterday", SAT, "2018-02-02/2018-02-02/day"),
        ("LAST NIGHT", SAT, "2018-02-02/2018-02-02/day"),
        ("the day before yesterday", SAT, "2018-02-01/2018-02-01/day"),
        ("earlier today", SAT, "2018-02-03/2018-02-03/day"),
        ("two days ago", SAT, "2018-02-01/2018-02-01/day"),
        ("2 DAYS AGO", date(1990, 2, 4), "1990-02-02/1990-02-02/day"),
        # weeks, months, years
        ("last week", date(2018, 2, 1), "2018-01-22/2018-01-28/week"),  # a Thursday: the calendar week before
        ("last week", SAT, "2018-01-27/2018-02-02/week"),  # a weekend paper: the seven days just gone
        ("earlier this week", SAT, "2018-01-29/2018-02-03/week"),
        ("the past week", SAT, "2018-01-27/2018-02-03/week"),
        ("last month", SAT, "2018-01-01/2018-01-31/month"),
        ("last month", date(2018, 1, 10), "2017-12-01/2017-12-31/month"),
        ("earlier this month", date(2018, 2, 20), "2018-02-01/2018-02-20/month"),
        ("last year", SAT, "2017-01-01/2017-12-31/year"),
        ("in 2016", SAT, "2016-01-01/2016-12-31/year"),
        # ranges ending at the article's date
        ("In recent weeks", SAT, "2018-01-06/2018-02-03/month"),
        ("in recent days", SAT, "2018-01-27/2018-02-03/week"),
        ("in the past two weeks", SAT, "2018-01-20/2018-02-03/week"),
        ("in recent months", SAT, "2017-11-04/2018-02-03/month"),
        # absolute forms, the year inferred backwards when missing
        ("since Dec. 15", SAT, "2017-12-15/2018-02-03/day"),
        ("On Jan. 20, Turkey launched", SAT, "2018-01-20/2018-01-20/day"),
        ("on 14 April", SAT, "2017-04-14/2017-04-14/day"),
        ("HAS BEEN STAYING SINCE 2 FEBRUARY", date(1990, 2, 4), "1990-02-02/1990-02-04/day"),
        ("February 3, 2018", date(2019, 5, 1), "2018-02-03/2018-02-03/day"),
        ("3 February 2018", date(2019, 5, 1), "2018-02-03/2018-02-03/day"),
        ("4 FEB 90", date(1990, 2, 10), "1990-02-04/1990-02-04/day"),
        ("2018-01-15", SAT, "2018-01-15/2018-01-15/day"),
        ("in January", SAT, "2018-01-01/2018-01-31/month"),
        # early/mid/late <month>: a third of the month (1-10, 11-20, 21-end), month precision
        ("in mid-December", SAT, "2017-12-11/2017-12-20/month"),
        ("clashes in late January", SAT, "2018-01-21/2018-01-31/month"),
        ("late Jan.", SAT, "2018-01-21/2018-01-31/month"),
        ("in early March 2017", SAT, "2017-03-01/2017-03-10/month"),
        ("in late February", date(2016, 3, 1), "2016-02-21/2016-02-29/month"),
        ("since mid-December", SAT, "2017-12-11/2018-02-03/month"),
        ("in early February", date(2018, 2, 5), "2018-02-01/2018-02-05/month"),
        ("in late February", SAT, "2017-02-21/2017-02-28/month"),
        ("in February", SAT, "2018-02-01/2018-02-03/month"),
        ("in January 2017", SAT, "2017-01-01/2017-01-31/month"),
        ("from Jan. 3 to Jan. 10", SAT, "2018-01-03/2018-01-10/day"),
        # a clause opened by "since" dates a range, not a day
        ("killed since the government began its assault on Feb. 18", date(2018, 3, 17), "2018-02-18/2018-03-17/day"),
        ("since Operation Olive Branch began on Jan. 20", date(2018, 3, 18), "2018-01-20/2018-03-18/day"),
        ("the first since the government escalated its assault in February", date(2018, 3, 6), "2018-02-01/2018-03-06/month"),
        ("took the airbase on Jan. 20", SAT, "2018-01-20/2018-01-20/day"),
        # the weekend: the latest Saturday and Sunday up to the article's date
        ("over the weekend", date(2018, 3, 12), "2018-03-10/2018-03-11/week"),
        ("said at the weekend", date(2018, 1, 29), "2018-01-27/2018-01-28/week"),
        ("at the weekend", date(2018, 2, 4), "2018-02-03/2018-02-04/week"),
        ("last weekend", date(2018, 2, 4), "2018-01-27/2018-01-28/week"),
    ],
)
def test_date_expressions(text, base, expected):
    found = find_dates(text, base)
    assert [d.value for d in found] == [expected], [(d.text, d.value) for d in found]


@pytest.mark.parametrize(
    "text",
    ["they may go home", "a march through the city", "5 kilometers from the site", "more than 270,000 have been displaced",
     "Operation Olive Branch", "the Su-25 aircraft", "asked on the Today programme", "told USA Today"],
)
def test_words_that_are_not_dates(text):
    assert find_dates(text, SAT) == []


def test_spans_point_at_the_text():
    text = "The Syrian army last month retook control of the airbase."
    (d,) = find_dates(text, SAT)
    assert text[d.start:d.end] == d.text == "last month"
    assert d.relative


@pytest.mark.parametrize(
    "value, expected",
    [
        ("2018-02-03", date(2018, 2, 3)),
        ("2018-02-03T10:15:00Z", date(2018, 2, 3)),
        ("Feb. 3, 2018", date(2018, 2, 3)),
        ("4 FEB 90", date(1990, 2, 4)),
        ("Sat, 03 Feb 2018 10:00:00 GMT", date(2018, 2, 3)),
        ("3 février 2018", date(2018, 2, 3)),  # other languages through dateparser
        ("2018-02-31", None),
        ("yesterday", None),  # a header needs an absolute date
        ("nonsense", None),
    ],
)
def test_parse_date(value, expected):
    assert parse_date(value) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        # narrative dates count from the last single day named before them
        ("Jets struck Ariha on Jan. 25. Two days later, shelling hit Saraqib.", "2018-01-27/2018-01-27/day"),
        ("Rebels shelled the town on Monday; the next day the army answered with air strikes.", "2018-01-30/2018-01-30/day"),
        ("A car bomb killed six on 28 January. On the same day, a second blast hit the market.", "2018-01-28/2018-01-28/day"),
        ("Nine died in the raid on Thursday, and hours later a mortar round hit the hospital.", "2018-02-01/2018-02-01/day"),
        ("The town fell on Jan. 28 and 48 hours later the army entered it.", "2018-01-30/2018-01-30/day"),
        ("The convoy was hit on 30 January, a day after fighters had been seen nearby. A day earlier, jets had flown over.",
         "2018-01-29/2018-01-29/day"),
        ("Rebels attacked the village on 30 January. The day after, jets struck the market.", "2018-01-31/2018-01-31/day"),
        # after the story's date: kept as the clause's own time (no event takes it as its date, test_events.py)
        ("Four were killed in Douma on 1 February and 11 more a week later.", "2018-02-08/2018-02-08/week"),
        ("Jets struck Ariha on Friday; the next day talks were due to open in Geneva.", "2018-02-03/2018-02-03/day"),
        ("Jets struck Ariha on Saturday; the next day talks were due to open in Geneva.", "2018-02-04/2018-02-04/day"),
    ],
)
def test_dates_counted_from_the_clause_before(text, expected):
    found = find_dates(text, SAT)
    anchored = [d for d in found if d.text.lower().split()[-1] in {"later", "day", "earlier", "after"}]
    assert [d.value for d in anchored[-1:]] == ([expected] if expected else []), [(d.text, d.value) for d in found]


@pytest.mark.parametrize("text", ["Two days later, the town fell.", "the next day", "On the same day, jets struck."])
def test_a_narrative_date_without_a_day_before_it_is_not_a_date(text):
    assert find_dates(text, SAT) == []


def test_days_earlier_without_a_day_before_counts_from_the_story():
    assert [d.value for d in find_dates("The town fell two days earlier.", SAT)] == ["2018-02-01/2018-02-01/day"]
