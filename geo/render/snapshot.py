"""Map snapshots: PNG of a view, standalone offline HTML, and (through geo.animation) a timeline.

The map is the app's own (geo.maps.build_map) with its assets inlined, rendered by headless
Chromium (geo.browser) once Leaflet reports the map and every tile layer loaded. Files are
written to a temporary name beside the target and renamed, so a failure never leaves half a
file at the target path.
"""

from __future__ import annotations

import asyncio
import concurrent.futures
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Mapping

import pandas as pd

from geo.render import assets, maps
from geo.render.browser import Browser, launch
from geo.errors import SnapshotError
from geo.geometry import leaflet_bbox, parse_bbox
from geo.records import EventFilter

__all__ = [
    "View",
    "parse_size",
    "caption_for",
    "snapshot_map",
    "standalone_html",
    "capture",
    "render_png",
    "Shooter",
    "with_browser",
]

MIN_SIDE, MAX_SIDE = 64, 8000
MAX_SCALE = 4.0
DEFAULT_TIMEOUT_S = 60.0


@dataclass(frozen=True)
class View:
    """What a snapshot shows: the map's view and the picture's size."""

    bounds: tuple[float, float, float, float] | None = None  # S, W, N, E
    zoom: int | None = None
    width: int = 1600
    height: int = 1000
    scale: float = 1.0
    basemap: str = "offline"
    mode: str = "markers"
    legend: bool = True
    caption: str | None = None

    @classmethod
    def from_leaflet(cls, bounds: Mapping | None, zoom: int | None = None, **options) -> "View":
        """A view from what st_folium returns: {"_southWest": {"lat", "lng"}, "_northEast": {...}}.

        Longitudes of a panned map run past ±180 and are wrapped; latitudes are clamped.
        """
        return cls(bounds=leaflet_bbox(bounds, max_lat=85.0), zoom=zoom, **options)

    def __post_init__(self) -> None:
        check_size(self.width, self.height, self.scale)
        if self.bounds is not None:
            object.__setattr__(self, "bounds", parse_bbox(self.bounds))
        if self.zoom is not None and not (0 <= int(self.zoom) <= 18):
            raise SnapshotError(f"zoom must be between 0 and 18: {self.zoom!r}")
        if self.basemap not in maps.BASEMAPS:
            raise SnapshotError(f"basemap must be one of {', '.join(maps.BASEMAPS)}: {self.basemap!r}")
        if self.mode not in maps.MODES:
            raise SnapshotError(f"mode must be one of {', '.join(maps.MODES)}: {self.mode!r}")


# --- input checks --------------------------------------------------------------------------

def check_size(width: int, height: int, scale: float = 1.0) -> None:
    for name, side in (("width", width), ("height", height)):
        if not isinstance(side, int) or not (MIN_SIDE <= side <= MAX_SIDE):
            raise SnapshotError(f"{name} must be a whole number of pixels from {MIN_SIDE} to {MAX_SIDE}: {side!r}")
    if not (0.5 <= float(scale) <= MAX_SCALE):
        raise SnapshotError(f"scale must be between 0.5 and {MAX_SCALE}: {scale!r}")
    if max(width, height) * scale > MAX_SIDE:
        raise SnapshotError(f"size x scale exceeds {MAX_SIDE} px: {width}x{height} at {scale!r}")


def parse_size(value: str) -> tuple[int, int]:
    """'1600x1000' -> (1600, 1000), checked."""
    try:
        w, h = (int(x) for x in value.lower().replace("×", "x").split("x"))
    except (AttributeError, ValueError):
        raise SnapshotError(f"size must be WIDTHxHEIGHT in pixels, e.g. 1600x1000: {value!r}") from None
    check_size(w, h)
    return w, h


# --- captions ------------------------------------------------------------------------------

def caption_for(flt: EventFilter | None, n_events: int, basemap: str = "offline") -> str:
    """Date range, filters, count and source credit, as printed under a snapshot."""
    flt = flt or EventFilter()
    if flt.date_from or flt.date_to:
        span = f"{flt.date_from or '…'} – {flt.date_to or '…'}"
    else:
        span = "all dates"
    parts = [span]
    if flt.actors:
        parts.append("actors: " + ", ".join(flt.actors))
    if flt.event_types:
        parts.append("types: " + ", ".join(flt.event_types))
    if flt.countries:
        parts.append("countries: " + ", ".join(flt.countries))
    if flt.text:
        parts.append(f"text: {flt.text}")
    parts.append(f"{n_events} event{'s' if n_events != 1 else ''}" if n_events else "no events")
    credit = {
        "offline": "outlines: countryinfo",
        "osm": "© OpenStreetMap contributors",
        "carto": "© OpenStreetMap contributors © CARTO",
    }[basemap]
    return " · ".join(parts) + f"\nEvents coded from news reports (conflict-event-map) · basemap {credit}"


# --- HTML and PNG --------------------------------------------------------------------------

def snapshot_map(events: pd.DataFrame, view: View, *, still: bool = True):
    """The app's map for `view`; `still` turns animations off, so a picture never catches a zoom half-way."""
    try:
        m = maps.build_map(
            events,
            bounds=view.bounds,
            zoom=view.zoom,
            basemap=view.basemap,
            mode=view.mode,
            legend=view.legend,
            caption=view.caption,
        )
    except ValueError as exc:
        raise SnapshotError(str(exc)) from exc
    if still:
        m.options.update(zoom_animation=False, fade_animation=False, marker_zoom_animation=False)
    return m


def standalone_html(events: pd.DataFrame, view: View = View(), *, still: bool = False) -> tuple[str, str]:
    """(page, map variable name): one HTML file with Leaflet and plugins inlined, no network needed."""
    m = snapshot_map(events, view, still=still)
    page = assets.inline_assets(m.get_root().render(), assets.current_prefix())
    left = assets.remote_asset_links(page)
    if left:
        raise SnapshotError(f"snapshot page still links remote assets: {left[0]!r}")
    return page, m.get_name()


_READY_JS = """
(name) => {
    window.__cemReady = false;
    const map = window[name];
    if (!map) { window.__cemReady = "no map object " + name; return; }
    new Promise((resolve) => map.whenReady(resolve)).then(() => {
        const pending = [];
        map.eachLayer((layer) => {
            if (layer instanceof L.GridLayer && layer.isLoading && layer.isLoading()) {
                pending.push(new Promise((resolve) => layer.once("load", resolve)));
            }
        });
        return Promise.all(pending);
    }).then(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))))
      .then(() => { window.__cemReady = true; });
}
"""


class Shooter:
    """One browser page that loads map pages and photographs them once Leaflet is done.

    An animation reuses it for every frame (a new browser context costs ~0.3 s).
    """

    def __init__(self, browser: Browser, width: int, height: int, scale: float, offline: bool, timeout_s: float):
        self.timeout_s = timeout_s
        self.errors: list[str] = []
        self.page = browser.new_page(width, height, scale, offline=offline)
        self.page.on("pageerror", lambda exc: self.errors.append(str(exc)))
        self.page.set_default_timeout(timeout_s * 1000)

    def shoot(self, page_html: str, map_name: str) -> bytes:
        timeout = self.timeout_s * 1000
        self.errors.clear()
        try:
            # From a file, not set_content(): a page of many MB crosses the driver protocol slowly.
            with tempfile.TemporaryDirectory(prefix="cem-snapshot-") as tmp:
                path = Path(tmp) / "map.html"
                path.write_text(page_html, encoding="utf-8")
                self.page.goto(path.as_uri(), wait_until="load", timeout=timeout)
            self.page.evaluate(_READY_JS, map_name)
            state = self.page.wait_for_function("() => window.__cemReady", timeout=timeout).json_value()
            if state is not True:
                raise SnapshotError(f"the map did not start in the browser: {state}")
            if self.errors:
                raise SnapshotError(f"the map page failed in the browser: {self.errors[0]}")
            return self.page.screenshot(type="png", timeout=timeout, full_page=False)
        except SnapshotError:
            raise
        except Exception as exc:
            name = type(exc).__name__
            first = (str(exc).strip().splitlines() or [name])[0]
            if "Timeout" in name or "Timeout" in first:
                raise SnapshotError(f"the browser did not finish the map within {self.timeout_s:g} s ({first})") from exc
            raise SnapshotError(f"the browser failed while rendering the map: {first}") from exc

    def close(self) -> None:
        try:
            self.page.context.close()
        except Exception:
            pass

    def __enter__(self) -> "Shooter":
        return self

    def __exit__(self, *exc) -> None:
        self.close()


def capture(
    browser: Browser,
    page_html: str,
    map_name: str,
    *,
    width: int,
    height: int,
    scale: float = 1.0,
    offline: bool = True,
    timeout_s: float = DEFAULT_TIMEOUT_S,
) -> bytes:
    """PNG bytes of a page once its Leaflet map and tile layers have loaded."""
    with Shooter(browser, width, height, scale, offline, timeout_s) as shooter:
        return shooter.shoot(page_html, map_name)


def with_browser(browser: Browser | None, work: Callable[[Browser], object]):
    """Run `work` with the given browser or a fresh one; off-thread where an asyncio loop runs
    (Playwright's sync API refuses to run inside one)."""
    if browser is not None:
        return work(browser)

    def own() -> object:
        with launch() as fresh:
            return work(fresh)

    try:
        asyncio.get_running_loop()
    except RuntimeError:
        return own()
    with concurrent.futures.ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(own).result()


def render_png(
    events: pd.DataFrame,
    view: View = View(),
    *,
    browser: Browser | None = None,
    timeout_s: float = DEFAULT_TIMEOUT_S,
) -> bytes:
    """PNG bytes of the map of `events` in `view` (width x height at `scale`)."""
    page, name = standalone_html(events, view, still=True)
    return with_browser(
        browser,
        lambda b: capture(
            b, page, name, width=view.width, height=view.height, scale=view.scale,
            offline=view.basemap == "offline", timeout_s=timeout_s,
        ),
    )
