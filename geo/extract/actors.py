"""Actors named in news text, mapped to neutral canonical names by a project dictionary.

`geo/data/actors.csv` lists the ways of writing each actor ("YPG terrorists", "regime forces")
with a neutral ACLED-style name and type, so a loaded word in the source never reaches the
data. Monitors and agencies quoted as sources (Syrian Observatory, TASS) are in the dictionary
too, marked "Source", so they are recognised and kept out of the actor fields.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass, field, replace
from functools import lru_cache
from pathlib import Path

import ahocorasick

from geo.extract.states import SHORT_KEYS, SHORT_NAMES, acts_as_state
from geo.settings import PACKAGE_DATA

__all__ = ["ActorMention", "ActorDictionary", "find_actors", "ACTOR_TYPES", "SOURCE", "ACTORS_CSV", "JIHADIST_GROUPS"]

ACTORS_CSV = PACKAGE_DATA / "actors.csv"
ACTOR_TYPES = (
    "State forces",
    "Rebel group",
    "Political militia",
    "Identity militia",
    "Rioters",
    "Protesters",
    "Civilians",
    "External/Other forces",
)
SOURCE = "Source"
DEMONYM = "Demonym"

# "<Russian> <noun>" and "<Russia>'s <noun>": what a country's adjective turns a noun into.
_COMPOSED = {
    "Military Forces of {name}": (
        "troops", "forces", "army", "military", "soldiers", "soldier", "warplane", "warplanes", "jets",
        "fighter jets", "air force", "aircraft", "air power", "pilot", "pilots", "helicopters", "navy",
        "special forces", "defense ministry", "defence ministry", "ministry of defense", "general staff",
        "government forces", "government troops", "regime forces", "armed forces", "military police",
        "artillery", "tanks", "army units", "military patrol", "security forces", "warships", "marines",
        "air raids", "air raid", "air strikes", "air strike", "airstrikes", "airstrike", "shelling", "bombardment",
        "government air raids", "government air strikes", "government airstrikes", "government warplanes",
        "government shelling", "government bombardment", "government artillery", "government helicopters",
        "government jets", "government aircraft",
        "assault", "offensive", "ground offensive", "incursion", "military operation", "military campaign",
        "air campaign", "drone strike", "drone strikes", "drones", "strikes", "mortars", "shells",
        "missile", "missiles", "missile strike", "missile strikes", "rockets", "rocket fire",
        "planes", "fighter planes", "bombers", "gunships",
        # a second noun before the head: "Turkish attack helicopters", "Russian ground troops"
        "attack helicopters", "helicopter gunships", "combat helicopters", "military helicopters", "fighter aircraft",
        "military aircraft", "war planes", "ground forces", "ground troops", "commandos", "paratroopers",
        # "Turkish and allied forces": the state's forces lead; allies unnamed are no actor of their own
        "and allied forces", "and allied troops", "and allied fighters",
        # "US-led airstrikes", "a Turkish-led offensive": who leads the deed does it
        "led airstrikes", "led air strikes", "led strikes", "led air raids", "led raids", "led bombing",
        "led bombardment", "led offensive", "led assault", "led military operation", "led incursion",
    ),
    "Police Forces of {name}": ("police", "policemen", "police officers", "riot police"),
    "Government of {name}": ("government", "authorities", "president", "foreign ministry"),
    "Civilians ({name})": ("civilians", "civilian", "villagers", "nationals", "citizens"),
    "Refugees/IDPs ({name})": ("refugees",),
    "Protesters ({name})": ("protesters", "demonstrators"),
    "Opposition Rebels ({name})": ("rebels", "rebel", "insurgents", "opposition fighters"),
    "Unidentified Armed Group ({name})": ("militants", "militant", "gunmen", "fighters"),
}
_COMPOSED_TYPE = {
    "Military Forces of {name}": "State forces",
    "Police Forces of {name}": "State forces",
    "Government of {name}": "State forces",
    "Civilians ({name})": "Civilians",
    "Refugees/IDPs ({name})": "Civilians",
    "Protesters ({name})": "Protesters",
    "Opposition Rebels ({name})": "Rebel group",
    "Unidentified Armed Group ({name})": "Political militia",
}
# Short acronyms that are also English words: only matched as written, never in all-caps text.
_CASE_SENSITIVE = {"IS", "US", "AP", "UN", "UK"}
_RESISTANCE = re.compile(r"\s+(?:from|to|against)\b", re.I)
# "government-held districts", "rebel-controlled towns": whose ground, not who acts.
_HOLDER = re.compile(r"[-\s](?:held|controlled|run|dominated|majority|populated|led areas?)\b", re.I)
# "claimed responsibility for the bombing", "claimed the attack": who claims its own deed acts.
CLAIMED_DEED = r"(?:responsibility|credit)\b"
_SPEECH = re.compile(
    r"[\s,]+(?:\w+\s+){0,2}?(?:said|says|say|told|reported|reports|confirmed|claimed(?!\s+" + CLAIMED_DEED + ")|stated|quoted|denied"
    r"|announced|added|noted)\b",
    re.I,
)
# "fighters said they had shot down ...", "said clashes continued with": the speaker reports its own deed and stays an actor.
# A deed, not a view: "said it had repelled", "said its fighters", not "said it was concerned".
# "said it had proof that the regime ...", "has evidence": a claim about someone else's deed, not its own.
SELF_REPORT = (r"(?:that\s+)?(?:(?:they|we|it|he|she)\s+(?:had|has|have)\b(?!\s+[\"“'‘]?(?:\w+\s+)?(?:proof|evidence|"
               r"information|intelligence|indications?|no doubt)\b)|(?:its|their|our)\s+[\w-]+"
               # "said clashes continued with Isis": the speaker is the other side of its own fight
               r"|(?:(?:heavy|fierce)\s+)?(?:clashes|fighting|battles)\s+(?:[\w-]+\s+){0,3}?with\b)")
_SELF_REPORT = re.compile(r"(?:\s+\w+){0,2}?\s+" + SELF_REPORT, re.I)
# '"...," said a Free Syrian Army commander': the speaker named after the verb that ends a quote
_SAID_BY = re.compile(r"[\"\u201d]\s*(?:said|says|added|told\s+\w+)\s+(?:(?:a|an|the|one)\s+)?(?:senior\s+|local\s+)?$", re.I)
# "according to three IS-linked residents": who reports, with a count or a word before its name
_ACCORDING = re.compile(r"\b(?:according\s+to|quoted\s+by|cited\s+by|told|reported\s+by)\s+(?:the\s+)?(?:(?:\d+|a|an|two|three|four|"
                        r"five|several|some|local|two\s+local)\s+)?$", re.I)


@dataclass(frozen=True)
class _Entry:
    canonical: str
    actor_type: str
    country: str
    needs_verb: bool = False  # a bare country name acts only as the subject of a conflict verb
    case_sensitive: str = ""


@dataclass(frozen=True)
class ActorMention:
    text: str
    start: int
    end: int
    name: str  # canonical, neutral
    actor_type: str
    country: str = ""
    speaker: bool = False  # the subject of "said", "according to": who reports, not who acts
    template: str = field(default="", compare=False, repr=False)  # "Civilians ({country})" for a generic actor
    backer: str = field(default="", compare=False)  # "Turkey-backed rebels": "Military Forces of Turkey", their ally

    @property
    def is_source(self) -> bool:
        return self.actor_type == SOURCE


def _lower_keep_offsets(text: str) -> str:
    """Lower case, typographic apostrophes and dashes as plain ones, hyphens as spaces; same length."""
    low = text.lower()
    if len(low) != len(text):
        low = "".join(c.lower()[:1] or c for c in text)
    return low.translate(_LOWER_MAP)


_LOWER_MAP = str.maketrans({"\u2019": "'", "\u2018": "'", "-": " ", "\u2010": " ", "\u2011": " ", "\u2013": " "})


class ActorDictionary:
    """Variants -> canonical actors, matched in one pass (Aho-Corasick) over the folded text."""

    def __init__(self, rows: list[dict[str, str]]) -> None:
        self.countries: dict[str, str] = {}  # ISO code -> country name
        self.demonyms: set[str] = set()  # lower-case adjectives: never an event place
        self._states: dict[str, str] = {}  # lower-case demonym or country name -> country name ("turkish" -> Turkey)
        self._auto = ahocorasick.Automaton()
        entries: dict[str, _Entry] = {}
        demonyms: list[tuple[str, str, str]] = []
        for row in rows:
            variant = row["variant"].strip()
            kind = row["actor_type"].strip()
            country = (row.get("country") or "").strip()
            if kind == DEMONYM:
                demonyms.append((variant, row["canonical"].strip(), country))
                self.demonyms.add(variant.lower())
                self.countries.setdefault(country, row["canonical"].strip())
                self._states.setdefault(variant.lower(), row["canonical"].strip())
                self._states.setdefault(row["canonical"].strip().lower(), row["canonical"].strip())
                continue
            sensitive = variant if variant in _CASE_SENSITIVE else ""
            entries.setdefault(_lower_keep_offsets(variant), _Entry(row["canonical"].strip(), kind, country, False, sensitive))
        for adjective, name, code in demonyms:
            for template, nouns in _COMPOSED.items():
                for noun in nouns:
                    entry = _Entry(template.format(name=name), _COMPOSED_TYPE[template], code,
                                   case_sensitive=adjective if adjective in _CASE_SENSITIVE else "")
                    entries.setdefault(_lower_keep_offsets(f"{adjective} {noun}"), entry)
                    entries.setdefault(_lower_keep_offsets(f"{name}'s {noun}"), entry)
        codes = {name: code for code, name in self.countries.items()}
        names = {name: name for name in codes} | {short: name for short, name in SHORT_NAMES.items() if name in codes}
        for written, name in names.items():
            entries.setdefault(_lower_keep_offsets(written), _Entry(f"Military Forces of {name}", "State forces", codes[name], True,
                                                                  written if written in _CASE_SENSITIVE else ""))
        for key, entry in entries.items():
            self._auto.add_word(key, (len(key), entry))
        self._auto.make_automaton()

    @classmethod
    def load(cls, path: Path | str = ACTORS_CSV) -> "ActorDictionary":
        with open(path, newline="", encoding="utf-8") as fh:
            lines = [line for line in fh if line.strip() and not line.startswith("#")]
        return cls(list(csv.DictReader(lines)))

    def state_name(self, word: str) -> str:
        """The country a demonym or country name means ("Turkish" -> "Turkey"), else ""."""
        return self._states.get(word.lower(), "")

    def country_name(self, code: str) -> str:
        return self.countries.get(code.upper(), "") if code else ""

    def find(self, text: str, country: str = "") -> list[ActorMention]:
        """Actor mentions in `text`; `country` (ISO code) fills generic names like "Civilians (Syria)"."""
        folded = _lower_keep_offsets(text)
        upper = text.isupper()
        hits: list[tuple[int, int, _Entry]] = []
        for end_index, (length, entry) in self._auto.iter(folded):
            start, end = end_index - length + 1, end_index + 1
            if (start > 0 and folded[start - 1].isalnum()) or (end < len(folded) and folded[end].isalnum()):
                continue
            if entry.case_sensitive and (upper or not text.startswith(entry.case_sensitive, start)):
                continue
            hits.append((start, end, entry))
        hits.sort(key=lambda h: (h[0], -(h[1] - h[0])))
        out: list[ActorMention] = []
        taken = -1
        for start, end, entry in hits:
            if start < taken:
                continue
            if entry.needs_verb and not acts_as_state(text, start, end, folded[start:end] in SHORT_KEYS):
                continue
            if _HOLDER.match(text, end) or (folded[start:end] == "opposition" and _RESISTANCE.match(text, end)):
                continue  # "rebel-held towns": whose ground; "opposition from militants": resistance, not the rebels
            taken = end
            out.append(self._mention(text, start, end, entry, country))
        return _absorb_generic(self._coordinated(out, text), text)

    def _coordinated(self, found: list[ActorMention], text: str) -> list[ActorMention]:
        """'Syrian and Russian air strikes': the first adjective names a second state's forces."""
        out: list[ActorMention] = []
        for m in found:
            other = _AND_DEMONYM.search(text, max(0, m.start - 30), m.start) if m.name.startswith("Military Forces of ") else None
            state = self._states.get(other.group(1).lower(), "") if other else ""
            if state and not m.name.endswith(f"of {state}") and not (out and out[-1].end > other.start(1)):
                code = next((c for c, n in self.countries.items() if n == state), "")
                out.append(ActorMention(other.group(1), other.start(1), other.end(1), f"Military Forces of {state}",
                                        "State forces", code, m.speaker))
            out.append(m)
        return out

    def localise(self, mentions: list[ActorMention], country: str) -> list[ActorMention]:
        """The same mentions with generic names ("police", "civilians") filled for `country`.

        Known once the places are: the story's main country, then each event's own (police in
        Cologne are German police in a story about Syria).
        """
        name = self.country_name(country)
        if not name:
            return mentions
        return [_partner(replace(m, name=_fill(m.template, name), country=country)) if m.template else m for m in mentions]

    def follow_named_forces(self, mentions: list[ActorMention], text: str) -> list[ActorMention]:
        """A bare 'soldiers', 'troops', 'the army' is the ground force last named with its state in its
        paragraph or the one before ("Seven Turkish soldiers were killed ... Two more soldiers died" are
        Turkish), not the story's main country's. Air forces and backers ("backed by Russian warplanes")
        name no ground force. A bare 'the coalition' is the coalition named last ('the Saudi-led coalition'), else
        the US-led one. A bare 'militants', 'jihadists' or 'extremists' is the jihadist group named last in its
        paragraph or the one before ("Isis ... about 100 militants had surrendered"). The name is then fixed:
        an event's place does not change it."""
        out: list[ActorMention] = []
        named: ActorMention | None = None
        coalition: ActorMention | None = None  # "the Saudi-led coalition ... the coalition": the one named last
        jihadists: ActorMention | None = None  # "Isis ... 100 militants had surrendered": the group named last
        for m in mentions:
            bare = m.template == _BARE_FORCE and _lower_keep_offsets(m.text) in _BARE_NOUNS
            if m.name in JIHADIST_GROUPS:
                jihadists = m
            elif (jihadists is not None and _lower_keep_offsets(m.text) in _BARE_MILITANTS and not m.speaker
                  and len(_PARAGRAPH.findall(text, jihadists.end, m.start)) <= 1):
                m = replace(m, name=jihadists.name, actor_type=jihadists.actor_type, country=jihadists.country, template="")
            if m.name.endswith(" Coalition"):
                if _lower_keep_offsets(m.text) == _BARE_COALITION and coalition is not None:
                    m = replace(m, name=coalition.name, country=coalition.country)
                coalition = m
            if bare and named is not None and len(_PARAGRAPH.findall(text, named.end, m.start)) <= 1:
                m = replace(m, name=named.name, country=named.country, template="")
            elif (not bare and m.name.startswith("Military Forces of ") and m.country
                  and _lower_keep_offsets(m.text).rsplit(" ", 1)[-1] in _GROUND_WORDS and not _BACKING.search(text, max(0, m.start - 30), m.start)):
                named = m
            out.append(m)
        return out

    def _mention(self, text: str, start: int, end: int, entry: _Entry, country: str) -> ActorMention:
        name = _fill(entry.canonical, self.country_name(entry.country or country))
        said = _SPEECH.match(text, end)
        speaker = bool(said and not _SELF_REPORT.match(text, said.end())) or bool(
            _ACCORDING.search(text, max(0, start - 40), start) or _SAID_BY.search(text, max(0, start - 40), start))
        template = entry.canonical if "{country}" in entry.canonical and not entry.country else ""
        backed = _BACKED.match(text, start, end) or _BACKED_BEFORE.search(text, max(0, start - 30), start)
        state = self._states.get(backed.group(1).lower(), "") if backed else ""
        backer = f"Military Forces of {state}" if state and not name.endswith(f"of {state}") else ""
        return _partner(ActorMention(text[start:end], start, end, name, entry.actor_type, entry.country or country, speaker,
                                     template, backer))


# A state's known ground partner in a war: "US-backed fighters" in Syria are the SDF (ACLED's coding of the US-backed
# force there since 2015); an unnamed armed group backed by that state in that country is its partner.
# "Turkish-backed troops" in Syria are no state's army: the Syrian opposition Turkey arms (not the Syrian army).
_PARTNERS = {("Syria", "Military Forces of United States"): "SDF: Syrian Democratic Forces",
             ("Syria", "Military Forces of Turkey"): "Turkey-backed Syrian Opposition"}
_UNNAMED_GROUP = "Unidentified Armed Group ({country})"


def _partner(m: ActorMention) -> ActorMention:
    country = m.name.removeprefix("Unidentified Armed Group (").removesuffix(")").removeprefix("Military Forces of ")
    partner = _PARTNERS.get((country, m.backer)) if m.template in (_UNNAMED_GROUP, _BARE_FORCE) else None
    return replace(m, name=partner, actor_type="Rebel group", template="") if partner else m


def _fill(canonical: str, country_name: str) -> str:
    if "{country}" not in canonical:
        return canonical
    if country_name:
        return canonical.replace("{country}", country_name)
    return canonical.replace(" ({country})", "").replace(" of {country}", "")


# "Turkey-backed rebels", "the US-backed Syrian Democratic Forces": the state is an ally of the actor.
# "United States-backed": a two-word state name before the one-word one
_BACKED = re.compile(r"((?:United |Saudi )?[A-Z][\w.]*)[-\s]backed\s")
_BACKED_BEFORE = re.compile(r"\b((?:United |Saudi )?[A-Z][\w.]*)[-\s]backed\s+$")
_AND_DEMONYM = re.compile(r"\b([A-Z][a-z]+)\s+and\s+$")
_BARE_FORCE = "Military Forces of {country}"
_BARE_COALITION = "the coalition"
# Groups the press calls "militants", "jihadists", "extremists" when it does not repeat their name.
JIHADIST_GROUPS = frozenset({"Islamic State", "Islamic State West Africa Province", "Hayat Tahrir al-Sham", "Al Qaeda",
                             "Al Qaeda in the Arabian Peninsula", "Al Shabaab", "Boko Haram", "Taliban",
                             "Tehrik-i-Taliban Pakistan"})
_BARE_MILITANTS = frozenset({"militants", "militant", "jihadists", "jihadist", "extremists", "the militants",
                             "the jihadists", "the extremists"})
# The nouns that name no state by themselves; "government forces", "regime forces" mean the state at war at home.
_BARE_NOUNS = frozenset({"soldiers", "soldier", "troops", "the army", "the military", "army troops", "armed forces",
                         "army units", "security forces"})
_GROUND_WORDS = frozenset({"troops", "forces", "army", "military", "soldiers", "soldier", "tanks", "units", "marines", "artillery"})
_BACKING = re.compile(r"\b(?:backed|supported|aided|assisted|joined|helped) by\s+(?:the\s+)?$", re.I)
_PARAGRAPH = re.compile(r"\n[ \t]*\n")
_GENERIC_TAIL = re.compile(r"^\s?$")


_MEMBERS_OF = re.compile(r"\s+(?:from|of)\s+(?:the\s+)?")


def _is_generic(m: ActorMention) -> bool:
    return m.name.startswith(("Unidentified Armed Group", "Islamist Militants", "Opposition Rebels")) and \
        (m.text[:1].lower() + m.text[1:]).islower()  # "Jihadists from ..." opening a sentence too


def _absorb_generic(found: list[ActorMention], text: str) -> list[ActorMention]:
    """'YPG terrorists', 'opposition gunmen', 'Free Syrian Army rebels': a generic noun right after a named actor is that actor;
    so is one before it with 'from' or 'of' ('fighters from the SDF', 'militants of Isis')."""
    out: list[ActorMention] = []
    for m in found:
        prev = out[-1] if out else None
        generic = m.name.startswith(("Unidentified Armed Group", "Military Forces", "Opposition Rebels", "Islamist Militants")) \
            and m.text.islower()
        if prev is not None and generic and _GENERIC_TAIL.match(text[prev.end:m.start]) and not prev.is_source:
            out[-1] = replace(prev, text=text[prev.start:m.end], end=m.end, speaker=prev.speaker or m.speaker)
            continue
        if prev is not None and _is_generic(prev) and not m.is_source and not _is_generic(m) \
                and _MEMBERS_OF.fullmatch(text, prev.end, m.start):  # "jihadists from Hayat Tahrir al-Sham"
            out[-1] = replace(m, text=text[prev.start:m.end], start=prev.start, speaker=prev.speaker or m.speaker)
            continue
        out.append(m)
    return out


@lru_cache(maxsize=1)
def default_dictionary() -> ActorDictionary:
    return ActorDictionary.load()


def find_actors(text: str, country: str = "") -> list[ActorMention]:
    """Actor and source mentions in `text` with the project's dictionary."""
    return default_dictionary().find(text, country)
