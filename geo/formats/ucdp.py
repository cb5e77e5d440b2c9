"""UCDP GED's layout: its columns, and one row to an `Event`."""

from __future__ import annotations

from geo.formats.countries import country_code
from geo.formats.fields import latlon, required, whole
from geo.reading import shorten
from geo.records import Event

__all__ = ["UCDP_COLUMNS", "UCDP_REQUIRED", "ucdp_event"]

UCDP_COLUMNS = (
    "id", "relid", "year", "active_year", "code_status", "type_of_violence", "conflict_dset_id", "conflict_new_id",
    "conflict_name", "dyad_dset_id", "dyad_new_id", "dyad_name", "side_a_dset_id", "side_a_new_id", "side_a",
    "side_b_dset_id", "side_b_new_id", "side_b", "number_of_sources", "source_article", "source_office",
    "source_date", "source_headline", "source_original", "where_prec", "where_coordinates", "where_description",
    "adm_1", "adm_2", "latitude", "longitude", "geom_wkt", "priogrid_gid", "country", "country_id", "region",
    "event_clarity", "date_prec", "date_start", "date_end", "deaths_a", "deaths_b", "deaths_civilians",
    "deaths_unknown", "best", "high", "low", "gwnoa", "gwnob",
)  # fmt: skip
UCDP_REQUIRED = ("id", "type_of_violence", "side_a", "side_b", "date_start", "date_end", "latitude", "longitude",
                  "country")  # fmt: skip


_UCDP_TYPES = {"1": ("Battles", "Armed clash"), "2": ("Battles", "Armed clash"),
               "3": ("Violence against civilians", "Attack")}  # fmt: skip
_UCDP_PRECISION = {"1": "day", "2": "week", "3": "week", "4": "month", "5": "year"}


def ucdp_event(row: dict[str, str]) -> Event:
    kind = row["type_of_violence"].strip()
    if kind not in _UCDP_TYPES:
        raise ValueError(f"type_of_violence {shorten(kind)} is not 1, 2 or 3")
    start, end = row["date_start"].strip()[:10], row["date_end"].strip()[:10]
    lat, lon = latlon(row, "latitude", "longitude")
    where = whole(row.get("where_prec", ""), "where_prec", 1, 7)  # UCDP: 1 the spot ... 7 international waters
    place = row.get("where_coordinates", "").strip()
    ged_id = required(row, "id")
    return Event(
        event_id=f"ucdp:{ged_id}",
        article_id=f"ucdp:{ged_id}",
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
        geo_precision=1 if where <= 1 else 2 if where <= 3 else 3,
        fatalities=whole(row.get("best", ""), "best"),
        sentence=row.get("source_headline", "").strip(),
        source=row.get("source_office", "").strip() or row.get("source_original", "").strip(),
        confidence=1.0,
    )
