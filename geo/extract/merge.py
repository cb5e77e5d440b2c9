"""Events of one article that report the same thing become one row (same sub-type, dates and
compatible actors), keeping the most precise place and the largest conservative death count."""

from __future__ import annotations

from dataclasses import replace

from geo.records import Event, actor_names, same_sides

__all__ = ["merge_events"]



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


def merge_events(events: list[Event]) -> list[Event]:
    out: list[Event] = []
    for e in events:
        twin = next((i for i, o in enumerate(out) if _same_event(o, e)), None)
        if twin is None:
            out.append(e)
            continue
        out[twin] = _combine(out[twin], e)
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
