"""US hamlets too small for GeoNames' cities500, known by their post offices (the zipcodes package): found when
local news names them as towns, and never read into a surname or a building's name. Sentences written for these
tests."""

from __future__ import annotations

import pytest

from geo.geometry import haversine_km

pytest.importorskip("zipcodes")

# (name, text, admin1, lat, lon): the hamlet's post office, within 30 km
LOCAL_HAMLETS = [
    ("Tunbridge", "The covered bridge in Tunbridge reopened on Saturday; road crews from Chelsea and Royalton "
     "helped.", "Vermont", 43.92, -72.48),
    ("Bippus", "Firefighters from Bippus and Huntington put out a barn fire north of Andrews on Sunday.",
     "Indiana", 40.94, -85.62),
    ("Kopperl", "A fishing boat capsized on Lake Whitney near Kopperl, Bosque County deputies said.", "Texas",
     32.10, -97.54),
    ("Readyville", "Rutherford County deputies closed the highway at Readyville after the flood, and Woodbury "
     "schools stayed shut.", "Tennessee", 35.80, -86.24),
]


@pytest.mark.parametrize(("name", "text", "admin1", "lat", "lon"), LOCAL_HAMLETS)
def test_a_hamlet_of_local_news_is_found_where_it_lies(gazetteer, name, text, admin1, lat, lon):
    place = gazetteer.resolve(name, context=text)
    assert place is not None and place.admin1 == admin1, place
    assert haversine_km(place.lat, place.lon, lat, lon) < 30, place


@pytest.mark.parametrize(
    ("text", "name", "found"),
    [
        # said to be a town: after 'in' or 'near', or with its state after a comma
        ("A barn burned down in Bippus early on Sunday, Huntington County firefighters said.", "Bippus", True),
        ("Deputies searched the woods near Kopperl, Texas, until Tuesday.", "Kopperl", True),
        ("The school board of Readyville, Tenn., met on Monday.", "Readyville", True),
        # a surname, a hall or a company named like a hamlet, with the state's places all around
        ("Indiana State Police thanked Bippus, a Huntington County farmer, for the tip.", "Bippus", False),
        ("Huntington County officials in Indiana met with Bippus and his lawyer on Monday.", "Bippus", False),
        ("Rutherford County officials met Tennessee lawmakers at Readyville Hall in Murfreesboro.",
         "Readyville", False),
        ("Waco and Temple police thanked Kopperl for the trucks the Texas firm lent them.", "Kopperl", False),
    ],
)
def test_a_hamlet_is_a_place_only_when_the_text_says_so(gazetteer, text, name, found):
    names = {m.text for m in gazetteer.find_places(text) if m.place is not None}
    assert (name in names) is found, names
