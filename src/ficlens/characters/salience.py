"""Salience of the people a passage is about, and the pronoun choice it makes.

A pronoun in narration refers to the most salient person whose gender fits, in the spirit of
Lappin & Leass (1994): every mention gives its person salience by its role (the subject of a
clause more than an object, an object more than the object of a preposition or an owner),
salience halves with every sentence, and a pronoun takes the person with the most. What this
adds to "the latest name that fits":

* "Anne looked at Henry. She…": Anne, the subject, not Henry, the latest name;
* "Anne gave him a book" / "Anne hurt herself": an object pronoun is not the subject of its own
  clause, a reflexive one is;
* "she … Celia … she": a chain of the same pronoun keeps its person, because a resolved pronoun
  adds salience to its person like a name does;
* a person whose gender the text never showed is a weaker candidate than one whose gender
  agrees, but no longer no candidate at all.

Roles come from the words around a mention (no parse): a pronoun's case, a possessive "'s",
a preposition before, a verb after.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# Weights of a mention's role (Lappin & Leass: recency 100, subject 80, object 50, oblique 40,
# head noun 80, not inside an adverbial phrase 50).
WEIGHTS = {"subject": 310, "object": 280, "oblique": 180, "owner": 150, "reflexive": 280}
DECAY = 0.5  # per sentence
UNKNOWN_GENDER = 400  # a person of unknown gender against one whose gender agrees

_PREPOSITION = re.compile(
    r"\b(?:on|to|at|of|with|for|by|from|in|into|about|upon|after|before|behind|beside|towards?|"
    r"near|over|under|than|like|without|against|among|between|through)\s+(?:the\s+)?$",
    re.IGNORECASE,
)
_WORD = re.compile(r"\s*([A-Za-z]+)")
_LETTERS = re.compile(r"[A-Za-z]+")
# Words after "her" that show it is an object ("told her that"), not an owner ("her hat").
NOT_A_NOUN = frozenset(
    """a an the and or but that this as if when while so to in on at by for with from of up
    down out off away back again too also all very once instantly directly immediately gently
    quietly softly suddenly slowly quickly himself herself then now still""".split()
)
_OWNER = re.compile(r"['’]s?\b")
_CLAUSE_BREAK = re.compile(r"[,;:(—–-]|\b(?:and|but|or|that|who|which|whom|when|while|as|if)\b")


def her_is_object(text: str, end: int) -> bool:
    """Whether the "her" ending at `end` is an object ("looked at her", "told her that"), not
    an owner ("her hat"): the word after it is no noun."""
    following = _WORD.match(text, end)
    return following is None or following.group(1).lower() in NOT_A_NOUN


def pronoun_role(text: str, start: int, end: int) -> str:
    """The role a third-person pronoun's case shows: subject, object, owner or reflexive."""
    word = text[start:end].lower()
    if word in ("he", "she"):
        return "subject"
    if word in ("himself", "herself"):
        return "reflexive"
    if word == "him" or (word == "her" and her_is_object(text, end)):
        return "object" if not _PREPOSITION.search(text[max(0, start - 14) : start]) else "oblique"
    return "owner"


def name_role(text: str, start: int, end: int, subject: bool) -> str:
    """The role of a name or description: owner ("Anne's"), oblique ("to Anne"), subject or
    object."""
    if _OWNER.match(text, end) or text[start:end].endswith(("'s", "’s")):
        return "owner"
    if _PREPOSITION.search(text[max(0, start - 14) : start]):
        return "oblique"
    return "subject" if subject else "object"


@dataclass
class _Entry:
    salience: float
    sentence: int  # the sentence its salience was last brought up to date for
    paragraph: int
    subject_sentence: int = -1  # the last sentence in which it was a subject
    subject_at: int = -1  # where that subject mention ended


class Salience:
    """How salient each person is at the current point of the narration."""

    def __init__(self, window_paragraphs: int) -> None:
        self.window = window_paragraphs
        self.people: dict[int, _Entry] = {}

    def _decayed(self, entry: _Entry, sentence: int) -> float:
        return entry.salience * DECAY ** max(0, sentence - entry.sentence)

    def observe(self, person: int, role: str, sentence: int, paragraph: int, end: int) -> None:
        """Record a mention of `person` in `role`."""
        entry = self.people.get(person)
        weight = WEIGHTS[role]
        if entry is None:
            entry = self.people[person] = _Entry(weight, sentence, paragraph)
        else:
            old = self._decayed(entry, sentence)
            # within one sentence a person's salience is its best role's, not the sum
            entry.salience = max(old, weight) if entry.sentence == sentence else old + weight
            entry.sentence, entry.paragraph = sentence, paragraph
        if role == "subject":
            entry.subject_sentence, entry.subject_at = sentence, end

    def clause_subject(self, sentence: int, text: str, start: int) -> int | None:
        """The person who is the subject of the clause a mention at `start` sits in."""
        best = None
        for person, entry in self.people.items():
            if entry.subject_sentence == sentence and entry.subject_at <= start:
                if best is None or entry.subject_at > self.people[best].subject_at:
                    best = person
        if best is None:
            return None
        between = text[self.people[best].subject_at : start]
        return None if _CLAUSE_BREAK.search(between) else best

    def resolve(
        self, text: str, start: int, sentence: int, paragraph: int, gender: str, gender_of
    ) -> int | None:
        """The person the third-person pronoun at `start` (of `gender`) refers to, with the
        binding constraints of its clause."""
        role = pronoun_role(text, start, _LETTERS.match(text, start).end())
        exclude: set[int] = set()
        prefer = None
        subject = self.clause_subject(sentence, text, start)
        if subject is not None:
            if role in ("object", "oblique"):
                exclude.add(subject)  # "Anne gave him…": not Anne
            elif role == "reflexive":
                prefer = subject  # "Anne hurt herself"
        return self.choose(gender, sentence, paragraph, gender_of, exclude, prefer)

    def choose(
        self,
        gender: str,
        sentence: int,
        paragraph: int,
        gender_of,
        exclude: set[int],
        prefer: int | None = None,
    ) -> int | None:
        """The most salient person whose gender fits, within the window."""
        best, best_score = None, 0.0
        for person, entry in self.people.items():
            if person in exclude or paragraph - entry.paragraph > self.window:
                continue
            known = gender_of(person)
            if known is None:
                continue  # not a candidate at all (an inner voice)
            if known not in ("unknown", "any") and known != gender:
                continue
            score = self._decayed(entry, sentence)
            if known != gender:
                score -= UNKNOWN_GENDER
            if person == prefer:
                score += 1000
            if score > best_score:
                best, best_score = person, score
        return best
