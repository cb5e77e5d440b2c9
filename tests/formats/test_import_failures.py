"""Disk full and kill -9 during an import: one line and a clean exit, and a store a rerun completes
to exactly what a clean run gives."""

from __future__ import annotations

import random
import sqlite3
import subprocess
import sys
import time

import pandas as pd
import pytest
from test_imports import acled, write_csv

from geo.cli import main
from geo.errors import StoreError
from geo.records import Event
from geo.settings import PROJECT_ROOT
from geo.store.store import Store


EVENT = Event("k1", "a1", "2018-02-03", "2018-02-03", "day", "Battles", "Armed clash", "HTS", "Military Forces of Syria")


def _full_after_sqlite_rolled_back(self, db, *args, **kwargs):
    """What SQLite does on a real disk full: it rolls the transaction back itself, then fails."""
    db.execute("ROLLBACK")
    raise sqlite3.OperationalError("database or disk is full")


def test_disk_full_is_one_line_not_cannot_rollback(tmp_path, monkeypatch):
    monkeypatch.setattr(Store, "_add_one", _full_after_sqlite_rolled_back)
    with Store(tmp_path / "e.db") as s:
        with pytest.raises(StoreError) as err:
            s.add_events([EVENT])
        assert "database or disk is full; nothing was written; free some disk space" in str(err.value)
        assert "cannot rollback" not in str(err.value) and "\n" not in str(err.value)
        assert not s._db.in_transaction and s.count() == 0


@pytest.mark.parametrize("verb", ["import", "ingest"])
def test_disk_full_ends_a_cli_run_with_one_line(tmp_path, monkeypatch, capsys, verb):
    monkeypatch.setattr(Store, "_add_one", _full_after_sqlite_rolled_back)
    if verb == "import":
        path = write_csv(tmp_path / "acled.csv", [acled()])
        args = ["import", "--format", "acled", str(path)]
    else:
        path = tmp_path / "a.txt"
        path.write_text("date 2018-02-03 Turkish jets struck villages near Afrin on Saturday, killing three people.")
        args = ["ingest", str(path)]
        monkeypatch.setattr("geo.pipeline.ingest", lambda store, paths, **kw: store.add_events([EVENT]))  # no gazetteer
    assert main([*args, "--db", str(tmp_path / "e.db")]) == 1
    _, err = capsys.readouterr()
    assert err.count("\n") == 1 and err.startswith("error: ") and "disk is full" in err and "rollback" not in err


# --- kill -9 during an import ----------------------------------------------------------------

N_ROWS = 24_000  # _BATCH is 5,000 rows per transaction


@pytest.fixture(scope="module")
def acled_file(tmp_path_factory):
    sys.path.insert(0, str(PROJECT_ROOT))
    from bench.generate import generate

    from geo.formats.exports import write_acled

    path = tmp_path_factory.mktemp("kill") / "acled.csv"
    df = pd.DataFrame([e.to_dict() | {"n_sources": 1} for e in generate(N_ROWS, seed=13)])
    with path.open("w", encoding="utf-8", newline="") as fh:
        write_acled(df, fh)
    return path


def _import(path, db, **kw):
    return subprocess.Popen([sys.executable, "-m", "geo", "import", "--format", "acled", str(path), "--db", str(db)],
                            cwd=PROJECT_ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, **kw)


def _snapshot(db) -> pd.DataFrame:
    with Store(db) as s:
        assert s._read("PRAGMA integrity_check")[0][0] == "ok"
        df = s.query()
        assert int(s.count_by_day()["n"].sum()) == len(df)  # the triggers' counts match the rows
        return df.sort_values("event_id").reset_index(drop=True)


def test_killed_import_leaves_whole_batches_and_a_rerun_gives_the_clean_store(tmp_path, acled_file):
    reference = tmp_path / "clean.db"
    assert _import(acled_file, reference).wait(timeout=300) == 0
    clean = _snapshot(reference)
    assert len(clean) == N_ROWS
    rng = random.Random(13)
    for run in range(3):
        db = tmp_path / f"killed-{run}.db"
        proc = _import(acled_file, db)
        # kill at a random moment once the first batch is in, so the kill falls inside the import
        reader_deadline = time.monotonic() + 120
        while not db.exists() and time.monotonic() < reader_deadline:
            time.sleep(0.02)
        with Store(db) as watch:
            while watch.count() < 5000 and proc.poll() is None and time.monotonic() < reader_deadline:
                time.sleep(0.02)
        time.sleep(rng.uniform(0, 1.5))
        proc.kill()
        proc.wait()
        with Store(db) as s:
            got = s.count()
        assert got % 5000 == 0 or got == N_ROWS, got  # whole transactions only
        assert _import(acled_file, db).wait(timeout=300) == 0  # the rerun skips what is stored
        pd.testing.assert_frame_equal(_snapshot(db), clean)
