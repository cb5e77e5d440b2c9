"""The live map's data: the filtered events as one compact, columnar JSON file the browser fetches once.

The app's map (geo/render/web/cem_map.js) plays, filters and aggregates these events itself, so a
frame, a pan or a zoom needs no server round-trip. Repeated strings (types, places, actors)
go into tables and the events carry indices: 100,000 events are ~5 MB, not ~100 MB of HTML.
The file is named by its content's hash, so a browser fetches each version once.
"""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path

import numpy as np
import pandas as pd

from geo.render.maps import data_bounds
from geo.render.popups import EVENT_COLOURS, OTHER_COLOUR
from geo.settings import PROJECT_ROOT

__all__ = ["MAP_DATA_COLUMNS", "DATA_DIR", "payload", "write_payload", "basemap_options"]

MAP_DATA_COLUMNS = (
    "event_id", "date_start", "date_end", "event_type", "sub_event_type", "actor1", "actor2",
    "place", "location", "admin1", "country_code", "lat", "lon", "geo_precision", "fatalities",
)
DATA_DIR = "cem-data"  # under ./static, served at /app/static/cem-data/
KEEP_FILES = 48  # older payloads are deleted: one per filter a user tried recently


def _codes(values: pd.Series) -> tuple[list[int], list[str]]:
    """Indices into a table of the distinct non-empty values; -1 for empty."""
    text = values.fillna("").astype(str)
    codes, table = pd.factorize(text.where(text != "", None), use_na_sentinel=True)
    return codes.tolist(), [str(v) for v in table]


def payload(events: pd.DataFrame) -> dict:
    """The columnar form of the located events (MAP_DATA_COLUMNS); days count from `day0`."""
    placed = events.dropna(subset=["lat", "lon"]) if len(events) else events
    if len(placed) == 0:
        return {"n": 0, "unplaced": int(len(events)), "day0": None, "bounds": list(data_bounds(placed)),
                "colours": EVENT_COLOURS, "other": OTHER_COLOUR}
    def col(name: str, default: object = "") -> pd.Series:  # frames from other sources may lack a column
        return placed[name] if name in placed else pd.Series(default, index=placed.index)

    start = pd.to_datetime(placed["date_start"], errors="coerce")
    end = pd.to_datetime(col("date_end", None), errors="coerce").fillna(start)
    day0 = start.min()
    d0 = ((start - day0).dt.days).fillna(0).astype(int)
    d1 = np.maximum(((end - day0).dt.days).fillna(0).astype(int), d0)
    out: dict = {
        "n": int(len(placed)),
        "unplaced": int(len(events) - len(placed)),
        "day0": day0.date().isoformat(),
        "days": int(d1.max()) + 1,
        "bounds": [round(v, 4) for v in data_bounds(placed)],
        "colours": EVENT_COLOURS,
        "other": OTHER_COLOUR,
        "id": placed["event_id"].astype(str).tolist(),
        "lat": placed["lat"].round(4).tolist(),  # 11 m: finer than any gazetteer point
        "lon": placed["lon"].round(4).tolist(),
        "d0": d0.tolist(),
        "d1": d1.tolist(),
        "f": pd.to_numeric(col("fatalities", 0), errors="coerce").fillna(0).astype(int).tolist(),
        "g": pd.to_numeric(col("geo_precision", 3), errors="coerce").fillna(3).astype(int).tolist(),
    }
    place = col("location").fillna("").astype(str)
    place = place.where(place != "", col("place").fillna("").astype(str))
    actors = pd.concat([col("actor1"), col("actor2")]).fillna("").astype(str)
    actor_codes, actor_table = _codes(actors)
    out["a1"], out["a2"], out["actors"] = actor_codes[: len(placed)], actor_codes[len(placed):], actor_table
    for key, column, values in (
        ("t", "types", col("event_type")),
        ("s", "subs", col("sub_event_type")),
        ("p", "places", place),
        ("m", "mentions", col("place")),  # the words of the sentence the popup highlights
        ("r", "admin1s", col("admin1")),
        ("c", "countries", col("country_code")),
    ):
        out[key], out[column] = _codes(values)
    return out


def _static_dir(static_dir: str | os.PathLike | None) -> Path:
    return Path(static_dir) if static_dir is not None else PROJECT_ROOT / "static"


def _write(directory: Path, text: str, suffix: str) -> str:
    data = text.encode("utf-8")
    name = hashlib.sha1(data).hexdigest()[:20] + suffix
    path = directory / name
    if not path.is_file():
        directory.mkdir(parents=True, exist_ok=True)
        tmp = path.with_name(f".{name}.{os.getpid()}")
        tmp.write_bytes(data)
        os.replace(tmp, path)
    return name


def write_payload(events: pd.DataFrame, static_dir: str | os.PathLike | None = None) -> str:
    """Write `payload(events)` under static/cem-data and return its path relative to static/.

    Old payloads beyond KEEP_FILES (oldest first) are removed: they belong to filters long gone.
    """
    directory = _static_dir(static_dir) / DATA_DIR
    name = _write(directory, json.dumps(payload(events), ensure_ascii=False, separators=(",", ":")), ".json")
    os.utime(directory / name)
    files = sorted(directory.glob("*.json"), key=lambda p: p.stat().st_mtime, reverse=True)
    for old in files[KEEP_FILES:]:
        if old.name != name:
            old.unlink(missing_ok=True)
    return f"{DATA_DIR}/{name}"


def basemap_options(prefix: str) -> dict:
    """L.cemBasemap's options (geo/render/basemap.js) for the live map: the tiles under `prefix`."""
    from geo.render import basemap
    from geo.render.basemap_build import BANDS

    return {
        "prefix": prefix,
        "bands": [{"index": b.index, "min": b.min_zoom, "max": b.max_zoom, "deg": b.tile_deg} for b in BANDS],
        "land": basemap.LAND, "lake": basemap.SEA, "border": basemap.BORDER, "admin": basemap.ADMIN,
        "css": basemap.TOWN_CSS, "attribution": basemap.ATTRIBUTION_SHORT,
    }
