"""How two place names joined by a kind word relate: "the Idlib town of Saraqib" and "Baghdad's district of
Dora" (the first name only says where the second lies) against "the Shaab district of Baghdad" and "Bama town of
Borno State" (the second is the area around the first). English word order does not tell; the possessive and the
sizes of the two places do. Also "Sopore town in Baramulla district" (a region right after a town) and a town
the gazetteer put abroad while the region named as holding it is at home (a namesake)."""

from __future__ import annotations

import re
from typing import Callable

from geo.gazetteer.kinds import is_country

__all__ = ["name_pairs", "area_around", "abroad", "AREA_GAP"]

_KIND_OF = re.compile(r"(?P<own>['’]s)?\s+(?:(?!(?:and|or|the|a|an|in|of|to|from|with|at|on|near|by)\s)[\w-]+\s+){0,2}?(?P<word>town|city|village|suburb|hamlet|district|neighbou?rhood|"
                      r"quarter|area|region|province|governorate|state|countryside|locality|municipality)\s+of\s+(?:the\s+)?"
                      r"(?:(?:north|south|east|west|central|(?P<rural>rural)|[\w-]+ern)\s+)?$|(?P<own2>['’]s)\s+(?:[\w-]+\s+){0,2}?$", re.I)
_TOWN_WORD = frozenset("town city village suburb hamlet".split())  # "X town of Y": which is the town depends on their sizes


def name_pairs(sentence: str, offset: int, hits: list, size: Callable[[object], tuple]) -> set[int]:
    """Indices of the hits (sorted place hits of one sentence at `offset`) that qualify the next name ("the Idlib
    town of") or contain the one before; `size` orders two places from broad to small."""
    paired = set()
    for i in range(len(hits) - 1):
        a, b = hits[i], hits[i + 1]
        m = _KIND_OF.match(sentence[a.end - offset:b.start - offset])
        if m is None:
            continue
        size_a, size_b = size(a), size(b)
        if m["rural"]:  # "the Eastern Ghouta region of rural Damascus": the second is the countryside around
            paired.add(i + 1)
        elif m["own"] or m["own2"] or size_a > size_b:
            paired.add(i)
        elif size_a < size_b or m["word"].lower() not in _TOWN_WORD:
            paired.add(i + 1)
    return paired


# "Sopore town in Baramulla district", "the villages of X and Y in the Z district": the region around a town
_IN_AREA = re.compile(r"(?:\s+(?:town|city|village))?\s+(?:in|inside|within)\s+(?:the\s+)?$", re.I)
AREA_GAP = 30  # characters between the town and "in <region>"


def abroad(h, area) -> bool:
    """The place was put in another country than the area named as holding it (a namesake abroad)."""
    a, b = h.place, area.place
    return a is not None and b is not None and bool(a.country_code and b.country_code) and a.country_code != b.country_code \
        and not is_country(b)


def area_around(sentence: str, offset: int, s: int, kind: str, scored: list) -> bool:
    """The region (or country) named right after a town with "in": only where that town lies."""
    if kind == "town" or not scored or scored[-1].kind != "town":  # "Sopore town in Baramulla district", "Delhi in India"
        return False
    gap = s - (scored[-1].hit.end - offset)
    return 0 <= gap <= AREA_GAP and bool(_IN_AREA.search(sentence, max(0, s - AREA_GAP), s))
