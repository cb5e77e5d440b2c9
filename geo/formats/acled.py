"""ACLED's export layout: its columns, and one row to an `Event`."""

from __future__ import annotations

from calendar import monthrange
from datetime import date, datetime, timedelta

from geo.formats.countries import country_code, country_tables
from geo.formats.fields import latlon, required, whole
from geo.reading import shorten
from geo.records import Event
from geo.store.schema import GEO_PRECISIONS
from geo.taxonomy import SUB_EVENT_TYPES

__all__ = ["ACLED_COLUMNS", "ACLED_REQUIRED", "acled_event"]

ACLED_COLUMNS = (
    "event_id_cnty", "event_date", "year", "time_precision", "disorder_type", "event_type", "sub_event_type",
    "actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2", "interaction", "civilian_targeting",
    "iso", "region", "country", "admin1", "admin2", "admin3", "location", "latitude", "longitude",
    "geo_precision", "source", "source_scale", "notes", "fatalities", "tags", "timestamp",
)  # fmt: skip
ACLED_REQUIRED = ("event_id_cnty", "event_date", "event_type", "sub_event_type", "actor1", "actor2",
                   "country", "location", "latitude", "longitude")  # fmt: skip

_ACLED_DATE_FORMATS = ("%Y-%m-%d", "%d %B %Y", "%d-%B-%Y", "%d-%b-%y", "%d %b %Y", "%d/%m/%Y")


def _acled_date(value: str) -> date:
    value = value.strip()
    for fmt in _ACLED_DATE_FORMATS:
        try:
            return datetime.strptime(value, fmt).date()
        except ValueError:
            pass
    raise ValueError(f"event_date {shorten(value)} is not a date (expected yyyy-mm-dd or '03 February 2018')")


def _acled_range(day: date, precision: str) -> tuple[str, str, str]:
    """ACLED's time_precision: 1 the day, 2 a week around it, 3 its month."""
    if precision.strip() in ("", "1"):
        return day.isoformat(), day.isoformat(), "day"
    if precision.strip() == "2":
        return (day - timedelta(days=3)).isoformat(), (day + timedelta(days=3)).isoformat(), "week"
    if precision.strip() == "3":
        last = monthrange(day.year, day.month)[1]
        return day.replace(day=1).isoformat(), day.replace(day=last).isoformat(), "month"
    raise ValueError(f"time_precision {shorten(precision)} is not 1, 2 or 3")


def acled_event(row: dict[str, str]) -> Event:
    etype, sub = row["event_type"].strip(), row["sub_event_type"].strip()
    if etype not in SUB_EVENT_TYPES:
        raise ValueError(f"event_type {shorten(etype)} is not an ACLED event type")
    if sub and sub not in SUB_EVENT_TYPES[etype]:
        raise ValueError(f"sub_event_type {shorten(sub)} is not a sub-type of {shorten(etype)}")
    start, end, prec = _acled_range(_acled_date(row["event_date"]), row.get("time_precision", ""))
    lat, lon = latlon(row, "latitude", "longitude")
    iso = row.get("iso", "").strip()
    cc = country_tables()["numeric"].get(iso.lstrip("0") or "0", "") if iso.isdigit() else ""
    event_id = required(row, "event_id_cnty")
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
        geo_precision=whole(row.get("geo_precision", ""), "geo_precision", min(GEO_PRECISIONS), max(GEO_PRECISIONS)) or 1,
        fatalities=whole(row.get("fatalities", ""), "fatalities"),
        sentence=row.get("notes", "").strip(),
        source=row.get("source", "").strip(),
        confidence=1.0,
    )
