"""Import a full GeoNames dump (allCountries.txt, a country file like SY.txt, alternateNamesV2.txt).

For users who can download GeoNames: its 12 million places make small villages resolvable.
Imported rows go into the gazetteer file itself (a rebuild from packages drops them; import again).
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

from geo.errors import GazetteerError, ImportFormatError
from geo.gazetteer.build import alias_rows
from geo.gazetteer.kinds import ALTERNATE, MAIN
from geo.gazetteer.names import fold
from geo.gazetteer.sources import PlaceRow, usable_name

__all__ = ["import_geonames", "GEONAMES_COLUMNS"]

GEONAMES_COLUMNS = 19  # geonameid name asciiname alternatenames lat lon fclass fcode cc cc2 admin1..4 pop elev dem tz date
_ALTERNATE_COLUMNS = (8, 10)  # alternateNames.txt / alternateNamesV2.txt
_KEEP_CLASSES = frozenset("APLST")  # admin, populated, area, spot (airbases, crossings), terrain
_BATCH = 5000


def _open_text(path: Path):
    if path.suffix == ".zip":
        import io
        import zipfile

        archive = zipfile.ZipFile(path)
        member = next((n for n in archive.namelist() if n.endswith(".txt") and "readme" not in n.lower()), None)
        if member is None:
            raise ImportFormatError(f"{str(path)!r}: no .txt file inside the zip")
        return io.TextIOWrapper(archive.open(member), encoding="utf-8")
    return path.open(encoding="utf-8")


def import_geonames(gazetteer_file: str | Path, dump: str | Path, *, progress: bool = False) -> dict[str, int]:
    """Add the places or the alternate names of a GeoNames dump file to the gazetteer file."""
    from tqdm import tqdm

    dump = Path(dump)
    if not dump.is_file():
        raise GazetteerError(f"no such file: {str(dump)!r}")
    try:
        conn = sqlite3.connect(gazetteer_file)
    except sqlite3.Error as exc:
        raise GazetteerError(f"cannot open gazetteer {str(gazetteer_file)!r}: {exc}") from exc
    try:
        with _open_text(dump) as fh, tqdm(unit="line", disable=None if progress else True, leave=False) as bar:
            first = fh.readline()
            columns = first.rstrip("\n").split("\t")
            lines = _chain(first, fh)
            if len(columns) == GEONAMES_COLUMNS:
                stats = _import_places(conn, lines, bar)
            elif len(columns) in _ALTERNATE_COLUMNS:
                stats = _import_alternates(conn, lines, bar)
            else:
                raise ImportFormatError(
                    f"{str(dump)!r}: {len(columns)} tab-separated columns; expected {GEONAMES_COLUMNS} "
                    "(GeoNames places) or 8/10 (alternate names)")
        conn.commit()
    except (UnicodeDecodeError, sqlite3.Error, OSError) as exc:
        conn.rollback()
        raise GazetteerError(f"cannot import {str(dump)!r}: {exc}") from exc
    finally:
        conn.close()
    return stats


def _chain(first: str, rest):
    yield first
    yield from rest


def _admin1_names(conn: sqlite3.Connection) -> dict[str, str]:
    return dict(conn.execute("SELECT admin1_code, admin1 FROM places WHERE fcode = 'ADM1' AND admin1_code != ''"))


def _import_places(conn: sqlite3.Connection, lines, bar) -> dict[str, int]:
    admin1 = _admin1_names(conn)
    added = updated = skipped = 0
    for n, line in enumerate(lines, 1):
        cols = line.rstrip("\n").split("\t")
        if len(cols) != GEONAMES_COLUMNS:
            raise ImportFormatError(f"line {n}: {len(cols)} columns, expected {GEONAMES_COLUMNS}: {line[:80]!r}")
        gid, name, ascii_name, alternates, lat, lon, fclass, fcode, cc = cols[:9]
        if fclass not in _KEEP_CLASSES:
            skipped += 1
            continue
        try:
            row = PlaceRow(gid, name, float(lat), float(lon), cc, admin1.get(f"{cc}.{cols[10]}", ""),
                           f"{cc}.{cols[10]}", fcode or "PPL", int(cols[14] or 0), "geonames-dump")
        except ValueError as exc:
            raise ImportFormatError(f"line {n}: bad number in {line[:80]!r}: {exc}") from exc
        if fcode == "ADM1":
            row.admin1 = name
        row.add_name(name, MAIN)
        row.add_name(ascii_name, MAIN)
        for alt in alternates.split(","):
            row.add_name(alt, ALTERNATE)
        if _upsert(conn, row):
            updated += 1
        else:
            added += 1
        if n % _BATCH == 0:
            bar.update(_BATCH)
    return {"places added": added, "places updated": updated, "skipped (other feature classes)": skipped}


def _upsert(conn: sqlite3.Connection, row: PlaceRow) -> bool:
    """Insert or update one place by geonameid; True when it already existed."""
    found = conn.execute("SELECT id FROM places WHERE gid = ?", (row.geonameid,)).fetchone()
    values = (row.name, row.lat, row.lon, row.country_code, row.admin1, row.admin1_code, row.feature_code,
              row.population, row.source)
    if found:
        pid = found[0]
        conn.execute("UPDATE places SET name=?, lat=?, lon=?, cc=?, admin1=?, admin1_code=?, fcode=?, pop=?, "
                     "source=? WHERE id=?", (*values, pid))
        known = {r[0] for r in conn.execute("SELECT folded FROM names WHERE place_id = ?", (pid,))}
        names = {k: v for k, v in row.names.items() if k not in known}
    else:
        pid = conn.execute("INSERT INTO places(name,lat,lon,cc,admin1,admin1_code,fcode,pop,source,gid) "
                           "VALUES (?,?,?,?,?,?,?,?,?,?)", (*values, row.geonameid)).lastrowid
        names = row.names
    conn.executemany("INSERT INTO names(folded,skel,place_id,alt) VALUES (?,?,?,?)", alias_rows(pid, names))
    return bool(found)


def _import_alternates(conn: sqlite3.Connection, lines, bar) -> dict[str, int]:
    added = unknown = skipped = 0
    ids: dict[str, int | None] = {}
    for n, line in enumerate(lines, 1):
        cols = line.rstrip("\n").split("\t")
        if len(cols) not in _ALTERNATE_COLUMNS:
            raise ImportFormatError(f"line {n}: {len(cols)} columns, expected 8 or 10: {line[:80]!r}")
        gid, lang, name = cols[1], cols[2], cols[3]
        historic = len(cols) > 7 and cols[7] == "1"
        if lang in {"link", "post", "iata", "icao", "faac", "fr_1793", "abbr", "wkdt", "unlc"} or historic \
                or not usable_name(name, alternate=True):
            skipped += 1
            continue
        if gid not in ids:
            row = conn.execute("SELECT id FROM places WHERE gid = ?", (gid,)).fetchone()
            ids[gid] = row[0] if row else None
        pid = ids[gid]
        if pid is None:
            unknown += 1
            continue
        key = fold(name)
        if conn.execute("SELECT 1 FROM names WHERE folded = ? AND place_id = ?", (key, pid)).fetchone() is None:
            conn.executemany("INSERT INTO names(folded,skel,place_id,alt) VALUES (?,?,?,?)",
                             alias_rows(pid, {key: ALTERNATE}))
            added += 1
        if n % _BATCH == 0:
            bar.update(_BATCH)
    return {"names added": added, "names of places not in the gazetteer": unknown, "skipped": skipped}
