"""Find mentions of people: names (with titles, honorifics, inner voices), epithets and pronouns.

Which capitalised words are names is decided once per work: spaCy's entity recognizer runs only
on the sentences that hold a capitalised word past their first word (the heavy model only where
it pays), and its votes are combined with what the text itself shows (honorifics, titles,
words that never appear in lower case).
"""

from __future__ import annotations

import itertools
import re
from bisect import bisect_right
from collections import Counter
from dataclasses import dataclass

from ficlens.characters.given_names import is_given_name
from ficlens.characters.names import (
    CALENDAR_WORDS,
    GENDER_PRONOUNS,
    HONORIFICS,
    NOT_NAMES,
    PARTICLE_PATTERN,
    PERSON_NOUNS,
    TITLE_WORDS,
    TITLES,
    NameParts,
    join_particles,
    normalise_honorific,
    person_noun,
)
from ficlens.characters.nominals import person_word
from ficlens.document import Document
from ficlens.nlp import english
from ficlens.pipeline import stage
from ficlens.quotes.verbs import SPEECH_VERBS, THOUGHT_VERBS, WEAK_SPEECH_VERBS

_CAPITALISED = re.compile(  # "Sakura", "O'Hara", "McKeith"
    r"\b(?:[A-Z]['’](?=[A-Z]))?[A-Z][a-z]+(?:['’][A-Z][a-z]+)?(?:[A-Z][a-z]+)?\b"
)
_INITIAL = re.compile(r"[A-Z]\.")  # "William J. Blair"
_HONORIFIC_FORM = re.compile(r"\b([A-Z][a-z]+)-([A-Za-z]+)")
_TITLE_FORM = re.compile(rf"\b([A-Z][a-z]+)\.?\s+{PARTICLE_PATTERN}([A-Z][a-z]+)")
_NON_PERSON_LABELS = frozenset({"GPE", "LOC", "FAC", "ORG", "DATE", "TIME", "PRODUCT", "EVENT"})
_PRONOUN = re.compile(r"\b(?:he|she|him|his|her|himself|herself|He|She|Him|His|Her)\b")
_DETERMINER = r"(?:[Tt]he|[Hh]er|[Hh]is|[Tt]heir|[Tt]hat|[Tt]his)"
_SPOKEN_VERBS = "|".join(sorted(SPEECH_VERBS - THOUGHT_VERBS))  # as a pattern's alternation
_STRONG_SPEECH_VERBS = "|".join(sorted(SPEECH_VERBS - THOUGHT_VERBS - WEAK_SPEECH_VERBS))
_SPEECH_SUBJECT = re.compile(  # "Selka said", "…," cried Selka (also "… , " said Selka)
    r"\b([A-Z][a-z]+)\s+(?:[a-z]+ly\s+)?(?:" + _STRONG_SPEECH_VERBS + r")\b"
    r"|[,!?]\s?['\"’”]\s+(?:" + _STRONG_SPEECH_VERBS + r")\s+([A-Z][a-z]+)"
)


_ACTING = re.compile(
    r"(?<![.!?]\s)(?<!^)\b([A-Z][a-z]+)(?:['’]s\b(?!\s+[A-Z])|\s+(?:was|had|is|has|did|would"
    r"|could|should|will|can|might|must|never|always|just|still|looked|smiled|said|turned|felt"
    r"|knew|thought|wanted|nodded|laughed|sighed|shook|took|left|came|went|sat|stood|ran|walked)\b)"
)
_PLACED = re.compile(
    r"\b(?:in|into|near|toward|towards|through|across|around|outside|inside|(?:village|town|"
    r"city|country|kingdom|land|province|county|forest|river|mountain|island|street|road|"
    r"valley|lake|port|castle|village)\s+of)\s+([A-Z][a-z]+)\b"
    r"(?!['’ ]s\s+[a-z])"  # not "into Fanny's hands" (but "in Edgar's Buildings")
)
# A capitalised title after "the", one or two words: "the Hatter", "the Invisible Man".
_ROLE = re.compile(r"\b([Tt]he)\s+([A-Z][a-z]+(?:\s+[A-Z][a-z]+)?)\b(?!\s+[A-Z])(?!['’-]\w\w)")
_TAG_VERBS = (
    r"(?:said|cried|asked|replied|answered|returned|continued|shouted|whispered|added|"
    r"exclaimed|remarked|observed|began|interrupted|repeated|muttered|called)"
)
_ROLE_TAG = re.compile(
    rf"\b{_TAG_VERBS}\s+the\s+([A-Z][a-z]+(?:\s+[A-Z][a-z]+)?)\b"
    rf"|\bthe\s+([A-Z][a-z]+(?:\s+[A-Z][a-z]+)?)\s+(?:{_TAG_VERBS}|went\s+on)\b"
)
# Person nouns too general to stand for one person through a story ("said the man"), or that
# a story uses for its named people ("said the lad", "said the elder", "said the general"). Not
# "stranger": "said the stranger", twice, is the one person a story has not named yet.
_GENERIC_PERSON_NOUNS = frozenset(
    """man woman girl boy lady gentleman person child fellow youth other others
    men women people children girls boys ladies gentlemen persons strangers voice lad lass
    elder younger eldest youngest son daughter acquaintance friend companion brother sister
    cousin nephew niece guest host hostess doctor""".split()
)
_NOUN_ROLE_MIN_TAGS = 2

# Words that are never the describing words of an epithet ("the concert at Queen").
_STOP_MODIFIERS = "|".join(
    """a an the and or but of to in on at by for with from as is was were be been are am has
    had have do did not no so that this which who whom whose what when where while if then than
    his her my your our their its it he she they we you i me him them us very too also only just
    into upon over under about after before""".split()
)
_DESCRIBING_WORD = rf"(?!(?:{_STOP_MODIFIERS})\b)[a-z]+(?:-[a-z]+)?"
# Up to two describing words before a role: "the bewildered Colonel", "the burly barman"; not
# one that sets another person apart ("the second policeman", "the other Colonel").
_ROLE_DESCRIBED = (
    r"(?:(?!(?:first|second|third|fourth|fifth|last|next|other|another|same|former|younger"
    rf"|elder|older|two|three)\b){_DESCRIBING_WORD}\s+){{0,2}}"
)
# An unnamed speaker known by what they are, past describing words: '"…," said the mariner',
# 'said the anaemic cabman', 'the croupier called' (inverted, any speech verb; else a strong one).
_NOUN_ROLE_TAG = re.compile(
    r"\b(?:" + _SPOKEN_VERBS + r")\s+the\s+(" + _ROLE_DESCRIBED + r"[a-z]+)\b(?![-'’])"
    r"|\bthe\s+(" + _ROLE_DESCRIBED + r"[a-z]+)\s+(?:" + _STRONG_SPEECH_VERBS + r"|went\s+on)\b"
)
# An unnamed speaker known by a thing they have or are in: '"…," said the man with the black
# beard' (with "the": "said the man with a smile" tells how he spoke, not who he is).
_DESCRIBED_ROLE_TAG = re.compile(
    r"\b(?:" + _SPOKEN_VERBS + r")\s+the\s+"
    rf"(?P<phrase>(?P<head>[a-z]+)\s+(?:with|in)\s+the\s+(?:{_DESCRIBING_WORD}\s+){{0,2}}"
    rf"{_DESCRIBING_WORD})\b(?![-'’])"
)


@dataclass
class RawMention:
    """A mention before clustering, in view offsets."""

    start: int
    end: int
    kind: str  # name, vocative, epithet, pronoun
    surface: str
    paragraph: int
    sentence: int
    quote: int | None = None  # index of the quote it sits in
    name: NameParts | None = None
    gender: str | None = None  # what the words themselves tell
    character: int | None = None  # cluster index, set by the characters stage


def _sentence_starts(doc: Document) -> set[int]:
    starts = set()
    for sentence in doc.sentences:
        position = sentence.start
        while position < sentence.end and not doc.view[position].isalpha():
            position += 1
        starts.add(position)
    for quote in doc.quotes:
        position = quote.start + 1
        while position < quote.end and not doc.view[position].isalpha():
            position += 1
        starts.add(position)
    return starts


def decide_name_words(doc: Document) -> tuple[set[str], set[str], set[str]]:
    """Return (words that are names, capitalised words used as epithets like "the Uchiha",
    the names among them that are also common words: "May", "Will", "Grace")."""
    text = doc.view
    starts = _sentence_starts(doc)
    inside: Counter[str] = Counter()  # capitalised, not first in its sentence
    everywhere: Counter[str] = Counter()
    narration: Counter[str] = Counter()
    quote_starts = [q.start for q in doc.quotes]
    wanted_sentences = []
    for sentence in doc.sentences:
        has_inner_capital = False
        for match in _CAPITALISED.finditer(text, sentence.start, sentence.end):
            word = match.group()
            everywhere[word] += 1
            q = bisect_right(quote_starts, match.start()) - 1
            if q < 0 or doc.quotes[q].end <= match.start():
                narration[word] += 1
            if match.start() not in starts:
                inside[word] += 1
                has_inner_capital = True
        if has_inner_capital:
            wanted_sentences.append(text[sentence.start : sentence.end])
    story = " ".join(text[start:end] for _, start, end in doc.segments)
    lower = Counter(re.findall(r"\b[a-z]+\b", story))
    person: Counter[str] = Counter()
    place: Counter[str] = Counter()
    org: Counter[str] = Counter()
    proper_pairs: Counter[tuple[str, str]] = Counter()
    for parsed in english().pipe(wanted_sentences, batch_size=256):
        for ent in parsed.ents:
            bucket = {"PERSON": person, "ORG": org}.get(ent.label_)
            if bucket is None and ent.label_ in _NON_PERSON_LABELS:
                bucket = place
            if bucket is not None:
                for token in ent:
                    bucket[token.text] += 1
        for left, right in itertools.pairwise(parsed):
            if left.pos_ == right.pos_ == "PROPN" and left.is_title and right.is_title:
                proper_pairs[(left.text, right.text)] += 1
    strong: Counter[str] = Counter()
    for match in _HONORIFIC_FORM.finditer(story):
        if normalise_honorific(match.group(2)) in HONORIFICS:
            strong[match.group(1)] += 1
    for match in _TITLE_FORM.finditer(story):
        if match.group(1).lower() in TITLES:
            strong[match.group(2)] += 1
    for match in _SPEECH_SUBJECT.finditer(story):
        strong[match.group(1) or match.group(2)] += 1

    def _common_word_surname(word: str) -> bool:
        """A surname that is also a common word ("Jonathan Small", "Mrs. Brown"): written
        after a given name more than once and capitalised mid-sentence often."""
        return (
            word.lower() not in NOT_NAMES
            and word.lower() not in TITLES
            and not place[word]
            and not org[word]
            and inside[word] >= max(5, lower[word.lower()] / 4)
        )

    def _only_after(given: str, word: str) -> bool:
        """A word capitalised only right after a given name, three times or more: its
        surname, whatever the recognizer took it for ("Harvey Stone", "Adrian Singleton")."""
        together = len(re.findall(rf"\b{re.escape(given)}\s+{re.escape(word)}\b", story))
        return (
            is_given_name(given)
            and word.lower() not in NOT_NAMES
            and word.lower() not in TITLES
            and 3 <= together >= everywhere[word]
        )

    def plausible(word: str) -> bool:
        return (
            word.lower() not in NOT_NAMES
            and word.lower() not in TITLES
            and lower[word.lower()] * 2 < everywhere[word]
        )

    # How a word is used in the story: as the subject of a verb or an owner ("Selka had left",
    # "Marta's coat") or after a preposition of place ("in Kiriyama", "the village of Kiriyama").
    acting: Counter[str] = Counter()
    placed: Counter[str] = Counter()
    for match in _ACTING.finditer(story):
        acting[match.group(1)] += 1
    for match in _PLACED.finditer(story):
        placed[match.group(1)] += 1

    names = set()
    for word in everywhere:
        if not plausible(word):
            continue
        lone_in_dialogue = narration[word] == 0 and everywhere[word] == 1
        if strong[word] and (inside[word] or person[word]):
            names.add(word)
        elif placed[word] >= 2 and placed[word] >= acting[word]:
            continue  # "in Kiriyama", "the village of Kiriyama": a place
        elif is_given_name(word) and inside[word] and not lone_in_dialogue:
            names.add(word)  # "Carol", though the recognizer took it for a place
        elif person[word] > place[word] + org[word] / 2 and not lone_in_dialogue:
            names.add(word)
        elif (
            inside[word] >= 2
            and everywhere[word] >= 3
            and acting[word] >= 2
            and not placed[word]
            and lower[word.lower()] == 0
        ):
            names.add(word)  # a name the recognizer missed, used as a person mid-sentence
    # A given name that is also a common word or a day ("May said", "said Will", "said
    # Sunday") counts when the story makes it speak more than once; `_not_a_name` then skips
    # its other uses ("in May", "May I", "on Sunday morning").
    word_names = {
        word
        for word in everywhere
        if word not in names
        and word.lower() not in TITLES
        and (is_given_name(word) or word.lower() in CALENDAR_WORDS)
        and strong[word] >= 2
        and inside[word] >= 3
    }
    names |= word_names
    for (left, right), count in proper_pairs.items():
        pair_ok = all(plausible(w) and not place[w] and not org[w] for w in (left, right))
        if pair_ok and (left in names or right in names or inside[left] >= 2 or inside[right] >= 2):
            names.update((left, right))
        elif (
            count >= 2
            and left in names
            and (_common_word_surname(right) or _only_after(left, right))
        ):
            names.add(right)
    epithets = set()
    pattern = re.compile(_DETERMINER + r"\s+([A-Z][a-z]+)(['’]s)?\b(?!\s+[A-Z])")
    used: Counter[str] = Counter()
    telling: Counter[str] = Counter()  # "her Uchiha", "the Uchiha's": used as a person
    for match in pattern.finditer(story):
        used[match.group(1)] += 1
        if match.group(2) or match.group().lower().startswith(("her", "his", "their")):
            telling[match.group(1)] += 1
    for word, count in used.items():
        if word in names or not plausible(word) or place[word]:
            continue
        if count >= 2 and telling[word] and lower[word.lower()] == 0:
            epithets.add(word)
    return names, epithets, word_names


def decide_roles(doc: Document, names: set[str]) -> dict[str, str | None]:
    """Return the capitalised titles that stand for one person ("the Hatter", "the Invisible
    Man"), each with the name it was once written before ("the Godaime Tsunade"), if any, and
    the person nouns that tag speech more than once ("said the mariner")."""
    story = " ".join(doc.view[start:end] for _, start, end in doc.segments)
    lower_text = story.lower()
    used: Counter[str] = Counter()
    lowercase_the = Counter()
    for match in _ROLE.finditer(story):
        used[match.group(2)] += 1
        lowercase_the[match.group(2)] += match.group(1) == "the"
    tagged: Counter[str] = Counter()
    for match in _ROLE_TAG.finditer(story):
        tagged[match.group(1) or match.group(2)] += 1
    stands_for: dict[str, str] = {}
    for match in re.finditer(r"\b[Tt]he\s+([A-Z][a-z]+)\s+([A-Z][a-z]+)\b", story):
        if match.group(2) in names and match.group(1) not in names:
            stands_for.setdefault(match.group(1), match.group(2))
    roles: dict[str, str | None] = {}
    for phrase, count in used.items():
        words = phrase.split()
        head = words[-1].lower()
        if any(w.lower() in NOT_NAMES for w in words):
            continue
        if phrase not in stands_for and (count < 3 or lowercase_the[phrase] < 2):
            continue
        if len(words) == 1 and phrase in names:
            # not "the Rabbit", nor the "Rabbit" of "the White Rabbit"
            within = len(re.findall(rf"\b(?:the|[A-Z][a-z]+)\s+{phrase}\b", story))
            alone = len(re.findall(rf"\b{phrase}\b", story)) - within
            if count * 2 < alone:  # mostly a plain name: "Tom", not "the Tom"
                continue
        if phrase in stands_for:
            roles[phrase] = stands_for[phrase]
            continue
        written_lower = len(re.findall(rf"\bthe {re.escape(phrase.lower())}\b", lower_text)) - count
        if count < 3 or lowercase_the[phrase] < 2 or written_lower * 2 > count:
            continue
        personal = head in TITLES or head in PERSON_NOUNS or person_noun(head) is not None
        if tagged[phrase] >= 2 or (personal and tagged[phrase] >= 1) or (personal and count >= 5):
            roles[phrase] = None
    noun_tags: Counter[str] = Counter()
    for match in _NOUN_ROLE_TAG.finditer(story):
        words = (match.group(1) or match.group(2)).split()  # the person noun: "anaemic cabman"
        noun = next((word for word in reversed(words) if person_word(word)), words[-1])
        noun_tags[noun] += 1
    for noun, count in noun_tags.items():
        if count < _NOUN_ROLE_MIN_TAGS or noun in _GENERIC_PERSON_NOUNS:
            continue
        if noun in TITLES:  # "said the count": the one person the story writes "Count …"
            forms = "|".join(t.capitalize() for t in TITLES if noun in (t, TITLE_WORDS.get(t)))
            titled = set(re.findall(rf"\b(?:{forms})\.?\s+([A-Z][a-z]+)\b", story)) & names
            if len(titled) == 1:
                roles[noun] = titled.pop()
            continue
        if _one_person(noun):
            roles[noun] = None  # "the mariner": one unnamed person who speaks
    described: Counter[str] = Counter()
    for match in _DESCRIBED_ROLE_TAG.finditer(story):
        if _one_person(match.group("head")):
            described[" ".join(match.group("phrase").split())] += 1
    for phrase, count in described.items():
        if count >= _NOUN_ROLE_MIN_TAGS:
            roles[phrase] = None  # "the man with the black beard"
    return roles


def _one_person(noun: str) -> bool:
    """Whether a noun names a single person ("mariner", not "sailors" nor "ship")."""
    found = person_word(noun)
    return bool(found) and not found[2]


def _alternation(words: set[str]) -> str:
    """A pattern for any of the words or phrases (longest first; a phrase over a line break)."""
    return "|".join(
        re.escape(w).replace(r"\ ", r"\s+") for w in sorted(words, key=len, reverse=True)
    )


def name_pattern(names: set[str]) -> re.Pattern[str]:
    """Compile the pattern for full name mentions built from the accepted name words."""
    word = f"(?:{_alternation(names)})"
    titles = "|".join(sorted((t.capitalize() for t in TITLES), key=len, reverse=True))
    return re.compile(
        rf"(?:\b(?P<title>{titles})\.?\s+)?(?P<inner>\bInner[- ])?"
        rf"\b(?P<names>{PARTICLE_PATTERN}{word}(?:\s+(?:[A-Z]\.\s+)?{PARTICLE_PATTERN}{word})*)(?![a-z])"
        rf"(?P<hon>(?:-[A-Za-z]+[!?~]*)+(?<![!?~]))?(?:['’]s\b|['’](?!\w))?"
    )


def _epithet_pattern(capitalised: set[str]) -> re.Pattern[str]:
    nouns = _alternation(set(PERSON_NOUNS))
    modifier = rf"(?!(?:{_STOP_MODIFIERS})\b)(?:[a-z]+-[a-z]+|[a-z]+)"
    parts = [rf"(?:{modifier}\s+){{0,3}}(?i:{nouns})(?:[‘'’]s)?\b(?!-)"]
    if capitalised:
        parts.append(rf"(?:{_alternation(capitalised)})(?:['’]s)?\b(?!\s+[A-Z])")
    return re.compile(rf"\b{_DETERMINER}\s+(?:{'|'.join(parts)})")


# Around a common word that is also a name, what shows it is the word: "in May", "May 3",
# "May I ask", "Will you".
_WORD_USE_BEFORE = re.compile(
    r"\b(?:in|of|on|since|until|till|by|last|next|early|late|mid|through|during|from|this|that"
    r"|every|each)\s+$",
    re.IGNORECASE,
)
_WORD_USE_AFTER = re.compile(
    r"\s*\d|\s+(?:I|you|he|she|we|they|it|not|one|there|this|that|morning|afternoon|evening"
    r"|night|week|next|last)\b"
)


def _not_a_name(text: str, match: re.Match[str], parts: NameParts) -> bool:
    """A bare common-word name used as its word: "in May", "May I come in?"."""
    if parts.title or parts.honorific or len(parts.parts) > 1:
        return False
    before = text[max(0, match.start() - 12) : match.start()]
    return bool(_WORD_USE_BEFORE.search(before) or _WORD_USE_AFTER.match(text, match.end()))


def _parts_of(match: re.Match[str]) -> NameParts:
    honorific = match.group("hon")
    plain = None
    words = join_particles([w for w in match.group("names").split() if not _INITIAL.fullmatch(w)])
    if honorific:
        pieces = [p for p in honorific.split("-") if p]
        plain = normalise_honorific("".join(pieces))
        if plain not in HONORIFICS:
            words[-1] = words[-1] + honorific  # a hyphenated name, "Jean-Luc"
            plain = None
    title = match.group("title")
    return NameParts(
        parts=tuple(words),
        title=title.lower() if title else None,
        honorific=plain,
        inner_voice=bool(match.group("inner")),
    )


def locator(doc: Document):
    """A function mapping a view offset to (paragraph, sentence, quote index or None)."""
    sentence_starts = [s.start for s in doc.sentences]
    quote_starts = [q.start for q in doc.quotes]

    def locate(position: int) -> tuple[int, int, int | None]:
        s = max(bisect_right(sentence_starts, position) - 1, 0)
        q = bisect_right(quote_starts, position) - 1
        in_quote = q if q >= 0 and doc.quotes[q].start <= position < doc.quotes[q].end else None
        return doc.sentences[s].paragraph, s, in_quote

    return locate


def _name_mention(doc: Document, locate, match: re.Match[str], parts: NameParts) -> RawMention:
    """A name mention for `match`; a vocative when it addresses someone inside a quote."""
    paragraph, sentence, quote = locate(match.start())
    kind = "name"
    if quote is not None:
        q = doc.quotes[quote]
        if is_vocative(doc.view, match.start(), match.end(), q.start, q.end):
            kind = "vocative"
    return RawMention(
        match.start(),
        match.end(),
        kind,
        match.group(),
        paragraph,
        sentence,
        quote,
        parts,
        parts.gender,
    )


def is_vocative(text: str, start: int, end: int, quote_start: int, quote_end: int) -> bool:
    before = text[quote_start + 1 : start].rstrip()
    after = text[end : quote_end - 1].lstrip()
    opens = not before or before[-1] in ",.!?…—"
    closes = not after or after[0] in ",.!?…—;"
    return opens and closes


def find_mentions(doc: Document) -> list[RawMention]:
    """Return name, epithet and pronoun mentions in story text, in text order."""
    if not doc.sentences:
        return []
    names, capitalised, word_names = decide_name_words(doc)
    for declared in doc.declared_cast:  # declared names are names, however rarely used
        for name in declared:
            names.update(w for w in re.findall(r"[A-Z][a-z]+", name) if w.lower() not in TITLES)
    capitalised -= names
    locate = locator(doc)
    text = doc.view
    found: list[RawMention] = []
    taken: list[tuple[int, int]] = []
    roles = decide_roles(doc, names)
    names_re = name_pattern(names) if names else None
    epithet_re = _epithet_pattern(capitalised - {w for r in roles for w in r.split()})
    role_re = (
        re.compile(
            rf"\b[Tt]he\s+{_ROLE_DESCRIBED}(?P<role>{_alternation(set(roles))})\b(?!\s+[A-Z])"
            r"(?:['’]s\b)?"
        )
        if roles
        else None
    )
    role_spans: list[tuple[int, int]] = []
    role_starts: list[int] = []
    for _, seg_start, seg_end in doc.segments:
        if role_re:
            for match in role_re.finditer(text, seg_start, seg_end):
                phrase = " ".join(match.group("role").split())
                parts = NameParts(parts=tuple(phrase.split()), role=True,
                                  stands_for=roles[phrase])  # fmt: skip
                found.append(_name_mention(doc, locate, match, parts))
                taken.append((match.start(), match.end()))
                role_spans.append((match.start(), match.end()))
                role_starts.append(match.start())
        if names_re:
            for match in names_re.finditer(text, seg_start, seg_end):
                r = bisect_right(role_starts, match.start()) - 1
                if r >= 0 and match.start() < role_spans[r][1]:
                    continue
                parts = _parts_of(match)
                if parts.parts[-1] in word_names and _not_a_name(text, match, parts):
                    continue
                found.append(_name_mention(doc, locate, match, parts))
                taken.append((match.start(), match.end()))
        for match in epithet_re.finditer(text, seg_start, seg_end):
            if any(s < match.end() and match.start() < e for s, e in taken):
                continue
            words = re.findall(r"[A-Za-z\-]+", match.group())
            head = words[-1].lower() if words[-1].lower() != "s" else words[-2].lower()
            if words[0].lower() in ("her", "his", "their") and head.lower() in PERSON_NOUNS:
                continue  # "her friend" is a relation, not a name for someone
            paragraph, sentence, quote = locate(match.start())
            found.append(
                RawMention(
                    match.start(),
                    match.end(),
                    "epithet",
                    match.group(),
                    paragraph,
                    sentence,
                    quote,
                    None,
                    PERSON_NOUNS.get(head),
                )
            )
        for match in _PRONOUN.finditer(text, seg_start, seg_end):
            paragraph, sentence, quote = locate(match.start())
            if quote is not None:
                continue
            found.append(
                RawMention(
                    match.start(),
                    match.end(),
                    "pronoun",
                    match.group(),
                    paragraph,
                    sentence,
                    None,
                    None,
                    GENDER_PRONOUNS[match.group().lower()],
                )
            )
    found.sort(key=lambda m: m.start)
    return found


@stage("mentions", needs=("quotes",))
def mention_stage(doc: Document) -> None:
    """Find the raw mentions that the characters stage clusters."""
    doc.raw_mentions = find_mentions(doc)
