"""A 1600x1000 PNG of 10,000 events: geo.snapshot next to folium's own Map._to_png, same map.

folium's _to_png drives Selenium (here: Debian's /usr/bin/chromium through /usr/bin/chromedriver)
and sleeps a fixed `delay` (3 s by default) before the screenshot; ours waits for Leaflet's
load events. Both times include starting the browser.

    python bench/bench_snapshot.py [--events 10000] [--repeat 3]

The baseline needs `pip install selenium` (not an app dependency) and chromedriver.
"""

from __future__ import annotations

import argparse
import io
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_maps import IDLIB, synthetic_events  # noqa: E402

from geo.render import assets, snapshot  # noqa: E402
from geo.render.browser import CHROMIUM_FLAGS, find_chromium, launch  # noqa: E402

SIZE = (1600, 1000)


def ours_cold(events, bounds) -> float:
    start = time.perf_counter()
    png = snapshot.render_png(events, snapshot.View(bounds=bounds, width=SIZE[0], height=SIZE[1]))
    seconds = time.perf_counter() - start
    _check(png)
    return seconds


def ours_warm(events, bounds, browser, pdf: bool = False) -> float:
    start = time.perf_counter()
    out = snapshot.render_png(events, snapshot.View(bounds=bounds, width=SIZE[0], height=SIZE[1]), browser=browser, pdf=pdf)
    seconds = time.perf_counter() - start
    if pdf:
        assert out.startswith(b"%PDF"), out[:8]
    else:
        _check(out)
    return seconds


def folium_to_png(events, bounds, static_dir: Path) -> float:
    """folium's Map._to_png on the same map, its assets read from file:// copies."""
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    m = snapshot.snapshot_map(events, snapshot.View(bounds=bounds, width=SIZE[0], height=SIZE[1]))
    assets.localize(m, prefix=static_dir.as_uri())
    start = time.perf_counter()
    options = webdriver.ChromeOptions()
    options.binary_location = str(find_chromium())
    for flag in CHROMIUM_FLAGS:
        options.add_argument(flag)
    driver = webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=options)
    png = m._to_png(driver=driver, size=SIZE)
    seconds = time.perf_counter() - start
    _check(png)
    return seconds


def _check(png: bytes) -> None:
    from PIL import Image

    import numpy as np

    image = Image.open(io.BytesIO(png))
    assert image.size[0] >= SIZE[0] * 0.9, image.size
    assert np.asarray(image.convert("L")).std() > 10, "blank picture"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=10_000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    events = synthetic_events(args.events)
    try:
        import selenium  # noqa: F401
    except ImportError:
        selenium = None
    with tempfile.TemporaryDirectory() as tmp, launch() as browser:
        static_dir = assets.install_static(Path(tmp) / "static")
        for label, bounds in (("all events in view (grid cells)", None), ("Idlib view (single events)", IDLIB)):
            print(f"{args.events} events, {label}, {SIZE[0]}x{SIZE[1]} PNG, median of {args.repeat}")
            cold = statistics.median(ours_cold(events, bounds) for _ in range(args.repeat))
            print(f"  geo.snapshot (browser start included): {cold:6.2f} s", flush=True)
            warm = statistics.median(ours_warm(events, bounds, browser) for _ in range(args.repeat))
            print(f"  geo.snapshot (browser reused):         {warm:6.2f} s  (budget 2 s: {'ok' if warm < 2 else 'OVER'})",
                  flush=True)
            pdf = statistics.median(ours_warm(events, bounds, browser, pdf=True) for _ in range(args.repeat))
            print(f"  same as PDF (browser reused):          {pdf:6.2f} s", flush=True)
            if selenium is None:
                print("  folium Map._to_png: skipped, selenium is not installed (pip install selenium)")
                continue
            try:
                base = statistics.median(folium_to_png(events, bounds, static_dir) for _ in range(args.repeat))
            except Exception as exc:  # a driver that does not match the browser, ...
                print(f"  folium Map._to_png: failed with selenium + /usr/bin/chromedriver: {str(exc).splitlines()[0]}")
                continue
            print(f"  folium Map._to_png (delay=3 default):  {base:6.2f} s")
            print(f"  ratio folium/ours: {base / cold:.1f}x (cold), {base / warm:.1f}x (browser reused)", flush=True)

if __name__ == "__main__":
    main()
