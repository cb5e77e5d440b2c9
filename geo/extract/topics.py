"""An event named as the topic of talk, thought or feeling is a reference to it, not a report of it.

"the opposition leader asked for a briefing on the Douma attack", "ministers talked about a reply to the gas
attack", "she likened the market bombing to coalition raids", "he was outraged by the shelling", "families were
relieved that the gunmen had been caught": the reader already knows these events, the
sentence tells a meeting, a complaint or a feeling about one. Drawn, they sit at the speaker's city on the
article's date. Such a reference tells nothing new when it is definite ("the", a possessive, a name) and
carries no date and no toll of its own (its place names it: "the Douma attack", "the attack in Douma"); one
that does ("a briefing on Saturday's strike that killed 40") is reported, and is kept (it then merges with the
telling of the same event, geo/extract/merge.py).

Words that attribute a deed (claim, blame, accuse, condemn, deny) are not among the topic words: wire
stories report incidents through claims of responsibility and condemnations (MUC-4's corpus does so
throughout), and a trigger under them is still the incident. geo/extract/factuality.py asks `referred` on the
parse of the trigger's sentence.
"""

from __future__ import annotations

import re

from geo.extract.date_forms import RULES
from geo.extract.event_types import fatalities

__all__ = ["CUES", "referred"]

# The event is the topic of these words (nouns, verbs, adjectives; matched on the word's lower-case form).
_TOPIC = re.compile(
    r"(?:briefings?|briefed|discuss(?:es|ed|ing|ions?)?|debat(?:es?|ed|ing)|talks|meetings?|conversations?|questions|"
    r"complain(?:s|ed|ing|ts?)?|respon(?:d|ds|ded|ding|ses?)|react(?:s|ed|ing|ions?)?|retaliat(?:e|es|ed|ing|ion)|"
    r"reprisals?|revenge|punishment|sanctions|compar(?:e|es|ed|ing|isons?)|remind(?:s|ed|ers?)?|remember(?:s|ed)?|"
    r"recall(?:s|ed)?|memor(?:y|ies)|anger(?:ed)?|angry|furious|fury|outrage[ds]?|shock(?:ed)?|horror|horrified|"
    r"appall?(?:ed|ing)|relie(?:f|ved)|grie(?:f|ved|ving)|sorrow|dismay(?:ed)?|sadden(?:ed)?|mourn(?:s|ed|ing)?|"
    r"furore|furor|uproar|outcry|investigat(?:e|es|ed|ing))",
    re.I)
# ... and, for a clause ("relief that the two had been captured"), the feelings a that-clause can follow
_FEELING = re.compile(r"(?:anger(?:ed)?|angry|furious|fury|outrage[ds]?|shock(?:ed)?|horror|horrified|appall?ed|relie(?:f|ved)|"
                      r"grie(?:f|ved)|sorrow|dismay(?:ed)?|sadden(?:ed)?|glad|pleased|delighted)", re.I)
# what something is compared to or with is a yardstick, known or not ("compared the bombing to air raids on Mosul")
_COMPARED = re.compile(r"compar(?:e|es|ed|ing|isons?)", re.I)
# A sentence without any of them is not parsed for this rule (geo/extract/factuality.py's needs_parse).
CUES = re.compile(r"\b" + _TOPIC.pattern + r"\b", re.I)
_DEFINITE = frozenset("the this that these those its their his her our".split())
_LINKS = frozenset(("pobj", "dobj", "prep", "agent", "compound", "nmod", "appos", "conj"))
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
    words = list(np.subtree)
    text = doc.text[words[0].idx:words[-1].idx + len(words[-1])]
    if fatalities(text):
        return True
    return any(pattern.search(text) for pattern, _, _ in RULES)


def referred(doc, tok) -> bool:
    """Whether the trigger (head token `tok` of the parse `doc`) names, with nothing new, an event that is only
    the topic of a word of talk, thought or feeling."""
    if tok.dep_ in ("acl", "ccomp") and tok.tag_.startswith("VB") and _FEELING.fullmatch(tok.head.lower_):
        return not _own_facts(doc, tok)  # "relief that the two had been captured"
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
        if head.tag_.startswith("VB"):
            return False  # a verb that is no topic word: the event is its object, told (or not) by it
        node = head
    return False
