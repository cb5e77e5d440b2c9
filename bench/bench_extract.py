"""Extraction benchmark: articles per second and memory, next to geotext place finding.

    python bench/bench_extract.py [--n 500] [--size 3000]

Builds N articles of about SIZE bytes from the sample articles in seeds/ (their paragraphs
in shuffled orders, each article with its own date) and runs, in this process:
- ours: `extract_events` (sentences, gazetteer places, actors, dates, types, merging) per article;
- baseline: `geotext.GeoText` on the same texts (place names only, no resolution, no events).
It prints both rates, our rate / baseline rate, events found, and peak RSS. Targets: at least
25 articles/s on one core with the parser on (100 before the factuality parse), RSS under 500 MB.
Also prints the time of each stage (analysis: sentences, places, actors; the parse of trigger
sentences; the rest: types, dates, sides, merging) and the process CPU time.
"""

from __future__ import annotations

import argparse
import random
import resource
import sys
import time
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def corpus(n: int, size: int, seed: int = 7) -> list:
    from geo.extract.articles import parse_article, read_articles

    paragraphs = []
    for path in sorted((ROOT / "seeds").glob("*.txt")):
        for article in read_articles(path):
            paragraphs += [p.strip() for p in article.text.split("\n\n") if p.strip()]
    rng = random.Random(seed)
    out = []
    for i in range(n):
        parts: list[str] = []
        while sum(len(p) + 2 for p in parts) < size:
            parts.append(rng.choice(paragraphs))
        day = date(2018, 1, 1) + timedelta(days=i % 120)
        out.append(parse_article("\n\n".join(parts), date=day.isoformat(), name=f"bench-{i}"))
    return out


def rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _timed_stages() -> dict[str, float]:
    """Wall time spent in the analysis and in the parse, by wrapping the two functions."""
    import geo.extract.events as events

    spent = {"analyse": 0.0, "parse": 0.0}

    def wrap(owner, name: str, stage: str) -> None:
        inner = getattr(owner, name)

        def timed(*args, **kwargs):
            t = time.perf_counter()
            try:
                return inner(*args, **kwargs)
            finally:
                spent[stage] += time.perf_counter() - t
        setattr(owner, name, timed)

    wrap(events, "_analyse", "analyse")
    wrap(events.factuality, "prepare", "parse")
    return spent


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--n", type=int, default=500)
    parser.add_argument("--size", type=int, default=3000)
    parser.add_argument("--no-parse", action="store_true", help="without the factuality parse (the rate before it)")
    args = parser.parse_args()
    if args.no_parse:
        import geo.extract.factuality as factuality

        factuality._nlp = lambda: None

    from geotext import GeoText

    from geo.extract.events import extract_events
    from geo.gazetteer.lookup import Gazetteer

    t0 = time.perf_counter()
    gazetteer = Gazetteer.open()
    opened = time.perf_counter() - t0
    articles = corpus(args.n, args.size)
    mean_bytes = sum(len(a.text.encode()) for a in articles) / len(articles)
    extract_events(articles[0], gazetteer)  # warm caches (actor automaton, word lists)
    GeoText(articles[0].text)

    stages = _timed_stages()
    t0, c0 = time.perf_counter(), time.process_time()
    events = sum(len(extract_events(a, gazetteer)) for a in articles)
    ours, cpu = time.perf_counter() - t0, time.process_time() - c0

    t0 = time.perf_counter()
    places = 0
    for a in articles:
        found = GeoText(a.text)
        places += len(found.cities) + len(found.countries)
    base = time.perf_counter() - t0

    t0 = time.perf_counter()
    for a in articles:
        gazetteer.find_places(a.text)
    gaz = time.perf_counter() - t0

    ours_rate, base_rate = len(articles) / ours, len(articles) / base
    print(f"corpus: {len(articles)} articles, mean {mean_bytes:.0f} bytes; gazetteer opened in {opened:.2f} s")
    print(f"ours     extract_events: {ours_rate:8.1f} articles/s  ({events} events, {events / len(articles):.1f}/article)")
    print(f"  of which the gazetteer's find_places (run again alone, warm): {1000 * gaz / len(articles):.1f} ms/article"
          f" of our {1000 * ours / len(articles):.1f} ms/article")
    per = {k: 1000 * v / len(articles) for k, v in stages.items()}
    print(f"  stages (ms/article): analysis {per['analyse']:.1f}, parse {per['parse']:.1f}, "
          f"rest {1000 * ours / len(articles) - per['analyse'] - per['parse']:.1f}; CPU {len(articles) / cpu:.1f} articles/s")
    print(f"baseline geotext places: {base_rate:8.1f} articles/s  ({places} place names, no events)")
    print(f"ratio ours/baseline: {ours_rate / base_rate:.4f} (geotext is {base_rate / ours_rate:.0f}x faster and finds no events)"
          f"   target >= 25 articles/s: "
          f"{'met' if ours_rate >= 25 else 'NOT met'}")
    print(f"peak RSS: {rss_mb():.0f} MB   target < 500 MB: {'met' if rss_mb() < 500 else 'NOT met'}")


if __name__ == "__main__":
    main()
