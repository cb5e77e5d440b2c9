"""Who attacks whom across a story: an armed event that names no attacker takes the one the story's campaigns agree on.

Reports tell the campaign once ("the regime's offensive on eastern Ghouta", "Turkish jets pounded Afrin") and then
its deeds without an agent ("Fourteen civilians were killed in Douma on Sunday", "a shell hit their house"). A
campaign is an armed actor with an explicit deed (an attack noun or verb) and a target, a place or a side. An armed
event with no attacker, placed at a campaign's target (or inside it) or whose victims are the targeted side, takes the
attacker when every campaign against that target names one and the same side, and never the side that holds the place
or that the event itself names as acted upon. Counting who is named most was measured and rejected: the most named
side is often the target.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass, replace

from geo.extract.actors import ActorDictionary, ActorMention
from geo.extract.event_types import ARMED_TYPES
from geo.extract.places import PlaceHit, is_country
from geo.extract.sides import ARMED_EVENTS, state_forces
from geo.geometry import haversine_km
from geo.records import Event, Place

__all__ = ["Campaign", "find_campaigns", "with_campaign_attackers", "INSIDE_KM"]

# A town "inside" a targeted town or region of the same province: Jinderes for Afrin, Douma for eastern Ghouta.
INSIDE_KM = 30.0
_NOUNS = (r"offensives?|assaults?|bombardments?|bombing campaign|bombings?|shelling|sieges?|onslaught|incursions?|"
          r"operations?|campaigns?|air ?strikes|air raids|strikes|attacks?|blockade|advance")
_VERBS = (r"pound(?:ed|ing|s)?|shell(?:ed|ing|s)?|bomb(?:ed|ing|s)?|bombard(?:ed|ing|s)?|str(?:uck|ikes|iking)|"
          r"attack(?:ed|ing|s)?|besieg(?:ed|ing|es)|storm(?:ed|ing|s)?|target(?:ed|ing|s)?|pummell?(?:ed|ing|s)?|"
          r"hammer(?:ed|ing|s)?|blitz(?:ed|ing)?|overr(?:an|un|unning)|invad(?:ed|ing|es)|encircl(?:ed|ing|es)|"
          r"surround(?:ed|ing|s)?|clos(?:ed|ing) in|advanc(?:ed|ing) (?=on\b)|push(?:ed|ing) (?=into\b)")
# What may stand between the actor and its deed: a possessive, its forces, auxiliaries, a launch verb, adjectives.
_FILLER = (r"(?:['’]s?)?(?:\s+(?:forces|troops|jets|warplanes|army|military|artillery|fighters|and|its|their|allies|"
           r"has|have|had|was|were|is|are|able|also|again|continued?|resumed|renewed|mounted|to|kept|began|launched|"
           r"started|stepped|up|pressed|on|with|intensified|conducted|carried|out|an?|the|new|fresh|ground|air|aerial|"
           r"\w+-led|ferocious|brutal|relentless|massive|major|full-scale|chemical|weapons?|gas|last|this|week|month|"
           r"year|[\w-]+-(?:long|day|week|month))){0,7}?")
_DEED_AFTER = re.compile(_FILLER + r"\s+(?P<deed>" + _NOUNS + "|" + _VERBS + r")\b", re.I)
_TARGET_PREP = re.compile(r"\s*(?:(?:on|against|of|into|in|upon|targeting)\s+)?", re.I)
_OWN_DEED = re.compile(r"\b(?:" + _NOUNS + r")$", re.I)
# "the bombardment of Afrin by Turkish jets", "rocket fire by forces loyal to Assad": the deed's by-agent
_DEED_BY = re.compile(r"\b(?:" + _NOUNS + r")\b[^.;:!?\n]{0,50}?\bby\s+(?:the\s+)?"
                      r"(?:(?:forces|troops|militias?|fighters)\s+(?:loyal\s+to|of)\s+(?:the\s+)?(?:\w+['’]s\s+)?)?$", re.I)
# "the Turkish-led offensive on Afrin": a state's adjective leading the deed
_LED = re.compile(r"\b([A-Z][A-Za-z]+)-led\s+(?![Cc]oalition)(?:[\w-]+\s+){0,2}?(?i:" + _NOUNS + r")\b")
# "Afrin, which has been pounded by Turkish jets", "Ghouta, besieged by government forces": the deed in the passive
_PASSIVE = re.compile(r"(?:,\s*(?:which|where)\s+(?:has|had|have)?\s*(?:been|is|was|were|are)?\s*|,\s*|\s+(?:is|was|has been|"
                      r"had been|were|are|have been)\s+)(?:" + _VERBS + r"|under (?:siege|attack|bombardment|fire))\s+"
                      r"(?:by|from)\s+(?:the\s+)?$", re.I)
# "the rebel-held enclave of eastern Ghouta", "Isis-controlled Baghuz": the side that holds the place
_HOLDER = re.compile(r"\b([\w]+)[-\s](?:held|controlled|run)\s+(?:[\w-]+\s+){0,3}?$", re.I)
_NAME_BEFORE = re.compile(r"(?<![.!?:\"“‘]\s)(?<!^)\b(?!The\b|A\b|An\b)[A-Z][\w’'-]*(?<!['’]s)\s+$")
_BARE_DEED = re.compile(r"\s+(?:" + _NOUNS + r")\b", re.I)
_BY = re.compile(r"\bby\s+(?:the\s+)?$", re.I)
_BACKED_BY = re.compile(r"\b(?:backed|supported|aided|assisted|joined)\s+by\s+(?:an?\s+|the\s+)?$", re.I)
_JOINED = re.compile(r"\s*(?:,|and|or|,\s*(?:and|or))\s*", re.I)
_REACH = 100  # characters between a deed and its target
_SENTENCE_END = re.compile(r"[.;!?\n]")
_STOP = re.compile(r"[.;:!?\n\"“”–—(]|’(?!s)")


@dataclass(frozen=True)
class Campaign:
    """An armed side's deed against a place or a side, as the story states it."""
    attacker: str
    backer: str
    place: Place | None
    side: str
    start: int


def _armed(m: ActorMention, text: str) -> bool:
    """An armed side that can lead a campaign: not a source, nor a word inside a longer name ('the Manchester Arena
    bombing'), nor a common noun used as an adjective of the deed ('a terrorist attack', 'the military campaign')."""
    if m.actor_type not in ARMED_TYPES or m.is_source or m.speaker:
        return False
    if _NAME_BEFORE.search(text, max(0, m.start - 30), m.start):
        return False
    return not (_common(m) and _BARE_DEED.match(text, m.end))


def _common(m: ActorMention) -> bool:
    """'military', 'the regime', 'terrorist': a common noun, not a name ('the military operation' names nobody)."""
    return m.text.removeprefix("The ") == m.text.removeprefix("The ").lower()


def _between(items: list, start: int, end: int) -> list:
    """The items (sorted by start) that start in [start, end)."""
    return items[bisect_left(items, start, key=lambda x: x.start):bisect_left(items, end, key=lambda x: x.start)]


def _target(text: str, pos: int, actors: list[ActorMention], places: list[PlaceHit], begin: int = -1) -> tuple[Place | None, str]:
    """The first place and the first side named within reach after a deed, in its clause (from `begin` when
    given: 'the bombardment of Afrin by Turkish jets'), up to the comma after the first of them; when it names
    neither, the one town or region its sentence names."""
    stop = _STOP.search(text, pos, pos + _REACH)
    end = stop.start() if stop else pos + _REACH
    begin = pos if begin < 0 else begin
    towns = [h for h in _between(places, begin, end) if h.place is not None and not is_country(h.place)]
    sides = [m for m in _between(actors, pos, end) if m.actor_type in ARMED_TYPES and not m.is_source
             and not _BACKED_BY.search(text, max(0, m.start - 20), m.start)]
    first = min([h.start for h in towns[:1]] + [m.start for m in sides[:1]], default=end)
    comma = text.find(",", first, end)
    end = comma if comma >= 0 else end
    place = next((h.place for h in towns if h.start < end), None)
    side = next((state_forces(m.name) for m in sides if m.start < end), "")
    if place is None and not side:
        full = _SENTENCE_END.search(text, pos)
        own = {h.place.geonameid: h.place for h in _between(places, _sentence_of(text, pos), full.start() if full else len(text))
               if h.place is not None and not is_country(h.place)}
        place = next(iter(own.values())) if len(own) == 1 else None
    return place, side


def _every_occurrence(text: str, places: list[PlaceHit]) -> list[PlaceHit]:
    """Each resolved place at every place its name is written: a town read as a place once is that place all through
    the story ('Turkish artillery shelled Afrin' where only 'in Afrin' later was read as a place)."""
    known = {h.text: h.place for h in places if h.place is not None and not is_country(h.place) and len(h.text) > 3}
    if not known:
        return places
    pattern = re.compile(r"\b(?:" + "|".join(re.escape(n) for n in sorted(known, key=len, reverse=True)) + r")\b")
    seen = {h.start for h in places}
    extra = [PlaceHit(m.group(0), m.start(), m.end(), known[m.group(0)]) for m in pattern.finditer(text) if m.start() not in seen]
    return sorted(places + extra, key=lambda h: h.start)


def _sentence_of(text: str, pos: int) -> int:
    """The start of the sentence holding `pos` (its last stop before `pos`)."""
    return max(text.rfind(c, 0, pos) for c in ".;!?\n")


def find_campaigns(text: str, actors: list[ActorMention], places: list[PlaceHit],
                   dictionary: ActorDictionary) -> list[Campaign]:
    """The campaigns a story names: 'X's offensive on P', 'X pounded P', 'the X-led assault on P', 'P, besieged by X'."""
    places = _every_occurrence(text, places)
    actors = sorted(actors, key=lambda m: m.start)
    out: list[Campaign] = []
    for m in actors:
        if not _armed(m, text):
            continue
        deed = m.end if _OWN_DEED.search(m.text) and not _common(m) else None
        by = None if deed is not None or "by " not in text[max(0, m.start - 45):m.start] else \
            _DEED_BY.search(text, max(0, m.start - 70), m.start)
        if deed is None and by is None:
            found = _DEED_AFTER.match(text, m.end)
            deed = found.end() if found else None
        if deed is not None or by is not None:
            after = m.end if by else deed
            for other in _between(actors, after, after + _REACH):  # "by Syrian and Russian jets": both attack
                if _JOINED.fullmatch(text, after, other.start):
                    after = other.end
            prep = _TARGET_PREP.match(text, after)
            place, side = _target(text, prep.end(), actors, places, by.start() if by else -1)
            if (place or side) and side != state_forces(m.name):
                out.append(Campaign(state_forces(m.name), m.backer, place, side, m.start))
        for h in _between(places, m.start - 80, m.start):  # "Afrin, which has been pounded by Turkish jets"
            passive = _PASSIVE.search(text, h.end, m.start) if h.place is not None and 0 < m.start - h.end <= 60 else None
            if passive and passive.start() == h.end and not is_country(h.place):
                out.append(Campaign(state_forces(m.name), m.backer, h.place, "", m.start))
    for led in _LED.finditer(text):
        state = dictionary.state_name(led.group(1))
        if state:
            place, side = _target(text, _TARGET_PREP.match(text, led.end()).end(), actors, places)
            if place or side:
                out.append(Campaign(f"Military Forces of {state}", "", place, side, led.start()))
    return sorted(out, key=lambda c: c.start)


def _inside(event: Event, place: Place) -> bool:
    """Whether an event's place is the targeted place or a town inside it (same province, within INSIDE_KM)."""
    if event.geonameid and event.geonameid == place.geonameid:
        return True
    if event.lat is None or event.lon is None or event.country_code != place.country_code:
        return False
    if place.feature_code == "ADM1":
        return bool(event.admin1) and event.admin1 == place.admin1
    return event.admin1 == place.admin1 and haversine_km(event.lat, event.lon, place.lat, place.lon) <= INSIDE_KM


def _holders(text: str, places: list[PlaceHit], dictionary: ActorDictionary, country: str) -> dict[str, set[str]]:
    """geonameid -> the sides that hold the place ('the rebel-held enclave of eastern Ghouta')."""
    out: dict[str, set[str]] = {}
    for h in places:
        held = _HOLDER.search(text, max(0, h.start - 60), h.start) if h.place is not None else None
        if held:
            names = {state_forces(m.name) for m in dictionary.find(held.group(1) + " ", country)}
            names |= {state_forces(m.name) for m in dictionary.find(held.group(1) + "s ", country)}  # "rebel-held": rebels
            out.setdefault(h.place.geonameid, set()).update(names)
    return out


def _agents_named(sentence: str, dictionary: ActorDictionary, country: str) -> set[str]:
    """'killed by an IED planted by Isis': the agents a sentence names itself, even where its parse missed them."""
    return {state_forces(m.name) for m in dictionary.find(sentence, country)
            if m.actor_type in ARMED_TYPES and _BY.search(sentence, max(0, m.start - 8), m.start)}


def _one_side(campaigns: list[Campaign]) -> str:
    """The attacker all campaigns agree on; a state and the rebels it backs are one side (the state leads)."""
    names = {c.attacker for c in campaigns}
    for backer in {c.backer for c in campaigns if c.backer} & names:
        if names - {backer} <= {c.attacker for c in campaigns if c.backer == backer}:
            return backer
    return next(iter(names)) if len(names) == 1 else ""


def with_campaign_attackers(events: list[Event | None], text: str, actors: list[ActorMention], places: list[PlaceHit],
                            dictionary: ActorDictionary, country: str = "") -> list[Event | None]:
    """The events, with the story's agreed attacker given to armed events that name none; a bomb that still has none
    was set by an unidentified armed group (ACLED's name for it)."""
    return [_unclaimed_bomb(e, dictionary) for e in _campaign_attackers(events, text, actors, places, dictionary, country)]


_BOMBS = frozenset({"Remote explosive/landmine/IED", "Suicide bomb"})


# a device set on the ground, not a bombing from the air ("hospitals have been bombed", "barrel bombs")
_DEVICE = re.compile(r"\b(?:car|truck|roadside|motorbike|motorcycle|suicide|nail)[ -]bomb|\bIEDs?\b|improvised explosive|"
                     r"explosive device|land ?mines?|\bmines?\b|booby[ -]trap|suicide (?:attack|bomber|bombing)|bomb blast",
                     re.I)


def _unclaimed_bomb(e: Event | None, dictionary: ActorDictionary) -> Event | None:
    if e is None or e.actor1 or e.actor2 and not e.actor2.startswith("Civilians") or e.sub_event_type not in _BOMBS \
            or not _DEVICE.search(e.sentence):
        return e
    name = dictionary.country_name(e.country_code)
    return replace(e, actor1=f"Unidentified Armed Group ({name})" if name else "Unidentified Armed Group")


def _campaign_attackers(events: list[Event | None], text: str, actors: list[ActorMention], places: list[PlaceHit],
                        dictionary: ActorDictionary, country: str) -> list[Event | None]:
    if not any(e is not None and not e.actor1 and e.event_type in ARMED_EVENTS for e in events):
        return events
    campaigns = find_campaigns(text, actors, places, dictionary)
    if not campaigns:
        return events
    holders = _holders(text, places, dictionary, country)
    out = list(events)
    for i, e in enumerate(out):
        if e is None or e.actor1 or e.event_type not in ARMED_EVENTS:
            continue
        against = [c for c in campaigns if (c.place is not None and _inside(e, c.place)) or (c.side and c.side == e.actor2)]
        held = set().union(*(holders.get(c.place.geonameid, set()) for c in against if c.place is not None))
        attacker = _one_side(against)
        if attacker and attacker != e.actor2 and attacker not in held \
                and _agents_named(e.sentence, dictionary, country) <= {attacker}:
            out[i] = replace(e, actor1=attacker)
    return out
