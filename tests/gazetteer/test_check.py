"""The gazetteer check finds a damaged file of the right size and clears what killed builds left."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time

import pytest

from geo.gazetteer.lookup import Gazetteer


@pytest.fixture()
def copy(tmp_path, gazetteer):
    path = tmp_path / "gazetteer.sqlite"
    shutil.copyfile(gazetteer.path, path)
    return path


@pytest.mark.parametrize("where", [0.3, 0.7])
def test_damage_inside_a_file_of_the_right_size_is_found(copy, where):
    size = copy.stat().st_size
    with copy.open("r+b") as fh:
        fh.seek(int(size * where) // 4096 * 4096)
        fh.write(b"\xab" * 8192)  # two whole pages of garbage
    assert copy.stat().st_size == size
    assert Gazetteer.check(copy) is None  # the fast check (every open) looks at the header and meta only
    assert Gazetteer.check(copy, thorough=True).startswith("damaged")


def test_an_intact_copy_passes_the_thorough_check(copy):
    assert Gazetteer.check(copy, thorough=True) is None


def test_stale_build_files_are_removed(copy):
    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True)
    stale = copy.with_name(f"{copy.name}.building-{dead.stdout.strip()}")  # a killed build (older layout)
    mine = copy.with_name(f"{copy.name}.building-{os.getpid()}")  # a build running now keeps its file
    old_part = copy.with_name(f".{copy.name}.k3j9x.part")  # atomic_path's file of a build killed long ago
    new_part = copy.with_name(f".{copy.name}.q8w2e.part")  # ... and of a build running now
    other = copy.with_name("other.sqlite.building-1")
    for f in (stale, mine, old_part, new_part, other):
        f.write_bytes(b"x" * 1000)
    hours_ago = time.time() - 2 * 3600
    os.utime(old_part, (hours_ago, hours_ago))
    assert Gazetteer.check(copy) is None
    assert not stale.exists() and not old_part.exists()
    assert mine.exists() and new_part.exists() and other.exists()
