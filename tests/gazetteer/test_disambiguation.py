"""Candidate scoring on its own: which reading of a name wins, and why."""

from __future__ import annotations

import pytest

from geo.gazetteer.disambiguation import Cand, Context, score
from geo.gazetteer.kinds import ALIAS, ALTERNATE, DEMONYM, MAIN


def cand(name: str, country_code: str, feature_code: str = "PPL", population: int = 10_000, name_kind: int = MAIN,
         admin1: str = "") -> Cand:
    return Cand(0, f"t:{name}:{country_code}", name, 0.0, 0.0, country_code, admin1, feature_code, population, "test",
                name_kind)


def best(cands: list[Cand], **kw) -> Cand:
    return max(cands, key=lambda c: score(c, kw.get("kind"), kw.get("admin1"), kw.get("ctx"), "x"))


@pytest.mark.parametrize(
    "a, b, kw, winner",
    [
        # the more populous reading wins when nothing else is said
        (cand("Paris", "FR", "PPLC", 2_100_000), cand("Paris", "US", population=25_000), {}, "FR"),
        # a country beats a same-named town
        (cand("Jordan", "JO", "PCLI", 10_000_000), cand("Jordan", "US", population=40_000), {}, "JO"),
        # an alternate spelling of a small place does not beat the main name of a big one
        (cand("Aleppo", "SY", "PPLA", 1_800_000), cand("Aleppo", "US", population=2_000, name_kind=ALTERNATE), {}, "SY"),
        # a user's alias wins over population
        (cand("Sinjar", "IQ", population=30_000), cand("Sinjar", "SY", population=1_000, name_kind=ALIAS), {}, "SY"),
        # the kind said next to the name decides ("the Idlib governorate")
        (cand("Idlib", "SY", "PPLA", 160_000), cand("Idlib", "SY", "ADM1", 1_500_000), {"kind": "adm1"}, "ADM1"),
        # the admin1 asked for decides
        (cand("Springfield", "US", population=160_000, admin1="Missouri"),
         cand("Springfield", "US", population=110_000, admin1="Illinois"), {"admin1": "illinois"}, "Illinois"),
    ],
)
def test_which_reading_wins(a, b, kw, winner):
    won = best([a, b], **kw)
    assert winner in (won.country_code, won.feature_code, won.admin1)


def test_the_text_country_lifts_a_smaller_namesake():
    syria, lebanon = cand("Qusayr", "SY", population=30_000), cand("Qusayr", "LB", population=60_000)
    assert best([syria, lebanon]).country_code == "LB"
    ctx = Context(countries={"SY": 0.9})
    assert best([syria, lebanon], ctx=ctx).country_code == "SY"


def test_a_demonym_counts_less_than_a_name():
    name, demonym = cand("Syria", "SY", "PCLI", 17_000_000), cand("Syria", "SY", "PCLI", 17_000_000, name_kind=DEMONYM)
    assert score(name, None, None, None, "syria") > score(demonym, None, None, None, "syria")


def test_a_loose_match_counts_less_than_an_exact_one():
    exact, loose = cand("Azaz", "SY", population=30_000), cand("Azaz", "SY", population=30_000)._replace(loose=True)
    assert score(exact, None, None, None, "azaz") > score(loose, None, None, None, "azaz")
