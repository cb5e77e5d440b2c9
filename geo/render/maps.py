"""Build the event map: a folium.Map from a DataFrame of events, used by the app and snapshots.

The browser gets one GeoJSON layer (not one folium object per event) and, above
`MAX_MARKERS` events in view, grid cells with counts instead of events: a 100,000-event
store then costs about what a 2,000-event one does.

Over 400 lines: the three map modes share the layer and legend code around one build_map.
"""

from __future__ import annotations

import html
import json
from typing import Any

import folium
import folium.plugins
import numpy as np
import pandas as pd
from branca.element import MacroElement
from folium.elements import JSCSSMixin
from jinja2 import Template
from markupsafe import Markup

from geo.geometry import clamp_bbox, lon_span, wrap_lon
from geo.render import assets, basemap
from geo.render.popups import EVENT_COLOURS, OTHER_COLOUR, POPUP_CSS, as_text, popup_html, tooltip_text

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
    "script_json",
]

HALO_COLOUR = "#555555"

MAX_MARKERS = 2000
# ACLED geo_precision -> radius of the uncertainty halo in metres.
HALO_METRES = {1: 2_000, 2: 15_000, 3: 50_000}
DEFAULT_BOUNDS = (32.3, 35.6, 37.4, 42.4)  # Syria, when there is nothing to fit
BASEMAPS = ("offline", "osm", "carto")
BASEMAP_LABELS = {"offline": "Offline basemap", "osm": "OpenStreetMap (online)", "carto": "CARTO (online)"}
MODES = ("markers", "cluster", "heatmap")
GRID_CELLS = 50  # cells across the wider side of the view when aggregating
CLUSTER_MAX = 20_000  # MarkerCluster groups this many in the browser; beyond, grid cells again


def script_json(obj: Any) -> str:
    """Compact JSON safe inside <script>: no "</" or "<!" (which could end or confuse the element).

    Jinja's tojson escapes every <, > and & instead, which doubles the size of popup markup.
    """
    text = json.dumps(obj, ensure_ascii=False, separators=(",", ":"))
    return (
        text.replace("</", "<\\/").replace("<!", "\\u003c!").replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")
    )


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


# --- map elements --------------------------------------------------------------------------

class EventLayer(JSCSSMixin, folium.map.Layer):
    """Events (or grid cells) as one L.geoJson of circle markers, coloured by type in the browser."""

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        var {{ this.get_name() }} = (function () {
            var colours = {{ this.colours|tojson }};
            var data = {{ this.data_json }};
            function colour(p) { return colours[p.event_type] || {{ this.other|tojson }}; }
            function radius(p) {
                if (p.count) { return Math.min(6 + 2.2 * Math.sqrt(p.count), 34); }
                return Math.min(5 + 2 * Math.sqrt(p.fatalities || 0), 22);
            }
            var geo = L.geoJson(data, {
                pointToLayer: function (feature, latlng) {
                    var p = feature.properties, c = colour(p);
                    return L.circleMarker(latlng, {
                        radius: radius(p), color: p.selected ? "#000000" : c,
                        weight: p.selected ? 3 : 1.5, opacity: 1, fillColor: c,
                        fillOpacity: p.count ? 0.55 : 0.8, bubblingMouseEvents: false
                    });
                },
                onEachFeature: function (feature, layer) {
                    layer.bindPopup(feature.properties.popup, {maxWidth: 380});
                    layer.bindTooltip(feature.properties.tooltip, {sticky: true});
                    if (feature.properties.selected) {
                        layer.on("add", function () { layer.bringToFront(); });
                    }
                }
            });
            {%- if this.cluster %}
            var group = L.markerClusterGroup({maxClusterRadius: 45, chunkedLoading: true});
            group.addLayers(geo.getLayers());
            return group;
            {%- else %}
            return geo;
            {%- endif %}
        })();
        {% endmacro %}
        """
    )

    def __init__(self, features: list[dict], *, cluster: bool = False, name: str = "Events"):
        super().__init__(name=name, overlay=True, control=True, show=True)
        self._name = "EventLayer"
        self.data_json = Markup(script_json({"type": "FeatureCollection", "features": features}))
        self.colours = EVENT_COLOURS
        self.other = OTHER_COLOUR
        self.cluster = cluster
        # A JSCSSMixin, so st_folium loads the cluster plugin too, from the local copies.
        self.default_js, self.default_css = assets.links_for(folium.plugins.MarkerCluster) if cluster else ([], [])


class HaloLayer(folium.map.Layer):
    """The location uncertainty of the events: one dashed circle in metres per distinct place and
    precision, under the markers (twenty events at one town give one ring, not a dark blot)."""

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        var {{ this.get_name() }} = (function () {
            var map = {{ this.map_name }};
            if (!map.getPane("cemHalos")) { map.createPane("cemHalos").style.zIndex = 350; }
            var renderer = L.canvas({pane: "cemHalos"});
            var group = L.layerGroup(), seen = {};
            {{ this.events_name }}.eachLayer(function (layer) {
                var p = layer.feature && layer.feature.properties;
                if (!p || !p.halo) { return; }
                var at = layer.getLatLng(), key = at.lat.toFixed(3) + "," + at.lng.toFixed(3) + "," + p.halo;
                if (seen[key]) { return; }
                seen[key] = true;
                group.addLayer(L.circle(at, {
                    radius: p.halo, pane: "cemHalos", renderer: renderer, interactive: false,
                    color: {{ this.colour|tojson }}, weight: 1, opacity: 0.6, dashArray: "4 4",
                    fillColor: {{ this.colour|tojson }}, fillOpacity: 0.06
                }));
            });
            return group;
        })();
        {% endmacro %}
        """
    )

    def __init__(self, events: EventLayer, map_name: str):
        super().__init__(name="Location uncertainty", overlay=True, control=True, show=True)
        self._name = "HaloLayer"
        self.events_name = events.get_name()
        self.map_name = map_name
        self.colour = HALO_COLOUR


class _Control(MacroElement):
    """A fixed box (legend, caption, message) as a Leaflet control, so st_folium keeps it."""

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        (function () {
            var control = L.control({position: {{ this.position|tojson }}});
            control.onAdd = function () {
                var div = L.DomUtil.create("div", {{ this.css_class|tojson }});
                div.setAttribute("style", {{ this.style|tojson }});
                div.innerHTML = {{ this.html|tojson }};
                L.DomEvent.disableClickPropagation(div);
                return div;
            };
            control.addTo({{ this._parent.get_name() }});
        })();
        {% endmacro %}
        """
    )

    def __init__(self, html_text: str, *, position: str, css_class: str, style: str):
        super().__init__()
        self._name = "Control"
        self.html = Markup(html_text)
        self.position = position
        self.css_class = css_class
        self.style = style


_BOX = "background:rgba(255,255,255,0.92);padding:6px 9px;border-radius:4px;box-shadow:0 1px 4px rgba(0,0,0,.3);font:12px/1.35 sans-serif;color:#222;"


def _legend(types: set[str], aggregated: bool, heatmap: bool) -> _Control:
    """The colours of the event types on the map (all of them when the map is empty)."""
    if heatmap:
        body = "<b>Event density</b><br><span style='display:inline-block;width:120px;height:10px;background:linear-gradient(90deg,blue,cyan,lime,yellow,red)'></span>"
    else:
        shown = [(t, c) for t, c in EVENT_COLOURS.items() if t in types or not types]
        if types - set(EVENT_COLOURS):
            shown.append(("Other", OTHER_COLOUR))
        rows = "".join(
            f'<div><span style="display:inline-block;width:10px;height:10px;border-radius:50%;background:{c};margin-right:5px"></span>{html.escape(t)}</div>'
            for t, c in shown
        )
        note = "Circles: events per grid cell" if aggregated else "Size: fatalities · ring: location uncertainty"
        body = f"<b>Event type</b>{rows}<div style='margin-top:2px;color:#555;font-size:11px'>{note}</div>"
    return _Control(body, position="bottomright", css_class="cem-legend", style=_BOX)


def _caption(text: str) -> _Control:
    return _Control(html.escape(text).replace("\n", "<br>"), position="bottomleft", css_class="cem-caption", style=_BOX + "width:max-content;max-width:55vw;")


class _Message(MacroElement):
    """A message across the middle of the map ("No events ...")."""

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        (function () {
            var div = document.createElement("div");
            div.className = "cem-message";
            div.setAttribute("style", {{ this.style|tojson }});
            div.textContent = {{ this.text|tojson }};
            {{ this._parent.get_name() }}.getContainer().appendChild(div);
        })();
        {% endmacro %}
        """
    )

    def __init__(self, text: str):
        super().__init__()
        self._name = "Message"
        self.text = text
        self.style = _BOX + "position:absolute;top:45%;left:50%;transform:translate(-50%,-50%);z-index:800;font-size:18px;"


class _Style(MacroElement):
    """Sea colour behind the offline outlines (tiles cover it) and the popups' CSS, set from the
    map's script so st_folium, which drops the page head, keeps them."""

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        {{ this._parent.get_name() }}.getContainer().style.background = {{ this.colour|tojson }};
        (function () {
            if (document.getElementById("cem-style")) { return; }  // st_folium reruns the script
            var style = document.createElement("style");
            style.id = "cem-style";
            style.textContent = {{ this.css|tojson }};
            document.head.appendChild(style);
        })();
        {% endmacro %}
        """
    )

    def __init__(self, colour: str):
        super().__init__()
        self._name = "Style"
        self.colour = colour
        self.css = POPUP_CSS + basemap.TOWN_CSS


def _add_basemaps(m: folium.Map, basemap_name: str, view: tuple[float, float, float, float]) -> None:
    m.add_child(_Style(basemap.SEA))
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
        m.add_child(_Message("No events match these filters"))
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
        m.add_child(_legend(types, aggregated, mode == "heatmap" and len(visible) > 0))
    if caption:
        m.add_child(_caption(caption))
    folium.LayerControl(collapsed=True).add_to(m)
    assets.localize(m)
    return m
