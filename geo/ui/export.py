"""The Map page's Export: table downloads, snapshot sizes, names and the view to render."""

from __future__ import annotations

import io
import math
from dataclasses import replace
from typing import Any, Mapping

import pandas as pd

from geo.geometry import lon_span
from geo.errors import SnapshotError
from geo.records import EventFilter

__all__ = ["export_text", "SNAPSHOT_CHOICES", "EXPORT_SIZES", "MAX_APP_FRAMES", "export_formats", "export_size", "export_presets", "export_scale", "export_file_name", "export_view", "export_snapshot"]


def export_text(events: pd.DataFrame, fmt: str) -> str:
    """The events as a download in one of `exports.WRITERS` (csv, geojson, kml, acled)."""
    from geo.formats.exports import WRITERS

    buffer = io.StringIO()
    WRITERS[fmt](events, buffer)
    return buffer.getvalue()


SNAPSHOT_CHOICES = {  # format -> (label, MIME type)
    "png": ("PNG image", "image/png"),
    "html": ("Standalone HTML", "text/html"),
    "gif": ("Animated GIF", "image/gif"),
    "mp4": ("MP4 video", "video/mp4"),
    "pdf": ("PDF (print)", "application/pdf"),
}


EXPORT_SIZES = ("1600x1000", "1200x800", "1080x1080")  # plus the named presets of geo.render.furniture.SIZE_PRESETS


MAX_APP_FRAMES = 120  # a daily GIF of 90 days takes ~25 s; longer runs belong to `python -m geo snapshot`


def export_formats() -> list[str]:
    """The formats this machine can export: MP4 only where imageio-ffmpeg (its ffmpeg) is installed."""
    import importlib.util

    return [f for f in SNAPSHOT_CHOICES if f != "mp4" or importlib.util.find_spec("imageio_ffmpeg")]


def export_size(preset: str, custom: str = "") -> tuple[int, int]:
    """Width and height of a size preset, or of the custom 'WxH' when the preset is "custom"; checked."""
    from geo.render.furniture import SIZE_PRESETS
    from geo.render.snapshot import parse_size

    if preset in SIZE_PRESETS:
        return SIZE_PRESETS[preset][:2]
    return parse_size(custom if preset == "custom" else preset)


def export_presets() -> list[str]:
    """Named sizes for slides, print (300 dpi A4/Letter) and social media."""
    from geo.render.furniture import SIZE_PRESETS

    return list(SIZE_PRESETS)


def export_scale(preset: str, scale: float) -> float:
    """The preset's own pixel scale (300 dpi for print), else the scale chosen."""
    from geo.render.furniture import SIZE_PRESETS

    return SIZE_PRESETS[preset][2] if preset in SIZE_PRESETS and preset.startswith("print") else scale


def export_file_name(flt: EventFilter, fmt: str, span: tuple[str, str] | None) -> str:
    """conflict-map_<from>_<to>.<fmt>: the filter's dates, else the data's span."""
    lo = flt.date_from or (span[0][:10] if span else "start")
    hi = flt.date_to or (span[1][:10] if span else "end")
    return f"conflict-map_{lo}_{hi}.{fmt}"


def export_view(map_view: Mapping[str, Any] | None, **options: Any):
    """The snapshot View of the map's last view in the browser (st_folium's bounds and zoom).

    No view yet, or one Leaflet should never have sent, gives the view of all the events (the
    map's own first view). Size, scale, basemap and mode errors are raised, not hidden.
    """
    from geo.errors import SnapshotError
    from geo.render.snapshot import View

    whole = View(**options)
    bounds, zoom = (map_view or {}).get("bounds"), (map_view or {}).get("zoom")
    if not bounds:
        return whole
    try:
        view = View.from_leaflet(bounds, None if zoom is None else round(float(zoom)), **options)
    except (SnapshotError, TypeError, ValueError):
        return whole
    if view.zoom is not None and not _holds(view.bounds, view.zoom, view.width, view.height):
        view = replace(view, zoom=None)  # too small a picture for the screen's zoom: fit the view instead
    return view


def _holds(bounds: tuple[float, float, float, float], zoom: int, width: int, height: int) -> bool:
    """Whether a width x height picture at `zoom` shows all of `bounds` (Web Mercator, 256 px tiles)."""
    s, w, n, e = bounds
    merc = lambda lat: math.log(math.tan(math.pi / 4 + math.radians(lat) / 2))  # noqa: E731
    world = 256 * 2**zoom
    px_w = lon_span(w, e) / 360 * world
    px_h = (merc(n) - merc(s)) / (2 * math.pi) * world
    return px_w <= width * 1.02 and px_h <= height * 1.02


def export_snapshot(
    events: pd.DataFrame,
    flt: EventFilter,
    fmt: str,
    map_view: Mapping[str, Any] | None = None,
    *,
    size: tuple[int, int] = (1600, 1000),
    scale: float = 1.0,
    basemap: str = "offline",
    mode: str = "markers",
    step: str = "week",
    cumulative: bool = True,
    timeout_s: float = 60.0,
    title: str | None = None,
    extent: str = "view",
) -> bytes:
    """The bytes of the app's snapshot: the page's events and filter, in the map's view (or fitted
    to its events: `extent`), titled and captioned.

    Animations are held to MAX_APP_FRAMES frames so a click never starts a render of many minutes.
    """
    from geo.render import animation, output, snapshot

    width, height = size
    caption = snapshot.caption_for(flt, len(events), basemap)
    view = export_view(map_view, width=width, height=height, scale=scale, basemap=basemap, mode=mode, caption=caption,
                       title=title or None, extent=extent)
    if fmt in ("gif", "mp4"):
        frames = len(animation.periods(*animation.date_range(events, flt.date_from, flt.date_to), step))
        if frames > MAX_APP_FRAMES:
            raise SnapshotError(
                f"{frames} frames is too many for the app (at most {MAX_APP_FRAMES}): step by week, narrow the "
                "dates, or use `python -m geo snapshot` for long animations"
            )
    return output.render(
        events, fmt, view=view, date_from=flt.date_from, date_to=flt.date_to,
        step=step, cumulative=cumulative, timeout_s=timeout_s,
    )
