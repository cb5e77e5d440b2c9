"""The event store's SQLite tables, indices and triggers.

- `events`: one row per distinct event with the `Event` fields; the sentence, source and url of
  its first report live in that row, further reports of the same event in `event_sources`.
- `events_geo`: an R*Tree over coordinates and days, so the map's box and timeline window are
  one lookup; `daily` and `daily_country`: per-day, per-type counts kept by triggers, so the
  timeline chart does not scan the events.
- `articles`: the content hash of every ingested article (idempotent ingest) and the version of
  the gazetteer its places came from.
"""

from __future__ import annotations

import re
import sqlite3

from geo.records import EVENT_FIELDS

__all__ = [
    "ACTOR_COLS", "GEO_COLS", "EVENT_INDEXES", "INSERT_EVENT", "ensure_schema",
    "TEXT_LIMITS", "MAX_FATALITIES", "GEO_PRECISIONS", "BUMP_VERSION", "READ_VERSION", "SCOPE_COLUMN",
]  # fmt: skip

# Added after the first stores were made: older stores get it on open (their events are all drawn ones).
SCOPE_COLUMN = "ALTER TABLE events ADD COLUMN scope TEXT NOT NULL DEFAULT 'event'"

ACTOR_COLS = ("actor1", "actor2", "assoc_actor1", "assoc_actor2")
GEO_COLS = ("location", "admin1", "country_code", "lat", "lon", "geonameid", "geo_precision")

# The ranges every stored event keeps (geo.store.validate_event): a cell outside them rejects
# its row on import, never the batch. Text limits are characters; real ACLED notes stay < 3,000.
TEXT_LIMITS: dict[str, int] = {
    "event_id": 200, "article_id": 200, "date_precision": 10, "event_type": 60, "sub_event_type": 80,
    "actor1": 300, "actor2": 300, "assoc_actor1": 1000, "assoc_actor2": 1000, "place": 300, "location": 300,
    "admin1": 200, "country_code": 3, "geonameid": 60, "sentence": 20_000, "source": 1000, "url": 2048,
}  # fmt: skip
MAX_FATALITIES = 1_000_000  # above any single coded event; SQLite's INTEGER stops at 2**63
GEO_PRECISIONS = (1, 2, 3)  # ACLED: town, part of a region, region or country

# A counter bumped by every write transaction (geo.store.Store._write): the app's caches key on
# it, so a CLI ingest in another process shows on the next page run. PRAGMA data_version would
# not see the app's own writes, and mtimes miss writes that stay in the WAL file.
BUMP_VERSION = "UPDATE store_meta SET value = value + 1 WHERE key = 'version'"
READ_VERSION = "SELECT value FROM store_meta WHERE key = 'version'"

_GEO_NEW = """INSERT INTO events_geo SELECT new.id, new.lat, new.lat, new.lon, new.lon,
        julianday(new.date_start) - 2440587.5, julianday(new.date_end) - 2440587.5 WHERE new.lat IS NOT NULL;"""
_COUNT_NEW = """
    INSERT INTO daily VALUES (new.date_start, new.event_type, 1)
        ON CONFLICT (day, event_type) DO UPDATE SET n = n + 1;
    INSERT INTO daily_country VALUES (new.country_code, new.date_start, new.event_type, 1)
        ON CONFLICT (country_code, day, event_type) DO UPDATE SET n = n + 1;"""
_UNCOUNT_OLD = """
    UPDATE daily SET n = n - 1 WHERE day = old.date_start AND event_type = old.event_type;
    UPDATE daily_country SET n = n - 1
        WHERE country_code = old.country_code AND day = old.date_start AND event_type = old.event_type;"""

# The same in SQLite and PostgreSQL (geo/postgres.py).
EVENT_INDEXES = f"""
CREATE INDEX IF NOT EXISTS ev_date ON events(date_start, date_end);
CREATE INDEX IF NOT EXISTS ev_country ON events(country_code, date_start, date_end);
CREATE INDEX IF NOT EXISTS ev_long ON events(date_start, date_end) WHERE span > 31;
CREATE INDEX IF NOT EXISTS ev_admin1 ON events(admin1);
{"".join(f"CREATE INDEX IF NOT EXISTS ev_{c} ON events({c}, date_start, date_end, event_type) WHERE {c} != '';" for c in ACTOR_COLS)}
"""

_SCHEMA = f"""
CREATE TABLE IF NOT EXISTS articles (
    article_id TEXT PRIMARY KEY,
    content_hash TEXT NOT NULL UNIQUE,
    source TEXT NOT NULL DEFAULT '',
    url TEXT NOT NULL DEFAULT '',
    n_events INTEGER NOT NULL DEFAULT 0,
    ingested_at TEXT NOT NULL,
    gazetteer TEXT NOT NULL DEFAULT ''
);
CREATE TABLE IF NOT EXISTS events (
    id INTEGER PRIMARY KEY,
    event_id TEXT NOT NULL UNIQUE,
    article_id TEXT NOT NULL DEFAULT '',
    date_start TEXT NOT NULL,
    date_end TEXT NOT NULL,
    date_precision TEXT NOT NULL DEFAULT 'day',
    event_type TEXT NOT NULL,
    sub_event_type TEXT NOT NULL DEFAULT '',
    actor1 TEXT NOT NULL DEFAULT '',
    actor2 TEXT NOT NULL DEFAULT '',
    assoc_actor1 TEXT NOT NULL DEFAULT '',
    assoc_actor2 TEXT NOT NULL DEFAULT '',
    place TEXT NOT NULL DEFAULT '',
    location TEXT NOT NULL DEFAULT '',
    admin1 TEXT NOT NULL DEFAULT '',
    country_code TEXT NOT NULL DEFAULT '',
    lat REAL CHECK (lat BETWEEN -90 AND 90),
    lon REAL CHECK (lon BETWEEN -180 AND 180),
    geonameid TEXT NOT NULL DEFAULT '',
    geo_precision INTEGER NOT NULL DEFAULT 3,
    fatalities INTEGER NOT NULL DEFAULT 0,
    sentence TEXT NOT NULL DEFAULT '',
    source TEXT NOT NULL DEFAULT '',
    url TEXT NOT NULL DEFAULT '',
    confidence REAL NOT NULL DEFAULT 0,
    scope TEXT NOT NULL DEFAULT 'event',
    span INTEGER NOT NULL DEFAULT 0,
    n_sources INTEGER NOT NULL DEFAULT 1,
    CHECK (date_end >= date_start)
);
{EVENT_INDEXES}
CREATE TABLE IF NOT EXISTS event_sources (
    event INTEGER NOT NULL REFERENCES events(id) ON DELETE CASCADE,
    event_id TEXT NOT NULL UNIQUE,
    article_id TEXT NOT NULL DEFAULT '',
    source TEXT NOT NULL DEFAULT '',
    url TEXT NOT NULL DEFAULT '',
    sentence TEXT NOT NULL DEFAULT ''
);
CREATE INDEX IF NOT EXISTS src_event ON event_sources(event);
CREATE VIRTUAL TABLE IF NOT EXISTS events_geo USING rtree(id, lat0, lat1, lon0, lon1, t0, t1);
CREATE TABLE IF NOT EXISTS daily (
    day TEXT NOT NULL, event_type TEXT NOT NULL, n INTEGER NOT NULL,
    PRIMARY KEY (day, event_type)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS daily_country (
    country_code TEXT NOT NULL, day TEXT NOT NULL, event_type TEXT NOT NULL, n INTEGER NOT NULL,
    PRIMARY KEY (country_code, day, event_type)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS store_meta (key TEXT PRIMARY KEY, value INTEGER NOT NULL);
INSERT OR IGNORE INTO store_meta VALUES ('version', 0);
CREATE TRIGGER IF NOT EXISTS ev_ins AFTER INSERT ON events BEGIN
    {_GEO_NEW}
    {_COUNT_NEW}
END;
CREATE TRIGGER IF NOT EXISTS ev_del AFTER DELETE ON events BEGIN
    DELETE FROM events_geo WHERE id = old.id;
    {_UNCOUNT_OLD}
END;
CREATE TRIGGER IF NOT EXISTS ev_geo AFTER UPDATE OF lat, lon, date_start, date_end ON events BEGIN
    DELETE FROM events_geo WHERE id = old.id;
    {_GEO_NEW}
END;
CREATE TRIGGER IF NOT EXISTS ev_day AFTER UPDATE OF date_start, event_type, country_code ON events BEGIN
    {_UNCOUNT_OLD}
    {_COUNT_NEW}
END;
"""
_OBJECTS = set(re.findall(r"IF NOT EXISTS (\w+)", _SCHEMA))

_COLUMNS = EVENT_FIELDS + ("span",)
INSERT_EVENT = f"INSERT INTO events ({', '.join(_COLUMNS)}) VALUES ({', '.join('?' * len(_COLUMNS))})"


def ensure_schema(db: sqlite3.Connection) -> None:
    """Create what is missing; a complete store is only read, so readers never need the write lock."""
    have = {r[0] for r in db.execute("SELECT name FROM sqlite_master")}
    if not _OBJECTS <= have:
        db.executescript("BEGIN IMMEDIATE;" + _SCHEMA + "COMMIT;")
    if "scope" not in {r[1] for r in db.execute("PRAGMA table_info(events)")}:  # a store made before scopes
        db.execute(SCOPE_COLUMN)
