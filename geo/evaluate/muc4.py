"""Scoring extraction on MUC-4 answer keys.

MUC-4 (Latin American political violence, 1989-91) tests whether the pipeline generalises
beyond Syria: for every gold incident of a story, is there an extracted event of the story at
its place (a name of the key's location path, in the right country), of a compatible type,
on overlapping dates?
"""

from __future__ import annotations

import re
import time
from collections import Counter
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path

from anyascii import anyascii

from geo.extract.articles import Article, article_id
from geo.extract.dates import find_dates, parse_date
from geo.errors import GeoError
from geo.extract.events import extract_events

__all__ = ["MucIncident", "name_key", "read_muc_key", "read_muc_texts", "score_muc4"]

# MUC-4 incident types -> ACLED event types or sub-event types that code the same thing.
MUC_TYPES: dict[str, frozenset[str]] = {
    "ATTACK": frozenset({"Battles", "Violence against civilians", "Riots"}),
    "MURDER": frozenset({"Violence against civilians", "Battles"}),
    "BOMBING": frozenset({"Explosions/Remote violence"}),
    "ARSON": frozenset({"Looting/property destruction", "Riots"}),
    "KIDNAPPING": frozenset({"Abduction/forced disappearance"}),
    "ROBBERY": frozenset({"Looting/property destruction"}),
    "FORCED WORK STOPPAGE": frozenset({"Strategic developments", "Protests"}),
}


@dataclass(frozen=True)
class MucIncident:
    message_id: str
    date_start: date | None
    date_end: date | None
    country: str  # as written in the key ("EL SALVADOR")
    places: tuple[str, ...]  # names below the country ("PETEN", "FLORES")
    types: tuple[str, ...]
    optional: bool = False


def name_key(name: str) -> str:
    """Names compared without case, accents, apostrophes or hyphens ('Ma‘arrat' = 'MAARRAT')."""
    plain = re.sub(r"['`]", "", anyascii(name or "").lower())
    return re.sub(r"[^a-z0-9]+", " ", plain).strip()


# --- MUC-4 files -------------------------------------------------------------------------------------

_SLOT = re.compile(r"^\s*(\d+)\.\s+([A-Z][A-Z :]+?[A-Z])\s{2,}(.*)$")
_MUC_DATE = re.compile(r"(\d{1,2}) ([A-Z]{3}) (\d{2})")


def _templates(text: str) -> list[dict[str, list[str]]]:
    out: list[dict[str, list[str]]] = []
    current: dict[str, list[str]] | None = None
    slot = ""
    for line in text.splitlines():
        if line.startswith(";"):
            continue
        m = _SLOT.match(line)
        if m:
            slot = m.group(2).strip()
            if slot == "MESSAGE: ID":
                current = {}
                out.append(current)
            if current is not None:
                current.setdefault(slot, []).append(m.group(3).strip())
        elif line.strip() and current is not None and slot:
            current[slot].append(line.strip())
    return out


def _muc_dates(value: str, base: date | None) -> tuple[date | None, date | None]:
    """'02 FEB 90', '24 OCT 89 - 25 OCT 89', '- 29 DEC 89' (on or before), '(08 MAR 90) / (...)'."""
    value = value.split("/")[0]
    found = [date(1900 + int(y), _month(mon), int(d)) for d, mon, y in _MUC_DATE.findall(value) if _month(mon)]
    if not found:
        return None, None
    if value.strip().lstrip("(").startswith("-"):
        return None, found[0]
    return found[0], found[-1]


def _month(mon: str) -> int:
    names = ["JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"]
    return names.index(mon) + 1 if mon in names else 0


def read_muc_key(path: str | Path) -> list[MucIncident]:
    """The relevant incidents of a MUC-4 answer key (templates with a type)."""
    text = _read(path)
    incidents = []
    for t in _templates(text):
        types = [v.strip() for v in " / ".join(t.get("INCIDENT: TYPE", ["*"])).split("/")]
        types = [x for x in types if x in MUC_TYPES]
        if not types:
            continue
        start, end = _muc_dates(" ".join(t.get("INCIDENT: DATE", ["-"])), None)
        country, places = _muc_location(" ".join(t.get("INCIDENT: LOCATION", ["-"])))
        incidents.append(MucIncident(
            t["MESSAGE: ID"][0].split()[0], start, end, country, places, tuple(types),
            "OPTIONAL" in " ".join(t.get("MESSAGE: TEMPLATE", [""])),
        ))
    return incidents


def _muc_location(value: str) -> tuple[str, tuple[str, ...]]:
    """'GUATEMALA: PETEN (DEPARTMENT): FLORES (CITY)' -> ('GUATEMALA', ('PETEN', 'FLORES')); alternatives
    '(A: X) / (A: Y)' give every name."""
    value = value.strip()
    alternatives = re.split(r"\)\s*/\s*\(", value[1:-1]) if value.startswith("(") and value.endswith(")") else [value]
    country, names = "", []
    for alt in alternatives:
        parts = [re.sub(r"\s*\([^)]*\)", "", p).strip(" ?\"") for p in alt.split(":")]
        if parts and parts[0] not in {"-", "*", ""}:
            country = country or parts[0]
        for part in parts[1:]:
            names += [n.strip() for n in part.split(" - ") if n.strip()]
    return country, tuple(dict.fromkeys(names))


_STORY = re.compile(r"^(TST\d-MUC\d-\d{4}|DEV-MUC\d-\d{4})\s*$", re.M)
_DATELINE = re.compile(
    r"^\s*(.*?),\s*(\d{1,2} [A-Z]{3}(?: \d{2,4})?|NO DATE)\s*(?:\((.*?)\))?\s*--\s*(\[[^\]]*\]\s*)*", re.S)


def read_muc_texts(path: str | Path) -> dict[str, Article]:
    """The stories of a MUC-4 text file as articles dated by their datelines.

    A dateline without a year or without a date ("NO DATE") dates its story by the latest
    full date the story itself mentions; a story with neither is left out (its incidents count
    as missed).
    """
    text = _read(path)
    starts = list(_STORY.finditer(text))
    stories: dict[str, Article] = {}
    for i, m in enumerate(starts):
        body = text[m.end(): starts[i + 1].start() if i + 1 < len(starts) else len(text)]
        line = _DATELINE.match(body)
        if not line:
            continue
        # the dateline's city stays: it is where the story was filed, context for its places
        story = f"{line.group(1).strip()} --\n\n{body[line.end():].strip()}"
        day = parse_date(line.group(2)) if re.search(r"\d \w+ \d", line.group(2)) else None
        day = day or _latest_full_date(story)
        if day is None:
            continue
        iso = day.isoformat()
        stories[m.group(1)] = Article(article_id(iso, story), iso, story, source=line.group(3) or "",
                                      path=f"{path}:{m.group(1)}")
    return stories


def _latest_full_date(text: str) -> date | None:
    found = [d.date_end for d in find_dates(text, date(2100, 1, 1)) if not d.relative and d.precision == "day"]
    return max(found) if found else None


def _story_ids(path: str | Path) -> list[str]:
    return _STORY.findall(_read(path))


def _read(path: str | Path) -> str:
    try:
        return Path(path).read_text(encoding="latin-1")
    except OSError as exc:
        raise GeoError(f"{path}: cannot read ({exc.strerror})") from None


# --- MUC-4 scoring -----------------------------------------------------------------------------------

@dataclass
class _Tally:
    counts: Counter = field(default_factory=Counter)

    def ratio(self, hit: str, total: str) -> float | None:
        return round(self.counts[hit] / self.counts[total], 3) if self.counts[total] else None


def _country_code(gazetteer, name: str, cache: dict[str, str]) -> str:
    if name not in cache:
        place = gazetteer.resolve(name.title(), kind="country") if name else None
        cache[name] = place.country_code if place else ""
    return cache[name]


def _same_place(event, names: tuple[str, ...]) -> bool:
    wanted = {name_key(n) for n in names}
    return bool(wanted & {name_key(event.place), name_key(event.location)} - {""})


def _dates_overlap(event, inc: MucIncident) -> bool:
    start = date.fromisoformat(event.date_start)
    end = date.fromisoformat(event.date_end)
    lo = inc.date_start or (inc.date_end - timedelta(days=365) if inc.date_end else None)
    hi = inc.date_end
    return lo is not None and hi is not None and start <= hi and end >= lo


def _type_ok(event, inc: MucIncident) -> bool:
    return any({event.event_type, event.sub_event_type} & MUC_TYPES[t] for t in inc.types)


def score_muc4(key_file: str | Path, text_file: str | Path, gazetteer, limit: int | None = None) -> dict:
    """Recall of gold incidents by place, country, date, type and all at once; precision of event places."""
    t0 = time.perf_counter()
    incidents = read_muc_key(key_file)
    stories = read_muc_texts(text_file)
    ids = sorted(_story_ids(text_file))
    ids = ids[:limit] if limit else ids
    by_story: dict[str, list[MucIncident]] = {}
    for inc in incidents:
        by_story.setdefault(inc.message_id, []).append(inc)
    tally, codes, misses = _Tally(), {}, Counter()
    for story_id in ids:
        events = extract_events(stories[story_id], gazetteer) if story_id in stories else []
        tally.counts["undated_stories"] += story_id not in stories
        gold = [i for i in by_story.get(story_id, []) if not i.optional]
        tally.counts["events"] += len(events)
        if not gold:
            tally.counts["events_in_irrelevant_stories"] += len(events)
            continue
        tally.counts["events_in_relevant_stories"] += len(events)
        gold_places = {name_key(p) for i in gold for p in i.places}
        tally.counts["events_at_a_gold_place"] += sum(bool({name_key(e.place), name_key(e.location)} & gold_places) for e in events)
        for inc in gold:
            _score_incident(inc, events, gazetteer, codes, tally, misses)
    c = tally.counts
    return {
        "corpus": Path(text_file).name,
        "stories": len(ids),
        "undated_stories": c["undated_stories"],
        "gold_incidents": c["gold"],
        "events": c["events"],
        "place_recall": tally.ratio("place", "gold_with_place"),
        "country_recall": tally.ratio("country", "gold_with_country"),
        "date_recall": tally.ratio("date", "gold_with_date"),
        "type_recall": tally.ratio("type", "gold"),
        "joint_recall": tally.ratio("joint", "gold"),
        "place_precision": tally.ratio("events_at_a_gold_place", "events_in_relevant_stories"),
        "events_in_irrelevant_stories": c["events_in_irrelevant_stories"],
        "place_misses": dict(misses.most_common(5)),
        "seconds": round(time.perf_counter() - t0, 1),
    }


def _score_incident(inc: MucIncident, events, gazetteer, codes, tally: _Tally, misses: Counter) -> None:
    c = tally.counts
    c["gold"] += 1
    cc = _country_code(gazetteer, inc.country, codes)
    in_country = [e for e in events if cc and e.country_code == cc]
    at_place = [e for e in in_country if _same_place(e, inc.places)]
    if cc:
        c["gold_with_country"] += 1
        c["country"] += bool(in_country)
    if inc.places and cc:
        c["gold_with_place"] += 1
        c["place"] += bool(at_place)
        if not at_place:
            misses["no event at the place" if events else "no event in the story"] += 1
    if inc.date_end:
        c["gold_with_date"] += 1
        c["date"] += any(_dates_overlap(e, inc) for e in events)
    c["type"] += any(_type_ok(e, inc) for e in events)
    located = at_place if inc.places else in_country
    c["joint"] += any(_type_ok(e, inc) and (not inc.date_end or _dates_overlap(e, inc)) for e in located)
