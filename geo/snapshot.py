"""Map snapshots: PNG of a view, standalone offline HTML, and an animated timeline (GIF/MP4).

The map is the app's own (geo.maps.build_map) with its assets inlined, rendered by headless
Chromium (geo.browser) once Leaflet reports the map and every tile layer loaded. Files are
written to a temporary name beside the target and renamed, so a failure never leaves half a
file at the target path.
"""

from __future__ import annotations

import asyncio
import concurrent.futures
import io
import math
import os
import tempfile
from dataclasses import dataclass, replace
from datetime import date, timedelta
from pathlib import Path
from typing import Callable, Mapping, Sequence

import pandas as pd

from . import assets, maps
from .browser import Browser, launch
from .errors import SnapshotError
from .records import EventFilter

__all__ = [
    "FORMATS",
    "View",
    "parse_bbox",
    "parse_size",
    "check_output",
    "atomic_write",
    "caption_for",
    "snapshot_map",
    "standalone_html",
    "capture",
    "render_png",
    "periods",
    "render_frames",
    "animation_bytes",
    "render",
    "snapshot",
]

FORMATS = ("png", "html", "gif", "mp4")
MIN_SIDE, MAX_SIDE = 64, 8000
MAX_SCALE = 4.0
DEFAULT_TIMEOUT_S = 60.0
MAX_ANIMATION_PIXELS = 400e6  # frames are held as RGB images until written: ~1.2 GB


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
        box = None
        if bounds:
            try:
                sw, ne = bounds["_southWest"], bounds["_northEast"]
                s, w, n, e = float(sw["lat"]), float(sw["lng"]), float(ne["lat"]), float(ne["lng"])
            except (KeyError, TypeError, ValueError):
                raise SnapshotError(f"not a Leaflet bounds object: {bounds!r}") from None
            s, n = max(s, -85.0), min(n, 85.0)
            if e - w >= 360:
                w, e = -180.0, 180.0
            else:
                w, e = ((w + 180) % 360) - 180, ((e + 180) % 360) - 180
            box = (s, w, n, e)
        return cls(bounds=box, zoom=zoom, **options)

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

def parse_bbox(value: str | Sequence[float]) -> tuple[float, float, float, float]:
    """'S,W,N,E' (or four numbers) -> a checked box: south < north, both within ±90, west/east within ±180."""
    parts = value.split(",") if isinstance(value, str) else list(value)
    try:
        s, w, n, e = (float(p) for p in parts)
    except (TypeError, ValueError):
        raise SnapshotError(f"bbox must be four numbers S,W,N,E: {value!r}") from None
    if not all(math.isfinite(x) for x in (s, w, n, e)):
        raise SnapshotError(f"bbox must be finite numbers: {value!r}")
    if not (-90 <= s <= 90 and -90 <= n <= 90 and -180 <= w <= 180 and -180 <= e <= 180):
        raise SnapshotError(f"bbox is outside the world (latitudes ±90, longitudes ±180): {value!r}")
    if s >= n:
        raise SnapshotError(f"bbox south must be below north (order is S,W,N,E): {value!r}")
    if w == e:
        raise SnapshotError(f"bbox west and east are equal: {value!r}")
    return s, w, n, e


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


def check_output(path: str | os.PathLike, fmt: str | None = None) -> tuple[Path, str]:
    """The target path and its format; fails before any rendering when it cannot be written."""
    target = Path(path)
    fmt = (fmt or target.suffix.lstrip(".")).lower()
    if fmt not in FORMATS:
        raise SnapshotError(f"unknown snapshot format (use --format {'|'.join(FORMATS)} or a .png/.html/.gif/.mp4 name): {str(path)!r}")
    parent = target.parent
    if not parent.is_dir():
        raise SnapshotError(f"output folder does not exist: {str(parent)!r}")
    if target.is_dir():
        raise SnapshotError(f"output path is a folder: {str(target)!r}")
    if not os.access(parent, os.W_OK) or (target.exists() and not os.access(target, os.W_OK)):
        raise SnapshotError(f"output path is not writable: {str(target)!r}")
    return target, fmt


def atomic_write(path: str | os.PathLike, data: bytes | str) -> Path:
    """Write `data` to a temporary file beside `path`, then rename it over `path`."""
    target = Path(path)
    payload = data.encode("utf-8") if isinstance(data, str) else data
    try:
        fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".part")
    except OSError as exc:
        raise SnapshotError(f"cannot write beside {str(target)!r}: {exc.strerror}") from exc
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(payload)
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, target)
    except OSError as exc:
        raise SnapshotError(f"cannot write {str(target)!r}: {exc.strerror}") from exc
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)
    return target


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
    page = browser.new_page(width, height, scale, offline=offline)
    timeout = timeout_s * 1000
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    try:
        page.set_default_timeout(timeout)
        # From a file, not set_content(): a page of many MB crosses the driver protocol slowly.
        with tempfile.TemporaryDirectory(prefix="cem-snapshot-") as tmp:
            path = Path(tmp) / "map.html"
            path.write_text(page_html, encoding="utf-8")
            page.goto(path.as_uri(), wait_until="load", timeout=timeout)
        page.evaluate(_READY_JS, map_name)
        handle = page.wait_for_function("() => window.__cemReady", timeout=timeout)
        state = handle.json_value()
        if state is not True:
            raise SnapshotError(f"the map did not start in the browser: {state}")
        if errors:
            raise SnapshotError(f"the map page failed in the browser: {errors[0]}")
        return page.screenshot(type="png", timeout=timeout, full_page=False)
    except SnapshotError:
        raise
    except Exception as exc:
        name = type(exc).__name__
        first = (str(exc).strip().splitlines() or [name])[0]
        if "Timeout" in name or "Timeout" in first:
            raise SnapshotError(f"the browser did not finish the map within {timeout_s:g} s ({first})") from exc
        raise SnapshotError(f"the browser failed while rendering the map: {first}") from exc
    finally:
        try:
            page.context.close()
        except Exception:
            pass


def _with_browser(browser: Browser | None, work: Callable[[Browser], object]):
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
    return _with_browser(
        browser,
        lambda b: capture(
            b, page, name, width=view.width, height=view.height, scale=view.scale,
            offline=view.basemap == "offline", timeout_s=timeout_s,
        ),
    )


# --- animation -----------------------------------------------------------------------------

def periods(date_from: str | date, date_to: str | date, step: str = "day") -> list[tuple[date, date]]:
    """Consecutive [start, end] windows of one day or one week covering the range."""
    if step not in ("day", "week"):
        raise SnapshotError(f"step must be day or week: {step!r}")
    try:
        start = date.fromisoformat(str(date_from))
        end = date.fromisoformat(str(date_to))
    except ValueError:
        raise SnapshotError(f"dates must be YYYY-MM-DD: {date_from!r}, {date_to!r}") from None
    if end < start:
        raise SnapshotError(f"the range ends before it starts: {date_from!r} > {date_to!r}")
    length = 1 if step == "day" else 7
    out = []
    while start <= end:
        out.append((start, min(start + timedelta(days=length - 1), end)))
        start += timedelta(days=length)
    if len(out) > 1000:
        raise SnapshotError(f"{len(out)} frames is too many (at most 1000): use --step week or a shorter range")
    return out


def _in_window(events: pd.DataFrame, start: date, end: date, cumulative: bool) -> pd.DataFrame:
    if len(events) == 0 or "date_start" not in events:
        return events
    first = events["date_start"].astype(str)
    last = events["date_end"].astype(str).where(events["date_end"].astype(str) > "", first) if "date_end" in events else first
    lo, hi = start.isoformat(), end.isoformat()
    keep = first <= hi if cumulative else (first <= hi) & (last >= lo)
    return events.loc[keep]


def _stamp(png: bytes, text: str):
    """The frame with its date drawn in the top-left corner (beside Leaflet's zoom buttons)."""
    from PIL import Image, ImageDraw, ImageFont

    image = Image.open(io.BytesIO(png)).convert("RGB")
    size = max(16, image.width // 40)
    font = ImageFont.load_default(size=size)
    draw = ImageDraw.Draw(image)
    x, y = size * 4, size // 2
    box = draw.textbbox((x, y), text, font=font)
    draw.rectangle((box[0] - 8, box[1] - 6, box[2] + 8, box[3] + 6), fill=(255, 255, 255))
    draw.text((x, y), text, fill=(20, 20, 20), font=font)
    return image


def render_frames(
    events: pd.DataFrame,
    view: View,
    date_from: str,
    date_to: str,
    *,
    step: str = "day",
    cumulative: bool = False,
    browser: Browser | None = None,
    timeout_s: float = DEFAULT_TIMEOUT_S,
) -> list:
    """One PIL image per day or week, each with its date stamped, all over the same view."""
    windows = periods(date_from, date_to, step)
    pixels = len(windows) * view.width * view.height * view.scale**2
    if pixels > MAX_ANIMATION_PIXELS:
        raise SnapshotError(
            f"{len(windows)} frames of {view.width}x{view.height} at scale {view.scale:g} are too large to hold in "
            "memory: use a smaller --size, --step week or a shorter range"
        )
    if view.bounds is None:
        whole = maps.events_in_view(events, None)
        view = replace(view, bounds=maps.data_bounds(whole))

    def work(b: Browser) -> list:
        frames = []
        for start, end in windows:
            label = start.isoformat() if step == "day" else f"{start.isoformat()} to {end.isoformat()}"
            subset = _in_window(events, start, end, cumulative)
            if cumulative:
                label = f"until {end.isoformat()}"
            png = render_png(subset, view, browser=b, timeout_s=timeout_s)
            frames.append(_stamp(png, label))
        return frames

    return _with_browser(browser, work)


def animation_bytes(frames: list, fmt: str = "gif", *, frame_ms: int = 600) -> bytes:
    """GIF through Pillow, or MP4 through imageio-ffmpeg (which ships its ffmpeg binary)."""
    if not frames:
        raise SnapshotError("no frames to write")
    buffer = io.BytesIO()
    if fmt == "gif":
        paletted = [_gif_frame(f) for f in frames]
        paletted[0].save(
            buffer, format="GIF", save_all=True, append_images=paletted[1:], duration=frame_ms, loop=0, optimize=False
        )
    elif fmt == "mp4":
        buffer.write(_mp4_bytes(frames, frame_ms))
    else:
        raise SnapshotError(f"animation format must be gif or mp4: {fmt!r}")
    return buffer.getvalue()


def _gif_frame(frame):
    """A paletted frame: a palette fitted to the frame, whose last entries are the type colours
    (fitted alone, small legend dots and markers drift towards the colours of larger areas)."""
    from PIL import Image

    keys = [*maps.EVENT_COLOURS.values(), maps.OTHER_COLOUR]
    fitted = frame.quantize(colors=256 - len(keys), method=Image.Quantize.MEDIANCUT)
    palette = fitted.getpalette()[: (256 - len(keys)) * 3]
    palette += [int(h[i : i + 2], 16) for h in keys for i in (1, 3, 5)]
    holder = Image.new("P", (1, 1))
    holder.putpalette(palette)
    return frame.quantize(palette=holder, dither=Image.Dither.NONE)


def _mp4_bytes(frames: list, frame_ms: int) -> bytes:
    try:
        import imageio.v3 as iio
        import imageio_ffmpeg  # noqa: F401  (the ffmpeg binary ships in this package)
        import numpy as np
    except ImportError:
        raise SnapshotError("MP4 needs the imageio-ffmpeg package: pip install imageio-ffmpeg (or use --format gif)") from None
    # H.264 wants even sides.
    arrays = [np.asarray(f)[: f.height // 2 * 2, : f.width // 2 * 2] for f in frames]
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "timeline.mp4"
        iio.imwrite(path, arrays, fps=1000 / frame_ms, codec="libx264", plugin="FFMPEG", macro_block_size=1)
        return path.read_bytes()


# --- one call for the CLI and the app ------------------------------------------------------

def render(
    events: pd.DataFrame,
    fmt: str = "png",
    *,
    view: View = View(),
    date_from: str | None = None,
    date_to: str | None = None,
    step: str = "day",
    cumulative: bool = False,
    browser: Browser | None = None,
    timeout_s: float = DEFAULT_TIMEOUT_S,
) -> bytes:
    """The snapshot's bytes (PNG, standalone HTML, GIF or MP4), e.g. for a download button."""
    if fmt == "html":
        return standalone_html(events, view)[0].encode("utf-8")
    if fmt == "png":
        return render_png(events, view, browser=browser, timeout_s=timeout_s)
    if fmt not in FORMATS:
        raise SnapshotError(f"unknown snapshot format {fmt!r} (one of {', '.join(FORMATS)})")
    date_from, date_to = _animation_range(events, date_from, date_to)
    frames = render_frames(
        events, view, date_from, date_to, step=step, cumulative=cumulative, browser=browser, timeout_s=timeout_s
    )
    return animation_bytes(frames, fmt)


def snapshot(events: pd.DataFrame, out: str | os.PathLike, *, fmt: str | None = None, **options) -> Path:
    """Write a snapshot of `events` to `out` (format from `fmt` or the suffix); options as render().

    The path is checked before rendering and written atomically after it.
    """
    target, fmt = check_output(out, fmt)
    return atomic_write(target, render(events, fmt, **options))


def _animation_range(events: pd.DataFrame, date_from: str | None, date_to: str | None) -> tuple[str, str]:
    if date_from and date_to:
        return date_from, date_to
    if len(events) == 0 or "date_start" not in events:
        raise SnapshotError("an animation of no events needs --from and --to")
    starts = events["date_start"].astype(str)
    ends = events["date_end"].astype(str) if "date_end" in events else starts
    return date_from or starts.min(), date_to or max(ends.max(), starts.max())
