"""Filtered events out: CSV, GeoJSON (RFC 7946), KML (Google Earth) and ACLED-format CSV.

Writers take the DataFrame `Store.query` returns and a text stream; `export_events` picks the
stream: standard output, or a file written through a temporary file and a rename, so an
interrupted export never leaves half a file where the old one was.
"""

from __future__ import annotations

import csv
import json
import math
import re
import sys
from datetime import date, datetime, timezone
from pathlib import Path
from typing import Any, Callable, TextIO
from xml.sax.saxutils import escape

import pandas as pd

from geo.errors import StoreError
from geo.files import atomic_path
from geo.formats.acled import ACLED_COLUMNS
from geo.formats.countries import country_name, country_numeric
from geo.records import EVENT_FIELDS, EventFilter

__all__ = ["WRITERS", "write_csv", "write_geojson", "geojson_feature", "write_kml", "write_acled", "export_events"]

_PROPERTIES = [f for f in EVENT_FIELDS if f not in ("lat", "lon")] + ["n_sources"]
_XML_BAD = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
_DISORDER = {
    "Battles": "Political violence",
    "Explosions/Remote violence": "Political violence",
    "Violence against civilians": "Political violence",
    "Riots": "Political violence",
    "Protests": "Demonstrations",
    "Strategic developments": "Strategic developments",
}
_TIME_PRECISION = {"day": "1", "week": "2", "month": "3", "year": "3"}


def _records(df: pd.DataFrame) -> list[dict[str, Any]]:
    """Rows as plain Python values, NaN as None (JSON has no NaN)."""
    return [
        {k: (None if isinstance(v, float) and math.isnan(v) else v.item() if hasattr(v, "item") else v) for k, v in r.items()}
        for r in df.to_dict("records")
    ]


def write_csv(df: pd.DataFrame, out: TextIO) -> None:
    df.to_csv(out, index=False, lineterminator="\n")


def write_geojson(df: pd.DataFrame, out: TextIO) -> None:
    """A FeatureCollection of Points in WGS 84 [lon, lat]; events without coordinates get a null geometry."""
    out.write('{"type": "FeatureCollection", "features": [')
    for i, rec in enumerate(_records(df)):
        out.write(("," if i else "") + "\n" + json.dumps(geojson_feature(rec), ensure_ascii=False))
    out.write("\n]}\n")


def geojson_feature(rec: dict[str, Any]) -> dict[str, Any]:
    """One event as an RFC 7946 Feature: a [lon, lat] Point, or a null geometry when unplaced."""
    lat, lon = rec.get("lat"), rec.get("lon")
    geometry = None if lat is None or lon is None else {"type": "Point", "coordinates": [round(lon, 6), round(lat, 6)]}
    return {
        "type": "Feature",
        "id": rec["event_id"],
        "geometry": geometry,
        "properties": {k: rec[k] for k in _PROPERTIES if k in rec},
    }


def _xml(value: Any) -> str:
    return escape(_XML_BAD.sub("", "" if value is None else str(value)))


def write_kml(df: pd.DataFrame, out: TextIO) -> None:
    """KML 2.2 Placemarks with a TimeSpan (Google Earth's time slider) and every field as ExtendedData."""
    out.write('<?xml version="1.0" encoding="UTF-8"?>\n<kml xmlns="http://www.opengis.net/kml/2.2">\n<Document>\n')
    out.write("<name>Conflict events</name>\n")
    for rec in _records(df):
        if rec.get("lat") is None or rec.get("lon") is None:
            continue
        title = f"{rec['event_type']}: {rec['location'] or rec['place']} ({rec['date_start']})"
        data = "".join(f'<Data name="{k}"><value>{_xml(rec[k])}</value></Data>' for k in _PROPERTIES if k in rec)
        out.write(
            f"<Placemark id=\"{_xml(_kml_id(rec['event_id']))}\"><name>{_xml(title)}</name>"
            f"<description>{_xml(rec.get('sentence', ''))}</description>"
            f"<TimeSpan><begin>{_xml(rec['date_start'])}</begin><end>{_xml(rec['date_end'])}</end></TimeSpan>"
            f"<ExtendedData>{data}</ExtendedData>"
            f"<Point><coordinates>{rec['lon']:.6f},{rec['lat']:.6f}</coordinates></Point></Placemark>\n"
        )
    out.write("</Document>\n</kml>\n")


def _kml_id(event_id: str) -> str:
    """An XML ID: starts with a letter, then letters, digits, '-', '_', '.'."""
    return "e-" + re.sub(r"[^A-Za-z0-9_.-]", "_", event_id)


def _acled_date(rec: dict[str, Any]) -> str:
    """ACLED writes one date; for a week or month it is the middle of the range."""
    start, end = date.fromisoformat(rec["date_start"]), date.fromisoformat(rec["date_end"])
    return (start + (end - start) / 2).isoformat()


def write_acled(df: pd.DataFrame, out: TextIO) -> None:
    """ACLED's export columns; what ACLED codes and we do not (inter codes, admin2/3, tags) stays empty."""
    writer = csv.DictWriter(out, fieldnames=ACLED_COLUMNS, lineterminator="\n")
    writer.writeheader()
    stamp = str(int(datetime.now(timezone.utc).timestamp()))
    for rec in _records(df):
        day = _acled_date(rec)
        writer.writerow(
            {
                "event_id_cnty": rec["event_id"],
                "event_date": day,
                "year": day[:4],
                "time_precision": _TIME_PRECISION.get(rec["date_precision"], "3"),
                "disorder_type": _DISORDER.get(rec["event_type"], ""),
                "event_type": rec["event_type"],
                "sub_event_type": rec["sub_event_type"],
                "actor1": rec["actor1"],
                "assoc_actor_1": rec["assoc_actor1"],
                "actor2": rec["actor2"],
                "assoc_actor_2": rec["assoc_actor2"],
                "civilian_targeting": "Civilian targeting" if rec["event_type"] == "Violence against civilians" else "",
                "iso": country_numeric(rec["country_code"]),
                "country": country_name(rec["country_code"]),
                "admin1": rec["admin1"],
                "location": rec["location"] or rec["place"],
                "latitude": "" if rec["lat"] is None else f"{rec['lat']:.4f}",
                "longitude": "" if rec["lon"] is None else f"{rec['lon']:.4f}",
                "geo_precision": rec["geo_precision"],
                "source": rec["source"],
                "notes": rec["sentence"],
                "fatalities": rec["fatalities"],
                "timestamp": stamp,
            }
        )


WRITERS: dict[str, Callable[[pd.DataFrame, TextIO], None]] = {
    "csv": write_csv,
    "geojson": write_geojson,
    "kml": write_kml,
    "acled": write_acled,
}


def export_events(store: Any, flt: EventFilter, fmt: str, out: str | Path | None = None) -> int:
    """Write the filtered events to `out` (standard output when None); how many were written."""
    if fmt not in WRITERS:
        raise StoreError(f"unknown export format {fmt!r} (expected one of {', '.join(WRITERS)})")
    df = store.query(flt)
    if out is None or str(out) == "-":
        WRITERS[fmt](df, sys.stdout)
        sys.stdout.flush()
        return len(df)
    target = Path(out)
    try:
        with atomic_path(target) as tmp, open(tmp, "w", encoding="utf-8", newline="") as fh:
            WRITERS[fmt](df, fh)
    except OSError as exc:
        raise StoreError(f"cannot write {str(target)!r}: {exc.strerror or exc}; nothing was written") from None
    return len(df)
