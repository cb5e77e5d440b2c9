"""The project's three records. Field names are the contract between CLI, store and app."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field, fields
from collections.abc import Iterable
from typing import Any

__all__ = ["Place", "Mention", "Event", "EVENT_FIELDS", "EventFilter", "actor_names", "same_sides", "unidentified", "SCOPES"]

SCOPES = ("event", "background", "country")  # what the map draws by default, then what it keeps apart


@dataclass(frozen=True)
class Place:
    """A resolved place: one gazetteer entry plus how sure we are and what else it could be."""

    name: str
    lat: float
    lon: float
    geonameid: str  # GeoNames id, or "sup:<id>" (supplement), "user:<id>", "osm:<id>"
    country_code: str = ""
    admin1: str = ""
    feature_code: str = ""
    population: int = 0
    geo_precision: int = 1  # ACLED: 1 town, 2 near a town / part of a region, 3 region
    where_prec: int = 1  # UCDP 1-7
    confidence: float = 0.0
    source: str = "geonames"
    candidates: tuple["Place", ...] = field(default=(), compare=False, repr=False)

    def to_dict(self, with_candidates: bool = True) -> dict[str, Any]:
        d = {f.name: getattr(self, f.name) for f in fields(self) if f.name != "candidates"}
        if with_candidates:
            d["candidates"] = [c.to_dict(with_candidates=False) for c in self.candidates]
        return d


@dataclass(frozen=True)
class Mention:
    """A span of article text recognised as a place, actor or date."""

    text: str
    start: int
    end: int
    kind: str  # "place" | "actor" | "date"
    place: Place | None = None
    value: str = ""  # canonical actor name, ISO date range, ...


@dataclass(frozen=True)
class Event:
    """One coded event, every field traceable to `sentence` of article `article_id`."""

    event_id: str
    article_id: str
    date_start: str  # ISO yyyy-mm-dd
    date_end: str
    date_precision: str  # day | week | month | year
    event_type: str
    sub_event_type: str
    actor1: str = ""
    actor2: str = ""
    assoc_actor1: str = ""
    assoc_actor2: str = ""
    place: str = ""  # as written
    location: str = ""  # resolved name
    admin1: str = ""
    country_code: str = ""
    lat: float | None = None
    lon: float | None = None
    geonameid: str = ""
    geo_precision: int = 3
    fatalities: int = 0
    sentence: str = ""
    source: str = ""
    url: str = ""
    confidence: float = 0.0
    scope: str = "event"  # event (drawn) | background (older history) | country (placed on a country only)

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


EVENT_FIELDS: tuple[str, ...] = tuple(f.name for f in fields(Event))


@dataclass(frozen=True)
class EventFilter:
    """What the map, the tables, the exports and the CLI ask the store for. Empty means no filter."""

    date_from: str | None = None  # ISO; events whose [date_start, date_end] overlaps the range
    date_to: str | None = None
    actors: tuple[str, ...] = ()  # matches actor1, actor2, assoc_actor1, assoc_actor2
    event_types: tuple[str, ...] = ()
    countries: tuple[str, ...] = ()  # ISO alpha-2
    admin1: tuple[str, ...] = ()
    bbox: tuple[float, float, float, float] | None = None  # south, west, north, east
    text: str = ""  # free text over sentence, place, location, actors
    min_confidence: float = 0.0
    limit: int | None = None
    scopes: tuple[str, ...] = ()  # event | background | country (SCOPES); empty: all
    sub_event_types: tuple[str, ...] = ()
    min_fatalities: int = 0
    precisions: tuple[int, ...] = ()  # geo_precision values kept (1 town, 2 near a town, 3 region or country)
    country_level: bool = True  # False hides events placed only at a whole country


def actor_names(values: Iterable[str]) -> set[str]:
    """The actors of an event's actor columns ('A; B' holds two), case-folded."""
    return {n.strip().casefold() for v in values if v for n in v.split("; ") if n.strip()}


def unidentified(name: str) -> bool:
    """'Unidentified Armed Group (Syria)', 'Unidentified (air strike)': no side anyone can be matched with."""
    return name.casefold().startswith("unidentified")


def same_sides(a: set[str], b: set[str]) -> bool:
    """The one rule for "these reports can be one event" on actors, inside an article and across
    articles: one side's actors all among the other's, or unknown. One shared actor is not enough
    ("YPG v Turkey" and "YPG v SDF" are two events); an unidentified actor ("Unidentified (air strike)")
    is an unknown one, not a clash."""
    a, b = {n for n in a if not unidentified(n)}, {n for n in b if not unidentified(n)}
    return not a or not b or a <= b or b <= a
