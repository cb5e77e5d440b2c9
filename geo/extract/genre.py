"""Whether an article argues (a reader's letter, a column, an editorial) rather than reports.

A report attributes what it tells ("said", "told", "according to") sentence after sentence; an argument piece
speaks in its own voice: the writer's "I" and "we" outside quotation marks, what someone "should" or "must" do,
questions put to the reader, and, in a letter, the piece it answers cited by title and date ("(The west must act,
9 April)"). Such a piece names attacks as arguments and history, so its lead is not the day's news (see
geo/extract/scope.py). A dispatch under a dateline ("BEIRUT (Reuters) -") reports whatever its speakers argue (radio
transcripts of speeches among them). The signals are counted per sentence and read from the text alone: no paper's
name, page furniture or address decides.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from geo.extract.furniture import opens_with_dateline
from geo.extract.sentences import split_sentences

__all__ = ["Genre", "genre_of", "argues", "fresh_toll", "cited_date", "MAX_ATTRIBUTIONS", "MIN_ARGUMENT"]

# A report attributes about one sentence in three or four (dev reports: 0.07-0.62 a sentence, median 0.33);
# below one in ten the writer's own voice carries the piece.
MAX_ATTRIBUTIONS = 0.10
# ... and it argues when its own voice marks (I/we, should/must, questions, cited pieces) about one sentence in
# twelve; a feature or a profile told with few attributions has almost none (dev: 0.00-0.05).
MIN_ARGUMENT = 0.08

# A quoted passage speaks for someone else: curly pairs, or straight pairs, each within a paragraph's length.
_QUOTED = re.compile(r"“[^“”]{0,1500}”|\"[^\"\n]{0,1500}\"")
_FIRST_PERSON = re.compile(r"\b(?:I|we|We|our|Our|us|my|My|me|ourselves|let’s|Let’s|let's|Let's)\b")
_DUTY = re.compile(r"\b(?:should|must|ought to|shouldn[’']t|mustn[’']t|needs? to)\b", re.I)
_ATTRIBUTION = re.compile(r"\b(?:said|says|told|according to|reported|added|announced|claimed)\b", re.I)
_MONTH = r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.?"
# "(After Douma, the west must act, 10 April)", "(Letters, April 9)": the title and date of the piece a letter answers
_CITED_PIECE = re.compile(r"\([^()]{3,150}?,\s+(?:\d{1,2}\s+" + _MONTH + r"|" + _MONTH + r"\s+\d{1,2})\)")


def cited_date(text: str, start: int) -> bool:
    """The date at text[start] closes the title of a piece a letter answers: the piece's day, not a deed's."""
    return any(m.start() < start < m.end() for m in _CITED_PIECE.finditer(text, max(0, start - 160), start + 24))


@dataclass(frozen=True)
class Genre:
    """The counted signals of one article, per sentence, and the verdict they give."""

    sentences: int
    attributions: float
    first_person: float
    duty: float
    questions: float
    cited_pieces: int
    dateline: bool

    @property
    def argument(self) -> float:
        """The writer's own-voice marks per sentence (a cited piece counts as one sentence's mark)."""
        return self.first_person + self.duty + self.questions + self.cited_pieces / self.sentences

    @property
    def argues(self) -> bool:
        """Few attributions and the writer's own voice; a letter answering a cited piece argues however often it
        quotes that piece ("X says that ...")."""
        if self.dateline:  # a dispatch (wire copy, a radio transcript) reports, whatever its speakers argue
            return False
        return self.argument >= MIN_ARGUMENT and (self.attributions < MAX_ATTRIBUTIONS or self.cited_pieces > 0)


@lru_cache(maxsize=64)
def genre_of(text: str) -> Genre:
    """The signals of an article's text (cached: every event of the article asks)."""
    spans = split_sentences(text)
    n = max(len(spans), 1)
    own = _QUOTED.sub(" ", text)
    questions = 0
    for s in spans:
        sentence = text[s.start:s.end].rstrip()
        if sentence.endswith("?") and not _QUOTED.search(sentence):  # a question the writer asks, not a quoted one
            questions += 1
    return Genre(sentences=n, attributions=len(_ATTRIBUTION.findall(text)) / n, first_person=len(_FIRST_PERSON.findall(own)) / n,
                 duty=len(_DUTY.findall(own)) / n, questions=questions / n, cited_pieces=len(_CITED_PIECE.findall(text)),
                 dateline=opens_with_dateline(text))


# "Dozens have died", "at least 40 people have been killed": the dead of a day counted in the present perfect, the
# form news takes when it has just happened; "hundreds of thousands have died" is the war's toll, not a day's
_FRESH_TOLL = re.compile(r"\b(?:dozens|scores|hundreds(?! of thousands)|\d{1,3}|two|three|four|five|six|seven|eight|nine|ten|eleven|"
                         r"twelve|twenty|thirty|forty|fifty)\s+(?:[\w-]+\s+){0,3}?(?:have|has)\s+(?:now\s+)?(?:been\s+)?"
                         r"(?:killed|died|wounded|injured)\b", re.I)


def fresh_toll(sentence: str) -> bool:
    """The sentence counts the dead or wounded of a day in the present perfect: news, even in an argument's opening."""
    return bool(_FRESH_TOLL.search(sentence))


def argues(text: str) -> bool:
    """The article is an argument piece (letter, column, editorial), not a report."""
    return genre_of(text).argues
