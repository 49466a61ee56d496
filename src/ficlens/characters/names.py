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
    "m": "male",  # "M. Riviere": Monsieur
    "captain": None, "capt": None, "colonel": None, "col": None, "major": None, "general": None,
    "lieutenant": None, "professor": None, "prof": None, "father": "male", "mother": "female",
    "sister": "female", "brother": "male", "aunt": "female", "uncle": "male", "cousin": None,
    "master": "male", "mistress": "female", "princess": "female", "prince": "male", "king": "male",
    "queen": "female", "saint": None, "reverend": None, "rev": None, "count": "male",
    "countess": "female", "baron": "male", "baroness": "female", "duke": "male",
    "duchess": "female", "signor": "male", "signora": "female", "herr": "male", "frau": "female",
}
# Abbreviated titles and the word they stand for: "Dr. Livesey" is "the doctor".
TITLE_WORDS = {"dr": "doctor", "capt": "captain", "col": "colonel", "prof": "professor",
               "gen": "general", "rev": "reverend", "sgt": "sergeant"}  # fmt: skip
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
# Days and months: names only where a story makes one speak ("said Sunday", "May said").
CALENDAR_WORDS = frozenset(
    """monday tuesday wednesday thursday friday saturday sunday january february march april may
    june july august september october november december""".split()
)
# Capitalised words that are never names on their own.
NOT_NAMES = CALENDAR_WORDS | frozenset(
    """i oh ah ahh eh uh um hmm hm huh ne mou kya yes no well okay ok hey hi hello goodbye bye
    hein tcha pooh bah pshaw tut humph ugh alas hush hallo hullo bravo pah faugh
    please thanks sorry god gods lord heaven hell sir madam ma'am mister miss mrs mr ms dr
    christmas english french german
    avenue street road square lane boulevard terrace gardens station hotel museum cathedral
    palace river railway
    chapter prologue epilogue part book the a an and but or so then when what why how who where
    this that these those it its he she they we you my your our his her their
    inner outer team""".split()
)
# fmt: on

STRETCH = re.compile(r"(.)\1+")
# Lower-case words that belong to the surname after them: "Mr. van der Luyden", "de Bourgh".
PARTICLES = ("van", "von", "de", "der", "den", "du", "des", "del", "della", "di", "da")
PARTICLE_PATTERN = rf"(?:(?:{'|'.join(PARTICLES)})\s+){{0,2}}"  # what may come before a surname


def join_particles(words: list[str]) -> list[str]:
    """Keep a surname's particles with it: ["Henry", "van", "der", "Luyden"] ->
    ["Henry", "van der Luyden"]."""
    joined: list[str] = []
    pending: list[str] = []
    for word in words:
        if word in PARTICLES:
            pending.append(word)
        else:
            joined.append(" ".join([*pending, word]))
            pending = []
    return joined


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
    role: bool = False  # a capitalised title standing for one person: "the Hatter"
    stands_for: str | None = None  # the name a role was written with: "the Godaime Tsunade"

    @property
    def gender(self) -> str | None:
        """The gender the title or honorific tells, if any."""
        if self.role:
            head = self.parts[-1].lower()
            return TITLES.get(head) or NOMINAL_NOUNS.get(head)
        if self.title and TITLES.get(self.title):
            return TITLES[self.title]
        if self.honorific:
            return HONORIFICS.get(self.honorific)
        return None


# fmt: off
# Nouns that denote a person, for nominal mentions ("the old man", "his mother", "a stranger"),
# with the gender they tell (None: nothing). Plurals are formed by `person_noun`.
NOMINAL_NOUNS: dict[str, str | None] = {
    **{k: v for k, v in PERSON_NOUNS.items() if k not in ("blonde", "brunette", "blond")},
    "mother": "female", "father": "male", "mamma": "female", "mama": "female", "papa": "male",
    "mum": "female", "mom": "female", "dad": "male", "daddy": "male", "mummy": "female",
    "grandmother": "female", "grandfather": "male", "grandson": "male", "granddaughter": "female",
    "aunt": "female", "uncle": "male", "niece": "female", "nephew": "male", "cousin": None,
    "sister-in-law": "female", "brother-in-law": "male", "mother-in-law": "female",
    "father-in-law": "male", "son-in-law": "male", "daughter-in-law": "female",
    "stepmother": "female", "stepfather": "male", "widow": "female", "widower": "male",
    "bride": "female", "bridegroom": "male", "groom": "male", "fiancé": "male",
    "fiancée": "female", "lover": None, "sweetheart": None, "mistress": "female",
    "master": "male", "servant": None, "maid": "female", "housemaid": "female",
    "housekeeper": "female", "butler": "male", "footman": "male", "valet": "male",
    "coachman": "male", "cook": None, "nurse": None, "governess": "female", "tutor": None,
    "landlady": "female", "landlord": "male", "hostess": "female", "host": "male",
    "guest": None, "visitor": None, "caller": None, "companion": None, "comrade": None,
    "neighbour": None, "neighbor": None, "acquaintance": None, "partner": None,
    "gentlewoman": "female", "fellow": "male", "chap": "male", "gal": "female",
    "lass": "female", "lassie": "female", "maiden": "female", "damsel": "female",
    "baby": None, "infant": None, "orphan": None, "youngster": None, "person": None,
    "personage": None, "individual": None, "creature": None, "figure": None,
    "stranger": None, "foreigner": None, "traveller": None, "traveler": None,
    "passenger": None, "sailor": "male", "seaman": "male", "captain": None, "mate": None,
    "officer": None, "soldier": None, "general": None, "colonel": None, "sergeant": None,
    "corporal": None, "lieutenant": None, "major": None, "commander": None, "chief": None,
    "priest": "male", "parson": "male", "vicar": "male", "clergyman": "male",
    "minister": None, "bishop": "male", "monk": "male", "nun": "female", "lawyer": None,
    "judge": None, "magistrate": None, "clerk": None, "merchant": None, "banker": None,
    "farmer": None, "shepherd": None, "gardener": None, "labourer": None, "laborer": None,
    "workman": "male", "worker": None, "peasant": None, "hunter": None, "fisherman": "male",
    "driver": None, "guard": None, "porter": None, "waiter": None, "waitress": "female",
    "shopkeeper": None, "artist": None, "painter": None, "poet": None, "writer": None,
    "author": None, "musician": None, "singer": None, "actor": "male", "actress": "female",
    "dancer": None, "scholar": None, "pupil": None, "schoolmaster": "male",
    "schoolmistress": "female", "professor": None, "physician": None, "surgeon": None,
    "patient": None, "prisoner": None, "thief": None, "murderer": None, "villain": None,
    "beggar": None, "slave": None, "savage": None, "warrior": None, "chieftain": None,
    "lord": "male", "baronet": "male", "duke": "male", "duchess": "female", "earl": "male",
    "countess": "female", "emperor": "male", "empress": "female", "squire": "male",
    "ladyship": "female", "lordship": "male", "madam": "female", "sir": "male",
    "heir": None, "heiress": "female", "owner": None, "keeper": None, "leader": None,
    "boss": None, "employer": None, "clerk's": None, "fool": None, "idiot": None,
    "wretch": None, "rascal": None, "scoundrel": None, "rogue": None, "devil": None,
    "angel": None, "darling": None, "dear": None, "ghost": None, "spirit": None,
    "gentleman's": None, "boyfriend": "male", "girlfriend": "female", "teammate": None,
    "classmate": None, "roommate": None, "sensei": None, "senpai": None, "samurai": None,
    "kage": None, "hokage": None, "sannin": None, "anbu": None, "shinobi": None,
    "villager": None, "citizen": None, "native": None, "inhabitant": None, "tenant": None,
    "employee": None, "assistant": None, "secretary": None, "agent": None, "detective": None,
    "inspector": None, "constable": None, "policeman": "male", "doctor": None,
    "intruder": None, "newcomer": None, "rival": None, "enemy": None, "ally": None,
    "twin": None, "twins": None, "wife's": None, "parent": None, "relative": None,
    "relation": None, "ancestor": None, "descendant": None, "sibling": None,
}
NOMINAL_NOUNS = {k: v for k, v in NOMINAL_NOUNS.items() if not k.endswith("'s")}
# Plural forms that do not simply add -s.
IRREGULAR_PLURALS: dict[str, str] = {
    "men": "man", "women": "woman", "children": "child", "people": "person",
    "gentlemen": "gentleman", "ladies": "lady", "workmen": "workman", "seamen": "seaman",
    "fishermen": "fisherman", "policemen": "policeman", "clergymen": "clergyman",
    "swordsmen": "swordsman", "folks": "person", "folk": "person", "wives": "wife",
    "thieves": "thief", "babies": "baby", "parties": "party", "enemies": "enemy",
    "allies": "ally", "countesses": "countess", "duchesses": "duchess", "princesses": "princess",
    "mistresses": "mistress", "actresses": "actress", "heiresses": "heiress",
    "hostesses": "hostess", "governesses": "governess", "waitresses": "waitress",
}
# fmt: on


def person_noun(word: str) -> tuple[str, str | None, bool] | None:
    """Return (singular, gender, plural) when a lower-case word names a person, else None."""
    if word in NOMINAL_NOUNS:
        return word, NOMINAL_NOUNS[word], word == "twins"
    if word in IRREGULAR_PLURALS:
        singular = IRREGULAR_PLURALS[word]
        return singular, NOMINAL_NOUNS.get(singular), True
    if word.endswith("s") and word[:-1] in NOMINAL_NOUNS and not word.endswith("ss"):
        return word[:-1], NOMINAL_NOUNS[word[:-1]], True
    return None
