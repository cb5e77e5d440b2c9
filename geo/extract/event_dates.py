"""The date of an event in its sentence: the date expression nearest the trigger that belongs to the deed, not to
a describing clause ("..., which fell on Jan. 20"), to a period ("since Feb. 18") or to someone's speaking of it
("said on Thursday"); else the day the sentence before told; else the article's. Also who spoke on a spoken date
(`speaker`, who need not be the deed's actor). Moved out of geo/extract/events.py, which calls these."""

from __future__ import annotations

import re
from bisect import bisect_left
from datetime import date
from typing import Protocol

from geo.extract.actors import ActorMention
from geo.extract.articles import Article
from geo.extract.dates import DateMention
from geo.extract.event_types import TypeMatch, classify
from geo.extract.merge import VIOLENT
from geo.extract.scope import in_lead
from geo.extract.sentences import Sentence

__all__ = ["Analysis", "HISTORY_DAYS", "event_date", "told_before", "sentence_before", "since", "speaker", "spoken"]


class Analysis(Protocol):
    """What the date rules read of one article's analysis (geo/extract/events.py)."""

    article: Article
    base: date
    sentences: list[Sentence]

    @property
    def paragraphs(self) -> bool: ...

    def dates(self, sentence: Sentence | None = None) -> list[DateMention]: ...

    def lead_paragraph(self) -> int: ...


# "held by insurgents since 2015", "has been under siege since 2013": a state, not an event.
_STATIVE = re.compile(r"\b(?:held|controlled|run|besieged|encircled|occupied|under (?:\w+ )?(?:siege|control|blockade)|"
                      r"in the hands of|in control)\b[^.;]{0,40}\bsince\b", re.I)
HISTORY_DAYS = 365
_SINCE_OPEN = re.compile(r"\bsince\b[^,.;]{0,80}$", re.I)
# "claimed on Thursday that ...", "in a TV interview on Thursday": the day someone spoke, not the deed's own
_SAID = "said|says|told|reported|announced|confirmed"
_SAID_ON = re.compile(rf"\b(?:{_SAID})\s+(?:on\s+)?$", re.I)
_SPOKEN_ON = re.compile(rf"\b(?:{_SAID}|claimed|claims|stated|insisted|added|alleged|accused|denied|warned|interview|"
                        r"statement|briefing|conference|tweet(?:ed)?)\s+(?:late\s+|early\s+)?(?:on\s+)?$", re.I)
# "investigators today condemned ...", "the ministry on Thursday said ...": the date stands before the speaking verb;
# "after Thursday's cabinet meeting", "in Monday's statement": the date names the talk itself
_SPEECH_VERB = (rf"{_SAID}|condemned|denounced|claimed|accused|blamed|denied|warned|insisted|stated|added|alleged|urged|"
                r"called|welcomed|vowed|promised|pledged|demanded|described|tweeted|wrote")
_SPOKEN_BEFORE = re.compile(rf"\s+(?:{_SPEECH_VERB})\b", re.I)  # not "... on Sunday, said the monitor": the deed's
_TALK_NOUN = re.compile(r"\s*[’']s\s+(?:[\w-]+\s+){0,2}?(?:meeting|statement|interview|briefing|conference|speech|summit|"
                        r"talks|session|debate|vote|address|remarks|announcement|tweet|hearing|report)s?\b", re.I)


def spoken(text: str, sentence: Sentence, d: DateMention) -> bool:
    """A date that belongs to someone's speaking of a deed, not to the deed: "said on Thursday", "today condemned",
    "after Thursday's cabinet meeting"."""
    return bool(_SPOKEN_ON.search(text, max(sentence.start, d.start - 30), d.start)
                or _SPOKEN_BEFORE.match(text, d.end, sentence.end) or _TALK_NOUN.match(text, d.end, sentence.end))


def since(text: str, sentence: Sentence, d: DateMention) -> bool:
    """A date that opens a period up to the article's date ("since Feb. 18", "since ... in February")."""
    return d.text.lower().startswith("since") or bool(_SINCE_OPEN.search(text, max(sentence.start, d.start - 80), d.start))


_GAP = re.compile(r"[,.;:“”\"()]")


def speaker(text: str, sentence: Sentence, dates: list[DateMention], actors: list[ActorMention]) -> str:
    """The actor named just before a spoken date's talk ("UN investigators today condemned ...", "the ministry said on
    Friday"): the one who spoke, who need not have done the deed spoken of; "" when none."""
    for d in dates:
        if not spoken(text, sentence, d):
            continue
        said = _SPOKEN_ON.search(text, max(sentence.start, d.start - 30), d.start)
        at = said.start() if said else d.start
        for m in actors:
            if 0 <= at - m.end <= 40 and not _GAP.search(text, m.end, at):
                return m.name
    return ""


_RELATIVE = re.compile(r",\s*(?:which|who|whose|where)\b[^,]*$", re.I)


def aside(text: str, sentence: Sentence, d: DateMention, trigger: int) -> bool:
    """A date in a relative clause the trigger is not in: "Government forces, which took the airbase
    on Jan. 20, have since pressed north ... where clashes ..." dates the airbase, not the clashes; "retook the
    district, where the gas attack took place on Saturday" dates the gas attack, not the retaking."""
    opened = _RELATIVE.search(text, sentence.start, d.start)
    if not opened:
        return False
    close = text.find(",", d.end, sentence.end)
    close = sentence.end if close < 0 else close
    if opened.start() <= trigger < close:
        return False
    if "where" not in opened[0].lower():
        return True
    # "struck Douma, where 12 were killed on Monday": the same deed's toll, dated; "retook the district, where the gas
    # attack took place": another kind of deed
    clause = classify(text[opened.start():close])
    main = classify(text[sentence.start:opened.start()] + " " + text[close:sentence.end])
    return clause is None or main is None or _kind(clause) != _kind(main)


def _kind(match: TypeMatch) -> str:
    """Political violence of any sub-type is one kind (a strike and its dead), a change of territory another."""
    if "territory" in match.sub_event_type:
        return "territory"
    return "violence" if match.event_type in VIOLENT else match.event_type


def sentence_before(a: Analysis, sentence: Sentence) -> Sentence | None:
    i = bisect_left(a.sentences, sentence.start, key=lambda s: s.start) - 1
    return a.sentences[i] if i >= 0 and a.sentences[i].paragraph == sentence.paragraph else None


def told_before(a: Analysis, sentence: Sentence) -> DateMention | None:
    """'The ambush happened on 4 May outside Tabqa. Witnesses say the gunmen ...': an undated
    sentence goes on telling the day the sentence just before it (in its paragraph) named."""
    before = sentence_before(a, sentence)
    if before is None:
        return None
    days = [d for d in a.dates(before) if d.precision == "day" and d.date_start == d.date_end <= a.base
            and not since(a.article.text, before, d)]
    return days[-1] if days else None


def _old(a: Analysis, d: DateMention) -> bool:
    """A date of history: a year, or a month more than a year before the story."""
    return d.precision == "year" or (d.precision != "day" and (a.base - d.date_start).days > HISTORY_DAYS)


def event_date(a: Analysis, sentence: Sentence, trigger: tuple[int, int],
               dates: list[DateMention]) -> tuple[date, date, str, str] | None:
    """The date nearest the trigger and whose it is: "own" (the deed's), "spoken" (the day someone spoke of it) or
    "borrowed" (the article's day: nothing dates it); None when it dates background rather than an event.

    A state dated by "since" ("held by rebels since 2015") is background. So is, outside the
    story's lead paragraph (which says what the story is about), an event known only to the year
    (ACLED codes none) or only to the month more than a year before the article; an old event the
    sentence dates to the day is kept (the sentence is about it).
    """
    t = sentence.start + trigger[0]
    inside = [d for d in dates if d.date_start <= a.base and not aside(a.article.text, sentence, d, t)]
    if not inside:
        index = bisect_left(a.sentences, sentence.start + 1, key=lambda s: s.start) - 1  # the clause's sentence
        if any(_old(a, d) for d in dates) and not in_lead(a, index):
            return None  # "X was killed in Mosul, and she moved on to Raqqa, where she married last year": a life story
        told = told_before(a, sentence)
        if told is None:
            return a.base, a.base, "day", "borrowed"
        # "A statement after Thursday's meeting ... It said the attack ...": the day of the talk, not of the attack
        whose = "spoken" if spoken(a.article.text, sentence_before(a, sentence), told) else "own"
        return told.date_start, told.date_end, told.precision, whose
    best = min(inside, key=lambda d: (abs(d.start - t) if d.start < t else d.start - t + 10))
    if since(a.article.text, sentence, best):  # "reached Douma on Monday, the first since ... in February"
        best = next((d for d in inside if d.precision == "day" and not since(a.article.text, sentence, d)
                     and not _SAID_ON.search(a.article.text, sentence.start, d.start)), best)
    if _STATIVE.search(a.article.text, max(sentence.start, best.start - 60), best.end):
        return None
    if _old(a, best) and sentence.paragraph != a.lead_paragraph():
        return None
    whose = "spoken" if spoken(a.article.text, sentence, best) else "own"
    return best.date_start, min(best.date_end, a.base), best.precision, whose
