"""What every scorer reports the same way."""

from __future__ import annotations

import json
from pathlib import Path

from geo.errors import GeoError

__all__ = ["ratio", "load_json_list"]


def ratio(a: int, b: int) -> float | None:
    """a/b to three places; None (not 0) when there is nothing to divide, so an empty class reads as absent."""
    return round(a / b, 3) if b else None


def load_json_list(path: str | Path, what: str) -> list:
    """A corpus file holding one JSON array (of `what`), or one clear error line."""
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise GeoError(f"{str(path)!r}: not a readable JSON file ({exc})") from None
    if not isinstance(data, list):
        raise GeoError(f"{str(path)!r}: expected a JSON array of {what}")
    return data
