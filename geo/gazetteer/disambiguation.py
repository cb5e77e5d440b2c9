"""Deciding between namesakes: candidates, what a text says about where it is, and the scores.

A candidate's score starts at log10 of its population and gains or loses by the kind of name
matched, kind hints ('province', 'airbase'), and the text: the countries and admin1 areas its other
names point to, the areas and 1-degree cells several of its names may share, nearby confident places
and explicit containers ('X in Y province', 'X, Y').
"""

from __future__ import annotations

import math
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field
from typing import Callable, NamedTuple

from geo.geometry import haversine_km
from geo.gazetteer.kinds import ALIAS, ALTERNATE, DEMONYM, MAIN
from geo.gazetteer.names import KIND_WORDS, fold
from geo.records import Place
from geo.gazetteer.toponyms import Span

__all__ = ["Cand", "Context", "WEIGHTS", "FEATURE_CODES", "country_first", "own_name_readings", "other_name_only", "list_of_equals", "score", "context_score", "coverage", "vote", "vote_text", "city_of_the_name",
           "capital_yields", "text_first",
           "kind_first",
           "normalise_kind", "kind_matches"]

# how much each kind of evidence counts when ranking candidates (log10 population is the base)
WEIGHTS = {
    "country": 4.0, "admin1": 3.0, "neighbour": 1.5,  # share of the text's other names in that country/area
    "cover": 3.0, "grid": 4.5, "near": 3.0,  # other names that may lie in the same admin1 / cell / nearby
    "pcli": 3.0, "pplc": 1.0, "adm_discount": 10,  # countries and capitals; areas' population divided
    "big_alt": 1.0, "small_alt": 2.0,  # an alternate spelling counts less than a place's own name
    "feature": 4.0,  # a sea, range, river or region by its own name: as well known as a sizeable town
    "cont": 1.0, "adm1": 1.0,  # a continent, a first-level area by its name
    "demonym": 0.5, "alias": 20.0,  # 'Syrian' counts less than 'Syria'; a user's alias decides
    "loose": 1.5,  # matched by spelling skeleton only
    "kind_match": 4.0, "kind_mismatch": 1.5,  # 'the X governorate', 'X air base' said next to the name
    "small_area": 1.0,  # a bare name is seldom a second- or third-level area
    "admin1_asked": 4.0,  # the caller named the area ('Springfield, Illinois')
    # a container named after the place ('Afrin, Syria', 'Springfield, Ill.', 'Jinderes, near Afrin')
    "in_container": 5.0, "outside_country": 2.0, "outside_admin1": 1.0, "near_container": 4.0,
}
# features without a population: regions, waters, ranges, historic countries (places_world.csv)
FEATURE_CODES = frozenset("RGN ZN PEN OCN SEA GULF BAY STRT CHN CNL STM LK MTS DSRT PLN PCLH ISL ISLS VAL BLDG".split())
_KIND_CODES = {
    "country": ("PCLI",), "adm1": ("ADM1",), "adm2": ("ADM2",), "adm3": ("ADM3", "ADM2"),
    "airfield": ("AIRB", "AIRF", "AIRP", "AIRH"), "crossing": ("PSTB",), "city": ("PPL",),
}


class Cand(NamedTuple):
    """One place a name may mean, as stored (or as the user entered it)."""

    place_id: int  # the row id in the gazetteer file (0 for a user's own place)
    geonameid: str
    name: str
    lat: float
    lon: float
    country_code: str
    admin1: str
    feature_code: str
    population: int
    source: str
    name_kind: int  # MAIN, ALTERNATE, DEMONYM, ALIAS: how the name matched
    loose: bool = False  # matched by skeleton only


@dataclass
class Context:
    """What a text says about where it is: country and admin1 votes, confident anchors, containers."""

    countries: dict[str, float] = field(default_factory=dict)
    admin1s: dict[tuple[str, str], float] = field(default_factory=dict)
    anchors: list[tuple[str, float, float]] = field(default_factory=list)  # (folded name, lat, lon), by lat
    anchor_lats: list[float] = field(default_factory=list)
    containers: dict[str, Cand] = field(default_factory=dict)  # folded name -> its container
    kinds: dict[str, str] = field(default_factory=dict)  # folded name -> kind said next to it
    votes: dict[str, tuple[str, str, float]] = field(default_factory=dict)  # name -> (cc, admin1, its share)
    spans: list[Span] = field(default_factory=list)
    cover: dict[tuple[str, str], dict[str, float]] = field(default_factory=dict)  # admin1 -> names that may lie in it
    cover_keys: int = 0
    grid: dict[tuple[int, int], list[tuple[str, float, float]]] = field(default_factory=dict)  # 1-degree cell ->
    # (name, lat, lon) of every place the text's names may mean there
    readings: dict[str, int] = field(default_factory=dict)  # name -> how many places (not areas) it may mean
    named_countries: set[str] = field(default_factory=set)  # countries the text names ('Canada', 'Canadians')


COVER_SPREAD = 4.0  # a name in more areas than this counts less in each
STATE_POP = 1_000_000  # a first-order area this populous is known by its name
CITY_POP = 100_000  # a city this large can be what a story means by a capital's name
CAPITAL_REPEATS = 3  # how often a story names a capital before it may be the story's own city of that name
_NEAR_DEG = 2.3  # 250 km of latitude, with a margin


def normalise_kind(kind: str | None) -> str | None:
    if not kind:
        return None
    key = fold(kind)
    if key in _KIND_CODES:
        return key
    for k, phrases in KIND_WORDS.items():
        if key in phrases:
            return k
    return {"town": "city", "village": "city", "airbase": "airfield", "governorate": "adm1"}.get(key)


def kind_matches(kind: str, fcode: str) -> bool:
    if kind == "city":
        return fcode.startswith("PPL")
    return fcode in _KIND_CODES.get(kind, ())


def score(c: Cand, kind: str | None, admin1: str | None, ctx: Context | None, folded: str,
          neighbours: Callable[[str], list[str]] = lambda cc: []) -> float:
    """How well a candidate fits: log population, name kind, kind hints, the admin1 asked, the text."""
    if c.feature_code.startswith("ADM") and kind is None:
        s = math.log10(c.population / WEIGHTS["adm_discount"] + 10)  # a bare name means the town more often
    else:
        s = math.log10(c.population + 10)
    if c.feature_code == "PCLI":
        s += WEIGHTS["pcli"]
    elif c.feature_code == "CONT":
        s += WEIGHTS["cont"]
    elif c.feature_code == "ADM1":
        s += WEIGHTS["adm1"]
    elif c.feature_code == "PPLC":
        s += WEIGHTS["pplc"]  # capitals stand for their governments in news
    elif c.feature_code in FEATURE_CODES and c.population == 0:
        s += WEIGHTS["feature"]
    if c.name_kind == ALTERNATE:
        s -= WEIGHTS["small_alt"] if c.population < 100_000 else WEIGHTS["big_alt"]
    elif c.name_kind == DEMONYM:
        s -= WEIGHTS["demonym"]
    elif c.name_kind == ALIAS:
        s += WEIGHTS["alias"]
    if c.loose:
        s -= WEIGHTS["loose"]
    if kind:
        s += WEIGHTS["kind_match"] if kind_matches(kind, c.feature_code) else -WEIGHTS["kind_mismatch"]
    elif c.feature_code.startswith("ADM") and c.feature_code != "ADM1":
        s -= WEIGHTS["small_area"]
    if admin1 and (fold(c.admin1) == admin1 or fold(c.name) == admin1):
        s += WEIGHTS["admin1_asked"]
    if ctx is not None:
        s += context_score(c, ctx, folded, neighbours)
    return s


def context_score(c: Cand, ctx: Context, folded: str, neighbours: Callable[[str], list[str]]) -> float:
    """Evidence from the other names of the text; a name's own first guess does not vote for itself."""
    own_cc, own_admin1, own_share = ctx.votes.get(folded, ("", "", 0.0))
    w = WEIGHTS
    share = ctx.countries.get(c.country_code, 0.0) - (own_share if own_cc == c.country_code else 0.0)
    s = w["country"] * share / max(1e-9, 1.0 - own_share) if share > 0 else 0.0
    if c.admin1:
        a_share = ctx.admin1s.get((c.country_code, c.admin1), 0.0)
        if (own_cc, own_admin1) == (c.country_code, c.admin1):
            a_share -= own_share
        s += w["admin1"] * a_share / max(1e-9, 1.0 - own_share) if a_share > 0 else 0.0
    if ctx.cover_keys > 1:
        if c.admin1:
            others = ctx.cover.get((c.country_code, c.admin1), {})
            s += w["cover"] * (sum(others.values()) - others.get(folded, 0.0)) / (ctx.cover_keys - 1)
        if not c.feature_code.startswith(("PCL", "CONT", "ADM1")):
            s += w["grid"] * _paired(c, ctx, folded) / (ctx.cover_keys - 1)
    near = sum(ctx.countries.get(n, 0.0) for n in neighbours(c.country_code))
    s += w["neighbour"] * min(1.0, near)
    container = ctx.containers.get(folded)
    if container is not None and c.feature_code not in ("PCLI", "PCLH", "CONT") and not (
            c.feature_code == "ADM1" and container.feature_code == "ADM1"):  # 'Iraq, Iran', 'Ohio, Texas': a list
        if container.feature_code == "PCLI":
            s += w["in_container"] if c.country_code == container.country_code else -w["outside_country"]
        elif container.feature_code.startswith("ADM1"):
            same_area = (c.country_code, c.admin1) == (container.country_code, container.admin1)
            s += w["in_container"] if same_area else -w["outside_admin1"]
        elif haversine_km(c.lat, c.lon, container.lat, container.lon) < 60:
            s += w["near_container"]
    if ctx.anchors and not c.feature_code.startswith(("PCL", "CONT", "ADM1")):
        # only anchors within _NEAR_DEG of latitude can be nearer than 250 km: a long text has many
        lo = bisect_left(ctx.anchor_lats, c.lat - _NEAR_DEG)
        hi = bisect_right(ctx.anchor_lats, c.lat + _NEAR_DEG)
        d = min((haversine_km(c.lat, c.lon, lat, lon) for name, lat, lon in ctx.anchors[lo:hi] if name != folded),
                default=1e9)
        s += w["near"] * (1.0 if d < 30 else 0.67 if d < 100 else 0.33 if d < 250 else 0.0)
    return s


def _paired(c: Cand, ctx: Context, folded: str) -> float:
    """How many of the text's other names may mean a place near this one, whichever reading they get: Huntsville
    and Walker County pair up in Texas (the county's seat), 100 km apart in Alabama."""
    y, x = math.floor(c.lat), math.floor(c.lon)
    best: dict[str, float] = {}
    for dy in (-1, 0, 1):
        for dx in (-1, 0, 1):
            for key, lat, lon in ctx.grid.get((y + dy, x + dx), ()):
                if key != folded:
                    d = haversine_km(c.lat, c.lon, lat, lon)
                    if d < best.get(key, 1e9):
                        best[key] = d
    return sum(1.0 if d < 30 else 0.67 if d < 100 else 0.33 for d in best.values())


def coverage(ctx: Context, lookup: Callable[[str], tuple[Cand, ...]]) -> None:
    """Which admin1 areas could hold each name: namesakes share the area the text is about."""
    keys = {sp.key for sp in ctx.spans if sp.known and (sp.strong or sp.cued)}
    for key in keys:
        areas, readings = set(), 0
        for c in lookup(key):
            if c.feature_code in ("PCLI", "ADM1", "CONT"):
                continue
            readings += 1
            if c.name_kind == DEMONYM:
                continue
            if c.admin1:
                areas.add((c.country_code, c.admin1))
            ctx.grid.setdefault((math.floor(c.lat), math.floor(c.lon)), []).append((key, c.lat, c.lon))
        ctx.readings[key] = readings
        for area in areas:  # a name found in many areas says little about any one of them
            ctx.cover.setdefault(area, {})[key] = min(1.0, COVER_SPREAD / len(areas))
    ctx.cover_keys = len(keys)


def vote(ctx: Context, spans: list[Span], first: dict[str, Place | None]) -> None:
    """Shares of the text's countries and admin1 areas from each name's first guess; anchors."""
    ctx.countries, ctx.admin1s, ctx.anchors, ctx.votes, ctx.named_countries = {}, {}, [], {}, set()
    total = 0.0
    own: dict[str, float] = {}
    for span in spans:
        place = first.get(span.key)
        if place is None:
            continue
        weight = 2.0 if place.feature_code == "PCLI" else 0.5 + place.confidence
        if not span.strong:
            weight *= 0.4
        total += weight
        own[span.key] = own.get(span.key, 0.0) + weight
        if place.feature_code == "PCLI":
            ctx.named_countries.add(place.country_code)
        ctx.countries[place.country_code] = ctx.countries.get(place.country_code, 0.0) + weight
        if place.admin1:
            k = (place.country_code, place.admin1)
            ctx.admin1s[k] = ctx.admin1s.get(k, 0.0) + weight
        if place.confidence >= 0.9 and place.feature_code not in ("PCLI", "CONT", "ADM1"):
            ctx.anchors.append((span.key, place.lat, place.lon))
    ctx.anchors = sorted(set(ctx.anchors), key=lambda a: a[1])  # each place once, however often it is named
    ctx.anchor_lats = [lat for _, lat, _ in ctx.anchors]
    if total:
        ctx.countries = {k: v / total for k, v in ctx.countries.items()}
        ctx.admin1s = {k: v / total for k, v in ctx.admin1s.items()}
        for key, weight in own.items():
            p = first[key]
            ctx.votes[key] = (p.country_code, p.admin1, weight / total)


def vote_text(ctx: Context, guesses: dict[str, Place | None]) -> None:
    """The votes of a text's main names, then again with the small places inside the countries they found."""
    strong = [sp for sp in ctx.spans if sp.strong]
    vote(ctx, strong, guesses)
    weak = [sp for sp in ctx.spans if not sp.strong and guesses.get(sp.key) is not None
            and ctx.countries.get(guesses[sp.key].country_code, 0.0) >= 0.1]
    if weak:  # small places inside the text's countries add their admin1 areas and anchors
        vote(ctx, strong + weak, guesses)


def kind_first(scored: list[tuple[float, Cand]], kind: str | None) -> list[tuple[float, Cand]]:
    """An area's kind said next to its name ('rural Aleppo', 'Idlib province') makes it the area, not the town
    of that name inside it, whatever the villages around say."""
    best = scored[0][1]
    area = next((c for _, c in scored if c.feature_code == "ADM1"
                 and (c.country_code, c.admin1) == (best.country_code, best.admin1)), None)
    if kind != "adm1" or area is None or best is area or not best.feature_code.startswith("PPL"):
        return scored
    return _first(scored, area)


def text_first(scored: list[tuple[float, Cand]], ctx: Context | None, folded: str) -> list[tuple[float, Cand]]:
    """The ranking with what the text says about famous names: countries, large states, capitals."""
    return capital_yields(country_first(scored, ctx, folded), ctx, folded)


def capital_yields(scored: list[tuple[float, Cand]], ctx: Context | None, folded: str) -> list[tuple[float, Cand]]:
    """A capital's name is the capital when the story names the capital's country and not the namesake's (Paris in
    a Kentucky story of a trip to France); a capital's name that a story repeats is the 100k+ city of that name in
    the country it names, when nothing else in it lies in the capital's country (London, said again and again in a
    story of Syrians settling in Canada, is London, Ontario). A passing mention stays the capital."""
    if ctx is None or folded in ctx.containers:
        return scored
    best = scored[0][1]
    capital = next((c for _, c in scored if c.feature_code == "PPLC" and c.name_kind == MAIN and not c.loose), None)
    if capital is None:
        return scored
    if best is capital:
        return _first(scored, _namesake(scored, ctx, folded))
    named = ctx.named_countries
    return _first(scored, capital if best.feature_code.startswith("PPL") and capital.country_code in named
                  and best.country_code not in named else None)


def _namesake(scored: list[tuple[float, Cand]], ctx: Context, folded: str) -> Cand | None:
    """The city a repeated capital's name means in the story's named country, or None."""
    best = scored[0][1]
    own_cc, _, own_share = ctx.votes.get(folded, ("", "", 0.0))
    if sum(sp.key == folded for sp in ctx.spans) < CAPITAL_REPEATS or \
            ctx.countries.get(best.country_code, 0.0) - (own_share if own_cc == best.country_code else 0.0) > 1e-9:
        return None
    return next((c for _, c in scored[1:] if c.feature_code.startswith("PPL") and c.name_kind == MAIN and not c.loose
                 and c.population >= CITY_POP and c.country_code in ctx.named_countries), None)


def _first(scored: list[tuple[float, Cand]], chosen: Cand | None) -> list[tuple[float, Cand]]:
    if chosen is None or chosen is scored[0][1]:
        return scored
    return [sc for sc in scored if sc[1] is chosen] + [sc for sc in scored if sc[1] is not chosen]


def country_first(scored: list[tuple[float, Cand]], ctx: Context | None, folded: str) -> list[tuple[float, Cand]]:
    """A country named exactly stays the country ('Iraq' is not Arak, 'Russia' not Russia, Ohio), and a curated
    sea or region its own name (the Middle East, not Middle East, Maryland), unless the winner is a first-order
    area or a container says otherwise, or a town of that name sits where the rest of the text is."""
    best = scored[0][1]
    country = next((c for _, c in scored if c.name_kind == MAIN and not c.loose and (c.feature_code == "PCLI" or (
        c.feature_code in FEATURE_CODES and c.population == 0 and "supplement" in c.source))), None)  # or a sea
    if country is None or best is country or best.feature_code in ("PCLI", "ADM1") or \
            (ctx is not None and folded in ctx.containers) or _local_support(best, ctx, folded, country.country_code):
        return _state_first(scored, ctx, folded)
    return _first(scored, country)


def _state_first(scored: list[tuple[float, Cand]], ctx: Context | None, folded: str) -> list[tuple[float, Cand]]:
    """A large state or province named exactly stays itself rather than a much smaller town of its country
    ('Virginia' is not Virginia, Illinois; 'Quebec' the province) unless the other names of the text point to the
    town's area more than to the state's own."""
    best = scored[0][1]
    state = next((c for _, c in scored if c.name_kind == MAIN and not c.loose and c.feature_code == "ADM1"
                  and c.population >= STATE_POP), None)
    if state is None or best is state or not best.feature_code.startswith("PPL") or ctx is None or \
            best.country_code != state.country_code or folded in ctx.containers or \
            (best.population >= state.population / 10 and not city_of_the_name(best, folded)):
        return scored
    own_cc, own_admin1, own_share = ctx.votes.get(folded, ("", "", 0.0))

    def area(c: Cand) -> float:
        own = (own_cc, own_admin1) == (c.country_code, c.admin1)
        return ctx.admin1s.get((c.country_code, c.admin1), 0.0) - (own_share if own else 0.0)
    if area(best) > area(state) and area(best) / max(1e-9, 1.0 - own_share) >= 0.1:
        return scored
    return _first(scored, state)


def city_of_the_name(c: Cand, folded: str) -> bool:
    """A city whose own name is the area's and 'City' ('New York City', 'Oklahoma City'): the bare name is the
    area's, while 'Aleppo' and 'Halab' stay the city."""
    return c.name[-4:].lower() == "city" and fold(c.name) == f"{folded} city"  # folding only the few that may


def _local_support(c: Cand, ctx: Context | None, folded: str, country_cc: str) -> bool:
    """A town by its own name in an admin1 area the text's other names are in ('Lebanon' among Ohio towns),
    or in the country of the whole text when nothing else in it points to the country of that name."""
    if c.name_kind != MAIN or ctx is None or not c.admin1:
        return False
    own_cc, own_admin1, own_share = ctx.votes.get(folded, ("", "", 0.0))
    rest = max(1e-9, 1.0 - own_share)  # the other names' votes, this name's own guess left out
    own_area = (own_cc, own_admin1) == (c.country_code, c.admin1)
    area = ctx.admin1s.get((c.country_code, c.admin1), 0.0) - (own_share if own_area else 0.0)
    country = ctx.countries.get(c.country_code, 0.0) - (own_share if own_cc == c.country_code else 0.0)
    other = ctx.countries.get(country_cc, 0.0) - (own_share if own_cc == country_cc else 0.0)
    if _sure_neighbour(c, ctx, folded):
        return True
    if not country_cc:  # a sea or a region of several countries: only the town's own area can speak for it
        return area / rest >= 0.1
    return area / rest >= 0.1 or (country / rest >= 0.5 and other <= 1e-9)


def _sure_neighbour(c: Cand, ctx: Context, folded: str) -> bool:
    """Another name of the text that can only mean a place within 30 km ('Jordan' beside Shakopee, Minnesota)."""
    y, x = math.floor(c.lat), math.floor(c.lon)
    return any(key != folded and ctx.readings.get(key, 9) <= 2 and haversine_km(c.lat, c.lon, lat, lon) < 30
               for dy in (-1, 0, 1) for dx in (-1, 0, 1) for key, lat, lon in ctx.grid.get((y + dy, x + dx), ()))


def own_name_readings(cands: list[Cand]) -> list[Cand]:
    """A plain word or acronym ('AREA', 'EL') names a place by the place's own name, never as a small town's
    old or other name ('Area', once Mundelein, Illinois)."""
    return [c for c in cands
            if c.name_kind != ALTERNATE or c.population >= 100_000 or c.feature_code.startswith("ADM")]


def other_name_only(cands: tuple[Cand, ...] | list[Cand], place: Place) -> bool:
    """A small town reached only through another of its names ('Stewart', once Fairview)."""
    return place.population < 100_000 and not any(
        c.geonameid == place.geonameid and c.name_kind != ALTERNATE for c in cands)


def list_of_equals(own: Place | None, other: Place | None) -> bool:
    """'Iraq, Iran', 'Ohio, Texas': two countries or two states side by side are a list, not a place and its
    container."""
    return own is not None and other is not None and own.feature_code in ("PCLI", "ADM1") and \
        own.feature_code == other.feature_code
