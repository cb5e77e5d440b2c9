"""The event store: one SQLite file that ingest, imports, the map, the pages and exports share.

Tables in schema.py, filters to SQL in filters.py, the merge rule in dedup.py; what to store
comes from geo.pipeline (extraction) and geo.formats (imports): the store knows neither.
Every write is one transaction (`BEGIN IMMEDIATE` ... `COMMIT`): a killed run leaves whole
batches only, and WAL lets readers (the app) go on while a writer (an ingest) works.

Over 400 lines: one class owns the connection, its lock and every transaction, so it stays whole.
"""

from __future__ import annotations

import hashlib
import os
import re
import sqlite3
import threading
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from datetime import date, datetime, timezone
from numbers import Integral, Real
from pathlib import Path
from typing import Any, Callable, Iterable, Iterator, Sequence

import pandas as pd

from geo import settings
from geo.errors import StoreError
from geo.reading import shorten
from geo.records import EVENT_FIELDS, SCOPES, Event, EventFilter
from geo.store import dedup, filters, postgres
from geo.store.schema import (
    ACTOR_COLS, BUMP_VERSION, GEO_COLS, GEO_PRECISIONS, INSERT_EVENT, MAX_FATALITIES, READ_VERSION, TEXT_LIMITS,
    ensure_schema,
)  # fmt: skip
from geo.taxonomy import EVENT_TYPES

__all__ = ["Store", "IngestReport", "validate_event", "content_hash"]

_MIN_YEAR = 1900
_DISTINCT_COLS = {"event_type", "sub_event_type", "country_code", "admin1", "source", "place", "location"}
_WRITE_BATCH = 2000
IMPORTED = ("acled:", "ucdp:", "gdelt:")  # article_id prefixes of imported events (geo/imports.py)


@dataclass
class IngestReport:
    """What a write did: events added, merged into a stored one, skipped (known), rejected (why)."""

    added: int = 0
    merged: int = 0
    skipped: int = 0
    rejected: list[str] = field(default_factory=list)
    updated: int = 0  # moved to the place a corrected gazetteer gives

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
        raise ValueError(f"{what} {shorten(value)} is not an ISO date (yyyy-mm-dd)") from None
    if not _MIN_YEAR <= d.year <= datetime.now(timezone.utc).year + 1:
        raise ValueError(f"{what} {shorten(value)} is out of range ({_MIN_YEAR} to next year)")
    return d


def validate_event(ev: Event) -> int:
    """The event's span in days; ValueError names the first bad field."""
    if not ev.event_id:
        raise ValueError("empty event_id")
    start, end = _iso_day(ev.date_start, "date_start"), _iso_day(ev.date_end, "date_end")
    if end < start:
        raise ValueError(f"date_end {shorten(ev.date_end)} is before date_start {shorten(ev.date_start)}")
    if ev.event_type not in EVENT_TYPES:
        raise ValueError(f"unknown event_type {shorten(ev.event_type)}")
    if ev.date_precision not in dedup.PRECISIONS:
        raise ValueError(f"date_precision {shorten(ev.date_precision)} is not one of {', '.join(dedup.PRECISIONS)}")
    if (ev.lat is None) != (ev.lon is None):
        raise ValueError(f"half a coordinate: lat={ev.lat!r} lon={ev.lon!r}")
    if ev.lat is not None:
        if not (isinstance(ev.lat, (int, float)) and -90 <= ev.lat <= 90):
            raise ValueError(f"latitude {ev.lat!r} outside [-90, 90]")
        if not (isinstance(ev.lon, (int, float)) and -180 <= ev.lon <= 180):
            raise ValueError(f"longitude {ev.lon!r} outside [-180, 180]")
    if isinstance(ev.fatalities, bool) or not isinstance(ev.fatalities, Integral) or not 0 <= ev.fatalities <= MAX_FATALITIES:
        raise ValueError(f"fatalities {shorten(ev.fatalities)} outside [0, {MAX_FATALITIES:,}]")
    if ev.geo_precision not in GEO_PRECISIONS:
        raise ValueError(f"geo_precision {shorten(ev.geo_precision)} is not 1, 2 or 3")
    if not (isinstance(ev.confidence, Real) and 0 <= ev.confidence <= 1):
        raise ValueError(f"confidence {shorten(ev.confidence)} outside [0, 1]")
    if ev.scope not in SCOPES:
        raise ValueError(f"scope {shorten(ev.scope)} is not one of {', '.join(SCOPES)}")
    for name, limit in TEXT_LIMITS.items():
        value = getattr(ev, name, "")
        if not isinstance(value, str):
            raise ValueError(f"{name} {shorten(value)} is not text")
        if len(value) > limit:
            raise ValueError(f"{name} of {len(value):,} characters (at most {limit:,}): {shorten(value)}")
    return (end - start).days


class Store:
    """The event store: a SQLite file, or a PostgreSQL database when `path` is a postgresql:// url.
    Thread-safe, so the app can share one connection (st.cache_resource)."""

    def __init__(self, path: str | Path | None = None, *, timeout: float = 10.0):
        if path is None:  # a database url must not go through Path, which folds its "//"
            path = os.environ.get("GEO_DB", "") if postgres.is_url(os.environ.get("GEO_DB", "")) else settings.db_path()
        self.path = str(path)
        self._shown = _safe_url(self.path)
        self._lock = threading.RLock()
        memory = self.path == ":memory:" or self.path.startswith("file::memory:")
        if postgres.is_url(self.path):
            try:
                self._db = postgres.connect(self.path, timeout)
            except (*postgres.ERRORS, ImportError) as exc:
                raise StoreError(f"cannot open event store {self._shown!r}: {_one_line(exc)}") from None
            return
        try:
            if not memory:
                Path(self.path).parent.mkdir(parents=True, exist_ok=True)
            self._db = sqlite3.connect(self.path, timeout=timeout, isolation_level=None, check_same_thread=False)
            self._db.row_factory = sqlite3.Row
            self._db.execute("PRAGMA foreign_keys = ON")
            if not memory:
                self._db.execute("PRAGMA journal_mode = WAL")
                self._db.execute("PRAGMA synchronous = NORMAL")
                self._db.execute("PRAGMA mmap_size = 1073741824")  # reads without a copy per page
            self._db.execute("PRAGMA cache_size = -65536")
            ensure_schema(self._db)
        except (sqlite3.Error, OSError) as exc:
            raise StoreError(f"cannot open event store {self._shown!r}: {exc}") from None

    # --- transactions --------------------------------------------------------------------------

    @contextmanager
    def _write(self) -> Iterator[sqlite3.Connection]:
        """One transaction; any failure rolls it back whole and becomes a one-line StoreError."""
        with self._lock:
            try:
                self._db.execute("BEGIN IMMEDIATE")
            except (sqlite3.OperationalError, *postgres.ERRORS) as exc:
                hint = "; another process is writing to it, try again when it is done" if "locked" in str(exc) else ""
                raise StoreError(f"cannot write event store {self._shown!r}: {exc}{hint}") from None
            try:
                yield self._db
                self._db.execute(BUMP_VERSION)
                self._db.execute("COMMIT")
            except BaseException as exc:
                self._rollback()
                if isinstance(exc, (sqlite3.Error, OSError, *postgres.ERRORS)):
                    hint = "; free some disk space and run it again" if "full" in str(exc) else ""
                    raise StoreError(
                        f"cannot write event store {self._shown!r}: {_one_line(exc)}; nothing was written{hint}"
                    ) from None
                raise

    def _rollback(self) -> None:
        """Undo the open transaction. SQLite may have rolled it back itself (disk full, I/O
        error); a second ROLLBACK would then raise 'no transaction is active' over the real error."""
        if isinstance(self._db, sqlite3.Connection) and not self._db.in_transaction:
            return
        try:
            self._db.execute("ROLLBACK")
        except (sqlite3.Error, *postgres.ERRORS):
            pass

    def version(self) -> int:
        """A number that changes with every committed write, from any process (the app's cache key)."""
        try:
            return int(self._read(READ_VERSION)[0][0])
        except (StoreError, IndexError, TypeError):
            return -1

    def _read(self, sql: str, params: Sequence[Any] = (), raw: bool = False) -> list[Any]:
        """Rows of a SELECT (tuples with raw=True, cheaper for DataFrames)."""
        with self._lock:
            try:
                cur = self._db.execute(sql, params)
                if raw and isinstance(cur, sqlite3.Cursor):
                    cur.row_factory = None
                return cur.fetchall()
            except (sqlite3.Error, *postgres.ERRORS) as exc:
                raise StoreError(f"cannot read event store {self._shown!r}: {exc}") from None

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
            known = self._known_ids(db, [ev.event_id for ev in events])
            for ev in events:
                self._add_one(db, ev, report, known, merge=dedup, source=source, url=url)
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

    def _add_one(
        self, db: sqlite3.Connection, ev: Event, report: IngestReport, known: set[str], *, merge: bool, source: str, url: str
    ) -> None:
        try:
            span = validate_event(ev)
        except ValueError as exc:
            report.rejected.append(f"event {shorten(ev.event_id)}: {exc}")
            return
        if not ev.source and source or not ev.url and url:
            ev = replace(ev, source=ev.source or source, url=ev.url or url)
        if ev.event_id in known:
            report.skipped += 1
            return
        known.add(ev.event_id)
        target = dedup.duplicate_of(db, ev) if merge else None
        if target is None:
            db.execute(INSERT_EVENT, [getattr(ev, c) for c in EVENT_FIELDS] + [span])
            report.added += 1
        else:
            dedup.merge(db, target, ev, span)
            report.merged += 1

    @staticmethod
    def _known_ids(db: sqlite3.Connection, ids: list[str]) -> set[str]:
        """Which of these event ids are stored, as events or as reports merged into one."""
        known: set[str] = set()
        for i in range(0, len(ids), 500):
            chunk = ids[i : i + 500]
            marks = ", ".join("?" * len(chunk))
            sql = f"SELECT event_id FROM events WHERE event_id IN ({marks}) UNION ALL " \
                  f"SELECT event_id FROM event_sources WHERE event_id IN ({marks})"
            known.update(r[0] for r in db.execute(sql, chunk * 2))
        return known

    def article_version(self, digest: str) -> str | None:
        """The gazetteer version an article (by content hash) was last extracted with; None when never stored."""
        rows = self._read("SELECT gazetteer FROM articles WHERE content_hash = ?", (digest,))
        return rows[0][0] if rows else None

    def relocate(self, events: list[Event], digest: str, version: str) -> tuple[int, list[Event]]:
        """Give stored events the places a new extraction found for them: how many moved, and
        the events this extraction found that were never stored."""
        cols = ", ".join(GEO_COLS)
        changed, new_events = 0, []
        with self._write() as db:
            known = self._known_ids(db, [e.event_id for e in events])
            for e in events:
                row = db.execute(f"SELECT id, {cols} FROM events WHERE event_id = ?", (e.event_id,)).fetchone()
                values = [getattr(e, c) for c in GEO_COLS]
                if row is not None and list(row)[1:] != values:
                    db.execute(f"UPDATE events SET {', '.join(c + ' = ?' for c in GEO_COLS)} WHERE id = ?", [*values, row[0]])
                    changed += 1
                elif e.event_id not in known:
                    new_events.append(e)
            db.execute("UPDATE articles SET gazetteer = ? WHERE content_hash = ?", (version, digest))
        return changed, new_events

    # --- re-resolve ----------------------------------------------------------------------------

    def update_places(self, lookup: Callable[[str, str], dict[str, Any] | None], names: Iterable[str] | None = None) -> int:
        """Give the events whose `place` is one of `names` (all when None) the geocoding columns
        `lookup(place, sentence)` returns; how many changed. Imported events keep their dataset's coding."""
        if names is None:
            return self._update_places_where("WHERE place != ''", (), lookup)
        names = [n for n in dict.fromkeys(names) if n]
        changed = 0
        for i in range(0, len(names), 500):
            chunk = names[i : i + 500]
            marks = ", ".join("?" * len(chunk))
            changed += self._update_places_where(f"WHERE lower(place) IN ({marks})", [n.lower() for n in chunk], lookup)
        return changed

    def _update_places_where(self, where: str, params: Sequence[Any], lookup: Callable[[str, str], dict | None]) -> int:
        rows = self._read(
            f"SELECT id, place, sentence, {', '.join(GEO_COLS)} FROM events {where} "
            + "".join(" AND article_id NOT LIKE ?" for _ in IMPORTED),
            [*params, *(f"{prefix}%" for prefix in IMPORTED)],
        )
        changes = []
        for row in rows:
            new = lookup(row["place"], row["sentence"])
            if new is not None and any(new[c] != row[c] for c in GEO_COLS):
                changes.append([*(new[c] for c in GEO_COLS), row["id"]])
        if changes:
            with self._write() as db:
                sets = ", ".join(f"{c} = ?" for c in GEO_COLS)
                db.executemany(f"UPDATE events SET {sets} WHERE id = ?", changes)
        return len(changes)

    # --- reads ---------------------------------------------------------------------------------

    def query(
        self, flt: EventFilter = EventFilter(), columns: Sequence[str] | None = None, *, offset: int = 0
    ) -> pd.DataFrame:
        """The filtered events, oldest first, with EVENT_FIELDS and n_sources as columns
        (or only `columns`: the map needs five of them and gets them three times faster)."""
        cols = list(EVENT_FIELDS) + ["n_sources"] if columns is None else list(columns)
        unknown = set(cols) - set(EVENT_FIELDS) - {"n_sources"}
        if unknown:
            raise StoreError(f"query: unknown column(s) {sorted(unknown)!r}")
        picked = ", ".join(f"e.{c} AS {c}" for c in cols)
        sql, params = filters.select(flt, self._read, f"{picked}, e.date_start AS _day, e.id AS _id")
        sql = f"SELECT {', '.join(cols)} FROM ({sql}) AS f ORDER BY _day, _id"
        if flt.limit is not None:
            sql += " LIMIT ? OFFSET ?"
            params += [int(flt.limit), int(offset)]
        df = pd.DataFrame.from_records(self._read(sql, params, raw=True), columns=cols)
        return df.astype({c: "float64" for c in ("lat", "lon") if c in cols})

    def query_chunks(self, flt: EventFilter = EventFilter(), size: int = 20_000) -> Iterator[pd.DataFrame]:
        """`query` in pieces of `size` rows (at least one, maybe empty): exports stream these
        instead of holding every event, and every row's dict, at once."""
        done = 0
        while True:
            take = size if flt.limit is None else min(size, flt.limit - done)
            df = self.query(replace(flt, limit=max(take, 0)), offset=done)
            if len(df) or not done:
                yield df
            done += len(df)
            if len(df) < take or take <= 0:
                return

    def count(self, flt: EventFilter = EventFilter()) -> int:
        sql, params = filters.select(flt, self._read, "1")
        n = self._read(f"SELECT count(*) FROM ({sql}) AS f", params)[0][0]
        return min(n, flt.limit) if flt.limit is not None else n

    def count_by_day(self, flt: EventFilter = EventFilter()) -> pd.DataFrame:
        """Events per start day and type, for the timeline chart."""
        sql, params = filters.day_counts(flt, self._read)
        return pd.DataFrame.from_records(self._read(sql, params, raw=True), columns=["day", "event_type", "n"])

    def span(self) -> tuple[str, str] | None:
        first = self._read("SELECT min(date_start), max(date_start) FROM events")[0]
        if first[0] is None:
            return None
        lo = filters.lower_bound(self._read, first[1])
        last = self._read("SELECT max(date_end) FROM events WHERE date_start >= ?", (lo,))[0][0]
        return first[0], last

    def distinct(self, column: str) -> list[str]:
        """The values a filter can offer (the four actor columns together for "actor")."""
        if column == "actor":
            values: set[str] = set()
            for c in ACTOR_COLS:
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
        """Distinct values of an indexed column by jumping from one to the next (a few per ms, not a scan).

        `!= ''` lets SQLite use the partial indices, which leave empty values out.
        """
        return [
            r[0]
            for r in self._read(
                f"WITH RECURSIVE v(x) AS (SELECT min({column}) FROM events WHERE {column} != '' UNION ALL "
                f"SELECT (SELECT min({column}) FROM events WHERE {column} != '' AND {column} > x) FROM v "
                "WHERE x IS NOT NULL) "
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

    def events_of_articles(self, article_ids: Sequence[str]) -> pd.DataFrame:
        """The stored events these articles report: `how` is "added" (theirs) or "merged" (an
        earlier report's event they joined), with the event's date, type and place."""
        ids = list(dict.fromkeys(str(a) for a in article_ids))
        if not ids:
            return pd.DataFrame(columns=["article_id", "how", "event_id", "date_start", "event_type", "location"])
        marks = ", ".join("?" * len(ids))
        rows = self._read(
            f"SELECT article_id, 'added', event_id, date_start, event_type, coalesce(nullif(location, ''), place) "
            f"FROM events WHERE article_id IN ({marks}) "
            f"UNION ALL SELECT s.article_id, 'merged', e.event_id, e.date_start, e.event_type, "
            f"coalesce(nullif(e.location, ''), e.place) FROM event_sources s JOIN events e ON e.id = s.event "
            f"WHERE s.article_id IN ({marks}) ORDER BY 4, 3",
            ids * 2,
            raw=True,
        )
        return pd.DataFrame.from_records(rows, columns=["article_id", "how", "event_id", "date_start", "event_type", "location"])

    def optimize(self) -> None:
        """Refresh the planner's statistics after a bulk load."""
        with self._lock:
            self._db.execute("ANALYZE")


def _one_line(exc: BaseException) -> str:
    return " ".join(str(exc).split())


def _safe_url(url: str) -> str:
    """A database url without its password, for messages."""
    return re.sub(r"(://[^:/@]*):[^@]*@", r"\1:***@", url)


def _now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")
