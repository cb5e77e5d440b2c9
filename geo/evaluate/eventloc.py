"""Scoring event places on the event-location sentences: given an event verb, is the place the
pipeline picks the gold place of that event?"""

from __future__ import annotations

import time
from collections import Counter
from pathlib import Path

from geo.evaluate.scoring import load_json_list, ratio
from geo.extract.actors import default_dictionary
from geo.extract.places import choose_location, event_place_hits, find_place_hits

__all__ = ["score_eventloc"]


def score_eventloc(path: str | Path, gazetteer, limit: int | None = None) -> dict:
    """Given each sentence's event verb, is the chosen place one of the gold LOCATION spans?

    `limit` takes every n-th sentence so a sample keeps the corpus' mix of sources.
    """
    t0 = time.perf_counter()
    items = load_json_list(path, "sentences")
    if limit and len(items) > limit:
        step = len(items) / limit
        items = [items[int(i * step)] for i in range(limit)]
    dictionary = default_dictionary()
    c: Counter = Counter()
    by_source: dict[str, Counter] = {}
    for item in items:
        text = item.get("text") or ""
        spans = item.get("spans") or []
        tokens = item.get("tokens") or []
        verbs = [_char_span(s, text, tokens) for s in spans if s.get("label") == "VERB"]
        gold = [_char_span(s, text, tokens) for s in spans if s.get("label") == "LOCATION"]
        if not text or not verbs:
            continue
        chosen, candidates = _choose(text, verbs[0], gazetteer, dictionary)
        src = by_source.setdefault(str(item.get("source", "")), Counter())
        if gold:
            ok = chosen is not None and any(chosen.start < e and s < chosen.end for s, e in gold)
            found = any(h.start < e and s < h.end for h in candidates for s, e in gold)
            c["with_gold"] += 1
            c["correct"] += ok
            c["gold_found"] += found
            c["chose_none"] += chosen is None
            src["with_gold"] += 1
            src["correct"] += ok
        else:
            c["without_gold"] += 1
            c["abstained"] += chosen is None
    return {
        "corpus": Path(path).name,
        "sentences": c["with_gold"] + c["without_gold"],
        "with_gold_place": c["with_gold"],
        "accuracy": ratio(c["correct"], c["with_gold"]),
        "gold_among_candidates": ratio(c["gold_found"], c["with_gold"]),
        "chose_nothing": ratio(c["chose_none"], c["with_gold"]),
        "abstained_without_gold": ratio(c["abstained"], c["without_gold"]),
        "accuracy_by_source": {k: ratio(v["correct"], v["with_gold"]) for k, v in sorted(by_source.items()) if v["with_gold"] >= 20},
        "seconds": round(time.perf_counter() - t0, 1),
    }


def _char_span(span: dict, text: str, tokens: list[dict]) -> tuple[int, int]:
    """Character offsets of a span; some sources of the corpus give token indices in start/end."""
    start, end = span["start"], span["end"]
    by_tokens = None
    if tokens and "token_start" in span and span.get("token_end", -1) < len(tokens):
        by_tokens = (tokens[span["token_start"]]["start"], tokens[span["token_end"]]["end"])
    written = span.get("text")
    if written and text[start:end] != written:
        if by_tokens and text[by_tokens[0]:by_tokens[1]] == written:
            return by_tokens
        at = text.find(written)
        return (at, at + len(written)) if at >= 0 else (start, end)
    if by_tokens and (start, end) == (span["token_start"], span["token_end"]):
        return by_tokens
    return start, end


def _choose(text: str, verb: tuple[int, int], gazetteer, dictionary):
    actors = dictionary.find(text)
    blocked = [(a.start, a.end) for a in actors]
    hits = find_place_hits(text, gazetteer, blocked, dictionary.demonyms)
    candidates = event_place_hits(text, hits, blocked, dictionary.demonyms, gazetteer)
    return choose_location(text, 0, verb, candidates), candidates
