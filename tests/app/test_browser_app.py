"""The running app in a real browser: `streamlit run app.py` on a free localhost port, headless Chromium.

Two servers: one on a fresh data dir (its first start ingests seeds/), one on a store of 20,000
synthetic events (bench/generate.py). The map must show the seed's events, open a popup with the
event's sentence, play in the browser without a rerun, keep its view on pan and zoom, select
between list and map, centre an `event=` link, follow the sidebar's filters, and fetch nothing
from outside localhost.
"""

from __future__ import annotations

import os
import re
import socket
import subprocess
import sys
import time
import urllib.request
from dataclasses import replace
from pathlib import Path
from urllib.parse import parse_qs, urlparse

import pytest

from conftest import SEED_ARTICLE
from geo.extract.articles import read_articles
from geo.ui.url_state import APP_DEFAULT as DRAWN  # what the map draws by default
from geo.settings import PROJECT_ROOT, gazetteer_path

START_TIMEOUT_S = 60
MAP_TIMEOUT_MS = 90_000  # the first start ingests seeds/ before the map appears
MAP_FRAME = 'iframe[title="pages.live_map.cem_map"]'
BIG_N = 20_000

STATE_JS = """() => {
    const s = window.cem;
    if (!s || !s.data || !s.map) { return null; }
    const c = s.map.getCenter();
    return {n: s.data.n, shown: s.shown, inView: s.inView.length, zoom: s.map.getZoom(), lat: c.lat, lng: c.lng,
            lo: s.lo, hi: s.hi, renders: s.stats.renders, frames: s.stats.frames, draws: s.stats.draws,
            loads: s.stats.loads, selected: s.selected, hits: s.hits.length, playing: s.playing,
            marker: window.__kept || null, url: s.dataUrl};
}"""
# The screen position (inside the map) of the drawn event `id`, or null.
HIT_JS = """(id) => {
    const s = window.cem, size = s.map.getSize();
    const h = s.hits.find(h => h.kind === "event" && s.data.raw.id[h.i] === id);
    return h ? [h.x - size.x * 0.35, h.y - size.y * 0.35] : null;
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


def _serve(data: Path, basemap_tiles: Path):
    """`streamlit run app.py` on `data` (the gazetteer and basemap files are shared); yields (url, db)."""
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
def app_url(tmp_path_factory, gazetteer, basemap_tiles):
    """The app, started as the README says, on a fresh data dir."""
    yield from _serve(tmp_path_factory.mktemp("app-data"), basemap_tiles)


@pytest.fixture(scope="module")
def big_app_url(tmp_path_factory, gazetteer, basemap_tiles):
    """The app on a store of BIG_N synthetic events."""
    sys.path.insert(0, str(PROJECT_ROOT / "bench"))
    from generate import generate

    from geo.store.store import Store

    data = tmp_path_factory.mktemp("big-data")
    with Store(data / "events.db") as store:
        store.add_many(generate(BIG_N, seed=1), dedup=False, batch=20_000)
        store.optimize()
    yield from _serve(data, basemap_tiles)


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


@pytest.fixture()
def page(browser):
    """A 1400x900 page whose requests are all recorded; fails the test on any leaving localhost."""
    context = browser.browser.new_context(viewport={"width": 1400, "height": 900})
    requests: list[str] = []
    context.on("request", lambda request: requests.append(request.url))
    yield context.new_page()
    context.close()
    outside = [u for u in requests if urlparse(u).scheme in ("http", "https", "ws", "wss")
               and urlparse(u).hostname not in ("127.0.0.1", "localhost")]
    assert requests and not outside, outside


def _frame(page):
    return page.wait_for_selector(MAP_FRAME, timeout=MAP_TIMEOUT_MS).content_frame()


def _state(page, timeout_s: float = 90, until=lambda s: True) -> dict:
    """The map's state once it has data (and `until` holds)."""
    deadline = time.monotonic() + timeout_s
    last = None
    while time.monotonic() < deadline:
        try:
            last = _frame(page).evaluate(STATE_JS)
        except Exception:  # the page is still loading
            last = None
        if last is not None and until(last):
            return last
        time.sleep(0.2)
    raise AssertionError(f"the map did not reach the expected state in time: {last}")


def _settled(page, quiet_s: float = 1.0, timeout_s: float = 60) -> None:
    """Wait until no script run has been going for `quiet_s` (the first view the map reports starts one).

    Streamlit can remount a component inside a fragment when a rerun starts while another is still
    running (streamlit#9372, #13634): a test that clicks mid-run would see the map reloaded by Streamlit,
    not by us (a user who clicks that fast sees the map drawn afresh).
    """
    app = page.locator('[data-testid="stApp"]')
    deadline, quiet_since = time.monotonic() + timeout_s, None
    while time.monotonic() < deadline:
        running = app.get_attribute("data-test-script-state") in ("running", "rerunRequested")
        quiet_since = None if running else quiet_since or time.monotonic()
        if quiet_since is not None and time.monotonic() - quiet_since >= quiet_s:
            return
        time.sleep(0.1)
    raise AssertionError(f"the app was still running after {timeout_s} s")


def _map_box(page) -> dict:
    """The map's box in the page (Playwright gives a frame's elements in page coordinates)."""
    return _frame(page).locator("#cem-map").bounding_box()


def _params(page) -> dict[str, list[str]]:
    return parse_qs(urlparse(page.url).query)


def test_seed_map_shows_every_event_and_a_popup_with_its_sentence(app_url, page):
    from geo.store.store import Store

    url, db = app_url
    page.goto(url)
    state = _state(page, timeout_s=MAP_TIMEOUT_MS / 1000)
    with Store(db) as store:
        located = store.count(replace(DRAWN, bbox=(-90, -180, 90, 180)))
        events = store.query(DRAWN).set_index("event_id")
    assert state["n"] == state["shown"] == located, "every located event is on the map"
    seed_id = next(read_articles(SEED_ARTICLE)).article_id
    seed = events[(events["article_id"] == seed_id) & events["lat"].notna()]
    assert len(seed), "the first start ingested the seed article"

    # A seed event centred by its list row, then clicked on the map: its popup shows its sentence.
    event_id = seed.index[0]
    frame = _frame(page)
    frame.evaluate("(id) => { const s = window.cem; s.map.setView([s.data.raw.lat[s.data.index[id]], s.data.raw.lon[s.data.index[id]]], 12, {animate: false}); }", event_id)
    _state(page, until=lambda s: s["zoom"] == 12)
    spot = frame.evaluate(HIT_JS, event_id)
    if spot is None:  # one of a stack: spread it first
        frame.evaluate("""(id) => { const s = window.cem, i = s.data.index[id];
            s.spread = {key: s.data.raw.lat[i] + "," + s.data.raw.lon[i]}; s.layer._reset(); }""", event_id)
        spot = frame.evaluate(HIT_JS, event_id)
    box = _map_box(page)
    page.mouse.click(box["x"] + spot[0], box["y"] + spot[1])
    _state(page, until=lambda s: s["selected"] == event_id)
    frame.wait_for_selector(".leaflet-popup-content blockquote", timeout=15_000)
    popup = " ".join(frame.inner_text(".leaflet-popup-content").split())
    assert " ".join(str(seed.loc[event_id, "sentence"]).split()) in popup
    assert _params(page).get("event") == [event_id], "the selection is in the URL"
    assert frame.locator(f'#cem-rows li.sel[data-id="{event_id}"]').count() == 1, "the map selects the list's row"


def test_list_row_centres_and_opens_the_event(app_url, page):
    page.goto(app_url[0])
    before = _state(page, timeout_s=MAP_TIMEOUT_MS / 1000)
    frame = _frame(page)
    timeline = frame.locator("#cem-hist").bounding_box()
    assert timeline["y"] + timeline["height"] <= 900, "the timeline is visible at 1400x900 without scrolling"
    assert page.locator(MAP_FRAME).bounding_box()["width"] >= 900, "the map and its list use the page's width"
    rows = frame.locator("#cem-rows li[data-id]")
    row = rows.nth(min(5, rows.count() - 1))
    event_id = row.get_attribute("data-id")
    row.click()
    after = _state(page, until=lambda s: s["selected"] == event_id)
    lat, lon = frame.evaluate("(id) => { const s = window.cem, i = s.data.index[id]; return [s.data.raw.lat[i], s.data.raw.lon[i]]; }", event_id)
    assert abs(after["lat"] - lat) < 1e-3 and abs(after["lng"] - lon) < 1e-3, "the map centres on the row's event"
    assert after["zoom"] >= before["zoom"]
    assert frame.locator(".leaflet-popup-content").count() == 1
    assert frame.locator(f'#cem-rows li.sel[data-id="{event_id}"]').count() == 1


def test_event_link_centres_and_highlights(app_url, page):
    from geo.store.store import Store

    with Store(app_url[1]) as store:
        events = store.query(replace(DRAWN, bbox=(-90, -180, 90, 180)))
    event = events.iloc[len(events) // 2]
    page.goto(f"{app_url[0]}/?event={event['event_id']}")
    state = _state(page, timeout_s=MAP_TIMEOUT_MS / 1000, until=lambda s: s["selected"] == event["event_id"] and s["zoom"] >= 9)
    assert abs(state["lat"] - event["lat"]) < 1e-3 and abs(state["lng"] - event["lon"]) < 1e-3
    frame = _frame(page)
    assert frame.locator(f'#cem-rows li.sel[data-id="{event["event_id"]}"]').count() == 1
    frame.wait_for_selector(".leaflet-popup-content", timeout=10_000)


def test_filter_changes_counts_and_url(app_url, page):
    page.goto(app_url[0])
    before = _state(page, timeout_s=MAP_TIMEOUT_MS / 1000)
    _settled(page)
    head = page.locator("h3").filter(has_text=re.compile(r"\d+ events")).first
    total = int(head.inner_text().split()[0].replace(",", ""))
    page.locator('[data-testid="stSidebar"] [data-testid="stMultiSelect"]').nth(1).click()
    page.get_by_role("option", name="Battles", exact=True).click()
    page.keyboard.press("Escape")
    after = _state(page, until=lambda s: s["loads"] > before["loads"])
    assert 0 < after["n"] < before["n"], "the map shows fewer events"
    page.wait_for_function("() => new URLSearchParams(location.search).get('type') === 'Battles'", timeout=10_000)
    assert int(head.inner_text().split()[0].replace(",", "")) < total


def test_play_in_the_browser_keeps_the_view_and_runs_fast(big_app_url, page):
    page.goto(big_app_url[0])
    state = _state(page, timeout_s=MAP_TIMEOUT_MS / 1000)
    assert state["n"] >= BIG_N * 0.9
    frame = _frame(page)
    frame.evaluate("() => { window.cem.map.setView([36.2, 37.1], 9, {animate: false}); window.__kept = 'same map'; }")
    frame.select_option("#cem-fps", "30")
    frame.select_option("#cem-stepby", "day")
    frame.select_option("#cem-mode", "window")
    time.sleep(1.5)  # the view goes to the server (debounced) and comes back as a rerun of the map's fragment
    before = _state(page)
    frame.click("#cem-play")
    time.sleep(3.0)
    during = _state(page)
    frame.click("#cem-play")  # pause: the dates go to the sidebar and the URL
    stats = frame.evaluate("() => [window.cem.stats.frames, window.cem.stats.firstFrameAt, window.cem.stats.lastFrameAt]")
    fps = (stats[0] - 1) / max((stats[2] - stats[1]) / 1000, 1e-6)
    assert during["playing"] and during["frames"] > before["frames"] + 10
    assert during["renders"] == before["renders"], "no page rerun while playing"
    assert fps >= 10, f"{fps:.1f} frames/s"
    assert (during["zoom"], round(during["lat"], 4), round(during["lng"], 4)) == (9, 36.2, 37.1), "the view is kept"
    shown = frame.evaluate("() => { const s = window.cem; return [s.data.day0ms, s.lo, s.hi]; }")
    to_day = time.strftime("%Y-%m-%d", time.gmtime(shown[0] / 1000 + shown[2] * 86400))
    page.wait_for_function(f"() => new URLSearchParams(location.search).get('to') === '{to_day}'", timeout=20_000)
    after = _state(page)
    assert after["marker"] == "same map" and after["zoom"] == 9, "the rerun after playback kept the map"


def test_pan_with_many_events_keeps_the_zoom_and_never_blanks(big_app_url, page):
    page.goto(big_app_url[0])
    _state(page, timeout_s=MAP_TIMEOUT_MS / 1000)
    frame = _frame(page)
    frame.evaluate("() => { window.cem.map.setView([35.0, 38.0], 7, {animate: false}); window.__kept = 'same map'; }")
    before = _state(page, until=lambda s: s["zoom"] == 7 and s["hits"] > 0)
    box = _map_box(page)
    x, y = box["x"] + box["width"] / 2, box["y"] + box["height"] / 2
    page.mouse.move(x, y)
    page.mouse.down()
    for k in range(1, 11):
        page.mouse.move(x - 20 * k, y - 8 * k)
        time.sleep(0.02)
    page.mouse.up()
    time.sleep(2.0)  # the debounced view reaches the server and the fragment reruns
    after = _state(page)
    assert after["zoom"] == 7 and after["lng"] > before["lng"], "panned east at the same zoom"
    assert after["hits"] > 0 and after["inView"] > 0, "markers or cells are drawn after the pan"
    assert after["marker"] == "same map" and after["loads"] == before["loads"], "no rebuild, no reload of the data"


def test_events_table_row_opens_the_event_on_the_map(app_url, page):
    page.goto(f"{app_url[0]}/events?type=Battles")
    grid = page.wait_for_selector('[data-testid="stDataFrame"]', timeout=MAP_TIMEOUT_MS)
    box = grid.bounding_box()
    page.mouse.click(box["x"] + 16, box["y"] + 52)  # the first row's selection box
    link = page.wait_for_selector('[data-testid="stPageLink"] a:has-text("on the map")', timeout=20_000)
    event_id = _params_of(link.get_attribute("href"))["event"][0]
    link.click()
    state = _state(page, until=lambda s: s["selected"] == event_id and s["zoom"] >= 9)
    frame = _frame(page)
    assert frame.evaluate("() => window.cem.data.raw.types") == ["Battles"], "the filters came along"
    assert _params(page).get("type") == ["Battles"]
    lat, lon = frame.evaluate("(id) => { const s = window.cem, i = s.data.index[id]; return [s.data.raw.lat[i], s.data.raw.lon[i]]; }", event_id)
    assert abs(state["lat"] - lat) < 1e-3 and abs(state["lng"] - lon) < 1e-3


def _params_of(href: str) -> dict[str, list[str]]:
    return parse_qs(urlparse(href).query)


SCROLL_JS = """() => {
    const main = document.querySelector('[data-testid="stMain"]') || document.scrollingElement;
    return main.scrollTop;
}"""


def test_wheel_scrolls_the_page_until_the_map_is_clicked(app_url, page):
    page.set_viewport_size({"width": 1400, "height": 650})  # a window the page overflows
    page.goto(app_url[0])
    before = _state(page, timeout_s=MAP_TIMEOUT_MS / 1000)
    box = _map_box(page)
    page.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    page.mouse.wheel(0, 400)
    time.sleep(1.0)
    assert _state(page)["zoom"] == before["zoom"], "an unfocused map does not zoom"
    assert page.evaluate(SCROLL_JS) > 0, "the page scrolled"
    box = _map_box(page)
    page.mouse.click(box["x"] + 5, box["y"] + box["height"] - 40)  # an empty corner: focus, no selection
    page.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    page.mouse.wheel(0, -300)
    _state(page, until=lambda s: s["zoom"] > before["zoom"])


STACK_JS = """() => {
    const s = window.cem, size = s.map.getSize();
    const central = h => {  // clear of the controls and the legend in the corners
        const x = h.x - size.x * 0.35, y = h.y - size.y * 0.35;
        return x > size.x * 0.25 && x < size.x * 0.7 && y > size.y * 0.25 && y < size.y * 0.7;
    };
    const h = s.hits.filter(h => h.kind === "stack" && central(h)).sort((a, b) => b.members.length - a.members.length)[0];
    return h ? [h.x - size.x * 0.35, h.y - size.y * 0.35, h.members.length] : null;
}"""


def test_stacked_events_show_a_count_and_spread_on_click(app_url, page):
    page.goto(app_url[0])
    _state(page, timeout_s=MAP_TIMEOUT_MS / 1000)
    frame = _frame(page)
    frame.evaluate("() => { window.cem.map.setZoom(11, {animate: false}); }")
    deadline = time.monotonic() + 20
    stack = None
    while stack is None and time.monotonic() < deadline:  # pan over the events until a stack is in view
        frame.evaluate("() => { const s = window.cem, i = Math.floor(Math.random() * s.data.n); s.map.setView([s.data.raw.lat[i], s.data.raw.lon[i]], 11, {animate: false}); }")
        time.sleep(0.2)
        stack = frame.evaluate(STACK_JS)
    assert stack, "the seed has places with several events"
    time.sleep(1.0)  # the view reaches the server and comes back before the click
    x, y, n = frame.evaluate(STACK_JS) or stack
    box = _map_box(page)
    page.mouse.click(box["x"] + x, box["y"] + y)
    spread = frame.evaluate("() => window.cem.hits.filter(h => h.spread).length")
    assert spread == n, "the stack spread into its events"


def test_heatmap_and_cluster_modes_update_in_place(app_url, page):
    page.goto(app_url[0])
    before = _state(page, timeout_s=MAP_TIMEOUT_MS / 1000)
    frame = _frame(page)
    frame.evaluate("() => { window.__kept = 'same map'; }")
    _settled(page)
    page.get_by_text("cluster", exact=True).click()
    _state(page, until=lambda s: s["renders"] > before["renders"] and s["marker"] == "same map")
    assert frame.evaluate("() => window.cem.hits.some(h => h.kind === 'cell')"), "cluster mode clusters"
    _settled(page)
    page.get_by_text("heatmap", exact=True).click()
    frame.wait_for_function("() => window.cem.heat && window.cem.heat._latlngs.length > 0", timeout=60_000)
    assert _state(page)["marker"] == "same map"


def test_country_filter_fits_the_view_to_its_events(big_app_url, page):
    page.goto(big_app_url[0])
    before = _state(page, timeout_s=MAP_TIMEOUT_MS / 1000)
    _settled(page)
    page.locator('[data-testid="stSidebar"] [data-testid="stMultiSelect"]').nth(2).click()
    page.keyboard.type("IQ")  # the list of countries is long and virtual
    page.get_by_role("option", name="IQ", exact=True).click()
    page.keyboard.press("Escape")
    after = _state(page, until=lambda s: s["loads"] > before["loads"])
    assert after["n"] < before["n"]
    assert 29 < after["lat"] < 37.5 and 38.8 < after["lng"] < 48.6, "the view moved to Iraq"
    assert after["zoom"] >= 5, "and zoomed in on it, not left on the world"


def test_zoom_to_results_brings_the_events_back(app_url, page):
    page.goto(app_url[0])
    _state(page, timeout_s=MAP_TIMEOUT_MS / 1000)
    frame = _frame(page)
    frame.evaluate("() => { window.cem.map.setView([-30, -60], 6, {animate: false}); }")  # South America: no events
    assert _state(page, until=lambda s: s["zoom"] == 6)["inView"] == 0
    frame.click("button.cem-fit")
    after = _state(page, until=lambda s: s["inView"] > 0)
    assert after["inView"] >= after["shown"] * 0.8, "most of the events of these dates are in view"
