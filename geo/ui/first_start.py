"""The app's first start: an empty store is filled from seeds/ so the first map is not blank."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable


from geo.records import EventFilter
from geo.settings import seeds_dir

__all__ = ["ReadyReport", "ensure_ready"]


@dataclass(frozen=True)
class ReadyReport:
    events: int  # in the store after start-up
    seeded: Any = None  # the IngestReport when the store was empty and seeds/ was ingested


def ensure_ready(
    store: Any,
    gazetteer: Callable[[], Any],
    seeds: Path | None = None,
    progress: Callable[..., Any] | None = None,
) -> ReadyReport:
    """Fill an empty store from `seeds/` so the first start shows a map.

    `gazetteer` is called only when needed: opening (or building) it is the slow part of a
    start, and a store that already has events does not need it.
    """
    n = store.count(EventFilter())
    if n:
        return ReadyReport(events=n)
    folder = seeds or seeds_dir()
    paths = sorted(p for p in folder.iterdir() if p.is_file() and not p.name.startswith("."))
    if not paths:
        return ReadyReport(events=0)
    from geo.pipeline import ingest

    report = ingest(store, paths, gazetteer(), progress=progress)
    return ReadyReport(events=store.count(EventFilter()), seeded=report)
