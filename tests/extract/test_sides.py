"""Who acted and who was acted upon: actor1 and actor2 of the event a wire-style sentence reports.

The sides come from the clause (subject, by-agent, object, target, the owner of an attack noun), not
from word order; a source quoted about the event is never an actor; allies are associated actors."""

from __future__ import annotations

import pytest

from geo.extract import factuality
from geo.extract.actors import find_actors
from geo.extract.articles import parse_article
from geo.extract.events import extract_events
from geo.extract.roles import parsed_sides
from geo.records import actor_names, same_sides

SYRIAN_CIVILIANS = "Civilians (Syria)"


def _event(gazetteer, text: str, where: str = ""):
    events = extract_events(parse_article(text, date="2018-02-05"), gazetteer)
    chosen = [e for e in events if where in e.sentence]
    assert chosen, f"no event in {text!r}"
    return chosen[0]


@pytest.mark.parametrize(
    "text, actor1, actor2",
    [
        # active: the subject acts, the object is acted upon
        ("Russian warplanes struck the town of Saraqib on Sunday, killing 11 civilians.",
         "Military Forces of Russia", SYRIAN_CIVILIANS),
        ("Rebels attacked Syrian army positions near Morek on Monday.", "Opposition Rebels (Syria)", "Military Forces of Syria"),
        ("Islamic State militants killed 15 civilians near the town of Hajin on Friday.", "Islamic State", SYRIAN_CIVILIANS),
        ("YPG fighters clashed with Turkish troops near Rajo on Friday.", "YPG: People's Protection Units",
         "Military Forces of Turkey"),
        # passive and by-agent: the agent acts, the subject is acted upon
        ("At least 20 civilians were killed in strikes by Russian jets on the town of Saraqib on Tuesday.",
         "Military Forces of Russia", SYRIAN_CIVILIANS),
        ("Three Turkish soldiers were killed by YPG fighters near Afrin on Saturday.", "YPG: People's Protection Units",
         "Military Forces of Turkey"),
        # "was shot and killed": the second participle shares the first one's passive subject, the victim
        ("A local activist told the agency that the Turkish soldier was shot and killed when he resisted capture near Afrin.",
         "", "Military Forces of Turkey"),
        ("Dozens of civilians were killed when regime jets struck a market in Ariha on Monday.",
         "Military Forces of Syria", SYRIAN_CIVILIANS),
        # who lost ground is acted upon
        ("Positions held by Islamic State were captured by the SDF near Hajin on Sunday.", "SDF: Syrian Democratic Forces",
         "Islamic State"),
        # a place or side that fell or surrendered to X: X took it and acts (with and without a parse)
        ("The village of Tal Rifaat fell to Turkey-backed rebels on Sunday.", "Turkey-backed Syrian Opposition", ""),
        ("The last Isis positions in Raqqa fell to Kurdish fighters on Tuesday.", "YPG: People's Protection Units",
         "Islamic State"),
        ("Hundreds of Isis fighters surrendered to the SDF near Baghuz on Tuesday.", "SDF: Syrian Democratic Forces",
         "Islamic State"),
        # the by-agent of a deed acts, even when the trigger read is another word of the sentence
        ("Chemical weapons inspectors travelled to Syria on Friday to look into a gas attack by government forces on "
         "the town of Douma.", "Military Forces of Syria", ""),
        # who is said to be behind the deed acts; a denial names no one
        ("Samples from the victims of Saturday's gas attack in Douma showed that Assad's government was responsible.",
         "Military Forces of Syria", ""),
        ("The car bomb attack in Azaz on Monday was blamed on Islamic State.", "Islamic State", ""),
        # nominal triggers: the owner of the attack acts, its target is acted upon
        ("A Turkish assault on the town of Jinderes killed nine civilians on Sunday.", "Military Forces of Turkey", SYRIAN_CIVILIANS),
        ("Regime airstrikes on the town of Khan Sheikhun killed 14 civilians on Monday.", "Military Forces of Syria", SYRIAN_CIVILIANS),
        ("Three bombings by the coalition killed 20 civilians in Raqqa on Tuesday.", "US-led Coalition", SYRIAN_CIVILIANS),
        # a source quoted about the event is never an actor
        ("Activists said Syrian government helicopters dropped barrel bombs on Daraya on Monday.",
         "Military Forces of Syria", ""),
        ("Eleven civilians were killed in air strikes by government forces on Douma on Wednesday, the Syrian Observatory "
         "for Human Rights said.", "Military Forces of Syria", SYRIAN_CIVILIANS),
        ("Russia's defence ministry said rebels shelled the Hmeimim airbase on Saturday.", "Opposition Rebels (Syria)", ""),
        ("According to the Syrian Observatory, Hezbollah fighters captured the village of Ain al-Tineh on Thursday.",
         "Hezbollah", ""),
        ("Kurdish sources confirmed that Turkish jets struck the town of Jinderes on Sunday.", "Military Forces of Turkey", ""),
        ("Rebel commanders told Reuters that government troops had stormed the village of Kafr Nabouda on Friday.",
         "Military Forces of Syria", ""),
        ("Syrian state media said rebels fired rockets at the town of Mhardeh on Monday, killing two civilians.",
         "Opposition Rebels (Syria)", SYRIAN_CIVILIANS),
        # a speaker telling its own deed acts
        ("Turkey said it had launched a land offensive into Jandaris on Sunday.", "Military Forces of Turkey", ""),
        # a state or its capital as the subject of a deed is its military
        ("Ankara launched air strikes against the YPG in Afrin on Saturday.", "Military Forces of Turkey",
         "YPG: People's Protection Units"),
        # whom an operation aims at is acted upon
        ("Turkish troops launched an offensive on Sunday to drive the YPG out of Afrin.", "Military Forces of Turkey",
         "YPG: People's Protection Units"),
        # the holder of the ground taken is acted upon, the speaker telling its own deed acts
        ("The SDF said it had captured positions held by Islamic State near Hajin on Sunday.", "SDF: Syrian Democratic Forces",
         "Islamic State"),
        # two armed sides
        ("Fierce clashes erupted between Hayat Tahrir al-Sham and the Free Syrian Army near Saraqib on Tuesday.",
         "Hayat Tahrir al-Sham", "Free Syrian Army"),
        # one side named after "and": it is the second side
        ("Clashes broke out between tribesmen and Syrian troops near Sweida on Friday.", "", "Military Forces of Syria"),
        # who is charged with the deed acts; the accuser is neither side
        ("Kurdish officials accused Turkey of shelling the village of Maabatli on Monday.", "Military Forces of Turkey", ""),
        ("Yemeni officials blamed the Saudi-led coalition for an air strike on a school bus in Saada on Thursday.",
         "Saudi-led Coalition", ""),
        # who condemns a deed did not do it
        ("The UN on Tuesday condemned the air strikes on a hospital in Maarat al-Numan.", "Unidentified (air strike)", ""),
        # a span of fighting fronted: the subject of the main clause acts, also inside a quote
        ("\"After two weeks of heavy fighting, the army was able to push the rebels out of Morek,\" the commander said on "
         "Friday.", "Military Forces of Syria", "Opposition Rebels (Syria)"),
        # who repelled an attack is actor2: the attacker began the battle
        ("The SDF repelled an Islamic State attack on the village of Hajin on Sunday.", "Islamic State",
         "SDF: Syrian Democratic Forces"),
        ("Government forces beat back a rebel assault on the town of Morek on Tuesday.", "Opposition Rebels (Syria)",
         "Military Forces of Syria"),
        ("Syrian troops repelled an attack on the town of Mhardeh on Monday, saving 40 civilians.", "Military Forces of Syria", ""),
        # who denounces something else in a clause of its own may still act
        ("Rebels who denounced the truce attacked the village of Morek on Sunday.", "Opposition Rebels (Syria)", ""),
        # a side that says fighting goes on with another is the first side of that fight
        ("A spokesman for the Kurdish-led SDF said that clashes continued with IS fighters outside Hajin on Friday.",
         "SDF: Syrian Democratic Forces", "Islamic State"),
        # the agent of a passive is in its own clause, not after a dash
        ("A doctor was shot dead in Azaz on Monday \u2013 his clinic had been searched by Turkish troops a week earlier.",
         "", ""),
        # a demonym on a military noun with a word before it
        ("Russian attack helicopters struck rebel positions near Kafr Nabl on Sunday.", "Military Forces of Russia",
         "Opposition Rebels (Syria)"),
        # an air strike with no attacker named anywhere
        ("Air strikes hit the town of Ariha on Sunday, killing five civilians.", "Unidentified (air strike)", SYRIAN_CIVILIANS),
        # the coalition the story named
        ("The Saudi-led coalition has been fighting in Yemen since 2015. On Thursday the coalition bombed a bus in "
         "Dahyan, killing 40 children.", "Saudi-led Coalition", "Civilians (Yemen)"),
        # in armed violence a state's side is its military, however the sentence names it
        ("Fourteen civilians were killed at the hands of the Syrian government in Harasta on Sunday.",
         "Military Forces of Syria", SYRIAN_CIVILIANS),
        ("The government bombarded the rebel-held town of Ariha on Sunday.", "Military Forces of Syria", ""),
        # the accused is said to have done the deed; the accuser did not
        ("YPG commanders accused Turkey of shelling the village of Jinderes on Sunday, wounding nine civilians.",
         "Military Forces of Turkey", SYRIAN_CIVILIANS),
        ("Rebel commanders blamed Russia for the air strikes that hit a bakery in Ariha on Monday.",
         "Military Forces of Russia", ""),
    ],
)
def test_who_acted_and_who_was_acted_upon(gazetteer, text, actor1, actor2):
    e = _event(gazetteer, text, text.split(". ")[-1][:20])
    assert (e.actor1, e.actor2) == (actor1, actor2), e.sentence


@pytest.mark.parametrize(
    "text, where, actor1",
    [
        ("Turkish artillery shelled Jinderes on Sunday, killing six civilians, while on Tuesday four more were killed "
         "in Rajo.", "four more", "Military Forces of Turkey"),
        ("Government forces shelled Douma on Sunday, killing six civilians; on Tuesday four more were killed in "
         "Harasta.", "four more", "Military Forces of Syria"),
        ("Turkish jets struck Jinderes on Monday; two days later Kurdish fighters shelled Kilis.", "Kilis",
         "YPG: People's Protection Units"),
    ],
)
def test_a_clause_cut_from_its_sentence_keeps_the_attacker_before(gazetteer, text, where, actor1):
    assert _event(gazetteer, text, where).actor1 == actor1


@pytest.mark.parametrize(
    "text, where, actor1, assoc1, actor2",
    [
        # "X-backed", "backed by", "alongside", "along with": allies are associated with the side they back
        ("Turkey-backed rebels shelled the town of Tal Rifaat on Sunday.", "",
         "Turkey-backed Syrian Opposition", "Military Forces of Turkey", ""),
        ("Syrian troops backed by Russian warplanes captured the town of Abu Dhuhur on Saturday.", "",
         "Military Forces of Syria", "Military Forces of Russia", ""),
        ("Turkish troops, alongside Free Syrian Army fighters, attacked YPG positions near Rajo on Sunday.", "",
         "Military Forces of Turkey", "Free Syrian Army", "YPG: People's Protection Units"),
        ("On Saturday Turkey launched an operation along with the FSA to clear the YPG from Afrin.", "",
         "Military Forces of Turkey", "Free Syrian Army", "YPG: People's Protection Units"),
        ("The US-backed Syrian Democratic Forces captured the Omar oilfield from Islamic State on Sunday.", "",
         "SDF: Syrian Democratic Forces", "Military Forces of United States", "Islamic State"),
        ("Heavy fighting broke out near Rajo on Sunday following an incursion by Turkish soldiers backed by Free Syrian "
         "Army rebels.", "", "Military Forces of Turkey", "Free Syrian Army", ""),
        ("At least 30 civilians were killed in Syrian and Russian air strikes on the town of Saraqib on Monday.", "",
         "Military Forces of Syria", "Military Forces of Russia", SYRIAN_CIVILIANS),
        # an actor inside a clause of its own fills no slot of the trigger, nor is it an ally ("who had been besieged by")
        ("Islamic State fighters, who had been besieged by Iraqi troops for weeks, attacked a checkpoint near Sinjar on "
         "Friday.", "", "Islamic State", "", ""),
        ("Government forces, which had been shelled by rebels for days, stormed the village of Kafr Zita on Sunday.", "",
         "Military Forces of Syria", "", ""),
        ("Rebels who had been driven out by government forces attacked the town of Morek on Monday.", "",
         "Opposition Rebels (Syria)", "", ""),
        # unattributed air strikes are by the air force the story named last
        ("Coalition warplanes have carried out hundreds of raids around Raqqa since June. Air strikes killed 12 civilians "
         "in the Mashlab district on Sunday.", "Mashlab", "US-led Coalition", "", SYRIAN_CIVILIANS),
    ],
)
def test_allies_and_the_story_s_air_force(gazetteer, text, where, actor1, assoc1, actor2):
    e = _event(gazetteer, text, where)
    assert (e.actor1, e.assoc_actor1, e.actor2) == (actor1, assoc1, actor2), e.sentence


@pytest.mark.parametrize(
    "one, other, same",
    [
        # an unidentified attacker is an unknown one: the report that names it can be the same event
        (("Unidentified (air strike)", SYRIAN_CIVILIANS), ("Military Forces of Russia", SYRIAN_CIVILIANS), True),
        (("Unidentified Armed Group (Syria)",), ("Islamic State",), True),
        # named sides that differ are two events
        (("Military Forces of Turkey", "YPG: People's Protection Units"), ("SDF: Syrian Democratic Forces",
                                                                           "YPG: People's Protection Units"), False),
    ],
)
def test_an_unidentified_side_does_not_keep_reports_apart(one, other, same):
    assert same_sides(actor_names(one), actor_names(other)) is same


@pytest.mark.parametrize(
    "text, sub_type",
    [
        # ACLED: the government or its affiliates regain ground; anyone else overtakes it
        ("Pro-regime militias stormed the village of Kafr Nabouda on Friday.", "Government regains territory"),
        ("Syrian troops stormed the village of Kafr Nabouda on Friday.", "Government regains territory"),
        ("Hayat Tahrir al-Sham stormed the village of Kafr Nabouda on Friday.", "Non-state actor overtakes territory"),
    ],
)
def test_who_takes_ground_decides_the_sub_type(gazetteer, text, sub_type):
    assert _event(gazetteer, text).sub_event_type == sub_type


@pytest.mark.parametrize(
    "text, principal",
    [
        # the parse roots "Saudi-led coalition" at its own "led": that names no ally, the coalition itself acts
        ("Saudi-led coalition strikes on the Houthi stronghold of Saada killed 14 civilians on Monday.", "Saudi-led Coalition"),
        ("US-led coalition strikes on an Isis hideout in Hajin killed 14 civilians on Monday.", "US-led Coalition"),
    ],
)
def test_a_led_name_is_no_ally_of_itself(text, principal):
    factuality.parsed(text)  # parsed as the clause rules would
    start = text.index("killed")
    acts = [m for m in find_actors(text, "YE") if not m.is_source]
    principals, backers, _ = parsed_sides(text, 0, (start, start + len("killed")), acts, [])
    assert ([m.name for m in principals], backers) == ([principal], [])
