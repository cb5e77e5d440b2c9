"""Dates in news text, resolved against the article's date.

Wire copy dates events relative to the story: "Saturday" in a story dated Saturday is that
day, "last month" is a whole month, "in recent weeks" a range ending at the story's date,
"since Dec. 15" a range whose year is inferred backwards. General date libraries get these
wrong (see shared/README.md), so the rules are ours; each result carries a precision like
ACLED's time_precision and UCDP's date_start/date_end. The forms and their resolvers are a table in
geo/extract/date_forms.py; this module finds them in a text, joins ranges and counts narrative
dates ("two days later") from the day named before.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta

from geo.extract.date_forms import GATES, NUMBERS, RULES, B, E, safe_date

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
    for pattern, resolve, relative in RULES:
        gate = GATES.get(resolve)
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
    if any(word in low for word in _ANCHOR_WORDS):
        found = _anchored(text, found, base)
    return _join_ranges(found, text)


# Narrative dates told from the clause before ("on 1 August ... On the same day ... two days later"):
# each is the day of the last single day named before it, shifted; none when nothing was named before. One that
# falls after the article's date is kept as a time of its own (the clause is timed), but no event takes it as its date.
# what a text must contain to hold any of them (most hold none): plain substring checks, far cheaper than a scan
_ANCHOR_WORDS = tuple(f"{unit} {way}" for unit in ("day", "days", "night", "hours", "week", "weeks")
                      for way in ("later", "earlier", "afterward", "before")) + tuple(
    f"{which} {unit}" for which in ("same", "next", "following", "previous", "preceding", "that")
    for unit in ("day", "night", "evening", "morning", "afternoon")) + ("day after",)
_COUNT = r"(?P<n>\d{1,2}|a|an|one|two|three|four|five|six|seven|eight|nine|ten|a couple of|a few|several)"
_ANCHOR_RULES: tuple[tuple[re.Pattern, int], ...] = tuple(
    (re.compile(B + p + E, re.I), sign)
    for p, sign in (
        (r"(?:(?:later|earlier)\s+)?(?:on\s+)?(?:that\s+same|the\s+same|that)\s+(?:day|night|evening|morning|afternoon)", 0),
        (r"(?:(?P<h>\d{1,2})\s+|(?:some|several|a few)\s+)?hours\s+(?P<dir>later|earlier)", 3),
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
            if sign == 3:  # "hours later" is the same day, "48 hours later" two days on
                days = int(m["h"] or 0) // 24
                extra.append((m.start(), m.end(), -days if m["dir"].lower() == "earlier" else days, 0))
                continue
            if sign != 2:
                extra.append((m.start(), m.end(), sign, 0))
                continue
            n = int(m["n"]) if m["n"].isdigit() else NUMBERS[m["n"].lower()]
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
        day = anchor.date_start + timedelta(days=days)  # after `base` too: kept (a time of its own), never an event's date
        first, last = (day - timedelta(days=half), day + timedelta(days=half)) if day <= base else (day, day)
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
        return safe_date(int(m[1]), int(m[2]), int(m[3]))
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
