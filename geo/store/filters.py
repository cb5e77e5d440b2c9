"""`EventFilter` -> parameterised SQL over the store's tables (geo/schema.py).

SQLite uses one index per table scan, so the clause leaves usable only the index that narrows
most: the R*Tree (box and days together) or the date/country indices, chosen from the `daily`
counts; a unary `+` hides a column from the planner. Values are always bound parameters; the
only names spliced into SQL come from fixed tuples here.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any, Callable, Sequence

from geo.errors import StoreError
from geo.records import EventFilter
from geo.store.schema import ACTOR_COLS

__all__ = ["select", "day_counts", "lower_bound", "days", "LONG_DAYS"]

Read = Callable[[str, Sequence[Any]], list]

TEXT_COLS = ("sentence", "place", "location") + ACTOR_COLS
_EPOCH = date(1970, 1, 1)
LONG_DAYS = 31  # events longer than a month are few and have an index of their own (ev_long)


def days(iso: str) -> int:
    """Days since 1970-01-01, the R*Tree's time axis."""
    return (date.fromisoformat(iso) - _EPOCH).days


def lower_bound(read: Read, day: str) -> str:
    """Earliest date_start of an event that can overlap `day`: the longest stored span before it."""
    longest = read(f"SELECT coalesce(max(span), {LONG_DAYS}) FROM events INDEXED BY ev_long WHERE span > {LONG_DAYS}", ())[0][0]
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


def select(flt: EventFilter, read: Read, columns: str) -> tuple[str, list[Any]]:
    """`SELECT columns FROM events e WHERE ...` for the filter, and its parameters.

    A date range is two arms: events of up to LONG_DAYS (nearly all) through the date or country
    index from `date_from - LONG_DAYS` on, and the few longer ones ("since 2013") through their own
    small index, so one five-year event does not widen every month's index range to five years.
    """
    _check_dates(flt)
    narrow = _estimate(flt, read)  # events in the date range / countries; None without those filters
    rtree = flt.bbox is not None and (narrow is None or _in_box(flt, read, narrow + 1) <= narrow)
    hide = "+" if rtree else ""
    clauses: list[tuple[str, list[Any]]] = []
    if flt.date_from:
        clauses.append(("e.date_end >= ?", [flt.date_from]))
    if flt.date_to:
        clauses.append((f"{hide}e.date_start <= ?", [flt.date_to]))
    for col, values in (("event_type", flt.event_types), ("country_code", flt.countries), ("admin1", flt.admin1),
                        ("scope", flt.scopes)):
        if values:
            clauses.append((f"{hide}e.{col} IN ({_marks(values)})", list(values)))
    if flt.actors:
        union, union_params = _actor_union(flt, "id")
        clauses.append((f"e.id IN ({union})", union_params))
    if flt.bbox is not None:
        bbox_params: list[Any] = []
        clauses.append((_bbox_clause(flt, bbox_params, rtree), bbox_params))
    if flt.text:
        clauses.append(("(" + " OR ".join(f"e.{c} LIKE ? ESCAPE '\\'" for c in TEXT_COLS) + ")", [_like(flt.text)] * len(TEXT_COLS)))
    if flt.min_confidence:
        clauses.append(("e.confidence >= ?", [flt.min_confidence]))
    clauses += _detail_clauses(flt)
    if not flt.date_from or rtree:
        return _arm(columns, "", clauses)
    start = (date.fromisoformat(flt.date_from) - timedelta(days=LONG_DAYS)).isoformat()
    short_sql, short_params = _arm(columns, "", [*clauses, (f"e.date_start >= ? AND e.span <= {LONG_DAYS}", [start])])
    long_sql, long_params = _arm(columns, " INDEXED BY ev_long", [*clauses, (f"e.span > {LONG_DAYS}", [])])
    return f"{short_sql} UNION ALL {long_sql}", short_params + long_params


def _detail_clauses(flt: EventFilter) -> list[tuple[str, list[Any]]]:
    """Sub-event types, fatalities, location precision, country-level events: tested row by row."""
    out: list[tuple[str, list[Any]]] = []
    if flt.sub_event_types:
        out.append((f"e.sub_event_type IN ({_marks(flt.sub_event_types)})", list(flt.sub_event_types)))
    if flt.min_fatalities:
        out.append(("e.fatalities >= ?", [int(flt.min_fatalities)]))
    if flt.precisions:
        out.append((f"e.geo_precision IN ({_marks(flt.precisions)})", [int(p) for p in flt.precisions]))
    if not flt.country_level:  # placed at a whole country: its scope says so, or region precision and no admin-1
        out.append(("NOT (e.scope = 'country' OR (e.geo_precision >= 3 AND coalesce(e.admin1, '') = ''))", []))
    return out


def _row_filters(flt: EventFilter) -> bool:
    """Filters the `daily*` counts cannot answer."""
    return bool(flt.admin1 or flt.bbox or flt.text or flt.min_confidence or flt.scopes or _detail_clauses(flt))


def _arm(columns: str, index: str, clauses: list[tuple[str, list[Any]]]) -> tuple[str, list[Any]]:
    where = " WHERE " + " AND ".join(sql for sql, _ in clauses) if clauses else ""
    return f"SELECT {columns} FROM events e{index}{where}", [p for _, params in clauses for p in params]


def _actor_union(flt: EventFilter, select: str) -> tuple[str, list[Any]]:
    """Events of the filter's actors (with its dates and types) from the four covering actor indices;
    the planner would not OR them by itself. UNION, not UNION ALL: one event may name an actor twice."""
    conds, cond_params = "", []
    if flt.date_from:
        conds += " AND date_end >= ?"
        cond_params.append(flt.date_from)
    if flt.date_to:
        conds += " AND date_start <= ?"
        cond_params.append(flt.date_to)
    if flt.event_types:
        conds += f" AND event_type IN ({_marks(flt.event_types)})"
        cond_params += list(flt.event_types)
    arms, params = [], []
    for c in ACTOR_COLS:
        arms.append(f"SELECT {select} FROM events WHERE {c} != '' AND {c} IN ({_marks(flt.actors)}){conds}")
        params += [*flt.actors, *cond_params]
    return " UNION ".join(arms), params


def day_counts(flt: EventFilter, read: Read) -> tuple[str, list[Any]]:
    """SQL for (day, event_type, n): from `daily*` when the filter allows, else grouped events."""
    if flt.actors and not (flt.countries or _row_filters(flt)):
        _check_dates(flt)
        union, params = _actor_union(flt, "id, date_start, event_type")
        return f"SELECT date_start, event_type, count(*) FROM ({union}) AS u GROUP BY 1, 2 ORDER BY 1, 2", params
    if flt.actors or _row_filters(flt):
        sql, params = select(flt, read, "e.date_start AS day, e.event_type AS type")
        return f"SELECT day, type, count(*) FROM ({sql}) AS f GROUP BY day, type ORDER BY 1, 2", params
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
    clauses, params = ["1 = 1"], []
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
    return read(f"SELECT count(*) FROM (SELECT 1 FROM ({lookups}) AS g LIMIT ?) AS n", [*params, cap])[0][0]


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
