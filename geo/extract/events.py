"""Articles to `Event` records: who did what to whom, where and when, sentence by sentence.

Each sentence with an event trigger (geo/event_types.py) gives one event: its date is the
date expression nearest the trigger (else the article's date), its actors the sides of the
trigger (geo/extract/sides.py), its place the best event place of the sentence
(geo/event_places.py), else the place of the previous event of the paragraph, else the
article's main place at region precision. Events of one article that report the same thing
(same type, dates and an actor in common) are merged, keeping the most precise place and the
largest of the conservative death counts. A trigger counts only in a clause that reports something
that happened (geo/extract/factuality.py), and each event gets a scope: drawn news, background or
country-level (geo/extract/scope.py).
"""

from __future__ import annotations

import hashlib
from bisect import bisect_left
import re
from dataclasses import dataclass, replace
from datetime import date

from geo.extract import factuality, wording
from geo.extract.actors import ActorDictionary, ActorMention, default_dictionary
from geo.extract.articles import Article
from geo.extract.dates import DateMention, find_dates
from geo.extract.event_dates import event_date, sentence_before, speaker, told_before
from geo.extract.merge import (RETOLD, attributed, fold_retold, in_passing, join_references, merge_events, refers_back,
                               retold_pairs)
from geo.extract.referents import namesake_section, setting_before, town_referred
from geo.extract.roles import wants_parse
from geo.extract.sides import event_sides
from geo.extract.campaigns import with_campaign_attackers
from geo.extract.scope import (a_person, anchor_place, cumulative_toll, dated_paragraph, in_lead, life_or_summary,
                               origin_country, scope_of, stretch)
from geo.extract.sentences import Sentence, split_sentences
from geo.extract.places import PlaceHit, choose_location, event_place_hits, find_place_hits, geo_precision, is_country, main_country
from geo.extract.event_types import TypeMatch, classify, fatalities, same_means
from geo.gazetteer.index import PlaceIndex
from geo.records import Event, Mention
from geo.taxonomy import event_type_of

__all__ = ["extract_events", "find_mentions"]

# --- one article's analysis ------------------------------------------------------------------------


@dataclass
class _Analysis:
    article: Article
    base: date
    sentences: list[Sentence]
    event_places: list[PlaceHit]  # those that can be event locations
    actors: list[ActorMention]
    country: str
    dictionary: ActorDictionary
    _dates: list[DateMention] | None = None

    @property
    def paragraphs(self) -> bool:
        """Whether the story has paragraph breaks at all."""
        return bool(self.sentences) and self.sentences[-1].paragraph > 0

    def lead_paragraph(self) -> int:
        """The paragraph of the story's first real sentence (a dateline like "SAN SALVADOR --" is not one)."""
        text = self.article.text
        return next((s.paragraph for s in self.sentences if len(text[s.start:s.end].split()) > 6), 0)

    def dates(self, sentence: Sentence | None = None) -> list[DateMention]:
        """Date expressions of a sentence, or of the whole article: read over the whole text once, so that
        "two days later" counts from the day the sentence before named."""
        if self._dates is None:
            self._dates = find_dates(self.article.text, self.base)
        return self._dates if sentence is None else _within(self._dates, sentence)


def _analyse(article: Article, gazetteer: PlaceIndex, dictionary: ActorDictionary | None = None) -> _Analysis:
    dictionary = dictionary or default_dictionary()
    text = article.text
    base = date.fromisoformat(article.date)
    actors = dictionary.find(text)
    blocked = [(a.start, a.end) for a in actors]
    places = find_place_hits(text, gazetteer, blocked, dictionary.demonyms)
    candidates = event_place_hits(text, places, blocked, dictionary.demonyms, gazetteer)
    country = main_country(candidates)
    if country:
        actors = dictionary.localise(actors, country)
    actors = dictionary.follow_named_forces(actors, text)
    return _Analysis(article, base, split_sentences(text), candidates, actors, country, dictionary)


def find_mentions(article: Article, gazetteer: PlaceIndex) -> list[Mention]:
    """Places, actors and dates of an article, for highlighting (sources quoted are not actors)."""
    a = _analyse(article, gazetteer)
    out = [Mention(h.text, h.start, h.end, "place", h.place, h.place.name if h.place else "") for h in a.event_places]
    out += [Mention(m.text, m.start, m.end, "actor", None, m.name) for m in a.actors if not m.is_source]
    out += [Mention(d.text, d.start, d.end, "date", None, d.value) for d in a.dates()]
    return sorted(out, key=lambda m: (m.start, m.end))


def _within(items: list, sentence: Sentence) -> list:
    """The items (sorted by start) inside a sentence, found by bisection: long texts have thousands."""
    lo = bisect_left(items, sentence.start, key=lambda x: x.start)
    hi = bisect_left(items, sentence.end, key=lambda x: x.start)
    return [x for x in items[lo:hi] if x.end <= sentence.end]


# --- events -----------------------------------------------------------------------------------------


# How sure an event is (0-1): the trigger's strength, then what was found for it.
CONFIDENCE = {
    "base": 0.45,
    "strong_trigger": 0.15,  # "air strike", "shelled" rather than "attack", "hit"
    "place_resolved": 0.15,  # a place of its own sentence, in the gazetteer
    "place_unresolved": 0.05,  # a place of its own sentence, unknown to the gazetteer
    "story_place": -0.1,  # no place of its own: the story's main place
    "no_place": -0.2,
    "acting_side": 0.1,  # who acted is known
}


def extract_events(article: Article, gazetteer: PlaceIndex) -> list[Event]:
    """The events an article reports, in text order, merged where sentences repeat one event."""
    a = _analyse(article, gazetteer)
    found, candidates, retold = [], [], []
    for index, whole in enumerate(a.sentences):
        prior = None
        for sentence in _clauses(a, whole):
            text = a.article.text[sentence.start:sentence.end]
            actors = _within(a.actors, sentence)
            match = classify(text, tuple(m.actor_type for m in actors if not m.is_source and not m.speaker))
            match = same_means(match, prior)
            prior = match or prior
            again = RETOLD.search(text)
            if again and (match is None or match.start >= again.start(1)):
                retold.append((index, sentence, text, again, actors))  # "the incident took place on ...": see below
            if match is not None:
                candidates.append((index, sentence, text, match, actors))
    factuality.prepare([(c[2], c[3].start, c[3].end) for c in candidates],
                       also=[c[2] for c in candidates if wants_parse(c[2], c[4])])  # for their sides
    for index, sentence, text, match, actors in candidates:
        match = _factual_match(text, match, actors)
        if match is None:
            continue  # "will attack", "vowed to retake", "forces fighting Isis": nothing happened at one time
        hits = _within(a.event_places, sentence)
        acting = any(not m.is_source and not m.speaker for m in actors) or bool(_CLAIMED.search(text, 0, match.start))
        if not match.strong and not (hits and acting):
            continue  # "the operation aims to...": a weak trigger needs an actor and a place of its own
        if wording.unreal(text, match):
            continue  # "will attack", "threatened to launch": not (yet) an event
        found.append((index, sentence, text, match, actors, hits))
    folds = retold_pairs(found, retold, lambda s: bool(a.dates(s)), lambda s: _within(a.event_places, s))
    fallback = _main_place(a)
    last_place: dict[int, tuple[PlaceHit, int]] = {}
    seen: set[str] = set()
    dating: dict[str, str] = {}  # event id -> own, spoken, borrowed (geo/extract/event_dates.py) or reference: merge.join_references
    events = _sides_of_clause_before([_event(a, *f, last_place, fallback, seen, dating) for f in found], found)
    events = with_campaign_attackers(events, a.article.text, a.actors, a.event_places, a.dictionary, a.country)
    for told, again in folds:
        if events[told] is not None and events[again] is not None:
            events[again], events[told] = fold_retold(events[told], events[again]), None
    events = join_references(events, dating, a.base)
    split = {f[0] for f in found if f[1].start != a.sentences[f[0]].start or f[1].end != a.sentences[f[0]].end}
    apart = {e.event_id: f[0] for e, f in zip(events, found) if e is not None and f[0] in split}
    return merge_events([e for e in events if e is not None], apart)


# "the group claimed responsibility for the raid": the claimant is the side that acted, not a mere speaker
_CLAIMED = re.compile(r"\bclaim(?:ed|s|ing)?\s+responsibility\s+for\b", re.I)
def _sides_of_clause_before(events: list[Event | None], found: list) -> list[Event | None]:
    """'Coalition jets killed 11 on Tuesday, while another 20 were killed two days later in Tabqa': a clause cut from
    a sentence that names no attacker keeps the attacker (and victims) of the clause before, when both tell one kind."""
    out = list(events)
    for i in range(1, len(out)):
        e, before = out[i], out[i - 1]
        if e is None or before is None or found[i][0] != found[i - 1][0] or e.actor1 or not before.actor1:
            continue
        if before.event_type == e.event_type and before.actor1 != e.actor2:
            out[i] = replace(e, actor1=before.actor1, assoc_actor1=e.assoc_actor1 or before.assoc_actor1,
                             actor2=e.actor2 or before.actor2)
    return out


_CLAUSE_SPLIT = re.compile(r";\s+|\s+[–—]\s+(?=while\b|whereas\b)|,\s+(?:while|whereas)\s+|"
                           r",\s+(?:and|but)\s+(?=(?:on|in|at|later|earlier|the same day|the next day|a day|two days|"
                           r"three days|another|a further|[Oo]n)\b)")


def _clauses(a: _Analysis, sentence: Sentence) -> list[Sentence]:
    """'Nine died in shelling of Harasta on 3 March, while on 5 March 20 were killed in Douma': one event
    per clause when each clause has a trigger and a time of its own, a date or one told from the clause before
    ("two days later", "on the same day"); ACLED codes one event per place and day."""
    text = a.article.text
    cuts = [m for m in _CLAUSE_SPLIT.finditer(text, sentence.start, sentence.end)]
    if not cuts:
        return [sentence]
    bounds = [sentence.start] + [x for m in cuts for x in (m.start(), m.end())] + [sentence.end]
    parts = [Sentence(bounds[i], bounds[i + 1], sentence.paragraph) for i in range(0, len(bounds), 2)]
    own = [bool(classify(text[p.start:p.end])) and bool(a.dates(p))
           for p in parts]
    return parts if all(own) else [sentence]


def _factual_match(text: str, match: TypeMatch, actors: list[ActorMention], tries: int = 3) -> TypeMatch | None:
    """The sentence's first trigger that reports something that happened: a rejected trigger is
    blanked out and the sentence classified again ("vowed to retake the town after jets struck it")."""
    kinds = tuple(m.actor_type for m in actors if not m.is_source and not m.speaker)
    masked = text
    for _ in range(tries):
        if factuality.reason(text, match.start, match.end) is None:
            return match
        masked = masked[:match.start] + " " * (match.end - match.start) + masked[match.end:]
        match = classify(masked, kinds)
        if match is None:
            return None
    return None


def _event(a: _Analysis, index: int, sentence: Sentence, text: str, match: TypeMatch,
           actors: list[ActorMention], hits: list[PlaceHit], last_place: dict, fallback: PlaceHit | None,
           seen: set[str], dating: dict[str, str]) -> Event | None:
    trigger = (match.start, match.end)
    dates = a.dates(sentence)
    when = event_date(a, sentence, trigger, dates)
    if when is None:
        return None
    start, end, date_precision, own = when
    if cumulative_toll(text, match, start, end, dates):
        return None
    c = CONFIDENCE
    confidence = c["base"] + (c["strong_trigger"] if match.strong else 0.0)
    hits = [h for h in hits if not origin_country(text, sentence.start, h) and not a_person(a.article.text, h)]
    hit = choose_location(text, sentence.start, trigger, hits)
    if hit is None and not dates:  # an undated, unplaced sentence goes on telling the one before
        hit = _told_place(a, sentence)
    if index and hit is None:  # "the city" named in the sentence before
        before = _within(a.event_places, Sentence(a.sentences[index - 1].start, sentence.start, 0))
        hit = town_referred(text, before, a.country) or hit
    echo = hit is None and not dates  # "two days later" is a time of its own (geo/extract/dates.py)
    anchor = anchor_place(last_place.get(stretch(a, index, 1)), fallback) if hit is not None else None
    if hit is not None and hit.place is not None and not namesake_section(hit, a.article.text, anchor):
        anchor = None  # a place the gazetteer knows, not a namesake of a neighbourhood it lacks
    if hit is not None:
        precision = geo_precision(hit, a.article.text)
        if anchor is None:
            last_place[stretch(a, index)] = (hit, precision)
        confidence += c["place_resolved"] if hit.place is not None else c["place_unresolved"]
    elif stretch(a, index, 1) in last_place:  # the paragraph (or the sentence before) goes on about the same place
        hit, precision = last_place[stretch(a, index, 1)]
        precision = max(precision, 2)
    elif (near := setting_before(a.article.text, sentence_before(a, a.sentences[index]), a.event_places, a.country)):
        hit, precision = near, 2  # the scene the sentence before set
    elif fallback is not None:
        hit, precision = fallback, 3
        confidence += c["story_place"]
    else:
        precision = 3
        confidence += c["no_place"]
    place = hit.place if hit else None
    if anchor is not None:  # "the Mashlab neighbourhood", a name the gazetteer lacks: near the town the story is in
        place, precision = anchor, 2
    if place is not None and place.country_code and place.country_code != a.country:
        actors = a.dictionary.localise(actors, place.country_code)
    sides, sub_type = event_sides(text, sentence.start, match, actors, hits, a.dictionary,
                                  place.country_code if place is not None and place.country_code else a.country,
                                  hit.place.country_code if hit and hit.place else a.country, a.actors)
    if sides[0]:
        confidence += c["acting_side"]
    if echo and not sides[0] and not sides[1] and sub_type in seen:
        return None  # "whoever had downed it would pay": no actor, place or date of its own, a kind told before
    seen.add(sub_type)
    clause = f":{sentence.start}" if sentence.start != a.sentences[index].start else ""
    event_id = hashlib.sha1(f"{a.article.article_id}:{index}:{sub_type}{clause}".encode()).hexdigest()[:16]
    referred = own != "own" and (refers_back(text, match) or (own == "spoken" and attributed(text, match)))
    if not referred:
        dating[event_id] = own
    else:
        dating[event_id] = "spoken reference" if own == "spoken" else "passing reference" if in_passing(text, match) else "reference"
    if referred and own == "spoken" and sides[0] and sides[0][0] == speaker(a.article.text, sentence, dates, actors):
        sides = ([], sides[1])  # "UN investigators today condemned the attack": who spoke did not do the deed
    return Event(
        event_id=event_id,
        article_id=a.article.article_id,
        date_start=start.isoformat(),
        date_end=end.isoformat(),
        date_precision=date_precision,
        event_type=event_type_of(sub_type),
        sub_event_type=sub_type,
        actor1=sides[0][0] if sides[0] else "",
        actor2=sides[1][0] if sides[1] else "",
        assoc_actor1="; ".join(sides[0][1:]),
        assoc_actor2="; ".join(sides[1][1:]),
        place=hit.text if hit else "",
        location=place.name if place else "",
        admin1=place.admin1 if place else "",
        country_code=place.country_code if place else "",
        lat=place.lat if place else None,
        lon=place.lon if place else None,
        geonameid=place.geonameid if place else "",
        geo_precision=precision,
        fatalities=fatalities(text),
        sentence=text,
        source=a.article.source,
        url=a.article.url,
        confidence=round(max(0.05, min(confidence, 1.0)), 2),
        scope=scope_of(a.base, start, end, place, dated=not life_or_summary(text, match.start, match.end, dates) and (
            in_lead(a, index) or dated_paragraph(a, a.sentences[index]) or factuality.ongoing(text, match.start, match.end))),
    )


def _main_place(a: _Analysis) -> PlaceHit | None:
    """Where an unplaced event is put: the resolved place of the main country the story names most."""
    counts: dict[str, list[PlaceHit]] = {}
    for h in a.event_places:
        if h.place is not None and (not a.country or h.place.country_code == a.country):
            counts.setdefault(h.place.geonameid, []).append(h)
    # the country itself only when the story names nothing smaller in it
    smaller = {k: v for k, v in counts.items() if not is_country(v[0].place)}
    counts = smaller or counts
    return max(counts.values(), key=len)[0] if counts else None


def _told_place(a: _Analysis, sentence: Sentence) -> PlaceHit | None:
    """...and, naming no place either, the place that sentence told with that day."""
    before = sentence_before(a, sentence)
    if before is None or told_before(a, sentence) is None:
        return None
    text = a.article.text[before.start:before.end]
    return choose_location(text, before.start, (0, 0), _within(a.event_places, before))
