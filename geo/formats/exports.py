"""Filtered events out: CSV, GeoJSON (RFC 7946), KML (Google Earth) and ACLED-format CSV.

Writers take the DataFrame `Store.query` returns, or an iterable of such frames
(`Store.query_chunks`: memory stays one chunk, not every event), and a text stream;
`export_events` picks the stream: standard output, or a file written through a temporary file
and a rename, so an interrupted export never leaves half a file where the old one was.
`export_bytes` is the same file in memory, for the app's downloads.

Article text is untrusted. CSV and ACLED cells that a spreadsheet would run as a formula get
a leading apostrophe (`neutralise_cell`, OWASP's rule); KML descriptions are HTML built here
with every value escaped, inside CDATA, so a viewer that renders them shows text, never markup.
"""

from __future__ import annotations

import csv
import html
import io
import json
import math
import re
import sys
import tempfile
from datetime import date, datetime, timezone
from pathlib import Path
from typing import Any, Callable, Iterable, Iterator, TextIO
from xml.sax.saxutils import escape

import pandas as pd

from geo.errors import StoreError
from geo.files import atomic_path
from geo.formats.acled import ACLED_COLUMNS
from geo.formats.countries import country_name, country_numeric
from geo.records import EVENT_FIELDS, EventFilter

__all__ = [
    "WRITERS", "neutralise_cell", "restore_cell", "write_csv", "write_geojson", "geojson_feature", "write_kml",
    "write_acled", "export_events", "export_bytes",
]  # fmt: skip

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


Frames = pd.DataFrame | Iterable[pd.DataFrame]
_CHUNK = 5000


def _frames(data: Frames) -> Iterator[pd.DataFrame]:
    """A frame in slices of _CHUNK rows, or the frames of a chunked query as they come."""
    if isinstance(data, pd.DataFrame):
        for i in range(0, max(len(data), 1), _CHUNK):
            yield data.iloc[i : i + _CHUNK]
    else:
        yield from data


def _records(data: Frames) -> Iterator[dict[str, Any]]:
    """Rows as plain Python values, NaN as None (JSON has no NaN), one chunk's dicts at a time."""
    for df in _frames(data):
        for r in df.to_dict("records"):
            yield {k: (None if isinstance(v, float) and math.isnan(v) else v.item() if hasattr(v, "item") else v)
                   for k, v in r.items()}


FORMULA_START = ("=", "+", "-", "@", "\t", "\r")  # OWASP: what makes a spreadsheet cell a formula
_NUMBER = re.compile(r"[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?")


def neutralise_cell(value: Any) -> Any:
    """A text cell that would start a formula gets a leading apostrophe; numbers ('-33.5') stay.

    A bare carriage return becomes a newline: with '\\n' line ends the csv module does not
    quote it, and readers would split the row there."""
    if not isinstance(value, str):
        return value
    if value.startswith(FORMULA_START) and not _NUMBER.fullmatch(value):
        value = "'" + value
    return value.replace("\r\n", "\n").replace("\r", "\n") if "\r" in value else value


def restore_cell(value: str) -> str:
    """The inverse, for re-importing our own ACLED export."""
    return value[1:] if value.startswith("'") and value[1:].startswith(FORMULA_START) else value


def write_csv(data: Frames, out: TextIO) -> None:
    for i, df in enumerate(_frames(data)):
        text = [c for c in df.columns if not pd.api.types.is_numeric_dtype(df[c])]
        safe = df.assign(**{c: df[c].map(neutralise_cell) for c in text}) if text else df
        safe.to_csv(out, index=False, header=i == 0, lineterminator="\n")


def write_geojson(df: Frames, out: TextIO) -> None:
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


def write_kml(df: Frames, out: TextIO) -> None:
    """KML 2.2 Placemarks with a TimeSpan (Google Earth's time slider) and every field as ExtendedData."""
    out.write('<?xml version="1.0" encoding="UTF-8"?>\n<kml xmlns="http://www.opengis.net/kml/2.2">\n<Document>\n')
    out.write("<name>Conflict events</name>\n")
    out.write('<Style id="event"><BalloonStyle><text>$[description]</text></BalloonStyle></Style>\n')
    for rec in _records(df):
        if rec.get("lat") is None or rec.get("lon") is None:
            continue
        title = f"{rec['event_type']}: {rec['location'] or rec['place']} ({rec['date_start']})"
        data = "".join(f'<Data name="{k}"><value>{_xml(rec[k])}</value></Data>' for k in _PROPERTIES if k in rec)
        out.write(
            f"<Placemark id=\"{_xml(_kml_id(rec['event_id']))}\"><name>{_xml(title)}</name><styleUrl>#event</styleUrl>"
            f"<description>{_kml_description(title, rec.get('sentence') or '')}</description>"
            f"<TimeSpan><begin>{_xml(rec['date_start'])}</begin><end>{_xml(rec['date_end'])}</end></TimeSpan>"
            f"<ExtendedData>{data}</ExtendedData>"
            f"<Point><coordinates>{rec['lon']:.6f},{rec['lat']:.6f}</coordinates></Point></Placemark>\n"
        )
    out.write("</Document>\n</kml>\n")


def _kml_description(title: str, sentence: str) -> str:
    """HTML whose every value is escaped, in CDATA: viewers that render descriptions as HTML
    (Google Earth's balloons) show the article's text as text. Escaping removes every '>',
    so no ']]>' can close the CDATA early."""
    body = f"<b>{html.escape(title)}</b><br/>{html.escape(sentence)}"
    return f"<![CDATA[{_XML_BAD.sub('', body)}]]>"


def _kml_id(event_id: str) -> str:
    """An XML ID: starts with a letter, then letters, digits, '-', '_', '.'."""
    return "e-" + re.sub(r"[^A-Za-z0-9_.-]", "_", event_id)


def _acled_date(rec: dict[str, Any]) -> str:
    """ACLED writes one date; for a week or month it is the middle of the range."""
    start, end = date.fromisoformat(rec["date_start"]), date.fromisoformat(rec["date_end"])
    return (start + (end - start) / 2).isoformat()


def write_acled(df: Frames, out: TextIO) -> None:
    """ACLED's export columns; what ACLED codes and we do not (inter codes, admin2/3, tags) stays empty."""
    writer = csv.DictWriter(out, fieldnames=ACLED_COLUMNS, lineterminator="\n")
    writer.writeheader()
    stamp = str(int(datetime.now(timezone.utc).timestamp()))
    for rec in _records(df):
        day = _acled_date(rec)
        writer.writerow({k: neutralise_cell(v) for k, v in {
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
            }.items()}
        )


WRITERS: dict[str, Callable[[Frames, TextIO], None]] = {
    "csv": write_csv,
    "geojson": write_geojson,
    "kml": write_kml,
    "acled": write_acled,
}


class _Counted:
    """The frames of a chunked query, counting the rows that went through."""

    def __init__(self, frames: Iterable[pd.DataFrame]) -> None:
        self.frames, self.n = frames, 0

    def __iter__(self) -> Iterator[pd.DataFrame]:
        for df in self.frames:
            self.n += len(df)
            yield df


def export_bytes(store: Any, flt: EventFilter, fmt: str) -> bytes:
    """The export as UTF-8 bytes (the app's download buttons), written chunk by chunk from the store."""
    if fmt not in WRITERS:
        raise StoreError(f"unknown export format {fmt!r} (expected one of {', '.join(WRITERS)})")
    with tempfile.TemporaryFile() as spool:  # on disk while written, so memory holds the bytes once
        text = io.TextIOWrapper(spool, encoding="utf-8", newline="")
        WRITERS[fmt](store.query_chunks(flt), text)
        text.flush()
        text.detach()
        spool.seek(0)
        return spool.read()


def export_events(store: Any, flt: EventFilter, fmt: str, out: str | Path | None = None) -> int:
    """Write the filtered events to `out` (standard output when None); how many were written."""
    if fmt not in WRITERS:
        raise StoreError(f"unknown export format {fmt!r} (expected one of {', '.join(WRITERS)})")
    rows = _Counted(store.query_chunks(flt))
    if out is None or str(out) == "-":
        WRITERS[fmt](rows, sys.stdout)
        sys.stdout.flush()
        return rows.n
    target = Path(out)
    try:
        with atomic_path(target) as tmp, open(tmp, "w", encoding="utf-8", newline="") as fh:
            WRITERS[fmt](rows, fh)
    except OSError as exc:
        raise StoreError(f"cannot write {str(target)!r}: {exc.strerror or exc}; nothing was written") from None
    return rows.n
