"""`EventFilter` -> parameterised SQL over the store's tables (geo/schema.py).

SQLite uses one index per table scan, so the clause leaves usable only the index that narrows
most: the R*Tree (box and days together) or the date/country indices, chosen from the `daily`
counts; a unary `+` hides a column from the planner. Values are always bound parameters; the
only names spliced into SQL come from fixed tuples here.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any, Callable, Sequence

from .errors import StoreError
from .records import EventFilter
from .schema import ACTOR_COLS

__all__ = ["where", "day_counts", "lower_bound", "days"]

Read = Callable[[str, Sequence[Any]], list]

TEXT_COLS = ("sentence", "place", "location") + ACTOR_COLS
_ACTOR_SCAN_MAX = 50_000  # below this many candidate rows, checking actors row by row beats the indices
_EPOCH = date(1970, 1, 1)


def days(iso: str) -> int:
    """Days since 1970-01-01, the R*Tree's time axis."""
    return (date.fromisoformat(iso) - _EPOCH).days


def lower_bound(read: Read, day: str) -> str:
    """Earliest date_start of an event that can overlap `day`: the longest stored span before it."""
    longest = read("SELECT max(span) FROM events", ())[0][0] or 0
    try:
        return (date.fromisoformat(day) - timedelta(days=longest)).isoformat()
    except (ValueError, OverflowError):
        return "0000-00-00"


def _check_dates(flt: EventFilter) -> None:
    for what in ("date_from", "date_to"):
        value = getattr(flt, what)
        try:
            value and date.fromisoformat(value)
        except (TypeError, ValueError):
            raise StoreError(f"{what} {value!r} is not an ISO date (yyyy-mm-dd)") from None


def _marks(values: Sequence[Any]) -> str:
    return ", ".join("?" * len(values))


def _like(text: str) -> str:
    return "%" + text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"


def where(flt: EventFilter, read: Read) -> tuple[str, list[Any]]:
    """' WHERE ...' (or '') and its parameters, for `FROM events e`."""
    _check_dates(flt)
    narrow = _estimate(flt, read)  # events in the date range / countries; None without those filters
    rtree = flt.bbox is not None and (narrow is None or _in_box(flt, read, narrow + 1) <= narrow)
    hide = "+" if rtree else ""
    clauses: list[str] = []
    params: list[Any] = []
    if flt.date_from:
        clauses.append(f"e.date_end >= ? AND {hide}e.date_start >= ?")
        params += [flt.date_from, lower_bound(read, flt.date_from)]
    if flt.date_to:
        clauses.append(f"{hide}e.date_start <= ?")
        params.append(flt.date_to)
    for col, values in (("event_type", flt.event_types), ("country_code", flt.countries), ("admin1", flt.admin1)):
        if values:
            clauses.append(f"{hide}e.{col} IN ({_marks(values)})")
            params += list(values)
    if flt.actors:
        marks = _marks(flt.actors)
        if rtree or narrow is not None and narrow < _ACTOR_SCAN_MAX:
            clauses.append("(" + " OR ".join(f"+e.{c} IN ({marks})" for c in ACTOR_COLS) + ")")
        else:  # one index per actor column; the planner would not OR them by itself
            union = " UNION ".join(f"SELECT id FROM events WHERE {c} IN ({marks})" for c in ACTOR_COLS)
            clauses.append(f"e.id IN ({union})")
        params += list(flt.actors) * len(ACTOR_COLS)
    if flt.bbox is not None:
        clauses.append(_bbox_clause(flt, params, rtree))
    if flt.text:
        clauses.append("(" + " OR ".join(f"e.{c} LIKE ? ESCAPE '\\'" for c in TEXT_COLS) + ")")
        params += [_like(flt.text)] * len(TEXT_COLS)
    if flt.min_confidence:
        clauses.append("e.confidence >= ?")
        params.append(flt.min_confidence)
    return (" WHERE " + " AND ".join(clauses) if clauses else ""), params


def day_counts(flt: EventFilter, read: Read) -> tuple[str, list[Any]]:
    """SQL for (day, event_type, n): from `daily*` when the filter allows, else grouped events."""
    if flt.actors or flt.admin1 or flt.bbox or flt.text or flt.min_confidence:
        sql, params = where(flt, read)
        return (
            f"SELECT e.date_start, e.event_type, count(*) FROM events e{sql} "
            "GROUP BY e.date_start, e.event_type ORDER BY 1, 2"
        ), params
    _check_dates(flt)
    clauses, params = ["n > 0"], []
    if flt.date_from:
        clauses.append("day >= ?")
        params.append(flt.date_from)
    if flt.date_to:
        clauses.append("day <= ?")
        params.append(flt.date_to)
    for col, values in (("event_type", flt.event_types), ("country_code", flt.countries)):
        if values:
            clauses.append(f"{col} IN ({_marks(values)})")
            params += list(values)
    table = "daily_country" if flt.countries else "daily"
    return (
        f"SELECT day, event_type, sum(n) FROM {table} WHERE {' AND '.join(clauses)} "
        "GROUP BY day, event_type ORDER BY day, event_type"
    ), params


def _estimate(flt: EventFilter, read: Read) -> int | None:
    """How many events the date range and countries let through, from the `daily*` counts."""
    if not (flt.date_from or flt.date_to or flt.countries):
        return None
    clauses, params = ["1"], []
    if flt.date_from:  # events that start before the range and reach into it are few: left out
        clauses.append("day >= ?")
        params.append(flt.date_from)
    if flt.date_to:
        clauses.append("day <= ?")
        params.append(flt.date_to)
    table = "daily"
    if flt.countries:
        table = "daily_country"
        clauses.append(f"country_code IN ({_marks(flt.countries)})")
        params += list(flt.countries)
    return read(f"SELECT coalesce(sum(n), 0) FROM {table} WHERE {' AND '.join(clauses)}", params)[0][0]


def _in_box(flt: EventFilter, read: Read, cap: int) -> int:
    """Events in the box and date range, counted in the R*Tree up to `cap`."""
    params: list[Any] = []
    lookups = " UNION ALL ".join(_rtree_select(flt, params))
    return read(f"SELECT count(*) FROM (SELECT 1 FROM ({lookups}) LIMIT ?)", [*params, cap])[0][0]


def _bbox_spans(bbox: Sequence[float]) -> list[tuple[float, float]]:
    """West-east intervals of a box; one that crosses the antimeridian (west > east) is two."""
    south, west, north, east = (float(v) for v in bbox)
    if south > north:
        raise StoreError(f"bounding box {tuple(bbox)!r}: south is above north (expected S,W,N,E)")
    return [(west, east)] if west <= east else [(west, 180.0), (-180.0, east)]


def _rtree_select(flt: EventFilter, params: list[Any]) -> list[str]:
    """R*Tree lookups for the box (two across the antimeridian) and the date range."""
    south, north = float(flt.bbox[0]), float(flt.bbox[2])
    when, when_params = "", []
    if flt.date_from:
        when += " AND t1 >= ?"
        when_params.append(days(flt.date_from))
    if flt.date_to:
        when += " AND t0 <= ?"
        when_params.append(days(flt.date_to))
    out = []
    for w, e in _bbox_spans(flt.bbox):
        out.append(f"SELECT id FROM events_geo WHERE lat0 <= ? AND lat1 >= ? AND lon0 <= ? AND lon1 >= ?{when}")
        params += [north, south, e, w, *when_params]
    return out


def _bbox_clause(flt: EventFilter, params: list[Any], rtree: bool) -> str:
    """The box, through the R*Tree or tested row by row. The R*Tree keeps 32-bit floats rounded
    outward, so it only narrows; the exact test on e.lat/e.lon decides."""
    south, north = float(flt.bbox[0]), float(flt.bbox[2])
    spans = _bbox_spans(flt.bbox)
    clause = f"e.lat BETWEEN ? AND ? AND ({' OR '.join('(e.lon BETWEEN ? AND ?)' for _ in spans)})"
    if rtree:
        clause = f"e.id IN ({' UNION ALL '.join(_rtree_select(flt, params))}) AND {clause}"
    params += [south, north]
    for w, e in spans:
        params += [w, e]
    return f"({clause})"
