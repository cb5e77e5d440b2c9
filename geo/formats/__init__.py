"""Event data in and out: ACLED, UCDP GED and GDELT imports; CSV, GeoJSON, KML and ACLED exports."""

from __future__ import annotations

from geo.lazy import lazy_exports

_HOMES = {
    "ACLED_COLUMNS": "acled",
    "ACLED_REQUIRED": "acled",
    "acled_event": "acled",
    "country_code": "countries",
    "country_name": "countries",
    "country_numeric": "countries",
    "country_tables": "countries",
    "WRITERS": "exports",
    "export_events": "exports",
    "geojson_feature": "exports",
    "write_acled": "exports",
    "write_csv": "exports",
    "write_geojson": "exports",
    "write_kml": "exports",
    "Ignored": "fields",
    "latlon": "fields",
    "number": "fields",
    "whole": "fields",
    "GDELT_COLUMNS": "gdelt",
    "cameo_event_type": "gdelt",
    "gdelt_event": "gdelt",
    "gdelt_row": "gdelt",
    "ImportReport": "imports",
    "READERS": "imports",
    "import_file": "imports",
    "UCDP_COLUMNS": "ucdp",
    "UCDP_REQUIRED": "ucdp",
    "ucdp_event": "ucdp",
}

__all__, __getattr__ = lazy_exports(__name__, _HOMES)
