"""Where an event happened: the places of a text, which of them can be event locations, and
which one a sentence's event is at (with ACLED's geo_precision).

The gazetteer finds and resolves toponyms; this module adds cue patterns for names the
gazetteer lacks ("the town of X", "near X", "X province", "X airbase", kept unresolved with
their surface form) and drops mentions that are not event locations: demonyms and parts of
actor names ("Russian", "Syrian Observatory"), organisations' homes ("Britain-based",
"TASS news agency") and descriptions ("Russia is a major ally").
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections import Counter
from dataclasses import dataclass, replace
from functools import lru_cache

from geo.gazetteer.index import PlaceIndex
from geo.records import Place
from geo.gazetteer.kinds import WIDE_AREA_CODES, is_country
from geo.extract.place_pairs import abroad, area_around, name_pairs
from geo.extract.furniture import furniture_spans
from geo.extract.place_roles import DESTINATION, capital_at_work, government_capitals
from geo.extract.recase import recase

__all__ = ["PlaceHit", "find_place_hits", "event_place_hits", "main_country", "choose_location", "geo_precision", "is_country", "place_kind"]

_NAME = (
    r"(?-i:(?:(?:al|el|ad|an|ar|as|ash|at|az|ath)[-\s])?[A-Z][\w'’]+(?:[-\s](?:(?:al|el|an|ad|ar|as|ash|at|az|bin|ibn|de|del|la|des|du)"
    r"[-\s])?[A-Z][\w'’]+){0,3})"
)
_TOWN_WORDS = r"town|city|village|villages|hamlet|suburb|neighbou?rhood|settlement|locality|municipality|farm|camp"
_AREA_WORDS = r"district|region|area|governorate|province|enclave|countryside|department|county|state|valley|mountains?|hills?"
_SITE_WORDS = r"airbase|air base|airport|military airport|air field|airfield|base|dam|bridge|border crossing|crossing"
_CUES = [
    (re.compile(r"\b(?:the\s+)?(?:" + _TOWN_WORDS + r")\s+of\s+(" + _NAME + ")", re.I), "town"),
    (re.compile(r"\b(?:the\s+)?(?:" + _AREA_WORDS + r")\s+of\s+(" + _NAME + ")", re.I), "area"),
    (re.compile(r"\b(?:the\s+)?(?:" + _SITE_WORDS + r")\s+of\s+(" + _NAME + ")", re.I), "site"),
    (re.compile(r"\b(?:near|outside|around|close to|the outskirts of|km from|kilometers from|kilometres from|miles from)\s+(?:the\s+)?("
                + _NAME + ")", re.I), "near"),
    # "X province": the kind word is found first, the name then looked for just before it (much faster)
    (re.compile(r"\s(?:province|governorate|district|region|countryside|department)\b", re.I), "area"),
    (re.compile(r"\s(?:" + _SITE_WORDS + r")\b", re.I), "site"),
    (re.compile(r"\s(?:" + _TOWN_WORDS + r")\b", re.I), "town"),
    # named features ("Qalamoun Mountains", "Al-Zorba Farms"): what the gazetteer lacks, kept unresolved
    (re.compile(r"\s(?-i:Mountains?|Hills?|Road|Highway|Farms?|Square|River|Checkpoint|Bridge|Dam|Plant|Hospital)\b"), "feature"),
]
_FIRST_SUFFIX_CUE = 4
_NAME_BEFORE = re.compile("(" + _NAME + r")\s*$", re.I)
_NOT_NAMES = frozenset(
    "the a an this that these those its their his her our government opposition regime army military syrian "
    "russian turkish state islamic national free united operation his monday tuesday wednesday thursday friday "
    "saturday sunday january february march april may june july august september october november december in of at to "
    "on and near from by with for into northern southern eastern western central north south east west northwestern "
    "northeastern southwestern southeastern north-western north-eastern south-western south-eastern he she they it "
    "we said says after before when while killed".split()
)
_NEAR = re.compile(
    r"(?:\bnear|\boutside|\baround|\bclose to|\boutskirts of|\bcountryside of|\bfrom the site|km (?:\w+ )?(?:of|from)|"
    r"kilomet(?:er|re)s (?:\w+ )?(?:of|from)|miles (?:\w+ )?(?:of|from)|\bnorth of|\bsouth of|\beast of|\bwest of)"
    r"(?:\s+the)?(?:\s+\w+){0,3}?\s*$",
    re.I,
)
# a locative preposition a few words before: "in the besieged town of X", not "chief of staff to X"
_PREP = re.compile(r"\b(?:in|at|near|into|outside|on|of|around|across|inside|over|through)\s+(?:the\s+)?"
                   r"(?:(?!(?:to|from|for|by|with|after|before|towards?)\s)[\w-]+\s+){0,3}?$", re.I)
_FROM = re.compile(r"\b(?:from|to|toward|towards)\s+(?:the\s+)?$", re.I)  # where people or forces came from or went
# "Tom Reed, 24, from Leeds, died ...", "a nurse from Bristol", "a father of two from west Cardiff": a person's home town
_HOMETOWN = re.compile(r"(?:,\s*(?:aged\s+)?\d{1,3},\s*|,\s*(?:also|both|originally)\s+|\b(?:man|woman|boy|girl|schoolgirl|schoolboy|teenager|student|father|"
                       r"mother|son|daughter|pharmacist|nurse|worker|volunteer|national|citizen|native|convert|mechanic|teacher|"
                       r"engineer|graduate|fighter|jihadi|jihadist|militant|recruit)(?:\s+(?:of\s+)?[\w-]+){0,2}\s+)from\s+(?:(?:north|south|east|west|central)(?:ern)?\s+)?$", re.I)
# "a tempo not seen even in the battles for Mosul", "could match the siege of Aleppo": a yardstick, not the setting
_COMPARED = re.compile(r"\b(?:not\s+seen\s+(?:even\s+)?(?:in|at|during|since)|(?:could|would|might|to)\s+(?:match|rival|eclipse|surpass)|"
                       r"compar(?:ed|able)\s+(?:with|to)|unlike|reminiscent\s+of|worse\s+than)\b[^,.;:]{0,70}$", re.I)
# "shells fired from the Turkish side of the border in Hatay": where the fire came from, not where it fell
_ORIGIN = re.compile(r"\b(?:fired|launched|shot|took off)\s+from\b(?:(?!\b(?:struck|hit|landed|killed|fell|exploded|slammed)\b)[^,.;]){0,60}$",
                     re.I)
# "the highways linking Aleppo with Damascus and Latakia": the ends of a road describe it, nothing happened there
_ROUTE = re.compile(r"(?i:\b(?:highways?|roads?|routes?|motorways?|railways?|rail ?lines?|pipelines?|corridors?|supply lines?)"
                    r"\s+(?:that\s+|which\s+)?(?:link(?:ing|s)?|connect(?:ing|s)?|join(?:ing|s)?|between|from|running from))"
                    r"\s+(?:(?:[A-Z][\w'’-]*|with|and|to|the|al|el)[\s,]+)*$")
# "Tal al-Sultan": "al-Sultan" alone is the tail of a longer name the gazetteer lacks
_ARTICLE_START = re.compile(r"(?-i:(?:al|el|ad|an|ar|as|ash|at|az|ath)[-\s])")
_NAME_TAIL = re.compile(r"(?-i:\b([A-Z][\w'’]+))[-\s]$")
_NAME_HEAD = re.compile(r"[-\s](?-i:(?:al|el|ad|an|ar|as|ash|at|az|ath)[-\s][A-Z][\w'’]+)")

_APPOSED_IN = re.compile(r",\s*an?\s+(?:[\w-]+\s+){0,3}?(?:town|city|village|district|suburb|neighbou?rhood|stronghold)\s+(?:in|of)\s+(?:the\s+)?(?:[\w-]+ern\s+)?$", re.I)
# what comes after these is the area around the place named before: "Douma and Harasta, districts of Eastern
# Ghouta", "the Salaheddine and Sukkari districts of Aleppo", "the Eastern Ghouta region of rural Damascus"
# (but "the Damascus suburb of Douma" names Douma itself)
_CONTAINER = re.compile(
    r"(?:(?:,\s*(?:an?\s+|the\s+|its\s+)?(?:[\w-]+\s+)?(?:neighbou?rhoods?|distri[ck]ts?|areas?|quarters?|suburbs?|parts?)|"
    r"\b(?:neighbou?rhoods|distri[ck]ts|areas|quarters|suburbs|countryside|parts|outskirts))\s+of\s+(?:the\s+)?(?:[\w-]+ern\s+)?|"
    r"\b(?:of|in)\s+rural\s+|,\s*(?:[\w-]+ern\s+)?)$",
    re.I,
)
# "a Jewish neighborhood", "the Shiite district": a people's adjective before a noun is not a place
_ADJECTIVE = re.compile(r"(?:ish|ite)$")
_PEOPLES = frozenset("sunni shia shiite shi'ite alawite druze christian arab muslim catholic orthodox kurd yazidi".split())
_LOWER_NEXT = re.compile(r"\s+(?-i:[a-z])")
_NOT_EVENT_AFTER = re.compile(
    r"(?:-(?:based|backed|led|born|funded|supported|allied|sponsored|controlled|run)\b|\s+based|"
    r"\s+(?:is|was|are|has been|remains)\s+(?:a|an|the|one)\b|"
    r"\s+(?:has\s+|have\s+|had\s+)?(?:said|says|denied|denies|accused|accuses|claimed|claims|announced|warned|insisted|"
    r"condemned|urged|called)\b|\s+(?-i:(?:Morning\s+|Sunday\s+|Daily\s+)?(?:Herald|Post|Tribune|Gazette|Chronicle|Journal|"
    r"Telegraph|Observer|Standard|Mail|Express|Globe)\b(?!\s+[Oo]ffice))|\s+(?:news agency|agency|newspaper|daily|times|"
    r"media\s+(?:cent(?:er|re)|office)|news\s+network|press\s+office|television|tv|radio|embassy|university|institute|ministry|observatory|foreign minister|president|prime minister)\b|"
    r"['’]s\s+(?:government|president|army|military|forces|borders?|ally|allies|ambassador|foreign|defen[cs]e|interior|state|"
    r"intensifying|aerial|air|attacks?|"
    r"two|largest|main|prime|envoy|leader|official|support|role))",
    re.I,
)
_TOWN_CODES = ("PPL", "AIR", "MIL", "CMP", "BDG", "DAM", "FRM", "HSP", "INS")


@dataclass(frozen=True)
class PlaceHit:
    text: str
    start: int
    end: int
    place: Place | None
    cue: str = ""  # town | area | site | feature | near | "" (gazetteer only)


def _spans_overlap(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


_UNWRAP = re.compile(r"(?<![\n.!?])\n(?![\n ])")


def find_place_hits(text: str, gazetteer: PlaceIndex, blocked: list[tuple[int, int]] = (), demonyms: set[str] = frozenset()) -> list[PlaceHit]:
    """Gazetteer toponyms plus cue-pattern names, each once, in text order.

    Names only a cue announces are resolved within the country of the other places.
    """
    upper = text.isupper()
    text = _UNWRAP.sub(" ", text)  # a name may be wrapped across lines
    hits = [PlaceHit(text[m.start:m.end], m.start, m.end, m.place)
            for m in gazetteer.find_places(recase(text) if upper else text)]
    country = main_country(event_place_hits(text, hits, list(blocked), demonyms, gazetteer))
    hits.sort(key=lambda h: h.start)
    starts = [h.start for h in hits]
    resolved: dict[tuple[str, str], Place | None] = {}
    for index, (pattern, cue) in enumerate(_CUES):
        for m in pattern.finditer(text):
            if index >= _FIRST_SUFFIX_CUE:
                m = _NAME_BEFORE.search(text, max(0, m.start() - 80), m.start())
                if m is None:
                    continue
            name = _trim(m.group(1))
            if not name:
                continue
            start = m.start(1) + m.group(1).find(name)
            end = start + len(name)
            same = _overlapping(hits, starts, start, end)
            replaces = len(same) == 1 and (
                (hits[same[0]].start >= start and hits[same[0]].end < end)  # "Tal al-Sultan" beats a shorter "Tal"
                or (hits[same[0]].place is None and (hits[same[0]].start, hits[same[0]].end) != (start, end))
            )  # and an unresolved span the gazetteer drew ("X on Friday") gives way to the cue's name
            if same and not replaces:
                i = same[0]
                if not hits[i].cue:
                    hits[i] = replace(hits[i], cue=cue)
                continue
            if same:
                del hits[same[0]], starts[same[0]]
            if cue == "feature":
                resolved[name, cue] = None
            if (name, cue) not in resolved:
                resolved[name, cue] = _resolve(gazetteer, name, country, cue, text[max(0, start - 200):end + 200])
            place = resolved[name, cue]
            if place is None and upper:
                continue  # in all-caps text a cue cannot tell a name from any word
            at = bisect_left(starts, start)
            hits.insert(at, PlaceHit(name, start, end, place, cue))
            starts.insert(at, start)
    return hits


def _overlapping(hits: list[PlaceHit], starts: list[int], start: int, end: int) -> list[int]:
    """Indices of the (sorted, disjoint) hits that overlap [start, end)."""
    j = bisect_left(starts, end) - 1
    out = []
    while j >= 0 and hits[j].end > start:
        out.append(j)
        j -= 1
    return out[::-1]


def _trim(name: str) -> str:
    words = name.replace("\n", " ").split()
    while words and words[0].lower() in _NOT_NAMES:
        words.pop(0)
    while words and words[-1].lower() in _NOT_NAMES:
        words.pop()
    return " ".join(words) if words and len(" ".join(words)) > 2 else ""


def _resolve(gazetteer: PlaceIndex, name: str, country: str, cue: str, context: str) -> Place | None:
    kind = {"town": "town", "site": "town", "area": "region"}.get(cue)
    try:
        return gazetteer.resolve(name, country=country or None, kind=kind, context=context)
    except TypeError:  # an older gazetteer without keyword hints
        return gazetteer.resolve(name)


@lru_cache(maxsize=8192)
def _is_demonym(gazetteer, word: str) -> bool:
    """'Syrians', 'Kurds': the gazetteer knows peoples' names (asked once per word)."""
    check = getattr(gazetteer, "is_demonym", None)
    return bool(check and check(word))


def event_place_hits(text: str, hits: list[PlaceHit], blocked: list[tuple[int, int]], demonyms: set[str],
                     gazetteer: PlaceIndex | None = None) -> list[PlaceHit]:
    """The hits that can be where something happened (not a demonym, an actor's name, an organisation's home)."""
    blocked = sorted(blocked)
    starts = [b[0] for b in blocked]
    out = []
    aside = furniture_spans(text)  # "BEIRUT (AP) —", a photo caption: not where anything happened
    hits = [h for h in hits if not any(a <= h.start < b for a, b in aside)]
    for h in hits:
        i = bisect_left(starts, h.end)  # spans starting before the hit ends; the last few may overlap it
        if h.text.lower() in demonyms or any(_spans_overlap((h.start, h.end), b) for b in blocked[max(0, i - 3):i]):
            continue
        if gazetteer is not None and " " not in h.text and _is_demonym(gazetteer, h.text):
            continue
        if _NOT_EVENT_AFTER.match(text, h.end) or _HOMETOWN.search(text, max(0, h.start - 80), h.start):
            continue  # an organisation's home, a person's home town
        if " " not in h.text and (_ADJECTIVE.search(h.text) or h.text.lower() in _PEOPLES) and _LOWER_NEXT.match(text, h.end):
            continue
        out.append(h)
    governments = government_capitals(text, out, main_country(out))  # "brokered by Moscow and Ankara"
    return [h for i, h in enumerate(out) if i not in governments]


def main_country(hits: list[PlaceHit]) -> str:
    """The country most of a text's resolved event places are in ('' if none)."""
    counts = Counter(h.place.country_code for h in hits if h.place is not None and h.place.country_code)
    return counts.most_common(1)[0][0] if counts else ""


def place_kind(place: Place | None, cue: str = "") -> str:
    """town | region | country: how fine a place is (a cue word decides for a name the gazetteer lacks)."""
    if place is None:
        return {"area": "region", "near": "town"}.get(cue, "town")
    code = (place.feature_code or "").upper()
    if code == "RGN" and place.country_code:
        return "region"  # Eastern Ghouta, Darfur: a region of one country (the Middle East, the Balkans are wide)
    if code.startswith(WIDE_AREA_CODES):
        return "country"
    if code.startswith(_TOWN_CODES):
        return "town"
    if code.startswith(("ADM", "STM")) or code in {"AREA", "RGNE", "ISL", "MTS", "VAL"}:  # a river is long
        return "region"
    return "town" if place.geo_precision == 1 else "region"


def geo_precision(hit: PlaceHit, text: str) -> int:
    """ACLED: 1 the town itself, 2 near a town or part of a region, 3 only the region or country."""
    kind = place_kind(hit.place, hit.cue)
    near = hit.cue == "near" or bool(_NEAR.search(text, max(0, hit.start - 60), hit.start))
    if kind == "town":
        return 2 if near or hit.cue == "area" else 1  # "the Afrin region": part of a region
    if kind == "region" and hit.place is not None and hit.place.feature_code.upper().startswith(("ADM2", "ADM3", "ADM4")):
        return 2
    return 3


_SPECIFICITY = {"town": 1.5, "region": 1.0, "country": 0.3}
# How much each clue moves a candidate event place (choose_location); the specificity above is the base.
PLACE_SCORES = {
    "announced": 2.0,  # a cue word ("the town of") or a locative preposition just before it
    "section": 0.7,  # a neighbourhood or "X district": finer than its city
    "possessive": -1.0,  # "Afrin's mayor": the place qualifies a noun
    "after_trigger_per_char": 1 / 150,  # distance after the event verb
    "before_trigger": 0.5,  # named before the verb at all...
    "before_trigger_per_char": 1 / 120,  # ...and how far before
    "unresolved": -0.2,  # the gazetteer does not know it
    "origin": -1.0,  # "from Idlib": where someone came from
    "reference_point": -1.0,  # "near X", "south of X" when a place of its own rank is named
    "other_clause": -1.0,  # named after the trigger but in a clause of its own ("..., while ... in X")
    "namesake": -3.0,  # a place the gazetteer put in another country than the area named as holding it
}
_RANK = {"country": 0, "region": 1, "town": 2}
_NEXT_CLAUSE = re.compile(r";|[,–—]\s+(?:while|whereas|but|as|after|before|when)\s", re.I)
_SECTION_AFTER = re.compile(r"\s+(?:neighbou?rhoods?|distri[ck]ts?|quarters?|suburbs?|areas?|camps?|market|square)\b", re.I)
_ANCHORED = re.compile(
    r"(?:\b(?:north|south|east|west|northeast|northwest|southeast|southwest|north-east|north-west|south-east|south-west)"
    r"(?:ern)?\s+of|\boutskirts\s+of|\bedge\s+of|\bkm\s+(?:\w+\s+)?(?:from|of)|\bkilomet\w+\s+(?:\w+\s+)?(?:from|of)|"
    r"\bmiles\s+(?:\w+\s+)?(?:from|of)|\bnear|\bclose\s+to|\boutside(?:\s+of)?|\bvicinity\s+of|\bborders?\s+with)"
    r"\s+(?:the\s+)?(?:[\w-]+\s+){0,2}?$",
    re.I,
)


def _whole_name(sentence: str, offset: int, h: PlaceHit) -> PlaceHit:
    """'Tal' or 'al-Sultan' of "Tal al-Sultan": a piece of a longer name the gazetteer lacks is that
    name, unresolved (the piece alone resolves to some other place)."""
    s, e = h.start - offset, h.end - offset
    head = _NAME_HEAD.match(sentence, e)
    tail = _NAME_TAIL.search(sentence, max(0, s - 30), s) if _ARTICLE_START.match(h.text) else None
    if tail and tail[1].lower() in _NOT_NAMES:
        tail = None
    if not head and not tail:
        return h
    s, e = (tail.start() if tail else s), (head.end() if head else e)
    return replace(h, text=sentence[s:e], start=s + offset, end=e + offset, place=None)


def choose_location(sentence: str, offset: int, trigger: tuple[int, int], hits: list[PlaceHit]) -> PlaceHit | None:
    """The event place of a sentence: after a locative preposition, specific, close after the trigger.

    A place named only as a reference point ("south of Baghdad", "near Skopje") gives way to
    another place at least as specific; a neighbourhood beats its city.
    """
    scored: list[_Scored] = []
    t0, t1 = trigger
    paired = name_pairs(sentence, offset, hits, _size)
    for i, h in enumerate(hits):
        s, e = h.start - offset, h.end - offset
        if any(p.search(sentence, max(0, s - 80), s) for p in (_ORIGIN, _ROUTE, _COMPARED, DESTINATION)) or (
                capital_at_work(sentence, replace(h, end=e))):  # home towns: dropped by event_place_hits
            continue
        h = _whole_name(sentence, offset, h)
        s, e = h.start - offset, h.end - offset
        kind = "town" if h.cue == "town" else place_kind(h.place, h.cue)  # "the village of Sabr", whatever the gazetteer holds
        w = PLACE_SCORES
        score = _SPECIFICITY[kind]
        if (h.cue in {"town", "site", "area", "near", "feature"} or _PREP.search(sentence, max(0, s - 40), s)
                or _DEED_OBJECT.search(sentence, max(0, s - 40), s) or (e <= t0 and not sentence[e:t0].strip())):
            score += w["announced"]
        if (h.place is not None and h.place.feature_code.upper() == "PPLX") or _SECTION_AFTER.match(sentence, e):
            score += w["section"]
        if sentence.startswith(("'s", "’s"), e):
            score += w["possessive"]
        if s >= t1:
            score -= (s - t1) * w["after_trigger_per_char"]
            if _NEXT_CLAUSE.search(sentence, t1, s):
                score += w["other_clause"]  # "... attacked a checkpoint in Sinay, while fighting erupted in Madina"
        else:
            score -= w["before_trigger"] + (t0 - e) * w["before_trigger_per_char"]
        if h.place is None:
            score += w["unresolved"]
        if _FROM.search(sentence, max(0, s - 20), s):
            score += w["origin"]
        anchored = bool(_ANCHORED.search(sentence, max(0, s - 50), s))
        apposed = bool(scored) and bool(_APPOSED_IN.search(sentence, max(0, s - 60), s))  # "Abu Kamal, a town in Deir ez-Zor province"
        container = apposed or bool(scored) and bool(_CONTAINER.search(sentence, max(0, s - 40), s))
        container = container or i in paired or area_around(
            sentence, offset, s, "region" if h.cue == "area" else kind, scored)
        governed = s >= t1 and not anchored and _named_area(h, kind) and bool(_LOCATIVE.search(sentence, max(0, s - 20), s))
        scored.append(_Scored(score - apposed, kind, anchored or container, h, governed, container))
    for n, item in enumerate(scored):
        if item.container and n > 0 and abroad(scored[n - 1].hit, item.hit):
            scored[n - 1].score += PLACE_SCORES["namesake"]  # "El Triunfo, San Miguel department" read as a Mexican El Triunfo
            continue
        if item.reference and (any(o is not item and not o.reference and (
                _RANK[o.kind] >= _RANK[item.kind] or o.governed and o.hit.start < item.hit.start) for o in scored)
                or item.container and n > 0 and not scored[n - 1].container):
            # "killed civilians in Eastern Ghouta ... the enclave near Damascus"; "the outskirts of Eastern Ghouta in
            # rural Damascus": an area named as holding the place before it gives way to that place
            item.score += PLACE_SCORES["reference_point"]
    return max(scored, key=lambda item: item.score).hit if scored else None


def _size(h: PlaceHit) -> tuple[int, int]:
    """How big a named place is: its rank (a name the gazetteer lacks is the smallest), then its population."""
    if h.place is None:
        return (0, 0)
    return (3 - _RANK[place_kind(h.place, h.cue)], h.place.population or 0)


@dataclass
class _Scored:
    score: float
    kind: str  # town | region | country
    reference: bool  # named as a reference point ("near X", "south of X") or as a container
    hit: PlaceHit
    governed: bool  # a named area the event verb governs ("in Eastern Ghouta")
    container: bool = False  # named as the area around the place before it


# "jets struck Saraqib", "the enclave known as Afrin": the place is the object of the deed or the name it is given
# (and in "the Afrin offensive" the name that qualifies the deed itself)
_DEED_OBJECT = re.compile(r"\b(?:hit|hits|struck|strikes|bombed|bombs|bombarded|shelled|shells|pounded|targeted|targets|attacked|"
                          r"attacks|raided|stormed|storms|besieged|captured|captures|seized|seizes|retook|retakes|recaptured|"
                          r"took|takes|entered|enters|overran|overrun|liberated|invaded|rocked|known\s+as|called|named|dubbed)\s+"
                          r"(?:the\s+(?:(?:[\w-]+\s+){0,2}?(?:town|city|village|district|suburb|enclave|region|province)\s+of\s+)?)?$", re.I)
_LOCATIVE = re.compile(r"\b(?:in|at|on|across|inside|throughout)\s+(?:the\s+)?$", re.I)


def _named_area(h: PlaceHit, kind: str) -> bool:
    """A region or district by name (GeoNames ADM*, RGN, AREA), not a country."""
    if kind == "region":
        return True
    return h.place is not None and (h.place.feature_code or "").upper().startswith(("RGN", "AREA"))

