"""Candidate scoring on its own: which reading of a name wins, and why."""

from __future__ import annotations

import pytest

from geo.gazetteer.disambiguation import Cand, Context, score
from geo.gazetteer.kinds import ALIAS, ALTERNATE, DEMONYM, MAIN


def cand(name: str, cc: str, fcode: str = "PPL", pop: int = 10_000, alt: int = MAIN, admin1: str = "") -> Cand:
    return Cand(0, f"t:{name}:{cc}", name, 0.0, 0.0, cc, admin1, fcode, pop, "test", alt)


def best(cands: list[Cand], **kw) -> Cand:
    return max(cands, key=lambda c: score(c, kw.get("kind"), kw.get("admin1"), kw.get("ctx"), "x"))


@pytest.mark.parametrize(
    "a, b, kw, winner",
    [
        # the more populous reading wins when nothing else is said
        (cand("Paris", "FR", "PPLC", 2_100_000), cand("Paris", "US", pop=25_000), {}, "FR"),
        # a country beats a same-named town
        (cand("Jordan", "JO", "PCLI", 10_000_000), cand("Jordan", "US", pop=40_000), {}, "JO"),
        # an alternate spelling of a small place does not beat the main name of a big one
        (cand("Aleppo", "SY", "PPLA", 1_800_000), cand("Aleppo", "US", pop=2_000, alt=ALTERNATE), {}, "SY"),
        # a user's alias wins over population
        (cand("Sinjar", "IQ", pop=30_000), cand("Sinjar", "SY", pop=1_000, alt=ALIAS), {}, "SY"),
        # the kind said next to the name decides ("the Idlib governorate")
        (cand("Idlib", "SY", "PPLA", 160_000), cand("Idlib", "SY", "ADM1", 1_500_000), {"kind": "adm1"}, "ADM1"),
        # the admin1 asked for decides
        (cand("Springfield", "US", pop=160_000, admin1="Missouri"), cand("Springfield", "US", pop=110_000, admin1="Illinois"),
         {"admin1": "illinois"}, "Illinois"),
    ],
)
def test_which_reading_wins(a, b, kw, winner):
    won = best([a, b], **kw)
    assert winner in (won.country_code, won.feature_code, won.admin1)


def test_the_text_country_lifts_a_smaller_namesake():
    syria, lebanon = cand("Qusayr", "SY", pop=30_000), cand("Qusayr", "LB", pop=60_000)
    assert best([syria, lebanon]).country_code == "LB"
    ctx = Context(countries={"SY": 0.9})
    assert best([syria, lebanon], ctx=ctx).country_code == "SY"


def test_a_demonym_counts_less_than_a_name():
    name, demonym = cand("Syria", "SY", "PCLI", 17_000_000), cand("Syria", "SY", "PCLI", 17_000_000, alt=DEMONYM)
    assert score(name, None, None, None, "syria") > score(demonym, None, None, None, "syria")


def test_a_loose_match_counts_less_than_an_exact_one():
    exact, loose = cand("Azaz", "SY", pop=30_000), cand("Azaz", "SY", pop=30_000)._replace(loose=True)
    assert score(exact, None, None, None, "azaz") > score(loose, None, None, None, "azaz")
