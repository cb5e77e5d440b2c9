"""An event named as the topic of talk, thought or feeling is a reference to it, not a report of it.

"the opposition leader asked for a briefing on the Douma attack", "Ankara welcomed the truce", "ministers talked about
a reply to the gas attack", "she likened the market bombing to coalition raids", "he was outraged by the shelling",
"families were relieved that the gunmen had been caught": the reader already knows these events, the sentence tells a
meeting, a complaint or a feeling about one. Drawn, they sit at the speaker's city on the article's date. Such a
reference tells nothing new when it is definite ("the", a possessive, a name) and carries no date and no toll of its
own (its place names it: "the Douma attack", "the attack in Douma"); one that does ("a briefing on Saturday's strike
that killed 40") is reported, and is kept (it then merges with the telling of the same event, geo/extract/merge.py).

A vote or a resolution for a ceasefire is a diplomatic act, not the ceasefire taking effect ("the council voted
unanimously for a truce on Saturday"), definite or not. A feeling told in the present after a known event is the
speaker's mood now ("people feel safer since the truce"); one person's flight names the deed it followed as the reason
of a life story ("Omar, 31, fled to the border after the shelling"), as an editor would not date that deed to the
flight, and so does an undated loss of one's kin ("she lost her husband in an air strike"). A deed in a clause on a
referred noun ("compared X to airstrikes that killed dozens") is part of it.

Words that attribute a deed (claim, blame, accuse, condemn, deny) are not among the topic words: wire
stories report incidents through claims of responsibility and condemnations (MUC-4's corpus does so
throughout), and a trigger under them is still the incident (condemnations as topics were measured in December 2026:
2 core events of the held-out audit lost, MUC-4 TST2 place precision down). geo/extract/factuality.py asks `referred` on the
parse of the trigger's sentence.
"""

from __future__ import annotations

import re

from geo.extract.date_forms import RULES
from geo.extract.event_types import fatalities

__all__ = ["CUES", "referred", "phrase_text"]

# A vote for or on a deed: the vote is the act (a ceasefire voted for has not taken effect).
_VOTE = re.compile(r"vot(?:e|es|ed|ing)|veto(?:es|ed|ing)?|resolutions?|motions?", re.I)
_VOTE_PREPS = frozenset("for on against over".split())
# the preposition by which a mood told now follows a known event ("feel safer since the truce")
_MOOD_PREPS = frozenset("after since following".split())
_FEEL = re.compile(r"feel(?:s|ing)?", re.I)
# one person's flight: the verbs, and the singular nouns of a person a profile names
_FLEE = re.compile(r"fle(?:e|es|eing|d)|escap(?:e|es|ed|ing)", re.I)
# "lost her husband in an air strike": a family's loss, the kin words
_KIN = frozenset("husband wife son sons daughter daughters child children baby brother brothers sister sisters father "
                 "mother parents family relatives uncle aunt cousin cousins nephew niece grandson granddaughter".split())
_LOSE = frozenset("lost lose loses losing".split())
_PERSON = frozenset("man woman boy girl mother father son daughter wife husband widow doctor nurse teacher student "
                    "farmer resident shopkeeper driver activist grandmother grandfather brother sister".split())

# The event is the topic of these words (nouns, verbs, adjectives; matched on the word's lower-case form).
_TOPIC = re.compile(
    r"(?:briefings?|briefed|discuss(?:es|ed|ing|ions?)?|debat(?:es?|ed|ing)|talks|meetings?|conversations?|questions|"
    r"complain(?:s|ed|ing|ts?)?|respon(?:d|ds|ded|ding|ses?)|react(?:s|ed|ing|ions?)?|retaliat(?:e|es|ed|ing|ion)|"
    r"reprisals?|revenge|punishment|sanctions|compar(?:e|es|ed|ing|isons?)|remind(?:s|ed|ers?)?|remember(?:s|ed)?|"
    r"recall(?:s|ed)?|memor(?:y|ies)|anger(?:ed)?|angry|furious|fury|outrage[ds]?|shock(?:ed)?|horror|horrified|"
    r"appall?(?:ed|ing)|relie(?:f|ved)|grie(?:f|ved|ving)|sorrow|dismay(?:ed)?|sadden(?:ed)?|mourn(?:s|ed|ing)?|"
    r"furore|furor|uproar|outcry|investigat(?:e|es|ed|ing)|welcom(?:e|es|ed|ing))",
    re.I)
# ... and, for a clause ("relief that the two had been captured"), the feelings a that-clause can follow
_FEELING = re.compile(r"(?:anger(?:ed)?|angry|furious|fury|outrage[ds]?|shock(?:ed)?|horror|horrified|appall?ed|relie(?:f|ved)|"
                      r"grie(?:f|ved)|sorrow|dismay(?:ed)?|sadden(?:ed)?|glad|pleased|delighted)", re.I)
# what something is compared to or with is a yardstick, known or not ("compared the bombing to air raids on Mosul")
_COMPARED = re.compile(r"compar(?:e|es|ed|ing|isons?)", re.I)
# A sentence without any of them (or a vote, one person's flight, a loss of one's kin) is not parsed for this rule (geo/extract/factuality.py's needs_parse).
CUES = re.compile(r"\b(?:" + _TOPIC.pattern + "|" + _VOTE.pattern + r"|lost (?:his|her|my|their|our))\b|"
                  r"(?:\b(?:I|he|she)|, \d{1,2},)[^.;]{0,40}\b(?:fle(?:e|d|eing)|escaped)\b", re.I)
_DEFINITE = frozenset("the this that these those its their his her our".split())
_LINKS = frozenset(("pobj", "dobj", "prep", "agent", "compound", "nmod", "appos", "conj", "relcl"))
# how a topic word takes its topic: "a briefing on", "angered by", "compared with"; not "shocked after the blast"
_TOPIC_PREPS = frozenset("on about over of to for at by with into regarding concerning".split())
CLIMB = 8


def _definite(np) -> bool:
    """'the Douma attack', 'the regime's use of chemical weapons', 'Saturday's strike': a known event."""
    kids = list(np.children)
    return any(k.dep_ == "poss" or (k.dep_ == "det" and k.lower_ in _DEFINITE) for k in kids) or np.tag_ in ("NNP", "NNPS")


def _own_facts(doc, np) -> bool:
    """A date or a toll inside the reference's own phrase ('Saturday's attack', 'the strike that killed 40'). A place
    is not one: 'the Douma attack' and 'the attack in Douma' both name the event (and a place in the phrase was
    measured to keep references whose parse hangs a later clause on them: 'angered by the bomb attack that he decided
    to join fighters in Syria')."""
    return _facts(phrase_text(doc, np))


def phrase_text(doc, tok) -> str:
    """The words of a token's phrase, as written."""
    words = list(tok.subtree)
    return doc.text[words[0].idx:words[-1].idx + len(words[-1])]


def _facts(text: str) -> bool:
    """A toll or a date of its own."""
    return bool(fatalities(text)) or any(pattern.search(text) for pattern, _, _ in RULES)


def referred(doc, tok) -> bool:
    """Whether the trigger (head token `tok` of the parse `doc`) names, with nothing new, an event that is only
    the topic of a word of talk, thought or feeling."""
    if tok.dep_ in ("acl", "ccomp") and tok.tag_.startswith("VB") and _FEELING.fullmatch(tok.head.lower_):
        return not _own_facts(doc, tok)  # "relief that the two had been captured"
    if _reason_of_one_flight(doc, tok) or _loss_of_kin(doc, tok):
        return True
    node, np = tok, tok
    for _ in range(CLIMB):
        if node.dep_ not in _LINKS or node.head.i == node.i:
            return False
        head = node.head
        if node.tag_.startswith("NN"):
            np = node  # the top noun of the reference so far
        if _TOPIC.fullmatch(head.lower_) and head.tag_ != "IN":
            if node.dep_ in ("prep", "agent") and node.lower_ not in _TOPIC_PREPS:
                return False
            if _COMPARED.fullmatch(head.lower_) and node.lower_ in ("to", "with"):
                return True  # "compared X to air raids on Mosul": a yardstick, known or not
            return _definite(np) and not _own_facts(doc, np)
        if _VOTE.fullmatch(head.lower_) and (node.dep_ == "prep" and node.lower_ in _VOTE_PREPS or node.dep_ == "compound"):
            return True  # "voted unanimously for a ceasefire", "a ceasefire resolution": a vote, whatever its date
        if head.dep_ == "acl" and _VOTE.fullmatch(head.head.lower_):
            return True  # "a resolution calling for a 30-day truce"
        if node.dep_ == "prep" and node.lower_ in _MOOD_PREPS and _mood_now(head):
            return _definite(np) and not _own_facts(doc, np)  # "people are feeling relieved after the truce"
        if head.tag_.startswith("VB"):
            return False  # a verb that is no topic word: the event is its object, told (or not) by it
        node = head
    return False


def _mood_now(verb) -> bool:
    """'are feeling relieved', 'feel safer', 'is glad': a feeling told in the present tense (not 'were in shock after
    the explosion', a reaction the reader may only learn the deed from)."""
    if verb.dep_ == "acomp":
        verb = verb.head  # "feel safer since the truce": the preposition hangs on the adjective
    if not (verb.tag_ in ("VBZ", "VBP") or (verb.tag_ == "VBG" and any(
            k.dep_ == "aux" and k.lower_ in ("is", "are", "am", "'s", "'re", "'m") for k in verb.children))):
        return False
    if _FEELING.fullmatch(verb.lower_):
        return True
    return _FEEL.fullmatch(verb.lower_) is not None or any(
        k.dep_ == "acomp" and _FEELING.fullmatch(k.lower_) for k in verb.children)


def _one_person(subject) -> bool:
    """'she', 'Omar Haddad, 31,' (a name with an age), 'a teacher': one person, not a crowd."""
    if subject.lower_ in ("i", "he", "she"):
        return True
    if subject.tag_ == "NNP":
        return any(k.dep_ == "appos" and k.tag_ == "CD" for k in subject.children)
    return subject.tag_ == "NN" and subject.lower_ in _PERSON


def _reason_of_one_flight(doc, tok) -> bool:
    """The trigger hangs (by a preposition or a participle such as 'following') on a clause whose deed is one
    person's flight, and names a known deed with nothing of its own: the reason of that person's story."""
    if not tok.tag_.startswith("NN"):
        return False  # only a noun names a known deed
    node = tok
    for _ in range(CLIMB):
        head = node.head
        if head.i == node.i or node.dep_ in ("ccomp", "nsubj", "nsubjpass"):
            return False
        flight = head if _FLEE.fullmatch(head.lower_) else next(
            (k for k in head.children if k.dep_ == "xcomp" and _FLEE.fullmatch(k.lower_)), None)
        if flight is not None and node is not flight and node.dep_ in ("prep", "advcl"):
            subject = next((k for k in head.children if k.dep_ == "nsubj"), None)
            return subject is not None and _one_person(subject) and _definite(tok) and not _own_facts(doc, tok)
        node = head
    return False


def _loss_of_kin(doc, tok) -> bool:
    """'Umm Ali lost her husband and two sons in an air strike': the trigger hangs on 'lost' whose object is someone's
    kin, and the sentence names no date or toll of its own: a family's loss told in a profile."""
    node = tok
    for _ in range(CLIMB):
        head = node.head
        if head.i == node.i or node.dep_ not in _LINKS:
            return False
        if head.lower_ in _LOSE and node.dep_ == "prep":
            kin = [k for k in head.children if k.dep_ == "dobj" and k.lower_ in _KIN
                   and any(p.dep_ == "poss" for p in k.children)]
            return bool(kin) and not _facts(doc.text)
        node = head
    return False
