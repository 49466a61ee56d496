"""A first-person narrator under every name the others call them.

A first-person narrator is named only in the other characters' speech ("Good old Jake!",
"Monsieur Barnes"), so the name clustering makes one character per name that shares nothing
with the others. The names the others use when they answer the narrator's own lines ('"…," I
said') and that the narration itself (nearly) never uses are all the narrator's: this stage
merges their characters into one, under the name used most.
"""

from __future__ import annotations

import re
from collections import Counter

from ficlens.document import Document
from ficlens.pipeline import stage
from ficlens.quotes.verbs import SPEECH_VERBS

NARRATOR_MIN = 3  # "I"s in the narration that make it first-person
_I_WORD = re.compile(r"\bI\b")
_I_AFTER = re.compile(r"\s*(?:I\s+(?:[a-z]+ly\s+)?([a-z]+)|([a-z]+)\s+I)\b")
_I_BEFORE = re.compile(r"\bI\s+([a-z]+)(?:\s+[a-z]+ly)?\s*[,:]\s*$")
_MIN_CALLS = 2  # vocatives of one name in answers to the narrator
_MIN_TOTAL = 3  # vocatives of all the narrator's names together
_RARELY = 4  # a name of the narrator is used in the narration at most once per four calls


def says_i(doc: Document, quote) -> bool:
    """Whether the quote's tag is a first-person one ('"No," I said.', 'said I', 'I said:')."""
    after = _I_AFTER.match(doc.view[quote.end : quote.end + 40])
    before = _I_BEFORE.search(doc.view[max(0, quote.start - 30) : quote.start])
    verbs = [verb for match in (after, before) if match for verb in match.groups() if verb]
    return any(verb in SPEECH_VERBS for verb in verbs)  # not '"…" I stretched and yawned.'


def first_person_narration(doc: Document) -> bool:
    """Whether the narration, outside the quotes, says "I" often enough to have a narrator."""
    said_by_i = len(_I_WORD.findall(doc.view))
    said_by_i -= sum(len(_I_WORD.findall(doc.view, q.start, q.end)) for q in doc.quotes)
    return said_by_i >= NARRATOR_MIN


def narrator_names(doc: Document) -> list[int]:
    """The characters (indexes) that are names of the first-person narrator, most used first."""
    if not first_person_narration(doc):
        return []
    position = {id(quote): n for n, quote in enumerate(doc.quotes)}
    mine = {position[id(quote)] for quote in doc.quotes if says_i(doc, quote)}
    replies = {n + step for n in mine for step in (-1, 1)} - mine
    called: Counter[int] = Counter(
        mention.character
        for mention in doc.raw_mentions
        if mention.kind == "vocative" and mention.quote in replies and mention.character is not None
    )
    narrated: Counter[int] = Counter(
        mention.character
        for mention in doc.raw_mentions
        if mention.quote is None and mention.kind != "pronoun" and mention.character is not None
    )
    names = [c for c, n in called.most_common() if n >= _MIN_CALLS and narrated[c] * _RARELY <= n]
    if sum(called[c] for c in names) < _MIN_TOTAL:
        return []
    return names


def named_narrator(doc: Document) -> int | None:
    """The character who narrates in the first person, when the others name them."""
    names = narrator_names(doc)
    return names[0] if names else None


def merge_characters(doc: Document, keep: int, others: list[int]) -> None:
    """Fold the characters `others` into `keep` (indexes) and renumber the rest c1..cN."""
    gone = set(others)
    kept = [n for n in range(len(doc.characters)) if n not in gone]
    new_index = {old: new for new, old in enumerate(kept)}
    for old in others:
        new_index[old] = new_index[keep]
    new_id = {f"c{old + 1}": f"c{new + 1}" for old, new in new_index.items()}
    target = doc.characters[keep]
    for old in others:
        merged = doc.characters[old]
        for name in [merged.name, *merged.aliases]:
            if name not in target.aliases:
                target.aliases.append(name)
        target.mention_count += merged.mention_count
        if target.gender == "unknown":
            target.gender = merged.gender
    doc.characters = [doc.characters[n] for n in kept]
    for character in doc.characters:
        character.id = new_id[character.id]
        if character.inner_voice_of is not None:
            character.inner_voice_of = new_id[character.inner_voice_of]
    for mention in doc.raw_mentions:
        if mention.character is not None:
            mention.character = new_index[mention.character]
    for mention in doc.mentions:
        if mention.character is not None:
            mention.character = new_id[mention.character]


@stage("narrator", needs=("characters",))
def narrator_stage(doc: Document) -> None:
    """Merge the names of a first-person narrator into one character."""
    names = narrator_names(doc)
    if len(names) > 1:
        merge_characters(doc, names[0], names[1:])
