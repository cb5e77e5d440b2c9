"""One way to replace a file: write beside it, fsync, rename over it. A reader never sees half a file."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

__all__ = ["atomic_path", "atomic_write"]


@contextmanager
def atomic_path(target: str | os.PathLike, mode: int = 0o644) -> Iterator[Path]:
    """A temporary path beside `target`; renamed over it when the block ends well, removed otherwise.

    Raises OSError (the caller words it for its own error type). The file gets `mode`, not
    mkstemp's 0600, so exports and snapshots are readable like any file the user saves.
    """
    target = Path(target)
    fd, name = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".part")
    os.close(fd)
    tmp = Path(name)
    try:
        yield tmp
        if tmp.exists():
            with open(tmp, "rb+") as fh:
                os.fsync(fh.fileno())
            os.chmod(tmp, mode)
            os.replace(tmp, target)
    finally:
        tmp.unlink(missing_ok=True)


def atomic_write(target: str | os.PathLike, data: bytes | str, mode: int = 0o644) -> Path:
    """Write `data` (str as UTF-8) to `target` atomically; raises OSError."""
    with atomic_path(target, mode) as tmp:
        tmp.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
    return Path(target)

