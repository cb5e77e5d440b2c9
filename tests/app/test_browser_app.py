"""The running app in a real browser: `streamlit run app.py` on a free localhost port, headless Chromium.

A fresh data dir, so the app's first start ingests seeds/ (with the gazetteer built once for the
test session). The map must show the seed's events, follow the timeline, open a popup with the
event's sentence, and fetch nothing from outside localhost.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from urllib.parse import urlparse

import pytest

from conftest import SEED_ARTICLE
from geo.extract.articles import read_articles
from geo.records import EventFilter
from geo.settings import PROJECT_ROOT, gazetteer_path

START_TIMEOUT_S = 60
MAP_TIMEOUT_MS = 90_000  # the first start ingests seeds/ before the map appears
MAP_FRAME = 'iframe[title="streamlit_folium.st_folium"]'

# The events drawn on the map (GeoJSON features with an event_id), as [id, lat, lon] rows.
MARKERS_JS = """() => {
    if (!window.map) { return null; }
    const out = [];
    window.map.eachLayer(l => {
        const p = l.feature && l.feature.properties;
        if (p && p.event_id && l.getLatLng) { const ll = l.getLatLng(); out.push([p.event_id, ll.lat, ll.lng]); }
    });
    return out;
}"""
# Zoom in on the marker as a user would (markers of nearby towns overlap at the first zoom), then
# return its position in the map's container.
POINT_JS = """([lat, lng]) => {
    window.map.setView([lat, lng], 12, {animate: false});
    const p = window.map.latLngToContainerPoint([lat, lng]);
    return [p.x, p.y];
}"""


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _wait_healthy(url: str, proc: subprocess.Popen) -> None:
    deadline = time.monotonic() + START_TIMEOUT_S
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"streamlit exited with {proc.returncode}")
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as resp:
                if resp.status == 200:
                    return
        except OSError:
            time.sleep(0.3)
    raise TimeoutError(f"streamlit did not answer at {url} within {START_TIMEOUT_S} s")


@pytest.fixture(scope="module")
def app_url(tmp_path_factory, gazetteer, basemap_tiles):
    """The app, started as the README says, on a fresh data dir (the gazetteer file is shared)."""
    data = tmp_path_factory.mktemp("app-data")
    port = _free_port()
    env = {
        **os.environ,
        "GEO_DATA_DIR": str(data),
        "GEO_DB": str(data / "events.db"),
        "GEO_GAZETTEER": str(gazetteer_path()),  # built by the `gazetteer` fixture
        "GEO_BASEMAP": str(basemap_tiles),  # built by the `basemap_tiles` fixture
        "GEO_ONLINE": "",
    }
    log = open(data / "streamlit.log", "w")
    proc = subprocess.Popen(
        [sys.executable, "-m", "streamlit", "run", "app.py", "--server.port", str(port),
         "--server.address", "127.0.0.1", "--server.headless", "true", "--server.fileWatcherType", "none"],
        cwd=PROJECT_ROOT, env=env, stdout=log, stderr=subprocess.STDOUT,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        _wait_healthy(url, proc)
        yield url, data / "events.db"
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
        log.close()


@pytest.fixture(scope="module")
def browser():
    from geo.render.browser import launch
    from geo.errors import SnapshotError

    try:
        b = launch()
    except SnapshotError as exc:  # .ci/run installs chromium; a user's machine may lack it
        pytest.skip(str(exc))
    yield b
    b.close()


def _map_frame(page):
    return page.wait_for_selector(MAP_FRAME, timeout=MAP_TIMEOUT_MS).content_frame()


def _markers(page, timeout_s: float = 60, changed_from: list | None = None) -> list:
    """The markers of the current map, once it has some (and, if asked, once they differ)."""
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        try:
            frame = _map_frame(page)
            found = frame.evaluate(MARKERS_JS) if frame else None
        except Exception:  # the map iframe is replaced while the app reruns
            found = None
        if found is not None and found != changed_from and (found or changed_from is not None):
            return found
        time.sleep(0.3)
    raise AssertionError("the map did not show the expected markers in time")


def _click_popup(page, lat: float, lon: float, tries: int = 4) -> str:
    """Click the marker at (lat, lon) like a user and return the popup's text.

    Retried: a rerun right after a timeline change may still replace the map under the mouse.
    """
    for _ in range(tries):
        time.sleep(1.0)
        try:
            frame = _map_frame(page)
            x, y = frame.evaluate(POINT_JS, [lat, lon])
            box = page.locator(MAP_FRAME).bounding_box()
            page.mouse.click(box["x"] + x, box["y"] + y)
            frame.wait_for_selector(".leaflet-popup-content", timeout=5_000)
            return " ".join(frame.inner_text(".leaflet-popup-content").split())
        except Exception:
            continue
    raise AssertionError(f"no popup opened at {lat}, {lon}")


def test_map_in_a_real_browser(app_url, browser):
    from geo.store.store import Store

    url, db = app_url
    context = browser.browser.new_context(viewport={"width": 1400, "height": 1000})
    requests: list[str] = []
    context.on("request", lambda request: requests.append(request.url))
    page = context.new_page()
    page.goto(url)

    markers = _markers(page, timeout_s=MAP_TIMEOUT_MS / 1000)
    with Store(db) as store:
        located = store.count(EventFilter(bbox=(-90, -180, 90, 180)))
        events = store.query(EventFilter()).set_index("event_id")
    seed_id = next(read_articles(SEED_ARTICLE)).article_id
    seed_events = set(events[(events["article_id"] == seed_id) & events["lat"].notna()].index)
    on_map = {m[0] for m in markers}
    assert seed_events, "the first start ingested the seed article"
    assert seed_events <= on_map, "the seed's events are on the map"
    assert len(markers) == located, "every located event is a marker"

    # The timeline: the end of the date range moves back to the first day.
    end_thumb = page.get_by_role("slider").nth(1)
    end_thumb.focus()
    end_thumb.press("Home")
    fewer = _markers(page, changed_from=markers)
    assert 0 < len(fewer) < len(markers) or len(fewer) == 0
    assert {m[0] for m in fewer} < {m[0] for m in markers}
    first_day = events["date_start"].min()
    assert all(events.loc[m[0], "date_start"] <= first_day for m in fewer)

    # A click on a seed event's marker opens its popup with the sentence it was coded from.
    end_thumb.focus()
    end_thumb.press("End")
    markers = _markers(page, changed_from=fewer)
    crowd = {m[0]: sum(abs(o[1] - m[1]) + abs(o[2] - m[2]) < 1e-3 for o in markers) for m in markers}
    event_id, lat, lon = min((m for m in markers if m[0] in seed_events), key=lambda m: crowd[m[0]])
    popup = _click_popup(page, lat, lon)
    here = events[(events["lat"] - lat).abs().lt(1e-3) & (events["lon"] - lon).abs().lt(1e-3)]
    assert any(" ".join(s.split()) in popup for s in here["sentence"]), popup

    context.close()
    outside = [u for u in requests if urlparse(u).scheme in ("http", "https", "ws", "wss")
               and urlparse(u).hostname not in ("127.0.0.1", "localhost")]
    assert requests and not outside, outside
