"""What a gazetteer row is: the kind of name that matched it, and GeoNames feature codes grouped by level.

One home for these groups, so extraction and the resolver agree on what "a country" is.
"""

from __future__ import annotations

from geo.records import Place

__all__ = ["MAIN", "ALTERNATE", "DEMONYM", "ALIAS", "COUNTRY_CODES", "WIDE_AREA_CODES", "PRECISION", "is_country"]

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
