"""Who "her mother", "his father", "her husband" or "her aunt" is, read off the family names.

A story that has "Elizabeth Bennet" and "Mrs. Bennet" tells who says '"…," said her mother'
when "her" is Elizabeth; "her husband" of Mrs. Bennet is Mr. Bennet; "her aunt" is the one
character called "Aunt …". Nothing is guessed where two people fit.
"""

from __future__ import annotations

from collections import defaultdict

from ficlens.characters.clusters import declared_forms
from ficlens.characters.names import TITLES
from ficlens.document import Document

# Titles a married woman is written with; a man's are the titles of male or of any gender.
_WIFE_TITLES = frozenset(
    "mrs lady madame mme madam dame countess duchess baroness signora frau".split()
)
# Relations named by a title of their own: "Aunt Juley", "Uncle Ned", "Cousin Caroline".
_OWN_TITLES = frozenset({"aunt", "uncle", "cousin"})
_PARENTS = {
    "father": "male", "papa": "male", "dad": "male", "daddy": "male",
    "mother": "female", "mamma": "female", "mama": "female", "mum": "female", "mom": "female",
    "mummy": "female",
}  # fmt: skip
_SPOUSES = {"husband": "male", "wife": "female"}


def _family_title(title: str, gender: str) -> bool:
    """Whether a title is one the head ("male") or the wife ("female") of a family carries."""
    if gender == "female":
        return title in _WIFE_TITLES
    return TITLES.get(title) in ("male", None) and title not in _OWN_TITLES


class Relatives:
    """The characters' family names and titles, to find a relation's one person."""

    def __init__(self, doc: Document) -> None:
        self.surnames: dict[int, set[str]] = defaultdict(set)
        self.titled: dict[str, set[tuple[str, int]]] = defaultdict(set)  # surname -> (title, who)
        self.by_title: dict[str, set[int]] = defaultdict(set)  # "aunt" -> Aunt Juley
        self.gender = [character.gender for character in doc.characters]
        # "Aunt Juley" as the narration calls her (not "Aunt Emma" in a child's mouth only)
        for mention in doc.raw_mentions:
            title = mention.name.title if mention.name else None
            if title in _OWN_TITLES and mention.quote is None and mention.character is not None:
                self.by_title[title].add(mention.character)
        for index, character in enumerate(doc.characters):
            for alias in dict.fromkeys([character.name, *character.aliases]):
                if not alias[:1].isupper():
                    continue  # "the poor lady": a description, not a name
                title, words = declared_forms(alias)
                if title in _OWN_TITLES:
                    continue
                if title:
                    self.titled[words[-1]].add((title, index))
                    self.surnames[index].add(words[-1])
                elif len(words) > 1:
                    self.surnames[index].add(words[-1])

    def _heads(self, surname: str, gender: str) -> set[int]:
        """The people of a family name who carry its husband's or wife's title."""
        return {
            who
            for title, who in self.titled.get(surname, ())
            if _family_title(title, gender) and self.gender[who] == gender
        }

    def of(self, owner: int | None, noun: str) -> int | None:
        """The one character who is `owner`'s `noun` ("mother"), if the names tell."""
        if owner is None:
            return None
        found: set[int] = set()
        if noun in _OWN_TITLES:
            found = set(self.by_title.get(noun, ()))
        elif noun in _PARENTS:
            for surname in self.surnames.get(owner, ()):
                found |= self._heads(surname, _PARENTS[noun])
        elif noun in _SPOUSES:
            gender = _SPOUSES[noun]
            spouse = "female" if gender == "male" else "male"
            for surname in self.surnames.get(owner, ()):
                if owner in self._heads(surname, spouse):
                    found |= self._heads(surname, gender)
        found.discard(owner)
        return found.pop() if len(found) == 1 else None
