"""How two place names joined by a kind word relate: "the Idlib town of Saraqib" and "Baghdad's district of
Dora" (the first name only says where the second lies) against "the Shaab district of Baghdad" and "Bama town of
Borno State" (the second is the area around the first). English word order does not tell; the possessive and the
sizes of the two places do."""

from __future__ import annotations

import re
from typing import Callable

__all__ = ["name_pairs"]

_KIND_OF = re.compile(r"(?P<own>['’]s)?\s+(?:(?!(?:and|or|the|a|an|in|of|to|from|with|at|on|near|by)\s)[\w-]+\s+){0,2}?(?P<word>town|city|village|suburb|hamlet|district|neighbou?rhood|"
                      r"quarter|area|region|province|governorate|state|countryside|locality|municipality)\s+of\s+(?:the\s+)?"
                      r"(?:(?:north|south|east|west|central|(?P<rural>rural)|[\w-]+ern)\s+)?$|(?P<own2>['’]s)\s+(?:[\w-]+\s+){0,2}?$", re.I)
_TOWN_WORD = frozenset("town city village suburb hamlet".split())  # "X town of Y": which is the town depends on their sizes


def name_pairs(sentence: str, offset: int, hits: list, size: Callable[[object], tuple]) -> tuple[set[int], set[int]]:
    """Indices of the hits (sorted place hits of one sentence at `offset`) that qualify the next name ("the Idlib
    town of") and of those that contain the one before; `size` orders two places from broad to small."""
    qualifiers, containers = set(), set()
    for i in range(len(hits) - 1):
        a, b = hits[i], hits[i + 1]
        m = _KIND_OF.match(sentence[a.end - offset:b.start - offset])
        if m is None:
            continue
        if m["rural"]:  # "the Eastern Ghouta region of rural Damascus": the second is the countryside around
            containers.add(i + 1)
        elif m["own"] or m["own2"] or size(a) > size(b):
            qualifiers.add(i)
        elif size(a) < size(b) or m["word"].lower() not in _TOWN_WORD:
            containers.add(i + 1)
    return qualifiers, containers


