"""A small error hierarchy: the CLI turns any GeoError into one line and exit code 1."""

__all__ = [
    "GeoError",
    "GazetteerError",
    "ArticleError",
    "StoreError",
    "ImportFormatError",
    "SnapshotError",
    "BBoxError",
]


class GeoError(Exception):
    """Base of every error the project raises on purpose."""


class GazetteerError(GeoError):
    """The gazetteer file is missing, corrupt or cannot be built."""


class ArticleError(GeoError):
    """An article file cannot be read (encoding, no date, empty, binary, too large)."""


class StoreError(GeoError):
    """The event store cannot be opened, read or written."""


class ImportFormatError(StoreError):
    """An import file does not have the column layout of its declared format."""


class SnapshotError(GeoError):
    """A map snapshot cannot be rendered or written."""


class BBoxError(GeoError, ValueError):
    """A bounding box that is not four finite numbers S,W,N,E with south below north."""
