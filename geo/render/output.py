"""A snapshot as bytes or as a file, in any of its formats: one still (PNG, PDF, HTML) or a timeline (GIF, MP4).

The one call the CLI and the app make; it dispatches to geo.render.snapshot and geo.render.animation.
"""

from __future__ import annotations

import os
from pathlib import Path

import pandas as pd

from geo.errors import SnapshotError
from geo.files import atomic_write
from geo.render import animation
from geo.render.browser import Browser
from geo.render.snapshot import DEFAULT_TIMEOUT_S, View, render_png, standalone_html

__all__ = ["SNAPSHOT_FORMATS", "check_output", "render", "snapshot"]

SNAPSHOT_FORMATS = ("png", "pdf", "html", "gif", "mp4")


def check_output(path: str | os.PathLike, fmt: str | None = None) -> tuple[Path, str]:
    """The target path and its format; fails before any rendering when it cannot be written."""
    target = Path(path)
    fmt = (fmt or target.suffix.lstrip(".")).lower()
    if fmt not in SNAPSHOT_FORMATS:
        raise SnapshotError(f"unknown snapshot format (use --format {'|'.join(SNAPSHOT_FORMATS)} or a .png/.pdf/.html/.gif/.mp4 name): {str(path)!r}")
    parent = target.parent
    if not parent.is_dir():
        raise SnapshotError(f"output folder does not exist: {str(parent)!r}")
    if target.is_dir():
        raise SnapshotError(f"output path is a folder: {str(target)!r}")
    if not os.access(parent, os.W_OK) or (target.exists() and not os.access(target, os.W_OK)):
        raise SnapshotError(f"output path is not writable: {str(target)!r}")
    return target, fmt


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
    """The snapshot's bytes (PNG, PDF, standalone HTML, GIF or MP4), e.g. for a download button."""
    if fmt == "html":
        return standalone_html(events, view)[0].encode("utf-8")
    if fmt in ("png", "pdf"):
        return render_png(events, view, browser=browser, timeout_s=timeout_s, pdf=fmt == "pdf")
    if fmt not in SNAPSHOT_FORMATS:
        raise SnapshotError(f"unknown snapshot format {fmt!r} (one of {', '.join(SNAPSHOT_FORMATS)})")
    date_from, date_to = animation.date_range(events, date_from, date_to)
    frames = animation.render_frames(
        events, view, date_from, date_to, step=step, cumulative=cumulative, browser=browser, timeout_s=timeout_s
    )
    return animation.animation_bytes(frames, fmt)


def snapshot(events: pd.DataFrame, out: str | os.PathLike, *, fmt: str | None = None, **options) -> Path:
    """Write a snapshot of `events` to `out` (format from `fmt` or the suffix); options as render().

    The path is checked before rendering and written atomically after it.
    """
    target, fmt = check_output(out, fmt)
    data = render(events, fmt, **options)
    try:
        return atomic_write(target, data)
    except OSError as exc:
        raise SnapshotError(f"cannot write {str(target)!r}: {exc.strerror or exc}") from None
