"""Timeline frames: which windows, which events in each, and what is refused before rendering."""

from __future__ import annotations

from datetime import date

import pytest

from geo.render import animation, snapshot
from geo.errors import SnapshotError


@pytest.mark.parametrize(
    "start, end, step, expected",
    [
        ("2018-01-01", "2018-01-01", "day", [("2018-01-01", "2018-01-01")]),
        ("2018-01-30", "2018-02-02", "day", [("2018-01-30",) * 2, ("2018-01-31",) * 2, ("2018-02-01",) * 2, ("2018-02-02",) * 2]),
        ("2018-01-01", "2018-01-10", "week", [("2018-01-01", "2018-01-07"), ("2018-01-08", "2018-01-10")]),
    ],
)
def test_periods(start, end, step, expected):
    got = [(a.isoformat(), b.isoformat()) for a, b in animation.periods(start, end, step)]
    assert got == expected


@pytest.mark.parametrize(
    "start, end, step, message",
    [
        ("2018-02-03", "2018-01-01", "day", "ends before"),
        ("2018-13-01", "2018-12-01", "day", "YYYY-MM-DD"),
        ("2018-01-01", "2018-02-01", "month", "day or week"),
        ("2000-01-01", "2018-01-01", "day", "too many"),
    ],
)
def test_bad_animation_ranges(start, end, step, message):
    with pytest.raises(SnapshotError, match=message):
        animation.periods(start, end, step)


def test_an_animation_too_large_for_memory_is_refused(seed_frame):
    with pytest.raises(SnapshotError, match="too large"):
        animation.render_frames(seed_frame, snapshot.View(width=4000, height=4000), "2018-01-01", "2018-03-31")


def test_window_and_cumulative_frames_pick_the_right_events(seed_frame):
    day = date(2018, 2, 3)
    assert list(animation._in_window(seed_frame, day, day, False)["event_id"]) == ["seed-1"]
    assert len(animation._in_window(seed_frame, day, day, True)) == 4


@pytest.mark.parametrize(
    "given, expected",
    [((None, None), ("2018-01-20", "2018-02-03")), (("2018-01-01", None), ("2018-01-01", "2018-02-03"))],
)
def test_date_range_defaults_to_the_events_span(seed_frame, given, expected):
    assert animation.date_range(seed_frame, *given) == expected


def test_date_range_of_no_events_needs_dates(seed_frame):
    with pytest.raises(SnapshotError, match="--from and --to"):
        animation.date_range(seed_frame.iloc[:0], None, None)
