"""The actor dictionary: variants to neutral canonical names, sources kept out."""

from __future__ import annotations

import csv

import pytest

from geo.extract.actors import ACTOR_TYPES, ACTORS_CSV, SOURCE, ActorDictionary, find_actors


def names(text: str, country: str = "") -> list[str]:
    return [m.name for m in find_actors(text, country) if not m.is_source]


@pytest.mark.parametrize(
    "text, country, expected",
    [
        # Syrian government side
        ("Syrian government forces advanced", "SY", ["Military Forces of Syria"]),
        ("the regime forces shelled the town", "SY", ["Military Forces of Syria"]),
        ("The Syrian army retook the base", "SY", ["Military Forces of Syria"]),
        # the government's weapons are its armed forces; the government itself is not
        ("Syrian government air raids and shelling killed", "SY", ["Military Forces of Syria"]),
        ("Government air strikes hit Douma", "SY", ["Military Forces of Syria"]),
        ("the government said", "SY", ["Government of Syria"]),
        ("Assad's forces", "", ["Military Forces of Syria"]),
        # the forces loyal to the president are his armed forces, not his government
        ("shelling by forces loyal to Bashar al-Assad", "", ["Military Forces of Syria"]),
        ("airstrikes by forces loyal to Assad", "", ["Military Forces of Syria"]),
        ("government troops", "", ["Military Forces"]),  # no country known: no country invented
        # Russia
        ("a Russian warplane", "SY", ["Military Forces of Russia"]),
        ("Russia's Defense Ministry said", "SY", ["Military Forces of Russia"]),
        ("backed by Russian air power", "SY", ["Military Forces of Russia"]),
        # opposition
        ("Syrian opposition fighters said", "SY", ["Opposition Rebels (Syria)"]),
        ("from insurgents in Idlib", "SY", ["Opposition Rebels (Syria)"]),
        ("along with the FSA", "SY", ["Free Syrian Army"]),
        ("Turkey-backed opposition gunmen", "SY", ["Turkey-backed Syrian Opposition"]),
        ("Hayat Tahrir al-Sham", "SY", ["Hayat Tahrir al-Sham"]),
        ("HTS fighters", "SY", ["Hayat Tahrir al-Sham"]),
        ("Hay’at Tahrir al-Sham", "SY", ["Hayat Tahrir al-Sham"]),
        # Turkey and the Kurdish groups; loaded words map to the neutral name
        ("Turkish troops", "SY", ["Military Forces of Turkey"]),
        ("the Turkish General Staff", "SY", ["Military Forces of Turkey"]),
        ("with YPG terrorists in Afrin", "SY", ["YPG: People's Protection Units"]),
        ("to clear PKK/YPG and Daesh terrorists", "SY",
         ["PKK: Kurdistan Workers Party", "YPG: People's Protection Units", "Islamic State"]),
        ("the Syrian Democratic Forces (SDF)", "SY", ["SDF: Syrian Democratic Forces", "SDF: Syrian Democratic Forces"]),
        ("ISIS and ISIL", "IQ", ["Islamic State", "Islamic State"]),
        ("the US-led coalition", "SY", ["US-led Coalition"]),
        ("The U.N. envoy", "SY", ["United Nations"]),
        ("killing 16 civilians", "SY", ["Civilians (Syria)"]),
        ("fired on the wives and families of fighters", "SY", ["Civilians (Syria)", "Civilians (Syria)", "Unidentified Armed Group (Syria)"]),
        ("eight members of one family died", "SY", ["Civilians (Syria)"]),
        # "opposition" as resistance is no actor
        ("Opposition from militants in the town collapsed", "SY", ["Unidentified Armed Group (Syria)"]),
        ("the opposition shelled the town", "SY", ["Opposition Rebels (Syria)"]),
        # "people" alone names no actor: "180 people were killed" in a running toll would pass for an event
        ("69 people have been killed", "SY", []),
        # the names coders give: western forces in Syria are the coalition's; a generic noun after a name is that name
        ("mortars fired by western special forces", "SY", ["US-led Coalition"]),
        ("an incursion backed by Free Syrian Army rebels", "SY", ["Free Syrian Army"]),
        # a state's proxies named as "troops": not the local state's army (a state's own ally's troops stay its army)
        ("as Turkish-backed troops pushed into the town", "SY", ["Turkey-backed Syrian Opposition"]),
        ("clashes between Turkish-backed forces and the militia", "SY",
         ["Turkey-backed Syrian Opposition", "Unidentified Armed Group (Syria)"]),
        ("as Russian-backed Syrian troops pushed into the town", "SY", ["Military Forces of Syria"]),
        ("Syrian government helicopters dropped barrel bombs", "SY", ["Military Forces of Syria"]),
        # "Syrian and Russian air strikes": two states' forces
        ("hit by Syrian and Russian air raids", "SY", ["Military Forces of Syria", "Military Forces of Russia"]),
        ("patrols by Turkish and Russian troops", "SY", ["Military Forces of Turkey", "Military Forces of Russia"]),
        # a second noun before the head; "and allied forces": the state's forces lead
        ("Russian attack helicopters fired on the convoy", "SY", ["Military Forces of Russia"]),
        ("Israeli ground troops entered the town", "PS", ["Military Forces of Israel"]),
        ("Turkish and allied forces pushed towards Manbij", "SY", ["Military Forces of Turkey"]),
        ("Rebels and Russian troops", "SY", ["Opposition Rebels (Syria)", "Military Forces of Russia"]),
        # Latin America (MUC-4)
        ("MEMBERS OF THE FARABUNDO MARTI NATIONAL LIBERATION FRONT [FMLN] ATTACKED", "SV",
         ["FMLN: Farabundo Marti National Liberation Front", "FMLN: Farabundo Marti National Liberation Front"]),
        ("THE SHINING PATH", "PE", ["Shining Path"]),
        ("GUERRILLAS KILLED A PEASANT", "GT", ["Guerrillas (Guatemala)", "Civilians (Guatemala)"]),
        ("Colombian police", "", ["Police Forces of Colombia"]),
        # elsewhere
        ("Boko Haram gunmen", "NG", ["Boko Haram"]),
        ("Houthi fighters fired a missile", "YE", ["Ansar Allah (Houthis)"]),
        # "pro-" names; a generic noun before "from"/"of" a named group is that group
        ("pro-Turkish rebels shelled the village", "SY", ["Turkey-backed Syrian Opposition"]),
        ("Pro-Assad militias entered the town", "SY", ["Pro-Government Militia (Syria)"]),
        ("Jihadists from Hayat Tahrir al-Sham stormed the village", "SY", ["Hayat Tahrir al-Sham"]),
        ("fighters of the Islamic State attacked", "SY", ["Islamic State"]),
        ("militants from the north shelled the village", "SY", ["Unidentified Armed Group (Syria)"]),
        ("the Taliban", "AF", ["Taliban"]),
    ],
)
def test_variants_map_to_canonical_names(text, country, expected):
    assert names(text, country) == expected


@pytest.mark.parametrize(
    "text, source",
    [
        ("The Britain-based Syrian Observatory for Human Rights confirmed", "Syrian Observatory for Human Rights"),
        ("the TASS news agency quoted", "TASS"),
        ("told The Associated Press", "Associated Press"),
        ("A Syrian monitoring group said", "Syrian Observatory for Human Rights"),
    ],
)
def test_monitors_and_agencies_are_sources_not_actors(text, source):
    found = find_actors(text, "SY")
    assert [m.name for m in found if m.is_source] == [source]
    assert names(text, "SY") == []


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Turkey launched Operation Olive Branch", ["Military Forces of Turkey"]),
        ("attacks by Russia on the town", ["Military Forces of Russia"]),
        ("along Turkey's borders", []),  # a country as a place is not an actor
        ("Russia is a major ally of Bashar al-Assad", ["Government of Syria"]),
        ("in Syria", []),
        ("Rockets fired from Syria struck the town of Kilis", []),  # after a locative preposition: a place
        # a relative clause: the country is the subject of its deed
        ("Turkey, which launched an incursion into Afrin in January", ["Military Forces of Turkey"]),
        ("Turkey, which borders Syria, said", []),
        # a state's missiles and rockets are its forces' deed
        ("struck by a Turkish missile near the town", ["Military Forces of Turkey"]),
        ("Israeli missiles hit an airbase", ["Military Forces of Israel"]),
        # a list of states as the subject, a time before the verb, the press's short names
        ("The US, France and Britain launched joint strikes on Monday",
         ["Military Forces of United States", "Military Forces of France", "Military Forces of United Kingdom"]),
        ("Britain on Saturday night launched air strikes", ["Military Forces of United Kingdom"]),
        ("France today struck a depot near Homs", ["Military Forces of France"]),
        ("Israel said its jets struck a depot near Kisweh", ["Military Forces of Israel"]),
        ("Iraq resumed air strikes on the border town", ["Military Forces of Iraq"]),
        ("Saudi Arabia and the UAE launched air strikes", ["Military Forces of Saudi Arabia",
                                                          "Military Forces of United Arab Emirates"]),
        ("The US is a major donor", []),
        ("us, the people of the village", []),
        # the state charged with a deed; a state that qualifies another actor is not one itself
        ("Kurdish officials accused Turkey of shelling the town", ["Military Forces of Turkey"]),
        ("were captured by US-backed rebel forces", ["Opposition Rebels (Syria)"]),
        ("a Russia-brokered truce collapsed", []),
        ("doubts about Syria's responsibility for the gas attack", ["Military Forces of Syria"]),
        ("questions over Russia's role in the strikes on the market", ["Military Forces of Russia"]),
        ("The envoy praised Turkey's role in the peace talks", []),
        ("gunmen set off bombs against US properties", ["Unidentified Armed Group (Syria)"]),  # "US" as an adjective
        ("the cell was crushed by US and Kurdish fighters", ["Military Forces of United States",
                                                              "YPG: People's Protection Units"]),
    ],
)
def test_a_country_name_acts_only_as_the_subject_of_a_conflict_verb(text, expected):
    assert names(text, "SY") == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        ("IS fighters attacked", ["Islamic State"]),
        ("this is what it is", []),
        ("THIS IS WHAT IT IS", []),  # all-caps text: "IS" is the verb
        ("let us go", []),
    ],
)
def test_short_acronyms_that_are_words_match_only_as_written(text, expected):
    assert names(text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        ("mortars fired into government-held districts of Damascus", []),
        ("the rebel-held town of Saraqib", []),
        ("the Kurdish-held Afrin region", []),
        ("Turkish air raids destroyed many buildings", ["Military Forces of Turkey"]),  # the weapon's owner
        ("A United Nations aid convoy reached Douma", ["Aid Workers"]),  # the convoy, not the UN, was there
    ],
)
def test_whose_ground_is_not_who_acts(text, expected):
    assert names(text, "SY") == expected


def test_generic_actors_take_the_country_given():
    d = ActorDictionary.load()
    (m,) = d.find("police halted a march")
    assert d.localise([m], "DE")[0].name == "Police Forces of Germany"
    assert d.localise(d.localise([m], "SY"), "DE")[0].name == "Police Forces of Germany"
    assert d.localise([m], "")[0].name == m.name


@pytest.mark.parametrize(
    "text, expected",
    [
        # a bare 'soldiers' is the ground force last named with its state, in its paragraph or the one before
        ("Seven Turkish soldiers were killed near Afrin. Two more soldiers died in clashes.",
         ["Military Forces of Turkey", "Military Forces of Turkey"]),
        ("The Turkish military said seven were killed.\n\nTwo more soldiers died in clashes.",
         ["Military Forces of Turkey", "Military Forces of Turkey"]),
        # ... never further back, and never the story's main country's named force replaced by a backer's
        ("Turkish troops shelled Afrin.\n\nRebels fought back.\n\nIn Idlib, troops advanced.",
         ["Military Forces of Turkey", "Opposition Rebels (Syria)", "Military Forces of Syria"]),
        ("Syrian government forces backed by Russian warplanes advanced. The troops took villages.",
         ["Military Forces of Syria", "Military Forces of Russia", "Military Forces of Syria"]),
        ("Backed by Russian special forces, the troops took villages.",
         ["Military Forces of Russia", "Military Forces of Syria"]),
        # naming a country is not naming a force; 'government forces' mean the state at home
        ("Russia and Turkey agreed on zones. The army shelled Douma.", ["Military Forces of Syria"]),
        ("Turkish troops entered Afrin. Government forces shelled Douma.",
         ["Military Forces of Turkey", "Military Forces of Syria"]),
    ],
)
def test_bare_soldiers_belong_to_the_force_last_named(text, expected):
    d = ActorDictionary.load()
    found = d.follow_named_forces(d.localise(d.find(text), "SY"), text)
    assert [m.name for m in found if not m.is_source] == expected


@pytest.mark.parametrize(
    "text, speaker",
    [
        ("The U.N. says more than 270,000 have been displaced", True),
        ("Syrian opposition fighters said Saturday they had shot down a jet", False),  # reports its own deed
        ("Russian army confirmed death of pilot", True),
        ("killing 16 civilians, according to the Observatory", False),
        ("The YPG said it had repelled attacks", False),
        ("Hayat Tahrir al-Sham said its fighters had brought down the plane", False),
        ("The United Nations said it was concerned about civilians", True),  # a view, not a deed
        ("the town fell, according to two YPG-affiliated media outlets", True),
        ("\"They shelled us all night,\" said a Free Syrian Army commander", True),
        ("Valdez, a party leader, said the FMLN was behind the attack", False),  # "said" opens a clause, not a quote's speaker
        ("The SDF said clashes were continuing with the jihadists", False),  # a party to its own fight
    ],
)
def test_speakers(text, speaker):
    first = [m for m in find_actors(text, "SY") if not m.is_source][0]
    assert first.speaker is speaker


def test_spans_point_at_the_text():
    text = "fighting raged between Turkish troops and Turkey-backed opposition gunmen with YPG terrorists"
    for m in find_actors(text, "SY"):
        assert text[m.start:m.end] == m.text
    assert [m.text for m in find_actors(text, "SY")][-1] == "YPG terrorists"


def test_dictionary_file_is_well_formed():
    with open(ACTORS_CSV, encoding="utf-8") as fh:
        rows = list(csv.DictReader(line for line in fh if line.strip() and not line.startswith("#")))
    assert len(rows) > 200
    kinds = {r["actor_type"] for r in rows}
    assert kinds <= set(ACTOR_TYPES) | {SOURCE, "Demonym"}
    assert all(r["variant"].strip() and r["canonical"].strip() for r in rows)
    variants = [r["variant"].lower() for r in rows]
    assert len(variants) == len(set(variants)), "a variant maps to two actors"


def test_a_dictionary_can_be_loaded_from_rows():
    d = ActorDictionary([
        {"variant": "Foo", "canonical": "Foo", "actor_type": "Demonym", "country": "FO"},
        {"variant": "Red Brigade", "canonical": "Red Brigade (Foo)", "actor_type": "Rebel group", "country": "FO"},
    ])
    assert [m.name for m in d.find("Foo troops clashed with the Red Brigade")] == ["Military Forces of Foo", "Red Brigade (Foo)"]


@pytest.mark.parametrize(
    "text, expected",
    [
        ("The Saudi-led coalition denied it. On Monday the coalition struck a bus.", ["Saudi-led Coalition", "Saudi-led Coalition"]),
        ("Three bombings by the coalition killed 20 civilians.", ["US-led Coalition", "Civilians (Syria)"]),
        ("The US-led coalition said the coalition had struck Hajin.", ["US-led Coalition", "US-led Coalition"]),
    ],
)
def test_a_bare_coalition_is_the_one_named_last(text, expected):
    d = ActorDictionary.load()
    found = d.follow_named_forces(d.find(text, "SY"), text)
    assert [m.name for m in found] == expected


@pytest.mark.parametrize(
    "text, backer",
    [
        ("Turkey-backed rebels shelled the town", "Military Forces of Turkey"),
        ("Turkish-backed fighters advanced", "Military Forces of Turkey"),
        ("the US-backed Syrian Democratic Forces", "Military Forces of United States"),
        ("the Iranian-backed militias", "Military Forces of Iran"),
        ("Syrian Democratic Forces fighters", ""),
        ("Turkish troops advanced", ""),  # a state's own forces have no backer
    ],
)
def test_the_state_backing_an_actor_is_its_ally(text, backer):
    (m,) = [m for m in find_actors(text, "SY") if not m.is_source]
    assert m.backer == backer


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Isis fighters held out in Raqqa. On Friday about 100 militants surrendered.", ["Islamic State", "Islamic State"]),
        ("HTS took Saraqib. The jihadists then shelled Abu Dhuhur.", ["Hayat Tahrir al-Sham", "Hayat Tahrir al-Sham"]),
        # with no jihadist group named before, or only in an earlier story paragraph, militants stay unidentified
        ("Militants attacked a checkpoint.", ["Unidentified Armed Group (Syria)"]),
        ("Isis lost Raqqa.\n\nA year on.\n\nThen more.\n\nMilitants attacked a checkpoint.",
         ["Islamic State", "Unidentified Armed Group (Syria)"]),
        # the rebels are not jihadists
        ("Free Syrian Army units advanced. Militants attacked a checkpoint.",
         ["Free Syrian Army", "Unidentified Armed Group (Syria)"]),
    ],
)
def test_bare_militants_are_the_jihadist_group_named_last(text, expected):
    d = ActorDictionary.load()
    assert [m.name for m in d.follow_named_forces(d.find(text, "SY"), text)] == expected
