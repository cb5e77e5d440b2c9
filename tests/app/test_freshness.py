"""The app sees writes made by another process (a CLI ingest) on its next run, without a restart."""

from __future__ import annotations

import subprocess
import sys
import textwrap

import pytest
from test_pages import EVENTS, _run, _shown, app_env  # noqa: F401 - app_env is a fixture

from geo.settings import PROJECT_ROOT
from geo.store.store import Store

WRITER = textwrap.dedent(
    """
    import sys
    sys.path.insert(0, {root!r})
    from geo.records import Event
    from geo.store.store import Store
    with Store({db!r}) as s:
        s.add_events([Event("new-{{}}".format(i), "cli", "2018-02-10", "2018-02-10", "day", "Battles", "Armed clash",
                            "HTS", "Military Forces of Syria", place="Saraqib", location="Saraqib", country_code="SY",
                            lat=35.86, lon=36.80, geo_precision=1) for i in range({n})], dedup=False)
    """
)


@pytest.mark.parametrize("page", ["pages/map.py", "pages/events.py"])
def test_a_write_from_another_process_shows_on_the_next_run(app_env, page):  # noqa: F811
    at = _run(page)
    db = str(app_env / "events.db")
    before = Store(db).version()
    shown = (lambda: _shown(at)) if page == "pages/map.py" else (lambda: len(at.dataframe[0].value))
    assert shown() == len(EVENTS)
    subprocess.run([sys.executable, "-c", WRITER.format(root=str(PROJECT_ROOT), db=db, n=3)], check=True, timeout=60)
    with Store(db) as s:
        assert s.version() > before
    at.run()  # the same session, its next run: no restart, no cache clearing
    assert not at.exception
    assert shown() == len(EVENTS) + 3


def test_version_moves_with_every_write_and_only_then(tmp_path):
    with Store(tmp_path / "e.db") as s, Store(tmp_path / "e.db") as other:
        v0 = s.version()
        assert other.version() == v0 and s.count() == 0
        s.add_many(EVENTS[:2])
        v1 = other.version()
        assert v1 > v0
        s.query()
        assert other.version() == v1  # reads do not move it
        s.update_places(lambda place, sentence: None)
        assert other.version() == v1  # nothing changed, nothing written
