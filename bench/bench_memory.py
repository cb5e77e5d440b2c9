"""Peak memory of the app's two heavy paths, each in a fresh process (peak RSS, then RSS after
the work is done and its objects are dropped: what a closed session leaves held).

- upload: a bulk CSV of ~190 MB (190,763 rows, the issue's probe) read as the Articles page
  reads it, then saved (extraction stubbed: this measures reading and storing, not the
  pipeline). `old` is the reader the page used before (every article in a list, pickled into
  Streamlit's cache and back), `new` is geo.ui.uploads (spooled, surveyed, streamed).
- download: every event of a 100,000-event store as CSV, GeoJSON and KML, as the Events
  page builds them: `old` a full DataFrame through geo.ui.export.export_text,
  `new` geo.formats.exports.export_bytes (the store read in chunks).

    python bench/bench_memory.py [--rows 190763] [--events 100000] [--only upload|download]

The issue's probe measured the running server (Streamlit included): 1.2-1.8 GB for the upload,
1.24-1.32 GB for the downloads. Those are printed beside these figures for reference.
"""

from __future__ import annotations

import argparse
import gc
import io
import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

PROBE = {"upload": "1.2-1.8 GB (server, issue 13)", "download": "1.24-1.32 GB (server, issue 13)"}
PARAGRAPHS = [
    "Syrian government air strikes killed {n} civilians in Maaret al-Numan on Saturday, a monitor said.",
    "Turkish artillery shelled villages near Afrin, where Kurdish fighters have held out for weeks.",
    "Rebels said they shot down a warplane over Idlib province and captured its pilot.",
    "The United Nations said more than 270,000 people had fled the fighting since mid-December.",
    "Government forces advanced on the Abu Dhuhur airbase after days of heavy clashes with insurgents.",
]


def _rss_mb() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def _peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def write_corpus(path: Path, rows: int) -> None:
    """A bulk CSV of ~1 kB articles written like wire copy (the issue's 190 MB has 190,763 rows)."""
    import csv

    with path.open("w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(["date", "text", "title", "source", "url"])
        for i in range(rows):
            body = " ".join(p.format(n=i % 97 + 2) for p in PARAGRAPHS) * 2
            w.writerow([f"2018-{1 + i % 3:02d}-{1 + i % 28:02d}", f"Report {i}. {body}", f"Story {i}", "Wire",
                        f"https://news.example/{i}"])


def run_upload(which: str, corpus: Path, db: Path) -> dict:
    from geo.pipeline import ingest_articles, throttled
    from geo.store.store import Store

    def nothing(art, gaz):  # reading and storing only
        return []
    data = corpus.read_bytes()  # Streamlit holds the upload's bytes in memory
    base = _rss_mb()
    t0 = time.perf_counter()
    with Store(db) as store:
        if which == "old":
            import pickle

            from geo.ui.uploads import upload_to_articles

            articles, errors = upload_to_articles(corpus.name, data)
            cached = pickle.dumps((articles, errors))  # st.cache_data keeps a pickle ...
            articles, errors = pickle.loads(cached)  # ... and hands out a copy
            n = len(articles)
            ingest_articles(store, articles, None, extract=nothing)
            del articles, errors, cached
        else:
            from geo.ui import uploads

            found = uploads.survey(io.BytesIO(data), corpus.name)
            n = found.articles
            ingest_articles(store, uploads.stream(io.BytesIO(data), corpus.name), None, extract=nothing,
                            progress=throttled(lambda d, t: None))
        saved = store._read("SELECT count(*) FROM articles")[0][0]
    del data
    gc.collect()
    return {"articles": n, "saved": saved, "seconds": round(time.perf_counter() - t0, 1),
            "rss_before_mb": round(base), "peak_mb": round(_peak_mb()), "after_mb": round(_rss_mb())}


def run_download(which: str, db: Path) -> dict:
    from geo.records import EventFilter
    from geo.store.store import Store

    base = _rss_mb()
    t0 = time.perf_counter()
    sizes = {}
    with Store(db) as store:
        for fmt in ("csv", "geojson", "kml"):
            if which == "old":
                from geo.ui.export import export_text

                blob = export_text(store.query(EventFilter()), fmt).encode("utf-8")
            else:
                from geo.formats.exports import export_bytes

                blob = export_bytes(store, EventFilter(), fmt)
            sizes[fmt] = round(len(blob) / 2**20, 1)
            del blob
    gc.collect()
    return {"mb_per_format": sizes, "seconds": round(time.perf_counter() - t0, 1), "rss_before_mb": round(base),
            "peak_mb": round(_peak_mb()), "after_mb": round(_rss_mb())}


def _child(args: list[str]) -> dict:
    out = subprocess.run([sys.executable, __file__, "--child", *args], capture_output=True, text=True, cwd=ROOT)
    if out.returncode:
        raise SystemExit(out.stderr[-2000:])
    return json.loads(out.stdout.strip().splitlines()[-1])


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--rows", type=int, default=190_763)
    ap.add_argument("--events", type=int, default=100_000)
    ap.add_argument("--only", choices=["upload", "download"])
    ap.add_argument("--child", nargs="+", help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    if args.child:
        kind, which, *paths = args.child
        result = run_upload(which, Path(paths[0]), Path(paths[1])) if kind == "upload" else run_download(which, Path(paths[0]))
        print(json.dumps(result))
        return 0
    with tempfile.TemporaryDirectory(prefix="bench-memory-") as tmp:
        tmp = Path(tmp)
        if args.only in (None, "upload"):
            corpus = tmp / "corpus.csv"
            write_corpus(corpus, args.rows)
            print(f"upload: {corpus.stat().st_size / 2**20:.0f} MB, {args.rows:,} rows; before: {PROBE['upload']}")
            for which in ("old", "new"):
                print(f"  {which}: {json.dumps(_child(['upload', which, str(corpus), str(tmp / f'{which}.db')]))}", flush=True)
        if args.only in (None, "download"):
            from bench.generate import generate
            from geo.store.store import Store

            db = tmp / "events.db"
            with Store(db) as store:
                store.add_many(generate(args.events, seed=1), dedup=False, batch=20000)
            print(f"download: {args.events:,} events, CSV + GeoJSON + KML; before: {PROBE['download']}")
            for which in ("old", "new"):
                print(f"  {which}: {json.dumps(_child(['download', which, str(db)]))}", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
