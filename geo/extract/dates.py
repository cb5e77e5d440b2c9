"""Dates in news text, resolved against the article's date.

Wire copy dates events relative to the story: "Saturday" in a story dated Saturday is that
day, "last month" is a whole month, "in recent weeks" a range ending at the story's date,
"since Dec. 15" a range whose year is inferred backwards. General date libraries get these
wrong (see shared/README.md), so the rules are ours; each result carries a precision like
ACLED's time_precision and UCDP's date_start/date_end.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Callable

__all__ = ["DateMention", "find_dates", "parse_date", "PRECISIONS"]

PRECISIONS = ("day", "week", "month", "year")


@dataclass(frozen=True)
class DateMention:
    text: str
    start: int
    end: int
    date_start: date
    date_end: date
    precision: str  # day | week | month | year
    relative: bool = False

    @property
    def value(self) -> str:
        return f"{self.date_start.isoformat()}/{self.date_end.isoformat()}/{self.precision}"


_MONTHS = {
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6,
    "jul": 7, "aug": 8, "sep": 9, "oct": 10, "nov": 11, "dec": 12,
}
_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_NUMBERS = {
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
NUMBER = r"(?P<n>\d{1,3}|a couple of|a few|several|" + "|".join(k for k in _NUMBERS if " " not in k) + r")"
UNIT = r"(?P<unit>day|week|month|year)s?"
_B = r"(?<![\w-])"
_E = r"(?![\w-])"


def _month(name: str) -> int:
    return _MONTHS[name[:3].lower()]


def _year(text: str, base: date) -> int:
    y = int(text.lstrip("'"))
    if y >= 100:
        return y
    return 2000 + y if 2000 + y <= base.year + 1 else 1900 + y


def _safe_date(y: int, m: int, d: int) -> date | None:
    try:
        return date(y, m, d)
    except ValueError:
        return None


def _month_span(y: int, m: int) -> tuple[date, date]:
    return date(y, m, 1), date(y, m, calendar.monthrange(y, m)[1])


def _backwards(m: int, d: int, base: date) -> date | None:
    """Month and day without a year: the latest such date not after the article's date."""
    for y in (base.year, base.year - 1):
        day = _safe_date(y, m, d)
        if day is not None and day <= base:
            return day
    return None


Span = tuple[date, date, str]


_COUNTED = re.compile(r"\s+[a-z]")


def _full(m: re.Match, base: date) -> Span | None:
    if len(m["year"]) == 2 and not m.string.isupper() and _COUNTED.match(m.string, m.end()):
        return None  # "on 17 July 36 civilians were killed": a count, not the year 1936
    day = _safe_date(_year(m["year"], base), _month(m["mon"]), int(m["day"]))
    return (day, day, "day") if day else None


def _iso(m: re.Match, base: date) -> Span | None:
    day = _safe_date(int(m["y"]), int(m["m"]), int(m["d"]))
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
    start = _safe_date(end.year, end.month, first)
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
    n = _NUMBERS.get(m["n"].lower()) or int(m["n"])
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
    if n.isdigit() or n in _NUMBERS and n not in {"a", "an", "several", "few"}:
        days = (int(n) if n.isdigit() else _NUMBERS[n]) * {"day": 1, "week": 7, "month": 30, "year": 365}[unit]
    precision = next(p for limit, p in ((2, "day"), (14, "week"), (92, "month"), (10**6, "year")) if days <= limit)
    return base - timedelta(days=days), base, precision


_FLAGS = re.I
_MONTH_STEMS = tuple(_MONTHS)
# Each rule runs only on texts that contain one of its words (lower case): most texts lack most forms.
_GATES: dict[Callable, tuple[str, ...]] = {
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
_RULES: tuple[tuple[re.Pattern, Callable[[re.Match, date], Span | None], bool], ...] = tuple(
    (re.compile(p, _FLAGS), f, rel)
    for p, f, rel in (
        (_B + r"(?P<y>(?:19|20)\d\d)-(?P<m>[01]?\d)-(?P<d>[0-3]?\d)" + _E, _iso, False),
        (_B + MONTH + r"\s+" + DAY + r",?\s+" + YEAR + _E, _full, False),
        (_B + DAY + r"\s+(?:of\s+)?" + MONTH + r",?\s+" + YEAR + _E, _full, False),
        (_B + r"(?P<part>early|mid|late)[\s-]+" + MONTH + r"(?:,?\s+(?P<year>(?:19|20)\d\d))?" + _E
         + r"(?!\.?,?\s+[0-3]?\d\b)", _part_of_month, True),
        (_B + MONTH + r",?\s+(?P<year>(?:19|20)\d\d)" + _E, _month_year, False),
        (_B + MONTH + r"\s+" + DAY + r"\s*[-–]\s*(?P<day2>[0-3]?\d)" + _E, _day_range, True),
        (_B + DAY + r"\s*[-–]\s*(?P<day2>[0-3]?\d)\s+" + MONTH + _E, _day_range, True),
        (_B + MONTH + r"\s+" + DAY + r"(?![\w:.,-]\d)" + _E, _month_day, True),
        (_B + DAY + r"\s+(?:of\s+)?" + MONTH + _E, _month_day, True),
        (_B + r"(?:in|since|during|until|through|of|by|early|late|mid|last)[\s-]" + MONTH + _E + r"(?!\.?,?\s+(?:[0-3]?\d|(?:19|20)\d\d)\b)",
         _bare_month, True),
        (_B + r"(?:in|since|during|until|through|of|by|early|late|mid)[\s-](?P<year>(?:19|20)\d\d)" + _E,
         _bare_year, False),
        (_B + r"(?:an?|the|its|their|his|her)\s+(?P<year>(?:19|20)\d\d)(?=\s+[a-z])", _bare_year, False),
        (_B + r"(?:earlier|later) in the " + UNIT + _E, _in_the, True),
        (_B + r"(?:today|tonight|this (?:morning|afternoon|evening)|earlier today)" + _E, _today, True),
        (_B + r"(?:(?:the )?day before yesterday|yesterday|last night|overnight)" + _E, _yesterday, True),
        (_B + r"(?P<pre>last |this past |past |on |early |late )?" + WEEKDAY + _E, _weekday, True),
        (_B + r"(?:(?:at|over|during) the|this(?: past)?|last) weekend" + _E, _weekend, True),
        (_B + NUMBER + r"\s+" + UNIT + r"\s+(?:ago|earlier|before)" + _E, _ago, True),
        (_B + r"(?:in |over |during |throughout )?(?:the )?(?:recent|past|last|previous)\s+(?:(?P<n>few|several|couple of|\d{1,3}|"
         + "|".join(k for k in _NUMBERS if " " not in k) + r")\s+)?"
         + UNIT + r"s" + _E, _recent, True),
        (_B + r"(?P<which>last|this past|the past|past|previous|the previous|this|earlier this|later this)\s+" + UNIT
         + _E, _relative_unit, True),
    )
)
_SINCE = re.compile(r"\b(?:since|starting|beginning|from)\s+(?:(?:early|late|mid)[\s-])?$", re.I)
# "killed since the government began its assault on Feb. 18": the date of the clause "since" opens.
_SINCE_CLAUSE = re.compile(r"\bsince\s+(?:the\s+|its\s+|their\s+)?(?:[\w'-]+\s+){1,12}?(?:(?:on|in)\s+)?$", re.I)


def _looks_like_word(m: re.Match, text: str) -> bool:
    """'may', 'march' and 'sat' are also words: in mixed-case text a month needs its capital."""
    if "mon" not in m.re.groupindex or text.isupper():
        return False
    word = m["mon"]
    return word[0].islower()


def find_dates(text: str, base: date) -> list[DateMention]:
    """Every date expression in `text`, resolved against `base` (the article's date)."""
    found: list[DateMention] = []
    low = text.lower()
    for pattern, resolve, relative in _RULES:
        gate = _GATES.get(resolve)
        if gate and not any(word in low for word in gate):
            continue
        for m in pattern.finditer(text):
            if _looks_like_word(m, text):
                continue
            span = resolve(m, base)
            if span is None:
                continue
            start, end, precision = span
            since = (m[0][:6].lower() == "since " or _SINCE.search(text, max(0, m.start() - 20), m.start())
                     or _SINCE_CLAUSE.search(text, max(0, m.start() - 80), m.start()))
            if since and start <= base:
                end = base
            found.append(DateMention(m[0], m.start(), m.end(), start, end, precision, relative))
    found = _non_overlapping(found)
    if any(word in low for word in _ANCHOR_GATE):
        found = _anchored(text, found, base)
    return _join_ranges(found, text)


# Narrative dates told from the clause before ("on 1 August ... On the same day ... two days later"):
# each is the day of the last single day named before it, shifted; none when nothing was named before.
_ANCHOR_GATE = ("same", "that day", "that night", "later", "next", "following", "previous", "earlier", "before")
_COUNT = r"(?P<n>\d{1,2}|a|an|one|two|three|four|five|six|seven|eight|nine|ten|a couple of|a few|several)"
_ANCHOR_RULES: tuple[tuple[re.Pattern, int], ...] = tuple(
    (re.compile(_B + p + _E, re.I), sign)
    for p, sign in (
        (r"(?:(?:later|earlier)\s+)?(?:on\s+)?(?:that\s+same|the\s+same|that)\s+(?:day|night|evening|morning|afternoon)", 0),
        (r"(?:(?:some|several|a few|\d{1,2})\s+)?hours\s+(?:later|earlier)", 0),
        (r"(?:on\s+)?the\s+(?:next|following)\s+(?:day|night|morning|evening)|the\s+day\s+after(?=\s*[,.;])", 1),
        (r"(?:on\s+)?the\s+(?:previous|preceding)\s+(?:day|night|evening)|the\s+(?:day|night)\s+before(?=\s*[,.;])", -1),
        (_COUNT + r"\s+(?P<unit>day|week)s?\s+(?P<dir>later|earlier|afterwards?)", 2),
    )
)
ANCHOR_CHARS = 1200  # how far back the day a narrative date counts from may be named (a few sentences)


def _anchored(text: str, found: list[DateMention], base: date) -> list[DateMention]:
    """Add (or, for "two days earlier", re-anchor) the dates counted from the last single day named before them."""
    extra: list[tuple[int, int, int, int]] = []  # start, end, days, half-width
    for pattern, sign in _ANCHOR_RULES:
        for m in pattern.finditer(text):
            if sign != 2:
                extra.append((m.start(), m.end(), sign, 0))
                continue
            n = int(m["n"]) if m["n"].isdigit() else _NUMBERS[m["n"].lower()]
            days = n * (7 if m["unit"].lower() == "week" else 1)
            extra.append((m.start(), m.end(), -days if m["dir"].lower() == "earlier" else days, 3 if m["unit"].lower() == "week" else 0))
    if not extra:
        return found
    out = sorted(found, key=lambda d: d.start)
    for start, end, days, half in sorted(extra):
        clash = [d for d in out if d.start < end and start < d.end]
        if any(not (d.start >= start and d.end <= end) for d in clash):
            continue  # inside a longer expression
        before = [d for d in out if d.end <= start and start - d.end <= ANCHOR_CHARS and d not in clash]
        anchor = next((d for d in reversed(before) if d.precision == "day" and d.date_start == d.date_end), None)
        if anchor is None:
            continue  # "two days earlier" alone keeps its reading against the article's date
        day = anchor.date_start + timedelta(days=days)
        if day > base:
            continue  # "the next day" after today's news has not happened yet
        first, last = day - timedelta(days=half), day + timedelta(days=half)
        out = [d for d in out if d not in clash]
        out.append(DateMention(text[start:end], start, end, first, last, "week" if half else "day", True))
        out.sort(key=lambda d: d.start)
    return out


_RANGE_GAP = re.compile(r"\s*(?:-|–|to|until|till|through|and)\s*$", re.I)
_RANGE_START = re.compile(r"\b(?:from|between)\s+$", re.I)


def _join_ranges(found: list[DateMention], text: str) -> list[DateMention]:
    """'from Jan. 3 to Jan. 10', 'between 2 and 5 May' style pairs become one range."""
    out: list[DateMention] = []
    for d in found:
        prev = out[-1] if out else None
        if (
            prev is not None
            and _RANGE_GAP.match(text, prev.end, d.start)
            and _RANGE_START.search(text, max(0, prev.start - 10), prev.start)
            and prev.date_start <= d.date_end
        ):
            precision = max(prev.precision, d.precision, key=PRECISIONS.index)
            out[-1] = DateMention(text[prev.start:d.end], prev.start, d.end, prev.date_start, d.date_end,
                                  precision, prev.relative or d.relative)
        else:
            out.append(d)
    return out


def _non_overlapping(found: list[DateMention]) -> list[DateMention]:
    found.sort(key=lambda d: (d.start, -(d.end - d.start)))
    out: list[DateMention] = []
    for d in found:
        if out and d.start < out[-1].end:
            continue
        out.append(d)
    return out


_ISO_PREFIX = re.compile(r"\s*((?:19|20)\d\d)-([01]?\d)-([0-3]?\d)(?:$|[T\s])")


def parse_date(value: str, base: date | None = None) -> date | None:
    """An absolute date (an article header, a CSV cell): ISO, 'Feb. 3, 2018', '4 FEB 90', RFC 822..."""
    m = _ISO_PREFIX.match(value)
    if m:
        return _safe_date(int(m[1]), int(m[2]), int(m[3]))
    base = base or date.today()
    for d in find_dates(value, base):
        if d.precision == "day" and not d.relative:
            return d.date_start
    return _dateparser(value)


def _dateparser(value: str) -> date | None:
    """Other absolute forms and languages ("3 février 2018"); slow on misses, so headers only."""
    if len(value) > 60:
        return None
    try:
        import dateparser
    except ImportError:  # pragma: no cover - it is in requirements.txt
        return None
    parsed = dateparser.parse(value, settings={"REQUIRE_PARTS": ["day", "month", "year"],
                                              "PARSERS": ["timestamp", "custom-formats", "absolute-time"]})
    return parsed.date() if parsed else None
