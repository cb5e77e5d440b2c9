"""Places a sentence refers to without naming them: "the city" of the sentence before, and a
neighbourhood the gazetteer lacks but resolves to a namesake far away ("the Mashlab neighbourhood"
of a story about Raqqa read as a village 100 km off). Both come back to a town the story just named.
"""

from __future__ import annotations

import re

from geo.extract.places import PlaceHit, choose_location, is_country, place_kind
from geo.extract.scope import a_person
from geo.geometry import haversine_km
from geo.records import Place

__all__ = ["namesake_section", "town_referred", "setting_before", "SECTION_KM"]


_PART_OF_TOWN = re.compile(r"\s+(?P<word>neighbou?rhoods?|quarters?|distri[ck]ts?)\b", re.I)
_PART_OF_TOWN_BEFORE = re.compile(r"\b(?P<word>neighbou?rhoods?|quarters?|distri[ck]ts?)\s+of\s+$", re.I)
SECTION_KM = 30  # a neighbourhood lies within its city


def namesake_section(hit: PlaceHit, text: str, town: Place | None) -> bool:
    """'the Mashlab neighbourhood' in a story about Raqqa: a part of the town the gazetteer lacks,
    which it resolved to a namesake elsewhere (a village 100 km off, a suburb of an American city). A district in another country, or a neighbourhood or quarter that is no
    part of a city (PPLX) far from the story's town, is that namesake."""
    if hit.place is None or town is None or is_country(hit.place):
        return False
    m = _PART_OF_TOWN.match(text, hit.end) or _PART_OF_TOWN_BEFORE.search(text, max(0, hit.start - 30), hit.start)
    if m is None:
        return False
    if hit.place.country_code != town.country_code:
        return True
    if m["word"].lower().startswith("distri") or (hit.place.feature_code or "").upper() == "PPLX":
        return False  # "the Afrin district": a district may be a region of its own
    return haversine_km(hit.place.lat, hit.place.lon, town.lat, town.lon) > SECTION_KM


# "The city was retaken", "inside the town": a town the sentence does not name (not "the city of X")
_THE_TOWN = re.compile(r"\b[Tt]he\s+(?:(?:besieged|embattled|northern|southern|eastern|western|central|border|desert|"
                       r"rebel-held|government-held|Kurdish-held)\s+)?(?:city|town|village)\b(?!\s+(?:of|council|hall|centre|center)\b)")


def town_referred(text: str, earlier: list[PlaceHit], country: str = "") -> PlaceHit | None:
    """'... the last convoy left Deir ez-Zor. The city fell to the army on Friday': a definite "the
    city" with no name of its own is the last town named just before (not a river or region named
    later in that sentence), in the story's country ("unlike in Mosul" is a comparison, not the setting)."""
    if not _THE_TOWN.search(text):
        return None
    towns = [h for h in earlier if h.place is not None and place_kind(h.place, h.cue) == "town" and h.cue != "area"
             and (not country or h.place.country_code == country)]
    return towns[-1] if towns else None


# "the villages bordering Damascus": a landmark the scene is named by, not the scene
_BORDERING = re.compile(r"\bborder(?:ing|s)\s+(?:on\s+|with\s+)?(?:the\s+)?$", re.I)


def setting_before(text: str, before, hits: list[PlaceHit], country: str) -> PlaceHit | None:
    """'Isis made its last stand in a hospital in Raqqa. The final strongholds fell last week': a sentence
    naming no place goes on in the town or region the sentence just before (`before`, of its paragraph, or
    None) set its scene in, rather than in the place the story names most. Only a place in the story's
    country (a place abroad named in passing is no scene the story goes on in), not a person named like a
    place, not a landmark."""
    if before is None or not country:
        return None
    hits = [h for h in hits if before.start <= h.start and h.end <= before.end and h.place is not None
            and h.place.country_code == country and not is_country(h.place) and not a_person(text, h)
            and not _BORDERING.search(text, max(0, h.start - 20), h.start)]
    return choose_location(text[before.start:before.end], before.start, (0, 0), hits)
