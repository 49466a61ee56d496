"""The evidence a reader uses to say who speaks a quote: speech tags, the paragraph's actor,
the voice the next paragraph names, the character the narration follows.

Each function reads the shared `Context` and returns mentions or character indexes;
`quotes.features` turns them into the candidate features the speaker ranker weighs.
"""

from __future__ import annotations

import re
from collections import Counter

from ficlens.characters.mentions import RawMention
from ficlens.characters.narrator import named_narrator
from ficlens.characters.nominals import DETERMINERS, person_word
from ficlens.document import Document
from ficlens.quotes.relatives import Relatives
from ficlens.quotes.verbs import (
    NEGATIONS,
    NOT_AFTER_TITLE,
    PHRASAL_SPEECH_VERBS,
    RESPONSE_NOUNS,
    SPEECH_VERBS,
    TAG_FILLERS,
    WEAK_SPEECH_VERBS,
    WORD,
)

# A clause ends at . ! ? ; but not at the period of a title ("Mr. Collins replied thus,").
_CLAUSE_END = re.compile(NOT_AFTER_TITLE + r"[.!?;]")
_NEXT_WORD = re.compile(r"\s+([a-z][a-z\-]+)\b")
TURN_GAP = 3  # paragraphs after which an exchange is over
# The narration looking for who spoke: "…in the direction the voice had come from. Sasuke."
_VOICE_SOURCE = re.compile(
    r"\bvoice\s+(?:had\s+)?(?:come|came)\s+from|\b(?:owner|source|direction)\s+of\s+the\s+voice"
    r"|\bvoice\s+belong(?:ed|s)\s+to"
)


class Context:
    """Indexes over one document that every cue looks things up in."""

    def __init__(self, doc: Document) -> None:
        self.doc = doc
        self.text = doc.view
        self.by_start = {m.start: m for m in doc.raw_mentions}
        self.paragraph_quotes: dict[int, list[int]] = {}
        for index, paragraph in enumerate(doc.quote_paragraph):
            self.paragraph_quotes.setdefault(paragraph, []).append(index)
        self.in_paragraph: dict[int, list[RawMention]] = {}
        for mention in doc.raw_mentions:
            self.in_paragraph.setdefault(mention.paragraph, []).append(mention)
        self.vocatives: dict[int, set[int]] = {}
        for mention in doc.raw_mentions:
            if mention.quote is not None and mention.character is not None:
                if mention.kind == "vocative":
                    self.vocatives.setdefault(mention.quote, set()).add(mention.character)
        # "her sister", "his father": a relation (kind "relation", gender from the noun) at the
        # possessive's start, and the possessive's own character as its owner; the relation is
        # a character when the family names tell ("her mother" of Elizabeth Bennet: Mrs. Bennet)
        self.relations: dict[int, RawMention] = {}
        self.owners: dict[int, int | None] = {}
        relatives = Relatives(doc)
        for mention in doc.raw_mentions:
            if mention.kind == "pronoun" and _possessive(mention):
                relation = _relation(self.text, mention, relatives)
                if relation is not None:
                    self.relations[mention.start] = relation
                    self.owners[mention.start] = mention.character
        self.narrator = named_narrator(doc)
        self.inner_host = {
            index: int(c.inner_voice_of[1:]) - 1
            for index, c in enumerate(doc.characters)
            if c.inner_voice_of
        }

    def narration(self, paragraph: int) -> list[tuple[int, int]]:
        """The stretches of a paragraph outside its quotes."""
        start, end = self.doc.paragraphs[paragraph].start, self.doc.paragraphs[paragraph].end
        pieces, cursor = [], start
        for index in self.paragraph_quotes.get(paragraph, []):
            quote = self.doc.quotes[index]
            if quote.start > cursor:
                pieces.append((cursor, quote.start))
            cursor = max(cursor, quote.end)
        if end > cursor:
            pieces.append((cursor, end))
        return pieces

    def subject_at(self, position: int) -> RawMention | None:
        """A mention that can be a tag's subject: a resolved one, any pronoun, or a relation
        ("said her sister": someone of the noun's gender who is not the owner)."""
        mention = self.by_start.get(position)
        if mention and mention.kind != "vocative":
            if mention.kind == "pronoun" and _possessive(mention):
                return self.relations.get(position)
            if mention.character is not None or mention.kind in ("pronoun", "epithet"):
                return mention
        return None


def _possessive(mention: RawMention) -> bool:
    return DETERMINERS.get(mention.surface.lower()) == "possessive"


def _relation(text: str, owner: RawMention, relatives: Relatives) -> RawMention | None:
    """The relation a possessive opens ("her sister"), when a singular person noun follows."""
    noun = _NEXT_WORD.match(text, owner.end)
    person = noun and person_word(noun.group(1))
    if not person or person[2]:
        return None
    return RawMention(
        owner.start, noun.end(), "relation", text[owner.start : noun.end()],
        owner.paragraph, owner.sentence, owner.quote, gender=person[1],
        character=relatives.of(owner.character, person[0]),
    )  # fmt: skip


def _is_verb(word: str) -> bool:
    return word.lower() in SPEECH_VERBS


def _speaking(word: str) -> bool:
    """A speech verb's -ing form that leads into a quote: "by leaning towards him and
    remarking:", "could not help answering,", "to go shouting out:"."""
    word = word.lower()
    if not word.endswith("ing") or len(word) < 6:
        return False
    stem = word[:-3]
    forms = (stem, stem + "e", stem[:-1] if stem[-1:] == stem[-2:-1] else stem)
    return any(form in SPEECH_VERBS and form not in WEAK_SPEECH_VERBS for form in forms)


_REPORTED = frozenset("that if whether so about".split())
_AUXILIARY = re.compile(
    r"\s+(?:must|would|should|could|might|may|can|will|shall|was|were|is|are|had|has|have|did"
    r"|does|do)\b"
)
# Words between an inverted tag's verb and its subject: '"…," said the ingenious Giovanelli'.
_NOT_MODIFIERS = frozenset(
    "to her him his them me us you at in on with for of and but a an that this it as so then "
    "not by from into upon".split()
)


def _phrasal(words: list[tuple[int, int, str]], position: int) -> bool:
    """'put in', 'broke in': a verb that tags a quote with its particle."""
    return (
        words[position][2] in PHRASAL_SPEECH_VERBS
        and position + 2 < len(words)
        and words[position + 1][2] == "in"
    )


def _inverted_subject(
    ctx: Context, words: list[tuple[int, int, str]], position: int, after_quote: bool
) -> RawMention | None:
    """The subject of an inverted tag at `position` ("said Emma", "broke in Davis"); right
    after a quote, past its describing words ("said the late Gogol", "said poor Mrs. Miller",
    "said the March Hare", "cut in the clear voice of Inspector Ratcliffe")."""
    first = position + (2 if _phrasal(words, position) else 1)
    previous = ""
    for offset, (start, _, word) in enumerate(words[first : first + 6]):
        subject = ctx.subject_at(start)
        if subject is not None:
            if subject.kind == "pronoun" and _AUXILIARY.match(ctx.text, subject.end):
                return None  # "protested he must be mistaken" reports what was said
            return subject if offset == 0 or subject.kind == "name" else None
        describes = word.islower() and word not in _NOT_MODIFIERS and not _is_verb(word)
        # a capitalised word after "the" that is not a name itself opens one ("the March Hare")
        describes = describes or (previous == "the" and word[:1].isupper())
        if not after_quote or not (describes or (previous, word) == ("voice", "of")):
            return None
        previous = word
    return None


def _reported(text: str, verb: str, rest: list[tuple[int, int, str]]) -> bool:
    """'had said that he'd teach her' reports speech; it does not tag a quote."""
    words = [w for _, _, w in rest]
    position = words.index(verb) if verb in words else -1
    following = words[position + 1] if 0 <= position < len(words) - 1 else ""
    return following.lower() in _REPORTED


_WHO_AFTER = re.compile(r"\s*,\s*who\b")  # "…by Willoughby, who, rousing himself, said"
_CLAUSE_OPENER = re.compile(
    r"(?:[,;:—–]|\b(?:when|while|as|and|but|then|until|till|whereupon|so))\s*$"
)
_SUBJECT_PRONOUNS = frozenset("he she they i we".split())


def _can_lead(mention: RawMention) -> bool:
    """Whether a mention can be the subject a lead-in clause is about: a name or description,
    or a pronoun in the subject case (not "her" in "to rouse her from…")."""
    return mention.kind != "pronoun" or mention.surface.lower() in _SUBJECT_PRONOUNS


_COMMA = re.compile(r"\s*,")
_ELIDED = re.compile(r";\s*(?:and|but)\b")  # "…; and then rising up, said to Elizabeth,"
_OWNS = re.compile(r"['’ ]s\b")


def _owns(text: str, mention: RawMention) -> bool:
    """Whether a mention is a possessive ("Emma's side")."""
    return bool(_OWNS.match(text, mention.end) or _OWNS.search(mention.surface[-2:]))


_PREPOSITIONS = frozenset("to at with from for of by upon on towards toward about".split())


def _apposed(ctx: Context, words: list[tuple[int, int, str]], subject: RawMention) -> RawMention:
    """The clause's subject when the one found ends a phrase set off by commas:
    "Mrs. Dashwood, taking up a volume of Shakespeare, exclaimed" is Mrs. Dashwood's tag."""
    if not _COMMA.match(ctx.text, subject.end):
        return subject
    earlier = [ctx.subject_at(w_start) for w_start, _, _ in words if w_start < subject.start]
    opened = [m for m in earlier if m and _can_lead(m) and _COMMA.match(ctx.text, m.end)]
    return opened[-1] if opened else subject


def _tag_in(ctx: Context, start: int, end: int, anchored: str | None) -> RawMention | None:
    """Find "NAME (adverb) VERB" or "VERB NAME" in text[start:end].

    `anchored` is "after" (the tag must open the stretch), "before" (it must be in the last
    clause) or None (anywhere, nearest to the end).
    """
    text = ctx.text
    if anchored == "after":
        clause = _CLAUSE_END.search(text, start, end)
        end = clause.start() if clause else end
    elif anchored == "before":
        cuts = [start] + [m.end() for m in _CLAUSE_END.finditer(text, start, end)]
        start = cuts[-1]
    words = [(m.start(), m.end(), m.group()) for m in WORD.finditer(text, start, end)]
    if anchored == "after":
        words = words[:12]
    found: RawMention | None = None
    for position, (w_start, _, word) in enumerate(words):
        if _is_verb(word) and position + 1 < len(words) or _phrasal(words, position):
            subject = _inverted_subject(ctx, words, position, anchored == "after")
            if subject and (anchored != "after" or position <= 1):
                found = subject
                if anchored == "after":
                    return found
        subject = ctx.subject_at(w_start)
        if subject is None:
            continue
        rest = [w for w in words[position + 1 :] if w[0] >= subject.end]
        negated = False
        for place, (_, _, follower) in enumerate(rest[:4]):
            lowered = follower.lower()
            if lowered in NEGATIONS or lowered.endswith("n't"):
                negated = True
                continue
            beat = anchored == "after" and follower.endswith("ed") and follower.islower()
            phrasal = follower in PHRASAL_SPEECH_VERBS and rest[place + 1 : place + 2] != []
            beat = beat or (phrasal and rest[place + 1][2] == "in")  # "Brett put in."
            if (_is_verb(follower) or beat) and not negated:
                if anchored == "after" and position > 2:
                    break
                if anchored is None and _reported(text, follower, rest):
                    break
                found = _apposed(ctx, words, subject) if anchored == "before" else subject
                break
            following = rest[place + 1] if place + 1 < len(rest) else None
            if lowered in ("was", "were") and following and following[2].endswith("ing"):
                if text[rest[place][1] : following[0]].isspace():  # "Freddy was saying"
                    continue
            if not (lowered.endswith("ly") or lowered in TAG_FILLERS):
                break
        if found is not None and anchored != "before":
            return found
    punctuated = anchored == "before" and text[start:end].rstrip()[-1:] in (":", ",", "-", "—")
    if found is None and anchored == "before" and words:
        # "Marilla intercepted the look and said grimly:", "Willoughby, rousing himself, said"
        # -- a clause that leads into the quote with a speech verb: its first subject speaks
        leads_in = punctuated or _is_verb(words[-1][2])
        if leads_in and any(_is_verb(word) or _speaking(word) for _, _, word in words):
            subjects = [ctx.subject_at(w_start) for w_start, _, _ in words]
            subjects = [m for m in subjects if m is not None and _can_lead(m)]
            relative = [m for m in subjects if _WHO_AFTER.match(text, m.end)]
            objects = {  # "said to Elizabeth": she is spoken to ("on Emma's side" is hers)
                words[place + 1][0]
                for place in range(len(words) - 1)
                if words[place][2].lower() in _PREPOSITIONS
            }
            subjects = [m for m in subjects if m.start not in objects or _owns(text, m)]
            if not (subjects or relative) and len(cuts) > 1 and _ELIDED.match(text, cuts[-1] - 1):
                # "Mr. Collins was gratified; and with a more smiling solemnity replied,":
                # the clause goes on with the subject of the one before the semicolon
                earlier = (ctx.subject_at(m.start()) for m in WORD.finditer(text, cuts[-2], start))
                return next((m for m in earlier if m is not None and _can_lead(m)), None)
            # the last clause's subject: "…, when Marianne, awakened by a noise, cried out,"
            openers = [m for m in subjects[1:] if _CLAUSE_OPENER.search(text, start, m.start)]
            found = (relative or openers[-1:] or subjects or [None])[0]
    if found is None and anchored == "before" and words and (punctuated or words[-1][2] == "was"):
        # "Elizabeth's reply was, "…"", "Cassandra's reply, "…"", "May's voice: "…"", "Mary's
        # voice came, cool and liquid: "…""
        for position in range(len(words) - 1, max(0, len(words) - 6), -1):
            if words[position][2].lower() in RESPONSE_NOUNS:
                owners = [ctx.subject_at(w[0]) for w in words[max(0, position - 3) : position]]
                owners = [m for m in owners if m is not None and m.kind == "name"]
                if owners and (words[-1][2] == "was" or _owns(text, owners[-1])):
                    return owners[-1]
    if found is None and anchored == "after" and len(words) >= 3:
        # "Was his empty response.", "was Mr. Weston's quick amendment", "were Eleanor's words"
        if words[0][2].lower() in ("was", "were", "came"):
            for _, _, noun in words[2:7]:
                if noun.lower() in RESPONSE_NOUNS:
                    return ctx.subject_at(words[1][0]) or _source(ctx, words, 2)
        # '"Peste!" broke from the Marquis', '"…" at last broke explosively from Janey', '"…"
        # came from Sir Thomas's tight lips'
        source = _source(ctx, words, 0)
        if source is not None:
            return source
        # '"There is a later will." It was Poirot who spoke.'
        if [w.lower() for _, _, w in words[:2]] == ["it", "was"]:
            subject = ctx.subject_at(words[2][0])
            if subject is not None and subject.kind == "name":
                rest = [w for w_start, _, w in words[3:] if w_start >= subject.end][:2]
                if len(rest) == 2 and rest[0] == "who" and _is_verb(rest[1]):
                    return subject
    return found


_SOURCE_VERBS = frozenset("broke burst came".split())


def _source(ctx: Context, words: list[tuple[int, int, str]], first: int) -> RawMention | None:
    """The speaker a quote "broke", "burst" or "came" from, within eight words from `first` on:
    "broke from the Marquis", "broke explosively from Janey", "which burst from Captain
    Wentworth"."""
    for place in range(first, min(first + 8, len(words) - 1)):
        if words[place][2] not in _SOURCE_VERBS:
            continue
        for hop in range(place + 1, min(place + 3, len(words))):
            if words[hop][2] == "from":
                return _inverted_subject(ctx, words, hop, True)
            if not words[hop][2].endswith("ly"):
                break
        return None
    return None


def speech_tags(ctx: Context, index: int) -> dict[str, RawMention]:
    """The subjects of the speech tags right after and right before the quote, by side."""
    quote = ctx.doc.quotes[index]
    paragraph = ctx.doc.quote_paragraph[index]
    siblings = ctx.paragraph_quotes[paragraph]
    position = siblings.index(index)
    continues = ctx.doc.quote_continues
    p_start, p_end = ctx.doc.paragraphs[paragraph].start, ctx.doc.paragraphs[paragraph].end
    after_end = (
        ctx.doc.quotes[siblings[position + 1]].start if position + 1 < len(siblings) else p_end
    )
    before_start = ctx.doc.quotes[siblings[position - 1]].end if position > 0 else p_start
    # between two pieces of one speech lies a quotation or stage direction, not a tag
    cut_after = position + 1 < len(siblings) and continues.get(siblings[position + 1]) == index
    cut_before = position > 0 and continues.get(index) == siblings[position - 1]
    found = {}
    for start, end, side in (
        (quote.end, after_end, "after"),
        (before_start, quote.start, "before"),
    ):
        if (side == "after" and cut_after) or (side == "before" and cut_before):
            continue
        if side == "before":
            mention = _before_quote(ctx, start, end, after_quote=position > 0)
        else:
            mention = _tag_in(ctx, start, end, side)
        if mention is not None:
            found[side] = mention
    if "before" not in found and position == 0 and not ctx.text[p_start : quote.start].strip():
        mention = _lead_in(ctx, paragraph - 1)
        if mention is not None:
            found["before"] = mention
    return found


# From the previous tag (its verb and an adverb or two) to the next clause's subject.
_HANDING_ON = re.compile(r"[^\"“”.!?]{0,30}?[,;]\s*(?:and|while|whilst|whereupon)(?:\s+then)?\s*")


def _before_quote(ctx: Context, start: int, end: int, after_quote: bool) -> RawMention | None:
    """The tag in the narration that leads into a quote; when that narration follows another
    quote, a tag that opens it is that quote's, and the subject it hands on to is this one's."""
    mention = _tag_in(ctx, start, end, "before")
    if after_quote and mention is not None:
        previous = _tag_in(ctx, start, end, "after")
        if previous is not None and previous.start == mention.start:
            return _handed_on(ctx, previous.end, end) or mention
    return mention


def _handed_on(ctx: Context, start: int, end: int) -> RawMention | None:
    """The speaker the previous quote's tag hands on to, as the subject of a clause that leads
    into this quote: '"…," said Mary, and Katharine, after a moment, said: "…"', '…, while
    the young man, smiling, replied:', '…, to the Marchioness, who replied with a smile:'."""
    mention = _tag_in(ctx, start, end, "before")
    if mention is None:
        return None
    opened = _HANDING_ON.fullmatch(ctx.text, start, mention.start)
    if not (opened or _WHO_AFTER.match(ctx.text, mention.end)):
        return None
    speaks = any(_is_verb(m.group()) for m in WORD.finditer(ctx.text, mention.end, end))
    return mention if speaks else None


# Verbs that end a paragraph leading into the next one's speech: "Lucy continued."
_GOES_ON = frozenset("began continued interposed spoke resumed".split())
_ADVERBS_ONLY = re.compile(r"(?:\s+(?:\w+ly|thus|first|then|again|at last))*\s+")


def _lead_in(ctx: Context, paragraph: int) -> RawMention | None:
    """The subject of a paragraph that ends leading into the next one's quote:
    "…and dropping her voice, Cynthia said:" / "Here Anne spoke--" / "Syme said, biting his
    beard" (no stop: the sentence goes on into the quote)."""
    if paragraph < 0:
        return None
    quotes = ctx.paragraph_quotes.get(paragraph, [])
    start = ctx.doc.quotes[quotes[-1]].end if quotes else ctx.doc.paragraphs[paragraph].start
    end = ctx.doc.paragraphs[paragraph].end
    tail = ctx.text[start:end].rstrip()
    words = WORD.findall(tail[-40:])
    ends_open = tail.endswith((":", ",", "-", "—", "–")) or tail[-1:].isalpha()
    if not words or not (ends_open or _is_verb(words[-1])):
        return None
    if not ends_open:  # "Mr. Collins began." -- the clause is the one its stop closes
        if quotes or words[-1].lower() not in _GOES_ON or not tail.endswith("."):
            return None  # '"…," Miko thought.' tags its own quote; "Margaret nodded." no quote
        end = start + len(tail) - 1
        subject = _tag_in(ctx, start, end, "before")
        verb = start + len(tail) - 1 - len(words[-1])
        between = ctx.text[subject.end : verb] if subject else ""
        return subject if _ADVERBS_ONLY.fullmatch(between) else None  # not "before X began"
    return _before_quote(ctx, start, end, after_quote=bool(quotes))


def paragraph_tag(ctx: Context, paragraph: int) -> int | None:
    """The character a speech verb anywhere in the paragraph's narration has as subject."""
    for start, end in ctx.narration(paragraph):
        mention = _tag_in(ctx, start, end, None)
        if mention is not None and mention.character is not None:
            return mention.character
    return None


def _keeps_silent(text: str, mention: RawMention) -> bool:
    """'Sasuke didn't respond', 'She said nothing': the narration says they do not speak."""
    words = [w.lower() for w in WORD.findall(text, mention.end, mention.end + 40)[:4]]
    negated = any(w in NEGATIONS or w.endswith("n't") for w in words[:2])
    return (negated and any(_is_verb(w) for w in words)) or words[1:2] == ["nothing"]


def actor(ctx: Context, paragraph: int, exclude: set[int]) -> int | None:
    """The first character the paragraph's narration mentions, unless it says they keep silent."""
    for start, end in ctx.narration(paragraph):
        for mention in ctx.in_paragraph.get(paragraph, []):
            if start <= mention.start < end and mention.character is not None:
                if mention.start in ctx.owners:  # "her sister said": "her" is not who acts
                    continue
                if mention.character not in exclude and mention.character not in ctx.inner_host:
                    if not _keeps_silent(ctx.text, mention):
                        return mention.character
    return None


def voice_reveal(ctx: Context, paragraph: int, exclude: set[int]) -> int | None:
    """The character the next paragraph names as the voice ("…the voice had come from. Kai.")."""
    if paragraph + 1 >= len(ctx.doc.paragraphs):
        return None
    following = ctx.doc.paragraphs[paragraph + 1]
    found = _VOICE_SOURCE.search(ctx.text, following.start, following.end)
    if not found:
        return None
    after = found.end()
    sentence_of_voice = None
    for mention in ctx.in_paragraph.get(paragraph + 1, []):
        if mention.character is not None:
            if mention.start < after:
                sentence_of_voice = mention.sentence
                continue
            if mention.sentence != sentence_of_voice and mention.character not in exclude:
                return mention.character
    return None


def point_of_view(ctx: Context, paragraph: int, exclude: set[int]) -> int | None:
    """The character the recent narration is most about."""
    counts: Counter[int] = Counter()
    nearby = (m for p in range(paragraph - 5, paragraph + 1) for m in ctx.in_paragraph.get(p, []))
    for mention in nearby:
        if mention.quote is None:
            if mention.character is not None and mention.character not in exclude:
                if mention.character not in ctx.inner_host:
                    counts[mention.character] += 1
    return counts.most_common(1)[0][0] if counts else None
