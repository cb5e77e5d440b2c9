"""Leaflet and plugins come from installed packages: copied for Streamlit, inlined for files."""

from __future__ import annotations

import folium
import folium.plugins
import pytest

from geo.render import assets


@pytest.fixture()
def restore_links():
    """use_local_assets() changes folium classes: put back whatever was there after the test."""
    saved = {cls: (cls.default_js, cls.default_css) for cls in (folium.Map, folium.plugins.MarkerCluster, folium.plugins.HeatMap)}
    prefix = assets.current_prefix()
    yield
    for cls, (js, css) in saved.items():
        cls.default_js, cls.default_css = js, css
    assets.use_local_assets(prefix)


def test_every_asset_comes_from_an_installed_package():
    files = assets.asset_files()
    for needed in ("leaflet/leaflet.js", "leaflet/leaflet.css", "jquery/jquery.min.js",
                   "markercluster/leaflet.markercluster.js", "leaflet-heat/leaflet_heat.min.js",
                   "leaflet/images/layers.png"):
        assert files[needed].is_file(), needed
        assert files[needed].stat().st_size > 0


def test_install_static_copies_once(tmp_path):
    target = assets.install_static(tmp_path / "static")
    for relative, source in assets.asset_files().items():
        copied = target / relative
        assert copied.read_bytes() == source.read_bytes()
    stamp = (target / "leaflet/leaflet.js").stat().st_mtime_ns
    assets.install_static(tmp_path / "static")
    assert (target / "leaflet/leaflet.js").stat().st_mtime_ns == stamp
    assert not list(target.rglob(".*"))  # no temporary files left behind


def test_install_static_repairs_a_truncated_copy(tmp_path):
    target = assets.install_static(tmp_path)
    (target / "leaflet/leaflet.js").write_text("half")
    assets.install_static(tmp_path)
    assert (target / "leaflet/leaflet.js").read_bytes() == assets.asset_files()["leaflet/leaflet.js"].read_bytes()


def test_plain_folium_maps_point_at_the_local_copies(restore_links):
    assets.use_local_assets("/app/static")
    m = folium.Map(tiles=None, max_zoom=18)
    folium.plugins.MarkerCluster().add_to(m)
    folium.plugins.HeatMap([[35.0, 36.0, 1.0]]).add_to(m)
    page = m.get_root().render()
    assert assets.remote_asset_links(page) == []
    assert '<script src="/app/static/leaflet/leaflet.js"></script>' in page
    assert "/app/static/markercluster/MarkerCluster.css" in page
    assert "/app/static/leaflet-heat/leaflet_heat.min.js" in page


def test_prefix_is_configurable(restore_links):
    assets.use_local_assets("/static")
    assert ("leaflet", "/static/leaflet/leaflet.js") in folium.Map.default_js


def test_remote_asset_links_finds_cdn_links():
    page = '<script src="https://cdn.jsdelivr.net/npm/leaflet.js"></script><link rel="stylesheet" href="//x.org/a.css"/>'
    assert assets.remote_asset_links(page) == ["https://cdn.jsdelivr.net/npm/leaflet.js", "//x.org/a.css"]


def test_inline_assets_leaves_no_link_and_embeds_images(restore_links):
    assets.use_local_assets()
    m = folium.Map(tiles=None, max_zoom=18)
    folium.plugins.MarkerCluster().add_to(m)
    page = assets.inline_assets(m.get_root().render())
    assert "/app/static/" not in page
    assert assets.remote_asset_links(page) == []
    assert "L.MarkerClusterGroup" in page and "jQuery" in page
    assert "url(data:image/png;base64," in page  # the layer control icon
    assert "url(images/" not in page
