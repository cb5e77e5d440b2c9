"""Animated timelines of the map: one frame per day or week, the date stamped on each, as GIF or MP4.

kepler.gl users have asked for this for years. Each frame is the snapshot map of the events of
its window (or of all events so far), over one fixed view, photographed by one browser page.
"""

from __future__ import annotations

import io
import tempfile
from datetime import date, timedelta
from pathlib import Path

import pandas as pd

from geo.render import maps
from geo.render.browser import Browser
from geo.errors import SnapshotError
from geo.render.snapshot import DEFAULT_TIMEOUT_S, Shooter, View, picture_bounds, standalone_html, with_browser

__all__ = ["MAX_ANIMATION_PIXELS", "periods", "date_range", "render_frames", "animation_bytes"]

MAX_ANIMATION_PIXELS = 400e6  # frames are held as RGB images until written: ~1.2 GB


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


def _frame(png: bytes):
    from PIL import Image

    return Image.open(io.BytesIO(png)).convert("RGB")


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
    """One PIL image per day or week, all over the same extent, each with the furniture of a
    snapshot and its dates under the title."""
    windows = periods(date_from, date_to, step)
    pixels = len(windows) * view.width * view.height * view.scale**2
    if pixels > MAX_ANIMATION_PIXELS:
        raise SnapshotError(
            f"{len(windows)} frames of {view.width}x{view.height} at scale {view.scale:g} are too large to hold in "
            "memory: use a smaller --size, --step week or a shorter range"
        )
    bounds = picture_bounds(events, view)  # of all the frames' events: the extent does not jump

    def work(b: Browser) -> list:
        frames = []
        with Shooter(b, view.width, view.height, view.scale, view.basemap == "offline", timeout_s) as shooter:
            for start, end in windows:
                label = start.isoformat() if step == "day" else f"{start.isoformat()} to {end.isoformat()}"
                if cumulative:
                    label = f"until {end.isoformat()}"
                page, name = standalone_html(
                    _in_window(events, start, end, cumulative), view, still=True, stamp=f"Frame: {label}", bounds=bounds
                )
                frames.append(_frame(shooter.shoot(page, name)))
        return frames

    return with_browser(browser, work)


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


def date_range(events: pd.DataFrame, date_from: str | None, date_to: str | None) -> tuple[str, str]:
    """The animation's range: the given dates, else the events' first and last day."""
    if date_from and date_to:
        return date_from, date_to
    if len(events) == 0 or "date_start" not in events:
        raise SnapshotError("an animation of no events needs --from and --to")
    starts = events["date_start"].astype(str)
    ends = events["date_end"].astype(str) if "date_end" in events else starts
    return date_from or starts.min(), date_to or max(ends.max(), starts.max())
