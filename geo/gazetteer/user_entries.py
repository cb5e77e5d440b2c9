"""User entries: places and aliases made in the app, kept in their own file so rebuilds never lose them."""

from __future__ import annotations

import sqlite3
import threading
from pathlib import Path

from geo.gazetteer.disambiguation import Cand
from geo.errors import GazetteerError
from geo.reading import shorten
from geo.gazetteer.kinds import ALIAS
from geo.gazetteer.names import fold

__all__ = ["UserEntries"]

_SCHEMA = """
CREATE TABLE IF NOT EXISTS user_places (id INTEGER PRIMARY KEY, name TEXT NOT NULL, folded TEXT NOT NULL,
    lat REAL NOT NULL, lon REAL NOT NULL, cc TEXT NOT NULL DEFAULT '', admin1 TEXT NOT NULL DEFAULT '',
    fcode TEXT NOT NULL DEFAULT 'PPL', pop INTEGER NOT NULL DEFAULT 0, source TEXT NOT NULL DEFAULT 'user');
CREATE TABLE IF NOT EXISTS user_aliases (folded TEXT NOT NULL, gid TEXT NOT NULL, PRIMARY KEY (folded, gid));
"""


class UserEntries:
    """The user's places ("user:<n>") and aliases, all held in memory (a few hundred rows at most)."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._lock = threading.Lock()
        self._places: dict[str, tuple] = {}
        self._by_name: dict[str, list[str]] = {}
        if path.exists():
            self._load()

    def _connect(self) -> sqlite3.Connection:
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            conn = sqlite3.connect(self.path)
            conn.executescript(_SCHEMA)
            return conn
        except (OSError, sqlite3.Error) as exc:
            raise GazetteerError(f"cannot open user gazetteer entries {str(self.path)!r}: {exc}") from exc

    def _load(self) -> None:
        try:
            conn = self._connect()
        except GazetteerError:
            return  # unreadable user file: packaged data still works; writing will report the error
        with conn:
            for row in conn.execute("SELECT id,name,folded,lat,lon,cc,admin1,fcode,pop,source FROM user_places"):
                self._remember_place(*row)
            for folded, gid in conn.execute("SELECT folded, gid FROM user_aliases"):
                self._by_name.setdefault(folded, []).append(gid)
        conn.close()

    def _remember_place(self, pid, name, folded, lat, lon, cc, admin1, fcode, pop, source) -> str:
        gid = f"user:{pid}"
        self._places[gid] = (name, float(lat), float(lon), cc, admin1, fcode, int(pop), source)
        names = self._by_name.setdefault(folded, [])
        if gid not in names:
            names.append(gid)
        return gid

    def add_place(self, name: str, lat: float, lon: float, *, country_code: str, admin1: str,
                  feature_code: str, population: int, source: str = "user"):
        try:
            lat, lon, population = float(lat), float(lon), int(population)
        except (TypeError, ValueError) as exc:
            raise GazetteerError(f"bad coordinates or population for {shorten(name)}: {exc}") from exc
        if not (-90 <= lat <= 90 and -180 <= lon <= 180):
            raise GazetteerError(f"coordinates out of range: {(lat, lon)!r}")
        folded = fold(name)
        row = (name, folded, lat, lon, (country_code or "").upper()[:2], admin1 or "", feature_code or "PPL",
               max(0, population), source)
        with self._lock:
            conn = self._connect()
            try:
                with conn:
                    cur = conn.execute("INSERT INTO user_places(name,folded,lat,lon,cc,admin1,fcode,pop,source) "
                                       "VALUES (?,?,?,?,?,?,?,?,?)", row)
            except sqlite3.Error as exc:
                raise GazetteerError(f"cannot save user entry {shorten(name)}: {exc}") from exc
            finally:
                conn.close()
            gid = self._remember_place(cur.lastrowid, *row)
        return self.cand(gid)

    def add_alias(self, folded: str, gid: str) -> None:
        with self._lock:
            conn = self._connect()
            try:
                with conn:
                    conn.execute("INSERT OR IGNORE INTO user_aliases VALUES (?,?)", (folded, gid))
            except sqlite3.Error as exc:
                raise GazetteerError(f"cannot save alias {folded!r}: {exc}") from exc
            finally:
                conn.close()
            names = self._by_name.setdefault(folded, [])
            if gid not in names:
                names.append(gid)

    def place(self, gid: str):
        return self._places.get(gid)

    def cand(self, gid: str) -> Cand:
        name, lat, lon, cc, admin1, fcode, pop, source = self._places[gid]
        return Cand(0, gid, name, lat, lon, cc, admin1, fcode, pop, source, ALIAS)

    def lookup(self, folded: str, packaged) -> tuple:
        """Candidates the user gave this name: their own places and aliases of any place."""
        out = []
        for gid in self._by_name.get(folded, ()):
            if gid in self._places:
                out.append(self.cand(gid))
            else:
                c = packaged(gid)
                if c is not None:
                    out.append(c._replace(name_kind=ALIAS))
        return tuple(out)

    def places_near(self, lat: float, lon: float, delta: float) -> list:
        return [self.cand(gid) for gid, p in self._places.items()
                if abs(p[1] - lat) <= delta and abs(p[2] - lon) <= delta]

    def close(self) -> None:
        """Nothing stays open: each write opens and closes its own connection."""
