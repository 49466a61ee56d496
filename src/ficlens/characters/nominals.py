"""Nominal mentions of people: "the old man", "his mother", "Emma's father", "men", "nobody".

A nominal phrase is found from its head noun outwards: a word that names a person (the
characters lexicon, `names.person_noun`, plus the wider vocabulary below), the describing words
before it, and its determiner ("the", "a", "his", "three") or possessor ("Emma's", "the
Judge's"). A head with no determiner is a mention when it is plural ("soldiers", "old friends")
or one of the nouns used bare as a form of address or a family name ("sir", "mother").
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache

from ficlens.characters import person_nouns
from ficlens.characters.names import person_noun

# fmt: off
# More nouns that denote a person, with the gender they tell (None: nothing). General English
# vocabulary: occupations, roles, ranks, kinds of people.
MORE_PERSON_NOUNS: dict[str, str | None] = {
    "englishman": "male", "englishwoman": "female", "frenchman": "male",
    "frenchwoman": "female", "irishman": "male", "scotchman": "male", "scotsman": "male",
    "dutchman": "male", "countryman": "male", "countrywoman": "female", "kinsman": "male",
    "kinswoman": "female", "nobleman": "male", "noblewoman": "female", "gentlefolk": None,
    "madman": "male", "madwoman": "female", "horseman": "male", "footpad": None,
    "salesman": "male", "saleswoman": "female", "tradesman": "male", "craftsman": "male",
    "statesman": "male", "chairman": "male", "watchman": "male", "boatman": "male",
    "ferryman": "male", "huntsman": "male", "postman": "male", "milkman": "male",
    "fireman": "male", "alderman": "male", "clansman": "male", "yeoman": "male",
    "highwayman": "male", "spokesman": "male", "foreman": "male", "fisherwoman": "female",
    "washerwoman": "female", "milkmaid": "female", "dairymaid": "female", "chambermaid": "female",
    "barmaid": "female", "lady's-maid": "female", "seamstress": "female", "laundress": "female",
    "dressmaker": None, "milliner": None, "tailor": None, "shoemaker": None, "cobbler": None,
    "blacksmith": None, "smith": None, "carpenter": None, "mason": None, "baker": None,
    "butcher": None, "grocer": None, "innkeeper": None, "publican": None, "barber": None,
    "miller": None, "weaver": None, "tanner": None, "hatter": None, "peddler": None,
    "pedlar": None, "hawker": None, "huckster": None, "vendor": None, "dealer": None,
    "trader": None, "shopman": "male", "apothecary": None, "chemist": None, "druggist": None,
    "dentist": None, "practitioner": None, "attorney": None, "solicitor": None,
    "barrister": None, "notary": None, "scrivener": None, "copyist": None, "accountant": None,
    "bookkeeper": None, "cashier": None, "teller": None, "broker": None, "stockbroker": None,
    "financier": None, "capitalist": None, "manufacturer": None, "proprietor": None,
    "manager": None, "director": None, "overseer": None, "superintendent": None,
    "steward": None, "stewardess": "female", "bailiff": None, "sheriff": None,
    "deputy": None, "marshal": None, "jailer": None, "gaoler": None, "warder": None,
    "sentinel": None, "sentry": None, "watchman's": None, "scout": None, "spy": None,
    "messenger": None, "courier": None, "herald": None, "page": None, "usher": None,
    "attendant": None, "lackey": None, "groomsman": "male", "bridesmaid": "female",
    "chaperon": None, "chaperone": None, "matron": "female", "midwife": "female",
    "nursemaid": "female", "ayah": "female", "sahib": "male", "memsahib": "female",
    "coolie": None, "chauffeur": None, "cabman": "male", "cabby": None, "carter": None,
    "drover": None, "waggoner": None, "wagoner": None, "teamster": None, "ploughman": "male",
    "plowman": "male", "herdsman": "male", "cowboy": "male", "rancher": None, "settler": None,
    "pioneer": None, "colonist": None, "emigrant": None, "immigrant": None, "exile": None,
    "refugee": None, "pilgrim": None, "wanderer": None, "vagabond": None, "tramp": None,
    "hermit": None, "recluse": None, "prospector": None, "miner": None, "trapper": None,
    "explorer": None, "adventurer": None, "adventuress": "female", "navigator": None,
    "pilot": None, "croupier": None, "barman": "male", "conductor": None,
    "parlourmaid": "female", "parlormaid": "female", "mariner": None,
    "skipper": None, "boatswain": None, "crewman": "male",
    "midshipman": "male", "admiral": None, "commodore": None, "ensign": None,
    "cadet": None, "recruit": None, "veteran": None, "trooper": None, "dragoon": None,
    "hussar": None, "cavalryman": "male", "infantryman": "male", "rifleman": "male",
    "gunner": None, "archer": None, "marksman": "male", "swordsman's": None,
    "commandant": None, "governor": None, "viceroy": None, "ambassador": None,
    "envoy": None, "consul": None, "diplomat": None, "politician": None, "senator": None,
    "congressman": "male", "mayor": None, "councillor": None, "president": None,
    "premier": None, "chancellor": None, "monarch": None, "sovereign": None, "ruler": None,
    "tyrant": None, "despot": None, "regent": None, "czar": "male", "tsar": "male",
    "sultan": "male", "rajah": "male", "maharajah": "male", "khan": "male", "chief's": None,
    "marquis": "male", "marchioness": "female", "viscount": "male", "viscountess": "female",
    "baron": "male", "baroness": "female", "knight's": None, "courtier": None,
    "nobility": None, "aristocrat": None, "peer": None, "peeress": "female",
    "gentry": None, "commoner": None, "serf": None, "vassal": None, "tenant's": None,
    "cardinal": "male", "archbishop": "male", "abbot": "male", "abbess": "female",
    "friar": "male", "curate": "male", "rector": "male", "chaplain": None, "deacon": None,
    "preacher": None, "missionary": None, "prophet": None, "prophetess": "female",
    "saint": None, "martyr": None, "sinner": None, "heretic": None, "pagan": None,
    "heathen": None, "believer": None, "disciple": None, "apostle": None, "christian": None,
    "jew": None, "catholic": None, "protestant": None, "puritan": None, "quaker": None,
    "brahmin": None, "magician": None, "sorcerer": "male", "sorceress": "female",
    "enchantress": "female", "fairy": None, "giant": None, "dwarf": None, "goblin": None,
    "prisoner's": None, "convict": None, "criminal": None, "culprit": None, "outlaw": None,
    "robber": None, "burglar": None, "pickpocket": None, "smuggler": None, "pirate": None,
    "bandit": None, "brigand": None, "ruffian": None, "bully": None, "assassin": None,
    "executioner": None, "hangman": "male", "victim": None, "captive": None,
    "hostage": None, "suspect": None, "witness": None, "accomplice": None, "informer": None,
    "traitor": None, "conspirator": None, "rebel": None, "revolutionist": None,
    "revolutionary": None, "anarchist": None, "socialist": None, "radical": None,
    "reformer": None, "philanthropist": None, "benefactor": None, "patron": None,
    "patroness": "female", "protector": None, "guardian": None, "ward": None,
    "heir-apparent": None, "successor": None, "predecessor": None, "rival's": None,
    "opponent": None, "adversary": None, "foe": None, "antagonist": None, "champion": None,
    "victor": None, "conqueror": None, "invader": None, "survivor": None,
    "observer": None, "onlooker": None, "spectator": None, "bystander": None,
    "passer-by": None, "passerby": None, "audience": None, "listener": None,
    "reader": None, "narrator": None, "speaker": None, "correspondent": None,
    "journalist": None, "reporter": None, "editor": None, "publisher": None,
    "critic": None, "novelist": None, "dramatist": None, "playwright": None,
    "composer": None, "pianist": None, "violinist": None, "fiddler": None, "piper": None,
    "sculptor": None, "architect": None, "engineer": None, "mechanic": None,
    "inventor": None, "scientist": None, "chemist's": None, "astronomer": None,
    "philosopher": None, "mathematician": None, "historian": None, "economist": None,
    "student's": None, "schoolboy": "male", "schoolgirl": "female", "schoolfellow": None,
    "playmate": None, "playfellow": None, "instructor": None, "lecturer": None,
    "headmaster": "male", "headmistress": "female", "principal": None, "dean": None,
    "graduate": None, "undergraduate": None, "freshman": "male", "prefect": None,
    "monitor": None, "mentor": None, "disciple's": None, "follower": None,
    "admirer": None, "suitor": None, "wooer": None, "beau": "male", "belle": "female",
    "flirt": None, "coquette": "female", "dandy": "male", "fop": "male", "gallant": "male",
    "bachelor": "male", "spinster": "female", "maid's": None, "virgin": "female",
    "mistress's": None, "paramour": None, "fiance": "male", "fiancee": "female",
    "spouse": None, "consort": None, "widow's": None, "grandparent": None,
    "grandchild": None, "granny": "female", "grandma": "female", "grandpa": "male",
    "grandmamma": "female", "grandpapa": "male", "mammy": "female", "pa": "male",
    "ma": "female", "pop": "male", "auntie": "female", "aunty": "female", "stepson": "male",
    "stepdaughter": "female", "stepbrother": "male", "stepsister": "female",
    "half-brother": "male", "half-sister": "female", "godmother": "female",
    "godfather": "male", "godchild": None, "offspring": None, "progeny": None,
    "kinsfolk": None, "kin": None, "family": None, "household": None, "crowd": None,
    "crew": None, "gang": None, "mob": None, "throng": None, "multitude": None,
    "congregation": None, "troop": None, "regiment": None, "band": None,
    "brethren": None, "sisterhood": None, "brotherhood": None, "clan": None,
    "tribe": None, "populace": None, "peasantry": None, "mankind": None,
    "humanity": None, "everyone": None, "everybody": None, "somebody": None,
    "someone": None, "anybody": None, "anyone": None, "nobody": None,
    "youngster's": None, "urchin": None, "brat": None, "imp": None, "babe": None,
    "toddler": None, "adolescent": None, "maid-servant": "female", "manservant": "male",
    "man-servant": "male", "serving-man": "male", "serving-maid": "female",
    "servant-girl": "female", "errand-boy": "male", "office-boy": "male", "bootblack": None,
    "newsboy": "male", "stable-boy": "male", "stableman": "male", "ostler": None,
    "hostler": None, "jockey": None, "huntress": "female", "poetess": "female",
    "authoress": "female", "murderess": "female", "negress": "female", "quadroon": None,
    "mulatto": None, "creole": None, "indian": None, "savage's": None, "native's": None,
    "foreigner's": None, "american": None,
    "german": None, "italian": None, "spaniard": None, "russian": None, "turk": None,
    "arab": None, "greek": None, "roman": None, "yankee": None, "cockney": None,
    "highlander": None, "lowlander": None, "islander": None, "mountaineer": None,
    "villager's": None, "townsman": "male", "townsfolk": None, "townspeople": None,
    "countryfolk": None, "neighbour's": None, "lodger": None, "boarder": None,
    "occupant": None, "resident": None, "householder": None, "housewife": "female",
    "charwoman": "female", "scullery-maid": "female", "kitchen-maid": "female",
    "parlour-maid": "female", "parlor-maid": "female", "nursery-maid": "female",
    "cook's": None, "lady-in-waiting": "female", "maid-of-honour": "female",
    "customer": None, "client": None, "buyer": None, "seller": None, "purchaser": None,
    "creditor": None, "debtor": None, "borrower": None, "lender": None, "usurer": None,
    "miser": None, "spendthrift": None, "gambler": None, "drunkard": None, "sot": None,
    "loafer": None, "idler": None, "rogue's": None, "knave": None, "villainess": "female",
    "hypocrite": None, "liar": None, "cheat": None, "coward": None, "braggart": None,
    "simpleton": None, "dunce": None, "booby": None, "blockhead": None, "ninny": None,
    "lunatic": None, "maniac": None, "invalid": None, "cripple": None, "sufferer": None,
    "mourner": None, "corpse": None, "deceased": None, "bachelor's": None,
    "beauty": "female", "goddess": "female", "god": "male", "deity": None, "mortal": None,
    "soul": None, "human": None, "being": None, "worthy": None, "sage": None,
    "genius": None, "hero's": None, "heroine's": None, "protagonist": None,
    "character": None, "player": None, "performer": None, "actor's": None,
    "clown": None, "jester": None, "juggler": None, "acrobat": None, "mummer": None,
    "masker": None, "reveller": None, "dancer's": None, "waltzer": None, "partner's": None,
    "host's": None, "guest's": None, "hostess's": None, "colleague": None,
    "associate": None, "collaborator": None, "confederate": None, "confidant": None,
    "confidante": "female", "intimate": None, "playfellow's": None, "pal": None,
    "chum": None, "crony": None, "buddy": None, "fellow-traveller": None,
    "fellow-creature": None, "fellow-man": "male", "tourist": None, "sightseer": None,
    "sportsman": "male", "hunter's": None, "angler": None, "climber": None,
    "rider": None, "cyclist": None, "swimmer": None, "runner": None, "drummer": None,
    "trumpeter": None, "bugler": None, "singer's": None, "chorister": None,
    "organist": None, "sexton": None, "verger": None, "beadle": None, "clerk's": None,
    "undertaker": None, "gravedigger": None, "physician's": None, "nurse's": None,
}
# fmt: on
MORE_PERSON_NOUNS = {k: v for k, v in MORE_PERSON_NOUNS.items() if not k.endswith("'s")}
# Heads that only name a group: the phrase is plural though the noun is singular.
GROUP_NOUNS = frozenset(
    """family household crowd crew gang mob throng multitude congregation troop regiment band
    brethren sisterhood brotherhood clan tribe populace peasantry mankind humanity kinsfolk kin
    gentry nobility audience offspring progeny gentlefolk townsfolk townspeople
    countryfolk""".split()
)
# Words that stand for "someone" or "everyone" on their own: mentions, but never antecedents.
QUANTIFIED = frozenset("everyone everybody somebody someone anybody anyone nobody".split())
# Person nouns whose other senses are far more common in narration ("a human being", "the
# character of", "in high spirits", "his youth"): never heads.
NOT_HEADS = frozenset(
    """being character figure acquaintance spirit page youth beauty relation party mankind
    humanity household regiment ghost soul human""".split()
)
# Person nouns that are also adjectives ("the general opinion", "a native village"): heads only
# when nothing but punctuation or a function word follows.
ADJECTIVE_HEADS = frozenset(
    """general native american german italian russian english french indian principal chief
    mortal savage intimate invalid worthy deceased dear darling christian catholic protestant
    jewish roman greek arab turk spanish dutch irish scotch private""".split()
)
# Nouns used bare, with no determiner, for one person: "Yes, sir", "Mother was out".
BARE_SINGULAR = frozenset(
    """sir madam ma'am mother father papa mamma mama pa ma mum mom dad daddy mummy grandmother
    grandfather grandma grandpa granny uncle aunt auntie nurse cousin""".split()
)
# Determiners, with their kind.
DETERMINERS = {
    "the": "definite", "this": "definite", "that": "definite", "these": "definite",
    "those": "definite", "a": "indefinite", "an": "indefinite", "some": "indefinite",
    "any": "indefinite", "no": "indefinite", "every": "indefinite", "each": "indefinite",
    "another": "indefinite", "one": "indefinite", "two": "indefinite", "three": "indefinite",
    "four": "indefinite", "five": "indefinite", "six": "indefinite", "several": "indefinite",
    "many": "indefinite", "few": "indefinite", "all": "indefinite", "both": "indefinite",
    "his": "possessive", "her": "possessive",
    "my": "possessive", "your": "possessive", "our": "possessive", "their": "possessive",
    "its": "possessive", "thy": "possessive",
}  # fmt: skip
# Words that are never the describing words of a nominal phrase.
NOT_MODIFIERS = frozenset(
    """a an the and or but nor of to in on at by for with from as is was were be been being are
    am has had have do did does not no so that this these those which who whom whose what when
    where while if then than his her my your our their its it he she they we you i me him them
    us very too also only just even more most much many own same such there here into upon
    over under about after before said says say says asked told saw seen see heard felt knew
    thought went came come go gone made make gave give took take got get let would could should
    will shall can may might must never ever always often once again yet still now how why all
    both each every any some one two three four five six several few other another either
    neither till until since because though although unless whether thy thine thou ye up down
    out off away back like among amongst beside behind between through without within toward
    towards against during except near""".split()
)
# The head must not be followed by these (the word is then a verb or part of a bigger noun).
_TOKEN = re.compile(r"[A-Za-z]+(?:-[A-Za-z]+)*(?:['’](?!s\b)[A-Za-z]+)*|['’]s\b|\S")


@dataclass(frozen=True)
class Nominal:
    """A nominal person mention found in the text."""

    start: int
    end: int
    det: str  # definite, indefinite, possessive, bare, quantified
    head: str  # singular head noun
    mods: tuple[str, ...]
    plural: bool
    gender: str | None
    owner: tuple[int, int] | None = None  # span of the possessor ("his", "Emma's" -> Emma)
    core_end: int = 0  # the end of the head noun, before "of ..." or "who ..."


def _tokens(text: str, start: int, end: int) -> list[tuple[int, int, str]]:
    """The words and marks of text[start:end] as (start, end, token)."""
    return [(m.start(), m.end(), m.group()) for m in _TOKEN.finditer(text, start, end)]


@lru_cache(maxsize=1 << 16)
def person_word(word: str) -> tuple[str, str | None, bool] | None:
    """(singular, gender, plural) when a lower-case word names a person or group, else None."""
    found = person_noun(word)
    if found is not None:
        return found
    if word in MORE_PERSON_NOUNS:
        return word, MORE_PERSON_NOUNS[word], word in GROUP_NOUNS
    singular = None
    if word.endswith("men") and word[:-3] + "man" in MORE_PERSON_NOUNS:
        singular = word[:-3] + "man"
    elif word.endswith("ies") and word[:-3] + "y" in MORE_PERSON_NOUNS:
        singular = word[:-3] + "y"
    elif word.endswith("es") and word[:-2] in MORE_PERSON_NOUNS and word[:-2].endswith("ss"):
        singular = word[:-2]
    elif word.endswith("s") and not word.endswith("ss") and word[:-1] in MORE_PERSON_NOUNS:
        singular = word[:-1]
    if singular is None:
        listed = person_nouns.lookup(word)
        if listed is not None:
            return listed[0], None, listed[1]
        first, dash, last = word.rpartition("-")
        inner = person_word(last) if dash and first and last not in ADJECTIVE_HEADS else None
        if inner is None or inner[0] in NOT_HEADS:
            return None  # "dinner-parties"
        return f"{first}-{inner[0]}", inner[1], inner[2]
    if singular in QUANTIFIED:
        return None
    return singular, MORE_PERSON_NOUNS[singular], True


# Numbers and quantities that can follow a definite or possessive determiner: "her two sons".
_COUNTS = frozenset("one two three four five six several many few".split())
# "some", "any", "no", "every" before "one" or "body" make a person pronoun: "some one".
_SPLIT_QUANTIFIED = {"some": "someone", "any": "anyone", "no": "nobody", "every": "everyone"}
# Function words that describe a person noun after a determiner: "the other men", "a most
# charming person"; the adverbs among them are dropped from a phrase with no determiner.
_ADVERBS = frozenset({"most", "very", "more"})
_INNER_MODIFIERS = frozenset({"other", "own"}) | _ADVERBS


# Ranks that stand for a person after "the" or "her": "the eldest of the four".
_RANKED = frozenset("eldest youngest elder younger oldest".split())
# Words before "a" that belong to the phrase: "such a man", "many a squire".
_PREDETERMINERS = frozenset("such many what quite".split())
# Tokens a nominal's phrase can span at most (describing words, two short phrases after the
# head, a relative clause of under 40 tokens): how far a partitive looks for its group.
_PHRASE_TOKENS = 80
# Words that pick some of a group: "one of us", "none of the boys".
_PARTITIVES = frozenset(
    "one some many few several none all each any most two three four both either neither".split()
)


def _partitive_end(text: str, tokens: list[tuple[int, int, str]], k: int, names) -> int | None:
    """The end of "us", "you" or a plural person phrase ("the boys") at tokens[k], else None."""
    if tokens[k][2].lower() in ("us", "you"):
        return tokens[k][1]
    window_end = tokens[min(k + _PHRASE_TOKENS, len(tokens)) - 1][1]
    group = next(find_nominals(text, tokens[k][0], window_end, names), None)
    if group is not None and group.start == tokens[k][0] and group.plural:
        return group.end
    return None


_LISTED_ADJECTIVE = re.compile(r"[a-z]+(?:-[a-z]+)*$")


def _listed_adjective(word: str) -> bool:
    """A word before a comma that may be one of a list of adjectives ("tall, elegant")."""
    return (
        _LISTED_ADJECTIVE.match(word) is not None
        and word not in NOT_MODIFIERS
        and person_word(word) is None
    )


def _verb_like(word: str) -> bool:
    """A lower-case word that may be the verb before a bare plural ("kills soldiers"); not a
    compound adjective ("good-natured")."""
    if "-" in word:
        return False
    return word.endswith(("ed", "ing")) or (word.endswith("s") and not word.endswith("ss"))


def find_nominals(
    text: str, start: int, end: int, names: dict[tuple[int, int], object] | None = None
) -> Iterator[Nominal]:
    """Yield the nominal person mentions in text[start:end], in order."""
    tokens = _tokens(text, start, end)
    owners = {} if names is None else {span[1]: span for span in names}
    for i, (h_start, h_end, word) in enumerate(tokens):
        lower = word.lower()
        if not word[0].isalpha():
            continue
        if lower in ("one", "body") and i > 0 and tokens[i - 1][2].lower() in _SPLIT_QUANTIFIED:
            if i + 1 >= len(tokens) or tokens[i + 1][2].lower() != "of":
                first = tokens[i - 1][0]
                yield Nominal(first, _extent(tokens, i, text, that=True), "quantified",
                              _SPLIT_QUANTIFIED[tokens[i - 1][2].lower()], (), False, None,
                              core_end=h_end)  # fmt: skip
            continue
        if lower in _PARTITIVES and i + 2 < len(tokens) and tokens[i + 1][2].lower() == "of":
            whole = _partitive_end(text, tokens, i + 2, names)
            if whole is not None:  # "one of us", "some of the boys"
                yield Nominal(h_start, whole, "quantified", lower, (), lower != "one", None,
                              core_end=h_end)  # fmt: skip
            continue
        if (
            lower in _RANKED
            and i > 0
            and DETERMINERS.get(tokens[i - 1][2].lower()) in ("definite", "possessive")
            and (
                i + 1 == len(tokens)
                or not tokens[i + 1][2][0].isalpha()
                or tokens[i + 1][2].lower() == "of"
            )
        ):
            yield Nominal(tokens[i - 1][0], _extent(tokens, i, text), "definite", lower, (),
                          False, None, core_end=h_end)  # fmt: skip
            continue  # "the eldest of the four", "her youngest"
        if lower == "those" and i + 1 < len(tokens) and tokens[i + 1][2].lower() in _RELATIVE:
            yield Nominal(h_start, _extent(tokens, i, text, i), "quantified", "those", (), True,
                          None, core_end=h_end)  # fmt: skip
            continue  # "those who knew him"
        found = person_word(lower)
        if found is None or (
            word[0].isupper()
            and not found[2]  # "Indians", "Men" are no names
            and lower not in BARE_SINGULAR
            and i > 0
            and tokens[i - 1][2].lower() not in DETERMINERS
        ):
            continue  # capitalised words after no determiner are names' business
        if lower in NOT_HEADS or found[0] in NOT_HEADS:
            continue
        if i + 1 < len(tokens):
            after = tokens[i + 1][2].lower()
            if person_word(after) is not None and after not in QUANTIFIED:
                continue  # "the man servant": the head is the last noun
            if lower in ADJECTIVE_HEADS and after[0].isalpha() and after not in NOT_MODIFIERS:
                continue
        singular, gender, plural = found
        if lower in QUANTIFIED:
            end = _extent(tokens, i, text, that=True)  # "somebody that was dead"
            yield Nominal(h_start, end, "quantified", singular, (), False, None, core_end=h_end)
            continue
        if word[0].isupper() and lower in BARE_SINGULAR:
            yield Nominal(h_start, h_end, "bare", singular, (), False, gender, core_end=h_end)
            continue  # "Mother", "Father": used as a name, with nothing before it
        mods: list[str] = []
        j = i - 1
        det = None
        owner = None
        first = i
        listed = None  # how many describing words follow a comma in a list of them
        while j >= 0 and len(mods) <= 3:
            t_start, t_end, token = tokens[j]
            low = token.lower()
            if low in DETERMINERS and token[0].isalpha():
                if low == "one" and mods:
                    break
                det, first = DETERMINERS[low], j
                if low in _COUNTS and j > 0:  # "the two daughters", "her three sons"
                    before = tokens[j - 1][2].lower()
                    if DETERMINERS.get(before) in ("definite", "possessive"):
                        det, first, j = DETERMINERS[before], j - 1, j - 1
                        t_start, t_end = tokens[j][0], tokens[j][1]
                if det == "possessive":
                    owner = (t_start, t_end)
                elif low in ("a", "an") and j > 0 and tokens[j - 1][2].lower() in _PREDETERMINERS:
                    first = j - 1  # "such a man", "many a country squire"
                elif low in ("that", "this") and plural:
                    det, first = None, j + 1  # "that common workmen": "that" joins a clause
                break
            if low in ("'s", "’s") and j > 0 and t_start - tokens[j - 1][1] <= 1:
                span = owners.get(tokens[j - 1][1])
                starts = (k for k in range(j - 1, -1, -1) if span and tokens[k][0] == span[0])
                at = next(starts, None)
                if at is not None:  # "Emma's father", "the Judge's sons", "my brother's wife"
                    det, owner, first = "possessive", span, at
                break
            if token == "," and mods and j > 0 and _listed_adjective(tokens[j - 1][2]):
                listed = len(mods) if listed is None else listed
                j -= 1  # "a tall, elegant girl": adjectives in a list
                continue
            compound = j == i - 1 and person_word(low) is not None  # "girl students"
            if not token[0].isalpha() or (
                (low in NOT_MODIFIERS and low not in _INNER_MODIFIERS)
                or (person_word(low) is not None and not compound)
            ):
                break
            if token[0].isupper() and (j == 0 or not tokens[j - 1][2][0].isalpha()):
                break  # the capitalised first word of a sentence
            before = tokens[j - 1][2].lower() if j > 0 else ""
            if _verb_like(low) and before not in DETERMINERS and before not in _ADVERBS:
                break  # "the storm drowned seafaring men": a verb, unless "the drowned men"
            mods.insert(0, low)
            j -= 1
        if det is None:
            if listed is not None:
                mods = mods[len(mods) - listed :]  # no determiner: the list may be a clause
            while mods and (_verb_like(mods[0]) or mods[0] in _ADVERBS):
                mods.pop(0)  # "kills angry soldiers": no telling the verb from an adjective
            if not plural and lower not in BARE_SINGULAR:
                continue
            if mods and len(mods) > 2:
                continue
            det, first = "bare", i - len(mods)
        elif len(mods) > 3:
            continue
        ranked = any(m in _RANKING or m.endswith("est") for m in mods)  # "the happiest … that"
        nominal = Nominal(tokens[first][0], _extent(tokens, i, text, first, ranked), det, singular,
                          tuple(mods), plural, gender, owner, h_end)  # fmt: skip
        owners[h_end] = (nominal.start, h_end)
        yield nominal


_CLAUSE_END = frozenset('.,;:!?()"“”‘’—')
_RELATIVE = frozenset({"who", "whom", "whose"})
_OF_STOP = NOT_MODIFIERS - {"the", "a", "an", "his", "her", "my", "your", "our", "their", "this",
                            "that", "these", "those", "its"}  # fmt: skip
# Prepositions whose phrase a nominal takes in: "the son of the forest", "a lady in black".
EXTEND_AFTER = frozenset("of in".split())
# Adverbs inside a short noun phrase: "of about thirty", "of a most indulgent father".
_PHRASE_ADVERBS = _ADVERBS | {"about"}
_ABBREVIATED_TITLES = frozenset("mr mrs ms dr st".split())
_ABSOLUTE_POSSESSIVES = frozenset("mine yours his hers ours theirs".split())


def _phrase_after(tokens: list[tuple[int, int, str]], k: int) -> int:
    """The index after a short noun phrase that starts at tokens[k], or k when there is none."""
    if (
        k < len(tokens)
        and tokens[k - 1][2].lower() == "of"
        and tokens[k][2].lower() in _ABSOLUTE_POSSESSIVES
        and (k + 1 == len(tokens) or not tokens[k + 1][2][0].isalpha())
    ):
        return k + 1  # "a friend of his"
    words = 0
    m = k
    while m < len(tokens) and words < 4:
        token = tokens[m][2]
        low = token.lower()
        if token == "." and m > k and tokens[m - 1][2].lower() in _ABBREVIATED_TITLES:
            m += 1  # "the son of Mr. Linden"
            continue
        if not token[0].isalpha() and low not in ("'s", "’s"):
            break
        if (
            low in _OF_STOP
            and not (words == 0 and low in DETERMINERS)
            and low not in _COUNTS
            and low not in _PHRASE_ADVERBS
        ):
            break
        words += 1
        m += 1
    if words and (words > 1 or tokens[k][2].lower() not in DETERMINERS):
        return m
    return k


# Describing words after which "that" opens a relative clause: "the happiest family that".
_RANKING = frozenset({"most", "only", "first", "last", "least"})
# Finite verbs that end a relative clause in a subject: "the man who came in was tall".
_FINITE = frozenset("was were is are has had did does would could should will might must".split())
_CLAUSE_GLUE = frozenset("and or but who that which whom not never".split())


def _extent(
    tokens: list[tuple[int, int, str]],
    head: int,
    text: str,
    first: int | None = None,
    that: bool = False,
) -> int:
    """Where the phrase whose head is tokens[head] ends: after "of the Church", "who sang"."""
    end = tokens[head][1]
    k = head + 1
    if k < len(tokens) and tokens[k][2].lower() == "else":
        end, k = tokens[k][1], k + 1  # "somebody else"
    for _ in range(2):
        if k >= len(tokens) or tokens[k][2].lower() not in EXTEND_AFTER:
            break
        after = _phrase_after(tokens, k + 1)
        if after == k + 1:
            break
        end, k = tokens[after - 1][1], after
    r = k + 1 if k < len(tokens) and tokens[k][2] == "," else k
    if r < len(tokens) and (
        tokens[r][2].lower() in _RELATIVE or (that and r == k and tokens[r][2].lower() == "that")
    ):
        m = r + 1
        if m < len(tokens) and tokens[m][2] == ",":  # "who, from his youth upwards, has"
            close = next(
                (n for n in range(m + 1, min(m + 15, len(tokens))) if tokens[n][2] == ","), None
            )
            m = m if close is None else close + 1
        subject = first is not None and (first == 0 or tokens[first - 1][2] in _CLAUSE_END)
        while m < len(tokens) and tokens[m][2] not in _CLAUSE_END and m - r < 40:
            if subject and m > r + 2 and tokens[m][2].lower() in _FINITE:
                if tokens[m - 1][2].lower() not in _CLAUSE_GLUE | _FINITE:
                    break  # "The people who hurried by did not see him": ends before "did"
            m += 1
        if m - r < 40 and m > r + 1:
            end = tokens[m - 1][1]
    return end


# Describing words that come before a name with no determiner: "old Cotter", "poor Jemima".
_NAME_EPITHETS = frozenset("old young little late big".split())
_ADJECTIVE_ENDINGS = ("ous", "ful", "ive", "able", "ible", "ish", "less", "ly")


def _describes(word: str) -> bool:
    """A lower-case word that reads as an adjective before a name ("amiable", "sweet-looking")."""
    return (
        word in _NAME_EPITHETS
        or word.endswith(_ADJECTIVE_ENDINGS)
        or ("-" in word and word.endswith(("ing", "ed")))
    )


_WORD_BEFORE = re.compile(r"([A-Za-z]+(?:-[A-Za-z]+)*)\s+$")


def name_phrase_start(text: str, start: int) -> int:
    """Where the noun phrase around a name that starts at `start` begins: "the amiable Miss
    Sedley", "old Cotter"; `start` itself when no describing word comes before it."""
    words: list[tuple[int, str]] = []
    at = start
    while len(words) < 3:
        found = _WORD_BEFORE.search(text, max(0, at - 40), at)
        if found is None:
            break
        word = found.group(1)
        low = word.lower()
        if low in DETERMINERS and DETERMINERS[low] != "indefinite" or low in ("a", "an"):
            if words and all(_describes(w) for _, w in words):
                return found.start(1)  # "the amiable Miss Sedley", "her poor Harriet"
            if not words and (low in ("the", "a", "an") or DETERMINERS[low] == "possessive"):
                return found.start(1)  # "the Ayah", "a Miss Taylor", "her Ladyship"
            break
        if not word.islower() and not (word[0].isupper() and low in _NAME_EPITHETS):
            break
        words.append((found.start(1), low))
        at = found.start(1)
    while words and words[-1][1] not in _NAME_EPITHETS:
        words.pop()
    if words and all(w in _NAME_EPITHETS for _, w in words):
        return words[-1][0]  # "old Cotter", "poor little Jemima"
    return start


_NOT_PLURAL_NOUNS = frozenset(
    "us is was has does this its thus less ours yours hers always".split()
)


def plural_things(text: str, start: int, end: int) -> list[int]:
    """Where the plural noun phrases in text[start:end] that name no person end: "his legs",
    "the old sentences", "these feathers"; the phrases "they" or "them" may stand for."""
    tokens = _tokens(text, start, end)
    found = []
    for i, (_, t_end, word) in enumerate(tokens):
        low = word.lower()
        if (
            not word.islower()
            or len(low) < 4
            or not low.endswith("s")
            or low.endswith(("ss", "us", "is"))
            or low in _NOT_PLURAL_NOUNS
            or person_word(low) is not None
        ):
            continue
        before = [tokens[k][2].lower() for k in range(max(0, i - 3), i)]
        if any(DETERMINERS.get(b) in ("definite", "possessive") or b in _COUNTS for b in before):
            if not any(b in NOT_MODIFIERS and b not in DETERMINERS for b in before[-1:]):
                found.append(t_end)
    return found


_NAME_TAIL = re.compile(
    r"\s+(?:of\s+(?:the\s+)?[A-Z][a-z]+(?:\s+[A-Z][a-z]+)*|(?:II|III|IV|VI|VII|VIII)\b)"
)


def name_phrase_end(text: str, end: int) -> int:
    """Where the noun phrase around a name that ends at `end` ends: "Jack Carter of Virginia",
    "Napoleon III"."""
    found = _NAME_TAIL.match(text, end)
    return found.end() if found else end
