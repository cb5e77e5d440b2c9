"""geo.views: filters <-> URL, sidebar values, timeline steps, viewport boxes, clicks, escaped highlights."""

from __future__ import annotations

from datetime import date

import pandas as pd
import pytest

from geo.render import html

from geo.ui import export, first_start, timeline, uploads, url_state, viewport
from geo.records import EventFilter, Mention
from geo.store.store import Store

SPAN = ("2017-12-15", "2018-03-18")
D = date.fromisoformat


# --- URL parameters --------------------------------------------------------------------------

@pytest.mark.parametrize(
    "flt, params",
    [
        (EventFilter(), {}),
        (EventFilter(date_from="2018-01-01", date_to="2018-02-01"), {"from": "2018-01-01", "to": "2018-02-01"}),
        (EventFilter(actors=("YPG", "Military Forces of Turkey")), {"actor": ["YPG", "Military Forces of Turkey"]}),
        (EventFilter(event_types=("Battles",), countries=("SY",)), {"type": ["Battles"], "country": ["SY"]}),
        (EventFilter(text="Afrin & <b>"), {"q": "Afrin & <b>"}),
    ],
)
def test_filter_round_trips_through_the_url(flt, params):
    assert url_state.filter_to_params(flt) == params
    assert url_state.filter_from_params(params) == flt


@pytest.mark.parametrize(
    "params, expected",
    [
        ({"from": "yesterday", "to": "2018-13-45"}, EventFilter()),  # malformed dates are dropped
        ({"from": "2018-03-01", "to": "2018-01-01"}, EventFilter(date_from="2018-01-01", date_to="2018-03-01")),
        ({"actor": "YPG"}, EventFilter(actors=("YPG",))),  # a single value is a str
        ({"actor": ["YPG", "YPG", " "]}, EventFilter(actors=("YPG",))),
        ({"q": "  Idlib "}, EventFilter(text="Idlib")),
        ({"zoom": "7", "event": "abc"}, EventFilter()),  # not filter keys
    ],
)
def test_filter_from_hand_edited_urls(params, expected):
    assert url_state.filter_from_params(params) == expected


# --- sidebar widgets -----------------------------------------------------------------------

@pytest.mark.parametrize(
    "flt, dates",
    [
        (EventFilter(), (D("2017-12-15"), D("2018-03-18"))),
        (EventFilter(date_from="2018-01-20"), (D("2018-01-20"), D("2018-03-18"))),
        (EventFilter(date_from="2010-01-01", date_to="2030-01-01"), (D("2017-12-15"), D("2018-03-18"))),  # clamped
    ],
)
def test_widget_values_clamp_dates_to_the_data(flt, dates):
    assert url_state.widget_values(flt, SPAN)["dates"] == dates


@pytest.mark.parametrize(
    "dates, expected_from, expected_to",
    [
        ((D("2017-12-15"), D("2018-03-18")), None, None),  # the whole span is no date filter
        ((D("2018-01-01"), D("2018-03-18")), "2018-01-01", None),
        ((D("2018-01-01"), D("2018-01-31")), "2018-01-01", "2018-01-31"),
    ],
)
def test_widgets_make_the_filter(dates, expected_from, expected_to):
    flt = url_state.filter_from_widgets(dates, ["YPG"], ["Battles"], [], " Afrin ", span=SPAN)
    assert (flt.date_from, flt.date_to) == (expected_from, expected_to)
    assert flt.actors == ("YPG",) and flt.event_types == ("Battles",) and flt.text == "Afrin"


def test_options_keep_what_the_url_asked_for():
    assert url_state.options_with(["b", "A", ""], ["zz"]) == ["A", "b", "zz"]


# --- timeline -------------------------------------------------------------------------------

SPAN_D = (D("2018-01-01"), D("2018-01-20"))


@pytest.mark.parametrize(
    "window, step, mode, expected",
    [
        ((D("2018-01-01"), D("2018-01-01")), "day", "cumulative", (D("2018-01-01"), D("2018-01-02"))),
        ((D("2018-01-01"), D("2018-01-07")), "week", "cumulative", (D("2018-01-01"), D("2018-01-14"))),
        ((D("2018-01-01"), D("2018-01-07")), "week", "window", (D("2018-01-08"), D("2018-01-14"))),
        ((D("2018-01-08"), D("2018-01-14")), "week", "window", (D("2018-01-14"), D("2018-01-20"))),  # last frame is shorter
        ((D("2018-01-10"), D("2018-01-20")), "day", "window", None),  # at the end
    ],
)
def test_play_step(window, step, mode, expected):
    assert timeline.play_step(window, SPAN_D, step, mode) == expected


@pytest.mark.parametrize(
    "window, step, mode, expected",
    [
        ((D("2018-01-05"), D("2018-01-20")), "week", "cumulative", (D("2018-01-01"), D("2018-01-07"))),
        ((D("2018-01-05"), D("2018-01-08")), "week", "window", (D("2018-01-01"), D("2018-01-07"))),
        ((D("2018-01-05"), D("2018-01-20")), "day", "window", (D("2018-01-01"), D("2018-01-16"))),  # keeps its width
    ],
)
def test_play_start(window, step, mode, expected):
    assert timeline.play_start(window, SPAN_D, step, mode) == expected


def test_timeline_frame_marks_the_window():
    counts = pd.DataFrame({"day": ["2018-01-01", "2018-01-05", "2018-01-09"], "event_type": ["Battles"] * 3, "n": [1, 2, 3]})
    frame = timeline.timeline_frame(counts, (D("2018-01-02"), D("2018-01-09")))
    assert frame["shown"].tolist() == [False, True, True]


# --- map ------------------------------------------------------------------------------------

def _bounds(s, w, n, e):
    return {"_southWest": {"lat": s, "lng": w}, "_northEast": {"lat": n, "lng": e}}


def test_view_box_contains_the_view_with_a_margin():
    s, w, n, e = viewport.view_box(_bounds(35.1, 36.2, 36.3, 37.9))
    assert s < 35.1 - 0.5 and w < 36.2 - 0.5 and n > 36.3 + 0.5 and e > 37.9 + 0.5


def test_view_box_is_stable_under_a_small_pan():
    assert viewport.view_box(_bounds(35.1, 36.2, 36.3, 37.9)) == viewport.view_box(_bounds(35.12, 36.23, 36.32, 37.93))


@pytest.mark.parametrize(
    "bounds",
    [None, {}, _bounds(None, None, None, None), _bounds(-80, -180, 80, 180), _bounds(10, 10, 10, 10)],
)
def test_no_usable_view_means_no_box(bounds):
    assert viewport.view_box(bounds) is None
    assert viewport.viewport_filter(EventFilter(actors=("YPG",)), bounds) == EventFilter(actors=("YPG",))


def test_viewport_filter_asks_the_store_for_the_view_only(tmp_path):
    from conftest import EVENTS

    with Store(tmp_path / "events.db") as store:
        store.add_many(EVENTS)
        afrin = viewport.viewport_filter(EventFilter(), _bounds(36.45, 36.80, 36.55, 36.95))
        assert set(store.query(afrin)["event_id"]) == {"e2", "e5"}  # Afrin and nearby Jinderes, not Idlib


EVENTS_DF = pd.DataFrame(
    {"event_id": ["a", "b"], "lat": [35.65, 36.51], "lon": [36.67, 36.87]}
)


@pytest.mark.parametrize(
    "clicked, expected",
    [
        (None, None),
        ({"type": "Feature", "properties": {"event_id": "b"}, "geometry": {"type": "Point", "coordinates": [36.87, 36.51]}}, "b"),
        ({"type": "Feature", "properties": {"count": 12}, "geometry": {"type": "Point", "coordinates": [36.87, 36.51]}}, None),
        ({"type": "Feature", "properties": {"event_id": "gone"}}, None),
        ({"lat": 35.66, "lng": 36.68}, "a"),
        ({"lat": 10.0, "lng": 10.0}, None),
    ],
)
def test_pick_event(clicked, expected):
    assert viewport.pick_event(EVENTS_DF, clicked) == expected


# --- text -----------------------------------------------------------------------------------

def test_highlight_escapes_everything_and_marks_mentions():
    text = 'Shelling hit <Afrin> & "Jinderes" <script>alert(1)</script>'
    mentions = [Mention("<Afrin>", 13, 20, "place"), Mention("Jinderes", 24, 32, "place", value="Jindayris")]
    out = html.highlight_html(text, mentions)
    assert "<script>" not in out and "&lt;script&gt;" in out
    assert '<mark class="place" title="place: &lt;Afrin&gt;">&lt;Afrin&gt;</mark>' in out
    assert 'title="place: Jindayris">Jinderes</mark>' in out


def test_highlight_skips_overlaps_and_bad_spans():
    text = "Maaret al-Numan"
    mentions = [Mention("Maaret", 0, 6, "place"), Mention(text, 0, 15, "place"), Mention("x", 10, 99, "actor")]
    assert html.highlight_html(text, mentions).count("<mark") == 1


def test_highlight_place_is_case_blind():
    assert html.highlight_place("Near afrin, <b>", "Afrin") == 'Near <mark class="place" title="place: afrin">afrin</mark>, &lt;b&gt;'


# --- uploads and first start ----------------------------------------------------------------

def test_upload_keeps_good_rows_and_names_the_bad_ones():
    data = b'date,text\n2018-01-20,"Turkey launched an operation on Afrin."\nnot a date,"Shelling."\n'
    articles, errors = uploads.upload_to_articles("corpus.csv", data)
    assert [a.date for a in articles] == ["2018-01-20"]
    assert articles[0].path.startswith("corpus.csv")
    assert len(errors) == 1 and errors[0].startswith("corpus.csv") and "/tmp" not in errors[0]


class _FakeStore:
    def __init__(self, n):
        self.n, self.ingested = n, None

    def count(self, flt):
        return self.n


def _fake_ingest(store, paths, gazetteer, progress=None):
    store.ingested = (paths, gazetteer)
    store.n = len(paths)
    return "report"


def test_ensure_ready_seeds_an_empty_store_only(tmp_path, monkeypatch):
    monkeypatch.setattr("geo.pipeline.ingest", _fake_ingest)
    (tmp_path / "001.txt").write_text("date 2018-01-20 text")
    (tmp_path / ".hidden").write_text("x")
    opened = []
    empty = _FakeStore(0)
    report = first_start.ensure_ready(empty, lambda: opened.append(1) or "gaz", seeds=tmp_path)
    assert report == first_start.ReadyReport(events=1, seeded="report")
    assert empty.ingested == ([tmp_path / "001.txt"], "gaz")
    full = _FakeStore(5)
    assert first_start.ensure_ready(full, lambda: opened.append(2), seeds=tmp_path) == first_start.ReadyReport(events=5)
    assert opened == [1], "a store with events never opens the gazetteer"


def test_timeline_frame_bins_years_by_month():
    days = pd.date_range("2012-01-01", "2025-12-31", freq="D").strftime("%Y-%m-%d")
    counts = pd.DataFrame({"day": days, "event_type": "Battles", "n": 1})
    frame = timeline.timeline_frame(counts, (D("2018-01-01"), D("2018-12-31")))
    assert len(frame) == 14 * 12 and frame["n"].sum() == len(days)
    assert frame[frame["shown"]]["day"].tolist()[0] == "2018-01-01"


@pytest.mark.parametrize("fmt, marker", [("csv", "event_id,"), ("geojson", '"FeatureCollection"'), ("kml", "<kml")])
def test_export_text(fmt, marker):
    from conftest import EVENTS

    frame = pd.DataFrame([e.to_dict() for e in EVENTS]).assign(n_sources=1)
    text = export.export_text(frame, fmt)
    assert marker in text and "Jinderes" in text


@pytest.mark.parametrize(
    "text",
    ["![x](http://e.org/i.png)", "[link](javascript:alert(1))", "**bold** _it_ `code`", "www.example.org :smile:", "# title"],
)
def test_md_text_leaves_no_markdown(text):
    escaped = html.md_text(text)
    assert all(escaped[i - 1] == "\\" for i, c in enumerate(escaped) if c in "![]()*_`:#." and i > 0)
    assert escaped.replace("\\", "") == text


# --- snapshot export ------------------------------------------------------------------------

@pytest.mark.parametrize(
    "preset, custom, expected",
    [
        ("1600x1000", "", (1600, 1000)),
        ("1080x1080", "400x300", (1080, 1080)),  # the custom field counts only for "custom"
        ("custom", "400x300", (400, 300)),
        ("custom", " 800 X 500 ", (800, 500)),
    ],
)
def test_export_size(preset, custom, expected):
    assert export.export_size(preset, custom) == expected


@pytest.mark.parametrize(
    "custom, message",
    [
        ("", "size must be WIDTHxHEIGHT"),
        ("400", "size must be WIDTHxHEIGHT"),
        ("wide x tall", "size must be WIDTHxHEIGHT"),
        ("0x300", "width must be .* from 64 to 8000: 0"),
        ("800x20000", "height must be .* from 64 to 8000: 20000"),
    ],
)
def test_export_size_rejects_bad_custom_sizes(custom, message):
    from geo.errors import SnapshotError

    with pytest.raises(SnapshotError, match=message):
        export.export_size("custom", custom)


@pytest.mark.parametrize(
    "flt, fmt, span, expected",
    [
        (EventFilter(), "png", SPAN, "conflict-map_2017-12-15_2018-03-18.png"),
        (EventFilter(date_from="2018-01-20", date_to="2018-02-28"), "gif", SPAN, "conflict-map_2018-01-20_2018-02-28.gif"),
        (EventFilter(date_to="2018-02-01"), "html", ("2017-12-15T08:00", "2018-03-18"), "conflict-map_2017-12-15_2018-02-01.html"),
        (EventFilter(), "mp4", None, "conflict-map_start_end.mp4"),
    ],
)
def test_export_file_name(flt, fmt, span, expected):
    assert export.export_file_name(flt, fmt, span) == expected


IDLIB = _bounds(35.0, 35.9, 36.9, 38.4)  # about 455 x 430 px at zoom 8


@pytest.mark.parametrize(
    "map_view, size, bounds, zoom",
    [
        (None, (1600, 1000), None, None),  # no view from the browser yet: all the events
        ({"bounds": IDLIB, "zoom": 8}, (1600, 1000), (35.0, 35.9, 36.9, 38.4), 8),  # the screen's view and zoom
        ({"bounds": IDLIB, "zoom": 8.0}, (400, 300), (35.0, 35.9, 36.9, 38.4), None),  # too small at zoom 8: fit it
        ({"bounds": _bounds(35.0, 395.9, 36.9, 398.4), "zoom": 8}, (1600, 1000), (35.0, 35.9, 36.9, 38.4), 8),  # panned round the world
        ({"bounds": {"_southWest": None}, "zoom": 8}, (1600, 1000), None, None),  # not Leaflet's: ignored
        ({"bounds": IDLIB, "zoom": 40}, (1600, 1000), None, None),
    ],
)
def test_export_view(map_view, size, bounds, zoom):
    view = export.export_view(map_view, width=size[0], height=size[1], basemap="offline", mode="cluster")
    assert (view.width, view.height, view.mode, view.zoom) == (*size, "cluster", zoom)
    assert view.bounds == (bounds and pytest.approx(bounds))


def test_export_view_raises_on_bad_options_whatever_the_view():
    from geo.errors import SnapshotError

    with pytest.raises(SnapshotError, match="scale"):
        export.export_view({"bounds": IDLIB, "zoom": 8}, width=1600, height=1000, scale=9.0)


def test_export_formats_and_long_animations():
    from conftest import EVENTS

    from geo.errors import SnapshotError

    assert export.export_formats()[:3] == ["png", "html", "gif"]
    events = pd.DataFrame([e.to_dict() for e in EVENTS])
    with pytest.raises(SnapshotError, match="too many for the app"):  # a year of days, refused before any rendering
        export.export_snapshot(events, EventFilter(date_from="2017-03-01", date_to="2018-03-01"), "gif", step="day")


@pytest.mark.parametrize(
    "view, expected",
    [
        (None, {}),
        ({}, {}),
        ({"zoom": 9, "center": {"lat": 36.5, "lng": 36.9}}, {"zoom": 9, "center": (36.5, 36.9)}),
        ({"zoom": 4, "center": {"lat": 10.0, "lng": 396.0}}, {"zoom": 4, "center": (10.0, 36.0)}),  # Leaflet wraps
        ({"zoom": "x", "center": {"lat": 1, "lng": 2}}, {}),
        ({"zoom": 9, "center": None}, {}),
        ({"zoom": 30, "center": {"lat": 1, "lng": 2}}, {}),
        ({"zoom": 9, "center": {"lat": 95, "lng": 2}}, {}),
    ],
)
def test_map_view_args_keep_the_users_view(view, expected):
    assert viewport.map_view_args(view) == expected
