"""What the app's pages need that is neither storage nor drawing: URL state, timeline, viewport, export, first start."""

from __future__ import annotations

from geo.lazy import lazy_exports

_HOMES = {
    "EXPORT_SIZES": "export",
    "MAX_APP_FRAMES": "export",
    "SNAPSHOT_CHOICES": "export",
    "export_file_name": "export",
    "export_formats": "export",
    "export_size": "export",
    "export_snapshot": "export",
    "export_text": "export",
    "export_view": "export",
    "ReadyReport": "first_start",
    "ensure_ready": "first_start",
    "places_frame": "gazetteer",
    "countries_differ": "gazetteer",
    "would_move": "gazetteer",
    "dates_from_map": "timeline",
    "without_dates": "timeline",
    "search_rows": "tables",
    "upload_to_articles": "uploads",
    "PARAMS": "url_state",
    "filter_from_params": "url_state",
    "filter_from_widgets": "url_state",
    "filter_to_params": "url_state",
    "options_with": "url_state",
    "span_days": "url_state",
    "widget_values": "url_state",
    "PRECISIONS": "url_state",
    "single_actors": "url_state",
    "stored_actors": "url_state",
    "fit_key": "viewport",
}

__all__, __getattr__ = lazy_exports(__name__, _HOMES)
