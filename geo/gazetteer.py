"""The offline gazetteer: one SQLite file of places and folded names, plus the user's own entries.

`Gazetteer.open()` builds the file on first use (and rebuilds a corrupt or half-built one);
`resolve()` turns one name into a `Place`, deciding between namesakes by the surrounding text;
`find_places()` finds and resolves the place names of a whole text.
"""

from __future__ import annotations

import json
import math
import re
import sqlite3
import threading
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import NamedTuple

from .errors import GazetteerError
from .gazetteer_build import ALIAS, ALTERNATE, DEMONYM, MAIN, SCHEMA_VERSION, build, source_stamp
from .names import ARTICLES, KIND_WORDS, fold, kind_hint, skeleton
from .records import Mention, Place
from .settings import gazetteer_path
from .toponyms import CUE_WORDS, NOT_PLACE_AFTER, STOPWORDS, candidate_spans, kind_of_words, tokenize
from .user_entries import UserEntries

__all__ = ["Gazetteer", "haversine_km"]

MAX_NAME_CHARS = 200
MAX_TEXT_CHARS = 2_000_000
_CONTROL_RE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_CACHE_LIMIT = 200_000
# how much each kind of evidence counts when ranking candidates (log10 population is the base)
WEIGHTS = {
    "country": 4.0, "admin1": 3.0, "neighbour": 1.5,  # share of the text's other names in that country/area
    "cover": 3.0, "grid": 2.0, "near": 3.0,  # other names that may lie in the same admin1 / cell / nearby
    "pcli": 3.0, "pplc": 1.0, "adm_discount": 10,  # countries and capitals; areas' population divided
    "big_alt": 1.0, "small_alt": 2.0,  # an alternate spelling counts less than a place's own name
}
_STRONG_CODES = frozenset({"PCLI", "CONT", "ADM1", "RGN", "AIRB", "PSTB"})
TITLES = frozenset("mr mrs ms dr sen rep gov gen lt col sgt capt maj adm rev president judge officer coach "
                   "chief sheriff deputy mayor senator governor minister secretary professor prof father sister "
                   "brother pastor bishop detective trooper commissioner superintendent".split())
_ACRONYM_RE = re.compile(r"^(?:[A-Z]\.){2,}$|^[A-Z]{2,5}$")

# ACLED geo_precision and UCDP where_prec by feature code
_PRECISION = {"PCLI": (3, 6), "CONT": (3, 6), "ADM1": (3, 4), "ADM2": (2, 3), "ADM3": (2, 3), "RGN": (2, 2)}
_KIND_CODES = {
    "country": ("PCLI",), "adm1": ("ADM1",), "adm2": ("ADM2",), "adm3": ("ADM3", "ADM2"),
    "airfield": ("AIRB", "AIRF", "AIRP", "AIRH"), "crossing": ("PSTB",), "city": ("PPL",),
}


class Span(NamedTuple):
    """A known name found in a text: where, its folded key, the kind and container words around it."""

    start: int
    end: int
    key: str
    kind: str | None
    container: str | None
    strong: bool  # a main name of a country, area, big town or curated place: votes for the context
    cued: bool  # announced by a kind word or a preposition ('in', 'near', 'town of')


class Cand(NamedTuple):
    pid: int
    gid: str
    name: str
    lat: float
    lon: float
    cc: str
    admin1: str
    fcode: str
    pop: int
    source: str
    alt: int  # MAIN, ALTERNATE, DEMONYM, ALIAS
    loose: bool = False


@dataclass
class Context:
    """What a text says about where it is: country and admin1 votes, confident anchors, containers."""

    countries: dict[str, float] = field(default_factory=dict)
    admin1s: dict[tuple[str, str], float] = field(default_factory=dict)
    anchors: list[tuple[str, float, float]] = field(default_factory=list)  # (folded name, lat, lon)
    containers: dict[str, Cand] = field(default_factory=dict)  # folded name -> its container
    kinds: dict[str, str] = field(default_factory=dict)  # folded name -> kind said next to it
    votes: dict[str, tuple[str, str, float]] = field(default_factory=dict)  # name -> (cc, admin1, its share)
    spans: list[Span] = field(default_factory=list)
    cover: dict[tuple[str, str], set[str]] = field(default_factory=dict)  # admin1 -> names that may lie in it
    cover_keys: int = 0
    grid: dict[tuple[int, int], set[str]] = field(default_factory=dict)  # 1-degree cell -> names with a place there


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 6371.0088 * 2 * math.asin(min(1.0, math.sqrt(a)))


def clean_query(name: object, limit: int = MAX_NAME_CHARS) -> str | None:
    """A usable query string, or None for non-strings, blanks, oversize text and control junk."""
    text = clean_text(name, limit)
    return text.strip() if text else None


def clean_text(text: object, limit: int = MAX_TEXT_CHARS) -> str | None:
    """The text with control characters blanked (offsets kept), or None when unusable."""
    if not isinstance(text, str) or len(text) > limit:
        return None
    text = _CONTROL_RE.sub(" ", text)
    return text if text.strip() else None


def normalise_kind(kind: str | None) -> str | None:
    if not kind:
        return None
    key = fold(kind)
    if key in _KIND_CODES:
        return key
    for k, phrases in KIND_WORDS.items():
        if key in phrases:
            return k
    return {"town": "city", "village": "city", "airbase": "airfield", "governorate": "adm1"}.get(key)


def _kind_matches(kind: str, fcode: str) -> bool:
    if kind == "city":
        return fcode.startswith("PPL")
    return fcode in _KIND_CODES.get(kind, ())


class Gazetteer:
    """Offline place lookup over the SQLite file built by `geo.gazetteer_build`."""

    def __init__(self, path: Path, conn: sqlite3.Connection) -> None:
        self.path = path
        self._conn = conn
        self._lock = threading.RLock()
        self._exact: dict[str, tuple[Cand, ...]] = {}
        self._loose: dict[str, tuple[Cand, ...]] = {}
        self._contexts: dict[int, Context] = {}
        self._neighbours: dict[str, list[str]] | None = None
        self.user = UserEntries(path.with_name(path.stem + ".user.sqlite"))

    # --- opening ----------------------------------------------------------------------------

    @classmethod
    def open(cls, path: str | Path | None = None, *, build: bool = True, progress: bool = False) -> "Gazetteer":
        """Open the gazetteer, building it first when missing, corrupt or half-built."""
        path = Path(path) if path else gazetteer_path()
        problem = cls.check(path)
        if problem:
            if not build:
                raise GazetteerError(f"gazetteer {str(path)!r} is not usable ({problem}): run `python -m geo gazetteer build`")
            cls.build(path, progress=progress)
        try:
            conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True, check_same_thread=False)
            conn.execute("PRAGMA query_only=1")
        except sqlite3.Error as exc:
            raise GazetteerError(f"cannot open gazetteer {str(path)!r}: {exc}") from exc
        return cls(path, conn)

    @staticmethod
    def build(path: str | Path | None = None, *, progress: bool = False) -> dict[str, float]:
        return build(Path(path) if path else gazetteer_path(), progress=progress)

    @staticmethod
    def check(path: Path) -> str | None:
        """Why the file at `path` cannot be used, or None when it is a complete gazetteer."""
        try:
            size = path.stat().st_size
            with path.open("rb") as fh:
                if fh.read(16) != b"SQLite format 3\x00":
                    return "not an SQLite file"
            conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
            try:
                meta = dict(conn.execute("SELECT key, value FROM meta").fetchall())
                pages = conn.execute("PRAGMA page_count").fetchone()[0] * conn.execute("PRAGMA page_size").fetchone()[0]
            finally:
                conn.close()
        except FileNotFoundError:
            return "missing"
        except (OSError, sqlite3.Error) as exc:
            return f"unreadable: {exc}"
        if meta.get("complete") != "1":
            return "half-built"
        if meta.get("schema_version") != SCHEMA_VERSION:
            return "old schema"
        if meta.get("source_stamp") != source_stamp():
            return "built from older sources"
        if pages != size:
            return "truncated"
        return None

    def close(self) -> None:
        self._conn.close()
        self.user.close()

    # --- lookups ----------------------------------------------------------------------------

    _SELECT = ("SELECT p.id, p.gid, p.name, p.lat, p.lon, p.cc, p.admin1, p.fcode, p.pop, p.source, min(n.alt) "
               "FROM names n JOIN places p ON p.id = n.place_id WHERE n.{col} = ? GROUP BY p.id")

    def _lookup(self, key: str, loose: bool = False) -> tuple[Cand, ...]:
        cache = self._loose if loose else self._exact
        hit = cache.get(key)
        if hit is not None:
            return hit
        with self._lock:
            rows = self._conn.execute(self._SELECT.format(col="skel" if loose else "folded"), (key,)).fetchall()
        found = tuple(Cand(*row, loose=loose) for row in rows)
        user = self.user.lookup(key, self._place_by_gid) if not loose else ()
        if user:
            found = user + tuple(c for c in found if c.gid not in {u.gid for u in user})
        if len(cache) > _CACHE_LIMIT:
            cache.clear()
        cache[key] = found
        return found

    def _place_by_gid(self, gid: str) -> Cand | None:
        with self._lock:
            row = self._conn.execute(
                "SELECT id, gid, name, lat, lon, cc, admin1, fcode, pop, source, 0 FROM places WHERE gid = ?",
                (gid,)).fetchone()
        return Cand(*row) if row else None

    def known(self, folded: str) -> bool:
        return bool(self._lookup(folded))

    def candidates(self, name: str, *, country: str | None = None, limit: int = 10) -> list[Place]:
        """Every place the name may mean, best first (exact spellings, then loose ones)."""
        query = clean_query(name)
        if query is None or limit <= 0:
            return []
        folded = fold(query)
        bare, _ = kind_hint(folded)
        cands = self._gather(folded, bare, country.upper() if country else None, loose_countries=None)
        ranked = sorted(cands, key=lambda c: -self._score(c, None, None, None, folded))
        return [self._place(c, confidence=0.0) for c in ranked[:limit]]

    # --- resolution -------------------------------------------------------------------------

    def resolve(self, name: str, *, country: str | None = None, admin1: str | None = None,
                kind: str | None = None, context: str | None = None) -> Place | None:
        """The place `name` most likely means here, or None when nothing fits."""
        query = clean_query(name)
        if query is None:
            return None
        folded = fold(query)
        if not folded:
            return None
        ctx = self.context(context) if context else None
        return self._resolve(folded, country=country, admin1=admin1, kind=normalise_kind(kind), ctx=ctx)

    def _gather(self, folded: str, bare: str, country: str | None, loose_countries) -> list[Cand]:
        cands = list(self._lookup(folded))
        if bare != folded:
            seen = {c.pid for c in cands}
            cands += [c for c in self._lookup(bare) if c.pid not in seen]
        words = bare.split()
        if not cands and len(words) > 1 and words[0] in ARTICLES:
            cands = list(self._lookup(" ".join(words[1:])))  # 'al-Raqqa' -> 'Raqqa'
        if country:
            cands = [c for c in cands if c.cc == country or c.alt == ALIAS]
        if not cands:
            skel = skeleton(bare)
            allowed = {country} if country else set(loose_countries or ())
            if len(skel) >= 3:
                cands = [c for c in self._lookup(skel, loose=True)
                         if c.cc in allowed or (not allowed and c.pop >= 100_000)]
        return cands

    def _resolve(self, folded: str, *, country: str | None, admin1: str | None, kind: str | None,
                 ctx: Context | None) -> Place | None:
        bare, hint = kind_hint(folded)
        kind = kind or hint or (ctx.kinds.get(folded) if ctx else None)
        country = country.upper() if country else None
        loose_countries = [cc for cc, w in ctx.countries.items() if w >= 0.1] if ctx else None
        cands = self._gather(folded, bare, country, loose_countries)
        if not cands:
            return None
        admin1_key = fold(admin1) if admin1 else None
        towns = {(c.cc, c.admin1) for c in cands if c.fcode.startswith("PPL")}
        scored = sorted(((self._score(c, kind, admin1_key, ctx, folded)
                          - (2.0 if c.fcode == "ADM1" and (c.cc, c.admin1) in towns and not kind else 0.0), c)
                         for c in cands), key=lambda sc: -sc[0])
        best_score, best = scored[0]
        runner = scored[1][0] if len(scored) > 1 else best_score - 6
        confidence = 1 / (1 + math.exp(-(best_score - runner)))  # margin over the runner-up
        if best.loose:
            confidence *= 0.7
        elif best.alt == ALTERNATE and best.pop < 1000:
            confidence *= 0.85
        others = tuple(self._place(c, confidence=0.0) for _, c in scored[1:6])
        place = self._place(best, confidence=round(confidence, 3), candidates=others)
        if kind and not _kind_matches(kind, best.fcode) and kind in ("airfield", "crossing"):
            place = replace(place, geo_precision=2, where_prec=2)  # the town named for the site: near it
        return place

    def _score(self, c: Cand, kind: str | None, admin1: str | None, ctx: Context | None, folded: str) -> float:
        if c.fcode.startswith("ADM") and kind is None:
            s = math.log10(c.pop / WEIGHTS["adm_discount"] + 10)  # a bare name means the town more often
        else:
            s = math.log10(c.pop + 10)
        if c.fcode == "PCLI":
            s += WEIGHTS["pcli"]
        elif c.fcode == "CONT":
            s += 1.0
        elif c.fcode == "ADM1":
            s += 1.0
        elif c.fcode == "PPLC":
            s += WEIGHTS["pplc"]  # capitals stand for their governments in news
        if c.alt == ALTERNATE:
            s -= WEIGHTS["small_alt"] if c.pop < 100_000 else WEIGHTS["big_alt"]
        elif c.alt == DEMONYM:
            s -= 0.5
        elif c.alt == ALIAS:
            s += 20.0
        if c.loose:
            s -= 1.5
        if kind:
            s += 4.0 if _kind_matches(kind, c.fcode) else -1.5
        elif c.fcode.startswith("ADM") and c.fcode != "ADM1":
            s -= 1.0
        if admin1 and (fold(c.admin1) == admin1 or fold(c.name) == admin1):
            s += 4.0
        if ctx is not None:
            s += self._context_score(c, ctx, folded)
        return s

    def neighbours(self, cc: str) -> list[str]:
        if self._neighbours is None:
            with self._lock:
                row = self._conn.execute("SELECT value FROM meta WHERE key = 'neighbours'").fetchone()
            self._neighbours = json.loads(row[0]) if row else {}
        return self._neighbours.get(cc, [])

    def _context_score(self, c: Cand, ctx: Context, folded: str) -> float:
        own_cc, own_admin1, own_share = ctx.votes.get(folded, ("", "", 0.0))
        w = WEIGHTS
        share = ctx.countries.get(c.cc, 0.0) - (own_share if own_cc == c.cc else 0.0)
        s = w["country"] * share / max(1e-9, 1.0 - own_share) if share > 0 else 0.0
        if c.admin1:
            a_share = ctx.admin1s.get((c.cc, c.admin1), 0.0)
            if (own_cc, own_admin1) == (c.cc, c.admin1):
                a_share -= own_share
            s += w["admin1"] * a_share / max(1e-9, 1.0 - own_share) if a_share > 0 else 0.0
        if ctx.cover_keys > 1:
            if c.admin1:
                others = ctx.cover.get((c.cc, c.admin1), set()) - {folded}
                s += w["cover"] * len(others) / (ctx.cover_keys - 1)
            if not c.fcode.startswith(("PCL", "CONT", "ADM1")):
                y, x = math.floor(c.lat), math.floor(c.lon)
                near_keys: set[str] = set()
                for dy in (-1, 0, 1):
                    for dx in (-1, 0, 1):
                        near_keys |= ctx.grid.get((y + dy, x + dx), set())
                near_keys.discard(folded)
                s += w["grid"] * len(near_keys) / (ctx.cover_keys - 1)
        near = sum(ctx.countries.get(n, 0.0) for n in self.neighbours(c.cc))
        s += w["neighbour"] * min(1.0, near)
        container = ctx.containers.get(folded)
        if container is not None:
            if container.fcode == "PCLI":
                s += 5.0 if c.cc == container.cc else -2.0
            elif container.fcode.startswith("ADM1"):
                s += 5.0 if (c.cc, c.admin1) == (container.cc, container.admin1) else -1.0
            elif haversine_km(c.lat, c.lon, container.lat, container.lon) < 60:
                s += 4.0
        if ctx.anchors and not c.fcode.startswith(("PCL", "CONT", "ADM1")):
            d = min((haversine_km(c.lat, c.lon, lat, lon) for name, lat, lon in ctx.anchors if name != folded),
                    default=1e9)
            s += w["near"] * (1.0 if d < 30 else 0.67 if d < 100 else 0.33 if d < 250 else 0.0)
        return s

    def _place(self, c: Cand, *, confidence: float, candidates: tuple[Place, ...] = ()) -> Place:
        gp, wp = _PRECISION.get(c.fcode, (1, 1))
        return Place(name=c.name, lat=c.lat, lon=c.lon, geonameid=c.gid, country_code=c.cc, admin1=c.admin1,
                     feature_code=c.fcode, population=c.pop, geo_precision=gp, where_prec=wp,
                     confidence=confidence, source=c.source, candidates=candidates)

    # --- texts ------------------------------------------------------------------------------

    def _scan(self, text: str) -> list[Span]:
        """Every span of `text` the gazetteer knows, longest first, with the words around it."""
        tokens = tokenize(text)
        found: list[Span] = []
        taken_until = -1
        lower_words: set[str] | None = None
        for i, j in candidate_spans(text, tokens):
            if i <= taken_until:
                continue
            words = [fold(t.text) for t in tokens[i:j]]
            key = " ".join(w for w in words if w)
            if not key or not words[0] or (j - i == 1 and key in STOPWORDS):
                continue
            cands = self._lookup(key)
            if not cands:
                continue
            if j - i == 1 and _ACRONYM_RE.match(tokens[i].text) and \
                    not any(c.fcode in ("PCLI", "ADM1") or c.alt == ALIAS for c in cands):
                continue  # 'UK' and 'U.S.' yes, 'FSA' and 'U.N.' no
            after = [fold(t.text) for t in tokens[j:j + 3]]
            if after and after[0] in NOT_PLACE_AFTER and tokens[j].capitalised and _adjacent(text, tokens, j - 1) \
                    and kind_of_words(after) is None:
                continue  # 'Dublin Road', 'Damascus University'
            before = [fold(t.text) for t in tokens[max(0, i - 3):i]]
            kind = kind_of_words(after) if _adjacent(text, tokens, j - 1) else None
            if kind is None and len(before) >= 2 and before[-1] == "of":
                kind = kind_of_words(before[-2:-1]) or kind_of_words(before[-3:-1])
            cued = kind is not None or (bool(before) and before[-1] in CUE_WORDS)
            if before and before[-1] in TITLES and _adjacent(text, tokens, i - 1, ". "):
                continue  # 'Mr. Henry', 'Gov. Lincoln'
            strong = any(_is_strong(c) for c in cands)
            if not strong and not cued:
                if lower_words is None:
                    lower_words = {t.text for t in tokens if t.text.islower()}
                if _embedded(text, tokens, i, j) or _sentence_start(text, tokens, i) or \
                        (j - i == 1 and key in lower_words):
                    continue  # 'Lorraine Bailey', 'Center' opening a sentence, 'Day' when 'day' is a word here
            found.append(Span(tokens[i].start, tokens[j - 1].end, key, kind, _container(text, tokens, j),
                              strong, cued))
            taken_until = j - 1
        return found

    def context(self, text: str | None) -> Context | None:
        """Country/admin1 votes, anchors, kinds and containers of a text (cached by text)."""
        query = clean_text(text)
        if query is None:
            return None
        cached = self._contexts.get(hash(query))
        if cached is not None:
            return cached
        ctx = Context(spans=self._scan(query))
        first: dict[str, Place | None] = {}
        for span in ctx.spans:
            if span.key not in first:
                first[span.key] = self._resolve(span.key, country=None, admin1=None, kind=span.kind, ctx=None)
            if span.kind:
                ctx.kinds.setdefault(span.key, span.kind)
        self._vote(ctx, [sp for sp in ctx.spans if sp.strong], first)
        weak = [sp for sp in ctx.spans if not sp.strong and first.get(sp.key) is not None
                and ctx.countries.get(first[sp.key].country_code, 0.0) >= 0.1]
        if weak:  # small places inside the text's countries add their admin1 areas and anchors
            self._vote(ctx, [sp for sp in ctx.spans if sp.strong] + weak, first)
        self._coverage(ctx)
        for span in ctx.spans:
            p = first.get(span.container) if span.container else None
            if p is not None and not self.is_demonym(span.container):
                ctx.containers[span.key] = Cand(0, p.geonameid, p.name, p.lat, p.lon, p.country_code, p.admin1,
                                                p.feature_code, p.population, p.source, MAIN)
        if len(self._contexts) > 256:
            self._contexts.clear()
        self._contexts[hash(query)] = ctx
        return ctx

    def _coverage(self, ctx: Context) -> None:
        """Which admin1 areas could hold each name: namesakes share the area the text is about."""
        keys = {sp.key for sp in ctx.spans if sp.strong or sp.cued}
        for key in keys:
            for c in self._lookup(key):
                if c.fcode in ("PCLI", "ADM1", "CONT") or c.alt == DEMONYM:
                    continue
                if c.admin1:
                    ctx.cover.setdefault((c.cc, c.admin1), set()).add(key)
                ctx.grid.setdefault((math.floor(c.lat), math.floor(c.lon)), set()).add(key)
        ctx.cover_keys = len(keys)

    @staticmethod
    def _vote(ctx: Context, spans: list[Span], first: dict[str, Place | None]) -> None:
        ctx.countries, ctx.admin1s, ctx.anchors, ctx.votes = {}, {}, [], {}
        total = 0.0
        own: dict[str, float] = {}
        for span in spans:
            place = first.get(span.key)
            if place is None:
                continue
            weight = 2.0 if place.feature_code == "PCLI" else 0.5 + place.confidence
            if not span.strong:
                weight *= 0.4
            total += weight
            own[span.key] = own.get(span.key, 0.0) + weight
            ctx.countries[place.country_code] = ctx.countries.get(place.country_code, 0.0) + weight
            if place.admin1:
                k = (place.country_code, place.admin1)
                ctx.admin1s[k] = ctx.admin1s.get(k, 0.0) + weight
            if place.confidence >= 0.9 and place.feature_code not in ("PCLI", "CONT", "ADM1"):
                ctx.anchors.append((span.key, place.lat, place.lon))
        if total:
            ctx.countries = {k: v / total for k, v in ctx.countries.items()}
            ctx.admin1s = {k: v / total for k, v in ctx.admin1s.items()}
            for key, weight in own.items():
                p = first[key]
                ctx.votes[key] = (p.country_code, p.admin1, weight / total)

    def find_places(self, text: str) -> list[Mention]:
        """Place names in `text`, each resolved in the context of the whole text.

        A small place matched only by an alternate spelling, or far from every other place of
        the text, is kept only when the text's countries support it or a cue word announces it.
        """
        query = clean_text(text)
        if query is None:
            return []
        ctx = self.context(query)
        mentions = []
        for span in ctx.spans:
            place = self._resolve(span.key, country=None, admin1=None, kind=span.kind, ctx=ctx)
            if place is None:
                continue
            if not span.strong and not span.cued:
                own_cc, _, own_share = ctx.votes.get(span.key, ("", "", 0.0))
                share = ctx.countries.get(place.country_code, 0.0) - (own_share if own_cc == place.country_code else 0)
                if share < 0.1:
                    continue
            mentions.append(Mention(text=query[span.start:span.end], start=span.start, end=span.end,
                                    kind="place", place=place))
        return mentions

    def is_demonym(self, word: str) -> bool:
        """True when `word` names a people ('Syrian', 'Russians') rather than a place."""
        key = fold(word) if isinstance(word, str) else ""
        return bool(key) and any(c.alt == DEMONYM for c in self._lookup(key))

    # --- reverse ----------------------------------------------------------------------------

    def nearest(self, lat: float, lon: float) -> Place | None:
        """The nearest populated place or site (not an area) to a point."""
        try:
            lat, lon = float(lat), float(lon)
        except (TypeError, ValueError):
            return None
        if not (-90 <= lat <= 90 and -180 <= lon <= 180) or math.isnan(lat + lon):
            return None
        best: tuple[float, Cand] | None = None
        for delta in (0.25, 1.0, 4.0, 20.0, 180.0):
            with self._lock:
                rows = self._conn.execute(
                    "SELECT id, gid, name, lat, lon, cc, admin1, fcode, pop, source, 0 FROM places "
                    "WHERE lat BETWEEN ? AND ? AND lon BETWEEN ? AND ? "
                    "AND fcode NOT IN ('PCLI','CONT','ADM1','ADM2','ADM3','RGN')",
                    (lat - delta, lat + delta, lon - delta, lon + delta)).fetchall()
            cands = [Cand(*r) for r in rows] + self.user.places_near(lat, lon, delta)
            for c in cands:
                d = haversine_km(lat, lon, c.lat, c.lon)
                if best is None or d < best[0]:
                    best = (d, c)
            if best is not None and best[0] <= delta * 111 * math.cos(math.radians(min(abs(lat), 89))):
                break
        if best is None:
            return None
        return self._place(best[1], confidence=round(max(0.0, 1 - best[0] / 50), 3))

    # --- user entries -----------------------------------------------------------------------

    def add_user_entry(self, name: str, lat: float, lon: float, *, country_code: str = "", admin1: str = "",
                       feature_code: str = "PPL", population: int = 0, source: str = "user") -> Place:
        """Add or correct a place; it wins over packaged data and survives rebuilds."""
        query = clean_query(name)
        if query is None or not fold(query):
            raise GazetteerError(f"not a usable place name: {name!r}")
        cand = self.user.add_place(query, lat, lon, country_code=country_code, admin1=admin1,
                                   feature_code=feature_code, population=population, source=source)
        self._exact.clear()
        self._contexts.clear()
        return self._place(cand, confidence=1.0)

    def add_alias(self, alias: str, geonameid: str) -> None:
        """Make `alias` mean the place `geonameid` (a packaged, supplement or user id)."""
        query = clean_query(alias)
        if query is None or not fold(query):
            raise GazetteerError(f"not a usable alias: {alias!r}")
        if self._place_by_gid(str(geonameid)) is None and self.user.place(str(geonameid)) is None:
            raise GazetteerError(f"unknown place id: {geonameid!r}")
        self.user.add_alias(fold(query), str(geonameid))
        self._exact.clear()
        self._contexts.clear()


def _is_strong(c: Cand) -> bool:
    """A name that means this place on its own: a country, area, big town or curated entry by its own name."""
    if c.alt == ALTERNATE:
        return False
    return c.pop >= 100_000 or c.fcode in _STRONG_CODES or "supplement" in c.source or c.alt == ALIAS \
        or (c.fcode.startswith("ADM") and " " in c.name)


def _adjacent(text: str, tokens, k: int, gaps: tuple[str, ...] | str = (" ", "-")) -> bool:
    if k < 0 or k + 1 >= len(tokens):
        return False
    gap = text[tokens[k].end:tokens[k + 1].start]
    return gap in gaps if isinstance(gaps, tuple) else gap in (" ", gaps)


def _embedded(text: str, tokens, i: int, j: int) -> bool:
    """True when capitalised words touch the span: part of a longer name nobody knows as a place."""
    prev_cap = i > 0 and tokens[i - 1].capitalised and _adjacent(text, tokens, i - 1, (" ",))
    next_cap = j < len(tokens) and tokens[j].capitalised and _adjacent(text, tokens, j - 1, (" ",))
    return prev_cap or next_cap


def _sentence_start(text: str, tokens, i: int) -> bool:
    if i == 0:
        return True
    gap = text[tokens[i - 1].end:tokens[i].start]
    return any(ch in gap for ch in ".!?:\n\"“")


def _container(text: str, tokens, j: int) -> str | None:
    """'X in Y' / 'X, Y' / 'X in Y province': the folded Y when it is capitalised."""
    if j >= len(tokens):
        return None
    gap = text[tokens[j - 1].end:tokens[j].start]
    k = j
    if gap.strip() == ",":
        pass
    elif gap == " " and tokens[j].text in ("in", "of") and j + 1 < len(tokens):
        k = j + 1
        if tokens[k].text.lower() == "the" and k + 1 < len(tokens):
            k += 1
            if fold(tokens[k].text) in ("province", "governorate", "state", "district", "county") and k + 2 < len(tokens) \
                    and tokens[k + 1].text == "of":
                k += 2
    else:
        return None
    words = []
    while k < len(tokens) and tokens[k].capitalised and len(words) < 4:
        words.append(fold(tokens[k].text))
        if not _adjacent(text, tokens, k):
            break
        k += 1
    return " ".join(words) or None

