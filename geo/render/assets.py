"""Leaflet and its plugins served from PyPI packages instead of folium's CDN links.

Offline, one unreachable CDN link means no map at all (st_folium loads scripts one by one and
stops at the first failure), so every asset a map uses comes from an installed package:
copied into ./static/ for Streamlit's static serving, or inlined for standalone HTML files.
"""

from __future__ import annotations

import base64
import html
import os
import re
import shutil
from functools import lru_cache
from pathlib import Path

import folium
import folium.plugins

from geo.files import atomic_path
from geo.settings import PROJECT_ROOT

__all__ = [
    "DEFAULT_PREFIX",
    "asset_files",
    "install_static",
    "use_local_assets",
    "links_for",
    "localize",
    "local_url",
    "inline_assets",
    "remote_asset_links",
]

DEFAULT_PREFIX = "/app/static"


def _xstatic_dir(module: str) -> Path:
    import importlib

    return Path(importlib.import_module(f"xstatic.pkg.{module}").BASE_DIR)


@lru_cache(maxsize=1)
def asset_files() -> dict[str, Path]:
    """Relative URL path under the static prefix -> installed source file."""
    leaflet = _xstatic_dir("leaflet")
    cluster = _xstatic_dir("leaflet_markercluster")
    jquery = _xstatic_dir("jquery")
    folium_templates = Path(folium.__file__).parent / "templates"
    files = {
        "leaflet/leaflet.js": leaflet / "leaflet.js",
        "leaflet/leaflet.css": leaflet / "leaflet.css",
        "markercluster/leaflet.markercluster.js": cluster / "leaflet.markercluster.js",
        "markercluster/MarkerCluster.css": cluster / "MarkerCluster.css",
        "markercluster/MarkerCluster.Default.css": cluster / "MarkerCluster.Default.css",
        "jquery/jquery.min.js": jquery / "jquery.min.js",
        "leaflet-heat/leaflet_heat.min.js": folium_templates / "leaflet_heat.min.js",
    }
    for image in sorted((leaflet / "images").glob("*.png")):
        files[f"leaflet/images/{image.name}"] = image
    for name in ("cem_draw.js", "cem_timeline.js", "cem_map.js", "cem_map.css"):  # the app's live map (issue 11), served like Leaflet
        files[f"cem/{name}"] = Path(__file__).parent / "web" / name
    files["cem/basemap.js"] = Path(__file__).parent / "basemap.js"  # the live map's offline basemap layer
    return files


# folium element class -> (default_js, default_css) as (name, relative path) pairs.
# Bootstrap and awesome-markers are dropped: no package serves them (xstatic-bootstrap does
# not build) and the maps here use vector markers only.
def _link_table() -> dict[type, tuple[list[tuple[str, str]], list[tuple[str, str]]]]:
    plugins = folium.plugins
    return {
        folium.Map: (
            [("leaflet", "leaflet/leaflet.js"), ("jquery", "jquery/jquery.min.js")],
            [("leaflet_css", "leaflet/leaflet.css")],
        ),
        plugins.MarkerCluster: (
            [("markerclusterjs", "markercluster/leaflet.markercluster.js")],
            [
                ("markerclustercss", "markercluster/MarkerCluster.css"),
                ("markerclusterdefaultcss", "markercluster/MarkerCluster.Default.css"),
            ],
        ),
        plugins.HeatMap: ([("leaflet-heat.js", "leaflet-heat/leaflet_heat.min.js")], []),
    }


def local_url(relative: str, prefix: str = DEFAULT_PREFIX) -> str:
    return f"{prefix.rstrip('/')}/{relative}"


def install_static(static_dir: str | os.PathLike | None = None) -> Path:
    """Copy the package assets into `static_dir` (default ./static of the project); idempotent.

    Each file is written to a temporary name and renamed, so a browser (or a second app
    process starting at the same time) never reads a half-copied script.
    """
    target = Path(static_dir) if static_dir is not None else PROJECT_ROOT / "static"
    for relative, source in asset_files().items():
        dest = target / relative
        if dest.is_file() and dest.stat().st_size == source.stat().st_size:
            continue
        dest.parent.mkdir(parents=True, exist_ok=True)
        with atomic_path(dest) as tmp:
            shutil.copyfile(source, tmp)
    return target


_current_prefix = DEFAULT_PREFIX


def use_local_assets(prefix: str = DEFAULT_PREFIX) -> None:
    """Point folium's default_js/default_css (Map and the plugins used) at local copies.

    Class-wide, so any folium map built in this process, ours or a page's, loads nothing
    from the internet.
    """
    global _current_prefix
    _current_prefix = prefix
    for cls in _link_table():
        cls.default_js, cls.default_css = links_for(cls, prefix)


def current_prefix() -> str:
    return _current_prefix


def links_for(cls: type, prefix: str | None = None) -> tuple[list[tuple[str, str]], list[tuple[str, str]]]:
    """(default_js, default_css) of a folium class with local URLs."""
    prefix = current_prefix() if prefix is None else prefix
    js, css = _link_table()[cls]
    return [(n, local_url(r, prefix)) for n, r in js], [(n, local_url(r, prefix)) for n, r in css]


def localize(element: folium.Element, prefix: str | None = None) -> None:
    """Set local links on one element tree (instance attributes), whatever the class defaults."""
    table = _link_table()
    stack = [element]
    while stack:
        el = stack.pop()
        for cls in table:
            if isinstance(el, cls):
                el.default_js, el.default_css = links_for(cls, prefix)
                break
        stack.extend(getattr(el, "_children", {}).values())


@lru_cache(maxsize=None)
def _inline_css(relative: str) -> str:
    """CSS text with its relative image URLs turned into data: URIs."""
    css = asset_files()[relative].read_text(encoding="utf-8")
    base = relative.rsplit("/", 1)[0]

    def data_uri(match: re.Match) -> str:
        ref = match.group(1)
        path = asset_files().get(f"{base}/{ref}")
        if path is None:
            return match.group(0)
        encoded = base64.b64encode(path.read_bytes()).decode("ascii")
        return f"url(data:image/png;base64,{encoded})"

    return re.sub(r"url\((images/[\w.-]+\.png)\)", data_uri, css)


@lru_cache(maxsize=None)
def _inline_js(relative: str) -> str:
    return asset_files()[relative].read_text(encoding="utf-8").replace("</script", "<\\/script")


def inline_assets(page: str, prefix: str | None = None) -> str:
    """Replace the local <script src>/<link href> tags of a rendered page by the files' contents."""
    prefix = (current_prefix() if prefix is None else prefix).rstrip("/")
    files = asset_files()
    pattern = re.escape(prefix) + r"/([\w./-]+)"

    def script(match: re.Match) -> str:
        rel = html.unescape(match.group(1))
        if rel not in files:
            return match.group(0)
        return f"<script>{_inline_js(rel)}</script>"

    def stylesheet(match: re.Match) -> str:
        rel = html.unescape(match.group(1))
        if rel not in files:
            return match.group(0)
        return f"<style>{_inline_css(rel)}</style>"

    page = re.sub(rf'<script[^>]*\bsrc="{pattern}"[^>]*>\s*</script>', script, page)
    page = re.sub(rf'<link[^>]*\bhref="{pattern}"[^>]*/?>', stylesheet, page)
    return page


_REMOTE = re.compile(r"""<(?:script|link)\b[^>]*\b(?:src|href)=["']((?:https?:)?//[^"']+)""", re.IGNORECASE)


def remote_asset_links(page: str) -> list[str]:
    """Script and stylesheet URLs of a page that would be fetched from the network."""
    return _REMOTE.findall(page)
