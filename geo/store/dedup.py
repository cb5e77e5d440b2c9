"""One event told by many reports stays one event: the rule that merges a new report into a stored one.

Same event type and sub-type, overlapping dates, places within DEDUP_KM (or the same place name
when neither has coordinates) and compatible actors. GDELT counts each report as an event; this
is what keeps the map from over-counting the same strike told by ten outlets.
"""

from __future__ import annotations

import math
import sqlite3
from typing import Any


from geo.store.filters import days, lower_bound
from geo.geometry import KM_PER_DEGREE, haversine_km
from geo.records import Event, actor_names, same_sides
from geo.store.schema import ACTOR_COLS

__all__ = ["DEDUP_KM", "PRECISIONS", "duplicate_of", "merge"]

DEDUP_KM = 10.0
PRECISIONS = ("day", "week", "month", "year")  # finest first


def duplicate_of(db: sqlite3.Connection, ev: Event) -> sqlite3.Row | None:
    """The stored event this report describes (the nearest when several do), or None."""
    same = "e.event_type = ? AND e.sub_event_type = ? AND e.date_start <= ? AND e.date_end >= ?"
    params: list[Any] = [ev.event_type, ev.sub_event_type, ev.date_end, ev.date_start]
    if ev.lat is not None:
        dlat = DEDUP_KM / KM_PER_DEGREE
        dlon = dlat / max(math.cos(math.radians(ev.lat)), 0.01)
        rows = db.execute(
            "SELECT e.* FROM events_geo g JOIN events e ON e.id = g.id WHERE g.lat0 <= ? AND g.lat1 >= ? "
            f"AND g.lon0 <= ? AND g.lon1 >= ? AND g.t0 <= ? AND g.t1 >= ? AND {same}",
            [ev.lat + dlat, ev.lat - dlat, ev.lon + dlon, ev.lon - dlon, days(ev.date_end), days(ev.date_start),
             *params],
        ).fetchall()
        near = [(haversine_km(ev.lat, ev.lon, r["lat"], r["lon"]), r) for r in rows]
        near = [(d, r) for d, r in near if d <= DEDUP_KM]
    elif ev.place:
        lo = lower_bound(lambda sql, p: db.execute(sql, p).fetchall(), ev.date_start)
        rows = db.execute(
            "SELECT e.* FROM events e WHERE e.lat IS NULL AND lower(e.place) = lower(?) AND e.country_code = ? "
            f"AND e.date_start >= ? AND {same}",
            [ev.place, ev.country_code, lo, *params],
        ).fetchall()
        near = [(0.0, r) for r in rows]
    else:
        return None
    mine = actor_names(getattr(ev, c) for c in ACTOR_COLS)
    fits = [(d, r["id"], r) for d, r in near if same_sides(mine, actor_names(r[c] for c in ACTOR_COLS))]
    return min(fits)[2] if fits else None


def merge(db: sqlite3.Connection, row: sqlite3.Row, ev: Event, span: int) -> None:
    """Record `ev` as one more source of `row`; it fills what the stored event lacks and a finer date wins."""
    db.execute(
        "INSERT INTO event_sources VALUES (?, ?, ?, ?, ?, ?)",
        (row["id"], ev.event_id, ev.article_id, ev.source, ev.url, ev.sentence),
    )
    new: dict[str, Any] = {c: getattr(ev, c) for c in ACTOR_COLS if not row[c] and getattr(ev, c)}
    if ev.fatalities > row["fatalities"]:
        new["fatalities"] = ev.fatalities
    if ev.confidence > row["confidence"]:
        new["confidence"] = ev.confidence
    if PRECISIONS.index(ev.date_precision) < PRECISIONS.index(row["date_precision"]):
        new.update(date_start=ev.date_start, date_end=ev.date_end, date_precision=ev.date_precision, span=span)
    sets = "".join(f", {c} = ?" for c in new)
    db.execute(f"UPDATE events SET n_sources = n_sources + 1{sets} WHERE id = ?", [*new.values(), row["id"]])
