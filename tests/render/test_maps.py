"""The event map, tested by rendering it and looking for what must (and must not) be there."""

from __future__ import annotations

import json
import re

import numpy as np
import pandas as pd
import pytest

from geo.geometry import clamp_bbox
from geo.render import assets, html, maps
from geo.records import EVENT_FIELDS
from geo.taxonomy import EVENT_TYPES

HOSTILE = 'Shelling hit Saraqib <script>window.__xss=1</script><img src=x onerror="window.__xss=2"> today.'


def render(m) -> str:
    return m.get_root().render()


def event_data(page: str) -> dict:
    """The FeatureCollection the event layer sends to the browser."""
    match = re.search(r"var data = (\{.*?\});\n", page)
    assert match, "no event layer data in the page"
    return json.loads(match.group(1))


def many_events(n: int, seed: int = 1) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    types = rng.choice(list(EVENT_TYPES), n)
    return pd.DataFrame(
        {
            "event_id": [f"ev{i}" for i in range(n)],
            "date_start": "2018-02-01",
            "date_end": "2018-02-01",
            "event_type": types,
            "sub_event_type": "",
            "actor1": "Military Forces of Syria",
            "location": "somewhere",
            "lat": rng.uniform(34.5, 37.0, n),
            "lon": rng.uniform(35.8, 38.5, n),
            "geo_precision": rng.integers(1, 4, n),
            "fatalities": rng.integers(0, 20, n),
            "sentence": "Fighting was reported near somewhere.",
        }
    )


def test_every_event_type_has_a_distinct_colour():
    assert set(maps.EVENT_COLOURS) == set(EVENT_TYPES)
    assert len(set(maps.EVENT_COLOURS.values())) == len(EVENT_TYPES)
    assert all(re.fullmatch(r"#[0-9a-f]{6}", c) for c in maps.EVENT_COLOURS.values())


@pytest.mark.parametrize("mode", ["markers", "cluster", "heatmap"])
@pytest.mark.parametrize("basemap", ["offline", "osm", "carto"])
def test_rendered_map_links_only_local_assets(seed_frame, mode, basemap):
    page = render(maps.build_map(seed_frame, mode=mode, basemap=basemap))
    assert assets.remote_asset_links(page) == []
    links = re.findall(r'<(?:script|link)\b[^>]*(?:src|href)="([^"]+)"', page)
    assert links and all(link.startswith("/app/static/") for link in links)
    assert "/app/static/leaflet/leaflet.js" in links
    assert not any("cdn" in link for link in links)
    if mode == "cluster":
        assert "/app/static/markercluster/leaflet.markercluster.js" in links
    if mode == "heatmap":
        assert "/app/static/leaflet-heat/leaflet_heat.min.js" in links


def test_markers_carry_type_colours_legend_and_caption(seed_frame):
    page = render(maps.build_map(seed_frame, caption="Idlib, 2018-01-20 – 2018-02-03"))
    data = event_data(page)
    assert {f["properties"]["event_id"] for f in data["features"]} == set(seed_frame["event_id"])
    legend = json.loads(re.search(r'div.innerHTML = (".*?Event type.*?");\n', page).group(1))
    for event_type, colour in maps.EVENT_COLOURS.items():
        present = event_type in set(seed_frame["event_type"])
        assert (event_type in legend) == present and (colour in legend) == present
    assert "cem-legend" in page and "cem-caption" in page
    assert "Idlib, 2018-01-20 – 2018-02-03" in page or "Idlib, 2018-01-20 \\u2013 2018-02-03" in page


@pytest.mark.parametrize(
    "precision, metres", [(1, 2_000), (2, 15_000), (3, 50_000), (None, 50_000)]
)
def test_halo_radius_follows_geo_precision(seed_frame, precision, metres):
    events = seed_frame.iloc[:1].assign(geo_precision=precision)
    data = event_data(render(maps.build_map(events)))
    assert data["features"][0]["properties"]["halo"] == metres


def test_hostile_sentence_never_reaches_the_page_as_markup(seed_frame):
    events = seed_frame.assign(sentence=HOSTILE + "</script><script>window.__xss=3</script>")
    page = render(maps.build_map(events))
    assert "window.__xss=1</script>" not in page
    assert "<script>window.__xss=3" not in page
    assert "<img" not in page
    assert "&lt;script&gt;window.__xss=1&lt;/script&gt;" in page  # shown as text, inside a JS string


@pytest.mark.parametrize(
    "value",
    ["</script><script>alert(1)</script>", "<!-- <script>", "line\u2028separator", "plain"],
)
def test_script_json_cannot_break_out_of_the_script_element(value):
    text = html.script_json({"popup": value})
    assert "</" not in text and "<!" not in text and "\u2028" not in text
    assert json.loads(text) == {"popup": value}


def test_bounds_limit_what_is_sent(seed_frame):
    afrin_only = (36.3, 36.6, 36.8, 37.1)
    data = event_data(render(maps.build_map(seed_frame, bounds=afrin_only)))
    assert [f["properties"]["event_id"] for f in data["features"]] == ["seed-3"]


@pytest.mark.parametrize("bounds", [(37, 36, 35, 38), ("a", 1, 2, 3), (1, 2, 3), (float("nan"), 0, 1, 1)])
def test_bad_bounds_are_refused(seed_frame, bounds):
    with pytest.raises(ValueError, match="bbox"):
        maps.build_map(seed_frame, bounds=bounds)


@pytest.mark.parametrize(
    "bounds, expected",
    [
        ((-95, -200, 95, 200), (-90, -180, 90, 180)),  # zoomed far out
        ((10, 170, 20, 190), (10, 170, 20, -170)),  # panned across the antimeridian
    ],
)
def test_panned_leaflet_bounds_are_normalised(bounds, expected):
    assert clamp_bbox(bounds) == pytest.approx(expected)


@pytest.mark.parametrize("option, value", [("basemap", "google"), ("mode", "3d")])
def test_unknown_options_are_refused(seed_frame, option, value):
    with pytest.raises(ValueError, match=option):
        maps.build_map(seed_frame, **{option: value})


def test_empty_selection_says_no_events():
    empty = pd.DataFrame(columns=list(EVENT_FIELDS))
    page = render(maps.build_map(empty))
    assert "No events match these filters" in page
    assert all(event_type in page for event_type in EVENT_TYPES)  # the full legend
    assert assets.remote_asset_links(page) == []


def test_events_without_coordinates_are_left_out(seed_frame):
    events = seed_frame.copy()
    events.loc[0, "lat"] = None
    data = event_data(render(maps.build_map(events)))
    assert len(data["features"]) == len(seed_frame) - 1


def test_selected_event_is_marked(seed_frame):
    data = event_data(render(maps.build_map(seed_frame, selected_event_id="seed-2")))
    selected = [f["properties"]["event_id"] for f in data["features"] if f["properties"]["selected"]]
    assert selected == ["seed-2"]


def test_many_events_are_aggregated_into_grid_cells():
    events = many_events(maps.MAX_MARKERS * 4)
    page = render(maps.build_map(events, selected_event_id="ev7"))
    data = event_data(page)
    cells = [f for f in data["features"] if "count" in f["properties"]]
    singles = [f for f in data["features"] if "count" not in f["properties"]]
    assert sum(f["properties"]["count"] for f in cells) == len(events)
    assert len(cells) <= (maps.GRID_CELLS + 1) ** 2 < len(events) / 2
    assert [f["properties"]["event_id"] for f in singles] == ["ev7"]
    assert "Circles: events per grid cell" in page


def test_aggregate_keeps_counts_types_and_fatalities():
    events = many_events(5000, seed=3)
    cells = maps.aggregate(events, (34.5, 35.8, 37.0, 38.5), cells=10)
    assert cells["count"].sum() == 5000
    assert cells["fatalities"].sum() == events["fatalities"].sum()
    assert all(cell["event_type"] == max(cell["types"], key=cell["types"].get) for cell in cells.to_dict("records"))
    assert len(cells) <= 11 * 11


def test_heatmap_sends_weighted_points_not_events():
    events = many_events(20_000)
    page = render(maps.build_map(events, mode="heatmap"))
    assert "L.heatLayer" in page
    assert "var data = " not in page
    assert "Event density" in page


@pytest.mark.parametrize(
    "outliers, expect_fit_to_syria",
    [
        (0, True),
        (1, True),  # one protest in Cologne among 40 events in Idlib
        (20, False),  # a third of the events in Germany: the view must show them
    ],
)
def test_first_view_fits_where_most_events_are(outliers, expect_fit_to_syria):
    idlib = pd.DataFrame({"lat": np.linspace(35.5, 36.2, 40), "lon": np.linspace(36.4, 37.1, 40)})
    cologne = pd.DataFrame({"lat": [50.94] * outliers, "lon": [6.96] * outliers})
    s, w, n, e = maps.data_bounds(pd.concat([idlib, cologne], ignore_index=True))
    assert s <= 35.5 and e >= 37.1
    assert (n < 40 and w > 30) is expect_fit_to_syria


def test_few_events_all_fit_in_the_first_view():
    events = pd.DataFrame({"lat": [35.9, 50.94], "lon": [36.6, 6.96]})
    s, w, n, e = maps.data_bounds(events)
    assert s < 35.9 and n > 50.94 and w < 6.96 and e > 36.6


def test_a_rebuilt_map_opens_on_the_users_view_not_the_query_box(seed_frame):
    query_box = (30.0, 30.0, 40.0, 45.0)  # the wider, grid-snapped area the page asked the store for
    page = render(maps.build_map(seed_frame, bounds=query_box, zoom=10, center=(36.51, 36.87)))
    assert "fitBounds" not in page
    assert re.search(r"center: \[36\.51, 36\.87\]", page)
    assert re.search(r"\"zoom\": 10\b", page)
    fitted = render(maps.build_map(seed_frame, bounds=query_box))
    assert "fitBounds" in fitted


# --- the live map's data file (geo.map_data) -----------------------------------------------------

def test_map_payload_is_columnar_with_tables(seed_frame):
    from geo.render import map_data

    frame = pd.concat([seed_frame, seed_frame.head(1).assign(event_id="unplaced", lat=None, lon=None)], ignore_index=True)
    data = map_data.payload(frame)
    assert (data["n"], data["unplaced"], data["day0"]) == (4, 1, "2018-01-20")
    at = data["id"].index("seed-1")
    assert data["d0"][at] == data["d1"][at] == 14  # 2018-02-03 is day 14 after 20 January
    assert data["types"][data["t"][at]] == "Explosions/Remote violence"
    assert data["places"][data["p"][at]] == "Ma'arrat an Nu'man" and data["mentions"][data["m"][at]] == "Maaret al-Numan"
    assert data["actors"][data["a1"][at]] == "Opposition fighters"
    assert data["a2"][data["id"].index("seed-4")] == -1, "an empty actor is -1, not a table entry"
    assert (data["f"][at], data["g"][at]) == (1, 1)
    assert len(data["actors"]) == len(set(data["actors"])), "each actor once"


@pytest.mark.parametrize("n", [0, 50])
def test_map_payload_file_is_named_by_content_and_old_ones_go(tmp_path, monkeypatch, n):
    from geo.render import map_data

    monkeypatch.setattr(map_data, "KEEP_FILES", 3)
    first = map_data.write_payload(many_events(n), tmp_path)
    assert first == map_data.write_payload(many_events(n), tmp_path), "same events, same file"
    data = json.loads((tmp_path / first).read_text())
    assert data["n"] == n and len(data.get("id", [])) == n
    for seed in range(2, 7):
        map_data.write_payload(many_events(5, seed=seed), tmp_path)
    assert len(list((tmp_path / map_data.DATA_DIR).glob("*.json"))) == 3


def test_map_payload_script_safe(seed_frame):
    from geo.render import map_data

    text = html.script_json(map_data.payload(seed_frame.assign(actor1=HOSTILE)))
    assert "</script" not in text.lower() and HOSTILE in json.loads(text)["actors"]


@pytest.mark.parametrize("mode, n, clustered", [("cluster", 3000, True), ("markers", 3000, False), ("cluster", 50, True)])
def test_cluster_mode_clusters_above_the_marker_limit(mode, n, clustered):
    page = render(maps.build_map(many_events(n), mode=mode))
    assert ("L.markerClusterGroup" in page) is clustered
    features = event_data(page)["features"]
    assert all("event_id" in f["properties"] for f in features) is (mode == "cluster" or n <= maps.MAX_MARKERS)
