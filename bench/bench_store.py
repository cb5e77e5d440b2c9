"""Store benchmark: the map's queries on N synthetic events, each next to the same query on a
plain pandas DataFrame in the same run (the ratio is what to compare across machines), then
a GDELT 2.0 import next to pandas reading the same file.

    python bench/bench_store.py [N] [--db PATH] [--repeat R] [--gdelt-rows M]

The store file is built once by bench/generate.py (default data/bench-N.db) and reused.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Callable

import pandas as pd

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.generate import generate, write_gdelt  # noqa: E402
from geo.formats.imports import import_file  # noqa: E402
from geo.records import EventFilter  # noqa: E402
from geo.store.store import Store  # noqa: E402

MONTH = ("2018-02-01", "2018-02-28")
IDLIB_VIEW = (35.5, 36.3, 36.2, 37.0)  # the map zoomed on Idlib governorate (S, W, N, E)
SYRIA_VIEW = (32.3, 35.5, 37.4, 42.4)
MAP_COLUMNS = ["event_id", "lat", "lon", "event_type", "fatalities"]
ACTOR = "HTS: Hayat Tahrir al Sham"


def timed(fn: Callable[[], object], repeat: int) -> tuple[float, object, float]:
    """Median wall time and CPU time in ms after one warm-up run, and the last result. On a shared
    machine the CPU time says what the wall time would be with a core to itself."""
    result = fn()
    times, cpu = [], []
    for _ in range(repeat):
        t0, c0 = time.perf_counter(), time.process_time()
        result = fn()
        times.append((time.perf_counter() - t0) * 1000)
        cpu.append((time.process_time() - c0) * 1000)
    return statistics.median(times), result, statistics.median(cpu)


def _overlaps(df: pd.DataFrame, start: str, end: str) -> pd.Series:
    return (df["date_end"] >= pd.Timestamp(start)) & (df["date_start"] <= pd.Timestamp(end))


def _in_box(df: pd.DataFrame, box: tuple[float, float, float, float]) -> pd.Series:
    s, w, n, e = box
    return df["lat"].between(s, n) & df["lon"].between(w, e)


def _per_day(df: pd.DataFrame) -> pd.DataFrame:
    return df.groupby([df["date_start"].dt.strftime("%Y-%m-%d"), "event_type"]).size().reset_index(name="n")


def cases(df: pd.DataFrame) -> list[tuple[str, EventFilter, list[str] | None, Callable[[], object]]]:
    """(name, store filter, columns, the same query on the DataFrame)."""
    actor = (df["actor1"] == ACTOR) | (df["actor2"] == ACTOR) | (df["assoc_actor1"] == ACTOR) | (df["assoc_actor2"] == ACTOR)
    return [
        ("one month, one country (SY)", EventFilter(date_from=MONTH[0], date_to=MONTH[1], countries=("SY",)), None,
         lambda: df[_overlaps(df, *MONTH) & (df["country_code"] == "SY")]),
        ("map view: Idlib box, one month", EventFilter(bbox=IDLIB_VIEW, date_from=MONTH[0], date_to=MONTH[1]), None,
         lambda: df[_in_box(df, IDLIB_VIEW) & _overlaps(df, *MONTH)]),
        ("map view: Syria box, one month", EventFilter(bbox=SYRIA_VIEW, date_from=MONTH[0], date_to=MONTH[1]), None,
         lambda: df[_in_box(df, SYRIA_VIEW) & _overlaps(df, *MONTH)]),
        ("map view: Idlib box, all years, 5 cols", EventFilter(bbox=IDLIB_VIEW), MAP_COLUMNS,
         lambda: df.loc[_in_box(df, IDLIB_VIEW), MAP_COLUMNS]),
        ("map view: Idlib box, all years, all cols", EventFilter(bbox=IDLIB_VIEW), None,
         lambda: df[_in_box(df, IDLIB_VIEW)]),
        ("one actor, one month", EventFilter(actors=(ACTOR,), date_from=MONTH[0], date_to=MONTH[1]), None,
         lambda: df[actor & _overlaps(df, *MONTH)]),
        ("free text 'Afrin', one month", EventFilter(text="Afrin", date_from=MONTH[0], date_to=MONTH[1]), None,
         lambda: df[_overlaps(df, *MONTH) & df["sentence"].str.contains("Afrin", case=False, regex=False)]),
    ]


def day_cases(df: pd.DataFrame) -> list[tuple[str, EventFilter, Callable[[], object]]]:
    actor = (df["actor1"] == ACTOR) | (df["actor2"] == ACTOR) | (df["assoc_actor1"] == ACTOR) | (df["assoc_actor2"] == ACTOR)
    return [
        ("per-day counts, all events", EventFilter(), lambda: _per_day(df)),
        ("per-day counts, one country (SY)", EventFilter(countries=("SY",)), lambda: _per_day(df[df["country_code"] == "SY"])),
        ("per-day counts, one actor", EventFilter(actors=(ACTOR,)), lambda: _per_day(df[actor])),
    ]


HEADER = f"{'query':42s} {'rows':>8s} {'store ms':>9s} {'(cpu)':>7s} {'pandas ms':>10s} {'(cpu)':>7s} {'pandas/store':>12s}"


def row(name: str, n: int, ours: tuple[float, float], theirs: tuple[float, float]) -> None:
    print(f"{name:42s} {n:>8d} {ours[0]:>9.1f} {ours[1]:>7.1f} {theirs[0]:>10.1f} {theirs[1]:>7.1f} "
          f"{theirs[0] / ours[0]:>11.1f}x", flush=True)


def bench_queries(db: Path, n: int, repeat: int) -> None:
    if not db.exists() or Store(db).count() != n:
        db.unlink(missing_ok=True)
        print(f"building {db} with {n} events (bench/generate.py) ...", flush=True)
        t0 = time.perf_counter()
        with Store(db) as store:
            store.add_many(generate(n, seed=1), dedup=False, batch=20000)
            store.optimize()
        print(f"  built in {time.perf_counter() - t0:.0f} s ({n / (time.perf_counter() - t0):.0f} events/s)")
    size = sum(p.stat().st_size for p in db.parent.glob(db.name + "*"))
    print(f"store: {db} {n} events, {size / 1e6:.0f} MB on disk ({size / n:.0f} bytes/event)")
    store = Store(db)
    t0 = time.perf_counter()
    df = store.query()
    df["date_start"] = pd.to_datetime(df["date_start"])
    df["date_end"] = pd.to_datetime(df["date_end"])
    print(f"pandas baseline: all events loaded into one DataFrame in {time.perf_counter() - t0:.1f} s, "
          f"{df.memory_usage(deep=True).sum() / 1e6:.0f} MB in memory\n")
    print(HEADER)
    for name, flt, columns, baseline in cases(df):
        ours, got, ours_cpu = timed(lambda: store.query(flt, columns=columns), repeat)
        theirs, want, theirs_cpu = timed(baseline, repeat)
        assert len(got) == len(want), (name, len(got), len(want))
        row(name, len(got), (ours, ours_cpu), (theirs, theirs_cpu))
    for name, flt, baseline in day_cases(df):
        ours, got, ours_cpu = timed(lambda: store.count_by_day(flt), repeat)
        theirs, want, theirs_cpu = timed(baseline, repeat)
        assert int(got["n"].sum()) == int(want["n"].sum()), name
        row(name, len(got), (ours, ours_cpu), (theirs, theirs_cpu))
    store.close()


def bench_gdelt(rows: int, repeat: int) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "gdelt.export.CSV"
        write_gdelt(path, rows, seed=3)
        print(f"\nGDELT 2.0 import: {rows} rows, {path.stat().st_size / 1e6:.0f} MB, cross-report dedup on")
        times, cpu = [], []
        for i in range(max(1, repeat // 2)):
            with Store(Path(tmp) / f"g{i}.db") as store:
                t0, c0 = time.perf_counter(), time.process_time()
                report = import_file(store, path, "gdelt")
                times.append((time.perf_counter() - t0) * 1000)
                cpu.append(time.process_time() - c0)
        theirs, _, theirs_cpu = timed(
            lambda: pd.read_csv(path, sep="\t", header=None, dtype=str, keep_default_na=False), 2
        )
        print(f"  {report.summary()}")
        print(HEADER)
        row("import (store) vs pandas.read_csv", rows, (statistics.median(times), statistics.median(cpu) * 1000),
            (theirs, theirs_cpu))


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("n", type=int, nargs="?", default=1_000_000)
    ap.add_argument("--db", type=Path)
    ap.add_argument("--repeat", type=int, default=5)
    ap.add_argument("--gdelt-rows", type=int, default=100_000)
    args = ap.parse_args(argv)
    db = args.db or ROOT / "data" / f"bench-{args.n}.db"
    db.parent.mkdir(parents=True, exist_ok=True)
    print(f"{os.cpu_count()} CPUs, load average {os.getloadavg()[0]:.1f}, Python {sys.version.split()[0]}, "
          f"pandas {pd.__version__}")
    bench_queries(db, args.n, args.repeat)
    if args.gdelt_rows:
        bench_gdelt(args.gdelt_rows, args.repeat)
    return 0


if __name__ == "__main__":
    sys.exit(main())
