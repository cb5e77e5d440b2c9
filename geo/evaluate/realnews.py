"""Scoring extraction on hand-coded real news: are the dots real events, rightly dated and placed?

The gold (ACLED-style, see the corpus' GUIDE.md) lists per article the core events an extractor
must find and borderline ones it may find. Every extracted event the map would draw gets one
verdict:

- right: it matches a core gold event whose date range it overlaps (±1 day) and whose point it
  lies within `radius_km` of;
- wrong: it matches a core gold event by sentence, but its date or place is off;
- duplicate: the gold event it matches was already taken by another extracted event;
- borderline: it matches a borderline gold event, or ends more than 30 days before the article
  and matches no core event (history); it counts neither way;
- spurious: anything else.

"Matches" means the event's sentence and the gold evidence are the same sentence (one holds the
other, or they share most words), or the event has the gold's event type on overlapping dates
within its radius. Rights are assigned first, so a later right report is not a duplicate of an
earlier wrong one.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

from anyascii import anyascii

from geo.errors import GeoError
from geo.evaluate.scoring import load_json_list
from geo.extract.articles import Article, article_id
from geo.geometry import haversine_km
from geo.records import Event

__all__ = ["GoldEvent", "read_gold", "read_articles", "score_realnews", "score_article", "same_actor", "report_lines",
           "HISTORY_DAYS"]

HISTORY_DAYS = 30  # the guide: older events are history, borderline
SLACK = timedelta(days=1)


@dataclass(frozen=True)
class GoldEvent:
    row: int
    index: int
    date_start: date
    date_end: date
    lat: float
    lon: float
    radius_km: float
    event_type: str
    sub_event_type: str
    actor1: str
    actor2: str
    core: bool
    evidence: str
    place: str


def read_gold(path: str | Path) -> dict[int, tuple[str, list[GoldEvent]]]:
    """row -> (article date, its gold events)."""
    out: dict[int, tuple[str, list[GoldEvent]]] = {}
    for item in load_json_list(path, "articles"):
        try:
            row = int(item["row"])
            events = [GoldEvent(
                row, i, date.fromisoformat(e["date_start"]), date.fromisoformat(e["date_end"]),
                float(e["lat"]), float(e["lon"]), float(e["radius_km"]), e.get("event_type", ""),
                e.get("sub_event_type", ""), e.get("actor1") or "", e.get("actor2") or "",
                e.get("status") == "core", e.get("evidence") or "", e.get("place") or "",
            ) for i, e in enumerate(item.get("events") or [])]
        except (KeyError, TypeError, ValueError) as exc:
            raise GeoError(f"{str(path)!r}: bad gold entry near row {item.get('row')!r} ({exc!r})") from None
        out[row] = (item["date"], events)
    return out


def read_articles(path: str | Path) -> dict[int, Article]:
    """row -> Article, from a JSON list of {row, date, text}."""
    out: dict[int, Article] = {}
    for item in load_json_list(path, "articles"):
        try:
            row, day, text = int(item["row"]), str(item["date"]), str(item["text"])
        except (KeyError, TypeError, ValueError) as exc:
            raise GeoError(f"{str(path)!r}: bad article entry ({exc!r})") from None
        out[row] = Article(article_id(day, text), day, text, source=str(item.get("source", "")), path=f"row {row}")
    return out


# --- matching ----------------------------------------------------------------------------------------

_WORD = re.compile(r"[a-z0-9]+")


def _words(text: str) -> set[str]:
    return set(_WORD.findall(anyascii(text).lower()))


def _norm(text: str) -> str:
    return " ".join(_WORD.findall(anyascii(text).lower()))


def same_sentence(extracted: str, evidence: str) -> bool:
    """The gold evidence is (in) the event's sentence, or the two share at least 70% of the shorter one's words."""
    a, b = _norm(extracted), _norm(evidence)
    if not a or not b:
        return False
    if b in a or a in b:
        return True
    wa, wb = _words(extracted), _words(evidence)
    return len(wa & wb) >= 0.7 * min(len(wa), len(wb))


def _dates_ok(e: Event, g: GoldEvent) -> bool:
    start, end = date.fromisoformat(e.date_start), date.fromisoformat(e.date_end)
    return start <= g.date_end + SLACK and end >= g.date_start - SLACK


def _place_ok(e: Event, g: GoldEvent) -> bool:
    return e.lat is not None and e.lon is not None and haversine_km(e.lat, e.lon, g.lat, g.lon) <= g.radius_km


def _right(e: Event, g: GoldEvent) -> bool:
    return _dates_ok(e, g) and _place_ok(e, g) and (same_sentence(e.sentence, g.evidence) or e.event_type == g.event_type)


def _matches(e: Event, g: GoldEvent) -> bool:
    return same_sentence(e.sentence, g.evidence) or _right(e, g)


# Names the extractor and the gold spell differently for the same side (compared folded, word sets).
_SAME_SIDE = [
    {"syrian rebels", "opposition rebels", "free syrian army", "turkey backed syrian opposition"},
]


def _side_key(name: str) -> frozenset[str]:
    head = name.split(":")[0] if ":" in name else name
    head = re.sub(r"\(\s*(?:syria|\d{4}-?)\s*\)", "", head, flags=re.I)
    words = [w for w in _WORD.findall(anyascii(head).lower()) if w not in {"the", "of"}]
    return frozenset(words)


def same_actor(ours: str, gold: str) -> bool:
    """Canonical names compared by their words ('US-led Coalition' = 'Coalition (US-led)', 'SDF: ...' = 'SDF')."""
    if not ours and not gold:
        return True
    if not ours or not gold:
        return False
    a, b = _side_key(ours), _side_key(gold)
    if a == b:
        return True
    for group in _SAME_SIDE:
        keys = {frozenset(g.split()) for g in group}
        if a in keys and b in keys:
            return True
    return False


def score_article(events: list[Event], gold: list[GoldEvent], article_date: str) -> list[tuple[str, Event, GoldEvent | None]]:
    """The verdict of each extracted event, in order: (verdict, event, the gold event it matched)."""
    base = date.fromisoformat(article_date)
    verdicts: dict[int, tuple[str, GoldEvent | None]] = {}
    taken: set[int] = set()
    for i, e in enumerate(events):  # pass 1: rights take their gold event
        g = next((g for g in gold if g.core and g.index not in taken and _right(e, g)), None)
        if g is not None:
            verdicts[i] = ("right", g)
            taken.add(g.index)
    for i, e in enumerate(events):
        if i in verdicts:
            continue
        core = [g for g in gold if g.core and _matches(e, g)]
        fresh = [g for g in core if g.index not in taken and same_sentence(e.sentence, g.evidence)]
        if fresh:
            verdicts[i] = ("wrong", fresh[0])
            taken.add(fresh[0].index)
        elif core:
            verdicts[i] = ("duplicate", core[0])
        else:
            border = next((g for g in gold if not g.core and _matches(e, g)), None)
            if border is not None or (base - date.fromisoformat(e.date_end)).days > HISTORY_DAYS:
                verdicts[i] = ("borderline", border)
            else:
                verdicts[i] = ("spurious", None)
    return [(verdicts[i][0], e, verdicts[i][1]) for i, e in enumerate(events)]


def _ratio(a: int, b: int) -> float | None:
    return round(a / b, 3) if b else None


def score_realnews(gold_path: str | Path, articles_path: str | Path, gazetteer=None, *, verbose: bool = False,
                   all_scopes: bool = False) -> dict:
    """Extract every gold article's events and score them (see the module docstring); the project's
    gazetteer unless one is given."""
    from geo.extract.events import extract_events

    if gazetteer is None:
        from geo.gazetteer.lookup import Gazetteer

        gazetteer = Gazetteer.open()

    gold = read_gold(gold_path)
    articles = read_articles(articles_path)
    missing = sorted(set(gold) - set(articles))
    if missing:
        raise GeoError(f"{str(articles_path)!r}: no text for gold row {missing[0]!r}")
    c: Counter = Counter()
    details: list[dict] = []
    n_core = found = found_strict = 0
    for row, (day, gold_events) in sorted(gold.items()):
        events = extract_events(articles[row], gazetteer)
        hidden = [e for e in events if getattr(e, "scope", "event") != "event"]
        if not all_scopes:
            events = [e for e in events if getattr(e, "scope", "event") == "event"]
        c["hidden"] += len(hidden) if not all_scopes else 0
        verdicts = score_article(events, gold_events, day)
        taken = {g.index: v for v, _, g in verdicts if g is not None and v in ("right", "wrong")}
        cores = [g for g in gold_events if g.core]
        n_core += len(cores)
        found += sum(1 for g in cores if g.index in taken)
        found_strict += sum(1 for g in cores if taken.get(g.index) == "right")
        for verdict, e, g in verdicts:
            c[verdict] += 1
            if verdict == "right":
                c["type_ok"] += e.event_type == g.event_type
                c["sub_ok"] += e.sub_event_type == g.sub_event_type
                c["actor1_ok"] += same_actor(e.actor1, g.actor1)
                c["actor2_ok"] += same_actor(e.actor2, g.actor2)
            if verbose and verdict in ("spurious", "wrong"):
                details.append({"row": row, "verdict": verdict, **_brief(e), **({"gold": _gold_brief(g)} if g else {})})
        if verbose:
            details += [{"row": row, "verdict": "missed", "gold": _gold_brief(g)} for g in cores if g.index not in taken]
    extracted = sum(c[v] for v in ("right", "wrong", "duplicate", "spurious", "borderline"))
    counted = extracted - c["borderline"]
    result = {
        "articles": len(gold), "extracted": extracted, "right": c["right"], "wrong": c["wrong"],
        "duplicate": c["duplicate"], "spurious": c["spurious"], "borderline": c["borderline"],
        "not_drawn": c["hidden"], "core": n_core,
        "precision_real": _ratio(c["right"] + c["wrong"] + c["duplicate"], counted),
        "precision_strict": _ratio(c["right"], counted),
        "recall": _ratio(found, n_core), "recall_strict": _ratio(found_strict, n_core),
        "type_accuracy": _ratio(c["type_ok"], c["right"]), "sub_type_accuracy": _ratio(c["sub_ok"], c["right"]),
        "actor1_accuracy": _ratio(c["actor1_ok"], c["right"]), "actor2_accuracy": _ratio(c["actor2_ok"], c["right"]),
    }
    if verbose:
        result["details"] = details
    return result


def report_lines(result: dict) -> list[dict]:
    """What the CLI prints: the figures on one line, then (with --verbose) one line per spurious, wrong and missed event."""
    figures = {k: v for k, v in result.items() if k != "details"}
    return [figures, *result.get("details", [])]


def _brief(e: Event) -> dict:
    return {"date": f"{e.date_start}..{e.date_end}", "place": e.place, "location": e.location, "lat": e.lat,
            "lon": e.lon, "type": e.sub_event_type, "actor1": e.actor1, "actor2": e.actor2, "sentence": e.sentence}


def _gold_brief(g: GoldEvent) -> dict:
    return {"date": f"{g.date_start}..{g.date_end}", "place": g.place, "type": g.sub_event_type,
            "actor1": g.actor1, "actor2": g.actor2, "core": g.core, "evidence": g.evidence}
