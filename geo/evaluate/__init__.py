"""Scores on the evaluation corpora: geoparsing (LGL, TR-News), MUC-4, event locations, hand-coded real news; `commands` wires them to `python -m geo eval`."""

from __future__ import annotations

from geo.lazy import lazy_exports

_HOMES = {
    "score_eventloc": "eventloc",
    "GoldEvent": "realnews",
    "read_gold": "realnews",
    "same_actor": "realnews",
    "score_realnews": "realnews",
    "GoldArticle": "geoparse",
    "GoldToponym": "geoparse",
    "MAX_ERROR_KM": "geoparse",
    "evaluate_geoparse": "geoparse",
    "read_geoparse_xml": "geoparse",
    "MucIncident": "muc4",
    "name_key": "muc4",
    "read_muc_key": "muc4",
    "read_muc_texts": "muc4",
    "score_muc4": "muc4",
    "ratio": "scoring",
    "add_eval": "commands",
}

__all__, __getattr__ = lazy_exports(__name__, _HOMES)
