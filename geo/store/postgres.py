"""The store on PostgreSQL, for a team sharing one database: `GEO_DB=postgresql://...`.

The store writes its SQL once, for SQLite; this connection adapter runs the same statements on
PostgreSQL by rewriting the few SQLite-only spellings (`?` placeholders, the planner hints `+col`
and `INDEXED BY`, `BEGIN IMMEDIATE`, case-blind `LIKE`), and the schema below mirrors geo/schema.py with PL/pgSQL
triggers and a plain (btree) `events_geo` table where SQLite has its R*Tree.
"""

from __future__ import annotations

import re
from typing import Any, Sequence

from geo.store.schema import EVENT_INDEXES

__all__ = ["is_url", "connect", "ERRORS"]

try:
    import psycopg

    ERRORS: tuple[type[BaseException], ...] = (psycopg.Error,)
except ImportError:  # optional dependency: only a PostgreSQL store needs it
    psycopg = None
    ERRORS = ()

_HINT = re.compile(r"\+e\.")
_INDEXED_BY = re.compile(r" INDEXED BY \w+")
_LIKE = re.compile(r"\bLIKE\b")  # SQLite's LIKE ignores ASCII case, PostgreSQL's ILIKE too

_SCHEMA = f"""
CREATE TABLE IF NOT EXISTS articles (
    article_id TEXT PRIMARY KEY, content_hash TEXT NOT NULL UNIQUE, source TEXT NOT NULL DEFAULT '',
    url TEXT NOT NULL DEFAULT '', n_events INTEGER NOT NULL DEFAULT 0, ingested_at TEXT NOT NULL,
    gazetteer TEXT NOT NULL DEFAULT ''
);
CREATE TABLE IF NOT EXISTS events (
    id BIGSERIAL PRIMARY KEY, event_id TEXT NOT NULL UNIQUE, article_id TEXT NOT NULL DEFAULT '',
    date_start TEXT NOT NULL, date_end TEXT NOT NULL, date_precision TEXT NOT NULL DEFAULT 'day',
    event_type TEXT NOT NULL, sub_event_type TEXT NOT NULL DEFAULT '',
    actor1 TEXT NOT NULL DEFAULT '', actor2 TEXT NOT NULL DEFAULT '',
    assoc_actor1 TEXT NOT NULL DEFAULT '', assoc_actor2 TEXT NOT NULL DEFAULT '',
    place TEXT NOT NULL DEFAULT '', location TEXT NOT NULL DEFAULT '', admin1 TEXT NOT NULL DEFAULT '',
    country_code TEXT NOT NULL DEFAULT '',
    lat DOUBLE PRECISION CHECK (lat BETWEEN -90 AND 90), lon DOUBLE PRECISION CHECK (lon BETWEEN -180 AND 180),
    geonameid TEXT NOT NULL DEFAULT '', geo_precision INTEGER NOT NULL DEFAULT 3,
    fatalities INTEGER NOT NULL DEFAULT 0, sentence TEXT NOT NULL DEFAULT '', source TEXT NOT NULL DEFAULT '',
    url TEXT NOT NULL DEFAULT '', confidence DOUBLE PRECISION NOT NULL DEFAULT 0,
    scope TEXT NOT NULL DEFAULT 'event',
    span INTEGER NOT NULL DEFAULT 0, n_sources INTEGER NOT NULL DEFAULT 1,
    CHECK (date_end >= date_start)
);
{EVENT_INDEXES}
CREATE TABLE IF NOT EXISTS event_sources (
    event BIGINT NOT NULL REFERENCES events(id) ON DELETE CASCADE, event_id TEXT NOT NULL UNIQUE,
    article_id TEXT NOT NULL DEFAULT '', source TEXT NOT NULL DEFAULT '', url TEXT NOT NULL DEFAULT '',
    sentence TEXT NOT NULL DEFAULT ''
);
CREATE INDEX IF NOT EXISTS src_event ON event_sources(event);
CREATE TABLE IF NOT EXISTS events_geo (
    id BIGINT PRIMARY KEY, lat0 DOUBLE PRECISION, lat1 DOUBLE PRECISION, lon0 DOUBLE PRECISION,
    lon1 DOUBLE PRECISION, t0 INTEGER, t1 INTEGER
);
CREATE INDEX IF NOT EXISTS geo_lat ON events_geo(lat0, lon0);
CREATE TABLE IF NOT EXISTS daily (
    day TEXT NOT NULL, event_type TEXT NOT NULL, n INTEGER NOT NULL, PRIMARY KEY (day, event_type)
);
CREATE TABLE IF NOT EXISTS daily_country (
    country_code TEXT NOT NULL, day TEXT NOT NULL, event_type TEXT NOT NULL, n INTEGER NOT NULL,
    PRIMARY KEY (country_code, day, event_type)
);
CREATE OR REPLACE FUNCTION geo_count(cc TEXT, d TEXT, t TEXT, delta INTEGER) RETURNS void AS $$
BEGIN
    INSERT INTO daily VALUES (d, t, delta) ON CONFLICT (day, event_type) DO UPDATE SET n = daily.n + delta;
    INSERT INTO daily_country VALUES (cc, d, t, delta)
        ON CONFLICT (country_code, day, event_type) DO UPDATE SET n = daily_country.n + delta;
END $$ LANGUAGE plpgsql;
CREATE OR REPLACE FUNCTION geo_events_changed() RETURNS trigger AS $$
BEGIN
    IF TG_OP IN ('UPDATE', 'DELETE') THEN
        DELETE FROM events_geo WHERE id = OLD.id;
        PERFORM geo_count(OLD.country_code, OLD.date_start, OLD.event_type, -1);
    END IF;
    IF TG_OP IN ('INSERT', 'UPDATE') THEN
        IF NEW.lat IS NOT NULL THEN
            INSERT INTO events_geo VALUES (NEW.id, NEW.lat, NEW.lat, NEW.lon, NEW.lon,
                NEW.date_start::date - DATE '1970-01-01', NEW.date_end::date - DATE '1970-01-01');
        END IF;
        PERFORM geo_count(NEW.country_code, NEW.date_start, NEW.event_type, 1);
    END IF;
    RETURN NULL;
END $$ LANGUAGE plpgsql;
DROP TRIGGER IF EXISTS ev_changed ON events;
CREATE TRIGGER ev_changed AFTER INSERT OR UPDATE OR DELETE ON events
    FOR EACH ROW EXECUTE FUNCTION geo_events_changed();
"""


def is_url(path: str) -> bool:
    return path.startswith(("postgresql://", "postgres://"))


def _sql(sql: str) -> str:
    """SQLite's spelling of a statement -> PostgreSQL's."""
    if sql == "BEGIN IMMEDIATE":
        return "BEGIN"
    sql = _LIKE.sub("ILIKE", _INDEXED_BY.sub("", _HINT.sub("e.", sql)))
    return sql.replace("%", "%%").replace("?", "%s")


class _Row(tuple):
    """A row readable by position and by column name, like sqlite3.Row."""

    names: dict[str, int] = {}

    def __getitem__(self, key: Any) -> Any:  # type: ignore[override]
        return tuple.__getitem__(self, self.names[key] if isinstance(key, str) else key)


def _row_factory(cursor: Any):
    names = {d.name: i for i, d in enumerate(cursor.description or ())}
    row_type = type("Row", (_Row,), {"names": names})
    return lambda values: row_type(values)


class Connection:
    """The subset of sqlite3.Connection the store uses, on a psycopg connection."""

    def __init__(self, url: str, timeout: float):
        if psycopg is None:
            raise ImportError("a PostgreSQL store needs the psycopg package (pip install 'psycopg[binary]')")
        self._pg = psycopg.connect(url, autocommit=True, connect_timeout=max(1, int(timeout)),
                                   row_factory=_row_factory)
        self._pg.execute(f"SET lock_timeout = {int(timeout * 1000)}")

    def execute(self, sql: str, params: Sequence[Any] = ()) -> Any:
        return self._pg.execute(_sql(sql), list(params) or None)

    def executemany(self, sql: str, rows: Sequence[Sequence[Any]]) -> None:
        with self._pg.cursor() as cur:
            cur.executemany(_sql(sql), rows)

    def close(self) -> None:
        self._pg.close()


_META = """CREATE TABLE IF NOT EXISTS store_meta (key TEXT PRIMARY KEY, value BIGINT NOT NULL);
INSERT INTO store_meta VALUES ('version', 0) ON CONFLICT DO NOTHING;"""  # geo/schema.py BUMP_VERSION


def connect(url: str, timeout: float) -> Connection:
    db = Connection(url, timeout)
    db._pg.execute(_META)
    if db.execute("SELECT to_regclass('events_geo')").fetchone()[0] is None:
        db.execute("BEGIN")
        db._pg.execute(_SCHEMA)
        db.execute("COMMIT")
    db._pg.execute("ALTER TABLE events ADD COLUMN IF NOT EXISTS scope TEXT NOT NULL DEFAULT 'event'")  # older stores
    return db
