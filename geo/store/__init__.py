"""The event store: one SQLite (or PostgreSQL) database of events, its filters and its merge rule."""

from __future__ import annotations

from geo.lazy import lazy_exports

_HOMES = {
    "DEDUP_KM": "dedup",
    "PRECISIONS": "dedup",
    "duplicate_of": "dedup",
    "merge": "dedup",
    "LONG_DAYS": "filters",
    "day_counts": "filters",
    "days": "filters",
    "lower_bound": "filters",
    "select": "filters",
    "ERRORS": "postgres",
    "connect": "postgres",
    "is_url": "postgres",
    "ACTOR_COLS": "schema",
    "EVENT_INDEXES": "schema",
    "GEO_COLS": "schema",
    "INSERT_EVENT": "schema",
    "ensure_schema": "schema",
    "IngestReport": "store",
    "Store": "store",
    "content_hash": "store",
    "validate_event": "store",
}

__all__, __getattr__ = lazy_exports(__name__, _HOMES)
