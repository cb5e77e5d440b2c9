"""The offline basemap: towns on the land the map draws, tiles small enough for the first map,
and, in headless Chromium, admin-1 lines and names that never overlap at zoom 6 and 10."""

from __future__ import annotations

import json
import tempfile
from pathlib import Path

import numpy as np
import pytest

from geo.render import assets, basemap, maps
from geo.render.basemap_build import BANDS, band_for_zoom, tile_key

SYRIA = (32.3, 35.6, 37.4, 42.4)

# (name, lat, lon): GeoNames points of the coastal towns (the test the issue asks for), then inland ones.
COASTAL = [
    ("Latakia", 35.53125, 35.79088),
    ("Tartus", 34.88902, 35.88659),
    ("Jableh", 35.36211, 35.92759),
    ("Baniyas", 35.18188, 35.94871),
    ("Beirut", 33.89332, 35.50157),
    ("Iskenderun", 36.58718, 36.17347),
    ("Alexandria", 31.20176, 29.91582),
    ("Hmeimim airbase", 35.4011, 35.9487),
]
INLAND = [
    ("Aleppo", 36.20124, 37.16117),
    ("Idlib", 35.93062, 36.63393),
    ("Afrin", 36.51194, 36.86954),
    ("Damascus", 33.5102, 36.29128),
    ("Deir ez-Zor", 35.33588, 40.14084),
    ("Cologne", 50.93333, 6.95),
]
SEA = [
    ("off Latakia", 35.52, 35.65),
    ("off Tartus", 34.90, 35.80),
    ("Mediterranean", 34.0, 33.0),
    ("Sea of Galilee", 32.82, 35.59),
]


@pytest.mark.parametrize("name, lat, lon", COASTAL + INLAND)
@pytest.mark.parametrize("zoom", [8, 10, 13])
def test_towns_stand_on_the_land_the_map_draws(name, lat, lon, zoom):
    assert basemap.land_at(lat, lon, zoom), f"{name} falls outside the land drawn at zoom {zoom}"


@pytest.mark.parametrize("name, lat, lon", SEA)
def test_sea_and_lakes_are_not_land(name, lat, lon):
    assert not basemap.land_at(lat, lon, 10), name


@pytest.mark.parametrize("zoom, band", [(0, 0), (3, 0), (4, 1), (6, 2), (7, 2), (8, 3), (10, 4), (18, 4)])
def test_each_zoom_has_one_band(zoom, band):
    assert band_for_zoom(zoom).index == band


@pytest.mark.parametrize("zoom", [2, 5, 6, 9, 10])
def test_every_band_draws_countries_in_view(zoom):
    tiles = basemap.tiles_for_view(SYRIA, zoom)
    assert tiles and all(key.startswith(f"{band_for_zoom(zoom).index}/") for key in tiles)
    assert any(t.get("l") for t in tiles.values()) and any(t.get("b") for t in tiles.values())


def test_first_map_of_syria_adds_under_300_kB():
    zoom = basemap.view_zoom(SYRIA, 900, 560)  # the map on the app's page
    sent = len(json.dumps(basemap.tiles_for_view(SYRIA, zoom), separators=(",", ":")).encode())
    sent += basemap.SCRIPT.stat().st_size
    assert sent < 300_000, sent


@pytest.mark.parametrize("zoom, names", [(6, {"Aleppo", "Idlib", "Latakia"}), (10, {"Afrin", "Jindayris"})])
def test_tiles_hold_the_towns_a_zoom_should_name(zoom, names):
    tiles = basemap.tiles_for_view((35.9, 36.4, 36.8, 37.3), zoom)
    found = {p[0] for t in tiles.values() for p in t.get("p", [])}
    assert names <= found


def test_bigger_towns_come_first_at_coarse_zooms():
    coarse = {p[0] for t in basemap.tiles_for_view(SYRIA, 3).values() for p in t.get("p", [])}
    assert "Damascus" in coarse and "Afrin" not in coarse


def test_tile_key_covers_the_world():
    band = BANDS[2]
    assert tile_key(band, -90, -180) == (0, 0)
    assert tile_key(band, 90, 180) == (int(360 / band.tile_deg) - 1, int(180 / band.tile_deg) - 1)


def test_map_page_carries_the_basemap_script_and_no_tiles(seed_frame):
    page = maps.build_map(seed_frame).get_root().render()
    assert "L.CemBasemap = L.Layer.extend" in page and "L.cemBasemap(" in page
    assert '"/app/static/basemap"' in page  # where the browser fetches the tiles
    assert '"Offline basemap"' in page
    assert len(page) < 200_000  # tiles are fetched by the browser, not carried in the page


# --- in the browser ------------------------------------------------------------------------

NW_SYRIA = (36.2, 36.55)  # between Idlib and Afrin


LABELS_JS = """() => Array.from(document.querySelectorAll('.cem-label-text')).map(e => {
    const r = e.getBoundingClientRect();
    return [e.textContent, r.left, r.top, r.right, r.bottom];
})"""
ADMIN_JS = """() => {
    const layer = window.cemBasemap;
    return Object.keys(layer._drawn).reduce((n, k) => n + ((layer._cache[k] || {}).a || []).length, 0);
}"""


def _page_at(frame, zoom: int) -> str:
    m = maps.build_map(frame, bounds=(34.5, 35.0, 38.0, 38.5), zoom=zoom, center=NW_SYRIA, legend=False)
    m.options.update(zoom_animation=False, fade_animation=False)
    basemap.inline_view(m, (35.0, 35.5, 37.4, 37.6), [zoom])
    return assets.inline_assets(m.get_root().render(), assets.current_prefix())


@pytest.mark.parametrize("zoom, expected", [(6, {"Aleppo", "Idlib"}), (10, {"Afrin", "Jindayris"})])
def test_nw_syria_shows_governorate_lines_and_names_that_never_overlap(browser, seed_frame, zoom, expected, tmp_path):
    page = browser.new_page(1200, 800)
    try:
        path = tmp_path / "map.html"
        path.write_text(_page_at(seed_frame, zoom), encoding="utf-8")
        page.goto(path.as_uri(), wait_until="load")
        page.wait_for_function("() => window.cemBasemap && window.cemBasemap.pending() === 0")
        labels = page.evaluate(LABELS_JS)
        shot = page.screenshot(type="png")
        (Path(tempfile.gettempdir()) / f"cem-basemap-z{zoom}.png").write_bytes(shot)
        assert page.evaluate(ADMIN_JS) > 0
    finally:
        page.context.close()
    names = {label[0] for label in labels}
    assert expected <= names, names
    assert len(labels) >= 8
    for i, a in enumerate(labels):
        for b in labels[i + 1 :]:
            apart = a[3] <= b[1] or b[3] <= a[1] or a[4] <= b[2] or b[4] <= a[2]
            assert apart, f"labels overlap: {a} / {b}"
    from io import BytesIO

    from PIL import Image

    pixels = np.asarray(Image.open(BytesIO(shot)).convert("RGB")).reshape(-1, 3).astype(int)
    admin = np.array([int(basemap.ADMIN[i : i + 2], 16) for i in (1, 3, 5)])
    assert (np.abs(pixels - admin).max(axis=1) <= 20).sum() > 50  # dashed governorate lines are drawn
