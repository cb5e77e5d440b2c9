"""Geoparsing evaluation on the LGL / TR-News XML format (gold toponym spans with coordinates).

Resolution is scored on the gold spans (each name resolved in the context of its article):
Acc@161km, mean and median error, and AUC of the log error curve (0 best, 1 worst), the measures
Mordecai 3 and Gritta et al. report. With `raw=True` the toponyms are also found in the raw text
and recognition precision, recall and F1 are added (a found span counts when it overlaps a gold one),
with Acc@161km on the gold toponyms found, placed as `find_places` placed them: the protocol of
Mordecai 3's published figures ("on the toponyms it found"). With `classes=True` the misses over 161 km
are counted by class (`miss_class`), the table the README's "what still fails" comes from.
"""

from __future__ import annotations

import math
import statistics
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator

from geo.errors import GeoError
from geo.gazetteer.lookup import Gazetteer
from geo.geometry import haversine_km

__all__ = ["GoldToponym", "GoldArticle", "read_geoparse_xml", "evaluate_geoparse", "miss_class", "MAX_ERROR_KM"]

MAX_ERROR_KM = 20039.0  # half the Earth's circumference: the error of a toponym left unresolved
_AREAS = ("PCL", "ADM1", "CONT", "RGN", "ADMD")  # feature codes of countries, states and regions


@dataclass(frozen=True)
class GoldToponym:
    start: int
    end: int
    phrase: str
    lat: float
    lon: float
    fcode: str = ""  # the annotators' GeoNames feature code, when given


@dataclass(frozen=True)
class GoldArticle:
    text: str
    toponyms: tuple[GoldToponym, ...]


def _float(node, tag: str) -> float | None:
    found = node.find(tag)
    try:
        return float(found.text) if found is not None and found.text else None
    except ValueError:
        return None


def read_geoparse_xml(path: str | Path) -> Iterator[GoldArticle]:
    """Articles with their gold toponyms (those without coordinates are left out)."""
    try:
        root = ET.parse(path).getroot()
    except (OSError, ET.ParseError) as exc:
        raise GeoError(f"cannot read geoparsing corpus {str(path)!r}: {exc}") from exc
    for art in root.iter("article"):
        text_node = art.find("text")
        text = text_node.text if text_node is not None and text_node.text else ""
        gold = []
        for top in art.iter("toponym"):
            gaz = top.find("gaztag")
            lat, lon = (_float(gaz, "lat"), _float(gaz, "lon")) if gaz is not None else (None, None)
            try:
                start, end = int(top.findtext("start")), int(top.findtext("end"))
            except (TypeError, ValueError):
                continue
            if lat is None or lon is None:
                continue
            gold.append(GoldToponym(start, end, top.findtext("phrase") or text[start:end], lat, lon,
                                    gaz.findtext("fcode") or ""))
        yield GoldArticle(text, tuple(gold))


def _summary(errors: list[float]) -> dict[str, float]:
    if not errors:
        return {"n": 0, "acc_161km": 0.0, "mean_km": 0.0, "median_km": 0.0, "auc": 1.0}
    return {
        "n": len(errors),
        "acc_161km": round(100 * sum(e <= 161 for e in errors) / len(errors), 1),
        "mean_km": round(statistics.fmean(errors), 1),
        "median_km": round(statistics.median(errors), 1),
        "auc": round(statistics.fmean(math.log(1 + e) for e in errors) / math.log(MAX_ERROR_KM), 3),
    }


def miss_class(top: GoldToponym, place, gazetteer: Gazetteer) -> str:
    """Why a toponym was placed over 161 km off: no candidate at all, the right place among the candidates but
    another chosen (a namesake, or a town for an area and back), the right area on a far point, or no candidate
    near the gold point (a place the data lacks, or a loose spelling taken for another)."""
    near = [c for c in gazetteer.candidates(top.phrase, limit=200)
            if haversine_km(c.lat, c.lon, top.lat, top.lon) <= 161]
    if place is None:
        return "not found" if not near else "not found, candidate near"
    gold_area, our_area = top.fcode.startswith(_AREAS), place.feature_code.startswith(_AREAS)
    if near:
        return "wrong namesake" if gold_area == our_area else "area read as a town" if gold_area else \
            "town read as an area"
    return "far point of an area" if gold_area and our_area else "no candidate near the gold point"


def evaluate_geoparse(path: str | Path, gazetteer: Gazetteer, *, raw: bool = False,
                      classes: bool = False) -> dict[str, float]:
    errors: list[float] = []
    misses: dict[str, int] = {}
    found_errors: list[float] = []  # raw mode: gold toponyms the recogniser found, placed as it placed them
    found_total = gold_total = matched = 0
    for article in read_geoparse_xml(path):
        for top in article.toponyms:
            place = gazetteer.resolve(top.phrase, context=article.text)
            errors.append(MAX_ERROR_KM if place is None else haversine_km(place.lat, place.lon, top.lat, top.lon))
            if classes and errors[-1] > 161:
                kind = miss_class(top, place, gazetteer)
                misses[kind] = misses.get(kind, 0) + 1
        if raw:
            mentions = gazetteer.find_places(article.text)
            found_total += len(mentions)
            gold_total += len(article.toponyms)
            for g in article.toponyms:
                hit = next((m for m in mentions if m.start < g.end and g.start < m.end), None)
                if hit is not None:
                    matched += 1
                    found_errors.append(MAX_ERROR_KM if hit.place is None else
                                        haversine_km(hit.place.lat, hit.place.lon, g.lat, g.lon))
    result: dict = _summary(errors)
    if classes:
        result["misses_by_class"] = dict(sorted(misses.items(), key=lambda kv: -kv[1]))
    if raw:
        precision = matched / found_total if found_total else 0.0
        recall = matched / gold_total if gold_total else 0.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        result.update(precision=round(100 * min(1.0, precision), 1), recall=round(100 * recall, 1),
                      f1=round(100 * min(1.0, f1), 1), found_n=len(found_errors),
                      found_acc_161km=_summary(found_errors)["acc_161km"])
    return result
