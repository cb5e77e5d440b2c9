"""What extraction needs of a gazetteer, as a typed interface, and a small in-memory one.

Extraction depends on `PlaceIndex`, not on the SQLite gazetteer: its unit tests run on a
`MemoryGazetteer` of a few places instead of building the 90 MB file, and a user can code a
corpus against a short list of their own places.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Protocol, runtime_checkable

from geo.gazetteer.names import fold
from geo.records import Mention, Place

__all__ = ["PlaceIndex", "MemoryGazetteer"]


@runtime_checkable
class PlaceIndex(Protocol):
    def find_places(self, text: str) -> list[Mention]:
        """Place names in `text` (offsets into it), each resolved in the context of the whole text."""

    def resolve(self, name: str, *, country: str | None = None, admin1: str | None = None,
                kind: str | None = None, context: str | None = None) -> Place | None:
        """The place `name` most likely means here, or None when nothing fits."""


class MemoryGazetteer:
    """A `PlaceIndex` over a handful of places: exact folded names, the most populous wins.

    `names` maps extra spellings to a place's main name ({"Maarat al-Numan": "Maaret al-Numan"}).
    """

    def __init__(self, places: Iterable[Place], names: dict[str, str] | None = None):
        self._by_key: dict[str, list[Place]] = {}
        for place in places:
            self._by_key.setdefault(fold(place.name), []).append(place)
        main = {fold(p.name): p for ps in self._by_key.values() for p in ps}
        for spelling, name in (names or {}).items():
            self._by_key.setdefault(fold(spelling), []).append(main[fold(name)])
        for ps in self._by_key.values():
            ps.sort(key=lambda p: -p.population)
        spellings = sorted(self._spellings(names), key=len, reverse=True)
        self._pattern = re.compile(r"\b(?:" + "|".join(re.escape(s) for s in spellings) + r")\b", re.I) if spellings else None

    def _spellings(self, names: dict[str, str] | None) -> set[str]:
        return {p.name for ps in self._by_key.values() for p in ps} | set(names or ())

    def resolve(self, name: str, *, country: str | None = None, admin1: str | None = None,
                kind: str | None = None, context: str | None = None) -> Place | None:
        found = [p for p in self._by_key.get(fold(name), []) if not country or p.country_code == country.upper()]
        return found[0] if found else None

    def find_places(self, text: str) -> list[Mention]:
        if self._pattern is None:
            return []
        out = []
        for m in self._pattern.finditer(text):
            place = self.resolve(m.group(0))
            if place is not None:
                out.append(Mention(m.group(0), m.start(), m.end(), "place", place, place.name))
        return out
