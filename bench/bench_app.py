"""App benchmark: the map page with 100,000 events in the store, next to a naive folium map.

    python bench/bench_app.py [--n 100000] [--naive-n N] [--no-browser] [--cold-runs 3]

Measures, on a fresh store of N synthetic events (bench/generate.py):
- map page server time: one AppTest run of app.py's map page, cold (caches emptied) and warm,
  and after a filter change; budget 2 s;
- bytes sent: the page's elements as Streamlit sends them; budget 3 MB (the events travel in
  one static data file, fetched once per filter: its size is printed on its own);
- in headless Chromium against `streamlit run app.py`: playback frames/s in the browser, time
  from a pan (mouse released) to the redrawn markers, the server's memory (RSS) after the first
  map and after 20 filter changes; beside the figures of the map before the live map
  (issue 11: 1.1-1.6 s per Play step, 1.4-2.2 s per rebuild on a pan);
- cold start: `streamlit run app.py` launched, to the first map drawn in headless Chromium, the
  median of --cold-runs fresh server processes; budget 5 s;
- the naive way (one folium CircleMarker with a popup per event, built and rendered to HTML),
  in the same process, and our figure / naive figure as ratios.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from contextlib import contextmanager
from pathlib import Path
from statistics import median

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

FEATURES_JS = "() => !!(window.cem && window.cem.data && window.cem.stats.draws > 0 && window.cem.hits.length > 0)"
BEFORE = {"step": "1.1-1.6 s per Play step (a rerun and a rebuilt map)", "pan": "1.4-2.2 s per rebuild, with a flash"}
FILTERS = [  # 20 filter changes: URL parameters as a user's clicks would set them
    {"type": "Battles"}, {"type": "Protests"}, {"country": "SY"}, {"country": "IQ"}, {"country": "UA"},
    {"type": "Riots", "country": "SY"}, {"dead": "5"}, {"precision": "1"}, {"country_level": "hide"},
    {"from": "2018-01-01", "to": "2018-12-31"}, {"q": "Aleppo"}, {"type": "Explosions/Remote violence"},
    {"country": "YE"}, {"country": "AF"}, {"sub": "Armed clash"}, {"dead": "20"}, {"type": "Battles", "country": "IQ"},
    {"precision": "2"}, {"country": "NG"}, {},
]


def fill_store(db: Path, n: int) -> float:
    from generate import generate

    from geo.store.store import Store

    t0 = time.perf_counter()
    with Store(db) as store:
        store.add_many(generate(n, seed=1), dedup=False, batch=20_000)
        store.optimize()
    return time.perf_counter() - t0


def _payload_bytes(node) -> int:
    """Bytes of the protobuf deltas of every element in an AppTest tree."""
    proto = getattr(node, "proto", None)
    size = proto.ByteSize() if proto is not None and not hasattr(node, "children") else 0
    for child in getattr(node, "children", {}).values():
        size += _payload_bytes(child)
    return size


def page_runs() -> list[tuple[str, float, int]]:
    """(label, seconds, bytes) for AppTest runs of the map page."""
    import streamlit as st
    from streamlit.testing.v1 import AppTest

    st.cache_data.clear()
    st.cache_resource.clear()
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=120)
    out = []
    for label, flt in (("first map, cold caches", None), ("rerun, warm", None), ("after a filter change", ("SY",))):
        if flt:
            at.session_state["f_countries"] = list(flt)
        t0 = time.perf_counter()
        at.run()
        seconds = time.perf_counter() - t0
        if at.exception:
            raise RuntimeError(at.exception[0].value)
        out.append((label, seconds, _payload_bytes(at._tree)))
    return out


def _rss_mb(pid: int) -> float:
    """Resident memory of a process, from /proc."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def _serve(env: dict[str, str], root: Path = ROOT) -> tuple[subprocess.Popen, str]:
    """`streamlit run app.py` of the checkout at `root` on a free port, once it answers."""
    from test_browser_app import _free_port, _wait_healthy

    port = _free_port()
    proc = subprocess.Popen(
        [sys.executable, "-m", "streamlit", "run", "app.py", "--server.port", str(port), "--server.address",
         "127.0.0.1", "--server.headless", "true", "--server.fileWatcherType", "none"],
        cwd=root, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}"
    _wait_healthy(url, proc)
    return proc, url


LOADED_JS = "() => !!(window.cem && window.cem.data && window.cem.stats.draws > 0)"


def _wait_map(page, limit_s: float = 300, ready: str = FEATURES_JS):
    from test_browser_app import MAP_FRAME

    deadline = time.perf_counter() + limit_s
    while time.perf_counter() < deadline:
        try:
            frame = page.wait_for_selector(MAP_FRAME, timeout=limit_s * 1000).content_frame()
            if frame and frame.evaluate(ready):
                return frame
        except Exception:  # the page is still loading
            pass
        time.sleep(0.05)
    raise TimeoutError("no map drawn")


@contextmanager
def app_page(env: dict[str, str], root: Path = ROOT, height: int = 1000):
    """A fresh `streamlit run app.py` and a Chromium page for it, both stopped on exit: yields (page, url,
    server process, the time the server was launched)."""
    from geo.render.browser import launch

    browser = launch()
    t0 = time.perf_counter()
    proc, url = _serve(env, root)
    try:
        yield browser.browser.new_page(viewport={"width": 1400, "height": height}), url, proc, t0
    finally:
        proc.terminate()
        proc.wait(timeout=10)
        browser.close()


def browser_figures(env: dict[str, str]) -> dict[str, float]:
    """Playback frames/s, pan-to-redraw seconds and server memory, in headless Chromium."""
    out: dict[str, float] = {}
    with app_page(env, height=900) as (page, url, proc, _):
        t0 = time.perf_counter()
        page.goto(url)
        frame = _wait_map(page)
        out["first_map_s"] = time.perf_counter() - t0
        time.sleep(1.0)
        out["rss_first_mb"] = _rss_mb(proc.pid)
        out["events"] = frame.evaluate("() => window.cem.data.n")
        # playback: day steps at the fastest speed, cumulative (every frame draws more events), 4 s
        frame.select_option("#cem-fps", "30")
        frame.select_option("#cem-stepby", "day")
        frame.evaluate("() => { const s = window.cem; s.lo = 0; s.hi = s.data.days - 1; }")
        frame.click("#cem-play")
        time.sleep(4.0)
        frames, first, last, draw_ms = frame.evaluate(
            "() => [window.cem.stats.frames, window.cem.stats.firstFrameAt, window.cem.stats.lastFrameAt, window.cem.stats.lastDrawMs]")
        frame.click("#cem-play")
        out["fps"] = (frames - 1) / max((last - first) / 1000, 1e-6)
        out["frame_draw_ms"] = draw_ms
        # pan: drag the map, time from the mouse released to the markers redrawn
        frame.evaluate("() => { window.cem.map.setView([35.5, 37.5], 7, {animate: false}); }")
        time.sleep(1.5)
        box = frame.locator("#cem-map").bounding_box()
        pans = []
        for k in range(5):
            x, y = box["x"] + box["width"] / 2, box["y"] + box["height"] / 2
            draws = frame.evaluate("() => window.cem.stats.draws")
            page.mouse.move(x, y)
            page.mouse.down()
            for step in range(1, 6):
                page.mouse.move(x + (-1) ** k * 30 * step, y + 10 * step)
            page.mouse.up()
            released = time.perf_counter()
            while frame.evaluate("(d) => window.cem.stats.draws <= d || window.cem.hits.length === 0", draws):
                time.sleep(0.002)
            pans.append(time.perf_counter() - released)
            time.sleep(1.0)
        out["pan_s"] = median(pans)
        out["zoom_kept"] = float(frame.evaluate("() => window.cem.map.getZoom()") == 7)
        for params in FILTERS:
            query = "&".join(f"{k}={v}" for k, v in params.items())
            page.goto(f"{url}/?{query}")
            _wait_map(page, ready=LOADED_JS)  # a filter may match nothing
        time.sleep(1.0)
        out["rss_after_filters_mb"] = _rss_mb(proc.pid)
    return out


def naive_map(db: Path, n: int) -> tuple[float, int]:
    """One CircleMarker with a popup per event: build + render seconds, HTML bytes."""
    import folium

    from geo.render import assets
    from geo.records import EventFilter
    from geo.store.store import Store

    with Store(db) as store:
        events = store.query(EventFilter(limit=n))
    assets.use_local_assets()
    t0 = time.perf_counter()
    m = folium.Map(location=[35.5, 38.0], zoom_start=3, tiles=None, max_zoom=18)
    for ev in events.itertuples():
        folium.CircleMarker(
            [ev.lat, ev.lon], radius=5, color="#d62728", fill=True, popup=folium.Popup(ev.sentence, max_width=300)
        ).add_to(m)
    html = m.get_root().render()
    return time.perf_counter() - t0, len(html.encode())


def cold_start(env: dict[str, str], limit_s: float = 300) -> tuple[float, float] | None:
    """Seconds from `streamlit run app.py` launched, and from the page opened, to the first map drawn.

    None when no map is drawn within `limit_s`.
    """
    with app_page(env) as (page, url, _, t0):
        opened = time.perf_counter()
        page.goto(url)
        try:
            _wait_map(page, limit_s - (opened - t0))
        except TimeoutError:
            return None
        return time.perf_counter() - t0, time.perf_counter() - opened


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--n", type=int, default=100_000, help="events in the store")
    ap.add_argument("--naive-n", type=int, help="events in the naive map (default: --n)")
    ap.add_argument("--no-browser", action="store_true", help="skip the cold start in Chromium")
    ap.add_argument("--cold-runs", type=int, default=3, help="cold starts to take the median of (one is noise)")
    args = ap.parse_args(argv)
    sys.path[:0] = [str(ROOT / "tests"), str(ROOT / "tests" / "app")]

    with tempfile.TemporaryDirectory(prefix="bench-app-") as tmp:
        db = Path(tmp) / "events.db"
        from geo.render.basemap import ensure_tiles

        # the basemap's tiles are built once into data/ (a first start's cost, not a cold start's)
        env = {**os.environ, "GEO_DATA_DIR": tmp, "GEO_DB": str(db), "GEO_BASEMAP": str(ensure_tiles())}
        os.environ.update(env)
        print(f"store: {args.n:,} synthetic events loaded in {fill_store(db, args.n):.1f} s")

        runs = page_runs()
        naive_n = args.naive_n or args.n
        naive_s, naive_bytes = naive_map(db, naive_n)
        scale = args.n / naive_n  # the naive map grows linearly with its events
        naive_s, naive_bytes = naive_s * scale, naive_bytes * scale
        note = "" if naive_n == args.n else f" (measured at {naive_n:,}, scaled x{scale:g})"
        print(f"naive folium map of {args.n:,} CircleMarkers: build+render {naive_s:.2f} s, "
              f"{naive_bytes / 1e6:.1f} MB HTML{note}")
        print(f"{'map page (AppTest run)':34} {'server s':>9} {'MB sent':>8} {'time/naive':>11} {'bytes/naive':>12}")
        for label, seconds, size in runs:
            print(f"{label:34} {seconds:9.2f} {size / 1e6:8.2f} {seconds / naive_s:11.4f} {size / naive_bytes:12.4f}")
        worst_s, worst_b = max(r[1] for r in runs), max(r[2] for r in runs)
        print(f"budget: server < 2 s: {'ok' if worst_s < 2 else 'OVER'} ({worst_s:.2f} s); "
              f"sent < 3 MB: {'ok' if worst_b < 3e6 else 'OVER'} ({worst_b / 1e6:.2f} MB)")
        if not args.no_browser:
            live = browser_figures(env)
            print(f"live map in Chromium ({live['events']:,} events on the map; first map {live['first_map_s']:.1f} s):")
            print(f"  playback: {live['fps']:.1f} frames/s in the browser ({live['frame_draw_ms']:.1f} ms to draw the last frame), "
                  f"no server round-trip; before: {BEFORE['step']}")
            print(f"  pan to redrawn markers: median {live['pan_s'] * 1000:.0f} ms of 5 pans, zoom kept: "
                  f"{'yes' if live['zoom_kept'] else 'NO'}; before: {BEFORE['pan']}")
            print(f"  server memory (RSS): {live['rss_first_mb']:.0f} MB after the first map, "
                  f"{live['rss_after_filters_mb']:.0f} MB after {len(FILTERS)} filter changes")
            timings = [cold_start(env) for _ in range(max(1, args.cold_runs))]
            if None in timings:
                print("cold start: no map drawn within 300 s (budget 5 s: OVER)")
                return 1
            seconds, from_page = median(t[0] for t in timings), median(t[1] for t in timings)
            spread = f"{min(t[0] for t in timings):.2f}-{max(t[0] for t in timings):.2f} s"
            print(f"cold start, process launch to first map in Chromium: median {seconds:.2f} s of {len(timings)} "
                  f"({spread}; budget 5 s: {'ok' if seconds < 5 else 'OVER'}; {from_page:.2f} s of it from opening "
                  f"the page); naive build+render alone: {naive_s:.1f} s, ratio {seconds / naive_s:.4f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
