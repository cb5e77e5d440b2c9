"""AppTest for every page: each loads without exception, and the filters change what is shown.

The store is a temporary file holding a handful of known events, so the tests need neither the
gazetteer nor the extraction pipeline (pages that need the gazetteer are tested with a stub).
"""

from __future__ import annotations

from datetime import date

import pytest
from streamlit.testing.v1 import AppTest

from conftest import EVENTS, SEED_ARTICLE
from geo.records import Event
from geo.settings import PROJECT_ROOT
from geo.store.store import Store

APP = str(PROJECT_ROOT / "app.py")
TIMEOUT = 30



@pytest.fixture()
def app_env(tmp_path, monkeypatch, basemap_tiles):
    """A data dir with a store of EVENTS; Streamlit's caches emptied so nothing leaks between tests.

    AppTest starts every run as a new server process would: in Streamlit's folder-page mode,
    which `common.use_router` leaves with a rerun that would swallow a button click. Here AppTest
    resets that flag on a subclass, so runs are like a server's runs after its first.
    """
    import streamlit as st
    from streamlit.runtime.pages_manager import PagesManager
    from streamlit.testing.v1 import app_test

    monkeypatch.setattr(app_test, "PagesManager", type("PagesAfterFirstRun", (PagesManager,), {}))
    monkeypatch.setattr(PagesManager, "uses_pages_directory", False)

    monkeypatch.setenv("GEO_DATA_DIR", str(tmp_path))
    monkeypatch.setenv("GEO_DB", str(tmp_path / "events.db"))
    monkeypatch.setenv("GEO_BASEMAP", str(basemap_tiles))  # built once into data/, not per test
    with Store() as store:
        store.add_many(EVENTS)
    st.cache_data.clear()
    st.cache_resource.clear()
    yield tmp_path
    st.cache_data.clear()
    st.cache_resource.clear()


def _run(page: str | None = None, **params) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=TIMEOUT)
    at.query_params.update(params)
    at.run()
    if page:
        at.switch_page(page).run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def _shown(at: AppTest) -> int:
    """The number of events the map page says it shows ("### 5 events")."""
    head = next(m.value for m in at.markdown if m.value.startswith("### "))
    return int(head.split()[1].replace(",", ""))


@pytest.mark.parametrize("page", ["pages/map.py", "pages/events.py", "pages/articles.py", "pages/gazetteer.py", "pages/about.py"])
def test_every_page_loads(app_env, page):
    at = _run(page)
    assert at.sidebar.multiselect, "the shared sidebar is on every page"


@pytest.mark.parametrize(
    "widget, value, expected",
    [
        ("f_types", ["Battles"], 3),
        ("f_actors", ["YPG"], 2),
        ("f_text", "Maaret", 2),
        ("f_dates", (date(2018, 1, 20), date(2018, 1, 31)), 2),
    ],
)
def test_filter_changes_the_map(app_env, widget, value, expected):
    at = _run()
    assert _shown(at) == len(EVENTS)
    (at.text_input if widget == "f_text" else at.slider if widget == "f_dates" else at.multiselect)(key=widget).set_value(value).run()
    assert not at.exception
    assert _shown(at) == expected


@pytest.mark.parametrize(
    "widget, kind, value, expected, param, url_value",
    [
        ("f_admin1", "multiselect", ["Idlib"], 3, "admin1", ["Idlib"]),
        ("f_subs", "multiselect", ["Armed clash"], 3, "sub", ["Armed clash"]),
        ("f_dead", "number_input", 2, 2, "dead", ["2"]),
        ("f_precision", "pills", ["near a town"], 2, "precision", ["2"]),
        ("f_country_level", "toggle", True, 5, "country_level", ["show"]),
        ("f_background", "toggle", True, 5, "background", ["show"]),
    ],
)
def test_more_filters_change_the_map_and_the_url(app_env, widget, kind, value, expected, param, url_value):
    at = _run()
    element = at.get(kind) if kind in ("pills", "toggle") else getattr(at, kind)
    (next(e for e in element if e.key == widget) if kind in ("pills", "toggle") else element(key=widget)).set_value(value).run()
    assert not at.exception, [e.value for e in at.exception]
    assert _shown(at) == expected
    got = at.query_params[param]
    assert ([got] if isinstance(got, str) else list(got)) == url_value
    again = _run(**at.query_params)  # the shared link restores the filter
    assert _shown(again) == expected


def test_actor_options_are_single_actors(app_env):
    with Store() as store:
        store.add_many([Event("e6", "a5", "2018-03-02", "2018-03-02", "day", "Battles", "Armed clash",
                              "YPG; Military Forces of Turkey", "HTS", place="Afrin", location="Afrin", admin1="Aleppo",
                              country_code="SY", lat=36.51, lon=36.87, geo_precision=1, sentence="Clashes near Afrin.")])
    at = _run()
    options = at.multiselect(key="f_actors").options
    assert "YPG" in options and "Military Forces of Turkey" in options
    assert not any(";" in o for o in options), options
    at.multiselect(key="f_actors").set_value(["YPG"]).run()
    assert _shown(at) == 3, "YPG's two events and the one it shares a side in"


def test_filter_changes_the_events_table(app_env):
    at = _run("pages/events.py")
    assert len(at.dataframe[0].value) == len(EVENTS)
    at.multiselect(key="f_types").set_value(["Strategic developments"]).run()
    assert len(at.dataframe[0].value) == 1


@pytest.mark.parametrize("search, rows", [("Maaret", 2), ("jinderes turkish", 1), ("", 5)])
def test_events_page_search_filters_rows(app_env, search, rows):
    at = _run("pages/events.py")
    at.text_input(key="ev_search").set_value(search).run()
    assert not at.exception
    assert len(at.dataframe[0].value) == rows


def test_filters_go_to_the_url_and_come_back(app_env):
    at = _run()
    at.multiselect(key="f_actors").set_value(["YPG", "HTS"]).run()
    at.text_input(key="f_text").set_value("Afrin").run()
    assert at.query_params["actor"] == ["YPG", "HTS"] and at.query_params["q"] == "Afrin"
    again = _run(**at.query_params)  # a fresh session opening the shared link
    assert again.multiselect(key="f_actors").value == ["YPG", "HTS"]
    assert again.text_input(key="f_text").value == "Afrin"
    assert _shown(again) == 1


def test_link_with_bad_values_still_opens(app_env):
    at = _run(**{"from": "not-a-date", "type": "No such type", "actor": "Nobody"})
    assert _shown(at) == 0  # an unknown actor matches nothing, but the page works
    assert at.multiselect(key="f_actors").value == ["Nobody"]


def test_articles_page_reports_a_bad_upload(app_env):
    at = _run("pages/articles.py")
    at.text_area(key="art_text").set_value("no date line here, only text").run()
    assert not at.exception
    assert any("no date" in e.value for e in at.error)


@pytest.fixture()
def with_gazetteer(app_env, gazetteer, monkeypatch):
    """The real gazetteer, linked into the temp data dir so user entries land there, not in data/."""
    link = app_env / "gazetteer.sqlite"
    link.symlink_to(gazetteer.path)
    monkeypatch.setenv("GEO_GAZETTEER", str(link))
    return app_env


def test_articles_page_previews_escaped_text_and_saves(with_gazetteer):
    text = SEED_ARTICLE.read_text(encoding="utf-8") + "\n\nA note <script>alert('x')</script> from Idlib."
    at = _run("pages/articles.py")
    at.text_input(key="art_title").set_value("![x](http://evil.example/p.png)")
    at.text_area(key="art_text").set_value(text).run()
    assert not at.exception and not at.error
    assert "\\!\\[x\\]\\(http\\:" in at.expander[0].label, "an article's title is shown, not fetched"
    preview = " ".join(h.proto.body for h in at.get("html"))
    assert '<mark class="place"' in preview and '<mark class="date"' in preview
    assert "<script>" not in preview and "&lt;script&gt;" in preview
    assert len(at.dataframe[0].value) > 0, "the article's events are previewed"
    at.button(key="art_save").click().run()
    assert "added" in at.success[0].value
    saved = next(d.value for d in at.dataframe if "how" in d.value.columns)
    assert (saved["how"] == "added").sum() > 0 and saved["map"].str.startswith("./?event=").all(), "each new event links to the map"
    with Store() as store:
        assert store.count() > len(EVENTS)
        assert set(saved["event_id"]) <= set(store.query()["event_id"])
    at.switch_page("pages/map.py").run()
    assert _shown(at) > len(EVENTS)


def test_gazetteer_page_fix_moves_the_events(with_gazetteer):
    at = _run("pages/gazetteer.py")
    at.text_input(key="gz_name").set_value("Jinderes").run()
    assert not at.exception
    at.number_input(key="gz_lat").set_value(36.41)
    at.number_input(key="gz_lon").set_value(36.71)
    next(b for b in at.button if b.label == "Save user entry").click().run()
    assert not at.exception and "1 events re-resolved" in at.success[0].value.replace("\\", "")
    with Store() as store:
        moved = store.query().set_index("event_id").loc["e5"]
    assert (round(moved["lat"], 2), round(moved["lon"], 2)) == (36.41, 36.71)


def test_a_link_to_a_page_gets_the_router_on_a_fresh_server(app_env, monkeypatch):
    """As the first request of a new process, /events?actor=YPG still runs app.py's sidebar and filter."""
    from streamlit.runtime.pages_manager import PagesManager
    from streamlit.testing.v1 import app_test

    monkeypatch.setattr(app_test, "PagesManager", PagesManager)  # every run starts like a new process
    at = AppTest.from_file(APP, default_timeout=TIMEOUT)
    at.query_params["actor"] = "YPG"
    at.run()
    at.switch_page("pages/events.py").run()
    assert not at.exception
    assert at.multiselect(key="f_actors").value == ["YPG"]
    assert len(at.dataframe[0].value) == 2


def test_gazetteer_page_alias_re_resolves(with_gazetteer):
    at = _run("pages/gazetteer.py")
    at.text_input(key="gz_name").set_value("Afrin").run()
    assert not at.exception and len(at.dataframe[0].value) > 0, "candidates are listed"
    assert at.selectbox(key="gz_choice").value == 0, "one country: the first candidate is the default"
    moving = next(d.value for d in at.dataframe if "km" in d.value.columns)
    assert moving["event_id"].tolist() == ["e2"], "the stored event that would move is shown before saving"
    at.button(key="gz_alias").click().run()
    assert not at.exception and not at.error
    assert "now means" in at.success[0].value.replace("\\", "")


def test_gazetteer_page_has_no_default_across_countries(with_gazetteer):
    with Store() as store:
        store.add_many([Event("e7", "a6", "2018-01-25", "2018-01-25", "day", "Battles", "Armed clash", "HTS", "",
                              place="Sinjar", location="Sinjar", admin1="Idlib", country_code="SY", lat=35.86, lon=36.93,
                              geo_precision=1, sentence="Clashes broke out in Sinjar, south of Idlib.")])
    at = _run("pages/gazetteer.py")
    at.text_input(key="gz_name").set_value("Sinjar").run()
    assert at.selectbox(key="gz_choice").value is None and at.button(key="gz_alias").disabled
    iraq = next(i for i in at.selectbox(key="gz_choice").options if ", IQ " in i)
    at.selectbox(key="gz_choice").set_value(at.selectbox(key="gz_choice").options.index(iraq)).run()
    moving = next(d.value for d in at.dataframe if "km" in d.value.columns)
    assert moving["event_id"].tolist() == ["e7"] and moving["km"].iloc[0] > 300 and "IQ" in moving["to"].iloc[0]
    assert not at.button(key="gz_alias").disabled


def test_articles_page_bulk_upload_keeps_good_rows_and_names_bad_files(with_gazetteer):
    bulk = (
        'date,text,title\n'
        '2018-01-20,"Turkish jets struck villages near Afrin on Saturday, a monitor said.",Afrin strikes\n'
        'someday,"Shelling hit Saraqib.",bad row\n'
    ).encode()
    at = _run("pages/articles.py")
    at.file_uploader(key="art_files").set_value(
        [("corpus.csv", bulk, "text/csv"), ("broken.txt", b"\xff\xfe\x00binary", "text/plain")]
    ).run()
    assert not at.exception
    errors = [e.value.replace("\\", "") for e in at.error]
    assert len(errors) == 2 and any(e.startswith("corpus.csv") for e in errors) and any(e.startswith("broken.txt") for e in errors)
    assert "1 of 1 articles" in at.subheader[0].value
    at.button(key="art_save").click().run()
    assert "added" in at.success[0].value


@pytest.mark.parametrize("page", ["pages/map.py", "pages/events.py"])
def test_pages_work_with_no_events_at_all(tmp_path, monkeypatch, page, basemap_tiles):
    from geo.ui import first_start

    empty = tmp_path / "empty"
    (empty / "seeds").mkdir(parents=True)
    monkeypatch.setattr(first_start, "seeds_dir", lambda: empty / "seeds")
    monkeypatch.setenv("GEO_DATA_DIR", str(empty))
    monkeypatch.setenv("GEO_DB", str(empty / "events.db"))
    monkeypatch.setenv("GEO_BASEMAP", str(basemap_tiles))
    import streamlit as st

    st.cache_data.clear()
    st.cache_resource.clear()
    at = _run(page)
    assert any("No events yet" in c.value for c in at.sidebar.caption)


# --- Export section (snapshots of the map) ----------------------------------------------------

@pytest.fixture()
def media(monkeypatch):
    """The bytes behind download buttons: AppTest keeps them in a media store of its own per run."""
    from streamlit.runtime.memory_media_file_storage import MemoryMediaFileStorage
    from streamlit.testing.v1 import app_test

    stores: list = []

    class Recorded(MemoryMediaFileStorage):
        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            stores.append(self)

    monkeypatch.setattr(app_test, "MemoryMediaFileStorage", Recorded)
    return lambda url: stores[-1].get_file(url.rsplit("/", 1)[-1])


def _export(at: AppTest, fmt: str, size: str = "400x300") -> AppTest:
    at.selectbox(key="exp_format").set_value(fmt)
    at.selectbox(key="exp_size").set_value("custom").run()  # the W x H field opens for "custom" only
    at.text_input(key="exp_custom").set_value(size).run()
    at.button(key="exp_render").click().run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def test_export_section_offers_formats_sizes_and_no_download_before_render(app_env):
    at = _run()
    assert any(e.label == "Export snapshot" for e in at.expander)
    assert at.selectbox(key="exp_format").options[:3] == ["PNG image", "Standalone HTML", "Animated GIF"]
    assert "1600x1000" in at.selectbox(key="exp_size").options
    assert not at.get("download_button")
    at.selectbox(key="exp_format").set_value("gif").run()
    assert at.segmented_control(key="exp_step").value == "week", "animations offer day/week steps"


def test_export_png_of_the_screen_view_downloads_at_the_asked_size(app_env, media):
    import io

    from PIL import Image, ImageStat

    at = _run()
    at.session_state["map_view"] = {  # what st_folium last returned from the browser: Afrin, zoom 10
        "bounds": {"_southWest": {"lat": 36.40, "lng": 36.70}, "_northEast": {"lat": 36.62, "lng": 37.05}},
        "zoom": 10,
        "center": {"lat": 36.51, "lng": 36.87},
    }
    _export(at, "png")
    assert not at.error, [e.value for e in at.error]
    assert any("view on screen, zoom 10" in c.value for c in at.caption)
    button = at.get("download_button")[0].proto
    assert "conflict-map_2018-01-05_2018-03-01.png" in button.label
    stored = media(button.url)
    assert stored.mimetype == "image/png" and stored.filename == "conflict-map_2018-01-05_2018-03-01.png"
    image = Image.open(io.BytesIO(stored.content))
    assert (image.format, image.size) == ("PNG", (400, 300))
    assert max(ImageStat.Stat(image.convert("L")).stddev) > 5, "not a blank picture"


def test_export_html_is_one_offline_file(app_env, media):
    import re

    from geo.render import assets

    at = _export(_run(), "html")
    page = media(at.get("download_button")[0].proto.url).content.decode("utf-8")
    assert "leaflet" in page.lower() and "Maaret al-Numan" in page
    assert not assets.remote_asset_links(page)
    assert not re.search(r"<(?:script|link|img)\b[^>]*\b(?:src|href)=[\"']?(?:https?:)?//", page, re.I)


@pytest.mark.parametrize(
    "size, message",
    [("0x300", "width must be"), ("300", "WIDTHxHEIGHT")],
)
def test_export_bad_size_is_a_clear_error(app_env, size, message):
    at = _export(_run(), "png", size)
    assert any(message in e.value.replace("\\", "") for e in at.error)
    assert not at.get("download_button")


def test_export_without_a_browser_says_how_to_install_one(app_env, tmp_path, monkeypatch):
    from geo.render import browser

    monkeypatch.delenv("GEO_CHROMIUM", raising=False)
    monkeypatch.setenv("PATH", str(tmp_path))
    monkeypatch.setattr(browser, "KNOWN_PATHS", ())
    at = _export(_run(), "png")
    assert any("apt-get install chromium" in e.value.replace("\\", "") for e in at.error)
    assert not at.get("download_button")


# --- the live map component: what the page hands the browser ------------------------------------

def _map_args(at: AppTest) -> dict:
    import json

    (element,) = [e for e in at.get("component_instance") if e.proto.component_name.endswith("cem_map")]
    return json.loads(element.proto.json_args)


def _map_file(args: dict) -> dict:
    import json

    return json.loads((PROJECT_ROOT / "static" / args["data_url"].split("/app/static/", 1)[1]).read_text())


@pytest.mark.parametrize(
    "params, ids, window",
    [
        ({}, {"e1", "e2", "e3", "e4", "e5"}, ["2018-01-05", "2018-03-01"]),
        # the dates only move the window: every date travels, so playback needs no server
        ({"from": "2018-01-20", "to": "2018-01-31"}, {"e1", "e2", "e3", "e4", "e5"}, ["2018-01-20", "2018-01-31"]),
        ({"type": "Battles"}, {"e2", "e4", "e5"}, ["2018-01-05", "2018-03-01"]),
        ({"admin1": "Aleppo"}, {"e2", "e5"}, ["2018-01-05", "2018-03-01"]),
    ],
)
def test_map_gets_every_date_of_the_filtered_events(app_env, params, ids, window):
    args = _map_args(_run(**params))
    data = _map_file(args)
    assert set(data["id"]) == ids and args["window"] == window


def test_list_rows_have_icon_date_place_and_summary(app_env):
    data = _map_file(_map_args(_run()))
    at = data["id"].index("e1")
    assert data["types"][data["t"][at]] == "Explosions/Remote violence"  # the row's icon and colour
    assert data["d0"][at] == 0 and data["day0"] == "2018-01-05"
    assert (data["places"][data["p"][at]], data["admin1s"][data["r"][at]]) == ("Maarat an Nu'man", "Idlib")
    assert data["subs"][data["s"][at]] == "Air/drone strike" and data["actors"][data["a1"][at]] == "Military Forces of Syria"


def test_event_link_selects_and_focuses_once_and_a_country_filter_refits(app_env):
    at = _run(event="e3")
    args = _map_args(at)
    assert (args["selected"], args["focus"]) == ("e3", "link:e3")
    assert args["detail"]["id"] == "e3" and "Abu Dhuhur" in args["detail"]["sentence"]
    fit = args["fit"]
    at.multiselect(key="f_types").set_value(["Battles"]).run()
    assert _map_args(at)["fit"] == fit, "a type filter keeps the reader's view"
    at.multiselect(key="f_countries").set_value(["SY"]).run()
    assert _map_args(at)["fit"] != fit, "a country filter fits the view to its events"
