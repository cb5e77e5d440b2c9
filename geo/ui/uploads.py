"""Uploaded files to articles, in bounded memory.

The app holds an upload's bytes once (Streamlit's buffer). Reading it used to add three more
copies and every article of a bulk file as an object (a 190 MB CSV took the server to 1.2 GB):
`survey` spools the bytes to a temporary file in 1 MB chunks and keeps a count, a few articles
and the error lines; Save streams the articles from the file again, one at a time (`stream`).
`upload_to_articles` reads a small upload whole.
"""

from __future__ import annotations

import io
import shutil
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any, BinaryIO

from geo.extract.articles import Article, iter_articles
from geo.reading import safe_filename

__all__ = ["upload_to_articles", "UploadSurvey", "survey", "stream", "MAX_ERRORS"]

MAX_ERRORS = 200  # error lines kept per upload; the rest are counted
_CHUNK = 1 << 20


@dataclass(frozen=True)
class UploadSurvey:
    """What one upload holds: its articles counted, the first few kept, its error lines."""

    name: str  # the sanitised name its messages use
    articles: int
    preview: tuple[Article, ...]
    errors: tuple[str, ...]
    more_errors: int = 0


@contextmanager
def _spooled(source: BinaryIO, name: str) -> Iterator[tuple[Path, str]]:
    safe = safe_filename(name)
    with tempfile.TemporaryDirectory(prefix="geo-upload-") as tmp:
        path = Path(tmp) / safe
        source.seek(0)
        with path.open("wb") as fh:
            shutil.copyfileobj(source, fh, _CHUNK)
        yield path, safe


def _articles(path: Path, safe: str, on_error: Callable[[str], None]) -> Iterator[Article]:
    """The file's articles and errors, named after the upload rather than the temporary file."""
    shown = str(path)
    for art in iter_articles([path], on_error=lambda err: on_error(str(err).replace(shown, safe))):
        yield replace(art, path=art.path.replace(shown, safe))


def survey(source: BinaryIO, name: str, preview: int = 10) -> UploadSurvey:
    """Read an upload once: how many articles, the first `preview` of them, the error lines."""
    errors: list[str] = []
    more = 0

    def keep(message: str) -> None:
        nonlocal more
        if len(errors) < MAX_ERRORS:
            errors.append(message)
        else:
            more += 1

    kept: list[Article] = []
    n = 0
    try:
        with _spooled(source, name) as (path, safe):
            for art in _articles(path, safe, keep):
                n += 1
                if len(kept) < preview:
                    kept.append(art)
    except OSError as exc:  # the temporary folder is full or unwritable: one line, not a traceback
        safe = safe_filename(name)
        return UploadSurvey(safe, 0, (), (f"{safe}: cannot read the upload ({exc.strerror or exc})",))
    return UploadSurvey(safe, n, tuple(kept), tuple(errors), more)


def stream(source: BinaryIO, name: str) -> Iterator[Article]:
    """The upload's articles one at a time (for Save); errors were shown by `survey`."""
    with _spooled(source, name) as (path, safe):
        yield from _articles(path, safe, lambda message: None)


def upload_to_articles(name: str, data: bytes) -> tuple[list[Any], list[str]]:
    """The articles of one small uploaded file (a text article, or a bulk CSV / JSON Lines file) and
    its errors, named after the upload. A bad bulk row costs that row only."""
    errors: list[str] = []
    with _spooled(io.BytesIO(data), name) as (path, safe):
        return list(_articles(path, safe, errors.append)), errors
