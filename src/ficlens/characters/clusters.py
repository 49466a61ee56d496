"""Gather mentions into characters: names under their honorifics, titles and full forms,
inner voices linked to their host, then epithets and pronouns resolved to the character the
narration is tracking."""

from __future__ import annotations

import re
from collections import Counter, defaultdict

from ficlens.characters.given_names import name_gender
from ficlens.characters.mentions import RawMention
from ficlens.characters.names import HONORIFICS, TITLES, join_particles, normalise_honorific
from ficlens.characters.salience import her_is_object, name_role, pronoun_role
from ficlens.document import Document
from ficlens.model import Character, Mention
from ficlens.pipeline import stage
from ficlens.quotes.verbs import SPEECH_VERBS

_WINDOW_PARAGRAPHS = 5
_AFTER_PREPOSITION = re.compile(r"\b(?:on|to|at|of|with|for|by|from|in|about|upon)\s+$")
_MARRIED = frozenset({"mrs", "madame", "mme", "signora", "frau"})
_POSSESSIVE = re.compile(r"['’]s?$")
_OBLIQUE = re.compile(r"\b(?:of|to|at|from|with|for|by)\s+(?:the\s+)?$")
_INVERTED_TAG = re.compile(r"\b(?:" + "|".join(sorted(SPEECH_VERBS)) + r")\s+$")
_PLACED = re.compile(r"\s+(?:beside|behind|next\s+to|near|opposite)\s+(?:her|him|them|me|us)\b")
_NARRATOR_OPENS = re.compile(r"\W*(?:I|We)\b")
# What follows a name that is the subject of its clause: a verb, perhaps after an adverb
# ("Henry slowly turned", "Anne had", "Mira thinks"). A name followed by "'s", a full stop or
# "and" is an owner, an object or half of a pair, and the pronouns after it are not its own.
_SUBJECT_AFTER = re.compile(
    r"\s+(?:[a-z]+ly\s+|then\s+|now\s+|also\s+|only\s+|still\s+|never\s+|at\s+once\s+)?"
    r"(?:[a-z]{2,}ed|[a-z]{2,}[^s\W]s|was|is|had|has|did|does|would|could|should|will|can|"
    r"might|must|may|shall|said|went|took|saw|came|sat|stood|ran|felt|knew|thought|made|gave|"
    r"got|began|kept|left|told|found|held|heard|spoke|drew|rose|fell|threw|wrote|put|let|set|"
    r"met|led|lay|wore|caught|brought|bought|fought|sought|taught|struck|shook|woke|broke|"
    r"chose|bit|hid|swore|tore|sang|rang|drank|ate|grew|flew|knelt|bent|sent|spent|meant|"
    r"slept|wept|swept|crept|leapt|dealt|stole|froze|rode|strode|smote|understood|became|"
    r"overheard|forgot|forgave|withdrew)\b"
)


class _UnionFind:
    def __init__(self) -> None:
        self.parent: dict = {}

    def find(self, key):
        self.parent.setdefault(key, key)
        while self.parent[key] != key:
            self.parent[key] = self.parent[self.parent[key]]
            key = self.parent[key]
        return key

    def union(self, a, b) -> None:
        self.parent[self.find(b)] = self.find(a)


def _key(mention: RawMention):
    name = mention.name
    if name.inner_voice:
        return ("inner", name.parts[-1])
    if name.role:
        return ("role", " ".join(name.parts))
    if len(name.parts) > 1:
        if name.title and TITLES.get(name.title):
            # "Mrs. Charles Wilcox" may be Charles's wife: kept apart from "Charles Wilcox"
            # until the genders are known.
            return ("tfull", TITLES[name.title], frozenset(name.parts))
        return ("full", frozenset(name.parts))
    if name.title in _MARRIED:  # "Mrs. Wilcox" is not "Miss Wilcox"
        return ("titled", "female", name.parts[0], "married")
    if name.title == "lady":  # "Lady Otway" is not "Miss Otway" (but "Lady Catherine" may be)
        return ("titled", "female", name.parts[0], "lady")
    if name.title:
        gender = TITLES.get(name.title)
        if gender is None:  # "Captain Tilney" is not "General Tilney"
            return ("titled", "any", name.parts[0], name.title.rstrip("."))
        return ("titled", gender, name.parts[0])
    return ("single", name.parts[0])


def _gender_votes(doc: Document, mentions: list[RawMention], keys: list) -> dict:
    """Count gender evidence per key: titles and honorifics (two votes each), and the pronouns a
    subject name takes ("Naruto called out from his…", "Sasuke turned. He…"; one vote each)."""
    votes: dict = defaultdict(Counter)
    first_in_sentence: dict[int, int] = {}
    names_in: Counter[int] = Counter()
    for index, mention in enumerate(mentions):
        first_in_sentence.setdefault(mention.sentence, index)
        if mention.kind != "pronoun":
            names_in[mention.sentence] += 1
    for index, mention in enumerate(mentions):
        if mention.kind == "pronoun" or keys[index] is None:
            continue
        if mention.gender:
            votes[keys[index]][mention.gender] += 2
        gender = _subject_pronoun(doc, mentions, index, first_in_sentence, names_in)
        if gender:
            votes[keys[index]][gender] += 1
    return votes


def _subject_pronoun(doc, mentions, index, first_in_sentence, names_in) -> str | None:
    """The gender of the pronoun that refers back to mention `index`, when the mention is the
    subject of its clause in the narration and the pronoun can only be its own."""
    mention = mentions[index]
    if mention.quote is not None or _POSSESSIVE.search(mention.surface):
        return None
    opening = doc.view[doc.sentences[mention.sentence].start : mention.start]
    acts = _acts(doc, mention.start, mention.end, mention.sentence)
    if not (acts or _NARRATOR_OPENS.match(opening)):  # (but "I saw Hana. She…")
        return None  # "Anne's views, she…", "…saw Wentworth. She…"
    if first_in_sentence[mention.sentence] != index and names_in[mention.sentence] > 1:
        return None
    before = mentions[index - 1] if index else None
    if before is not None and before.sentence == mention.sentence and before.quote is None:
        return None  # "She kissed Henry and smiled at him": an object's pronouns are not its own
    after = mentions[index + 1] if index + 1 < len(mentions) else None
    if after is None or after.kind != "pronoun" or after.quote is not None:
        return None
    word = after.surface.lower()
    if after.sentence == mention.sentence:
        # "Henry looked at her", "Anne told him": an object is someone else.
        objected = word == "him" or (word == "her" and her_is_object(doc.view, after.end))
        return None if objected else after.gender
    lead = doc.view[max(0, mention.start - 12) : mention.start]
    next_subject = (
        not _AFTER_PREPOSITION.search(lead)  # "…the conversation on Henry. She…"
        and after.sentence == mention.sentence + 1
        and first_in_sentence.get(after.sentence) == index + 1
        and word in ("he", "she")
    )
    return after.gender if next_subject else None


def _decide(votes: Counter) -> str:
    male, female = votes.get("male", 0), votes.get("female", 0)
    if male + female == 0:
        return "unknown"
    if male >= 2 * female and male >= 1:
        return "male"
    if female >= 2 * male and female >= 1:
        return "female"
    return "unknown"


def _compatible(a: str, b: str | None) -> bool:
    return b in (None, "any", "unknown") or a in ("unknown", "any") or a == b


def declared_forms(name: str) -> tuple[str | None, tuple[str, ...]]:
    """Take a declared name apart: "Sakura-chan" -> (None, ("Sakura",)), "Mr. Woodhouse" ->
    ("mr", ("Woodhouse",))."""
    words = [w for w in re.split(r"\s+", name.replace(".", " ").strip()) if w]
    title = None
    if len(words) > 1 and words[0].lower() in TITLES:
        title, words = words[0].lower(), words[1:]
    plain = []
    for word in join_particles(words):
        head, _, suffix = word.partition("-")
        if suffix and normalise_honorific(suffix) in HONORIFICS:
            word = head
        plain.append(_POSSESSIVE.sub("", word))
    return title, tuple(plain)


def _declared_keys(cast: list[list[str]]) -> dict:
    """Map each name key a declared character's names produce to the declared indexes."""
    owners: dict = defaultdict(set)
    for index, names in enumerate(cast):
        for name in names:
            title, parts = declared_forms(name)
            if not parts:
                continue
            if title:
                owners[("titled", TITLES.get(title) or "any", parts[-1])].add(index)
                if len(parts) > 1:
                    owners[("full", frozenset(parts))].add(index)
            elif len(parts) > 1:
                owners[("full", frozenset(parts))].add(index)
                for part in parts:  # "Mira" of "Mira Vance", unless another declared name has it
                    owners[("single", part)].add(index)
            else:
                owners[("single", parts[0])].add(index)
    return owners


def _dominant(keys: list, single, owner_of: dict) -> set:
    """The one person a first name shared by several full names stands for: the one whose
    full name at least two thirds of its uses follow more closely than the others' ("May"
    after "May Welland", though she is "May Archer" later); else the one it was used for at
    least five times, and for a fifth of its uses, before any namesake's full name appeared
    ("Charles" for "Charles Musgrove" before "Charles Hayter" comes, written in full ever
    after); else the one whose full names are written at least five times as often as all the
    others' together ("John" of John Dashwood, not of John Smith, written once); else all of
    them."""
    last = None
    seen: set = set()
    followed: Counter = Counter()
    first: Counter = Counter()
    for key in keys:
        if key in owner_of:
            last = owner_of[key]
            seen.add(last)
        elif key == single and last is not None:
            followed[last] += 1
            if len(seen) == 1:
                first[last] += 1
    uses = sum(followed.values())
    if followed:
        person, count = followed.most_common(1)[0]
        if count * 3 >= uses * 2:
            return {person}
    if first:
        person, count = first.most_common(1)[0]
        if count >= 5 and count * 5 >= uses:
            return {person}
    return _most_written(keys, owner_of) or set(owner_of.values())


def _most_written(keys: list, owner_of: dict) -> set:
    """The one person whose names (keys of ``owner_of``) are written at least five times as
    often as all the others' together, or no one."""
    written = Counter(owner_of[key] for key in keys if key in owner_of)
    ranked = written.most_common()
    if len(ranked) > 1 and ranked[0][1] >= 5 * sum(count for _, count in ranked[1:]):
        return {ranked[0][0]}
    return set()


def cluster_names(doc: Document, mentions: list[RawMention]) -> tuple[list, dict, dict]:
    """Union name keys into people; return (keys per mention, root per key, gender per root)."""
    keys = [_key(m) if m.name else None for m in mentions]
    sets = _UnionFind()
    order: dict = {}  # full key -> the name words in written order
    full_titles: dict = defaultdict(set)  # full key -> titles it is written with ("dr")
    stands_for: dict = {}
    for mention, key in zip(mentions, keys, strict=True):
        if key:
            sets.find(key)
            if key[0] in ("full", "tfull"):
                order.setdefault(key, mention.name.parts)
                if mention.name.title:
                    full_titles[key].add(mention.name.title.rstrip(".").lower())
            if key[0] == "role" and mention.name.stands_for:
                stands_for[key] = mention.name.stands_for
    uses = Counter(keys)
    votes = _gender_votes(doc, mentions, keys)
    key_gender = {k: _decide(votes[k]) for k in sets.parent}
    # Words used after a title are surnames ("Mr. Bennet"); "Mrs. Charles" names a husband.
    titled_uses: Counter[str] = Counter()
    for key, count in uses.items():
        if key and key[0] == "titled" and key[-1] != "married":
            titled_uses[key[2]] += count

    def first_gender(key) -> str:
        """What the first name of a full name shows alone ("Charles ... he")."""
        return _decide(votes.get(("single", order[key][0]), Counter()))

    def wife_of_name(key) -> bool:
        """ "Mrs. John Dashwood": a woman called by her husband's full name."""
        return key[0] == "tfull" and key[1] == "female" and name_gender(order[key][0]) == "male"

    def full_gender(key) -> str:
        """A full name's gender, with what its first name alone shows ("Charles ... he")."""
        if key[0] == "tfull":
            return key[1]
        first = order[key][0]
        combined = Counter(votes[key])
        if uses[("single", first)] > titled_uses[first]:
            combined.update(votes.get(("single", first), Counter()))
        for gender in ("male", "female"):  # "Sir Walter Elliot" tells "Walter Elliot" is a man
            titled = ("tfull", gender, key[1])
            if titled in uses and _compatible(first_gender(titled), gender):
                if not wife_of_name(titled):  # "Mrs. John Dashwood" lends John no "she"
                    combined.update(votes[titled])
        return _decide(combined)

    def written_as(roots: set) -> dict:
        """Every full name of these people, to the person: "Mr. John Dashwood" too."""
        return {
            k: sets.find(k)
            for k in sets.parent
            if k[0] in ("full", "tfull") and sets.find(k) in roots
        }

    fulls = [k for k in sets.parent if k[0] == "full"]
    gender_of = {k: full_gender(k) for k in fulls}
    for key in [k for k in sets.parent if k[0] == "tfull"]:
        if wife_of_name(key):
            continue
        plain = ("full", key[2])
        if plain in sets.parent and _compatible(gender_of[plain], key[1]):
            sets.union(plain, key)
            continue
        # not "Mrs. Charles Wilcox" beside a male Charles
        if _compatible(first_gender(key), key[1]):
            fulls.append(key)
            gender_of[key] = key[1]
    for key in list(sets.parent):
        if key[0] != "titled" or key[-1] == "married":  # "Mrs. Harlow" is rarely "Nell Harlow"
            continue
        if key[-1] == "lady" and not any(order[f][0] == key[2] for f in fulls):
            continue  # "Lady Otway" (a wife) is not "Cassandra Otway"; "Lady Catherine" may be
        gender = key[1] if key[1] != "any" else key_gender[key]
        if key[1] == "any":  # "Dr. Archie" is the "Dr. Howard Archie" of the same title
            same_title = {
                sets.find(f) for f in fulls if key[2] in f[-1] and key[3] in full_titles[f]
            }
            if len(same_title) == 1:
                sets.union(same_title.pop(), key)
                continue
        if gender == "unknown":
            continue  # "Captain Morstan" of no known gender is not surely "Mary Morstan"
        # "Mr. Bennet" is not "Elizabeth Bennet": a gendered title joins a full name only
        # when the text shows that full name has the same gender.
        # "Mr. Knightley" beside "Mr. John Knightley" is the other Mr. Knightley.
        same = [
            f
            for f in fulls
            if key[2] in f[-1]
            and not (
                key[1] == "male"
                and order[f][-1] == key[2]
                and ("tfull", "male", f[-1]) in sets.parent
            )
        ]
        owners = {sets.find(f) for f in same}
        if gender not in ("any", "unknown"):
            matched = {sets.find(f) for f in same if gender_of[f] == gender}
            if len(matched) > 1 or any(gender_of[f] == "unknown" for f in same):
                # Not "Mr. Wilcox" beside a "Henry Wilcox" of unknown gender, unless one of
                # them is written far more: "Miss Welland" is May Welland (25 times), not
                # Augusta Welland (3).
                matched &= _most_written(keys, written_as(owners))
            owners = matched
        if len(owners) == 1:
            sets.union(owners.pop(), key)
    titled_by_part: dict = defaultdict(list)
    for key in sets.parent:
        if key[0] == "titled":
            titled_by_part[key[2]].append(key)
    for key in list(sets.parent):
        if key[0] != "single":
            continue
        word = key[1]
        gender = key_gender[key]
        if ("role", word) in sets.parent:
            sets.union(("role", word), key)
            continue
        candidates = {sets.find(t) for t in titled_by_part[word] if _compatible(gender, t[1])}
        candidates |= {
            sets.find(f) for f in fulls if word in f[-1] and _compatible(gender, gender_of[f])
        }
        if len(candidates) == 1:
            sets.union(candidates.pop(), key)
            continue
        begun = {f: sets.find(f) for f in fulls if order[f][0] == word}
        given = {  # "Jane" beside "Jane Andrews" and "Flora Jane": the one it begins
            root for f, root in begun.items() if _compatible(gender, gender_of[f])
        }
        plain = {root for f, root in begun.items() if f[0] == "full" and root in given}
        if len(given) > 1 and plain:  # not "Sir John Middleton", always "Sir John" by his title
            given = plain
        if len(given) > 1:  # "May" beside "May Welland" and (later) "May Archer"
            given = _dominant(keys, key, written_as(given))
        # no "Miss Jane" to claim it. Not claimants: "Mrs Charles" (his wife), and the one
        # person a man's, a lady's or a cousin's title goes with ("Sir Walter" is Walter
        # Elliot, "Lady Brett" is Brett Ashley, "Cousin Charles" is Charles Musgrove).
        claimed = [
            t
            for t in titled_by_part[word]
            if t[1] != "male" and t[-1] not in ("married", "lady", "cousin")
        ]
        if len(given) == 1 and not claimed:
            sets.union(given.pop(), key)
            continue
        if not candidates or any(order[f][0] == word for f in fulls if word in f[-1]):
            continue
        # A surname alone ("Elton", "Darcy") is the one man called Mr. Elton or Mr. Darcy.
        male = {sets.find(t) for t in titled_by_part[word] if t[1] == "male"}
        if len(male) == 1 and (gender == "male" or (gender == "unknown" and uses[key] >= 3)):
            sets.union(male.pop(), key)
    roles = [k for k in sets.parent if k[0] == "role"]
    for key in roles:
        # "the Rabbit" is the one "White Rabbit"; "the Colonel" the one "Colonel Saunders"
        # (a one-word titled key keeps its title only when the title tells no gender)
        owners = {sets.find(r) for r in roles if r[1].endswith(" " + key[1])}
        title = key[1].lower()
        if title in TITLES:
            owners |= {sets.find(k) for k in sets.parent if k[0] == "titled" and k[-1] == title}
            owners |= {sets.find(f) for f in fulls if title in full_titles[f]}
        if " " not in key[1] and len(owners) == 1:
            sets.union(owners.pop(), key)
    for key, name in stands_for.items():  # "the Godaime Tsunade": the Godaime is Tsunade
        if ("single", name) in sets.parent:
            sets.union(("single", name), key)
        else:
            owners = {sets.find(f) for f in fulls if name in f[-1]}
            owners |= {sets.find(t) for t in titled_by_part[name]}
            if len(owners) == 1:
                sets.union(owners.pop(), key)
    if doc.declared_cast:
        # A declared character (--characters, AO3 "Characters:" tags) exists with all its names;
        # every key one of its names produces joins it, when no other declared name claims it.
        declared = _declared_keys(doc.declared_cast)
        for index in range(len(doc.declared_cast)):
            sets.find(("declared", index))
        for key in list(sets.parent):
            if key[0] in ("inner", "role"):
                continue
            lookup = {"tfull": ("full", key[-1]), "titled": key[:3]}.get(key[0], key)
            owners = declared.get(lookup, set())
            if key[0] == "titled" and not owners:
                owners = declared.get(("titled", "any", key[2]), set())
            if len(owners) == 1:
                sets.union(("declared", next(iter(owners))), key)
    root_votes: dict = defaultdict(Counter)
    for key in sets.parent:
        root_votes[sets.find(key)].update(votes[key])
    genders = {root: _decide(v) for root, v in root_votes.items()}
    return keys, {k: sets.find(k) for k in sets.parent}, genders


def _clean(surface: str) -> str:
    surface = _POSSESSIVE.sub("", " ".join(surface.split())).rstrip("!?~.,")
    if surface.startswith("The "):
        surface = "the " + surface[4:]
    return surface


def _name_form(mention: RawMention) -> str:
    if mention.name.role:
        return "the " + " ".join(mention.name.parts)
    title = mention.surface.split()[0] if mention.name.title else ""
    return " ".join(([title] if title else []) + list(mention.name.parts))


def _modifiers(mention: RawMention) -> list[str]:
    """The describing words of an epithet: "the pink-haired kunoichi" -> ["pink-haired"]."""
    words = re.findall(r"[a-z]+(?:-[a-z]+)+", mention.surface.lower())
    return [w for w in words if w not in ("pre-teen",)]


def _most_recent(mention, recent, people, exclude, strict: bool) -> int | None:
    """The latest character in the window whose gender fits (exactly, when `strict`)."""
    for person, paragraph in reversed(recent):
        if mention.paragraph - paragraph > _WINDOW_PARAGRAPHS:
            return None
        if person in exclude or people[person]["inner_voice_of"] is not None:
            continue
        gender = people[person]["gender"]
        if gender == mention.gender or (not strict and _compatible(gender, mention.gender)):
            return person
        if mention.gender is None and strict and mention.kind == "epithet":
            return person
    return None


def mention_role(doc: Document, kind: str, start: int, end: int, sentence: int) -> str:
    """The role of a narration mention in its clause: subject, object, oblique, owner (or
    reflexive, for a pronoun)."""
    text = doc.view
    if kind == "pronoun":
        return pronoun_role(text, start, end)
    return name_role(text, start, end, _acts(doc, start, end, sentence))


def _acts(doc: Document, start: int, end: int, sentence: int) -> bool:
    """Whether the name at [start, end) is the subject of a verb: followed by one ("Henry
    turned") or named by an inverted speech tag ('"…," said Harlow')."""
    opening = doc.view[max(doc.sentences[sentence].start, start - 24) : start]
    return bool(_SUBJECT_AFTER.match(doc.view, end) or _INVERTED_TAG.search(opening))


def _resolve(doc: Document, mentions: list[RawMention], people: list[dict]) -> None:
    """Resolve epithets and third-person pronouns to the most recent fitting character."""
    recent: list[tuple[int, int]] = []  # (person index, paragraph), most recent last
    named_in_sentence: dict[int, set[int]] = defaultdict(set)
    for mention in mentions:
        if mention.character is not None:
            named_in_sentence[mention.sentence].add(mention.character)
    described: dict[str, int] = {}  # "pink-haired" -> the person it described
    placed: set[tuple[int, str]] = set()  # (paragraph, head noun) of someone new
    for mention in mentions:
        modifiers = _modifiers(mention) if mention.kind == "epithet" else []
        if mention.kind == "epithet":
            # "The man beside her laughed. … said the man": someone placed beside another is
            # someone new, and so is "the man" after them in that paragraph
            head = (mention.paragraph, mention.surface.split()[-1].lower())
            if _PLACED.match(doc.view, mention.end):
                placed.add(head)
            if head in placed:
                continue
        if mention.character is None and mention.quote is None and mention.kind != "name":
            exclude = (
                set(named_in_sentence[mention.sentence]) if mention.kind == "epithet" else set()
            )
            known = {described[m] for m in modifiers if m in described}
            if len(known) == 1:
                mention.character = known.pop()
            elif mention.kind == "epithet" and mention.surface.lower().startswith(("her ", "his ")):
                owner_gender = "female" if mention.surface.lower().startswith("her") else "male"
                owner = next(
                    (
                        p
                        for p, _ in reversed(recent)
                        if people[p]["gender"] == owner_gender
                        and people[p]["inner_voice_of"] is None
                    ),
                    None,
                )
                exclude.add(owner)
            if mention.character is None:
                mention.character = _most_recent(mention, recent, people, exclude, strict=True)
            if mention.character is None and mention.kind == "epithet":
                mention.character = _most_recent(mention, recent, people, exclude, strict=False)
        if mention.character is not None:
            for modifier in modifiers:
                described.setdefault(modifier, mention.character)
        if mention.character is not None and mention.quote is None:
            recent = [r for r in recent if r[0] != mention.character][-20:]
            before = doc.view[max(0, mention.start - 12) : mention.start]
            if recent and mention.kind == "name" and _OBLIQUE.search(before):
                # "led her to the office of the Godaime": the object of a preposition is less
                # salient than the subject just before it.
                recent.insert(len(recent) - 1, (mention.character, mention.paragraph))
            else:
                recent.append((mention.character, mention.paragraph))


def _unify_capitalised_epithets(mentions: list[RawMention]) -> None:
    """Give every "the Uchiha" / "her Uchiha" the person most of its "the …" uses point to."""
    groups: dict[str, list[RawMention]] = defaultdict(list)
    for mention in mentions:
        if mention.kind == "epithet":
            head = re.findall(r"[A-Za-z]+", _POSSESSIVE.sub("", mention.surface))[-1]
            if head[0].isupper():
                groups[head].append(mention)
    for group in groups.values():
        votes = Counter(
            m.character for m in group if m.character is not None and m.surface[:3].lower() == "the"
        )
        if votes:
            winner = votes.most_common(1)[0][0]
            for mention in group:
                mention.character = winner


@stage("characters", needs=("mentions",))
def character_stage(doc: Document) -> None:
    """Cluster mentions into characters and resolve epithets and pronouns."""
    mentions = doc.raw_mentions
    keys, roots, genders = cluster_names(doc, mentions)
    people: list[dict] = []
    index_of_root: dict = {}
    for mention, key in zip(mentions, keys, strict=True):
        if key is None:
            continue
        root = roots[key]
        if root not in index_of_root:
            index_of_root[root] = len(people)
            people.append({"root": root, "gender": genders[root], "inner_voice_of": None})
        mention.character = index_of_root[root]
    for index in range(len(doc.declared_cast)):
        root = roots[("declared", index)]
        if root not in index_of_root:
            index_of_root[root] = len(people)
            people.append({"root": root, "gender": genders.get(root, "unknown"),
                           "inner_voice_of": None})  # fmt: skip
        people[index_of_root[root]]["declared"] = doc.declared_cast[index]
    for person in people:
        root = person["root"]
        if root[0] == "inner":
            host = roots.get(("single", root[1]))
            if host is None:
                host = next(
                    (r for k, r in roots.items() if k[0] == "full" and root[1] in k[1]), None
                )
            person["inner_voice_of"] = index_of_root.get(host)
            if person["inner_voice_of"] is not None:
                person["gender"] = people[person["inner_voice_of"]]["gender"]
    given: dict[int, Counter] = defaultdict(Counter)
    for mention, key in zip(mentions, keys, strict=True):
        if key is not None and key[0] in ("single", "full"):
            given[mention.character][name_gender(mention.name.parts[0])] += 1
    for index, person in enumerate(people):
        told = [g for g in given[index] if g is not None]
        if person["gender"] == "unknown" and len(told) == 1:
            person["gender"] = told[0]  # nothing else told it; the given name does ("Emil")
    _resolve(doc, mentions, people)
    _unify_capitalised_epithets(mentions)
    surfaces: dict[int, Counter] = defaultdict(Counter)
    names: dict[int, Counter] = defaultdict(Counter)
    counts: Counter[int] = Counter()
    roles: set[str] = set()  # "the count": the name only when there is no other
    for mention in mentions:
        if mention.character is None:
            continue
        counts[mention.character] += 1
        if mention.kind != "pronoun":
            surfaces[mention.character][_clean(mention.surface)] += 1
        if mention.name:
            names[mention.character][_name_form(mention)] += 1
            if mention.name.role:
                roles.add(_name_form(mention))
    # An epithet resolved to several people ("the man", "the doctor") is nobody's alias.
    owners: dict[str, set[int]] = defaultdict(set)
    for mention in mentions:
        if mention.character is not None and mention.kind == "epithet":
            owners[_clean(mention.surface)].add(mention.character)
    shared = {surface for surface, people_of in owners.items() if len(people_of) > 1}
    characters = []
    for index, person in enumerate(people):
        aliases = sorted(
            (s for s in surfaces[index] if s not in shared),
            key=lambda s: (-surfaces[index][s], s),
        )
        if person.get("declared"):
            best = person["declared"][0]
            aliases += [name for name in person["declared"] if name not in surfaces[index]]
        else:
            best = max(
                names[index].items(),
                key=lambda item: (item[0] not in roles, item[1], len(item[0])),
            )[0]
        characters.append(
            Character(
                id=f"c{index + 1}",
                name=("Inner " + best) if person["root"][0] == "inner" else best,
                aliases=aliases,
                gender=person["gender"],
                mention_count=counts[index],
                inner_voice_of=(
                    f"c{person['inner_voice_of'] + 1}"
                    if person["inner_voice_of"] is not None
                    else None
                ),
            )
        )
    doc.characters = characters
    doc.mentions = [
        Mention(
            start=m.start,
            end=m.end,
            character=f"c{m.character + 1}" if m.character is not None else None,
            kind=m.kind,
        )
        for m in mentions
        if m.character is not None or m.kind == "epithet"
    ]
