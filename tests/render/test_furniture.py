"""Exported pictures carry their furniture (title, legend with size key, scale, attribution) and no
map controls: checked in the page Chromium renders, then in the PNG, PDF and GIF written."""

from __future__ import annotations

import io
import math
import re

import pytest
from PIL import Image

from geo.render import furniture, maps, output, snapshot
from geo.errors import SnapshotError

IDLIB_VIEW = (35.0, 35.8, 36.8, 37.8)


FURNITURE_JS = """() => {
    const text = (sel) => Array.from(document.querySelectorAll(sel)).map(e => e.textContent).join(' | ');
    const visible = (sel) => Array.from(document.querySelectorAll(sel)).some(e => {
        const r = e.getBoundingClientRect();
        return r.width > 0 && r.height > 0 && getComputedStyle(e).display !== 'none';
    });
    const inside = (sel) => Array.from(document.querySelectorAll(sel)).every(e => {
        const r = e.getBoundingClientRect();
        return r.left >= 0 && r.top >= 0 && r.right <= innerWidth && r.bottom <= innerHeight
            && e.scrollWidth <= e.clientWidth + 1;
    });
    return {
        title: text('.cem-title'), subtitle: text('.cem-subtitle'), legend: text('.cem-legend-block'),
        sizeKeyCircles: document.querySelectorAll('.cem-size-key circle').length,
        scale: text('.cem-scale-label'), scaleBar: (document.querySelector('.cem-scale-bar') || {}).offsetWidth || 0,
        attribution: text('.cem-attribution'),
        zoomButtons: visible('.leaflet-control-zoom'), layers: visible('.leaflet-control-layers'),
        leafletScale: visible('.leaflet-control-scale'), leafletCredit: visible('.leaflet-control-attribution'),
        fits: inside('.cem-furniture'),
    };
}"""


def _furniture(browser, events, view, tmp_path, **options) -> dict:
    page_html, name = snapshot.standalone_html(events, view, still=True, **options)
    shooter = snapshot.Shooter(browser, view.width, view.height, 1.0, True, 60.0)
    try:
        shooter.shoot(page_html, name)
        return shooter.page.evaluate(FURNITURE_JS)
    finally:
        shooter.close()


@pytest.mark.parametrize(
    "size, extent, basemap_name, options",
    [
        ((1600, 1000), "view", "offline", {}),
        ((1080, 1080), "events", "offline", {}),
        ((1123, 794), "view", "offline", {"vector": True}),  # the page printed to PDF (A4 landscape)
        ((800, 500), "view", "offline", {"stamp": "Frame: 2018-01-20 to 2018-01-26"}),  # a GIF/MP4 frame
        ((640, 400), "events", "osm", {}),
    ],
)
def test_exported_page_has_furniture_and_no_controls(browser, seed_frame, tmp_path, size, extent, basemap_name, options):
    view = snapshot.View(bounds=IDLIB_VIEW, width=size[0], height=size[1], extent=extent, basemap=basemap_name,
                         title="Idlib offensive, Jan-Feb 2018", caption=snapshot.caption_for(None, len(seed_frame)))
    got = _furniture(browser, seed_frame, view, tmp_path, **options)
    if "stamp" in options:
        assert options["stamp"] in got["subtitle"]
    assert got["title"] == "Idlib offensive, Jan-Feb 2018"
    assert f"Extent: {furniture.EXTENTS[extent]}" in got["subtitle"]
    assert "Event type" in got["legend"] and "Fatalities" in got["legend"] and got["sizeKeyCircles"] == len(furniture.SIZE_KEY)
    assert re.fullmatch(r"\d+ (km|m)", got["scale"]) and 40 <= got["scaleBar"] <= size[0] * 0.25
    assert "GeoNames" in got["attribution"]
    assert ("GSHHG" in got["attribution"]) is (basemap_name == "offline")
    assert not (got["zoomButtons"] or got["layers"] or got["leafletScale"] or got["leafletCredit"])
    assert got["fits"], "a furniture box is clipped"


@pytest.mark.parametrize("fatalities", [0, 1, 10, 50, 100, 1000])
def test_size_key_draws_the_radius_the_map_draws(fatalities):
    page = maps.build_map(maps.pd.DataFrame({"lat": [35.9], "lon": [36.6], "fatalities": [fatalities]})).get_root().render()
    js = re.search(r"return Math\.min\((\d+) \+ (\d+) \* Math\.sqrt\(p\.fatalities \|\| 0\), (\d+)\)", page)
    base, k, cap = (int(x) for x in js.groups())
    assert furniture.fatality_radius(fatalities) == pytest.approx(min(base + k * math.sqrt(fatalities), cap))


@pytest.mark.parametrize("size", [(1600, 1000), (1080, 1080), (400, 900)])
@pytest.mark.parametrize("extent", ["view", "events"])
def test_picture_bounds_take_the_picture_shape_and_hold_the_extent(seed_frame, size, extent):
    view = snapshot.View(bounds=IDLIB_VIEW, width=size[0], height=size[1], extent=extent)
    s, w, n, e = snapshot.picture_bounds(seed_frame, view)
    aspect = math.radians(e - w) / (snapshot._merc(n) - snapshot._merc(s))
    assert aspect == pytest.approx(size[0] / size[1], rel=1e-6)
    inner = IDLIB_VIEW if extent == "view" else maps.data_bounds(maps.events_in_view(seed_frame, IDLIB_VIEW))
    assert s <= inner[0] + 1e-9 and w <= inner[1] + 1e-9 and n >= inner[2] - 1e-9 and e >= inner[3] - 1e-9
    if extent == "events":
        assert (e - w) < (IDLIB_VIEW[3] - IDLIB_VIEW[1]) * 1.5


def test_png_pdf_and_gif_are_written_with_the_picture_size(browser, seed_frame, tmp_path):
    view = snapshot.View(bounds=IDLIB_VIEW, width=800, height=500, title="Seed events")
    png = output.render(seed_frame, "png", view=view, browser=browser)
    assert Image.open(io.BytesIO(png)).size == (800, 500)
    pdf = output.render(seed_frame, "pdf", view=view, browser=browser)
    assert pdf.startswith(b"%PDF")
    box = re.search(rb"/MediaBox \[\s*0 0 ([\d.]+) ([\d.]+)\s*\]", pdf)
    assert box and float(box.group(1)) == pytest.approx(800 * 0.75, abs=1) and float(box.group(2)) == pytest.approx(500 * 0.75, abs=1)
    assert len(re.findall(rb"/Type\s*/Page(?!s)", pdf)) == 1  # one page
    gif = output.render(seed_frame, "gif", view=view, date_from="2018-01-20", date_to="2018-02-03", step="week",
                          browser=browser)
    image = Image.open(io.BytesIO(gif))
    assert image.size == (800, 500) and image.n_frames == 3


def test_print_preset_renders_300_dpi_a4(browser, seed_frame):
    width, height, scale = furniture.SIZE_PRESETS["print A4 landscape, 300 dpi"]
    view = snapshot.View(bounds=IDLIB_VIEW, width=width, height=height, scale=scale)
    image = Image.open(io.BytesIO(output.render(seed_frame, "png", view=view, browser=browser)))
    assert image.size[0] == pytest.approx(297 / 25.4 * 300, abs=3) and image.size[1] == pytest.approx(210 / 25.4 * 300, abs=3)


@pytest.mark.parametrize("extent", ["map", "", None])
def test_unknown_extent_is_refused(extent):
    with pytest.raises(SnapshotError, match="extent"):
        snapshot.View(extent=extent)
