"""What kind of event a sentence reports (ACLED's types) and how many it says were killed.

Triggers are verb and noun patterns per ACLED sub-event type. Where a sentence reports
several tactics, ACLED's precedence decides: the sub-event types are tried in the order of its
codebook (Battles, Protests, Riots, Explosions/Remote violence, Violence against civilians,
Strategic developments), then displacement. Nouns such as "violence" or "offensive" are weak
triggers, used only when no verb-like trigger is present.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from geo.taxonomy import DISPLACEMENT, event_type_of

__all__ = ["TypeMatch", "classify", "fatalities", "same_means", "PRECEDENCE", "ARMED_TYPES", "NAMED_DAY"]

_P = re.compile

# (sub-event type, strong trigger, weak trigger); order = precedence.
_RULES: list[tuple[str, str, str]] = [
    ("Government regains territory",
     r"re-?took|re-?taken?|retaking|re-?captur(?:ed|ing)|regain(?:ed|s)?|took back|taken back|(?:seized|took|taken|regained|wrested|restored) "
     r"(?:full |complete |back )?control|liberat(?:ed|ing)|overr(?:a|u)n|captur(?:ed|ing)|seiz(?:ed|ing)|fell to|"
     r"territorial gains|made gains|(?:entered|stormed) the (?:town|city|village|district)|took over|"
     r"(?:drove|driven|pushed|ousted|expelled|flushed)(?= (?:[\w-]+ ){0,4}?out of)|"
     r"(?:enclave|stronghold|redoubt|bastion|airbase|pocket)(?= (?:[\w-]+ ){0,6}?(?:finally )?fell\b(?! (?:ill|silent|short|apart)))",
     ""),
    ("Armed clash",
     # "clashed in public over the plan": a quarrel, not a fight
     r"clash(?:ed|es)?(?!\s+(?:in public|publicly|verbally|openly|on (?:twitter|television|air|social media))\b)|fighting|fought|fights|battl(?:ed|es|ing)|firefights?|gun ?battles?|exchang(?:ed|es) (?:of )?fire|"
     r"skirmish(?:es)?|ambush(?:ed|es)?|shot down|shoot down|brought down|downed|downing(?!\s+(?:Street|St)\b)|repel(?:led)?|repuls(?:ed|e)|"
     r"counter-?attack(?:ed|s)?|push(?:ed)? into|pushed from [^.;]{0,80}? into|advanc(?:ed|ing) (?:on|into|toward|to)|(?:launched|began|begun|started|mounted) (?:an? |the )?(?:new |major |ground |military )?"
     r"(?:offensive|operation|assault|incursion|attack)|(?-i:Operation [A-Z]\w+)|stormed|storm(?:ing)?(?= (?:an? |the )?(?:[\w-]+ ){0,2}(?:base|town|city|village|positions?|checkpoint|prison|airport|airbase|compound))|besieging|besieged (?=the |an? )|engag(?:ed|ing) in combat|"
     r"attack(?:ed|s|ing)?(?= (?:an? |the )?(?:army|military|police|troops|soldiers|base|garrison|post|checkpoint|patrol|positions?))",
     r"offensive|onslaught|assault|attacks?|attacked|violence|hostilities|intensified|combat"),
    ("Excessive force against protesters",
     r"(?:killed|shot|fired on|opened fire on|live ammunition)(?=.{0,60}\b(?:protest|demonstrat))|"
     r"(?:protest|demonstrat)\w*.{0,60}\b(?:killed|shot dead|live ammunition)",
     ""),
    ("Protest with intervention",
     r"(?:dispers(?:ed|e)|tear ?gas|water cannons?|rubber bullets|baton)(?=.{0,80}\b(?:protest|demonstrat|rall))|"
     r"(?:protest|demonstrat|rall)\w*.{0,80}\b(?:dispers(?:ed|e)|tear ?gas|water cannons?|rubber bullets|arrested)|"
     r"(?:halted|broke up|stopped|banned)(?= (?:an? |the )?(?:[\w-]+ ){0,2}(?:march|protest|demonstration|rally))",
     ""),
    ("Peaceful protest",
     r"protest(?:ed|s|ers|ing)?|demonstrat(?:ion|ions|ors)|"
     # "demonstrated the power of", "demonstrated that": to show, not to march
     r"demonstrated(?!\s+(?:that|how|what|its|their|his|her|our|(?:the|a|an)\s+(?:[\w-]+\s+)?(?:power|strength|need|ability|"
     r"capacity|capabilit(?:y|ies)|resolve|will|importance|value|failure|limits?|weakness|reach|range)\b))|rall(?:y|ies|ied)|sit-ins?|march(?:ed|es)(?= (?:in|through|to|on))",
     ""),
    ("Violent demonstration",
     r"riot(?:s|ed|ing|ers)?|violent (?:protests?|demonstrations?)|(?:threw|hurled|throwing) (?:stones|rocks|molotov)",
     ""),
    ("Mob violence", r"\bmobs?\b|lynch(?:ed|ing)", ""),
    ("Chemical weapon",
     # "strikes at its chemical weapons facilities", "chemical weapons inspectors": the arsenal or its watchdog, not its use
     r"chemical (?:attack|weapons?(?! (?:capabilit(?:y|ies)|facilit(?:y|ies)|sites?|programmes?|programs?|stockpiles?|arsenals?|"
     r"research|production|plants?|depots?|convention|inspectors?|watchdog|experts?|investigators?))|agents?|strike)|"
     r"chlorine|sarin|toxic gas|nerve (?:agent|gas)|mustard gas|poison(?:ous)? gas",
     ""),
    ("Air/drone strike",
     r"air ?strikes?|air ?raids?|drone (?:strikes?|attacks?)|attacks? by (?:[\w-]+ ){0,3}drones|barrel bombs?|(?:warplanes?|jets?|aircraft|helicopters?|drones?)"
     r"(?: \w+){0,3} (?:bombed|struck|pounded|hit|targeted|raided|attacked|fired)|bombed from the air|aerial (?:bombardment|attacks?)|"
     r"bombing (?:raids?|runs?|sorties)|(?:(?<=jets of )|(?<=planes of )|(?<=aircraft of ))bombing|"
     # "killed in US-led coalition strikes": strikes owned by an air power are air strikes
     r"(?:(?<=coalition )|(?<=US-led )|(?<=Russian )|(?<=Israeli )|(?<=regime )|(?<=allied ))strikes",
     r"air power|air support|helicopter gunships?|warplanes?|air force|"
     # "carried out rare, retaliatory strikes": a strike told by its verb, weak (workers launch strikes too), so it
     # needs an armed actor and a place of its own
     r"(?:carried out|conducted|launched)(?: (?:new|fresh|more|further|several|dozens of|rare|joint|retaliatory|precision|"
     r"punitive|heavy|limited|targeted|overnight),?){0,3} strikes"),
    ("Suicide bomb",
     r"suicide (?:bomb(?:er|ers|ing|ings)?|attack(?:er|s)?|car bomb|vest|truck bomb)|blew (?:himself|herself|themselves) up|self-detonat\w*|"
     r"(?:detonated|set off|triggered) (?:an? |his |her |their )?explosives? (?:vests?|belts?)",
     ""),
    ("Shelling/artillery/missile attack",
     r"shell(?:ed|ing|s)|artillery|mortars?|rockets?|missiles?|bombard(?:ed|ment|ing)|howitzers?|katyushas?|(?:fired|launched) "
     r"(?:\w+ )?(?:shells|projectiles)",
     ""),
    ("Remote explosive/landmine/IED",
     r"roadside bombs?|car bombs?|IEDs?|improvised explosive|land ?mines?|explosive devices?|bombs? (?:exploded|went off|blast)|"
     r"booby-?trap\w*|detonat(?:ed|ion)|dynamite|explosions?|blasts?|bomb(?:ed|ing|ings)|explosives?|bombs?",
     ""),
    ("Grenade", r"grenades?", ""),
    ("Sexual violence", r"rap(?:ed|es|ing)|\brape\b|sexual(?:ly)? (?:assault\w*|violence|abuse\w*)", ""),
    ("Attack",
     r"kill(?:ed|ing|s)?|murder(?:ed|s|ing)?|assassinat(?:ed|ion|e)|execut(?:ed|ion|ions)|massacr(?:e|ed|es)|shot dead|"
     r"gunned down|behead(?:ed|ing)|tortur(?:ed|e)|stabbed|burned alive|opened fire|shot at|fired (?:[\w-]+ ){0,2}"
     r"(?:weapons|shots|rifles|guns|machine-?guns|on)|attack(?:ed|s)? (?:on )?(?:an? |the )?(?:[\w-]+ ){0,2}"
     r"(?:civilians|villagers|villages?|peasants|bus|buses|market|school|hospital|mosque|church|homes?|houses?|residents|"
     r"passengers|funeral|wedding)",
     r"attack(?:ed|s)?|shot|died"),
    ("Abduction/forced disappearance",
     # "a former hostage said": a person, not a kidnapping
     r"kidnap(?:ped|ping|pings)?|abduct(?:ed|ion|ions|s)?|taken hostage|held hostage|(?<!former )(?<!ex-)hostages?|forcibly disappeared|disappearances?",
     ""),
    ("Agreement",
     r"cease-?fire|truce|peace (?:deal|agreement|accord)|(?:evacuation|surrender|reconciliation|de-?escalation|withdrawal|"
     r"ceasefire|peace) agreement|signed a deal|evacuation deal|reconciliation deal|humanitarian pause|"
     r"(?:agreed|signed|set up|established|created)(?: [\w-]+){0,3} de-?escalation zones?|de-?escalation zones? (?:deal|agreement|agreed)",
     # a bare "agreement" may be a trade deal or a phone call's outcome: it needs an actor and a place of its own
     r"agreement(?! (?:to|on|with|between) )"),
    ("Arrests", r"arrest(?:ed|s|ing)?|detain(?:ed|s)?|taken into custody|rounded up", ""),
    ("Change to group/activity",
     r"joined forces|merg(?:ed|er) (?:with|into)|(?:formed|announced) (?:a |an )?(?:new )?(?:group|alliance|coalition|front)|defect(?:ed|ion|ions)",
     ""),
    ("Disrupted weapons use",
     r"defus(?:ed|ing)|dismantl(?:ed|ing)(?= (?:a |an |the )?(?:bomb|explosive|ied|device|mine))|"
     r"intercept(?:ed|ing)(?= (?:an? |the |two |three |several )?(?:[\w-]+ )?(?:missiles?|rockets?|drones?|shells?|projectiles?))|"
     r"(?:missiles?|rockets?|drones?|projectiles?)(?: [\w-]+){0,3} (?:was|were) intercepted|"
     r"(?:seized|found|discovered) (?:a |an |the )?(?:weapons|arms|explosives|ammunition|cache)|shot down (?:a |an |two |three |several )?(?:drones?|missiles?|rockets?)",
     ""),
    ("Headquarters or base established",
     r"(?:set up|established|built|opened) (?:a |an |its |their )?(?:new )?(?:military |observation )?(?:base|headquarters|outpost|observation post|checkpoint)",
     ""),
    ("Looting/property destruction",
     r"loot(?:ed|ing)|ransack(?:ed|ing)|torch(?:ed|ing)|set (?:on )?fire|burn(?:ed|t|ing) (?:down|homes|houses|buildings|vehicles|a )|"
     r"arson|vandali[sz](?:ed|ing)|sabotage|plunder(?:ed|ing)|stole|robbed|robbery|burn(?:ed|t) (?:the|their|its)|destroy(?:ed|ing) (?:homes|houses|property|buildings|crops)",
     ""),
    ("Non-violent transfer of territory",
     r"withdr(?:ew|awn|awal|aw) (?:from|of)|handed over|hand over|evacuat(?:ed|ion of) (?:fighters|rebels|militants)|surrender(?:ed)?",
     ""),
    (DISPLACEMENT + ":Population displacement",
     r"displac(?:ed|ement|ing)|fled (?:their )?homes|forced to flee|(?:fled|flee|fleeing) (?:the )?(?:\w+ )?(?:fighting|violence|"
     r"bombardment|offensive|assault|clashes|advance)|uprooted|exodus|have fled|had fled",
     ""),
]

_TRIGGERED = [sub.split(":")[-1] for sub, _, _ in _RULES]
# Every sub-event type in precedence order; the two without triggers of their own are set by
# the actors (a non-state group takes territory) or by hand ("Other").
PRECEDENCE: tuple[str, ...] = tuple(
    _TRIGGERED[:1] + ["Non-state actor overtakes territory"] + _TRIGGERED[1:-1] + ["Other"] + _TRIGGERED[-1:]
)


def _compile(which: int) -> tuple[re.Pattern, dict[str, str]]:
    """One alternation of every rule's triggers (group g<i> = rule i), tried in precedence order at each position."""
    groups = {f"g{i}": rule[0].split(":")[-1] for i, rule in enumerate(_RULES) if rule[which]}
    body = "|".join(f"(?P<g{i}>{rule[which]})" for i, rule in enumerate(_RULES) if rule[which])
    return _P(r"(?<![\w-])(?:" + body + r")(?![\w-])", re.I), groups


_STRONG, _WEAK = _compile(1), _compile(2)
_RANK = {sub: i for i, sub in enumerate(PRECEDENCE)}
ARMED_TYPES = frozenset({"State forces", "Rebel group", "Political militia", "Identity militia", "External/Other forces"})
_DRONE = _P(r"\s+(?:an?\s+|the\s+|two\s+|three\s+|several\s+)?(?:\w+\s+)?(?:drones?|missiles?|rockets?|UAVs?)\b", re.I)
# "fought off an attack by 13 drones", "repelled a missile attack": ACLED codes the remote attack, even when it failed.
_REMOTE_ATTACK_OBJECT = _P(r"\s+(?:off\s+)?(?:an?\s+|the\s+)?(?:[\w-]+\s+){0,2}?(?:attacks?\s+(?:by|with|from)\s+(?:[\w-]+\s+){0,3}?"
                           r"(?:drones|UAVs|missiles|rockets)|(?:drone|missile|rocket|air)\s+(?:attacks?|strikes?|raids?))\b", re.I)
_WEAPON_TYPES = {"Grenade", "Remote explosive/landmine/IED", "Shelling/artillery/missile attack", "Chemical weapon"}
_THREATENED = _P(r"\bthreat\w*\s+(?:\w+\s+){0,3}?with\s+(?:\w+\s+){0,2}$", re.I)
_DISARMED = _P(r"\b(?:defus\w*|dismantl\w*|found|discovered|seized|removed|cleared|intercept\w*|shot down|downed)\b(?:\s+\w+){0,3}\s*$", re.I)
_CROWD = _P(r"\b(?:protesters|protestors|demonstrators|crowds?|thousands|hundreds|dozens|people|residents|students|workers|"
             r"supporters|activists|women|farmers|teachers|rally|rallies|marched|took to the streets)\b", re.I)
_PERSONS = r"(?:pilots?|soldiers?|men|people|him|her|them|hostages?|civilians|fighters|crew|members|officers?)"
# ... or a pronoun of persons ("how they were captured", "who was captured in January")
_PERSON_SUBJECT = _P(r"\b(?:" + _PERSONS + r"|they|he|she|we|I|who)\s+(?:were|was|had been|have been|has been|being)\s+$", re.I)
_PERSON_OBJECT = _P(r"\s+(?:[\w-]+\s+){0,3}?" + _PERSONS + r"\b", re.I)


# a day named in words: "yesterday", "last night", a weekday, "4 March" (what makes a count or a flight one of a day)
NAMED_DAY = _P(r"\b(?:yesterday|last night|(?:mon|tues|wednes|thurs|fri|satur|sun)day|\d{1,2} (?:jan|feb|mar|apr|may|jun|jul|"
               r"aug|sep|oct|nov|dec)\w*|(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)\w* \d{1,2})\b", re.I)
# "had fled" with no count of people and no day: backstory told in the past perfect ("many had fled to Idlib", "people
# who had fled the east"); a count or a day makes it a flight the story reports ("one said 26,000 people had fled")
_HEADCOUNT = _P(r"\b(?:\d|tens of|hundreds|thousands|dozens|millions|scores|(?:a|one|two|three|four|five|six|seven|eight|nine|"
                r"ten|twenty|thirty|forty|fifty|several|a few) (?:hundred|thousand|million))", re.I)
# a count of the dead before "died": a toll of violence ("40 villagers, among them six children, died")
_MANY_DEAD = _P(r"\b(?:\d+|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|dozens|scores|hundreds|thousands)\s+"
                r"(?:[\w-]+\s+){0,2}?(?:civilians|people|children|residents|villagers|men|women|soldiers|fighters|members)\b", re.I)
DISPLACEMENT_SUB = _RULES[-1][0].split(":")[-1]
# an exodus of people from a place, not of staff from an office ("joined the White House exodus")
_EXODUS_PEOPLE = _P(r"\b(?:fle[de]|fleeing|refugees?|civilians|residents|villagers|people|population|families|women|children|"
                    r"fighters|rebels|militants|evacuees|displaced|thousands|hundreds|mass|cross-border|convoys?|buses)\b", re.I)
_EXODUS_WHENCE = _P(r"\s+(?:of|from|out of|to|towards?|into|across|north|south|east|west)\b", re.I)
# "her two other children died": a family's loss in a profile, not a toll of the story's day
_KIN = _P(r"\b(?:her|his|my|our|their)\s+(?:[\w-]+\s+){0,2}?$", re.I)
# Trigger words in a sense that is no violence, told by the words before or after them (trigger, before, after).
_OTHER_SENSES: list[tuple[re.Pattern, re.Pattern | None, re.Pattern | None]] = [
    (_P(r"offensive|onslaught"), _P(r"\b(?:charm|diplomatic|media|propaganda|publicity|pr|political|peace|legal)\s+$", re.I), None),
    (_P(r"stormed|storming"), None, _P(r"\s+(?:out|off|away)\b", re.I)),  # "stormed out of the meeting"
    (_P(r"fought|fighting|fights|battl(?:ed|es|ing)"), None,  # "fought a legal battle", "fighting for his life"
     _P(r"\s+(?:(?:(?:a|an|the|his|her|their|its)\s+)?(?:[\w-]+\s+)?(?:legal|court|political|electoral|uphill|losing)\s+battles?|"
        r"for\s+(?:his|her|their|its)\s+li(?:fe|ves)|back\s+tears|(?:against\s+|with\s+)?(?:corruption|poverty|disease|cancer|"
        r"fires?|wildfires?|extradition|deportation))\b", re.I)),
    (_P(r"battles?|fight"), _P(r"\b(?:legal|court|political|electoral|custody|uphill|leadership|budget|cancer)\s+$", re.I), None),
    (_P(r"attacks?"), _P(r"\b(?:heart|panic|asthma|anxiety)\s+$", re.I), None),  # "a heart attack"
    (_P(r"attack(?:ed|s|ing)?"), None, _P(r"\s+(?:the|his|her|their|its|a)\s+(?:[\w-]+(?:'s|’s)?\s+)?(?:decision|policy|plan|"
                                           r"remarks|comments|record|proposal|report|idea|deal|speech|statement|ruling|move)\b", re.I)),
    (_P(r"riot"), None, _P(r"\s+(?:police|gear|shields?|squads?|control|vans?)\b", re.I)),  # "riot police"
    (_P(r"shell(?:ed|ing|s)?"), None, _P(r"\s+(?:out|compan(?:y|ies)|firms?)\b", re.I)),  # "shelled out $2bn"
    (_P(r"bombard(?:ed|ing|ment)"), None, _P(r"\s+(?:with|by)\s+(?:[\w-]+\s+)?(?:questions|calls|messages|e-?mails|requests|"
                                              r"criticism|letters|complaints|propaganda)\b", re.I)),  # "bombarded with questions"
    (_P(r"kill(?:ed|s|ing)?"), None, _P(r"\s+(?:off\s+)?(?:the|a|an|his|her|their|its|any)\s+(?:[\w-]+\s+)?(?:bill|deal|plan|"
                                         r"proposal|idea|talks|legislation|motion|story|project|hopes?|chances?)\b", re.I)),
    (_P(r"execut(?:ed|ion|ions)"), None, _P(r"\s+(?:of\s+)?(?:the|a|an|his|her|their|its)\s+(?:[\w-]+\s+)?(?:plan|strategy|"
                                            r"policy|orders?|contract|warrant|trade|deal|will|project)s?\b", re.I)),
    (_P(r"explosions?"), _P(r"\b(?:population|price|data|baby)\s+$", re.I), None),  # "a population explosion"
    (_P(r"cease-?fire|truce"), None, _P(r"\s+(?:resolutions?|votes?|proposals?|plans?|talks|negotiations|calls?|demands?|bids?|"
                                         r"efforts?|initiatives?)\b", re.I)),  # "a ceasefire resolution": a text, not a truce
    (_P(r"agreement"), _P(r"\b(?:trade|free[- ]trade|arms|gas|oil|energy|business|commercial|investment|loan|climate|data)\s+$", re.I),
     None),  # "a free trade agreement"
]


def _other_sense(word: str, m: re.Match, sentence: str) -> bool:
    """'a charm offensive', 'stormed out', 'a heart attack', 'riot police', 'killed the bill': no violence."""
    return any(w.fullmatch(word) and (before is not None and before.search(sentence, max(0, m.start() - 30), m.start())
                                      or after is not None and after.match(sentence, m.end()))
               for w, before, after in _OTHER_SENSES)


# "comrades killed in the struggle against the militia", "men killed in the civil war": a whole war is no day or place of a deed
_WHOLE_WAR = _P(r"\s+in\s+(?:the|this|that|its|their)\s+(?:[\w-]+\s+){0,3}?(?:war|conflict|struggle|uprising|revolution|insurgency)"
                r"(?![\w-])(?!\s+(?:on|in|at|near|outside)\s)", re.I)
# "the massacre of the 21st century", "the crime of our age": a name for an era, not a deed of a day
_EPOCHAL = _P(r"\s+of\s+(?:(?:the|our|this)\s+(?:[\w-]+\s+)?(?:century|age|era|generation|times)|our\s+(?:[\w-]+\s+)?time)\b",
             re.I)
_DISPLACED_VERB = _P(r"\b(?:has|have|had|was|were|been|being|be|is|are)\s+(?:[\w-]+\s+){0,2}?$", re.I)
_DISPLACED_OBJECT = _P(r"\s+(?:more than |over |about |some |nearly |at least |an estimated |up to )?"
                       r"(?:\d|tens|hundreds|thousands|dozens|millions|[a-z]+ (?:thousand|hundred|million))", re.I)


@dataclass(frozen=True)
class TypeMatch:
    event_type: str
    sub_event_type: str
    start: int  # trigger span in the sentence
    end: int
    trigger: str
    strong: bool


def classify(sentence: str, actor_types: tuple[str, ...] = ()) -> TypeMatch | None:
    """The highest-precedence event a sentence reports, or None.

    `actor_types` (ACLED types of the actors named in the sentence) separates a battle from an
    attack on civilians and a government's gains from a non-state group's.
    """
    armed = sum(t in ARMED_TYPES for t in actor_types)
    civilians = "Civilians" in actor_types
    for strong, (pattern, groups) in ((True, _STRONG), (False, _WEAK)):
        found: list[tuple[int, int, str, re.Match]] = []
        for m in pattern.finditer(sentence):
            sub_type = _refine(groups[m.lastgroup], m, sentence, armed, civilians)
            if sub_type:
                found.append((m.start(), _RANK[sub_type], sub_type, m))
        if found:
            start, _, sub_type, m = min(_main_clause(sentence, found), key=lambda f: f[1])
            if sub_type == "Attack":
                start, _, sub_type, m = _tactic(sentence, m, found) or (start, _, sub_type, m)
            return TypeMatch(event_type_of(sub_type), sub_type, m.start(), m.end(), m[0], strong)
    return None


_REMOTE = {"Air/drone strike", "Suicide bomb", "Shelling/artillery/missile attack", "Remote explosive/landmine/IED",
           "Grenade", "Chemical weapon"}
_MEANS = re.compile(r"\b(?:when|as|after|in|by|during)\s+(?:[\w-]+\s+){0,3}$", re.I)
_CLAUSE_END = re.compile(r"[;.]|, (?:and|but|while)\b", re.I)


def same_means(match: TypeMatch | None, prior: TypeMatch | None) -> TypeMatch | None:
    """'Nine were killed in air strikes on Thursday, while on Saturday 12 were killed in Binnish': a clause that only
    says who was killed, after one that says how, keeps that means (`prior`: the clause before's match)."""
    if match is None or prior is None or match.sub_event_type != "Attack" or prior.sub_event_type not in _REMOTE:
        return match
    return TypeMatch(prior.event_type, prior.sub_event_type, match.start, match.end, match.trigger, match.strong)


def _tactic(sentence: str, kill: re.Match, found: list) -> tuple | None:
    """'two servicemen were killed when insurgents shelled the base': ACLED codes the tactic, not the death."""
    means = [f for f in found if f[2] in _REMOTE and 0 < f[0] - kill.end() <= 80
             and _MEANS.search(sentence, max(kill.end(), f[0] - 40), f[0]) and not _CLAUSE_END.search(sentence, kill.end(), f[0])]
    return min(means, key=lambda f: f[1]) if means else None


_CLAUSE_BREAK = re.compile(r";|, (?:as|while|which|where|when|after|before|but|and that)\b| (?:after|before|when|as|since|because)\b", re.I)


def _main_clause(sentence: str, found: list) -> list:
    """The triggers of the clause of the first trigger: precedence applies to one event's tactics."""
    found.sort(key=lambda f: f[0])
    first = found[0][3]
    out = []
    for f in found:
        if f[0] - first.end() > 60 or (f[0] > first.end() and _CLAUSE_BREAK.search(sentence, first.end(), f[0])):
            continue
        out.append(f)
    return out


def _refine(sub: str, m: re.Match, sentence: str, armed: int, civilians: bool) -> str | None:
    """Checks a trigger against its context; may move it to a neighbouring sub-event type."""
    word = m[0].lower()
    if _other_sense(word, m, sentence):
        return None
    if sub == "Government regains territory":
        if word.startswith(("captur", "seiz")) and (
            _PERSON_OBJECT.match(sentence, m.end()) or _PERSON_SUBJECT.search(sentence, 0, m.start())
        ):
            return None
        return sub  # the caller decides government vs non-state from the actors
    if sub == "Peaceful protest" and not _CROWD.search(sentence):
        return None  # "summoned the ambassadors to protest": a diplomatic protest, not a crowd
    if sub in _WEAPON_TYPES and _DISARMED.search(sentence, max(0, m.start() - 30), m.start()):
        return None  # "defused a bomb", "intercepted two missiles": the weapon was not used
    if sub in _WEAPON_TYPES and _THREATENED.search(sentence, max(0, m.start() - 40), m.start()):
        return None  # "threatening them with hand grenades"
    if _EPOCHAL.match(sentence, m.end()):
        return None  # "we are witnessing the massacre of the century": rhetoric
    if sub == "Attack" and word.startswith(("kill", "died")) and _WHOLE_WAR.match(sentence, m.end()):
        return None
    if sub == "Attack" and word == "died":
        dead = _MANY_DEAD.search(sentence, max(0, m.start() - 80), m.start())
        if dead is None or _KIN.search(sentence, max(0, dead.start() - 40), dead.start()):
            return None  # "her uncle died in Homs", "his two sons died": a family's loss; "40 villagers ... died" a toll
    if sub == "Attack":
        if civilians or armed < 2:
            return sub
        return "Armed clash"
    if sub == "Armed clash" and word.startswith("attack") and civilians and armed < 2:
        return "Attack"
    if sub == "Armed clash" and word.startswith(("fought", "repel", "repuls")) and _REMOTE_ATTACK_OBJECT.match(sentence, m.end()):
        return None  # the attack fought off is the event, coded by its weapon
    if sub == "Armed clash" and word.startswith("shot down") and _DRONE.match(sentence, m.end()):
        return "Disrupted weapons use"  # intercepting a drone or missile
    if sub == DISPLACEMENT_SUB and word == "had fled" and not (_HEADCOUNT.search(sentence) or NAMED_DAY.search(sentence)):
        return None
    if sub == DISPLACEMENT_SUB and word == "exodus" and not (
            _EXODUS_WHENCE.match(sentence, m.end()) or _EXODUS_PEOPLE.search(sentence)):
        return None  # "another official joined the White House exodus": people leaving a job
    if sub == DISPLACEMENT_SUB and word.startswith("displaced") and not (
            _DISPLACED_VERB.search(sentence, max(0, m.start() - 30), m.start()) or _DISPLACED_OBJECT.match(sentence, m.end())):
        return None  # "people displaced from other parts of Syria": who lives there, not a flight
    return sub


# --- fatalities -----------------------------------------------------------------------------------

_NUM_WORDS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
    "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16,
    "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50,
    "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90, "a dozen": 12,
    "a": 1, "an": 1,
}
_NUM = r"(?P<n>\d{1,3}(?:,\d{3})*|\d+|" + "|".join(sorted(_NUM_WORDS, key=len, reverse=True)) + r")"
_QUAL = r"(?:(?:at least|more than|over|nearly|almost|about|around|some|up to|as many as|an estimated)\s+)?"
_KILLED = r"(?:killed|dead|died|slain|shot dead|executed|massacred|murdered|lost their lives|perished)"
_FATALITY_PATTERNS = [
    _P(r"\b" + _QUAL + _NUM + r"(?:\s+[\w-]+){0,3}?\s+(?:were|was|have been|had been|are|being)?\s*(?:reported\s+)?" + _KILLED + r"\b", re.I),
    _P(r"\b(?:killing|killed|kills|left|leaving)\s+" + _QUAL + _NUM + r"(?:\s+(?:people|persons|civilians|soldiers|fighters|others|\w+))?(?:\s+dead)?\b", re.I),
    _P(r"\bdeath toll\s+(?:\w+\s+){0,3}?(?:to|of|at|reached)\s+" + _QUAL + _NUM + r"\b", re.I),
    _P(r"\b" + _QUAL + _NUM + r"\s+(?:deaths|fatalities|dead)\b", re.I),
]
_SINGULAR_KILLED = _P(r"\b(?:a|the|one|an)\s+(?:[\w-]+\s+){0,2}?(?:\w+)\s+(?:\w+\s+){0,6}?(?:was|has been|had been|is)\s+(?:shot\s+and\s+)?"
                      + _KILLED + r"\b", re.I)


_DEATH_WORD = _P(r"kill|dead|die|death|slain|execut|massacr|murder|perish|lost their lives", re.I)


def _number(text: str) -> int | None:
    text = text.lower()
    if text in _NUM_WORDS:
        return _NUM_WORDS[text]
    digits = text.replace(",", "")
    return int(digits) if digits.isdigit() else None


def fatalities(sentence: str) -> int:
    """The most conservative death count the sentence states, 0 when it states none."""
    if not _DEATH_WORD.search(sentence):
        return 0
    counts: list[int] = []
    for pattern in _FATALITY_PATTERNS:
        for m in pattern.finditer(sentence):
            n = _number(m["n"])
            if n is None or n > 100_000:
                continue
            if m["n"].lower() in ("a", "an") and not m[0].lower().startswith(("killing a", "killed a", "killing an", "killed an")):
                continue
            counts.append(n)
    if not counts and _SINGULAR_KILLED.search(sentence):
        counts.append(1)
    return min(counts) if counts else 0
