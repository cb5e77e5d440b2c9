"""Where the project keeps its files; every path can be overridden by an environment variable."""

from __future__ import annotations

import os
from pathlib import Path

__all__ = [
    "PROJECT_ROOT", "PACKAGE_DATA", "data_dir", "gazetteer_path", "db_path", "seeds_dir", "user_agent",
    "online_geocoding", "readonly",
]  # fmt: skip

PROJECT_ROOT = Path(__file__).resolve().parent.parent
PACKAGE_DATA = Path(__file__).resolve().parent / "data"  # files shipped with the code (actors, supplement)


def data_dir() -> Path:
    return Path(os.environ.get("GEO_DATA_DIR", PROJECT_ROOT / "data"))


def gazetteer_path() -> Path:
    return Path(os.environ.get("GEO_GAZETTEER", data_dir() / "gazetteer.sqlite"))


def db_path() -> Path:
    return Path(os.environ.get("GEO_DB", data_dir() / "events.db"))


def seeds_dir() -> Path:
    return PROJECT_ROOT / "seeds"


def user_agent() -> str:
    return os.environ.get("GEO_USER_AGENT", "conflict-event-map/0.1 (offline-first; set GEO_USER_AGENT)")


def online_geocoding() -> bool:
    """Online fallback geocoding is opt-in: the app never touches the network unless asked."""
    return os.environ.get("GEO_ONLINE", "").lower() in {"1", "true", "yes"}


def readonly() -> bool:
    """GEO_READONLY=1 for a shared server: the app shows and exports, but saves no articles and
    takes no gazetteer edits (those move stored events for everyone)."""
    return os.environ.get("GEO_READONLY", "").lower() in {"1", "true", "yes"}
