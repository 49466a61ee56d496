"""The vocabulary of names: honorifics, titles, person nouns, and how to take a name apart."""

from __future__ import annotations

import re
from dataclasses import dataclass

# fmt: off
# Japanese honorific suffixes and what they tell about gender (None: nothing).
HONORIFICS: dict[str, str | None] = {
    "kun": "male", "chan": None, "san": None, "sama": None, "sensei": None, "senpai": None,
    "sempai": None, "dono": None, "nii": "male", "niisan": "male", "niichan": "male",
    "nee": "female", "neesan": "female", "neechan": "female", "hime": "female", "chi": None,
    "tan": None, "kohai": None, "shishou": None, "shishō": None, "jii": "male", "baa": "female",
    "obaa": "female", "ojii": "male", "oji": "male", "oba": "female", "taichou": None,
    "taicho": None, "sensie": None, "koi": None,
}
# Titles before a name, with the gender they tell.
TITLES: dict[str, str | None] = {
    "mr": "male", "mrs": "female", "ms": "female", "miss": "female", "mx": None, "dr": None,
    "lady": "female", "lord": "male", "sir": "male", "dame": "female", "madam": "female",
    "madame": "female", "mme": "female", "mlle": "female", "monsieur": "male", "mister": "male",
    "captain": None, "capt": None, "colonel": None, "col": None, "major": None, "general": None,
    "lieutenant": None, "professor": None, "prof": None, "father": "male", "mother": "female",
    "sister": "female", "brother": "male", "aunt": "female", "uncle": "male", "master": "male",
    "mistress": "female", "princess": "female", "prince": "male", "king": "male",
    "queen": "female", "saint": None, "reverend": None, "rev": None, "count": "male",
    "countess": "female", "baron": "male", "baroness": "female", "duke": "male",
    "duchess": "female", "signor": "male", "signora": "female", "herr": "male", "frau": "female",
}
# Nouns that name a person in an epithet ("the pink-haired kunoichi"), with gender.
PERSON_NOUNS: dict[str, str | None] = {
    "kunoichi": "female", "girl": "female", "woman": "female", "lady": "female",
    "princess": "female", "queen": "female", "witch": "female", "mother": "female",
    "sister": "female", "daughter": "female", "wife": "female", "heroine": "female",
    "blonde": "female", "brunette": "female", "redhead": None, "boy": "male", "man": "male",
    "gentleman": "male", "prince": "male", "king": "male", "wizard": "male", "father": "male",
    "brother": "male", "son": "male", "husband": "male", "hero": "male", "lad": "male",
    "shinobi": None, "ninja": None, "genin": None, "chunin": None, "jonin": None, "jounin": None,
    "pre-teen": None, "preteen": None, "teen": None, "teenager": None, "youth": None,
    "child": None, "kid": None, "teacher": None, "student": None, "apprentice": None,
    "stranger": None, "elder": None, "knight": None, "mage": None, "soldier": None,
    "captain": None, "doctor": None, "healer": None, "medic": None, "friend": None,
    "blond": "male", "swordsman": "male", "swordswoman": "female",
}
GENDER_PRONOUNS: dict[str, str] = {
    "he": "male", "him": "male", "his": "male", "himself": "male",
    "she": "female", "her": "female", "hers": "female", "herself": "female",
}
# Capitalised words that are never names on their own.
NOT_NAMES = frozenset(
    """i oh ah ahh eh uh um hmm hm huh ne mou kya yes no well okay ok hey hi hello goodbye bye
    please thanks sorry god gods lord heaven hell sir madam ma'am mister miss mrs mr ms dr
    monday tuesday wednesday thursday friday saturday sunday january february march april may
    june july august september october november december christmas english french german
    chapter prologue epilogue part book the a an and but or so then when what why how who where
    this that these those it its he she they we you my your our his her their
    inner outer team""".split()
)
# fmt: on

STRETCH = re.compile(r"(.)\1+")


def normalise_honorific(suffix: str) -> str:
    """Turn a written suffix ("Chaaa!-aaan", "KUN") into its plain form ("chan", "kun")."""
    letters = re.sub(r"[^a-z]", "", suffix.lower())
    squeezed = STRETCH.sub(r"\1", letters)
    for form in sorted(HONORIFICS, key=len, reverse=True):
        if squeezed == STRETCH.sub(r"\1", form):
            return form
    return squeezed


@dataclass(frozen=True)
class NameParts:
    """A name taken apart: "Miss Emma Woodhouse's" -> title miss, parts (Emma, Woodhouse)."""

    parts: tuple[str, ...]
    title: str | None = None
    honorific: str | None = None
    inner_voice: bool = False

    @property
    def gender(self) -> str | None:
        """The gender the title or honorific tells, if any."""
        if self.title and TITLES.get(self.title):
            return TITLES[self.title]
        if self.honorific:
            return HONORIFICS.get(self.honorific)
        return None
