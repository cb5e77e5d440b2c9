"""Map snapshots: PNG of a view, standalone offline HTML, and (through geo.animation) a timeline.

The map is the app's own (geo.maps.build_map) with its assets inlined, rendered by headless
Chromium (geo.browser) once Leaflet reports the map and every tile layer loaded. Files are
written to a temporary name beside the target and renamed, so a failure never leaves half a
file at the target path.
"""

from __future__ import annotations

import asyncio
import concurrent.futures
import math
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Mapping

import pandas as pd

from geo.render import assets, basemap, furniture, maps
from geo.render.browser import Browser, launch
from geo.errors import SnapshotError
from geo.geometry import leaflet_bbox, parse_bbox
from geo.records import EventFilter

__all__ = [
    "View",
    "picture_bounds",
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
    title: str | None = None
    extent: str = "view"  # "view": the bounds as on screen; "events": fitted to the events in view

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
        if self.extent not in furniture.EXTENTS:
            raise SnapshotError(f"extent must be one of {', '.join(furniture.EXTENTS)}: {self.extent!r}")


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
    """Date range, filters and count, as printed under a snapshot's title (the sources' credits
    are the furniture's attribution line)."""
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
    if basemap not in maps.BASEMAPS:
        raise SnapshotError(f"basemap must be one of {', '.join(maps.BASEMAPS)}: {basemap!r}")
    return " · ".join(parts) + "\nEvents coded from news reports (conflict-event-map)"


# --- HTML and PNG --------------------------------------------------------------------------

def picture_bounds(events: pd.DataFrame, view: View) -> tuple[float, float, float, float]:
    """What the picture shows: the view's bounds or the events in it (view.extent), widened to the
    picture's shape, so a fitted map shows exactly these bounds and its events are all drawn."""
    bounds = view.bounds
    if view.extent == "events" or bounds is None:
        inside = maps.events_in_view(events, bounds)
        if len(inside) or bounds is None:
            bounds = maps.data_bounds(inside)
    s, w, n, e = bounds
    span_x = (e - w) % 360 or 360
    y0, y1 = _merc(s), _merc(n)
    want = view.width / view.height  # picture aspect, in Mercator units
    have = math.radians(span_x) / max(y1 - y0, 1e-9)
    if have < want:  # too tall: widen
        grow = (math.degrees((y1 - y0) * want) - span_x) / 2
        w, e = max(w - grow, -180.0), min(e + grow, 180.0)
    else:  # too wide: heighten
        grow = (math.radians(span_x) / want - (y1 - y0)) / 2
        s, n = max(_unmerc(y0 - grow), -85.0), min(_unmerc(y1 + grow), 85.0)
    return s, w, n, e


def _merc(lat: float) -> float:
    lat = max(min(lat, 85.05), -85.05)
    return math.log(math.tan(math.pi / 4 + math.radians(lat) / 2))


def _unmerc(y: float) -> float:
    return math.degrees(2 * math.atan(math.exp(y)) - math.pi / 2)


def snapshot_map(
    events: pd.DataFrame,
    view: View,
    *,
    still: bool = True,
    stamp: str | None = None,
    vector: bool = False,
    bounds: tuple[float, float, float, float] | None = None,
):
    """The app's map for `view`, dressed for a report (geo.render.furniture): no controls, the
    basemap tiles of the view inlined, a title, legend, scale bar and attribution.

    `still` turns animations off, so a picture never catches a zoom half-way; `stamp` is the
    date line of an animation frame; `vector` draws with SVG (for PDF) instead of a canvas;
    `bounds` (from picture_bounds) holds the frames of an animation to one extent. A page that is
    not `still` (the HTML export) keeps its zoom buttons and carries the world's coarse tiles too.
    """
    bounds = bounds or picture_bounds(events, view)
    try:
        m = maps.build_map(events, bounds=bounds, basemap=view.basemap, mode=view.mode, legend=False, caption=None)
    except ValueError as exc:
        raise SnapshotError(str(exc)) from exc
    m.options.update(zoom_snap=0)  # fit the bounds exactly, not to the next whole zoom
    if still:
        m.options.update(zoom_animation=False, fade_animation=False, marker_zoom_animation=False)
    if vector:
        m.options.update(prefer_canvas=False)
    zoom = basemap.view_zoom(bounds, view.width, view.height)
    if still:
        furniture.strip_controls(m)
        basemap.inline_view(m, bounds, [zoom], svg=vector)
    else:
        basemap.inline_view(m, bounds, [0, zoom - 2, zoom, zoom + 2], svg=vector)
    visible = maps.events_in_view(events, bounds)
    base_px = min(max(min(view.width, view.height) / 55, 11.0), 22.0)
    legend = None
    if view.legend:
        types = set(visible["event_type"].astype(str).unique()) if "event_type" in visible else set()
        legend = furniture.legend_html(
            types, base_px / 12, aggregated=len(visible) > maps.MAX_MARKERS,
            heatmap=view.mode == "heatmap" and len(visible) > 0,
        )
    extent = furniture.EXTENTS["events" if view.bounds is None else view.extent]
    subtitle = "\n".join([*(view.caption or "").splitlines(), f"Extent: {extent}", *([stamp] if stamp else [])])
    if view.extent == "events" or view.bounds is None:
        furniture.pad_fit(m, base_px, len(subtitle.splitlines()))
    m.add_child(furniture.Furniture(
        title=view.title or "Conflict events", subtitle=subtitle, legend=legend,
        credit=furniture.credits(view.basemap, short=view.width < 900), base_px=base_px, hide_controls=still,
    ))
    return m


def standalone_html(events: pd.DataFrame, view: View = View(), *, still: bool = False, **options) -> tuple[str, str]:
    """(page, map variable name): one HTML file with Leaflet and plugins inlined, no network needed.

    `options` go to snapshot_map (stamp, vector, bounds)."""
    m = snapshot_map(events, view, still=still, **options)
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
    }).then(() => new Promise((resolve) => {
        const settled = () => !window.cemBasemap || window.cemBasemap.pending() === 0;
        const poll = () => settled() ? resolve() : setTimeout(poll, 20);
        poll();
    })).then(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))))
      .then(() => { window.__cemReady = true; });
}
"""


class Shooter:
    """One browser page that loads map pages and photographs them once Leaflet is done.

    An animation reuses it for every frame (a new browser context costs ~0.3 s).
    """

    def __init__(
        self, browser: Browser, width: int, height: int, scale: float, offline: bool, timeout_s: float, *, reuse: bool = False
    ):
        """With `reuse`, the browser's kept page of this size (Browser.cached_page), left open on close()."""
        self.timeout_s = timeout_s
        self._browser = browser
        self._owned = not reuse
        if reuse:
            self.page = browser.cached_page(width, height, scale, offline=offline)
            self.errors: list[str] = self.page.cem_errors
        else:
            self.errors = []
            self.page = browser.new_page(width, height, scale, offline=offline)
            self.page.on("pageerror", lambda exc: self.errors.append(str(exc)))
        self.page.set_default_timeout(timeout_s * 1000)

    def shoot(self, page_html: str, map_name: str, *, pdf: bool = False) -> bytes:
        """PNG bytes of the page once its map is drawn; with `pdf`, Chromium's print of it as one
        page of the picture's size (vector where the page draws SVG)."""
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
            if pdf:
                size = self.page.viewport_size
                return self.page.pdf(
                    width=f"{size['width']}px", height=f"{size['height']}px", print_background=True,
                    margin={"top": "0", "right": "0", "bottom": "0", "left": "0"}, page_ranges="1",
                )
            return self.page.screenshot(type="png", timeout=timeout, full_page=False)
        except SnapshotError:
            self._forget()
            raise
        except Exception as exc:
            self._forget()
            name = type(exc).__name__
            first = (str(exc).strip().splitlines() or [name])[0]
            if "Timeout" in name or "Timeout" in first:
                raise SnapshotError(f"the browser did not finish the map within {self.timeout_s:g} s ({first})") from exc
            raise SnapshotError(f"the browser failed while rendering the map: {first}") from exc

    def _forget(self) -> None:
        if not self._owned:
            self._browser.drop_page(self.page)

    def close(self) -> None:
        if not self._owned:
            return
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
    pdf: bool = False,
) -> bytes:
    """PNG (or PDF) bytes of a page once its Leaflet map and tile layers have loaded."""
    with Shooter(browser, width, height, scale, offline, timeout_s, reuse=True) as shooter:
        return shooter.shoot(page_html, map_name, pdf=pdf)


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
    pdf: bool = False,
) -> bytes:
    """PNG bytes of the map of `events` in `view` (width x height at `scale`); with `pdf`, a
    one-page PDF of the same picture, drawn in SVG so lines and text stay sharp in print."""
    page, name = standalone_html(events, view, still=True, vector=pdf)
    return with_browser(
        browser,
        lambda b: capture(
            b, page, name, width=view.width, height=view.height, scale=view.scale,
            offline=view.basemap == "offline", timeout_s=timeout_s, pdf=pdf,
        ),
    )
