"""The live event map as a Streamlit component (not a page: app.py does not register it).

The frontend is geo/render/web (index.html, with cem_map.js/.css served from ./static). Python sends
the URL of the events' data file and small settings; the iframe stays in place across reruns, so
new arguments update the map where it is instead of rebuilding it.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Any, Callable

import streamlit.components.v1 as components

import geo.render

__all__ = ["WEB_DIR", "live_map"]

WEB_DIR = Path(geo.render.__file__).parent / "web"
_component = components.declare_component("cem_map", path=str(WEB_DIR))
# The iframe is served at <base>/component/<name>/index.html: this reaches <base>/app/static/.
STATIC_FROM_FRAME = "../../app/static"


@lru_cache(maxsize=1)
def _basemap() -> dict:
    from geo.render.map_data import basemap_options

    return basemap_options(f"{STATIC_FROM_FRAME}/basemap")


def live_map(
    data_path: str,
    *,
    window: tuple[str, str] | None,
    mode: str = "markers",
    basemap: str = "offline",
    selected: str | None = None,
    focus: str | None = None,
    fit: str = "",
    detail: dict[str, str] | None = None,
    height: int = 660,
    key: str = "live_map",
    on_change: Callable[[], None] | None = None,
) -> dict[str, Any] | None:
    """Draw (or update) the map; returns what the browser last sent: view, dates, selected."""
    return _component(
        data_url=f"{STATIC_FROM_FRAME}/{data_path}",
        offline=_basemap(),
        window=list(window) if window else None,
        mode=mode,
        basemap=basemap,
        selected=selected,
        focus=focus,
        fit=fit,
        detail=detail or {},
        height=height,
        key=key,
        default=None,
        on_change=on_change,
    )
