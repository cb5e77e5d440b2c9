"""Word lists of English news prose that tell a place name from a person, an office or a plain word.

Kept apart from the scanner (`geo.gazetteer.toponyms`) so the rules read as code and the words as data.
"""

from __future__ import annotations

from geo.gazetteer.names import ARTICLES

__all__ = ["NOT_PLACE_AFTER", "CONNECTORS", "CUE_WORDS", "STOPWORDS", "GENERIC_HEADS", "CALENDAR_WORDS", "TITLES",
           "DIRECTIONS", "INSTITUTION_WORDS", "LOCAL_WORDS", "PLURAL_KINDS", "OFFICE_WORDS", "OWN_INSTITUTIONS", "SPEECH_VERBS", "PARTY_WORDS",
           "SITE_WORDS"]

# words after a name that make it a street, a building or an organisation, not the place itself
NOT_PLACE_AFTER = frozenset("""
road rd street st avenue ave boulevard blvd drive dr lane ln way court ct place pl parkway pkwy terrace circle
highway hwy freeway route pike trail
school college university high academy hospital church chapel cathedral airport station hotel inn mall
company corp inc ltd bank times post tribune herald journal gazette news daily magazine
""".split())

# lower-case words that may sit inside a place name
CONNECTORS = frozenset(ARTICLES | {"de", "del", "la", "le", "les", "du", "of", "the", "upon", "on", "da", "do",
                                   "dos", "das", "y", "bin", "ibn", "abu", "umm", "bani", "beni", "sur", "am",
                                   "im", "an", "der", "di", "des", "van", "von"})
# words before a name that announce a place
CUE_WORDS = frozenset("in near at from to outside into toward towards across around of inside via".split())

# capitalised words that are almost never places in news text on their own
STOPWORDS = frozenset("""
a an the he she it we they i you his her its our their this that these those there here then when where
while after before since during on in at of for by with from to and or but not no yes as if so than
monday tuesday wednesday thursday friday saturday sunday january february march april may june july
august september october november december jan feb mar apr jun jul aug sep sept oct nov dec
mr mrs ms dr gen lt col sgt capt president prime minister king queen prince general army police
according meanwhile however also said says last next first second third new old north south east west
northern southern eastern western central upper lower greater
government ministry office department committee council university school hospital church court
news agency press reuters associated afp ap tass observatory monitoring group forces force fighters
rebels troops militants opposition regime operation olive branch state islamic democratic free union
international national united federal republic kingdom people party front army defence defense
one two three four five six seven eight nine ten hundred thousand million billion
god lord christ jesus allah mosque county city town village province governorate district region
today yesterday tomorrow morning evening night week month year spring summer autumn winter fall
street road avenue highway bridge river lake mountain valley park square
christmas easter thanksgiving halloween ramadan xinhua
""".split())

# Arabic and Kurdish words that begin place names ('Ain Issa', 'Tal Rifaat', 'Kafr Nabl'): followed by an unknown
# capitalised word they are the head of one name, never a place of their own
GENERIC_HEADS = frozenset("ain ayn tal tall tell tel deir dayr kafr kfar khan jisr ras bir beit bayt umm wadi jabal "
                          "jebel qasr marj hayy hay sheikh shaykh mazraat qaryat jubb maarat maaret qalaat".split())
# days and months end a name the gazetteer does not know: 'Qarqurzeyya on Friday'
CALENDAR_WORDS = frozenset("""
monday tuesday wednesday thursday friday saturday sunday january february march april may june july
august september october november december
""".split())
TITLES = frozenset("mr mrs ms dr sen rep gov gen lt col sgt capt maj adm rev president judge officer coach "
                   "chief sheriff deputy mayor senator governor minister secretary professor prof father sister "
                   "brother pastor bishop detective trooper commissioner superintendent".split())
# 'southern Idlib', 'rural Damascus': the area, when the name has one
DIRECTIONS = frozenset("northern southern eastern western northwestern northeastern southwestern southeastern "
                       "north western north eastern south western south eastern rural central".split())
# capitalised words after a place that make an institution of it, not a person: the place still counts
INSTITUTION_WORDS = frozenset("""
police sheriff sheriffs fire city council county board school schools mayor department airport hospital
university college high chamber public regional area metro township village town municipal community
courthouse district transit utilities housing library museum zoo symphony church station zoning planning
water parks region province governorate countryside offensive operation military prison jail court
square street road avenue center centre bureau office commission committee authority club team
""".split()) | NOT_PLACE_AFTER
# words after a name that make it a place's own (its police, its council, its residents)
LOCAL_WORDS = INSTITUTION_WORDS | frozenset("residents resident officials voters natives native settler settlers "
                                             "police".split())
PLURAL_KINDS = {"counties": "adm2", "parishes": "adm2", "districts": "adm2", "provinces": "adm1", "states": "adm1",
                 "governorates": "adm1", "towns": "city", "villages": "city", "cities": "city"}


# 'Chamber of Commerce', 'Secretary of State': an office, not a place, after 'of'
OFFICE_WORDS = frozenset("chamber department ministry secretary minister bureau".split())


# a place's own institutions, named after it ('DeKalb Police', 'Hurricane Fire Department', 'Boone County Schools')
OWN_INSTITUTIONS = frozenset("""
police sheriff sheriffs fire city council county board mayor township village town municipal community courthouse
district transit utilities housing library zoning planning water parks schools school
""".split())
# words before a building's name that make it the spot ('protesters outside the Kremlin'), not its occupant
SITE_WORDS = frozenset("at near outside inside in around into toward towards across opposite over on to".split())
# verbs of speech after a one-word name: the name is a person's ('Taylor said')
SPEECH_VERBS = frozenset("said says told added asked explained noted wrote testified recalled replied".split())
# words before a country's name or demonym that make a party or an army of it ('United Russia', 'Free Syrian Army')
PARTY_WORDS = frozenset("united free".split())
