"""The offline basemap's cost: cold start to the first map, next to today's main in the same run,
and the bytes the basemap adds to the first map of Syria.

    python bench/bench_basemap.py [--main-ref main] [--runs 3] [--n 100000]

Both apps start on the same store (the seed articles, or --n synthetic events) and the same gazetteer;
ours uses the tiles already built in data/ (the first start builds them once, like the gazetteer).
Runs alternate (main, ours, main, ours, ...) so they share the machine's load; the medians are
printed with the budget: ours within main + 10 %, basemap bytes under 300 kB.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from statistics import median

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "bench"), str(ROOT / "tests"), str(ROOT / "tests" / "app")]

SCRIPT_BYTES = (ROOT / "geo" / "render" / "basemap.js").stat().st_size


def cold_start(root: Path, env: dict[str, str], limit_s: float = 300) -> tuple[float, int] | None:
    """(seconds from `streamlit run` to the first map drawn, bytes of basemap files fetched for it)."""
    from bench_app import _wait_map, app_page

    fetched: list[int] = []
    with app_page(env, root) as (page, url, _, t0):

        def count(response) -> None:
            if "/app/static/basemap/" in response.url:
                try:
                    fetched.append(len(response.body()))
                except Exception:
                    pass

        page.on("response", count)
        page.goto(url)
        try:
            _wait_map(page, limit_s - (time.perf_counter() - t0))
        except TimeoutError:
            return None
        seconds = time.perf_counter() - t0
        page.wait_for_timeout(1000)  # the tiles the first view asked for
        return seconds, sum(fetched) + SCRIPT_BYTES  # the script rides in the map's page


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--main-ref", default="main", help="the git ref of today's code")
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--n", type=int, default=0, help="synthetic events in the store (default: the seed articles, a map of Syria)")
    args = ap.parse_args(argv)
    from bench_app import fill_store

    from geo.render.basemap import ensure_tiles
    from geo.settings import data_dir, gazetteer_path

    ensure_tiles()
    with tempfile.TemporaryDirectory(prefix="bench-basemap-") as tmp:
        old = Path(tmp) / "main"
        subprocess.run(["git", "worktree", "add", "--detach", str(old), args.main_ref], cwd=ROOT, check=True,
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        try:
            db = Path(tmp) / "events.db"
            if args.n:
                print(f"store: {args.n:,} synthetic events loaded in {fill_store(db, args.n):.1f} s")
            else:
                subprocess.run([sys.executable, "-m", "geo", "ingest", str(ROOT / "seeds"), "--db", str(db)], cwd=ROOT,
                               check=True, stdout=subprocess.DEVNULL)
                print("store: the seed articles")
            env = {**os.environ, "GEO_DATA_DIR": str(data_dir()), "GEO_GAZETTEER": str(gazetteer_path()), "GEO_DB": str(db)}
            times: dict[str, list[float]] = {"main": [], "ours": []}
            sent: list[int] = []
            for _ in range(args.runs):
                for label, root in (("main", old), ("ours", ROOT)):
                    got = cold_start(root, env)
                    if got is None:
                        print(f"{label}: no map within 300 s")
                        return 1
                    times[label].append(got[0])
                    if label == "ours":
                        sent.append(got[1])
                    print(f"  {label}: {got[0]:.2f} s" + (f", basemap {got[1] / 1e3:.0f} kB" if label == "ours" else ""), flush=True)
        finally:
            subprocess.run(["git", "worktree", "remove", "--force", str(old)], cwd=ROOT, stdout=subprocess.DEVNULL,
                           stderr=subprocess.DEVNULL)
    before, after = median(times["main"]), median(times["ours"])
    print(f"cold start to first map, median of {args.runs}: main {before:.2f} s, ours {after:.2f} s "
          f"(ratio {after / before:.2f}; budget main + 10%: {'ok' if after <= before * 1.1 else 'OVER'})")
    print(f"basemap bytes for the first map (tiles + script): median {median(sent) / 1e3:.0f} kB "
          f"(budget 300 kB: {'ok' if median(sent) < 300e3 else 'OVER'})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
