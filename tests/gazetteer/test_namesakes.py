"""Namesakes decided by the rest of the text: local news names a town beside its county, its state or its
neighbours, and that, not the famous namesake, decides. Sentences written for these tests."""

from __future__ import annotations

import pytest

LOCAL_NEWS = [
    # a town and the county it is the seat of pair up in one state only (Walker County, Texas)
    ("Huntsville", "Walker County commissioners lifted the burn ban on Monday after meeting the Huntsville fire chief.",
     "Texas"),
    # a state named as part of an agency's name still says which state the story is in
    ("Albany", "An Albany man was arrested by Albany police and Georgia Bureau of Investigation agents on Wednesday.",
     "Georgia"),
    # a state's formal name votes like its name ('the State of Ohio')
    ("Dublin", "Dublin council members met on Monday. Groups must be registered with the State of Ohio to apply.",
     "Ohio"),
    ("Gainesville", "Gainesville police said both women were taken to Northeast Georgia Medical Center.", "Georgia"),
    # neighbouring towns and the county decide between many namesakes
    ("Paris", "Leaders from Paris and Henry County met in Puryear on Thursday to plan the county fair.", "Tennessee"),
    ("Henry County", "Leaders from Paris and Henry County met in Puryear on Thursday to plan the county fair.",
     "Tennessee"),
    ("Alexandria", "Deputies in Alexandria and Pineville answered the call, the Rapides Parish sheriff said.",
     "Louisiana"),
    ("Sharon", "Residents of Cornwall, Kent and Sharon met in Litchfield County on Monday.", "Connecticut"),
    # a town named like a country, beside a place that can only be its neighbour
    ("Jordan", "The school board in Jordan thanked a store in Shakopee for its gift.", "Minnesota"),
    ("Richmond", "The Madison County board met in Richmond and Berea on Monday.", "Kentucky"),
    ("Springfield", "Officers from Springfield, Chicopee and Holyoke joined the search.", "Massachusetts"),
]


# a neighbour named only through its own council or police ('Enfield Council') still says where the story is
NEIGHBOUR_INSTITUTIONS = [
    ("Edmonton", "Parents in Edmonton queued for school places on Monday, and Enfield Council promised more "
     "classrooms.", ("GB", "England")),
    ("Edmonton", "Edmonton pupils raised money for a new library. Enfield Council's leader opened it on Friday.",
     ("GB", "England")),
    ("Richmond", "Flooding closed roads in Richmond overnight, Hounslow Police said, and Kingston Council opened a "
     "shelter.", ("GB", "England")),
    ("Richmond", "Residents of Richmond complained about the noise, and Hounslow Council said it would act.",
     ("GB", "England")),
    ("Springfield", "A Springfield man was charged after Chicopee Police found the stolen car.", ("US", "Massachusetts")),
]


@pytest.mark.parametrize(("name", "text", "area"), NEIGHBOUR_INSTITUTIONS)
def test_a_neighbour_named_by_its_council_votes(gazetteer, name, text, area):
    place = gazetteer.resolve(name, context=text)
    assert (place.country_code, place.admin1) == area, place


@pytest.mark.parametrize(("name", "text", "admin1"), LOCAL_NEWS)
def test_local_news_namesakes_follow_the_text(gazetteer, name, text, admin1):
    place = gazetteer.resolve(name, context=text)
    assert (place.country_code, place.admin1) == ("US", admin1), place


@pytest.mark.parametrize(
    ("name", "text", "fcode"),
    [
        # a state whose city has a name of its own ('New York City', 'Oklahoma City') is the state
        ("New York", "The governor of New York signed the budget on Friday.", "ADM1"),
        ("Oklahoma", "Storms crossed Oklahoma overnight, the weather service said.", "ADM1"),
        ("New York", "Flights between New York and Boston resumed; officials in Springfield and Worcester said "
         "roads were clear.", "ADM1"),
        # but a governorate's own name that is only another name of its city ('Halab' for Aleppo) is the city
        ("Halab", "Government forces shelled Halab and Idlib on Friday.", "PPL"),
        # a large state stays the state against a small town of its country, wherever the other names point
        ("Virginia", "The governor said Virginia will join other states in offering the plates, and a Washington "
         "group plans to sue.", "ADM1"),
        ("Quebec", "Hydro crews from Quebec and New Brunswick restored power to Maine on Sunday.", "ADM1"),
        # but not a state abroad against the town the text is about
        ("Delta", "Police in Delta and Surrey arrested two men, RCMP said.", "PPL"),
        # a governorate named like its city is still the city when nothing says otherwise
        ("Idlib", "Jets struck Idlib and Aleppo on Friday.", "PPL"),
        ("Deir ez-Zor", "Fighting went on in Deir ez-Zor and Raqqa.", "PPL"),
        # 'rural Aleppo' is the governorate, however close the villages named beside it lie to the city
        ("Aleppo", "Prayers in the towns of Anadan and Huraytan were cancelled after air raids on rural Aleppo.",
         "ADM1"),
        # the famous reading stays when the text is about its country
        ("Athens", "Thousands marched in Athens, the Greek capital, on Saturday.", "PPLC"),
        # a court's or a named district's kind word is its own, not the state's after 'of'
        ("Ohio", "The man pleaded guilty in the U.S. District Court for the Southern District of Ohio; Ohio police "
         "found the rifle.", "ADM1"),
        ("Iowa", "A judge of the Northern District of Iowa heard the case on Monday.", "ADM1"),
    ],
)
def test_area_or_city_by_name(gazetteer, name, text, fcode):
    assert gazetteer.resolve(name, context=text).feature_code == fcode


@pytest.mark.parametrize(
    ("text", "found"),
    [
        # a first name shared by a family ('Georgia Stevens', 'Cory Stevens') is the person wherever it stands alone
        ("Nine-year-old Georgia Stevens skates in Red Deer. Georgia began skating at four, said her father, Cory "
         "Stevens.", ["Red Deer"]),
        # one person of that name is not enough to unmake a country: Georgia stays a place here
        ("Georgia Stevens flew to Tbilisi. Georgia has changed, she said.", ["Georgia", "Tbilisi", "Georgia"]),
        # a first name after a preposition, when its surname stands alone elsewhere: the person, not a town
        ("Within hours of Donald Trump's speech, jets struck Homs. Trump had vowed a response.", ["Homs"]),
        ("A statement from Vernon Okafor reached Aleppo. Okafor said the convoy was safe.", ["Aleppo"]),
        # ...but a town named once beside a word that stands nowhere else stays a town; a kind word is no surname
        ("Within hours of Donald Trump's speech, jets struck Homs.", ["Donald", "Homs"]),
        ("Gunmen attacked a post in Chak District. The District council met.", ["Chak"]),
    ],
)
def test_first_names_of_a_family(gazetteer, text, found):
    assert [m.text for m in gazetteer.find_places(text)] == found


@pytest.mark.parametrize(
    ("text", "found"),
    [
        # a seat of government that speaks or is spoken to is the government, not a spot on the map
        ("The Kremlin said the treaty was signed.", []),
        ("The attack was condemned by the White House.", []),
        # where something happens at it, it is the building
        ("Protesters gathered outside the White House on Sunday.", ["White House"]),
        ("Thousands marched on the Pentagon on Saturday.", ["Pentagon"]),
        # a preposition announces a place only in its own sentence: 'to 6. Jewell said' is a person, 'to Jewell' a town
        ("The team won 3 to 6. Jewell, a senior, scored twice.", []),
        ("Prices rose from 5 to 9. Still, buyers came back.", []),
        ("Aid went to Jewell on Monday.", ["Jewell"]),
        # a state's legislature named after the state does not make the state a person's first name
        ("The Minnesota House voted on Monday; the Ohio House waits.", ["Minnesota", "Ohio"]),
    ],
)
def test_words_around_a_name(gazetteer, text, found):
    assert [m.text for m in gazetteer.find_places(text)] == found


CAPITAL_OR_NAMESAKE = [
    # a story that keeps returning to a capital's name and names only another country is about that country's city
    ("London", "Three Syrian families reached Canada on Tuesday. In London, volunteers met them at the airport. "
     "London schools will take the children, and a London mosque collected winter coats.", "CA"),
    # a passing mention stays the capital
    ("London", "Canada's foreign minister will fly to London next week for talks on Syria.", "GB"),
    # and so does a capital the story places in its own country, however often named
    ("London", "Three Syrian families reached Canada on Tuesday. In London, volunteers met them. London schools "
     "and a London mosque in Manchester's sister city collected coats; Birmingham sent blankets.", "GB"),
    # a capital whose country the story names is the capital, whatever state the story comes from
    ("Paris", "GEORGETOWN, Ky. - The Scott County band marched in Paris on New Year's Day after a week touring France, "
     "the Kentucky school said.", "FR"),
    # ...but not when the story names no country of the capital's
    ("Paris", "Bourbon County deputies in Paris, Lexington and Georgetown searched for the driver, Kentucky State "
     "Police said.", "US"),
]


@pytest.mark.parametrize(("name", "text", "country"), CAPITAL_OR_NAMESAKE)
def test_a_capital_follows_the_countries_the_story_names(gazetteer, name, text, country):
    place = gazetteer.resolve(name, context=text)
    assert place.country_code == country, place
