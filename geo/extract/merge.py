"""Events of one article that report the same thing become one row (same sub-type, dates and
compatible actors), keeping the most precise place and the largest conservative death count; an
event dated and placed by a later sentence ("the ambush happened on 2 May outside Binnish")
takes that sentence's date and place."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import replace
from datetime import date, timedelta

from geo.extract.event_types import TypeMatch
from geo.records import Event, actor_names, same_sides, unidentified

__all__ = ["merge_events", "RETOLD", "RETOLD_WITHIN", "fold_retold", "retells", "retold_pairs", "refers_back",
           "in_passing", "attributed", "join_references", "VIOLENT"]

# "The ambush is thought to have happened on 2 May on a road outside Binnish": a sentence that says when
# and where the event just told happened; group 1 is the noun that refers back to it.
RETOLD = re.compile(r"\b(?:the|that|this)\s+(incident|attack|clash|clashes|firefight|raid|strike|assault|ambush|bombing|"
                    r"battle|killings?|shooting|explosion|blast)\b[^.;]{0,40}?\b(?:took place|taken place|happened|occurred)\b",
                    re.I)
RETOLD_WITHIN = 3  # sentences back to the event it refers to
_REFERENCES = ("reference", "passing reference", "spoken reference")
REFERENCE_DAYS = 14  # how long before the story an undated reference's deed may lie: "in the weeks before"
# "the clashes are continuing", "the battle is almost over": told as going on, the reference is the day's news
_NOW = re.compile(r"\b(?:is|are|remains?|continues?|continuing)\b", re.I)
VIOLENT = frozenset({"Battles", "Explosions/Remote violence", "Violence against civilians"})  # political violence


def retells(noun: str, event_type: str) -> bool:
    """Whether 'the <noun>' can refer back to an event of this type: 'the incident' to any, 'the attack' or 'the
    clash' to political violence (not to a protest or an agreement)."""
    return noun.lower() == "incident" or event_type in VIOLENT


def retold_pairs(found: list, retold: list, dated, places) -> list[tuple[int, int]]:
    """Sentences that say when and where the event told just before happened ("The ambush happened on 2 May
    outside Binnish") join `found` (the driver's (index, sentence, text, match, actors, places)
    rows) as that event, its type at the referring noun; `retold` holds (index, sentence, text, RETOLD match,
    actors); `dated(sentence)` and `places(sentence)` come from the article. Returns the (first telling,
    retelling) positions in `found`, which is kept in text order."""
    pairs = []
    for index, sentence, text, again, actors in retold:
        if not dated(sentence):
            continue
        told = next((f for f in reversed(found) if index - RETOLD_WITHIN <= f[0] < index and retells(again[1], f[3].event_type)),
                    None)
        if told is None:
            continue
        match = TypeMatch(told[3].event_type, told[3].sub_event_type, again.start(1), again.end(1), again[1], True)
        entry = (index, sentence, text, match, actors, places(sentence))
        found[:] = [f for f in found if (f[0], f[1].start) != (index, sentence.start)]  # told once, not twice
        found.append(entry)
        pairs.append((told, entry))
    found.sort(key=lambda f: (f[0], f[1].start))
    where = {id(f): i for i, f in enumerate(found)}
    return [(where[id(t)], where[id(e)]) for t, e in pairs]


def fold_retold(told: Event, retold: Event) -> Event:
    """The event told first, at the date and place of the sentence that retells it; the first telling's actors."""
    merged = replace(retold, fatalities=max(told.fatalities, retold.fatalities), sentence=f"{told.sentence} {retold.sentence}",
                     confidence=max(told.confidence, retold.confidence))
    if told.actor1 or told.actor2:
        merged = replace(merged, actor1=told.actor1, actor2=told.actor2, assoc_actor1=told.assoc_actor1,
                         assoc_actor2=told.assoc_actor2)
    return merged


# "the attack", "the alleged chemical attack", "its assault on Afrin", "Turkey's offensive": a definite noun phrase names a
# known event. The words between the determiner and the trigger must read as modifiers: a past form, a participle or an auxiliary there
# ("the regime used chemical weapons", "the gunman was carrying explosives") is a verb, unless it is one of the hedges
# reporters put on an event, right after the determiner ("the alleged attack", not "the monitor reported clashes").
_ARTICLES = frozenset("the this that these those its their his her".split())
_OPENER = r"\b(?i:" + "|".join(sorted(_ARTICLES)) + r")|\b[A-Z][\w-]+[’']s"  # a determiner or a possessive name
_DETERMINER = re.compile(r"(?:" + _OPENER + r")\s+((?:[“\"]?[\w’'-]+[”\"]?\s+){0,4})$")
_NEWS = re.compile(r"\b(?:first|latest|new|fresh|renewed|biggest|heaviest|deadliest)\b", re.I)
_NP_START = re.compile(r"(?:" + _OPENER + r")\b")  # the last one opens it
_QUOTES = "“”\""  # a quoted word before the noun is the speaker's epithet: the “shocking and barbaric” attack
_HEDGES = frozenset("alleged suspected reported presumed purported apparent deadly ongoing".split())
_VERBAL = frozenset("is are was were be been being has have had do did does".split())
# "has been killed", "was killed", "died": a death told without its day, in a story that dates it elsewhere
_DEATH = re.compile(r"\b(?:(?:has|have|had)\s+been|was|were)\s+(?:\w+\s+)?killed\b|\bkilled\s+(?=(?:while|when)\b)|"
                    r"\b(?:has|have)\s+died\b|\bdied\b", re.I)


# "the mother of a man killed while clearing mines", "a key role in Turkey's assault": a known deed named in passing,
# not the sentence's news; the news opens a clause ("The attack killed 12", "officials said the attack killed 12")
_PASSING_DEATH = re.compile(r"(?<!\bwas\s)(?<!\bwere\s)(?<!\bbeen\s)\bkilled\s+(?=(?:while|when)\b)", re.I)
_CLAUSE_OPENS = re.compile(r"(?:^|[,;:“\"(–—]|\b(?:said|says|that|and|but|as|when|after|while))\s*$", re.I)


def in_passing(text: str, match: TypeMatch) -> bool:
    """Whether a reference names its deed in passing (the object of a verb or a preposition, or a death in a reduced
    relative clause) rather than as the subject of the sentence's news."""
    if _PASSING_DEATH.search(text, max(0, match.start - 2), match.end + 8):
        return True
    before = _DETERMINER.search(text, max(0, match.start - 60), match.start)
    if before is None or not refers_back(text, match):
        return False
    start = max((m.start() for m in _NP_START.finditer(text, before.start(), match.start)), default=before.start())
    if _NEWS.search(text, start, match.start):
        return False  # "their first raid in weeks", "the latest offensive": the news itself
    return not _CLAUSE_OPENS.search(text, 0, start)


# "Macron's claim on Thursday that he has proof the regime used chemical weapons in Douma", "blamed the army for ...":
# whose deed it was, argued over on a speaker's day; the deed is one the story may have told already
_ATTRIBUTED = re.compile(r"\b(?:claims?|claimed|proof|evidence|accus(?:ed|es|ing)|blam(?:ed|es|ing)|responsib(?:le|ility))\b"
                         r"[^.;]{0,100}$", re.I)


def attributed(text: str, match: TypeMatch) -> bool:
    """Whether a deed is told as the matter of a claim of who did it ("has proof that the regime used ...")."""
    return bool(_ATTRIBUTED.search(text, max(0, match.start - 100), match.start))


def refers_back(text: str, match: TypeMatch) -> bool:
    """Whether a trigger names an event as a known one rather than telling it: a definite noun phrase ("the chemical
    attack", "their assault on Afrin") or a death told without its day ("has been killed", "died")."""
    if any(d.start() < match.end and match.start < d.end() for d in _DEATH.finditer(text, max(0, match.start - 25),
                                                                                     match.end + 8)):  # "killed while"
        return True
    before = _DETERMINER.search(text, max(0, match.start - 60), match.start)
    if before is None or match.trigger.lower().endswith("ed"):  # "the regime's jets struck": a verb tells the deed
        return False
    words = before[1].split()
    last = max((i for i, w in enumerate(words) if w.lower() in _ARTICLES or (w[0].isupper() and w.endswith(("'s", "’s")))),
               default=-1)
    words = words[last + 1:]  # "the council condemned the bombing": the noun phrase starts at the last determiner
    return all((i == 0 and w.lower() in _HEDGES) or "-" in w or w[0] in _QUOTES or w[-1] in _QUOTES or w.lower() == "and"
               or not (w.lower() in _VERBAL or w.lower().endswith(("ed", "en", "ing"))) for i, w in enumerate(words))


def _inside(a: Event, b: Event) -> bool:
    """Same place, or one a town of the region the other names (same first-level division, the region coarser)."""
    if a.geonameid and a.geonameid == b.geonameid:
        return True
    if not (a.admin1 and a.admin1 == b.admin1 and a.country_code == b.country_code):
        return False
    return (a.geo_precision == 3) != (b.geo_precision == 3) and "country" not in (a.scope, b.scope)


def _clash(a: Event, b: Event) -> bool:
    """Actors that cannot be one event's: two different attackers, or roles swapped. Targets are not compared: a
    reference names its victims loosely ("a foreign volunteer with the militia")."""
    def known(name: str) -> str:
        return "" if unidentified(name) else name

    a1, a2, b1, b2 = (known(x) for x in (a.actor1, a.actor2, b.actor1, b.actor2))
    return bool((a1 and b1 and a1 != b1) or (a1 and a1 == b2) or (a2 and a2 == b1))


def _kin(a: Event, b: Event) -> bool:
    """One kind of event: the same type, or both political violence (a reader's "the attack" or "was killed" does not
    say whether the deed was a battle, a strike or a killing); a change of territory only with its own kind."""
    if "territory" in a.sub_event_type or "territory" in b.sub_event_type:
        return a.sub_event_type == b.sub_event_type  # a town taken is no strike, nor anyone's death
    return a.event_type == b.event_type or (a.event_type in VIOLENT and b.event_type in VIOLENT)


def join_references(events: list[Event | None], dating: dict[str, str], base: date | None = None) -> list[Event | None]:
    """An event whose date is borrowed (the article's day, or the day someone spoke of it) and that refers back to a
    known event (`dating`: event id -> "own", "spoken", "borrowed", or one of _REFERENCES, from
    geo/extract/events.py) joins the one event of its kind the article tells with a date of its own, at its place or a
    place inside or around it, when no actor clashes: the article's "the attack" on the day a minister spoke of it is
    the attack told on Saturday.

    Both must be news (drawn): a reference is not moved onto history. The told event's place must be its own
    sentence's (one taken from the sentences around it may be the reference's own) and its date a day (a reference
    names one deed, not "last month"). With several such events told before that day, the one told most often; with
    a tie (two days, two towns told alike), or when the story also tells such an event undated (its news of the day,
    which the reference may name), the reference stays as it is. The joined row keeps the told event's date.

    A reference named in passing that joins nothing and is not the day's news (told going on, or told again on the
    article's day), dated only by the article (`base`), names a deed done before the story, on a day it does not give
    ("the mother of a man killed while clearing mines has paid tribute"): its date becomes the weeks up to the
    article's day, the range the story allows, rather than that day."""
    out = list(events)
    for i, ref in enumerate(events):
        if ref is None or dating.get(ref.event_id) not in _REFERENCES or ref.scope != "event":
            continue
        if any(e is not None and dating.get(e.event_id) == "borrowed" and e.scope == "event" and _kin(e, ref)
               and _inside(e, ref) and not _clash(e, ref) for e in out):
            continue  # "condemned the killing" after "X was killed when a bomb exploded": today's news, told undated
        undated = base is not None and dating[ref.event_id] == "passing reference" and not _NOW.search(ref.sentence)
        if undated and not any(e is not None and e is not ref and dating.get(e.event_id) in _REFERENCES and e.scope == "event"
                               and e.date_start == ref.date_start and _kin(e, ref) and _inside(e, ref) and not _clash(e, ref)
                               for e in out):  # "used in the ambush ... the ambush carried out on the road": told today
            out[i] = replace(ref, date_start=(base - timedelta(days=REFERENCE_DAYS)).isoformat(), date_precision="month")
        told = [j for j, e in enumerate(out) if e is not None and dating.get(e.event_id) == "own" and e.scope == "event"
                and e.date_precision == "day" and e.place and e.place in e.sentence and e.date_end <= ref.date_start
                and _kin(e, ref) and _inside(e, ref) and not _clash(e, ref)]
        tellings = Counter((out[j].date_start, out[j].date_end, out[j].geonameid) for j in told).most_common(2)
        if tellings and (len(tellings) == 1 or tellings[0][1] > tellings[1][1]):
            j = next(j for j in told if (out[j].date_start, out[j].date_end, out[j].geonameid) == tellings[0][0])
            out[j], out[i] = _combine(out[j], out[i]), None
    return out


def _scope(a: str, b: str) -> str:
    """Drawn when either report is news; country-level only when neither names anything finer."""
    if "event" in (a, b):
        return "event"
    return "country" if a == b == "country" else "background"


def _same_event(a: Event, b: Event) -> bool:
    if (a.sub_event_type, a.date_start, a.date_end) != (b.sub_event_type, b.date_start, b.date_end):
        return False
    if a.country_code and b.country_code and a.country_code != b.country_code:
        return False
    if a.admin1 and b.admin1 and a.admin1 != b.admin1 and min(a.geo_precision, b.geo_precision) < 3:
        return False
    if max(a.geo_precision, b.geo_precision) < 3 and a.geonameid and b.geonameid and a.geonameid != b.geonameid:
        return False  # strikes on Kafr Batna and on Douma the same day are two events, as ACLED codes them
    return same_sides(_actors(a), _actors(b))


def _actors(e: Event) -> set[str]:
    return actor_names((e.actor1, e.actor2, e.assoc_actor1, e.assoc_actor2))


def merge_events(events: list[Event], apart: dict[str, int] | None = None) -> list[Event]:
    """One row per event. `apart` (event id -> sentence) marks the clauses one sentence told as events of their
    own ("killed on 26 July, while 15 were killed two days later"): those never merge with each other."""
    apart = apart or {}
    out: list[Event] = []
    told: list[set[int]] = []  # the sentences of split clauses each row holds
    for e in events:
        mine = apart.get(e.event_id)
        twin = next((i for i, o in enumerate(out) if (mine is None or mine not in told[i]) and _same_event(o, e)), None)
        if twin is None:
            out.append(e)
            told.append({mine} if mine is not None else set())
            continue
        out[twin] = _combine(out[twin], e)
        told[twin] |= {mine} if mine is not None else set()
    return out


def _combine(a: Event, b: Event) -> Event:
    """One event from two reports of it: the finer place, the filled actors, the larger stated toll."""
    def fine(e: Event) -> tuple:
        return e.lat is not None, -e.geo_precision, e.scope != "country"  # a region beats the country it is in

    where = b if fine(b) > fine(a) else a
    merged = replace(
        a,
        place=where.place, location=where.location, admin1=where.admin1, country_code=where.country_code,
        lat=where.lat, lon=where.lon, geonameid=where.geonameid, geo_precision=where.geo_precision,
        fatalities=max(a.fatalities, b.fatalities),
        sentence=f"{a.sentence} {b.sentence}",
        confidence=round(min(1.0, max(a.confidence, b.confidence) + 0.05), 2),
        scope="country" if where.scope == "country" else _scope(a.scope, b.scope),  # no dot on a centroid
    )
    for field, other in (("actor1", "actor2"), ("actor2", "actor1")):
        name = getattr(b, field)
        if not getattr(merged, field) and name and name != getattr(merged, other):
            merged = replace(merged, **{field: name})
    principals = {merged.actor1, merged.actor2}
    assoc1 = [n for n in merged.assoc_actor1.split("; ") if n and n not in principals]
    assoc2 = [n for n in merged.assoc_actor2.split("; ") if n and n not in principals and n not in assoc1]
    return replace(merged, assoc_actor1="; ".join(assoc1), assoc_actor2="; ".join(assoc2))
