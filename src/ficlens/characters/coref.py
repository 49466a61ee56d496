"""Coreference: every stretch of text that refers to a person, linked into chains.

Runs after the speakers stage, because the pronouns inside a quote need it: "I", "me", "my"
are the quote's speaker, "you" its addressee. On top of the names, epithets and narration
pronouns that the characters stage already resolved it adds

* first-person pronouns: in a quote, the speaker; in narration, the narrator (a character of
  its own, "the narrator", when the narration says "I" at least three times);
* second-person pronouns in a quote: the addressee when there is exactly one; the "you"s of
  one quote form one chain otherwise;
* third-person pronouns inside quotes (resolved like narration pronouns, never to the speaker
  or the addressee) and narration pronouns the characters stage left open;
* nominal mentions (`characters.nominals`): "the old man", "his mother", "Emma's father",
  "a stranger", "the men", "soldiers", "the son of a farmer", "a man who knew", "nobody".
  "his mother" is the same person as a later "his mother" with the same owner; "the man" is the
  same person as a recent "a man"; a new description starts a new chain, and the pronouns after
  it may join it; "nobody" and "everyone" stay alone;
* plural pronouns: "we/us/our" of one speaker (or of the narrator) in one scene form one chain;
  "they/them/their" join the plural mention before them in this paragraph or the one before.

A quote tagged "I said" (or '"…," said I') whose speaker no explicit cue named is given to the
narrator, since the speakers stage runs before the narrator exists.

Chains are written to ``Mention.entity``: a character's id for its mentions, ``e<N>`` for people
known only by a description or as a group. `Document.characters` only gains the narrator.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections import Counter
from dataclasses import dataclass, field

from ficlens.characters.clusters import mention_role
from ficlens.characters.mentions import is_vocative, locator
from ficlens.characters.names import GENDER_PRONOUNS, TITLE_WORDS
from ficlens.characters.narrator import NARRATOR_MIN, named_narrator, says_i
from ficlens.characters.nominals import (
    Nominal,
    find_nominals,
    name_phrase_end,
    name_phrase_start,
    plural_things,
)
from ficlens.characters.salience import Salience
from ficlens.document import Document
from ficlens.model import Character, Mention
from ficlens.pipeline import stage

_FIRST = {"i", "me", "my", "mine", "myself"}
_SECOND = {"you", "your", "yours", "yourself", "thou", "thee", "thy", "thine", "ye"}
_WE = {"we", "us", "our", "ours", "ourselves"}
_THEY = {"they", "them", "their", "theirs", "themselves"}
# Person pronouns. Not "mine", "yours", "hers", "ours", "theirs": they stand for the thing
# owned ("a friend of mine", "her hand in his" aside), not for its owner.
_PRONOUNS = re.compile(
    r"\b(?:I|[Mm]e|[Mm]y|[Mm]yself|[Yy]ou|[Yy]our|[Yy]ourself|[Tt]hou|[Tt]hee|"
    r"[Tt]hy|[Yy]e|[Ww]e|[Uu]s|[Oo]ur|[Oo]urselves|[Tt]hey|[Tt]hem|[Tt]heir|"
    r"[Tt]hemselves|[Hh]e|[Ss]he|[Hh]im|[Hh]is|[Hh]er|[Hh]imself|[Hh]erself)\b"
    r"(?![-'’]\w)"
)
# "CHAPTER I", "PART I.", "I  A STRANGER FROM THE SOUTH": the numeral one, not the pronoun.
_HEADING_I = re.compile(
    r"(?:\b(?i:chapter|part|book|volume|letter|section|canto|act|scene|first)\s+I\b)"
    r"|(?:(?:^|\n)[ \t]*I\.?(?:[ \t]*\n|\s+(?:The|A|An|(?!(?:AM|WAS|WILL|CAN|DO|DID|HAVE|HAD"
    r"|SHALL|MUST|WOULD|COULD|SHOULD|KNOW|THINK|LOVE|HATE|WANT|NEED)\b)[A-Z]{2,})\b))"
)
_JOINED = re.compile(r"\s*(?:,|and|,\s*and|or)\s*")  # "Tom and Huck", "he and I"
_PREDICATE = re.compile(r"\b(?:is|was|be|been|being|are|were|became|become|seemed|as|like)\s+$")
_WINDOW = 4  # paragraphs a pronoun looks back
_DESCRIBED_WINDOW = 12  # paragraphs "the old man" looks back for "an old man"
_THEY_WINDOW = 1  # paragraphs "they" looks back for a plural mention


@dataclass
class _Entity:
    gender: str | None  # male, female, or None (unknown)
    plural: bool = False
    character: int | None = None  # index into doc.characters
    name: str = ""
    mentions: int = 0


@dataclass(order=True)
class _Item:
    start: int
    end: int  # shorter spans first at the same start: "his" before "his wife"
    kind: str = field(compare=False)  # name, vocative, epithet, pronoun
    surface: str = field(compare=False)
    paragraph: int = field(compare=False)
    sentence: int = field(compare=False)
    quote: int | None = field(compare=False)
    entity: int | None = field(compare=False, default=None)
    fixed: bool = field(compare=False, default=False)  # resolved by the characters stage
    nominal: Nominal | None = field(compare=False, default=None)
    drop: bool = field(compare=False, default=False)  # not a person after all
    written: tuple[int, int] | None = field(compare=False, default=None)  # the name's own span


def _heading_numeral(text: str, span: tuple[int, int]) -> bool:
    """Whether the "I" at span numbers a chapter or part."""
    if text[span[0] : span[1]] != "I":
        return False
    line_start = text.rfind("\n", 0, span[0]) + 1
    found = _HEADING_I.search(text, max(line_start, span[0] - 12), span[1] + 30)
    return found is not None and found.start() <= span[0] < found.end()


def _collect(doc: Document) -> list[_Item]:
    """The characters stage's mentions plus every pronoun and nominal phrase it did not take."""
    items: list[_Item] = []
    taken: list[tuple[int, int]] = []
    spans = set()
    epithets: dict[tuple[int, int], _Item] = {}
    for m in doc.raw_mentions:
        start, end = m.start, m.end
        if m.kind == "name":
            start = name_phrase_start(doc.view, m.start)
            end = name_phrase_end(doc.view, m.end)
        items.append(
            _Item(start, end, m.kind, m.surface, m.paragraph, m.sentence, m.quote,
                  m.character, m.character is not None, written=(m.start, m.end))
        )  # fmt: skip
        spans.add((m.start, m.end))
        if m.kind == "epithet":
            epithets[m.start, m.end] = items[-1]
        if m.kind != "pronoun":
            taken.append((m.start, m.end))
    taken.sort()
    taken_starts = [s for s, _ in taken]

    def overlaps(start: int, end: int) -> bool:
        i = bisect_right(taken_starts, end - 1) - 1
        while i >= 0 and taken[i][0] > start - 300:
            if taken[i][1] > start:
                return True
            i -= 1
        return False

    locate = locator(doc)
    text = doc.view
    names = {span: True for span in taken}
    for _, seg_start, seg_end in doc.segments:
        for match in _PRONOUNS.finditer(text, seg_start, seg_end):
            span = (match.start(), match.end())
            if span in spans or overlaps(*span) or _heading_numeral(text, span):
                continue
            paragraph, sentence, quote = locate(match.start())
            items.append(
                _Item(span[0], span[1], "pronoun", match.group(), paragraph, sentence,
                      quote)
            )  # fmt: skip
        for nominal in find_nominals(text, seg_start, seg_end, names):
            start = nominal.start if nominal.owner is None else nominal.owner[1]
            if overlaps(start, nominal.core_end) or (nominal.start, nominal.end) in spans:
                known = epithets.get((nominal.start, nominal.core_end))
                if known is not None and nominal.end > known.end:  # "the man" + " who sang"
                    known.end = nominal.end
                continue
            paragraph, sentence, quote = locate(nominal.start)
            items.append(
                _Item(nominal.start, nominal.end, "epithet", text[nominal.start : nominal.end],
                      paragraph, sentence, quote, nominal=nominal)
            )  # fmt: skip
    items.sort()
    return items


def _quote_people(doc: Document) -> tuple[list[int | None], list[list[int]]]:
    index = {c.id: n for n, c in enumerate(doc.characters)}
    speakers = [index.get(q.speaker) if q.speaker else None for q in doc.quotes]
    addressees = [[index[a] for a in q.addressees if a in index] for q in doc.quotes]
    paragraphs = doc.quote_paragraph
    for n, said_to in enumerate(addressees):
        if said_to or speakers[n] is None:
            continue
        # No addressee named: in an exchange, "you" is the other speaker, before or after.
        for other in (n - 1, n + 1, n - 2):
            if 0 <= other < len(speakers) and speakers[other] not in (None, speakers[n]):
                if n < len(paragraphs) and other < len(paragraphs):
                    if abs(paragraphs[other] - paragraphs[n]) <= 2:
                        said_to.append(speakers[other])
                        break
    return speakers, addressees


def _titled(doc: Document) -> dict[str, set[int]]:
    """The characters each title word names: "doctor" for "Dr. Livesey", "widow" for "Widow
    Douglas" (a title followed by a name)."""
    titled: dict[str, set[int]] = {}
    for n, character in enumerate(doc.characters):
        for form in (character.name, *character.aliases):
            words = form.split()
            if len(words) >= 2 and words[0][0].isupper() and words[1][0].isupper():
                title = words[0].rstrip(".").lower()
                titled.setdefault(TITLE_WORDS.get(title, title), set()).add(n)
    return titled


def resolve(doc: Document) -> tuple[list[_Item], list[_Entity]]:
    """Link every person mention of the document into chains; return mentions and entities."""
    items = _collect(doc)
    entities = [
        _Entity(c.gender if c.gender in ("male", "female") else None, False, n, c.name)
        for n, c in enumerate(doc.characters)
    ]
    inner = {n for n, c in enumerate(doc.characters) if c.inner_voice_of}
    speakers, addressees = _quote_people(doc)
    narration_first = sum(
        1 for it in items if it.quote is None and it.kind == "pronoun"
        and it.surface.lower() in _FIRST
    )  # fmt: skip
    narrator: int | None = None
    if narration_first >= NARRATOR_MIN:
        narrator = len(entities)
        entities.append(_Entity(None, False, None, "the narrator"))
    if narrator is not None:
        for n, quote in enumerate(doc.quotes):
            open_to_narrator = speakers[n] is None or quote.cue != "explicit"
            if open_to_narrator and says_i(doc, quote):
                speakers[n] = narrator  # '"Never," I said.': the narrator speaks
    group_end = person_end = 0  # where the latest plural person and the latest person end
    recent: list[tuple[int, int]] = []  # (entity, paragraph), most recent last
    groups: dict[tuple, int] = {}  # (speaker entity, scene) -> "we" entity
    owned: dict[tuple, int] = {}  # (owner entity, head) -> entity of "his mother"
    described: dict[tuple, tuple[int, int]] = {}  # (head, mods) -> (entity, paragraph)
    titled = _titled(doc)  # "doctor" -> {Dr. Livesey}
    by_span: dict[tuple[int, int], _Item] = {}
    quote_you: dict[tuple, int] = {}  # (speaker, scene) -> "you"; ("i", quote) -> its "I"
    scene_starts = [s.start for s in doc.scenes]
    salience = Salience(_WINDOW)
    narrator_like = {n for n, e in enumerate(entities) if e.character is None}

    def gender_of(entity: int) -> str | None:
        e = entities[entity]
        if e.plural or entity in inner or entity in narrator_like:
            return None
        return e.gender or "unknown"

    def character_gender(entity: int) -> str | None:
        return gender_of(entity) if entities[entity].character is not None else None

    def take_gender(entity: int | None, gender: str | None) -> None:
        """A he or she gives the person it takes their gender when nothing had ("a child …
        she": a girl from now on, so a later "he" is someone else)."""
        if entity is not None and entities[entity].gender is None:
            entities[entity].gender = gender

    def new_entity(gender: str | None, plural: bool, name: str) -> int:
        entities.append(_Entity(gender, plural, None, name))
        return len(entities) - 1

    def fits(entity: int, gender: str | None, plural: bool) -> bool:
        e = entities[entity]
        if e.plural != plural:
            return False
        return gender is None or e.gender is None or e.gender == gender

    def pick(item: _Item, gender: str | None, plural: bool, exclude: set[int]) -> int | None:
        strict = None
        for entity, paragraph in reversed(recent):
            if item.paragraph - paragraph > (_THEY_WINDOW if plural else _WINDOW):
                break
            if entity in exclude or entity in inner:
                continue
            if fits(entity, gender, plural):
                if entities[entity].gender == gender or plural:
                    return entity
                if strict is None:
                    strict = entity
        return strict

    for item in items:
        lower = item.surface.lower()
        speaker = speakers[item.quote] if item.quote is not None else None
        said_to = addressees[item.quote] if item.quote is not None else []
        if item.fixed and item.kind == "pronoun" and item.quote is None:
            # The characters stage took the latest name whose gender fits (what the speakers
            # stage reads); the chain takes the most salient person instead.
            choice = salience.resolve(
                doc.view, item.start, item.sentence, item.paragraph,
                GENDER_PRONOUNS.get(lower), character_gender,
            )  # fmt: skip
            if choice is not None:
                item.entity = choice
        elif item.fixed:
            pass
        elif item.kind == "pronoun" and lower in _FIRST:
            item.entity = speaker if item.quote is not None else narrator
            if item.entity is None:  # a speaker no one named; an "I" in third-person narration
                if ("i", item.quote) not in quote_you:
                    quote_you["i", item.quote] = new_entity(None, False, "I")
                item.entity = quote_you["i", item.quote]
        elif item.kind == "pronoun" and lower in _SECOND:
            if item.quote is not None:
                if len(said_to) == 1:
                    item.entity = said_to[0]
                elif not said_to and narrator is not None and speaker is not None:
                    item.entity = narrator  # told in the first person: "you" is the narrator
                else:  # no one named: the one this speaker talks to in this scene
                    scene = bisect_right(scene_starts, item.start)
                    key = (speaker, scene) if speaker is not None else ("q", item.quote)
                    if key not in quote_you:
                        quote_you[key] = new_entity(None, False, "you")
                    item.entity = quote_you[key]
        elif item.kind == "pronoun" and lower in _WE:
            owner = speaker if item.quote is not None else narrator
            scene = bisect_right(scene_starts, item.start)
            key = (owner if owner is not None else ("q", item.quote), scene)
            if key not in groups:
                groups[key] = new_entity(None, True, "we")
            item.entity = groups[key]
        elif item.kind == "pronoun" and lower in _THEY:
            since = max(doc.sentences[item.sentence].start, group_end)
            if lower == "them" and plural_things(doc.view, since, item.start):
                item.drop = True  # "his legs … one of them": the latest plural is no person
                continue
            item.entity = pick(item, None, True, set())
            if item.entity is None:
                item.entity = new_entity(None, True, "they")
        elif item.kind == "pronoun" and item.quote is None:
            gender = GENDER_PRONOUNS.get(lower)
            item.entity = salience.resolve(
                doc.view, item.start, item.sentence, item.paragraph, gender, gender_of
            )
            if item.entity is None:
                item.entity = pick(item, gender, False, set())
            if item.entity is None and gender:
                item.entity = new_entity(gender, False, lower)  # "He walked in" before any name
            take_gender(item.entity, gender)
        elif item.kind == "pronoun":
            gender = GENDER_PRONOUNS.get(lower)
            exclude = {speaker, *said_to} - {None}
            item.entity = pick(item, gender, False, exclude)
            take_gender(item.entity, gender)
        elif item.nominal is not None:
            nominal = item.nominal
            det, head, mods, plural = nominal.det, nominal.head, nominal.mods, nominal.plural
            gender = nominal.gender
            quote = doc.quotes[item.quote] if item.quote is not None else None
            if (
                quote is not None
                and len(said_to) == 1
                and det in ("bare", "possessive")
                and not plural
                and is_vocative(doc.view, item.start, item.end, quote.start, quote.end)
            ):
                item.entity = said_to[0]  # '"Yes, sir."', '"Come here, my lad."': the addressee
            elif det == "quantified":
                item.entity = new_entity(None, False, item.surface)
                by_span[(item.start, item.end)] = item
                continue  # "nobody", "everyone": no one to point back to
            elif det == "possessive" and nominal.owner is not None:
                owner_item = by_span.get(nominal.owner)
                owner = owner_item.entity if owner_item is not None else None
                if owner is not None:
                    key = (owner, head, plural)
                    if key not in owned:
                        owned[key] = new_entity(gender, plural, item.surface)
                    item.entity = owned[key]
            elif det == "definite" or (det == "bare" and not plural):
                seen = described.get((head, mods)) or described.get((head, ()))
                if seen and item.paragraph - seen[1] <= _DESCRIBED_WINDOW:
                    item.entity = seen[0]
                elif len(titled.get(head, ())) == 1 and not plural:
                    item.entity = next(iter(titled[head]))  # "the doctor": Dr. Livesey
            if item.entity is None:
                item.entity = new_entity(gender, plural, item.surface)
            described[(head, mods)] = (item.entity, item.paragraph)
            if mods:
                described.setdefault((head, ()), (item.entity, item.paragraph))
            before = doc.view[max(0, item.start - 20) : item.start]
            if det in ("indefinite", "bare") and _PREDICATE.search(before):
                by_span[(item.start, item.end)] = item
                entities[item.entity].mentions += 1
                continue  # "was a man who ...": a description, not someone to point back to
        by_span[(item.start, item.end)] = item
        if item.written is not None:
            by_span[item.written] = item  # "old Cotter's son": the owner is the name as written
        if item.entity is None:
            continue
        if entities[item.entity].plural or _JOINED.fullmatch(doc.view, person_end, item.start):
            group_end = item.end  # "the boys", "they", "Tom and Huck": people in the plural
        person_end = item.end
        entities[item.entity].mentions += 1
        if item.quote is None or item.kind in ("name", "epithet"):
            recent = [r for r in recent if r[0] != item.entity][-30:]
            recent.append((item.entity, item.paragraph))
        if item.quote is None and gender_of(item.entity) is not None:
            if item.kind != "pronoun" or lower in GENDER_PRONOUNS:
                kind = "pronoun" if item.kind == "pronoun" else "name"
                role = mention_role(doc, kind, item.start, item.end, item.sentence)
                salience.observe(item.entity, role, item.sentence, item.paragraph, item.end)
    return items, entities


def _narrated_quotes(doc: Document, items, entities, narrator: int) -> list:
    """The quotes the narrator's "I" speaks ('"No," I said.') that no explicit cue gave to
    someone else."""
    return [
        quote
        for quote in doc.quotes
        if not (quote.speaker is not None and quote.cue == "explicit") and says_i(doc, quote)
    ]


@stage("coref", needs=("speakers",))
def coref_stage(doc: Document) -> None:
    """Link names, descriptions and pronouns (in narration and in quotes) into chains."""
    items, entities = resolve(doc)
    narrator_id: str | None = None
    for entity in entities:
        if entity.name == "the narrator" and entity.character is None and not entity.plural:
            called = named_narrator(doc)
            if called is not None:  # the narrator is the one the others call "Jake"
                narrator_id = doc.characters[called].id
                doc.characters[called].aliases.append("I")
                entity.character = called
                continue
            narrator_id = f"c{len(doc.characters) + 1}"
            doc.characters.append(
                Character(id=narrator_id, name="the narrator", aliases=["I"],
                          mention_count=entity.mentions)
            )  # fmt: skip
            entity.character = len(doc.characters) - 1
    if narrator_id is not None:
        narrator_index = next(n for n, e in enumerate(entities) if e.name == "the narrator")
        speakers = _narrated_quotes(doc, items, entities, narrator_index)
        for quote in speakers:
            quote.speaker, quote.cue, quote.confidence = narrator_id, "explicit", 0.8
        spoken = Counter(quote.speaker for quote in doc.quotes)
        for character in doc.characters:
            character.quote_count = spoken[character.id]
    counts = [0] * len(doc.characters)
    chain_ids: dict[int, str] = {}
    mentions = []
    for item in items:
        if item.drop:
            continue
        if item.entity is None:
            character = chain = None
        else:
            entity = entities[item.entity]
            character = f"c{entity.character + 1}" if entity.character is not None else None
            if character is None and entity.mentions >= 2:
                chain = chain_ids.setdefault(item.entity, f"e{len(chain_ids) + 1}")
            else:
                chain = character
            if entity.character is not None:
                counts[entity.character] += 1
        mentions.append(
            Mention(start=item.start, end=item.end, character=character, kind=item.kind,
                    entity=chain)
        )  # fmt: skip
    for index, character in enumerate(doc.characters):
        character.mention_count = max(character.mention_count, counts[index])
    doc.mentions = mentions
