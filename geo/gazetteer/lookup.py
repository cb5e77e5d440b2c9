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
from dataclasses import replace
from pathlib import Path
from typing import Callable

from geo.gazetteer import disambiguation as dis
from geo.gazetteer.disambiguation import Cand, Context, coverage, kind_matches, normalise_kind, score, vote_text
from geo.geometry import KM_PER_DEGREE, haversine_km
from geo.errors import GazetteerError
from geo.gazetteer.build import SCHEMA_VERSION, build, quick_check, remove_stale_builds, source_stamp
from geo.gazetteer.kinds import ALIAS, ALTERNATE, DEMONYM, MAIN, PRECISION, post_town
from geo.gazetteer.names import ARTICLES, close_spellings, fold, is_acronym, is_english_key, kind_hint, skeleton
from geo.reading import shorten
from geo.records import Mention, Place
from geo.settings import gazetteer_path
from geo.gazetteer.toponyms import Intervals, scan
from geo.gazetteer.user_entries import UserEntries

__all__ = ["Gazetteer"]

MAX_NAME_CHARS = 200
MAX_TEXT_CHARS = 2_000_000
_CONTROL_RE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_CACHE_LIMIT = 20_000  # names per cache: a 500k-article ingest grew 142 -> 339 MB at 200,000
_ALTERNATIVES_RE = re.compile(r"[()/]")

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
    def open(cls, path: str | Path | None = None, *, build: bool = True,
             progress: bool | Callable[[int, int], None] = False) -> "Gazetteer":
        """Open the gazetteer, building it first when missing, corrupt or half-built.

        `progress`: True for a terminal progress bar, or a callable given (places written, total).
        """
        path = Path(path) if path else gazetteer_path()
        problem = cls.check(path)
        if problem:
            if not build:
                raise GazetteerError(f"gazetteer {str(path)!r} is not usable ({problem}): "
                                     "run `python -m geo gazetteer build`")
            cls.build(path, progress=progress)
        try:
            conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True, check_same_thread=False)
            conn.execute("PRAGMA query_only=1")
        except sqlite3.Error as exc:
            raise GazetteerError(f"cannot open gazetteer {str(path)!r}: {exc}") from exc
        return cls(path, conn)

    @staticmethod
    def build(path: str | Path | None = None, *, progress: bool | Callable[[int, int], None] = False
              ) -> dict[str, float]:
        return build(Path(path) if path else gazetteer_path(), progress=progress)

    @staticmethod
    def check(path: Path, *, thorough: bool = False) -> str | None:
        """Why the file at `path` cannot be used, or None when it is a complete gazetteer.

        `thorough` adds SQLite's quick_check (~1 s), which finds damage inside a file of the
        right size; every check removes what killed builds left behind."""
        remove_stale_builds(path)
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
        if thorough:
            return quick_check(path)
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
        user = self.user.lookup(key, self._place_by_geonameid) if not loose else ()
        if user:
            found = user + tuple(c for c in found if c.geonameid not in {u.geonameid for u in user})
        if len(cache) > _CACHE_LIMIT:
            cache.clear()
        cache[key] = found
        return found

    def _place_by_geonameid(self, gid: str) -> Cand | None:
        with self._lock:
            row = self._conn.execute(
                "SELECT id, gid, name, lat, lon, cc, admin1, fcode, pop, source, 0 FROM places WHERE gid = ?",
                (gid,)).fetchone()
        return Cand(*row) if row else None

    def candidates(self, name: str, *, country: str | None = None, limit: int = 10) -> list[Place]:
        """Every place the name may mean, best first (exact spellings, then loose ones)."""
        query = clean_query(name)
        if query is None or limit <= 0:
            return []
        folded = fold(query)
        bare, _ = kind_hint(folded)
        cands = self._gather(folded, bare, country.upper() if country else None, loose_countries=None)
        ranked = sorted(cands, key=lambda c: -self._score_with(c, None, None, None, folded))
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
        kind = normalise_kind(kind)
        acronym = is_acronym(query)
        place = self._resolve(folded, country=country, admin1=admin1, kind=kind, ctx=ctx, loose=not acronym,
                              word=acronym or is_english_key(folded))
        if place is None and _ALTERNATIVES_RE.search(query):  # 'Kobane (Ain al-Arab)', 'Sere Kaniye/Ras al-Ain'
            for part in filter(None, (fold(p) for p in _ALTERNATIVES_RE.split(query))):
                place = self._resolve(part, country=country, admin1=admin1, kind=kind, ctx=ctx)
                if place is not None:
                    break
        return place

    def _gather(self, folded: str, bare: str, country: str | None, loose_countries) -> list[Cand]:
        cands = list(self._lookup(folded))
        if bare != folded:
            seen = {c.place_id for c in cands}
            cands += [c for c in self._lookup(bare) if c.place_id not in seen]
        words = bare.split()
        if not cands and len(words) > 1 and words[0] in ARTICLES:
            cands = list(self._lookup(" ".join(words[1:])))  # 'al-Raqqa' -> 'Raqqa'
        if country:
            cands = [c for c in cands if c.country_code == country or c.name_kind == ALIAS]
        if not cands and loose_countries is not False and not is_english_key(bare):
            skel, allowed = skeleton(bare), ({country} if country else set(loose_countries or ()))
            if len(skel) >= 3 and allowed:  # another spelling of a place the text is about, never a lookalike
                cands = [c for c in self._lookup(skel, loose=True) if c.country_code in allowed
                         and close_spellings(bare, c.name) and not post_town(c)]  # a hamlet: never a misspelling
        return cands

    def _resolve(self, folded: str, *, country: str | None, admin1: str | None, kind: str | None,
                 ctx: Context | None, loose: bool = True, word: bool = False) -> Place | None:
        bare, hint = kind_hint(folded)
        kind = kind or hint or (ctx.kinds.get(folded) if ctx else None)
        country = country.upper() if country else None
        loose_countries = ([cc for cc, w in ctx.countries.items() if w >= 0.1] if ctx else None) if loose else False
        cands = self._gather(folded, bare, country, loose_countries)
        cands = dis.own_name_readings(cands) if word and not kind else cands  # 'AREA' is not Mundelein
        if not cands:
            return None
        admin1_key = fold(admin1) if admin1 else None  # below: 'Aleppo' is the city, 'New York' the state
        towns = {(c.country_code, c.admin1) for c in cands if c.feature_code.startswith("PPL")
                 and not dis.city_of_the_name(c, bare)} if not kind and any(c.feature_code == "ADM1" for c in cands) else set()
        scored = sorted(((self._score_with(c, kind, admin1_key, ctx, folded)
                          - (2.0 if c.feature_code == "ADM1" and (c.country_code, c.admin1) in towns else 0.0), c)
                         for c in cands), key=lambda sc: -sc[0])
        scored = dis.kind_first(scored, kind) if kind or admin1_key else dis.text_first(scored, ctx, folded)
        best_score, best = scored[0]
        runner = scored[1][0] if len(scored) > 1 else best_score - 6
        confidence = 1 / (1 + math.exp(-(best_score - runner)))  # margin over the runner-up
        if best.loose:
            confidence *= 0.7
        elif best.name_kind == ALTERNATE and best.population < 1000:
            confidence *= 0.85
        others = tuple(self._place(c, confidence=0.0) for _, c in scored[1:6])
        place = self._place(best, confidence=round(confidence, 3), candidates=others)
        if kind and not kind_matches(kind, best.feature_code) and kind in ("airfield", "crossing"):
            place = replace(place, geo_precision=2, where_prec=2)  # the town named for the site: near it
        return place

    def _score_with(self, c: Cand, kind: str | None, admin1: str | None, ctx: Context | None, folded: str) -> float:
        return score(c, kind, admin1, ctx, folded, self.neighbours)

    def neighbours(self, cc: str) -> list[str]:
        if self._neighbours is None:
            with self._lock:
                row = self._conn.execute("SELECT value FROM meta WHERE key = 'neighbours'").fetchone()
            self._neighbours = json.loads(row[0]) if row else {}
        return self._neighbours.get(cc, [])

    def _place(self, c: Cand, *, confidence: float, candidates: tuple[Place, ...] = ()) -> Place:
        gp, wp = PRECISION.get(c.feature_code, (1, 1))
        return Place(name=c.name, lat=c.lat, lon=c.lon, geonameid=c.geonameid, country_code=c.country_code,
                     admin1=c.admin1, feature_code=c.feature_code, population=c.population, geo_precision=gp,
                     where_prec=wp, confidence=confidence, source=c.source, candidates=candidates)

    # --- texts ------------------------------------------------------------------------------

    def context(self, text: str | None) -> Context | None:
        """Country/admin1 votes, anchors, kinds and containers of a text (cached by text)."""
        query = clean_text(text)
        if query is None:
            return None
        cached = self._contexts.get(hash(query))
        if cached is not None:
            return cached
        ctx = Context(spans=scan(query, self._lookup))
        first: dict[str, Place | None] = {}
        for span in ctx.spans:
            if not span.known:
                continue
            if span.key not in first:
                first[span.key] = self._resolve(span.key, country=None, admin1=None, kind=span.kind, ctx=None)
            if span.kind:
                ctx.kinds.setdefault(span.key, span.kind)
        vote_text(ctx, first)
        coverage(ctx, self._lookup)
        # vote again, each name read in the light of the others: 'Georgia' beside Macon is the state's
        second = {k: p and self._resolve(k, country=None, admin1=None, kind=ctx.kinds.get(k), ctx=ctx)
                  for k, p in first.items()}
        if any(p and q and p.geonameid != q.geonameid for p, q in zip(first.values(), second.values())):
            vote_text(ctx, second)
            first.update(second)
        for span in ctx.spans:
            p = (first.get(span.container) or first.get(span.container + ".")) if span.container else None
            if dis.list_of_equals(first.get(span.key), p):
                continue  # 'Iraq, Iran', 'Ohio, Texas'
            if p is not None and not self.is_demonym(span.container):
                ctx.containers[span.key] = Cand(0, p.geonameid, p.name, p.lat, p.lon, p.country_code, p.admin1,
                                                p.feature_code, p.population, p.source, MAIN)
        if len(self._contexts) > 256:
            self._contexts.clear()
        self._contexts[hash(query)] = ctx
        return ctx

    def find_places(self, text: str) -> list[Mention]:
        """Place names in `text`, each resolved in the context of the whole text.

        A small place matched only by an alternate spelling, a post-office hamlet, or a place far from every other
        of the text is kept only when the text's countries support it or a cue word announces it."""
        query = clean_text(text)
        if query is None:
            return []
        ctx = self.context(query)
        resolved: dict[tuple[str, str | None], Place | None] = {}

        def resolve(span) -> Place | None:  # each name once per text, however often it is named
            k = (span.key, span.kind)
            if k not in resolved:
                resolved[k] = self._resolve(span.key, country=None, admin1=None, kind=span.kind, ctx=ctx)
            return resolved[k]

        mentions = []
        runs = {}  # unknown runs: loose spellings inside the text's countries, or announced unknown places
        for span in ctx.spans:
            if not span.known:
                place = resolve(span)
                if place is not None and not close_spellings(span.key, place.name):
                    place = None  # a loose key collision ('Wal-Mart'), not another spelling
                if place is not None or (span.kind in ("city", "airfield", "crossing") and span.key.count(" ") < 3):
                    runs[span] = place
        for span, place in runs.items():
            mentions.append(Mention(text=query[span.start:span.end], start=span.start, end=span.end,
                                    kind="place", place=place))
        taken = Intervals((r.start, r.end) for r in runs)
        for span in ctx.spans:
            if not span.known or taken.overlaps(span.start, span.end):
                continue
            place = resolve(span)
            if place is None:
                continue
            if not span.strong and not span.cued:
                own_cc, _, own_share = ctx.votes.get(span.key, ("", "", 0.0))
                share = ctx.countries.get(place.country_code, 0.0) - (own_share if own_cc == place.country_code else 0)
                if share < 0.1 or post_town(place) or (
                        " " not in span.key and dis.other_name_only(self._lookup(span.key), place)):
                    continue  # a hamlet unannounced; a small town's other name only ('Stewart', once Fairview)
            mentions.append(Mention(text=query[span.start:span.end], start=span.start, end=span.end,
                                    kind="place", place=place))
        return sorted(mentions, key=lambda m: m.start)

    def is_demonym(self, word: str) -> bool:
        """True when `word` names a people ('Syrian', 'Russians') rather than a place."""
        key = fold(word) if isinstance(word, str) else ""
        return bool(key) and any(c.name_kind == DEMONYM for c in self._lookup(key))

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
            if best is not None and best[0] <= delta * KM_PER_DEGREE * math.cos(math.radians(min(abs(lat), 89))):
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
            raise GazetteerError(f"not a usable place name: {shorten(name)}")
        cand = self.user.add_place(query, lat, lon, country_code=country_code, admin1=admin1,
                                   feature_code=feature_code, population=population, source=source)
        self._exact.clear()
        self._contexts.clear()
        return self._place(cand, confidence=1.0)

    def add_alias(self, alias: str, geonameid: str) -> None:
        """Make `alias` mean the place `geonameid` (a packaged, supplement or user id)."""
        query = clean_query(alias)
        if query is None or not fold(query):
            raise GazetteerError(f"not a usable alias: {shorten(alias)}")
        if self._place_by_geonameid(str(geonameid)) is None and self.user.place(str(geonameid)) is None:
            raise GazetteerError(f"unknown place id: {geonameid!r}")
        self.user.add_alias(fold(query), str(geonameid))
        self._exact.clear()
        self._contexts.clear()
