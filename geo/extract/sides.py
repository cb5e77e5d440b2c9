"""Who acted and who was acted upon: the two sides of an event, from the actors around its trigger.

ACLED codes the side that acts as actor1 and the side acted upon as actor2, with allies as associated
actors; a source quoted about the event is neither. Civilians never act in a battle or an attack.
"""

from __future__ import annotations

import re

from geo.extract.actors import CLAIMED_DEED, SELF_REPORT, ActorDictionary, ActorMention
from geo.extract.event_types import ARMED_TYPES, TypeMatch
from geo.extract.places import PlaceHit, is_country
from geo.extract.roles import parsed_sides
from geo.taxonomy import DISPLACEMENT

__all__ = ["event_sides", "state_forces", "ARMED_EVENTS"]

# Whoever speaks before the trigger reports the event ("The U.N. says 270,000 have been displaced"),
# unless it tells its own deed ("the YPG said it had repelled attacks").
_REPORTED = re.compile(r"\b(?:said|says|say|told \w+(?: \w+){0,3}?|reported|confirmed|claimed(?! " + CLAIMED_DEED + ")|added|stated|announced|"
                       r"estimates?|believes?)\b(?!(?: [\w-]+){0,8}? " + SELF_REPORT + ")"
                       r"|\baccording to [^,]+,", re.I)
_PASSIVE_BY = re.compile(r"[\"'”’]?(?:\s+[\w-]+){0,3}?\s+by\b", re.I)
_PASSIVE_BEFORE = re.compile(r"\b(?:was|were|been|being|is|are)\s+(?:[\w-]+\s+){0,2}$", re.I)
_ASSOCIATE = re.compile(r"\b(?:backed by|supported by|along with|together with|alongside|with the (?:help|support|backing) of|"
                        r"aided by|assisted by|allied with|joined by)\s+(?:the\s+)?$", re.I)
_YIELDED = re.compile(r"(?:fell|falls?|fallen|surrender(?:ed|s)?)\s+to\b", re.I)
_CLAUSE_BREAK = re.compile(r"\s[\u2013\u2014-]\s|;|,\s+(?:and|but|while)\b")
_BETWEEN = re.compile(r"\bbetween\b", re.I)
_ACCUSES = re.compile(r"\b(?:accus(?:ed|es|ing)|blam(?:ed|es|ing))\s+([^,;.]{2,60}?)\s+(?:of|for)\s+(?:[\w'’-]+\s+){0,4}$", re.I)
_AND = re.compile(r"\s*(?:,\s*)?and\s+", re.I)
_AND_WORD = re.compile(r"\s+[^,;.]*?\band\s+(?:the\s+)?(?:[\w-]+\s+){0,2}", re.I)  # "between X and (the) ..."
_SIDE_SPLIT = re.compile(r"\b(?:with|against|and)\b", re.I)
_RETAKE = re.compile(r"^re|regain|liberat|took back|taken back|gains", re.I)


def event_sides(text: str, offset: int, match: TypeMatch, actors: list[ActorMention], hits: list[PlaceHit],
                dictionary: ActorDictionary, crowd_country: str, where: str,
                story: list[ActorMention] = ()) -> tuple[tuple[list[str], list[str]], str]:
    """The sides (actor names, principal first) of the event a trigger names in a sentence, and its sub-type
    (who took ground, who attacked whom decides it).

    `offset`: the sentence's start in the article (the actors' offsets); `crowd_country`: the ISO code whose
    protesters a protest without named ones has; `where`: the country the event is placed in; `story`: the
    actors of the whole article (an air strike that names no one is by the air force the story named last).
    """
    trigger = (match.start, match.end)
    states = _states(dictionary, hits, actors)
    sides = _sides(text, offset, trigger, actors, match.event_type, states)
    if not sides[0] and match.event_type in ARMED_EVENTS:
        sides = _deed_agent(text, offset, actors, sides)
    if not sides[0] and match.event_type in _STATE_DEEDS:
        sides = (_state_subject(states, text, offset, trigger), sides[1])
    if not sides[0] and match.sub_event_type == AIR_STRIKE:
        flier = _story_air_force(story, offset)
        sides = ([flier], [n for n in sides[1] if n != flier])
    if match.event_type in _CROWD_TYPES:
        sides = _crowd_sides(sides, actors, match.event_type, dictionary.country_name(crowd_country))
    if match.event_type == DISPLACEMENT:
        sides = _displaced_sides(sides, actors)
    if match.event_type == "Battles":
        sides = _repelled(text, offset, actors, sides)
    if match.event_type in ARMED_EVENTS:
        first = _unique(state_forces(n) for n in sides[0])
        sides = (first, [n for n in _unique(state_forces(n) for n in sides[1]) if n not in first])
    sub_type = _territory(match, sides, actors, where)
    if sub_type == "Attack" and _armed_victims(sides[1], actors):
        sub_type = "Armed clash"  # ACLED: violence against civilians needs civilian victims
    return sides, sub_type


def _sides(text: str, offset: int, trigger: tuple[int, int], actors: list[ActorMention],
           event_type: str = "", states: list[ActorMention] = ()) -> tuple[list[str], list[str]]:
    """Actor names on the side that acts (1) and the side acted upon (2), principal first.

    The parse decides when an actor fills a slot of the trigger (subject, by-agent, object, target,
    the owner of an attack noun); else word order around the trigger. The owner named in the trigger
    itself ("Turkish air raids") is the side that acts. `states`: countries and capitals named in the
    sentence, as their militaries, which count only as the subject of the deed ("Ankara launched").
    """
    t0, t1 = trigger
    cut = 0
    for m in _REPORTED.finditer(text):  # the whole text: "said its jets had struck" looks past the trigger's start
        if m.end() > t0:
            break
        cut = m.end()
    acts = [m for m in actors if not m.is_source and not m.speaker and m.start - offset >= cut and not _judges(text, offset, m, t0)]
    accused = _ACCUSES.search(text, max(0, t0 - 120), t0)
    if accused:  # "the militia accused Turkey of firing rockets": the accused is said to have done it, not the accuser
        named = [m for m in acts + list(states) if accused.start(1) <= m.start - offset < accused.end(1)]
        if named:
            return _unique([m.name for m in named]), _unique([m.name for m in acts if m.start - offset >= t1])
    parsed = parsed_sides(text, offset, trigger, acts, list(states)) if acts or states else None
    if not acts and parsed is None:
        return [], []
    side1, side2 = _word_order(text, offset, trigger, acts)
    if parsed is not None:  # the parse decides; word order only fills a side it leaves empty, with actors it did not place
        principals, backers, acted_upon = parsed
        placed = principals + backers + acted_upon
        side1 = (principals or [m for m in side1 if m not in placed]) + backers
        side2 = acted_upon or [m for m in side2 if m not in placed and m not in side1]
    # ACLED: civilians are never the side that acts; they are the victims or the displaced, and
    # no side of a battle (fought between armed, organised groups).
    victims = [m for m in side1 if m.actor_type == "Civilians"]
    side1 = [m for m in side1 if m not in victims]
    if event_type == "Battles":
        victims, side2 = [], [m for m in side2 if m.actor_type != "Civilians"]
    names1 = _unique([m.name for m in side1] + [m.backer for m in side1 if m.backer])
    names2 = [n for n in _unique([m.name for m in victims + side2] + [m.backer for m in side2 if m.backer]) if n not in names1]
    return names1, names2


# "the UN condemned the air strikes", "investigators documented the attack": who judges a deed did not do it
_JUDGING = re.compile(r"(?:\s+(?!said\b|says\b|who\b|which\b|that\b)[\w-]+){0,6}?\s+(?:strongly\s+)?(?:condemn(?:ed|s|ing)?|denounc(?:ed|es|ing)|"
                      r"deplor(?:ed|es|ing)|critici[sz](?:ed|es|ing)|decr(?:ied|ies|ying)|investigat(?:ed|es|ing)|documented|"
                      r"mourn(?:ed|s|ing)|welcom(?:ed|es|ing)|prais(?:ed|es|ing)|hail(?:ed|s|ing))\b", re.I)


def _judges(text: str, offset: int, m: ActorMention, t0: int) -> bool:
    """Whether the actor is the subject of a verb that judges the deed after it ('the UN condemned the strikes')."""
    judging = _JUDGING.match(text, m.end - offset)
    return bool(judging and judging.end() <= t0)


def _word_order(text: str, offset: int, trigger: tuple[int, int], acts: list[ActorMention]):
    """Sides by where actors stand around the trigger: before it acts, after it is acted upon, but for the passive."""
    t0, t1 = trigger
    between = _BETWEEN.search(text, t0, t1 + 40)  # "fighting raged between A and B"
    if between:
        side1, side2 = _between(text, offset, between.end(), acts)
    else:
        before = [m for m in acts if m.end - offset <= t0]
        after = [m for m in acts if m.start - offset >= t1]
        owner = [m for m in acts if m.start - offset < t1 and m.end - offset > t0]
        associates = [m for m in after + owner if _ASSOCIATE.search(text, max(0, m.start - offset - 30), m.start - offset)]
        after = [m for m in after if m not in associates]
        owner = [m for m in owner if m not in associates]
        first = text[t0:t1].split()[0].lower() if text[t0:t1].split() else ""
        be = _PASSIVE_BEFORE.search(text, max(0, t0 - 40), t0)
        # not "are firing artillery", nor "have been on the offensive" (who attacks)
        passive = be and not first.endswith("ing") and not re.search(r"ing\s|\bon\s+the\s+$", be.group(0))
        joined = [m for m in before if _AND.fullmatch(text, m.end - offset, owner[0].start - offset)] if owner else []
        if owner:  # "Syrian and Russian air strikes": both own the strikes
            side1, side2 = joined + owner + associates, [m for m in before if m not in joined] + after
        elif _YIELDED.match(text, t0) and _YIELDED.match(text, t0).end() <= max(t1, t0 + 1) + 4:
            side1, side2 = after + associates, before  # "the town fell to the rebels": who took it acts
        elif _PASSIVE_BY.match(text, t1) or passive:  # the agent is in the trigger's clause, not after a break
            brk = _CLAUSE_BREAK.search(text, t1)
            agents = [m for m in after if brk is None or m.start - offset < brk.start()]
            side1, side2 = agents + associates, before
        elif not before and after:
            subjects = _clause_subjects(text, offset, after, t1)
            side1, side2 = subjects + associates, [m for m in after if m not in subjects]
        else:
            side1, side2 = before + associates, after
    return side1, side2


# "a gas attack by government forces", "shelled by Turkish artillery": the agent of a deed acts
# "Assad's government was responsible", "the regime was behind the attack", "blamed on the regime": who is said to have acted
_BEHIND = re.compile(r"\s+(?:was|were|is|are|had been)\s+(?:(?!not\b|never\b)\w+\s+){0,2}?(?:responsible|behind)\b", re.I)
_BLAMED = re.compile(r"\b(?:blamed\s+on|attributed\s+to|carried\s+out\s+by)\s+(?:the\s+)?$", re.I)
_DEED_BY = re.compile(r"\b(?:attacks?|strikes?|airstrikes?|raids?|bombings?|shelling|bombardment|assault|offensive|fire|"
                      r"killed|shelled|bombed|attacked|struck|targeted|hit)\s+by\s+(?:the\s+)?$", re.I)


def _deed_agent(text: str, offset: int, actors: list[ActorMention], sides: tuple[list[str], list[str]]):
    """A side read as acted upon that is the by-agent of a deed in the sentence, or is said to be behind it, acts (the
    trigger was elsewhere: 'experts went to investigate a gas attack by government forces on Douma', 'samples from
    the victims of Saturday's attack showed that Assad's government was responsible')."""
    for m in actors:
        if m.is_source or (sides[1] and m.name not in sides[1]):
            continue
        if _DEED_BY.search(text, max(0, m.start - offset - 30), m.start - offset) or _BEHIND.match(text, m.end - offset) \
                or _BLAMED.search(text, max(0, m.start - offset - 20), m.start - offset):
            return [m.name], [n for n in sides[1] if n != m.name]
    return sides


# "the SDF repelled an Isis attack", "troops beat back an assault by the rebels": the attack's side began the battle
_REPEL = re.compile(r"\b(?:repel(?:led|ling|s)?|repuls(?:ed|es|ing)|fought off|fend(?:ed|s|ing)? off|beat back|beaten back)\b"
                    r"(?:\s+[\w-]+){0,3}?\s+(?:assault|attack|offensive|advance|incursion|raid|push)s?\b", re.I)


def _repelled(text: str, offset: int, actors: list[ActorMention], sides: tuple[list[str], list[str]]):
    """ACLED's actor1 of a battle is the side that attacked: who repelled the attack (the actor just before the
    verb) is actor2."""
    repel = _REPEL.search(text)
    if repel is None:
        return sides
    before = [m for m in actors if not m.is_source and 0 <= repel.start() - (m.end - offset) <= 40]
    if not before or before[-1].name not in sides[0]:
        return sides
    held = before[-1].name
    armed = {m.name for m in actors if m.actor_type in ARMED_TYPES}
    attackers = [n for n in sides[0] if n != held] or [n for n in sides[1] if n in armed]
    if not attackers:
        return sides
    return attackers, [held] + [n for n in sides[0] + sides[1] if n != held and n not in attackers]


_STATE_DEEDS = {"Battles", "Explosions/Remote violence"}
ARMED_EVENTS = _STATE_DEEDS | {"Violence against civilians"}


def state_forces(name: str) -> str:
    """ACLED codes a state's side in armed violence as its military: 'at the hands of Assad', 'the government's
    bombardment' are the Military Forces of Syria (the Government is the actor of agreements and decisions)."""
    return "Military Forces of " + name.removeprefix("Government of ") if name.startswith("Government of ") else name
AIR_STRIKE = "Air/drone strike"
UNKNOWN_FLIER = "Unidentified (air strike)"  # the coding guide's name for an air strike whose attacker nobody names
_AIR = re.compile(r"\b(?:jets?|warplanes?|aircraft|air ?force|air ?strikes?|airstrikes?|air raids?|air power|planes?|"
                  r"helicopters?|drones?|bombers?|bombing)\b|coalition\b", re.I)


def _story_air_force(story: list[ActorMention], offset: int) -> str:
    """'Airstrikes killed 12 in Raqqa': the air force the story named last before the sentence ('coalition
    warplanes', 'Russian jets'); a story that names none has an unidentified attacker."""
    fliers = [m for m in story if m.end <= offset and m.actor_type in ARMED_TYPES and not m.speaker and _AIR.search(m.text)]
    return fliers[-1].name if fliers else UNKNOWN_FLIER


# "Turkey launched", "Ankara said it had begun", "Russia bombed", "Ankara launched air strikes": a state or its capital
# as the subject of a deed
_SUBJECT_GAP = re.compile(r"(?:\s+(?:has|had|have|also|then|later|again|on \w+|(?:said|says|announced) (?:that )?it(?:s forces)? "
                          r"(?:had|has|have)?|(?:launched|began|begun|started|carried out|conducted|stepped up|opened)"
                          r"(?: (?:an?|its|the|new|fresh|more|further))?))*\s*", re.I)


def _state_subject(states: list[ActorMention], text: str, offset: int, trigger: tuple[int, int]) -> list[str]:
    """The armed forces of a country (or of the country whose capital is named) that is the subject of the trigger."""
    for m in states:
        if m.end - offset <= trigger[0] and _SUBJECT_GAP.fullmatch(text, m.end - offset, trigger[0]):
            return [m.name]
    return []


_CLAUSE_OPEN = re.compile(r"\b(?:where|as|while|when|after|and)\s+(?:the\s+)?$", re.I)
_CONJOINED = re.compile(r"\s*,?\s*(?:and\s+)?(?:the\s+)?(?:\w+-[\w-]+\s+)?", re.I)  # "and Turkey-backed"


# "After a week of fighting, the army took Morek": the trigger in a phrase that opens the sentence
# (a span of time spent fighting: not "After a bomb killed 20, the army sealed off the town")
_FRONTED = re.compile(r"^\W*(?:after|following)\s+(?:(?:a|an|one|two|three|four|five|six|seven|eight|nine|ten|several|many|"
                      r"\d+)\s+)?(?:[\w-]+\s+)?(?:hours?|days?|nights?|weeks?|months?|years?)\s+of\b[^,;:]*$", re.I)
_COMMA_SUBJECT = re.compile(r",\s+(?:the\s+)?$")


def _clause_subjects(text: str, offset: int, after: list[ActorMention], t1: int) -> list[ActorMention]:
    """'fighting continued around Rajo, where Turkish tanks and FSA units were trying to advance': with no
    actor before the trigger, the actors that open a later clause are its subject, the side that acts; so are
    those that open the main clause after a fronted phrase holding the trigger ('After days of clashes, the SDF')."""
    first = after[0]
    start = first.start - offset
    comma = _COMMA_SUBJECT.search(text, max(0, start - 8), start)
    fronted = comma and t1 <= comma.start() and _FRONTED.match(text, 0, comma.start())
    if not fronted and not _CLAUSE_OPEN.search(text, max(0, start - 20), start):
        return []
    group = [first]
    for m in after[1:]:
        if not _CONJOINED.fullmatch(text, group[-1].end - offset, m.start - offset):
            break
        group.append(m)
    return group


def _armed_victims(names2: list[str], actors: list[ActorMention]) -> bool:
    kinds = {m.name: m.actor_type for m in actors}
    return bool(names2) and all(kinds.get(n) in ARMED_TYPES for n in names2)


_CROWD_TYPES = {"Protests": "Protesters", "Riots": "Rioters"}


def _crowd_sides(sides: tuple[list[str], list[str]], actors: list[ActorMention], event_type: str,
                 country_name: str) -> tuple[list[str], list[str]]:
    """ACLED: protesters (rioters) are actor1 of their protest; the police that intervene are actor2."""
    crowd = _CROWD_TYPES[event_type]
    kinds = {m.name: m.actor_type for m in actors}
    side1 = [n for n in sides[0] if kinds.get(n) == crowd]
    if not side1:
        side1 = [f"{crowd} ({country_name})" if country_name else crowd]
    side2 = [n for n in sides[0] + sides[1] if kinds.get(n) == "State forces" and n not in side1]
    return side1, side2


def _displaced_sides(sides: tuple[list[str], list[str]], actors: list[ActorMention]) -> tuple[list[str], list[str]]:
    """Displacement has no acting side: who or what people fled ("because of the government onslaught",
    "fled the government offensive") is its cause, which ACLED keeps in the notes, not an actor. The
    displaced civilians, when named, are actor2."""
    kinds = {m.name: m.actor_type for m in actors}
    return [], [n for n in sides[0] + sides[1] if kinds.get(n) == "Civilians"]


def _between(text: str, offset: int, pos: int, acts: list[ActorMention]) -> tuple[list[ActorMention], list[ActorMention]]:
    """'between A and B' or 'between A and B with C': with/against splits the sides, else the first 'and'."""
    group = [m for m in acts if m.start - offset >= pos]
    others = [m for m in acts if m.start - offset < pos]
    if len(group) == 1 and _AND_WORD.fullmatch(text, pos, group[0].start - offset):
        return others, group  # "between unnamed gunmen and the army": the one named is the second side
    if len(group) < 2:
        return others + group, []
    gaps = [text[group[i].end - offset:group[i + 1].start - offset] for i in range(len(group) - 1)]
    split = next((i for i, g in enumerate(gaps) if re.search(r"\b(?:with|against)\b", g, re.I)), None)
    if split is None:
        split = next((i for i, g in enumerate(gaps) if _SIDE_SPLIT.search(g)), 0)
    return others + group[:split + 1], group[split + 1:]


def _unique(names) -> list[str]:
    out: list[str] = []
    for n in names:
        if n not in out:
            out.append(n)
    return out


def _territory(match: TypeMatch, sides, actors: list[ActorMention], where: str) -> str:
    """ACLED: a government (or its allies) regains territory; anyone else overtakes it."""
    if match.sub_event_type != "Government regains territory":
        return match.sub_event_type
    first = next((m for m in actors if sides[0] and m.name == sides[0][0]), None)
    if first is None:
        return match.sub_event_type if _RETAKE.search(match.trigger) else "Non-state actor overtakes territory"
    government = first.actor_type == "State forces" or first.name.startswith("Pro-Government Militia")  # or its affiliates
    if government and (not where or not first.country or first.country == where):
        return match.sub_event_type
    return "Non-state actor overtakes territory"


def _states(dictionary: ActorDictionary, hits: list[PlaceHit], actors: list[ActorMention]) -> list[ActorMention]:
    """Countries and capitals named in a sentence (and not inside an actor's name), as their armed forces."""
    out = []
    for h in hits:
        place = h.place
        if place is None or not (is_country(place) or place.feature_code == "PPLC"):
            continue
        name = dictionary.country_name(place.country_code)
        if name and not any(m.start < h.end and m.end > h.start for m in actors):
            out.append(ActorMention(h.text, h.start, h.end, f"Military Forces of {name}", "State forces", place.country_code))
    return out
