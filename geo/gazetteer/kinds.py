"""What a gazetteer row is: the kind of name that matched it, GeoNames feature codes grouped by level, and how
strongly a name means its place (a country by its own name does; a hamlet's alternate name does not).

One home for these groups, so extraction and the resolver agree on what "a country" is.
"""

from __future__ import annotations

from typing import Sequence

from geo.gazetteer.names import kind_hint
from geo.records import Place

__all__ = ["MAIN", "ALTERNATE", "DEMONYM", "ALIAS", "COUNTRY_CODES", "WIDE_AREA_CODES", "PRECISION", "is_country", "strong_name", "formal_name", "well_known",
           "post_town", "POST_TOWN_SOURCE"]

# How a name reaches a place (the `kind` column of the names table); lower is stronger.
MAIN, ALTERNATE, DEMONYM, ALIAS = 0, 1, 2, 3

# GeoNames feature-code prefixes of a country, a dependent territory or a continent.
COUNTRY_CODES = ("PCL", "CONT", "TERR")
# ...and of the areas no finer than one for an event's location precision (a named region, "the Levant").
# Seas, oceans, gulfs, straits, ranges, peninsulas, deserts, unions (places_world.csv) are as wide.
WIDE_AREA_CODES = COUNTRY_CODES + ("RGN", "ZN", "PEN", "OCN", "SEA", "GULF", "BAY", "STRT", "CHN", "MTS", "DSRT")

# ACLED geo_precision and UCDP where_prec by feature code (anything else is a town or a site: 1, 1)
PRECISION = {"PCLI": (3, 6), "CONT": (3, 6), "ADM1": (3, 4), "ADM2": (2, 3), "ADM3": (2, 3), "RGN": (2, 2),
             "PCLH": (3, 6), "ZN": (3, 6), "PEN": (3, 4), "MTS": (3, 4), "DSRT": (3, 4), "STM": (3, 4),
             **{code: (3, 7) for code in ("OCN", "SEA", "GULF", "BAY", "STRT", "CHN")}}  # 7: at sea


def is_country(place: Place) -> bool:
    return (place.feature_code or "").upper().startswith(COUNTRY_CODES)


# A name by these codes means its place even when the text gives no cue (recognition, geo/gazetteer/toponyms.py).
_STRONG_CODES = frozenset({"PCLI", "CONT", "ADM1", "RGN", "AIRB", "PSTB"})


def strong_name(c) -> bool:
    """A name that means this place on its own: a country, area, big town or curated entry by its own name."""
    return c.name_kind != ALTERNATE and (c.population >= 100_000 or c.feature_code in _STRONG_CODES or c.name_kind == ALIAS
                                         or "supplement" in c.source or (c.feature_code.startswith("ADM") and " " in c.name))


POST_TOWN_SOURCE = "zipcodes"  # US towns known only by their post offices (geo/gazetteer/sources.py)


def post_town(c) -> bool:
    """A hamlet known only by its post office: its name ('Fithian', 'Hope') is as often a person or a word."""
    return c.source == POST_TOWN_SOURCE


def formal_name(key: str, cands: Sequence) -> bool:
    """'the State of Ohio', 'Republic of Iraq': a state's or country's formal name is as strong as its name."""
    hint = kind_hint(key)[1]
    return (hint == "adm1" and any(c.feature_code == "ADM1" for c in cands)) or \
        (hint == "country" and any(c.feature_code == "PCLI" for c in cands))


def well_known(c) -> bool:
    """A country, continent, region, large first-order area or city: its name means it even beside a person's."""
    return c.feature_code in ("PCLI", "CONT", "RGN") or c.population >= 1_000_000 or (
        c.feature_code == "ADM1" and c.population >= 300_000)
