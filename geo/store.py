"""The event store: one SQLite file that ingest, imports, the map, the pages and exports share.

Layout, chosen for a million events on a laptop:
- `events` holds one row per distinct event with the `Event` fields; the sentence, source and
  url of its first report live in that row, further reports of the same event in `event_sources`.
- `events_geo` is an R*Tree over coordinates and days (the map's box and timeline window in one
  lookup), `daily` / `daily_country` per-day,
  per-type count kept by triggers (the timeline chart without scanning the events).
- `articles` remembers the content hash of every ingested article (idempotent ingest).
Every write is one transaction (`BEGIN IMMEDIATE` ... `COMMIT`): a killed run leaves whole
batches only, and WAL lets readers go on while a writer works.
"""

from __future__ import annotations

import hashlib
import math
import sqlite3
import threading
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta, timezone
from pathlib import Path
from typing import Any, Callable, Iterable, Iterator, Sequence

import pandas as pd

from . import settings
from .errors import StoreError
from .records import EVENT_FIELDS, Event, EventFilter
from .taxonomy import EVENT_TYPES

__all__ = ["Store", "IngestReport", "validate_event", "content_hash", "gazetteer_version", "DEDUP_KM"]

DEDUP_KM = 10.0
_KM_PER_DEG = 111.2
_PRECISIONS = ("day", "week", "month", "year")
_MIN_YEAR = 1900
_ACTOR_COLS = ("actor1", "actor2", "assoc_actor1", "assoc_actor2")
_DISTINCT_COLS = {"event_type", "sub_event_type", "country_code", "admin1", "source", "place", "location"}
_TEXT_COLS = ("sentence", "place", "location") + _ACTOR_COLS
_WRITE_BATCH = 2000
_EPOCH = date(1970, 1, 1)
_ACTOR_SCAN_MAX = 50_000  # below this many candidate rows, checking actors row by row beats the indices
_GEO_COLS = ("location", "admin1", "country_code", "lat", "lon", "geonameid", "geo_precision")

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

_SCHEMA = f"""
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;
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
    span INTEGER NOT NULL DEFAULT 0,
    n_sources INTEGER NOT NULL DEFAULT 1,
    CHECK (date_end >= date_start)
);
CREATE INDEX IF NOT EXISTS ev_date ON events(date_start, date_end);
CREATE INDEX IF NOT EXISTS ev_country ON events(country_code, date_start, date_end);
CREATE INDEX IF NOT EXISTS ev_span ON events(span);
CREATE INDEX IF NOT EXISTS ev_admin1 ON events(admin1);
{"".join(f"CREATE INDEX IF NOT EXISTS ev_{c} ON events({c});" for c in _ACTOR_COLS)}
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

_COLUMNS = EVENT_FIELDS + ("span",)
_INSERT = f"INSERT INTO events ({', '.join(_COLUMNS)}) VALUES ({', '.join('?' * len(_COLUMNS))})"


@dataclass
class IngestReport:
    """What a write did: events added, events merged into an existing one, skipped, rejected (why)."""

    added: int = 0
    merged: int = 0
    skipped: int = 0
    rejected: list[str] = field(default_factory=list)
    updated: int = 0  # re-resolved after a gazetteer correction

    def __iadd__(self, other: "IngestReport") -> "IngestReport":
        self.added += other.added
        self.merged += other.merged
        self.skipped += other.skipped
        self.rejected.extend(other.rejected)
        self.updated += other.updated
        return self

    def summary(self) -> str:
        return (
            f"added {self.added}, merged {self.merged}, skipped {self.skipped}, "
            f"updated {self.updated}, rejected {len(self.rejected)}"
        )


def content_hash(*parts: str) -> str:
    return hashlib.sha256("\x1f".join(parts).encode("utf-8")).hexdigest()


def _iso_day(value: str, what: str) -> date:
    try:
        d = date.fromisoformat(value)
    except (TypeError, ValueError):
        raise ValueError(f"{what} {value!r} is not an ISO date (yyyy-mm-dd)") from None
    if not _MIN_YEAR <= d.year <= datetime.now(timezone.utc).year + 1:
        raise ValueError(f"{what} {value!r} is out of range ({_MIN_YEAR} to next year)")
    return d


def validate_event(ev: Event) -> int:
    """The event's span in days; ValueError names the first bad field."""
    if not ev.event_id:
        raise ValueError("empty event_id")
    start, end = _iso_day(ev.date_start, "date_start"), _iso_day(ev.date_end, "date_end")
    if end < start:
        raise ValueError(f"date_end {ev.date_end!r} is before date_start {ev.date_start!r}")
    if ev.event_type not in EVENT_TYPES:
        raise ValueError(f"unknown event_type {ev.event_type!r}")
    if ev.date_precision not in _PRECISIONS:
        raise ValueError(f"date_precision {ev.date_precision!r} is not one of {', '.join(_PRECISIONS)}")
    if (ev.lat is None) != (ev.lon is None):
        raise ValueError(f"half a coordinate: lat={ev.lat!r} lon={ev.lon!r}")
    if ev.lat is not None:
        if not (isinstance(ev.lat, (int, float)) and -90 <= ev.lat <= 90):
            raise ValueError(f"latitude {ev.lat!r} outside [-90, 90]")
        if not (isinstance(ev.lon, (int, float)) and -180 <= ev.lon <= 180):
            raise ValueError(f"longitude {ev.lon!r} outside [-180, 180]")
    return (end - start).days


def _km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    a = math.sin((p2 - p1) / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(math.radians(lon2 - lon1) / 2) ** 2
    return 2 * 6371.0 * math.asin(min(1.0, math.sqrt(a)))


def _actor_set(row: Any) -> set[str]:
    return {str(row[c]).casefold() for c in _ACTOR_COLS if row[c]}


def actors_compatible(a: set[str], b: set[str]) -> bool:
    """Two reports can be one event when one side's actors are all among the other's (or unknown)."""
    return not a or not b or a <= b or b <= a


def _like(text: str) -> str:
    return "%" + text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"


class Store:
    """The SQLite event store; thread-safe, so the app can share one connection (st.cache_resource)."""

    def __init__(self, path: str | Path | None = None, *, timeout: float = 10.0):
        self.path = str(settings.db_path() if path is None else path)
        self._lock = threading.RLock()
        memory = self.path == ":memory:" or self.path.startswith("file::memory:")
        try:
            if not memory:
                Path(self.path).parent.mkdir(parents=True, exist_ok=True)
            self._db = sqlite3.connect(self.path, timeout=timeout, isolation_level=None, check_same_thread=False)
            self._db.row_factory = sqlite3.Row
            self._db.execute("PRAGMA foreign_keys = ON")
            if not memory:
                self._db.execute("PRAGMA journal_mode = WAL")
                self._db.execute("PRAGMA synchronous = NORMAL")
            self._db.execute("PRAGMA cache_size = -65536")
            self._ensure_schema()
        except (sqlite3.Error, OSError) as exc:
            raise StoreError(f"cannot open event store {self.path!r}: {exc}") from None

    def _ensure_schema(self) -> None:
        have = {r[0] for r in self._db.execute("SELECT name FROM sqlite_master WHERE type IN ('table', 'trigger')")}
        if {"events", "daily", "daily_country", "events_geo", "ev_day"} <= have:
            return
        self._db.executescript("BEGIN IMMEDIATE;" + _SCHEMA + "COMMIT;")

    # --- transactions --------------------------------------------------------------------------

    @contextmanager
    def _write(self) -> Iterator[sqlite3.Connection]:
        """One transaction; any failure rolls it back whole and becomes a one-line StoreError."""
        with self._lock:
            try:
                self._db.execute("BEGIN IMMEDIATE")
            except sqlite3.OperationalError as exc:
                hint = "; another process is writing to it, try again when it is done" if "locked" in str(exc) else ""
                raise StoreError(f"cannot write event store {self.path!r}: {exc}{hint}") from None
            try:
                yield self._db
                self._db.execute("COMMIT")
            except BaseException as exc:
                self._db.execute("ROLLBACK")
                if isinstance(exc, (sqlite3.Error, OSError)):
                    raise StoreError(f"cannot write event store {self.path!r}: {exc}; nothing was written") from None
                raise

    def _read(self, sql: str, params: Sequence[Any] = (), raw: bool = False) -> list[Any]:
        """Rows of a SELECT (tuples with raw=True, cheaper for DataFrames)."""
        with self._lock:
            try:
                cur = self._db.execute(sql, params)
                if raw:
                    cur.row_factory = None
                return cur.fetchall()
            except sqlite3.Error as exc:
                raise StoreError(f"cannot read event store {self.path!r}: {exc}") from None

    def close(self) -> None:
        with self._lock:
            self._db.close()

    def __enter__(self) -> "Store":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # --- writes --------------------------------------------------------------------------------

    def add_events(
        self,
        events: Iterable[Event],
        *,
        article_id: str = "",
        content_hash: str = "",
        source: str = "",
        url: str = "",
        dedup: bool = True,
        gazetteer_version: str = "",
    ) -> IngestReport:
        """Store events in one transaction per batch; a report of the same event merges into it.

        With `content_hash`, the events are one article's: an article already stored adds nothing.
        An event id already stored (or already merged) is skipped, so re-running an import is a no-op.
        """
        report = IngestReport()
        events = list(events)
        with self._write() as db:
            if content_hash:
                if db.execute("SELECT 1 FROM articles WHERE content_hash = ?", (content_hash,)).fetchone():
                    report.skipped = len(events)
                    return report
                db.execute(
                    "INSERT INTO articles VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (article_id) DO UPDATE SET "
                    "content_hash = excluded.content_hash, n_events = excluded.n_events",
                    (article_id or content_hash[:16], content_hash, source, url, len(events), _now(), gazetteer_version),
                )
            for ev in events:
                self._add_one(db, ev, report, dedup=dedup, source=source, url=url)
        return report

    def add_many(self, events: Iterable[Event], *, dedup: bool = True, batch: int = _WRITE_BATCH) -> IngestReport:
        """`add_events` in transactions of `batch` events: for imports and bulk loads."""
        report, chunk = IngestReport(), []
        for ev in events:
            chunk.append(ev)
            if len(chunk) >= batch:
                report += self.add_events(chunk, dedup=dedup)
                chunk = []
        if chunk:
            report += self.add_events(chunk, dedup=dedup)
        return report

    def _add_one(self, db: sqlite3.Connection, ev: Event, report: IngestReport, *, dedup: bool, source: str, url: str) -> None:
        try:
            span = validate_event(ev)
        except ValueError as exc:
            report.rejected.append(f"event {ev.event_id!r}: {exc}")
            return
        if not ev.source and source or not ev.url and url:
            ev = _with(ev, source=ev.source or source, url=ev.url or url)
        if self._known_id(db, ev.event_id):
            report.skipped += 1
            return
        target = self._duplicate_of(db, ev) if dedup else None
        if target is None:
            db.execute(_INSERT, [getattr(ev, c) for c in EVENT_FIELDS] + [span])
            report.added += 1
        else:
            self._merge(db, target, ev, span)
            report.merged += 1

    @staticmethod
    def _known_id(db: sqlite3.Connection, event_id: str) -> bool:
        return bool(
            db.execute("SELECT 1 FROM events WHERE event_id = ?", (event_id,)).fetchone()
            or db.execute("SELECT 1 FROM event_sources WHERE event_id = ?", (event_id,)).fetchone()
        )

    def _duplicate_of(self, db: sqlite3.Connection, ev: Event) -> sqlite3.Row | None:
        """The stored event this report describes: same type, overlapping dates, within DEDUP_KM, compatible actors."""
        same = "e.event_type = ? AND e.sub_event_type = ? AND e.date_start <= ? AND e.date_end >= ?"
        params: list[Any] = [ev.event_type, ev.sub_event_type, ev.date_end, ev.date_start]
        if ev.lat is not None:
            dlat = DEDUP_KM / _KM_PER_DEG
            dlon = dlat / max(math.cos(math.radians(ev.lat)), 0.01)
            rows = db.execute(
                f"SELECT e.* FROM events_geo g JOIN events e ON e.id = g.id WHERE g.lat0 <= ? AND g.lat1 >= ? "
                f"AND g.lon0 <= ? AND g.lon1 >= ? AND g.t0 <= ? AND g.t1 >= ? AND {same}",
                [ev.lat + dlat, ev.lat - dlat, ev.lon + dlon, ev.lon - dlon, _days(ev.date_end), _days(ev.date_start),
                 *params],
            ).fetchall()
            rows = [(_km(ev.lat, ev.lon, r["lat"], r["lon"]), r) for r in rows]
            rows = [(d, r) for d, r in rows if d <= DEDUP_KM]
        else:
            if not ev.place:
                return None
            lo = self._lower_bound(db, ev.date_start)
            rows = db.execute(
                f"SELECT e.* FROM events e WHERE e.lat IS NULL AND e.place = ? COLLATE NOCASE AND e.country_code = ? "
                f"AND e.date_start >= ? AND {same}",
                [ev.place, ev.country_code, lo, *params],
            ).fetchall()
            rows = [(0.0, r) for r in rows]
        mine = _actor_set(ev.to_dict())
        rows = [(d, r["id"], r) for d, r in rows if actors_compatible(mine, _actor_set(r))]
        return min(rows)[2] if rows else None

    @staticmethod
    def _merge(db: sqlite3.Connection, row: sqlite3.Row, ev: Event, span: int) -> None:
        db.execute(
            "INSERT INTO event_sources VALUES (?, ?, ?, ?, ?, ?)",
            (row["id"], ev.event_id, ev.article_id, ev.source, ev.url, ev.sentence),
        )
        new: dict[str, Any] = {c: getattr(ev, c) for c in _ACTOR_COLS if not row[c] and getattr(ev, c)}
        if ev.fatalities > row["fatalities"]:
            new["fatalities"] = ev.fatalities
        if ev.confidence > row["confidence"]:
            new["confidence"] = ev.confidence
        if _PRECISIONS.index(ev.date_precision) < _PRECISIONS.index(row["date_precision"]):
            new.update(date_start=ev.date_start, date_end=ev.date_end, date_precision=ev.date_precision, span=span)
        sets = "".join(f", {c} = ?" for c in new)
        db.execute(f"UPDATE events SET n_sources = n_sources + 1{sets} WHERE id = ?", [*new.values(), row["id"]])

    # --- ingest --------------------------------------------------------------------------------

    def ingest(
        self,
        paths: str | Path | Iterable[str | Path],
        gazetteer: Any = None,
        *,
        progress: Callable[[int, int], None] | None = None,
        extract: Callable[[Any, Any], list[Event]] | None = None,
    ) -> IngestReport:
        """Read article files, folders or bulk corpora, extract their events and store them."""
        from .articles import iter_articles

        if isinstance(paths, (str, Path)):
            paths = [paths]
        rejected: list[str] = []
        on_error = lambda err: rejected.append(str(err))  # noqa: E731 - ArticleError names the file
        if gazetteer is None:
            from .gazetteer import Gazetteer

            gazetteer = Gazetteer.open()
        report = self.ingest_articles(iter_articles(list(paths), on_error=on_error), gazetteer, progress=progress, extract=extract)
        report.rejected[:0] = rejected
        return report

    def ingest_articles(
        self,
        articles: Iterable[Any],
        gazetteer: Any,
        *,
        progress: Callable[[int, int], None] | None = None,
        extract: Callable[[Any, Any], list[Event]] | None = None,
    ) -> IngestReport:
        """Store the events of each article once. An article seen before adds nothing; when the
        gazetteer changed since, it is extracted again and its stored events take the new places."""
        if extract is None:
            from .events import extract_events as extract
        articles = list(articles) if progress else articles
        total = len(articles) if progress else 0  # type: ignore[arg-type]
        version = gazetteer_version(gazetteer)
        report = IngestReport()
        for i, art in enumerate(articles, 1):
            digest = content_hash(str(art.date), art.title or "", art.text)
            seen = self._read("SELECT gazetteer FROM articles WHERE content_hash = ?", (digest,))
            if seen and version and seen[0][0] == version:
                report.skipped += 1
            else:
                try:
                    events = extract(art, gazetteer)
                except Exception as exc:  # noqa: BLE001 - one bad article must not stop a corpus
                    report.rejected.append(f"{art.path or art.article_id}: extraction failed: {exc}")
                    events = None
                if events is not None and seen:
                    report.skipped += 1
                    report.updated += self._relocate(events, digest, version)
                elif events is not None:
                    report += self.add_events(
                        events, article_id=art.article_id, content_hash=digest, source=art.source or "",
                        url=art.url or "", gazetteer_version=version,
                    )
            if progress:
                progress(i, total)
        return report

    def _relocate(self, events: list[Event], digest: str, version: str) -> int:
        """Give stored events the places a new extraction found for them; how many moved."""
        cols = ", ".join(_GEO_COLS)
        changed = 0
        with self._write() as db:
            for e in events:
                row = db.execute(f"SELECT id, {cols} FROM events WHERE event_id = ?", (e.event_id,)).fetchone()
                new = [getattr(e, c) for c in _GEO_COLS]
                if row is not None and list(row)[1:] != new:
                    db.execute(f"UPDATE events SET {', '.join(c + ' = ?' for c in _GEO_COLS)} WHERE id = ?", [*new, row[0]])
                    changed += 1
            db.execute("UPDATE articles SET gazetteer = ? WHERE content_hash = ?", (version, digest))
        return changed

    # --- re-resolve ----------------------------------------------------------------------------

    def re_resolve(self, gazetteer: Any, names: Iterable[str] | None = None) -> int:
        """Re-geocode the events whose `place` is one of `names` (all when None); how many changed."""
        if names is None:
            return self._re_resolve_where("WHERE place != ''", (), gazetteer)
        names = [n for n in dict.fromkeys(names) if n]
        changed = 0
        for i in range(0, len(names), 500):
            chunk = names[i : i + 500]
            marks = ", ".join("?" * len(chunk))
            changed += self._re_resolve_where(f"WHERE place COLLATE NOCASE IN ({marks})", chunk, gazetteer)
        return changed

    def _re_resolve_where(self, where: str, params: Sequence[Any], gazetteer: Any) -> int:
        rows = self._read(f"SELECT id, place, sentence, {', '.join(_GEO_COLS)} FROM events {where}", params)
        changes = []
        for row in rows:
            new = _geo_fields(gazetteer, row["place"], row["sentence"])
            if new is not None and any(new[c] != row[c] for c in _GEO_COLS):
                changes.append([*(new[c] for c in _GEO_COLS), row["id"]])
        if changes:
            with self._write() as db:
                sets = ", ".join(f"{c} = ?" for c in _GEO_COLS)
                db.executemany(f"UPDATE events SET {sets} WHERE id = ?", changes)
        return len(changes)

    # --- reads ---------------------------------------------------------------------------------

    def _lower_bound(self, db: sqlite3.Connection | None, day: str) -> str:
        """Earliest date_start an event overlapping `day` can have (the longest stored span before it)."""
        sql = "SELECT max(span) FROM events"
        row = (db.execute(sql).fetchone() if db is not None else self._read(sql)[0])
        longest = row[0] or 0
        try:
            return (date.fromisoformat(day) - timedelta(days=longest)).isoformat()
        except (ValueError, OverflowError):
            return "0000-00-00"

    def _where(self, flt: EventFilter) -> tuple[str, list[Any]]:
        """WHERE clause and parameters; with a bounding box, only the more selective of the R*Tree and
        the date/country indices is left usable (a unary + hides a column from the planner)."""
        for what in ("date_from", "date_to"):
            value = getattr(flt, what)
            try:
                value and date.fromisoformat(value)
            except (TypeError, ValueError):
                raise StoreError(f"{what} {value!r} is not an ISO date (yyyy-mm-dd)") from None
        narrow = self._estimate(flt)  # events in the date range / countries, None without those filters
        rtree = flt.bbox is not None and (narrow is None or self._in_box(flt, narrow + 1) <= narrow)
        hide = "+" if rtree else ""
        clauses: list[str] = []
        params: list[Any] = []
        if flt.date_from:
            clauses.append(f"e.date_end >= ? AND {hide}e.date_start >= ?")
            params += [flt.date_from, self._lower_bound(None, flt.date_from)]
        if flt.date_to:
            clauses.append(f"{hide}e.date_start <= ?")
            params.append(flt.date_to)
        for col, values in (("event_type", flt.event_types), ("country_code", flt.countries), ("admin1", flt.admin1)):
            if values:
                clauses.append(f"{hide}e.{col} IN ({', '.join('?' * len(values))})")
                params += list(values)
        if flt.actors:
            marks = ", ".join("?" * len(flt.actors))
            if narrow is not None and narrow < _ACTOR_SCAN_MAX or rtree:
                clauses.append("(" + " OR ".join(f"+e.{c} IN ({marks})" for c in _ACTOR_COLS) + ")")
            else:  # one index per actor column; the planner would not OR them by itself
                union = " UNION ".join(f"SELECT id FROM events WHERE {c} IN ({marks})" for c in _ACTOR_COLS)
                clauses.append(f"e.id IN ({union})")
            params += list(flt.actors) * len(_ACTOR_COLS)
        if flt.bbox is not None:
            clauses.append(_bbox_clause(flt, params, rtree))
        if flt.text:
            clauses.append("(" + " OR ".join(f"e.{c} LIKE ? ESCAPE '\\'" for c in _TEXT_COLS) + ")")
            params += [_like(flt.text)] * len(_TEXT_COLS)
        if flt.min_confidence:
            clauses.append("e.confidence >= ?")
            params.append(flt.min_confidence)
        return (" WHERE " + " AND ".join(clauses) if clauses else ""), params

    def _estimate(self, flt: EventFilter) -> int | None:
        """How many events the date range and countries let through, from the `daily*` counts."""
        if not (flt.date_from or flt.date_to or flt.countries):
            return None
        where, params = ["1"], []
        if flt.date_from:  # events starting before the range and reaching into it are few: left out
            where.append("day >= ?")
            params.append(flt.date_from)
        if flt.date_to:
            where.append("day <= ?")
            params.append(flt.date_to)
        table = "daily"
        if flt.countries:
            table = "daily_country"
            where.append(f"country_code IN ({', '.join('?' * len(flt.countries))})")
            params += list(flt.countries)
        return self._read(f"SELECT coalesce(sum(n), 0) FROM {table} WHERE {' AND '.join(where)}", params)[0][0]

    def _in_box(self, flt: EventFilter, cap: int) -> int:
        """Events in the box and date range, counted in the R*Tree up to `cap`."""
        params: list[Any] = []
        rtree_sql = " UNION ALL ".join(_rtree_select(flt, params))
        return self._read(f"SELECT count(*) FROM (SELECT 1 FROM ({rtree_sql}) LIMIT ?)", [*params, cap])[0][0]

    def query(self, flt: EventFilter = EventFilter(), columns: Sequence[str] | None = None) -> pd.DataFrame:
        """The filtered events, oldest first, with EVENT_FIELDS and n_sources as columns
        (or only `columns`: the map needs five of them and gets them three times faster)."""
        cols = list(EVENT_FIELDS) + ["n_sources"] if columns is None else list(columns)
        unknown = set(cols) - set(EVENT_FIELDS) - {"n_sources"}
        if unknown:
            raise StoreError(f"query: unknown column(s) {sorted(unknown)!r}")
        where, params = self._where(flt)
        sql = f"SELECT {', '.join('e.' + c for c in cols)} FROM events e{where} ORDER BY e.date_start, e.id"
        if flt.limit is not None:
            sql += " LIMIT ?"
            params.append(int(flt.limit))
        df = pd.DataFrame.from_records(self._read(sql, params, raw=True), columns=cols)
        return df.astype({c: "float64" for c in ("lat", "lon") if c in cols})

    def count(self, flt: EventFilter = EventFilter()) -> int:
        where, params = self._where(flt)
        n = self._read(f"SELECT count(*) FROM events e{where}", params)[0][0]
        return min(n, flt.limit) if flt.limit is not None else n

    def count_by_day(self, flt: EventFilter = EventFilter()) -> pd.DataFrame:
        """Events per start day and type, for the timeline chart (from `daily*` when the filter allows)."""
        if flt.actors or flt.admin1 or flt.bbox or flt.text or flt.min_confidence:
            where, params = self._where(flt)
            sql = (
                f"SELECT e.date_start AS day, e.event_type, count(*) AS n FROM events e{where} "
                "GROUP BY e.date_start, e.event_type ORDER BY 1, 2"
            )
        else:
            clauses, params = ["n > 0"], []
            for col, op, value in (("day", ">=", flt.date_from), ("day", "<=", flt.date_to)):
                if value:
                    clauses.append(f"{col} {op} ?")
                    params.append(value)
            for col, values in (("event_type", flt.event_types), ("country_code", flt.countries)):
                if values:
                    clauses.append(f"{col} IN ({', '.join('?' * len(values))})")
                    params += list(values)
            table = "daily_country" if flt.countries else "daily"
            sql = (
                f"SELECT day, event_type, sum(n) AS n FROM {table} WHERE {' AND '.join(clauses)} "
                "GROUP BY day, event_type ORDER BY day, event_type"
            )
        return pd.DataFrame.from_records(self._read(sql, params, raw=True), columns=["day", "event_type", "n"])

    def span(self) -> tuple[str, str] | None:
        first = self._read("SELECT min(date_start), max(date_start) FROM events")[0]
        if first[0] is None:
            return None
        lo = self._lower_bound(None, first[1])
        last = self._read("SELECT max(date_end) FROM events WHERE date_start >= ?", (lo,))[0][0]
        return first[0], last

    def distinct(self, column: str) -> list[str]:
        """The values a filter can offer (the four actor columns together for "actor")."""
        if column == "actor":
            values: set[str] = set()
            for c in _ACTOR_COLS:
                values.update(self._skip_scan(c))
        elif column == "event_type":
            values = {r[0] for r in self._read("SELECT DISTINCT event_type FROM daily WHERE n > 0")}
        elif column in ("country_code", "admin1"):
            values = set(self._skip_scan(column))
        elif column in _DISTINCT_COLS:
            values = {r[0] for r in self._read(f"SELECT DISTINCT {column} FROM events")}
        else:
            raise StoreError(f"distinct: unknown column {column!r} (expected actor or one of {sorted(_DISTINCT_COLS)})")
        return sorted(v for v in values if v)

    def _skip_scan(self, column: str) -> list[str]:
        """Distinct values of an indexed column by jumping from one to the next (a few per ms, not a scan)."""
        return [
            r[0]
            for r in self._read(
                f"WITH RECURSIVE v(x) AS (SELECT min({column}) FROM events UNION ALL "
                f"SELECT (SELECT min({column}) FROM events WHERE {column} > x) FROM v WHERE x IS NOT NULL) "
                "SELECT x FROM v WHERE x IS NOT NULL"
            )
        ]

    def sources(self, event_id: str) -> pd.DataFrame:
        """Every report of one event: its first source, then those merged into it."""
        rows = self._read(
            "SELECT article_id, source, url, sentence FROM events WHERE event_id = ? "
            "UNION ALL SELECT s.article_id, s.source, s.url, s.sentence FROM event_sources s "
            "JOIN events e ON e.id = s.event WHERE e.event_id = ?",
            (event_id, event_id),
            raw=True,
        )
        return pd.DataFrame.from_records(rows, columns=["article_id", "source", "url", "sentence"])

    def optimize(self) -> None:
        """Refresh the planner's statistics after a bulk load."""
        with self._lock:
            self._db.execute("ANALYZE")


def gazetteer_version(gazetteer: Any) -> str:
    """Changes whenever the gazetteer's files do (a user correction writes one); '' when unknown."""
    parts = []
    for path in (getattr(gazetteer, "path", None), getattr(getattr(gazetteer, "user", None), "path", None)):
        for f in (Path(path), Path(f"{path}-wal")) if path else ():
            if f.exists():
                st = f.stat()
                parts.append(f"{st.st_size}:{st.st_mtime_ns}")
    return "|".join(parts)


def _bbox_spans(bbox: Sequence[float]) -> list[tuple[float, float]]:
    """West-east intervals of a box; one that crosses the antimeridian (west > east) is two."""
    south, west, north, east = (float(v) for v in bbox)
    if south > north:
        raise StoreError(f"bounding box {tuple(bbox)!r}: south is above north (expected S,W,N,E)")
    return [(west, east)] if west <= east else [(west, 180.0), (-180.0, east)]


def _days(iso: str) -> int:
    return (date.fromisoformat(iso) - _EPOCH).days


def _rtree_select(flt: EventFilter, params: list[Any]) -> list[str]:
    """R*Tree lookups for the box (two across the antimeridian) and the date range."""
    south, north = float(flt.bbox[0]), float(flt.bbox[2])
    when, when_params = "", []
    if flt.date_from:
        when += " AND t1 >= ?"
        when_params.append(_days(flt.date_from))
    if flt.date_to:
        when += " AND t0 <= ?"
        when_params.append(_days(flt.date_to))
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
    exact = " OR ".join("(e.lon BETWEEN ? AND ?)" for _ in spans)
    clause = f"e.lat BETWEEN ? AND ? AND ({exact})"
    if rtree:
        clause = f"e.id IN ({' UNION ALL '.join(_rtree_select(flt, params))}) AND " + clause
    params += [south, north]
    for w, e in spans:
        params += [w, e]
    return f"({clause})"


def _geo_fields(gazetteer: Any, place: str, sentence: str) -> dict[str, Any] | None:
    """The geocoding columns the gazetteer gives `place` (in its sentence) now; None when it knows none."""
    if not place:
        return None
    found = gazetteer.resolve(place, context=sentence or None)
    if found is None:
        return None
    return {
        "location": found.name,
        "admin1": found.admin1,
        "country_code": found.country_code,
        "lat": found.lat,
        "lon": found.lon,
        "geonameid": found.geonameid,
        "geo_precision": found.geo_precision,
    }


def _with(ev: Event, **changes: Any) -> Event:
    from dataclasses import replace

    return replace(ev, **changes)


def _now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")
