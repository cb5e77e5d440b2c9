"""Uploaded files to articles: the reader works on paths, so bytes go through a temporary file."""

from __future__ import annotations

import tempfile
from dataclasses import replace
from pathlib import Path
from typing import Any



__all__ = ["upload_to_articles"]


def upload_to_articles(name: str, data: bytes) -> tuple[list[Any], list[str]]:
    """The articles of one uploaded file (a text article, or a bulk CSV / JSON Lines file) and its errors.

    The reader works on paths, so the bytes go to a temporary file that keeps the upload's name;
    messages and `Article.path` name the upload, not the temporary file. A bad bulk row costs
    that row only.
    """
    from geo.extract.articles import iter_articles

    safe = Path(name).name or "upload.txt"
    errors: list[str] = []
    with tempfile.TemporaryDirectory(prefix="geo-upload-") as tmp:
        path = Path(tmp) / safe
        path.write_bytes(data)
        found = list(iter_articles([path], on_error=lambda err: errors.append(str(err))))
    articles = [replace(a, path=a.path.replace(str(path), safe)) for a in found]
    return articles, [e.replace(str(path), safe) for e in errors]
