"""Map build time and page size: geo.maps.build_map next to a naive folium map, same process.

The naive map is what folium's docs suggest: one CircleMarker with a Popup per event.
Ours sends one GeoJSON layer, and grid cells with counts above maps.MAX_MARKERS events in view.

    python bench/bench_maps.py [--sizes 10000,100000] [--browser] [--naive-max 100000]

--browser also times the page in headless Chromium until Leaflet reports it loaded. Our maps are
timed as the median of 3 after a warm-up (the first map of a process loads the town names, ~0.8 s);
the naive map once.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

import numpy as np
import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import folium  # noqa: E402

from geo.render import assets, maps  # noqa: E402
from geo.taxonomy import EVENT_TYPES  # noqa: E402

IDLIB = (35.3, 36.2, 36.3, 37.2)  # a zoomed-in view, S, W, N, E
TOWNS = [("Idlib", 35.93, 36.63), ("Saraqib", 35.86, 36.80), ("Maaret al-Numan", 35.64, 36.67),
         ("Afrin", 36.51, 36.87), ("Aleppo", 36.20, 37.16), ("Douma", 33.57, 36.40), ("Raqqa", 35.95, 39.01),
         ("Deir ez-Zor", 35.33, 40.14), ("Homs", 34.73, 36.71), ("Daraa", 32.62, 36.10), ("Mosul", 36.34, 43.13)]


def synthetic_events(n: int, seed: int = 7) -> pd.DataFrame:
    """Events scattered around Syrian (and one Iraqi) towns, with article-like sentences."""
    rng = np.random.default_rng(seed)
    town = rng.integers(0, len(TOWNS), n)
    names = np.array([t[0] for t in TOWNS])[town]
    lat = np.array([t[1] for t in TOWNS])[town] + rng.normal(0, 0.25, n)
    lon = np.array([t[2] for t in TOWNS])[town] + rng.normal(0, 0.25, n)
    days = pd.Timestamp("2017-12-01") + pd.to_timedelta(rng.integers(0, 120, n), unit="D")
    day = days.strftime("%Y-%m-%d")
    return pd.DataFrame(
        {
            "event_id": [f"bench-{i}" for i in range(n)],
            "article_id": [f"art-{i // 5}" for i in range(n)],
            "date_start": day,
            "date_end": day,
            "date_precision": "day",
            "event_type": rng.choice(list(EVENT_TYPES), n, p=[0.25, 0.35, 0.15, 0.12, 0.04, 0.05, 0.04]),
            "sub_event_type": "",
            "actor1": "Military Forces of Syria",
            "actor2": "HTS: Hayat Tahrir al Sham",
            "place": names,
            "location": names,
            "admin1": "",
            "country_code": "SY",
            "lat": lat,
            "lon": lon,
            "geo_precision": rng.integers(1, 4, n),
            "fatalities": rng.poisson(2, n),
            "sentence": [f"Government forces shelled positions near {t} on the edge of the province, a monitor said." for t in names],
            "source": "Reuters",
            "url": [f"https://example.org/news/{i}" for i in range(n)],
        }
    )


def naive_map(events: pd.DataFrame) -> folium.Map:
    """One folium CircleMarker and Popup per event: the baseline."""
    m = folium.Map(location=[35.0, 38.0], zoom_start=7, tiles=None, max_zoom=18)
    for rec in events.to_dict("records"):
        folium.CircleMarker(
            [rec["lat"], rec["lon"]], radius=5, color=maps.EVENT_COLOURS[rec["event_type"]], fill=True,
            popup=folium.Popup(maps.popup_html(rec), max_width=380),
        ).add_to(m)
    return m


def timed(build, repeat: int = 1) -> tuple[float, str, folium.Map]:
    """Median seconds of `repeat` builds + renders, with the last page and map."""
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        m = build()
        page = m.get_root().render()
        times.append(time.perf_counter() - start)
    return statistics.median(times), page, m


def browser_seconds(browser, page: str, map_name: str) -> float:
    from geo.render.snapshot import capture

    start = time.perf_counter()
    capture(browser, assets.inline_assets(page), map_name, width=1600, height=1000, timeout_s=600)
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="10000,100000")
    parser.add_argument("--naive-max", type=int, default=100_000, help="skip the naive map above this many events")
    parser.add_argument("--browser", action="store_true", help="also time the page load in headless Chromium")
    args = parser.parse_args()
    assets.use_local_assets()  # as the app does: the naive map loads Leaflet from the same copies
    maps.build_map(synthetic_events(10))  # warm-up: the town names load once per process (~0.8 s)
    browser = None
    if args.browser:
        from geo.render.browser import launch

        browser = launch()
    print(f"{'events':>8} {'map':<26} {'build+render s':>14} {'HTML MB':>8} {'browser s':>9}")
    try:
        for n in (int(x) for x in args.sizes.split(",")):
            events = synthetic_events(n)
            rows = {
                "ours, all (aggregated)": lambda: maps.build_map(events),
                "ours, Idlib view": lambda: maps.build_map(events, bounds=IDLIB),
                "ours, heatmap": lambda: maps.build_map(events, mode="heatmap"),
            }
            if n <= args.naive_max:
                rows["naive CircleMarker+Popup"] = lambda: naive_map(events)
            results = {}
            for label, build in rows.items():
                seconds, page, m = timed(build, repeat=1 if label.startswith("naive") else 3)
                shown = browser_seconds(browser, page, m.get_name()) if browser else float("nan")
                results[label] = (seconds, len(page.encode("utf-8")), shown)
                print(f"{n:>8} {label:<26} {seconds:>14.2f} {len(page) / 1e6:>8.2f} {shown:>9.2f}", flush=True)
            if "naive CircleMarker+Popup" in results:
                base = results["naive CircleMarker+Popup"]
                ours = results["ours, all (aggregated)"]
                line = f"{n:>8} ratio naive/ours (all): build {base[0] / ours[0]:.0f}x, HTML {base[1] / ours[1]:.0f}x"
                if browser:
                    line += f", browser {base[2] / ours[2]:.1f}x"
                print(line, flush=True)
    finally:
        if browser:
            browser.close()


if __name__ == "__main__":
    main()
