"""geo.views: filters <-> URL, sidebar values, timeline steps, viewport boxes, clicks, escaped highlights."""

from __future__ import annotations

from dataclasses import replace

from datetime import date

import pandas as pd
import pytest

from geo.render import html

from geo.ui import export, first_start, tables, timeline, uploads, url_state, viewport
from geo.records import EventFilter, Mention

SPAN = ("2017-12-15", "2018-03-18")
APP = url_state.APP_DEFAULT  # what the map draws when the URL says nothing
D = date.fromisoformat


# --- URL parameters --------------------------------------------------------------------------

@pytest.mark.parametrize(
    "flt, params",
    [
        (APP, {}),
        (replace(APP, date_from="2018-01-01", date_to="2018-02-01"), {"from": "2018-01-01", "to": "2018-02-01"}),
        (replace(APP, actors=("YPG", "Military Forces of Turkey")), {"actor": ["YPG", "Military Forces of Turkey"]}),
        (replace(APP, event_types=("Battles",), countries=("SY",)), {"type": ["Battles"], "country": ["SY"]}),
        (replace(APP, text="Afrin & <b>"), {"q": "Afrin & <b>"}),
        (EventFilter(), {"country_level": "show", "background": "show"}),  # everything, as the CLI's default
    ],
)
def test_filter_round_trips_through_the_url(flt, params):
    assert url_state.filter_to_params(flt) == params
    assert url_state.filter_from_params(params) == flt


@pytest.mark.parametrize(
    "params, expected",
    [
        ({"from": "yesterday", "to": "2018-13-45"}, APP),  # malformed dates are dropped
        ({"from": "2018-03-01", "to": "2018-01-01"}, replace(APP, date_from="2018-01-01", date_to="2018-03-01")),
        ({"actor": "YPG"}, replace(APP, actors=("YPG",))),  # a single value is a str
        ({"actor": ["YPG", "YPG", " "]}, replace(APP, actors=("YPG",))),
        ({"q": "  Idlib "}, replace(APP, text="Idlib")),
        ({"zoom": "7", "event": "abc"}, APP),  # not filter keys
        ({"country_level": "hide"}, APP),  # older links: hidden is now the default
        ({"background": "show"}, replace(APP, scopes=())),
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


def _bounds(s, w, n, e):
    return {"_southWest": {"lat": s, "lng": w}, "_northEast": {"lat": n, "lng": e}}


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
    "value, expected",
    [
        (["2018-01-05", "2018-01-11"], (date(2018, 1, 5), date(2018, 1, 11))),
        (["2018-01-11", "2018-01-05"], (date(2018, 1, 5), date(2018, 1, 11))),  # either order
        (["2017-06-01", "2019-01-01"], (date(2018, 1, 1), date(2018, 3, 31))),  # clamped to the data
        (["2018-01-05"], None),
        (["soon", "2018-01-05"], None),
        (None, None),
        ("2018-01-05", None),
    ],
)
def test_dates_from_map(value, expected):
    assert timeline.dates_from_map(value, ("2018-01-01", "2018-03-31")) == expected


@pytest.mark.parametrize(
    "a, b, same",
    [
        (EventFilter(countries=("SY",)), EventFilter(countries=("SY",), date_from="2018-01-01", actors=("YPG",)), True),
        (EventFilter(countries=("SY",)), EventFilter(countries=("IQ",)), False),
        (EventFilter(), EventFilter(admin1=("Idlib",)), False),
        (EventFilter(), EventFilter(bbox=(35.0, 36.0, 37.0, 38.0)), False),
    ],
)
def test_fit_key_changes_with_the_area_only(a, b, same):
    assert (viewport.fit_key(a) == viewport.fit_key(b)) is same


@pytest.mark.parametrize(
    "flt, expected",
    [
        (EventFilter(country_level=False), {"town", "area"}),  # neither "country" nor "scoped"
        (EventFilter(precisions=(3,)), {"area", "country"}),
        (EventFilter(precisions=(2,)), {"scoped"}),
        (EventFilter(min_fatalities=3), {"town"}),
        (EventFilter(sub_event_types=("Armed clash",)), {"area"}),
        (EventFilter(sub_event_types=("Armed clash",), event_types=("Battles",), country_level=False), {"area"}),
    ],
)
def test_store_honours_the_detail_filters(tmp_path, flt, expected):
    from geo.records import Event
    from geo.store.store import Store

    rows = [  # a town with a toll, an admin-1 area at region precision, a whole country
        Event("town", "a1", "2018-01-05", "2018-01-05", "day", "Explosions/Remote violence", "Air/drone strike",
              "Military Forces of Syria", "", admin1="Idlib", country_code="SY", lat=35.6, lon=36.6, geo_precision=1, fatalities=5),
        Event("area", "a1", "2018-01-06", "2018-01-06", "day", "Battles", "Armed clash",
              "HTS", "", admin1="Idlib", country_code="SY", lat=35.8, lon=36.5, geo_precision=3, fatalities=1),
        Event("country", "a1", "2018-01-07", "2018-01-07", "day", "Strategic developments", "Agreement",
              "Government of Syria", "", admin1="", country_code="SY", lat=35.0, lon=38.5, geo_precision=3),
        Event("scoped", "a2", "2018-01-08", "2018-01-08", "day", "Protests", "Peaceful protest",  # the extractor's scope
              "Protesters (Syria)", "", admin1="Idlib", country_code="SY", lat=35.9, lon=36.6, geo_precision=2,
              scope="country"),
    ]
    with Store(tmp_path / "events.db") as store:
        store.add_many(rows, dedup=False)
        assert set(store.query(flt)["event_id"]) == expected
        assert store.count(flt) == len(expected)
        assert store.count_by_day(flt)["n"].sum() == len(expected)
    assert url_state.filter_from_params(url_state.filter_to_params(flt)) == flt, "the filter survives the URL"


@pytest.mark.parametrize(
    "text, expected",
    [
        ("", ["a", "b", "c"]),
        ("afrin", ["a", "c"]),
        ("AFRIN turkey", ["a"]),
        ("  ", ["a", "b", "c"]),
        ("nowhere", []),
        ("50%", []),  # not a pattern
    ],
)
def test_search_rows_narrows_the_table(text, expected):
    frame = pd.DataFrame({
        "event_id": ["a", "b", "c"],
        "location": ["Afrin", "Idlib", "Afrin"],
        "actor1": ["Military Forces of Turkey", "HTS", "YPG"],
        "fatalities": [1, 2, 3],
    })
    assert tables.search_rows(frame, text)["event_id"].tolist() == expected
