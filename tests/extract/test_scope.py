"""Which events the map draws (scope "event") and which it keeps apart (background, country)."""

from __future__ import annotations

import json

import pytest

from geo.extract.articles import parse_article
from geo.cli import main
from geo.extract.events import extract_events
from geo.extract.factuality import parser_available
from geo.extract.merge import merge_events
from geo.records import Event

DAY = "2018-02-03"  # a Saturday


def scopes(gazetteer, text: str) -> list[tuple[str, str]]:
    return [(e.sub_event_type, e.scope) for e in extract_events(parse_article(text, date=DAY), gazetteer)]


@pytest.mark.parametrize("text, expected", [
    # today's news in the lead, placed on a town: drawn
    ("Turkish jets struck the town of Jinderes on Saturday, killing nine civilians.", [("Air/drone strike", "event")]),
    # older than a month: history, kept apart
    ("Government forces retook the town of Khan Shaykhun in August 2016.", [("Government regains territory", "background")]),
    # placed only on a country: no dot on its centroid
    ("Russian warplanes bombed rebel positions in Syria on Friday.", [("Air/drone strike", "country")]),
    # an undated deed deep in the story's body is context, not news
    ("Turkish jets struck the town of Jinderes on Saturday. The offensive is the second of its kind. "
     "Ankara has long opposed the Kurdish militia. Its tanks crossed the border near Kilis years ago. "
     "Rebels shelled the town of Azaz, a commander said.",
     [("Air/drone strike", "event"), ("Shelling/artillery/missile attack", "background")]),
])
def test_scope(gazetteer, text, expected):
    got = scopes(gazetteer, text)
    assert [g for g in got if g[0] in {e[0] for e in expected}] == expected, got


@pytest.mark.skipif(not parser_available(), reason="spaCy model not installed")
@pytest.mark.parametrize("text", [
    "Turkey will attack the town of Manbij if the Kurdish militia does not withdraw, officials said on Saturday.",
    "Rebels vowed on Saturday to retake the town of Saraqeb.",
    "No air strikes were reported in the town of Saraqeb on Saturday.",
    "Why are we bombed every night in Saraqeb?",
    "Kurdish fighters defending the town of Afrin are short of ammunition, a commander said on Saturday.",
])
def test_no_event(gazetteer, text):
    assert scopes(gazetteer, text) == []


def test_extract_writes_drawn_events_unless_all(tmp_path, capsys):
    article = tmp_path / "a.txt"
    article.write_text(f"date {DAY}\nTurkish jets struck the town of Jinderes on Saturday, killing nine civilians. "
                       "Government forces retook the town of Khan Shaykhun in August 2016.\n")
    assert main(["extract", str(article)]) == 0
    drawn = [json.loads(line)["scope"] for line in capsys.readouterr().out.splitlines()]
    assert main(["extract", str(article), "--all"]) == 0
    every = [json.loads(line)["scope"] for line in capsys.readouterr().out.splitlines()]
    assert drawn == ["event"] and sorted(every) == ["background", "event"]


@pytest.mark.parametrize("text, actor1", [
    ("Ankara launched a military offensive into the town of Afrin on Saturday.", "Military Forces of Turkey"),
    ("Coalition airstrikes killed 11 civilians in the city of Raqqa on Saturday.", "US-led Coalition"),
    ("Russia bombed the town of Saraqeb on Saturday.", "Military Forces of Russia"),
    ("Protesters rallied in Ankara on Saturday.", "Protesters (Turkey)"),  # a capital that is the place stays the place
    ("A Turkish assault drove Kurdish fighters out of the town of Jinderes on Saturday.", "Military Forces of Turkey"),
    ("Kurdish forces launched an assault on the town of Hajin on Saturday.", "SDF: Syrian Democratic Forces"),
    ("A commander said Turkish troops are firing artillery at the town of Rajo on Saturday.", "Military Forces of Turkey"),
])
def test_a_state_or_its_capital_as_the_subject(gazetteer, text, actor1):
    events = extract_events(parse_article(text, date=DAY), gazetteer)
    assert [e.actor1 for e in events] == [actor1]


@pytest.mark.parametrize("text, dates", [
    # strikes on two days in one sentence: two events
    ("Air strikes killed nine people in the town of Saraqeb on Thursday, while on Friday 12 civilians were killed "
     "in air raids on the town of Ariha.", [("2018-02-01", "Saraqeb"), ("2018-02-02", "Ariha")]),
    # one event told with a second clause that has no date of its own: one event
    ("Air strikes killed nine people in the town of Saraqeb on Thursday, and rescuers said the toll could rise.",
     [("2018-02-01", "Saraqeb")]),
])
def test_one_event_per_clause_with_its_own_day(gazetteer, text, dates):
    events = extract_events(parse_article(text, date=DAY), gazetteer)
    assert [(e.date_start, e.place) for e in events] == dates


@pytest.mark.parametrize("text, sub_type", [
    ("Jihadists on motorbikes attempted to storm an army base near the town of Morek on Saturday.", "Armed clash"),
    ("The rebel enclave of Saraqeb finally fell on Saturday after weeks of fighting.", "Non-state actor overtakes territory"),
    ("Turkish troops began a ground incursion into the town of Afrin on Saturday.", "Armed clash"),
])
def test_attempts_falls_and_beginnings_are_events(gazetteer, text, sub_type):
    events = extract_events(parse_article(text, date=DAY), gazetteer)
    assert sub_type in [e.sub_event_type for e in events], [(e.sub_event_type, e.place) for e in events]


@pytest.mark.parametrize("text, agreement", [
    ("Peace talks between the government and the opposition resumed in Geneva on Saturday.", False),
    ("Talks in Geneva on Saturday led to agreement to hold two more rounds in the spring.", False),
    ("A ceasefire between rebels and government forces took effect in the town of Douma on Saturday.", True),
])
def test_talks_are_not_agreements(gazetteer, text, agreement):
    events = extract_events(parse_article(text, date=DAY), gazetteer)
    assert ("Agreement" in [e.sub_event_type for e in events]) is agreement


def test_where_fighters_come_from_is_not_where_the_event_is(gazetteer):
    text = ("Government forces reached the city of Deir ez-Zor on Tuesday. The city was retaken on Wednesday by forces "
            "fighting for the government, including Hezbollah fighters from Lebanon.")
    events = extract_events(parse_article(text, date=DAY), gazetteer)
    assert events and all(e.country_code == "SY" for e in events), [(e.place, e.country_code) for e in events]


def test_a_name_with_a_role_is_a_person_not_a_place(gazetteer):
    text = ("Kurdish-led forces attacked the last Isis positions near Baghuz on Saturday. Mustafa Bali, a Syrian "
            "Democratic Forces spokesman, said the militants are fighting fiercely.")
    events = extract_events(parse_article(text, date=DAY), gazetteer)
    assert events and all(e.country_code in ("SY", "") for e in events), [(e.place, e.country_code) for e in events]


@pytest.mark.skipif(not parser_available(), reason="spaCy model not installed")
def test_a_present_progressive_is_news_even_deep_in_a_story(gazetteer):
    filler = " ".join(f"The talks in the capital went on for a {n} day." for n in ("first", "second", "third", "fourth"))
    text = f"{filler} A commander said Turkish troops are shelling the town of Rajo from the border."
    events = extract_events(parse_article(text, date=DAY), gazetteer)
    assert [(e.sub_event_type, e.scope) for e in events] == [("Shelling/artillery/missile attack", "event")]


def test_strikes_on_two_towns_the_same_day_stay_two_events(gazetteer):
    text = ("Government air strikes hit the town of Kafr Batna on Saturday, killing nine civilians. "
            "Government air strikes also hit the town of Douma on Saturday, killing four.")
    events = extract_events(parse_article(text, date=DAY), gazetteer)
    assert sorted(e.place for e in events if e.sub_event_type == "Air/drone strike") == ["Douma", "Kafr Batna"]


def _strike(place: str, geonameid: str, precision: int, scope: str) -> Event:
    return Event(f"e{geonameid}", "a", DAY, DAY, "day", "Explosions/Remote violence", "Air/drone strike",
                 actor1="Military Forces of Syria", place=place, location=place, admin1="Rif Dimashq", country_code="SY",
                 lat=33.5, lon=36.4, geonameid=geonameid, geo_precision=precision, sentence=place, scope=scope)


@pytest.mark.parametrize("first, second, expected", [
    # a town and the region it is in, the same day: one event, at the town, drawn if either report is news
    (_strike("Kafr Batna", "1", 1, "event"), _strike("Eastern Ghouta", "2", 3, "background"), [("Kafr Batna", "event")]),
    (_strike("Eastern Ghouta", "2", 3, "background"), _strike("Kafr Batna", "1", 1, "event"), [("Kafr Batna", "event")]),
    # a country-level report and an undated one at a town: kept apart as background, not as country-level
    (_strike("Syria", "4", 3, "country"), _strike("Kafr Batna", "1", 1, "background"), [("Kafr Batna", "background")]),
    # a country-level report first and a region-level one: the region, never a dot on the country's centroid
    (_strike("Syria", "4", 3, "country"), _strike("Eastern Ghouta", "2", 3, "event"), [("Eastern Ghouta", "event")]),
    # two towns: two events
    (_strike("Kafr Batna", "1", 1, "event"), _strike("Douma", "3", 1, "event"), [("Kafr Batna", "event"), ("Douma", "event")]),
])
def test_merging(first, second, expected):
    assert [(e.place, e.scope) for e in merge_events([first, second])] == expected


@pytest.mark.parametrize("text, expected", [
    # who died fighting, undated: a life story, kept apart; dated, it is that day's clash
    ("Relatives of three foreign volunteers killed fighting the jihadists in the town of Tabqa held a vigil at home.",
     [("Armed clash", "background")]),
    ("Two Kurdish fighters were killed fighting the jihadists in the town of Tabqa on Friday.", [("Armed clash", "event")]),
    ("Two Turkish soldiers were killed fighting Kurdish militias in the town of Rajo, the army said.",
     [("Armed clash", "event")]),
    # a running toll since the start of an offensive, however the sentence opens, is no event
    ("Since the offensive began, more than 500 civilians have been killed in the town of Douma.", []),
    # "since then": counted from a start the story told before
    ("Since then, more than 300 civilians have been killed in the town of Douma, medics say.", []),
    ("Nine civilians were killed in the town of Douma on Friday, the highest toll since the offensive began.",
     [("Attack", "event")]),
    # whoever claims an attack is its side that acted, enough for a weak trigger
    ("Isis claimed responsibility for the attack in the town of Manbij on Friday.", [("Armed clash", "event")]),
    # many strikes summed up with no day of their own are a summary, kept apart; dated to a day, an event
    ("Rights groups raised concern over reports of airstrikes killing hundreds of civilians in the town of Tabqa.",
     [("Air/drone strike", "background")]),
    ("A series of airstrikes hit the town of Saraqeb on Friday, killing six.", [("Air/drone strike", "event")]),
    ("Dozens of civilians were killed in air strikes on the town of Douma, monitors said.", [("Air/drone strike", "event")]),
    # "died" counts as violence only as a toll of many ("40 villagers died"), not one person's death
    ("In the town of Douma, 40 villagers, among them six children, died on Friday.", [("Attack", "event")]),
    ("An elderly YPG commander died in the city of Qamishli, his family said.", []),
    ("His father, a former army officer, died in the town of Azaz on Friday.", []),
    # a bare "agreement" with no actor or place of its own is no conflict agreement
    ("Everything since then has followed the agreement reached in that phone call, an official said on Friday.", []),
    ("The rebels signed an evacuation agreement for the town of Douma on Friday.", [("Agreement", "event")]),
])
def test_what_is_drawn(gazetteer, text, expected):
    got = scopes(gazetteer, text)
    assert [g for g in got if not expected or g[0] in {e[0] for e in expected} | {"Agreement"}] == expected, got


@pytest.mark.parametrize("text, places", [
    # a clause after a dash, timed "on the same day": an event of its own, drawn
    ("Air strikes killed nine fighters in the town of Saraqeb on Friday – while in the town of Douma 30 civilians "
     "died the same day.", ["Saraqeb", "Douma"]),
    # a sentence timed from a dated one just before it is drawn, one event per clause
    ("Jets struck the town of Ariha on Thursday. On the same day, five people were killed in an air raid on the town of "
     "Saraqeb, while in the town of Binnish 12 more were killed two days later.", ["Ariha", "Saraqeb", "Binnish"]),
    # ... but "the same day" as a day of old history is history too
    ("The talks went on for a first day. The talks went on for a second day. The talks went on for a third day. "
     "Jets struck the town of Ariha on 4 May 2015. On the same day, five people were killed in an air raid on the town "
     "of Saraqeb.", []),
])
def test_clauses_timed_from_the_one_before(gazetteer, text, places):
    events = extract_events(parse_article(text, date=DAY), gazetteer)
    assert [e.place for e in events if e.scope == "event"] == places, [(e.place, e.scope) for e in events]


@pytest.mark.parametrize("text, types", [
    # a later clause that only says "killed" was killed by the same means as the clause before
    ("Nine people were killed in air strikes on the town of Saraqeb on Thursday, while on Saturday 12 were killed in the "
     "town of Binnish.", ["Air/drone strike", "Air/drone strike"]),
    ("Nine people were killed in clashes in the town of Saraqeb on Thursday, while on Friday 12 civilians were killed in "
     "the town of Binnish.", ["Armed clash", "Attack"]),
])
def test_a_clause_keeps_the_means_of_the_one_before(gazetteer, text, types):
    events = extract_events(parse_article(text, date=DAY), gazetteer)
    assert [e.sub_event_type for e in events] == types, [(e.sub_event_type, e.place) for e in events]


def test_clauses_of_one_sentence_never_merge():
    """Each clause was split off because it has a time of its own: the same type and date (its days unresolved)
    do not make them one event."""
    a, b = _strike("Raqqa", "5", 2, "event"), _strike("Raqqa", "5", 2, "event")
    b = Event(**{**a.__dict__, "event_id": "other", "sentence": "another 20 were killed two days later"})
    assert len(merge_events([a, b])) == 1
    assert len(merge_events([a, b], apart={a.event_id: 3, b.event_id: 3})) == 2


@pytest.mark.parametrize("text, expected", [
    # a later sentence says when and where the event just told happened: one event, there and then
    ("Gunmen ambushed an army patrol in northern Syria, killing four soldiers, a monitor said on Saturday. The "
     "ambush took place on Thursday in the town of Saraqeb.", [("2018-02-01", "Saraqeb")]),
    ("Rebels clashed with government forces in Idlib province, a monitor said. The incident is thought to have "
     "happened on Tuesday near the town of Ariha.", [("2018-01-30", "Ariha")]),
    # "the attack" does not retell a protest
    ("Hundreds of protesters rallied in the town of Ariha on Friday. The attack took place on Thursday in the town "
     "of Saraqeb, a monitor said.", [("2018-02-02", "Ariha")]),
    # "the attack" with no date of its own is no retelling
    ("Jets struck the town of Ariha on Thursday. The attack happened as families gathered in the market.",
     [("2018-02-01", "Ariha")]),
])
def test_an_event_dated_and_placed_by_a_later_sentence(gazetteer, text, expected):
    events = extract_events(parse_article(text, date=DAY), gazetteer)
    assert [(e.date_start, e.place) for e in events] == expected, [(e.date_start, e.place, e.sentence) for e in events]


def test_a_retelling_with_no_date_of_its_own_stays_its_own_event(gazetteer):
    text = "Jets struck the town of Ariha on Thursday. The explosion took place near the main square of Saraqeb, a monitor said."
    events = extract_events(parse_article(text, date=DAY), gazetteer)
    assert [e.place for e in events] == ["Ariha", "Saraqeb"], [(e.date_start, e.place) for e in events]


@pytest.mark.parametrize("text, expected", [
    # a campaign's running toll is no event: the offensive as the subject of its dead, losses in the present perfect
    # over a campaign, many raids counted by those who keep tallies; a day's toll during the campaign is
    ("The offensive on the town of Ariha has thus far killed upwards of 80 civilians and scores of fighters from either side.",
     []),
    ("Turkey has lost 30 soldiers in heavy fighting during its offensive around the town of Rajo.", []),
    ("Two Turkish soldiers were killed in clashes near the town of Rajo on Friday, during the offensive.",
     [("Armed clash", "event")]),
    ("At least 900 civilians died in the air raids on the town of Tabqa, according to tallies kept by local monitors.",
     []),
    ("At least 20 people died in the air strikes on the town of Ariha, according to initial estimates by rescuers.",
     [("Air/drone strike", "event")]),
    ("Weeks of bombardment have killed hundreds of civilians in the town of Douma.", []),
    ("After weeks of fighting, Syrian troops have killed 12 militants in a raid on the town of Ariha.",
     [("Armed clash", "event")]),
    ("Turkish forces have killed 1,500 Kurdish fighters in the offensive on the town of Rajo, the army said.", []),
    ("The war in the country, now in its seventh year, has killed more than 400,000 people.", []),
    # an operation may be one day's raid: only "so far" makes its dead a running toll
    ("The operation has killed the militant leader in the town of Ariha, officials said.", [("Armed clash", "event")]),
    # a spell of many strikes sums them up; the spell after which the day's deed came does not
    ("Six months of coalition airstrikes left the town of Tabqa without water or power.",
     [("Air/drone strike", "background")]),
    ("Turkish troops pushed deep into the town of Jinderes after more than five weeks of heavy clashes.",
     [("Armed clash", "event")]),
    ("Turkish troops swept through the town of Jinderes following nine weeks of clashes with Kurdish fighters.",
     [("Armed clash", "event")]),
    # strikes told as many are a summary; dated to a day, an event
    ("Successive air raids on the town of Tabqa have destroyed its bakeries and its hospital.",
     [("Air/drone strike", "background")]),
    ("Repeated air raids hit the town of Tabqa on Friday.", [("Air/drone strike", "event")]),
    # a campaign waged is a campaign, not a deed of a day; one launched on a day is
    ("The regime besieged the rebel town of Ariha before waging a crushing offensive on it.",
     [("Armed clash", "background")]),
    ("Syrian government forces launched an offensive against rebels in the town of Ariha on Friday.",
     [("Armed clash", "event")]),
    # the start of the campaign the story follows, weeks before, is its history even in the lead; days before, news
    ("Turkey began its offensive, named Operation Spring Shield, on 12 January, aiming to drive Kurdish fighters from "
     "the town of Rajo.", [("Armed clash", "background")]),
    ("Turkey began its offensive on the town of Rajo on Thursday.", [("Armed clash", "event")]),
    ("Operation Spring Shield, which began on 12 January, has driven Kurdish fighters from the town of Rajo.",
     [("Armed clash", "background")]),
    ("Government forces now hold most of the province after an offensive that began on 12 January around the town of "
     "Saraqeb.", [("Armed clash", "background")]),
    # the pluperfect tells what came before the story, unless it is reported speech shifted back
    ("The push came after loyalist troops had seized the town of Saraqeb.", [("Government regains territory", "background")]),
    # ... not a deed named in passing after another verb in it, a reference (dated by geo/extract/event_dates.py)
    ("Turkish troops had played a large part in the assault on the town of Rajo.", [("Armed clash", "event")]),
    ("A monitor said loyalist troops had shelled the town of Saraqeb.", [("Shelling/artillery/missile attack", "event")]),
    ("Loyalist troops had shelled the town of Saraqeb, according to a monitor.",
     [("Shelling/artillery/missile attack", "event")]),
    ("The patrol had been on the road from the town of Saraqeb for an hour when a roadside bomb tore through its truck.",
     [("Remote explosive/landmine/IED", "event")]),
])
def test_running_tolls_and_history(gazetteer, text, expected):
    assert scopes(gazetteer, text) == expected
