"""The timeline under the map: play/step windows and the per-day chart's frame."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta
from typing import Sequence

import pandas as pd

from geo.records import EventFilter

__all__ = ["STEPS", "PLAY_MODES", "play_start", "play_step", "without_dates", "timeline_frame"]


_STEPS = {"day": timedelta(days=1), "week": timedelta(days=7)}
STEPS = tuple(_STEPS)
PLAY_MODES = ("cumulative", "window")  # the range grows, or slides


def play_start(window: tuple[date, date], span: tuple[date, date], step: str, mode: str) -> tuple[date, date]:
    """The first frame of a play: from the start of the data, one step long or as wide as the window."""
    lo, hi = span
    if mode == "cumulative":
        return lo, min(lo + _STEPS[step] - timedelta(days=1), hi)
    width = max(window[1] - window[0], _STEPS[step] - timedelta(days=1))
    return lo, min(lo + width, hi)


def play_step(window: tuple[date, date], span: tuple[date, date], step: str, mode: str) -> tuple[date, date] | None:
    """The next frame after `window`, or None once the end of the data is shown.

    "cumulative" keeps the start and grows the end; "window" slides both ends by one step.
    """
    start, end = window
    hi = span[1]
    if end >= hi:
        return None
    delta = _STEPS[step]
    new_end = min(end + delta, hi)
    if mode == "cumulative":
        return start, new_end
    return start + (new_end - end), new_end


def without_dates(flt: EventFilter) -> EventFilter:
    """The filter over the whole span: the timeline chart shows where the window sits in it."""
    return replace(flt, date_from=None, date_to=None)


def timeline_frame(counts: pd.DataFrame, window: Sequence[date], max_bars: int = 400) -> pd.DataFrame:
    """Store.count_by_day rows as chart rows (day, event_type, n, shown: inside the date window).

    Years of data are binned by week or month so the chart stays a few hundred bars.
    """
    if counts is None or counts.empty:
        return pd.DataFrame(columns=["day", "event_type", "n", "shown"])
    days = pd.to_datetime(counts["day"])
    extent = (days.max() - days.min()).days + 1
    if extent > max_bars * 7:
        days = days.dt.to_period("M").dt.start_time
    elif extent > max_bars:
        days = days.dt.to_period("W-SUN").dt.start_time
    out = counts.assign(day=days.dt.strftime("%Y-%m-%d")).groupby(["day", "event_type"], as_index=False)["n"].sum()
    lo, hi = window[0].isoformat(), window[-1].isoformat()
    out["shown"] = (out["day"] >= lo) & (out["day"] <= hi)
    return out
