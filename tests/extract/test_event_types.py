"""Trigger words in a sense that is no war event: staff leaving an office ('the cabinet exodus'), a street of that
name ('Downing Street'), people captured ('how they were captured'), the dead of a whole war ('killed in the
civil war'), a family's own dead in a profile ('after his two sons died'), and a deed named as the emblem
of an era ('the massacre of our age'), and the words of war in the senses of politics, law, health and money ('a
charm offensive', 'a legal battle', 'a heart attack', 'riot police', 'shelled out', 'killed the bill', 'a trade agreement', 'a ceasefire resolution'). Each row beside a row of the war sense that stays a trigger."""

from __future__ import annotations

import pytest

from geo.extract.event_types import classify

# sentence, expected trigger (None: no event), expected sub-event type
CASES = [
    # an exodus is of people fleeing a place, not of officials leaving a job
    ("A third minister joined the cabinet exodus on Monday.", None, None),
    ("Yet another adviser has joined the Kremlin exodus.", None, None),
    ("Thousands of civilians joined the exodus towards the border.", "exodus", "Population displacement"),
    ("The exodus from Tal Rifaat went on through the night.", "exodus", "Population displacement"),
    ("Aid workers braced for a mass exodus.", "exodus", "Population displacement"),
    # a street named Downing is no downing of an aircraft
    ("Downing Street said the cabinet would meet again on Thursday.", None, None),
    ("A spokesman for Downing St declined to comment.", None, None),
    ("Rebels claimed the downing of a regime jet over Kafr Zita.", "downing", "Armed clash"),
    # a family's own dead, told in a profile, are a loss, not a toll of violence
    ("She left Mayadin for the camp after her two youngest children died.", None, None),
    ("The farmer said his three children died of fever in the camp.", None, None),
    ("Forty villagers, among them six children, died in the raid.", "died", "Attack"),
    # an era's emblem
    ("Aid agencies called the siege the worst massacre of our time.", None, None),
    ("Critics called the raid on the camp the massacre of this century.", None, None),
    ("Militiamen carried out a massacre of villagers near Hama.", "massacre", "Attack"),
    # people captured are not territory taken
    ("How exactly they were captured is still disputed.", None, None),
    ("The commander, who was captured near Sirte in March, is on trial.", None, None),
    ("Rebels said they had captured the airbase near Taftanaz.", "captured", "Government regains territory"),
    # a whole war is no day or place of a deed
    ("The plaque honours Rojda and three comrades killed in the struggle against the militia.", None, None),
    ("The fund helps the widows of men killed in the civil war.", None, None),
    ("Two soldiers were killed in the war on Tuesday near Hama.", "killed", "Attack"),
    # a past-perfect flight with no count of people is backstory
    ("Most of the Armenian families had fled to Latakia long before.", None, None),
    ("The camp now houses villagers who had fled the plain.", None, None),
    ("A local official said 12,000 people had fled Tal Tamr.", "had fled", "Population displacement"),
    ("Most residents had fled Ariha by Sunday, the monitor said.", "had fled", "Population displacement"),
    # words of war in the senses of politics, law, health and money
    ("Moscow has launched a charm offensive in the Gulf.", None, None),
    ("The army launched an offensive on the Houla plain.", "launched an offensive", "Armed clash"),
    ("The envoy stormed out of the talks in Astana on Tuesday.", None, None),
    ("Militants stormed the police station in Arish at dawn.", "stormed", "Armed clash"),
    ("The widow has fought a long legal battle to bring the bodies home.", None, None),
    ("The lawyers have lost three court battles over the asset freeze.", None, None),
    ("Rebels fought government troops outside Morek.", "fought", "Armed clash"),
    ("Doctors said the boy was still fighting for his life in a clinic in Binnish.", None, None),
    ("She was fighting back tears as she spoke to reporters.", None, None),
    ("The general died of a heart attack in Latakia.", None, None),
    ("Riot police lined the road outside the embassy.", None, None),
    ("Riots broke out in the camp after the curfew.", "Riots", "Violent demonstration"),
    ("The ministry shelled out millions for the new drones.", None, None),
    ("Ministers were bombarded with questions about the deployment.", None, None),
    ("Senators killed the bill in committee on Thursday.", None, None),
    ("Gunmen killed the driver of the aid lorry near Sanaa.", "killed", "Attack"),
    ("The ministry praised the execution of the plan to reopen the border.", None, None),
    ("Rights groups condemned the execution of 12 prisoners in Saydnaya.", "execution", "Attack"),
    ("Jordan and Iraq have initialled an energy agreement worth $1bn.", None, None),
    ("Russia blocked a UN ceasefire resolution on Thursday.", None, None),
    ("Truce talks resumed in Kuwait on Monday.", None, None),
    ("A ceasefire took hold across Daraa province on Sunday.", "ceasefire", "Agreement"),
    # a military strike told by its verb; a labour strike is one workers go on
    ("Coalition aircraft carried out strikes on a depot near Mayadin on Monday.", "carried out strikes", "Air/drone strike"),
    ("Israeli jets launched rare, retaliatory strikes south of Quneitra overnight.", "launched rare, retaliatory strikes", "Air/drone strike"),
    ("Dock workers went on strike in Latakia on Monday.", None, None),
    # the means, not the arsenal: strikes on a chemical weapons site are strikes; strikes an air power owns are air strikes
    ("Allied warships fired missiles at chemical weapons facilities near Homs overnight.", "missiles",
     "Shelling/artillery/missile attack"),
    ("Chemical weapons inspectors reached the town of Kafr Zita on Tuesday.", None, None),
    ("Government forces used chemical weapons on Kafr Zita on Tuesday, medics said.", "chemical weapons", "Chemical weapon"),
    ("Nine villagers died overnight in coalition strikes on Mayadin.", "strikes", "Air/drone strike"),
    ("Four shepherds were killed in Russian strikes near Kabani.", "strikes", "Air/drone strike"),
    # an explosive vest is worn by a suicide bomber
    ("A militant detonated an explosive vest at a checkpoint in Tal Abyad.", "detonated an explosive vest", "Suicide bomb"),
]


@pytest.mark.parametrize("sentence, trigger, sub_type", CASES, ids=[c[0][:50] for c in CASES])
def test_war_sense_only(sentence, trigger, sub_type):
    match = classify(sentence)
    assert (match.trigger if match else None, match.sub_event_type if match else None) == (trigger, sub_type)


@pytest.mark.parametrize("sentence", ["Coalition aircraft carried out strikes on a depot near Mayadin on Monday.",
                                      "Port workers launched strikes in Latakia on Monday over unpaid wages."])
def test_a_strike_told_by_its_verb_is_weak(sentence):
    """Workers launch strikes too: the verb form needs an armed actor and a place before it is an event."""
    match = classify(sentence)
    assert match is not None and not match.strong
