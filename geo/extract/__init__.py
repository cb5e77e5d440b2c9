"""Articles to events: reading, sentences, dates, actors, event types, event places, the pipeline per article."""

from __future__ import annotations

from geo.lazy import lazy_exports

_HOMES = {
    "ACTORS_CSV": "actors",
    "ACTOR_TYPES": "actors",
    "ActorDictionary": "actors",
    "ActorMention": "actors",
    "SOURCE": "actors",
    "find_actors": "actors",
    "Article": "articles",
    "MAX_ARTICLE_BYTES": "articles",
    "MAX_ROW_BYTES": "articles",
    "article_id": "articles",
    "iter_articles": "articles",
    "parse_article": "articles",
    "read_articles": "articles",
    "DateMention": "dates",
    "PRECISIONS": "dates",
    "find_dates": "dates",
    "parse_date": "dates",
    "ARMED_TYPES": "event_types",
    "PRECEDENCE": "event_types",
    "TypeMatch": "event_types",
    "classify": "event_types",
    "fatalities": "event_types",
    "extract_events": "events",
    "find_mentions": "events",
    "needs_parse": "factuality",
    "BACKGROUND_DAYS": "scope",
    "scope_of": "scope",
    "parser_available": "factuality",
    "reason": "factuality",
    "merge_events": "merge",
    "PlaceHit": "places",
    "choose_location": "places",
    "event_place_hits": "places",
    "find_place_hits": "places",
    "geo_precision": "places",
    "is_country": "places",
    "main_country": "places",
    "MAX_SENTENCE": "sentences",
    "Sentence": "sentences",
    "split_sentences": "sentences",
}

__all__, __getattr__ = lazy_exports(__name__, _HOMES)
