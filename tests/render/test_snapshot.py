"""Snapshots rendered for real in headless Chromium (one browser for the whole module)."""

from __future__ import annotations

import io
import os
import re
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from PIL import Image

from geo.render import maps, output, snapshot
from geo.render.browser import find_chromium
from geo.errors import BBoxError, GeoError, SnapshotError
from geo.files import atomic_write
from geo.geometry import parse_bbox
from geo.records import EVENT_FIELDS, Event

SMALL = snapshot.View(width=640, height=400)


def colour_pixels(image: Image.Image, hex_colour: str, tolerance: int = 24) -> int:
    target = np.array([int(hex_colour[i : i + 2], 16) for i in (1, 3, 5)])
    pixels = np.asarray(image.convert("RGB")).reshape(-1, 3).astype(int)
    return int((np.abs(pixels - target).max(axis=1) <= tolerance).sum())


def png_image(data: bytes) -> Image.Image:
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    return Image.open(io.BytesIO(data))


# --- PNG -----------------------------------------------------------------------------------

def test_png_of_the_seed_events_shows_their_colours(browser, seed_frame, tmp_path):
    # No legend: its dots would show the colours even if no marker were drawn.
    view = snapshot.View(width=800, height=500, caption="Seed article, 2018-02-03", legend=False)
    out = output.snapshot(seed_frame, tmp_path / "seed.png", view=view, browser=browser)
    image = png_image(out.read_bytes())
    assert image.size == (800, 500)
    assert np.asarray(image.convert("L")).std() > 10  # not blank
    for event_type in seed_frame["event_type"].unique():
        assert colour_pixels(image, maps.EVENT_COLOURS[event_type], tolerance=12) >= 15, event_type
    for absent in ("Violence against civilians", "Protests"):
        assert colour_pixels(image, maps.EVENT_COLOURS[absent], tolerance=12) == 0


def test_png_scale_multiplies_the_pixels(browser, seed_frame):
    image = png_image(snapshot.render_png(seed_frame, snapshot.View(width=400, height=300, scale=2), browser=browser))
    assert image.size == (800, 600)


@pytest.mark.parametrize("mode", ["cluster", "heatmap"])
def test_every_mode_renders_without_script_errors(browser, seed_frame, mode):
    # capture() raises on any page error, e.g. MarkerCluster's "Map has no maxZoom specified"
    image = png_image(snapshot.render_png(seed_frame, snapshot.View(width=400, height=300, mode=mode), browser=browser))
    assert np.asarray(image.convert("L")).std() > 10


def test_selected_event_is_outlined_in_black(browser, seed_frame):
    from geo.render import assets

    def black_pixels(selected):
        m = maps.build_map(seed_frame, selected_event_id=selected, legend=False)
        png = snapshot.capture(browser, assets.inline_assets(m.get_root().render()), m.get_name(), width=400, height=300)
        return colour_pixels(png_image(png), "#000000", tolerance=10)

    assert black_pixels("seed-2") > black_pixels(None) + 20


def test_script_errors_fail_the_snapshot(browser):
    page = "<html><body><script>var map_x = {whenReady: function (f) { f(); }, eachLayer: function () {}};" \
           "throw new Error('boom');</script></body></html>"
    with pytest.raises(SnapshotError, match="boom"):
        snapshot.capture(browser, page, "map_x", width=200, height=200, timeout_s=5)


def test_empty_selection_is_a_valid_snapshot_that_says_so(browser, tmp_path):
    empty = pd.DataFrame(columns=list(EVENT_FIELDS))
    out = output.snapshot(empty, tmp_path / "empty.png", view=SMALL, browser=browser)
    image = png_image(out.read_bytes())
    assert image.size == (640, 400)
    page, _ = snapshot.standalone_html(empty, SMALL)
    assert "No events match these filters" in page


@pytest.mark.parametrize(
    "bounds, zoom, expected",
    [
        ({"_southWest": {"lat": 35.1, "lng": 36.2}, "_northEast": {"lat": 36.4, "lng": 37.3}}, 9, (35.1, 36.2, 36.4, 37.3)),
        ({"_southWest": {"lat": -89, "lng": -250}, "_northEast": {"lat": 89, "lng": 250}}, 1, (-85, -180, 85, 180)),
        ({"_southWest": {"lat": 10, "lng": 170}, "_northEast": {"lat": 20, "lng": 190}}, 5, (10, 170, 20, -170)),
        (None, None, None),
    ],
)
def test_view_from_st_folium(bounds, zoom, expected):
    view = snapshot.View.from_leaflet(bounds, zoom, width=800, height=600)
    assert view.zoom == zoom and (view.bounds == pytest.approx(expected) if expected else view.bounds is None)


def test_render_returns_bytes_for_a_download_button(seed_frame):
    page = output.render(seed_frame, "html").decode("utf-8")
    assert page.startswith("<!DOCTYPE html>") and "seed-1" in page
    with pytest.raises(SnapshotError, match="unknown snapshot format"):
        output.render(seed_frame, "jpeg")


# --- standalone HTML ------------------------------------------------------------------------

def open_offline(browser, path: Path):
    """The file in a page that may fetch only file:, data: and about: URLs; returns (page, requests)."""
    page = browser.new_page(800, 500, offline=True)
    requests: list[str] = []
    page.on("request", lambda r: requests.append(r.url))
    page.goto(path.as_uri(), wait_until="load", timeout=30_000)
    return page, requests


def test_html_works_with_the_network_cut_off(browser, seed_frame, tmp_path):
    events = seed_frame.assign(sentence=seed_frame["sentence"] + ' <script>window.__xss=1</script><img src=x onerror="window.__xss=2">')
    out = output.snapshot(events, tmp_path / "map.html")
    text = out.read_text(encoding="utf-8")
    layer = re.search(r"var (event_layer_\w+) = ", text).group(1)
    page, requests = open_offline(browser, out)
    try:
        assert page.evaluate(f"() => {layer}.getLayers().length") == len(events)
        # A popup shows the hostile text as text and runs none of it.
        popup = page.evaluate(
            f"""() => {{ const l = {layer}.getLayers()[0]; l.openPopup();
                 return document.querySelector('.leaflet-popup-content').innerText; }}"""
        )
        assert "<script>window.__xss=1</script>" in popup
        assert page.evaluate("() => window.__xss") is None
        assert page.locator(".cem-legend-block").inner_text().startswith("Event type")
        image = png_image(page.screenshot())
        assert colour_pixels(image, maps.EVENT_COLOURS["Battles"]) > 20
    finally:
        page.context.close()
    assert requests and all(url.startswith(("file:", "data:", "about:")) for url in requests), requests


def test_cluster_mode_groups_nearby_events_in_the_browser(browser, seed_frame, tmp_path):
    crowd = pd.concat([seed_frame.iloc[[0]].assign(event_id=f"c{i}", lat=35.64 + i * 1e-4) for i in range(50)])
    out = output.snapshot(crowd, tmp_path / "cluster.html", view=snapshot.View(mode="cluster", bounds=(34, 35, 37, 38)))
    page, _ = open_offline(browser, out)
    try:
        page.wait_for_selector(".marker-cluster", timeout=10_000)
        assert page.locator(".marker-cluster").first.inner_text().strip() == "50"
    finally:
        page.context.close()


# --- animation -----------------------------------------------------------------------------

@pytest.mark.parametrize("start, step, frames", [("2018-01-28", "day", 7), ("2018-01-20", "week", 3)])
def test_gif_has_one_frame_per_step(browser, seed_frame, tmp_path, start, step, frames):
    view = snapshot.View(width=320, height=200, legend=False)
    out = output.snapshot(
        seed_frame, tmp_path / "timeline.gif", view=view, date_from=start, date_to="2018-02-03",
        step=step, browser=browser,
    )
    with Image.open(out) as gif:
        assert gif.format == "GIF"
        assert gif.n_frames == frames
        assert gif.size == (320, 200)
        corners = []
        for i in range(2):
            gif.seek(i)
            corners.append(np.asarray(gif.convert("L"))[:40, 60:])
        gif.seek(frames - 1)
        last = gif.convert("RGB")
    assert (corners[0] != corners[1]).any()  # each frame stamped with its own date
    # the last window holds the Su-25 event: its type colour survives the GIF palette
    assert colour_pixels(last, maps.EVENT_COLOURS["Explosions/Remote violence"], tolerance=6) > 10


def test_mp4_has_one_frame_per_week(browser, seed_frame, tmp_path):
    pytest.importorskip("imageio_ffmpeg")
    import imageio.v3 as iio

    view = snapshot.View(width=320, height=200, legend=False)
    out = output.snapshot(seed_frame, tmp_path / "timeline.mp4", view=view, date_from="2018-01-20",
                            date_to="2018-02-03", step="week", browser=browser)
    frames = list(iio.imiter(out, plugin="FFMPEG"))
    assert len(frames) == 3 and frames[0].shape == (200, 320, 3)


# --- bad input -----------------------------------------------------------------------------

@pytest.mark.parametrize(
    "bbox, message",
    [
        ("37,36,35,38", "south must be below north"),
        ("35,36,37", "four numbers"),
        ("a,b,c,d", "four numbers"),
        ("35,36,95,38", "outside the world"),
        ("35,-190,37,38", "outside the world"),
        ("35,36,37,36", "west and east are equal"),
        ("nan,36,37,38", "finite"),
    ],
)
def test_bad_bbox(bbox, message):
    with pytest.raises(BBoxError, match=message):
        parse_bbox(bbox)


@pytest.mark.parametrize("size", ["0x100", "20000x1000", "100x0", "axb", "1600", "-5x100"])
def test_bad_size(size):
    with pytest.raises(SnapshotError, match="size|width|height"):
        snapshot.parse_size(size)


@pytest.mark.parametrize("scale", [0, 0.1, 5, 2.5])
def test_bad_scale(scale):
    with pytest.raises(SnapshotError, match="scale"):
        snapshot.View(width=4000, height=1000, scale=scale)


def test_bad_output_paths(tmp_path):
    with pytest.raises(SnapshotError, match="does not exist"):
        output.check_output(tmp_path / "missing" / "map.png")
    with pytest.raises(SnapshotError, match="is a folder"):
        output.check_output(tmp_path, "png")
    with pytest.raises(SnapshotError, match="unknown snapshot format"):
        output.check_output(tmp_path / "map.jpeg")
    assert output.check_output(tmp_path / "map.out", "gif") == (tmp_path / "map.out", "gif")


@pytest.mark.skipif(os.geteuid() == 0, reason="root may write anywhere")
def test_unwritable_output_folder(tmp_path):
    locked = tmp_path / "locked"
    locked.mkdir(mode=0o500)
    with pytest.raises(SnapshotError, match="not writable"):
        output.check_output(locked / "map.png")


def test_failed_write_leaves_the_old_file_and_no_part_file(tmp_path, monkeypatch):
    target = tmp_path / "map.png"
    target.write_bytes(b"old")

    def broken_replace(src, dst):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", broken_replace)
    with pytest.raises(OSError, match="No space left"):
        atomic_write(target, b"new" * 1000)
    assert target.read_bytes() == b"old"
    assert [p.name for p in tmp_path.iterdir()] == ["map.png"]


def test_a_hung_page_times_out_with_a_clear_error(browser):
    with pytest.raises(SnapshotError, match="did not finish the map within 2 s"):
        snapshot.capture(browser, "<html><body><script>while (true) {}</script></body></html>", "map_x",
                         width=200, height=200, timeout_s=2)
    # the browser is still usable afterwards
    assert browser.new_page(100, 100).evaluate("() => 1 + 1") == 2


def test_a_page_without_the_map_fails_clearly(browser):
    with pytest.raises(SnapshotError, match="no map object"):
        snapshot.capture(browser, "<html><body>nothing</body></html>", "map_x", width=200, height=200, timeout_s=5)


@pytest.mark.parametrize(
    "chromium, message",
    [("/nonexistent/chromium", "points to no file"), ("/bin/false", "did not start")],
)
def test_missing_or_crashing_browser_leaves_nothing_behind(seed_frame, tmp_path, monkeypatch, chromium, message):
    monkeypatch.setenv("GEO_CHROMIUM", chromium)
    target = tmp_path / "map.png"
    with pytest.raises(SnapshotError, match=message):
        output.snapshot(seed_frame, target, view=SMALL)
    assert list(tmp_path.iterdir()) == []


def test_no_browser_installed_says_how_to_install_one(monkeypatch):
    import geo.render.browser as browser_module

    monkeypatch.delenv("GEO_CHROMIUM", raising=False)
    monkeypatch.setattr(browser_module.shutil, "which", lambda name: None)
    monkeypatch.setattr(browser_module, "KNOWN_PATHS", ())
    with pytest.raises(SnapshotError, match="apt-get install chromium"):
        find_chromium()


# --- CLI -----------------------------------------------------------------------------------

@pytest.fixture()
def seed_db(tmp_path, seed_frame):
    from geo.store.store import Store

    path = tmp_path / "events.db"
    with Store(path) as store:
        store.add_events(Event(**row) for row in seed_frame.to_dict("records"))
    return path


def test_cli_writes_a_filtered_html_snapshot(seed_db, tmp_path, capsys):
    from geo.cli import main

    out = tmp_path / "afrin.html"
    code = main(["snapshot", "--out", str(out), "--db", str(seed_db), "--from", "2018-01-20", "--to", "2018-01-20",
                 "--type", "Battles", "--actor", "YPG"])
    assert code == 0, capsys.readouterr().err
    page = out.read_text(encoding="utf-8")
    ids = re.findall(r'"event_id":\s*"([^"]+)"', page)
    assert ids == ["seed-3"]
    assert "1 event" in page
    assert "afrin.html (html, 1 events)" in capsys.readouterr().out


def test_cli_png(seed_db, tmp_path):
    from geo.cli import main

    out = tmp_path / "map.png"
    assert main(["snapshot", "--out", str(out), "--db", str(seed_db), "--size", "400x300",
                 "--bbox", "35.0,36.0,37.0,38.0"]) == 0
    assert png_image(out.read_bytes()).size == (400, 300)


@pytest.mark.parametrize(
    "args, message",
    [
        (["--bbox", "37,36,35,38"], "south must be below north"),
        (["--size", "0x100"], "width"),
        (["--from", "yesterday"], "YYYY-MM-DD"),
        (["--type", "Fights"], "unknown event type"),
        (["--out", "/nonexistent-dir/map.png"], "does not exist"),
        (["--db", "/nonexistent-dir/events.db"], "no event store"),
    ],
)
def test_cli_bad_input_is_one_line(seed_db, tmp_path, capsys, args, message):
    from geo.cli import main

    argv = ["snapshot", "--out", str(tmp_path / "x.png"), "--db", str(seed_db)] + args
    assert main(argv) == 1
    err = capsys.readouterr().err
    assert err.startswith("error: ") and message in err and err.count("\n") == 1
    assert not (tmp_path / "x.png").exists()
    assert issubclass(SnapshotError, GeoError)


@pytest.mark.parametrize("first_fails", [False, True])
def test_pictures_of_one_size_share_a_kept_page_and_a_failure_drops_it(browser, seed_frame, first_fails):
    view = snapshot.View(width=300, height=220, legend=False)
    if first_fails:
        with pytest.raises(SnapshotError):
            snapshot.capture(browser, "<html><body><script>while (true) {}</script></body></html>", "map_x",
                             width=300, height=220, timeout_s=2)
        assert (300, 220, 1.0, True) not in browser._pages
    for _ in range(2):
        assert png_image(snapshot.render_png(seed_frame, view, browser=browser)).size == (300, 220)
    assert (300, 220, 1.0, True) in browser._pages
