"""Build the event map: a folium.Map from a DataFrame of events, used by the app and snapshots.

The browser gets one GeoJSON layer (not one folium object per event) and, above
`MAX_MARKERS` events in view, grid cells with counts instead of events: a 100,000-event
store then costs about what a 2,000-event one does.

The layers and boxes the browser draws are in geo/render/elements.py.
"""

from __future__ import annotations

import html
from typing import Any

import folium
import folium.plugins
import numpy as np
import pandas as pd

from geo.geometry import clamp_bbox, lon_span, wrap_lon
from geo.render import assets, basemap, elements
from geo.render.elements import EventLayer, HaloLayer
from geo.render.popups import EVENT_COLOURS, OTHER_COLOUR, as_text, popup_html, tooltip_text

__all__ = [
    "EVENT_COLOURS",
    "OTHER_COLOUR",
    "BASEMAPS",
    "BASEMAP_LABELS",
    "MODES",
    "MAX_MARKERS",
    "HALO_METRES",
    "DEFAULT_BOUNDS",
    "build_map",
    "popup_html",
    "tooltip_text",
    "events_in_view",
    "data_bounds",
    "aggregate",
]

MAX_MARKERS = 2000
# ACLED geo_precision -> radius of the uncertainty halo in metres.
HALO_METRES = {1: 2_000, 2: 15_000, 3: 50_000}
DEFAULT_BOUNDS = (32.3, 35.6, 37.4, 42.4)  # Syria, when there is nothing to fit
BASEMAPS = ("offline", "osm", "carto")
BASEMAP_LABELS = {"offline": "Offline basemap", "osm": "OpenStreetMap (online)", "carto": "CARTO (online)"}
MODES = ("markers", "cluster", "heatmap")
GRID_CELLS = 50  # cells across the wider side of the view when aggregating
CLUSTER_MAX = 20_000  # MarkerCluster groups this many in the browser; beyond, grid cells again


# --- data ----------------------------------------------------------------------------------

def events_in_view(events: pd.DataFrame, bounds: tuple[float, float, float, float] | None) -> pd.DataFrame:
    """Events with coordinates, inside `bounds` (S, W, N, E; west > east crosses the antimeridian)."""
    if events is None or len(events) == 0 or "lat" not in events or "lon" not in events:
        return pd.DataFrame(columns=["lat", "lon"])
    lat = pd.to_numeric(events["lat"], errors="coerce")
    lon = pd.to_numeric(events["lon"], errors="coerce")
    keep = lat.notna() & lon.notna()
    if bounds is not None:
        s, w, n, e = bounds
        in_lon = (lon >= w) & (lon <= e) if w < e else (lon >= w) | (lon <= e)
        keep &= (lat >= s) & (lat <= n) & in_lon
    out = events.loc[keep].copy()
    out["lat"], out["lon"] = lat[keep].astype(float), lon[keep].astype(float)
    return out


def data_bounds(events: pd.DataFrame) -> tuple[float, float, float, float]:
    """The box (S, W, N, E) with a margin around where the events are; Syria when there are none.

    From 20 events on, the farthest 5% on each side do not decide the view: one protest in
    Cologne should not shrink a war in Syria to a dot. Zooming out shows them.
    """
    placed = events.dropna(subset=["lat", "lon"]) if len(events) else events
    if len(placed) == 0:
        return DEFAULT_BOUNDS
    lo, hi = (0.05, 0.95) if len(placed) >= 20 else (0.0, 1.0)
    s, n = (float(v) for v in placed["lat"].quantile([lo, hi]))
    w, e = (float(v) for v in placed["lon"].quantile([lo, hi]))
    pad = max(0.15, 0.08 * max(n - s, e - w))
    return max(s - pad, -85.0), max(w - pad, -180.0), min(n + pad, 85.0), min(e + pad, 180.0)


def _column(events: pd.DataFrame, name: str, default: Any) -> pd.Series:
    if name in events:
        return events[name]
    return pd.Series([default] * len(events), index=events.index)


def _event_features(events: pd.DataFrame, selected_event_id: str | None) -> list[dict]:
    records = events.to_dict("records")
    precision = pd.to_numeric(_column(events, "geo_precision", 3), errors="coerce").fillna(3).astype(int)
    fatalities = pd.to_numeric(_column(events, "fatalities", 0), errors="coerce").fillna(0).astype(int)
    features = []
    for rec, prec, dead in zip(records, precision, fatalities):
        event_id = as_text(rec.get("event_id"))
        features.append(
            {
                "type": "Feature",
                "geometry": {"type": "Point", "coordinates": [round(rec["lon"], 5), round(rec["lat"], 5)]},
                "properties": {
                    "event_id": event_id,
                    "event_type": as_text(rec.get("event_type")),
                    "date": as_text(rec.get("date_start")),
                    "fatalities": int(dead),
                    "halo": HALO_METRES.get(int(prec), HALO_METRES[3]),
                    "selected": bool(selected_event_id) and event_id == selected_event_id,
                    "popup": popup_html(rec),
                    "tooltip": tooltip_text(rec),
                },
            }
        )
    return features


def aggregate(events: pd.DataFrame, bounds: tuple[float, float, float, float], cells: int = GRID_CELLS) -> pd.DataFrame:
    """Grid cells of the view with their event count, fatalities, centroid and most frequent type."""
    s, w, n, e = bounds
    size = max(n - s, lon_span(w, e)) / cells
    lon = events["lon"].to_numpy()
    if w > e:  # the view crosses the antimeridian
        lon = np.where(lon < w, lon + 360, lon)
    frame = pd.DataFrame(
        {
            "gx": np.floor((lon - w) / size).astype(np.int64),
            "gy": np.floor((events["lat"].to_numpy() - s) / size).astype(np.int64),
            "lat": events["lat"].to_numpy(),
            "lon": events["lon"].to_numpy(),
            "fatalities": pd.to_numeric(_column(events, "fatalities", 0), errors="coerce").fillna(0).to_numpy(),
            "event_type": _column(events, "event_type", "").astype(str).to_numpy(),
        }
    )
    cells_df = frame.groupby(["gx", "gy"], sort=False).agg(
        lat=("lat", "mean"), lon=("lon", "mean"), count=("lat", "size"), fatalities=("fatalities", "sum")
    )
    by_type = frame.groupby(["gx", "gy", "event_type"], sort=False).size().unstack(fill_value=0)
    cells_df["event_type"] = by_type.idxmax(axis=1)
    cells_df["types"] = [
        {t: int(c) for t, c in row.items() if c} for row in by_type.loc[cells_df.index].to_dict("records")
    ]
    return cells_df.reset_index(drop=True)


def _cell_features(cells: pd.DataFrame) -> list[dict]:
    features = []
    for rec in cells.to_dict("records"):
        types = sorted(rec["types"].items(), key=lambda kv: -kv[1])
        detail = "<br>".join(f"{html.escape(t or 'unknown')}: {c}" for t, c in types)
        count = int(rec["count"])
        features.append(
            {
                "type": "Feature",
                "geometry": {"type": "Point", "coordinates": [round(rec["lon"], 4), round(rec["lat"], 4)]},
                "properties": {
                    "event_type": rec["event_type"],
                    "count": count,
                    "fatalities": int(rec["fatalities"]),
                    "tooltip": f"{count} events",
                    "popup": f"<b>{count} events</b>, {int(rec['fatalities'])} fatalities<br>{detail}"
                    "<br><small>Zoom in to see single events.</small>",
                },
            }
        )
    return features


def _add_basemaps(m: folium.Map, basemap_name: str, view: tuple[float, float, float, float]) -> None:
    m.add_child(elements.Style(basemap.SEA))
    crosses_antimeridian = view[1] > view[3]
    basemap.add_offline_basemap(m, None if crosses_antimeridian else view, show=basemap_name == "offline")
    folium.TileLayer("OpenStreetMap", name="OpenStreetMap", show=basemap_name == "osm", max_zoom=18).add_to(m)
    folium.TileLayer(
        "https://{s}.basemaps.cartocdn.com/light_all/{z}/{x}/{y}{r}.png",
        name="CartoDB Positron",
        attr="&copy; OpenStreetMap contributors &copy; CARTO",
        subdomains="abcd",
        show=basemap_name == "carto",
        max_zoom=18,
    ).add_to(m)


def _heat_points(events: pd.DataFrame, view: tuple[float, float, float, float]) -> list[list[float]]:
    """Events summed on a grid of ~1/300 of the view, weights scaled to 0-1 (1 = the 95th percentile)."""
    s, w, n, e = view
    step = max(n - s, lon_span(w, e)) / 300
    frame = pd.DataFrame(
        {"lat": (events["lat"] / step).round() * step, "lon": (events["lon"] / step).round() * step}
    )
    counts = frame.groupby(["lat", "lon"]).size().reset_index(name="w")
    top = max(float(counts["w"].quantile(0.95)), 1.0)
    counts["w"] = (counts["w"] / top).clip(upper=1.0).round(3)
    return counts[["lat", "lon"]].round(4).assign(w=counts["w"]).values.tolist()


# --- the map -------------------------------------------------------------------------------

def build_map(
    events: pd.DataFrame,
    *,
    bounds: tuple[float, float, float, float] | None = None,
    zoom: int | None = None,
    basemap: str = "offline",
    mode: str = "markers",
    legend: bool = True,
    caption: str | None = None,
    selected_event_id: str | None = None,
    center: tuple[float, float] | None = None,
) -> folium.Map:
    """The event map for `events` (EVENT_FIELDS columns), viewing `bounds` (S, W, N, E) or all events.

    With `zoom`, the map centres on `center` (else the middle of `bounds`) at that zoom: the exact
    view st_folium returned, so a map rebuilt for a wider query area keeps the user's view; without
    it, the map fits `bounds`. Above MAX_MARKERS events in view, markers become grid cells with
    counts; the selected event is always drawn on its own.
    """
    if basemap not in BASEMAPS:
        raise ValueError(f"basemap must be one of {BASEMAPS}: {basemap!r}")
    if mode not in MODES:
        raise ValueError(f"mode must be one of {MODES}: {mode!r}")
    bounds = None if bounds is None else clamp_bbox(bounds)

    visible = events_in_view(events, bounds)
    view = bounds or data_bounds(visible)
    s, w, n, e = view
    centre = [(s + n) / 2, (w + e) / 2 if w <= e else wrap_lon((w + e + 360) / 2)]
    if zoom is not None and center is not None:
        centre = [float(center[0]), float(center[1])]
    m = folium.Map(
        location=centre,
        zoom_start=zoom if zoom is not None else 7,
        tiles=None,
        prefer_canvas=True,
        control_scale=True,
    )
    # With no tile layer on the map Leaflet has no max zoom, and MarkerCluster throws.
    m.options.update(max_zoom=18, min_zoom=2)
    if zoom is None:
        m.fit_bounds([[s, w], [n, e if e > w else e + 360]])
    _add_basemaps(m, basemap, view)

    aggregated = False
    if len(visible) == 0:
        m.add_child(elements.Message("No events match these filters"))
    elif mode == "heatmap":
        folium.plugins.HeatMap(_heat_points(visible, view), name="Heatmap", radius=18, blur=15, min_opacity=0.3).add_to(m)
    else:
        aggregated = len(visible) > (CLUSTER_MAX if mode == "cluster" else MAX_MARKERS)  # cluster mode clusters
        if aggregated:
            features = _cell_features(aggregate(visible, view))
            if selected_event_id and "event_id" in visible:
                chosen = visible[visible["event_id"].astype(str) == str(selected_event_id)]
                features += _event_features(chosen, selected_event_id)
        else:
            features = _event_features(visible, selected_event_id)
        layer = EventLayer(features, cluster=mode == "cluster" and not aggregated)
        layer.add_to(m)
        if not aggregated:
            HaloLayer(layer, m.get_name()).add_to(m)
    if legend:
        types = set(visible["event_type"].astype(str).unique()) if "event_type" in visible else set()
        m.add_child(elements.legend(types, aggregated, mode == "heatmap" and len(visible) > 0))
    if caption:
        m.add_child(elements.caption(caption))
    folium.LayerControl(collapsed=True).add_to(m)
    assets.localize(m)
    return m
