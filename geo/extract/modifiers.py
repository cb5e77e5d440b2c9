"""Triggers that describe a thing or an actor inside another clause rather than tell a deed of their own.

"Hezbollah, which is fighting alongside the army, ...", "the SDF, fighting to defeat Isis, said ...", "a torture and
murder cell", "attack helicopters": the parse shows the trigger hangs on a noun it describes. geo/extract/factuality.py
asks these on the parse of the trigger's sentence (spaCy tags and dependencies).
"""

from __future__ import annotations

from geo.extract.event_types import classify

__all__ = ["describes", "kind_of_thing"]

_WH = frozenset(("WDT", "WP", "WP$"))  # which, who, whose (and "where"; not "when", a time)


def describes(verb, auxes: list) -> bool:
    """A progressive that describes a noun inside another clause, not an event of its own: in a relative clause
    ("the militia, which is fighting alongside the army", "whose units have been fighting Isis"), or a bare participle
    set off between a subject and its verb ("the SDF, fighting to defeat Isis, said")."""
    if auxes:  # "is fighting", "have been fighting": a present progressive in a relative clause
        present = any(k.lower_ in ("is", "are", "'s", "'re", "has", "have", "'ve") for k in auxes)
        wh = any(t.tag_ in _WH or t.lower_ == "where" or (t.lower_ == "that" and t.dep_ in ("nsubj", "dobj")) for k in verb.children
                 for t in (k, *k.children) if t.i < verb.i)
        return present and (verb.dep_ == "relcl" or wh)
    head = verb.head
    subject = next((k for k in head.children if k.dep_ in ("nsubj", "nsubjpass")), None)
    return (verb.dep_ == "advcl" and subject is not None and subject.i < verb.i < head.i
            and verb.i > 0 and verb.doc[verb.i - 1].text == ",")


# Heads a trigger noun may name the kind of ("a bombing raid", "mortar fire") that the trigger table does not read alone.
_EVENT_HEADS = frozenset("raid raids strike strikes operation operations campaign campaigns fire incident incidents "
                         "run runs mission missions sortie sorties wave waves spree barrage salvo volley rounds battle "
                         "battles killings gunfire shootout uprising protest protests march".split())


def kind_of_thing(tok) -> bool:
    """A trigger noun that modifies a noun which names no deed: 'a torture and murder cell', 'beheading videos',
    'attack helicopters', 'a bomb factory' name things, not events ('a car bomb attack' is one)."""
    while tok.dep_ == "conj" and tok.head.i != tok.i:
        tok = tok.head
    head = tok.head
    return (tok.dep_ in ("compound", "nmod") and tok.tag_.startswith("NN") and head.tag_ in ("NN", "NNS")
            and head.lower_ not in _EVENT_HEADS and classify(head.text) is None)
