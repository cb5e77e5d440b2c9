"""GDELT 2.0's event export: its 61 columns, CAMEO codes to ACLED types, one row to an `Event` and back."""

from __future__ import annotations

from datetime import date

from geo.formats.countries import country_name, country_tables
from geo.formats.fields import Ignored, latlon, whole
from geo.reading import shorten
from geo.records import Event

__all__ = ["GDELT_COLUMNS", "cameo_event_type", "gdelt_event", "gdelt_row"]

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
    if not g("GLOBALEVENTID").isdigit():
        raise ValueError(f"GLOBALEVENTID {shorten(g('GLOBALEVENTID'))} is not a number")
    code = g("EventCode")
    kind = cameo_event_type(code)
    if kind is None:
        if not code.isdigit():
            raise ValueError(f"EventCode {shorten(code)} is not a CAMEO code")
        raise Ignored(code)
    sqldate = g("SQLDATE")
    day = f"{sqldate[:4]}-{sqldate[4:6]}-{sqldate[6:]}"
    try:
        if len(sqldate) != 8:
            raise ValueError
        date.fromisoformat(day)
    except ValueError:
        raise ValueError(f"SQLDATE {shorten(sqldate)} is not yyyymmdd") from None
    geo_type = g("ActionGeo_Type")
    lat, lon = (None, None) if geo_type in ("", "0") else latlon(row, "ActionGeo_Lat", "ActionGeo_Long")
    parts = [p.strip() for p in g("ActionGeo_FullName").split(",")]
    admin1 = parts[-2] if geo_type in ("4", "5") and len(parts) >= 3 else parts[0] if geo_type in ("2", "3") else ""
    url = g("SOURCEURL")
    sources = whole(g("NumSources"), "NumSources", 0, 10**9)
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
        country_code=country_tables()["fips"].get(g("ActionGeo_CountryCode"), ""),
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
    fips = next((f for f, iso in country_tables()["fips"].items() if iso == ev.country_code), "")
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
