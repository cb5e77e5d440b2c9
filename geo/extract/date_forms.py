"""The forms of dates in news text and how each resolves against the article's date: the table
`find_dates` (geo/extract/dates.py) runs. Each resolver returns (start, end, precision)."""

from __future__ import annotations

import calendar
import re
from datetime import date, timedelta
from typing import Callable

__all__ = ["RULES", "GATES", "NUMBERS", "Span", "safe_date", "B", "E"]

_MONTHS = {
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6,
    "jul": 7, "aug": 8, "sep": 9, "oct": 10, "nov": 11, "dec": 12,
}
_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
NUMBERS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "a couple of": 2, "a few": 3,
    "several": 3,
}

MONTH = (
    r"(?P<mon>jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
)
DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
YEAR = r"(?P<year>(?:19|20)\d\d|'?\d\d)"
WEEKDAY = r"(?P<wd>" + "|".join(_WEEKDAYS) + r")"
NUMBER = r"(?P<n>\d{1,3}|a couple of|a few|several|" + "|".join(k for k in NUMBERS if " " not in k) + r")"
UNIT = r"(?P<unit>day|week|month|year)s?"
B = r"(?<![\w-])"
E = r"(?![\w-])"


def _month(name: str) -> int:
    return _MONTHS[name[:3].lower()]


def _year(text: str, base: date) -> int:
    y = int(text.lstrip("'"))
    if y >= 100:
        return y
    return 2000 + y if 2000 + y <= base.year + 1 else 1900 + y


def safe_date(y: int, m: int, d: int) -> date | None:
    try:
        return date(y, m, d)
    except ValueError:
        return None


def _month_span(y: int, m: int) -> tuple[date, date]:
    return date(y, m, 1), date(y, m, calendar.monthrange(y, m)[1])


def _backwards(m: int, d: int, base: date) -> date | None:
    """Month and day without a year: the latest such date not after the article's date."""
    for y in (base.year, base.year - 1):
        day = safe_date(y, m, d)
        if day is not None and day <= base:
            return day
    return None


Span = tuple[date, date, str]


_COUNTED = re.compile(r"\s+[a-z]")


def _full(m: re.Match, base: date) -> Span | None:
    if len(m["year"]) == 2 and not m.string.isupper() and _COUNTED.match(m.string, m.end()):
        return None  # "on 17 July 36 civilians were killed": a count, not the year 1936
    day = safe_date(_year(m["year"], base), _month(m["mon"]), int(m["day"]))
    return (day, day, "day") if day else None


def _iso(m: re.Match, base: date) -> Span | None:
    day = safe_date(int(m["y"]), int(m["m"]), int(m["d"]))
    return (day, day, "day") if day else None


def _month_day(m: re.Match, base: date) -> Span | None:
    day = _backwards(_month(m["mon"]), int(m["day"]), base)
    return (day, day, "day") if day else None


def _day_range(m: re.Match, base: date) -> Span | None:
    """'Jan. 5-6', '5-6 January', 'the night of Jan. 5-6': the two days, year inferred backwards."""
    first, last = int(m["day"]), int(m["day2"])
    end = _backwards(_month(m["mon"]), last, base)
    if end is None or not first < last:
        return None
    start = safe_date(end.year, end.month, first)
    return (start, end, "day") if start else None


def _in_the(m: re.Match, base: date) -> Span:
    """'earlier in the week', 'later in the month': this week or month up to the article's date."""
    unit = m["unit"].lower()
    start = base - timedelta(days=base.weekday()) if unit == "week" else base.replace(day=1)
    return start, base, unit


def _month_year(m: re.Match, base: date) -> Span | None:
    return (*_month_span(_year(m["year"], base), _month(m["mon"])), "month")


def _bare_month(m: re.Match, base: date) -> Span | None:
    month = _month(m["mon"])
    year = base.year if month <= base.month else base.year - 1
    start, end = _month_span(year, month)
    return start, min(end, base), "month"


_PART_DAYS = {"early": (1, 10), "mid": (11, 20), "late": (21, 31)}


def _part_of_month(m: re.Match, base: date) -> Span | None:
    """'late January', 'mid-Dec. 2017': a third of the month (days 1-10, 11-20, 21-end), month precision."""
    month = _month(m["mon"])
    first, last = _PART_DAYS[m["part"].lower()]
    if m["year"]:
        year = _year(m["year"], base)
    else:
        year = base.year if date(base.year, month, first) <= base else base.year - 1
    start = date(year, month, first)
    if start > base:
        return None
    end = date(year, month, min(last, calendar.monthrange(year, month)[1]))
    return start, min(end, base), "month"


def _bare_year(m: re.Match, base: date) -> Span | None:
    y = int(m["year"])
    if y > base.year:
        return None
    return date(y, 1, 1), min(date(y, 12, 31), base), "year"


def _today(m: re.Match, base: date) -> Span:
    return base, base, "day"


def _yesterday(m: re.Match, base: date) -> Span:
    day = base - timedelta(days=2 if "before" in m[0].lower() else 1)
    return day, day, "day"


def _weekday(m: re.Match, base: date) -> Span:
    back = (base.weekday() - _WEEKDAYS.index(m["wd"].lower())) % 7
    if back == 0 and (m["pre"] or "").lower().startswith("last"):
        back = 7
    day = base - timedelta(days=back)
    return day, day, "day"


def _ago(m: re.Match, base: date) -> Span | None:
    n = NUMBERS.get(m["n"].lower()) or int(m["n"])
    unit = m["unit"].lower()
    if unit == "day":
        day = base - timedelta(days=n)
        return day, day, "day"
    if unit == "week":
        day = base - timedelta(weeks=n)
        return day - timedelta(days=3), day + timedelta(days=3), "week"
    if unit == "month":
        y, mo = divmod(base.year * 12 + base.month - 1 - n, 12)
        return (*_month_span(y, mo + 1), "month")
    return date(base.year - n, 1, 1), date(base.year - n, 12, 31), "year"


def _relative_unit(m: re.Match, base: date) -> Span:
    """last/this/past week, month, year."""
    which, unit = m["which"].lower(), m["unit"].lower()
    if unit == "week":
        monday = base - timedelta(days=base.weekday())
        if "this" in which:
            return monday, base, "week"
        if "past" in which:
            return base - timedelta(days=7), base, "week"
        if base.weekday() >= 5:  # a weekend paper's "last week" is the week just gone, as the gold's coders read it
            return base - timedelta(days=7), base - timedelta(days=1), "week"
        return monday - timedelta(days=7), monday - timedelta(days=1), "week"
    if unit == "month":
        if "this" in which:
            return base.replace(day=1), base, "month"
        if "past" in which:
            return base - timedelta(days=30), base, "month"
        y, mo = (base.year, base.month - 1) if base.month > 1 else (base.year - 1, 12)
        return (*_month_span(y, mo), "month")
    if "this" in which:
        return date(base.year, 1, 1), base, "year"
    if "past" in which:
        return base - timedelta(days=365), base, "year"
    return date(base.year - 1, 1, 1), date(base.year - 1, 12, 31), "year"


def _weekend(m: re.Match, base: date) -> Span:
    """'at the weekend', 'over the weekend': the latest Saturday and Sunday up to the article's date."""
    saturday = base - timedelta(days=(base.weekday() - 5) % 7)
    if "last" in m[0].lower() and base.weekday() >= 5:
        saturday -= timedelta(days=7)
    return saturday, min(saturday + timedelta(days=1), base), "week"


_RECENT_DAYS = {"day": 7, "week": 28, "month": 91, "year": 730}


def _recent(m: re.Match, base: date) -> Span:
    """'in recent weeks', 'in the past few days', 'over the past 10 days': a range ending today."""
    unit = m["unit"].lower()
    days = _RECENT_DAYS[unit]
    n = (m["n"] or "").lower()
    if n.isdigit() or n in NUMBERS and n not in {"a", "an", "several", "few"}:
        days = (int(n) if n.isdigit() else NUMBERS[n]) * {"day": 1, "week": 7, "month": 30, "year": 365}[unit]
    precision = next(p for limit, p in ((2, "day"), (14, "week"), (92, "month"), (10**6, "year")) if days <= limit)
    return base - timedelta(days=days), base, precision


_FLAGS = re.I
_MONTH_STEMS = tuple(_MONTHS)
# Each rule runs only on texts that contain one of its words (lower case): most texts lack most forms.
GATES: dict[Callable, tuple[str, ...]] = {
    _full: _MONTH_STEMS, _part_of_month: ("early", "mid", "late"), _month_year: _MONTH_STEMS, _month_day: _MONTH_STEMS, _bare_month: _MONTH_STEMS,
    _bare_year: ("19", "20"),
    _today: ("today", "tonight", "this "),
    _yesterday: ("yesterday", "night"),
    _weekday: _WEEKDAYS,
    _weekend: ("weekend",),
    _ago: ("ago", "earlier", "before"),
    _recent: ("recent", "past", "last", "previous"),
    _relative_unit: ("last", "this", "past", "previous", "earlier", "later"),
    _day_range: ("-", "–"),
    _in_the: ("earlier in", "later in"),
}
RULES: tuple[tuple[re.Pattern, Callable[[re.Match, date], Span | None], bool], ...] = tuple(
    (re.compile(p, _FLAGS), f, rel)
    for p, f, rel in (
        (B + r"(?P<y>(?:19|20)\d\d)-(?P<m>[01]?\d)-(?P<d>[0-3]?\d)" + E, _iso, False),
        (B + MONTH + r"\s+" + DAY + r",?\s+" + YEAR + E, _full, False),
        (B + DAY + r"\s+(?:of\s+)?" + MONTH + r",?\s+" + YEAR + E, _full, False),
        (B + r"(?P<part>early|mid|late)[\s-]+" + MONTH + r"(?:,?\s+(?P<year>(?:19|20)\d\d))?" + E
         + r"(?!\.?,?\s+[0-3]?\d\b)", _part_of_month, True),
        (B + MONTH + r",?\s+(?P<year>(?:19|20)\d\d)" + E, _month_year, False),
        (B + MONTH + r"\s+" + DAY + r"\s*[-–]\s*(?P<day2>[0-3]?\d)" + E, _day_range, True),
        (B + DAY + r"\s*[-–]\s*(?P<day2>[0-3]?\d)\s+" + MONTH + E, _day_range, True),
        (B + MONTH + r"\s+" + DAY + r"(?![\w:.,-]\d)" + E, _month_day, True),
        (B + DAY + r"\s+(?:of\s+)?" + MONTH + E, _month_day, True),
        (B + r"(?:in|since|during|until|through|of|by|early|late|mid|last)[\s-]" + MONTH + E + r"(?!\.?,?\s+(?:[0-3]?\d|(?:19|20)\d\d)\b)",
         _bare_month, True),
        (B + r"(?:in|since|during|until|through|of|by|early|late|mid)[\s-](?P<year>(?:19|20)\d\d)" + E,
         _bare_year, False),
        (B + r"(?:an?|the|its|their|his|her)\s+(?P<year>(?:19|20)\d\d)(?=\s+[a-z])", _bare_year, False),
        (B + r"(?:earlier|later) in the " + UNIT + E, _in_the, True),
        # not the names "USA Today", "the Today programme"
        (B + r"(?<!USA )(?:today|tonight|this (?:morning|afternoon|evening)|earlier today)" + E + r"(?!\s+(?:programme|show)\b)",
         _today, True),
        (B + r"(?:(?:the )?day before yesterday|yesterday|last night|overnight)" + E, _yesterday, True),
        (B + r"(?P<pre>last |this past |past |on |early |late )?" + WEEKDAY + E, _weekday, True),
        (B + r"(?:(?:at|over|during) the|this(?: past)?|last) weekend" + E, _weekend, True),
        (B + NUMBER + r"\s+" + UNIT + r"\s+(?:ago|earlier|before)" + E, _ago, True),
        (B + r"(?:in |over |during |throughout )?(?:the )?(?:recent|past|last|previous)\s+(?:(?P<n>few|several|couple of|\d{1,3}|"
         + "|".join(k for k in NUMBERS if " " not in k) + r")\s+)?"
         + UNIT + r"s" + E, _recent, True),
        (B + r"(?P<which>last|this past|the past|past|previous|the previous|this|earlier this|later this)\s+" + UNIT
         + E, _relative_unit, True),
    )
)
