"""Find speech and inner thought: double- and single-quoted passages, told apart from
apostrophes, scare quotes and nested quotes, including quotes that run over paragraphs; quoted
letters and notes are kept as written text."""

from __future__ import annotations

import re
from dataclasses import dataclass

from ficlens.document import Document
from ficlens.model import Quote
from ficlens.pipeline import stage
from ficlens.quotes.italics import add_italic_thoughts
from ficlens.quotes.verbs import NOT_AFTER_TITLE, SPEECH_VERBS, THOUGHT_VERBS, WORD
from ficlens.quotes.written import mark_written

_DOUBLE = re.compile(r'["“”„«»]')
_SINGLE = re.compile(r"['‘’]")
_ELISIONS = frozenset(
    "em tis twas twere cause cos coz cuz til till n bout round fraid scuse ello nuff kay sup "
    "ere im ol e".split()
)
_OPEN_CONTEXT = set('([{—–-"“…/')
_END_PUNCT = set(".!?…,—–-;:~")
_TAG_PRONOUNS = frozenset("he she i they we you it his her".split())
# Words after which a short quote is still someone's speech: 'and then "Yes." He left'.
_INTRODUCERS = frozenset("then and but or simply only just merely again back even".split())


@dataclass
class Found:
    """A quoted passage in view offsets; `closed` is False when it runs to the paragraph end."""

    start: int
    end: int
    mark: str  # "double" or "single"
    closed: bool


def find_double(text: str, start: int, end: int) -> list[Found]:
    """Return double-quoted passages in text[start:end]."""
    found: list[Found] = []
    opened: int | None = None
    for match in _DOUBLE.finditer(text, start, end):
        position, mark = match.start(), match.group()
        if opened is None:
            if mark not in "”»":
                opened = position
        elif mark in "“„«":
            if text[opened + 1 : position].strip():
                found.append(Found(opened, _rstrip(text, opened, position), "double", False))
            opened = position
        else:
            found.append(Found(opened, position + 1, "double", True))
            opened = None
    if opened is not None and text[opened + 1 : end].strip():
        found.append(Found(opened, end, "double", False))
    return found


def _rstrip(text: str, start: int, end: int) -> int:
    while end > start + 1 and text[end - 1].isspace():
        end -= 1
    return end


def _can_open(text: str, index: int, start: int, end: int) -> bool:
    after = text[index + 1] if index + 1 < end else ""
    if not after or after.isspace() or after.isdigit():
        return False
    before = text[index - 1] if index > start else " "
    if not (before.isspace() or before in _OPEN_CONTEXT):
        return False
    word = WORD.match(text, index + 1)
    return not (word and word.group().lower().rstrip("'’") in _ELISIONS and word.group().islower())


def _can_close(text: str, index: int, start: int, end: int) -> bool:
    before = text[index - 1] if index > start else " "
    after = text[index + 1] if index + 1 < end else ""
    if before.isspace() or after.isalnum():
        return False
    if before in _END_PUNCT:
        return True
    # A weak close ("…ignoring us' Inner-Sakura stated") vs a plural possessive ("girls' toys").
    rest = text[index + 1 : end].lstrip()
    if not rest or not rest[0].isalpha():
        return True
    word = WORD.match(rest)
    first = word.group().lower() if word else ""
    return rest[0].isupper() or first in SPEECH_VERBS or first in _TAG_PRONOUNS


def find_single(text: str, start: int, end: int, skip: list[tuple[int, int]]) -> list[Found]:
    """Return single-quoted passages in text[start:end], outside the `skip` ranges."""
    marks = [
        m.start()
        for m in _SINGLE.finditer(text, start, end)
        if not any(s <= m.start() < e for s, e in skip)
    ]
    found: list[Found] = []
    index = 0
    while index < len(marks):
        opening = marks[index]
        if text[opening] == "’" or not _can_open(text, opening, start, end):
            index += 1
            continue
        closing = next(
            (
                j
                for j in range(index + 1, len(marks))
                if marks[j] > opening + 1
                and text[marks[j]] != "‘"
                and _can_close(text, marks[j], start, end)
                and not any(opening < s < marks[j] for s, _ in skip)
            ),
            None,
        )
        if closing is not None:
            found.append(Found(opening, marks[closing] + 1, "single", True))
            index = closing + 1
        elif opening == start:
            found.append(Found(opening, end, "single", False))
            break
        else:
            index += 1
    return found


# Inside speech, a stage direction ("(sitting down again)", "(with a smile at Emma)") is the
# narrator's, not the speaker's.
_STAGE_DIRECTION = re.compile(
    r"\((?:[a-z]+ing|with|in|again|rather|aside|then|half|still)\b[^()]{0,80}\)"
)
_FIRST_SECOND = re.compile(r"\b(?:I|me|my|we|us|our|you|your)\b")


def _quotation(text: str, nested: Found, start: int) -> bool:
    """Whether a single-quoted passage inside speech quotes someone: introduced by a colon, a
    comma or a speech verb, and opening with a capital ("He said: 'Go home.'"), three words or
    more; not dialect ("a 'bomination", "'tain't")."""
    if not text[nested.start + 1 : nested.start + 2].isupper():
        return False
    if len(WORD.findall(text, nested.start, nested.end)) < 3:
        return False
    before = text[start : nested.start].rstrip()
    words = WORD.findall(before[-20:])
    return before.endswith((":", ",")) or bool(words and words[-1].lower() in SPEECH_VERBS)


# A text whose curly single marks an encoding turned into spaces: "don t", "the world s".
_STRIPPED_APOSTROPHE = re.compile(r"\b[A-Za-z]+n t\b")
_KEPT_APOSTROPHE = re.compile(r"\b[A-Za-z]+n['’]t\b")
_DOUBLE_SPACE = re.compile(r"(?<=\S)  (?=\S)")
_CLOSING_PUNCT = set(",.!?;:-—")


def marks_stripped(text: str) -> bool:
    """Whether the text's apostrophes and single quote marks were turned into spaces."""
    lost = len(_STRIPPED_APOSTROPHE.findall(text))
    return lost >= 5 and lost > len(_KEPT_APOSTROPHE.findall(text))


def _stripped_quotations(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Quotations inside a story told in speech, whose single marks became spaces: '" There are
    but three,  said I.' A passage that opens with one is a turn of the story's dialogue; in it
    a double space opens a quotation before a capital (or right after a tag that closed one)
    and closes it after a stop or a comma. (A quotation in the middle of speech, 'I said,  Go
    home,  and', PDNC keeps whole.)"""
    if not (text[start : start + 1] == " " and text[start + 1 : start + 2].isupper()):
        return []
    found: list[tuple[int, int]] = []
    opened: int | None = start
    closed_at = None
    for match in _DOUBLE_SPACE.finditer(text, start + 1, end):
        at, before, after = match.start(), text[match.start() - 1], text[match.end()]
        if opened is None:
            tagged = closed_at is not None and before == "," and at - closed_at < 60
            if after.isupper() or tagged:
                opened = at + 1
        elif before in _CLOSING_PUNCT:
            found.append((opened, at + 1))
            opened, closed_at = None, at
    if opened is not None and text[start:end].rstrip()[-1:] in _CLOSING_PUNCT:
        found.append((opened, end))
    return found


def _pieces(text: str, item: Found, stripped: bool = False) -> list[tuple[int, int]]:
    """The spans of a double-quoted passage that are its speaker's own words: cut around a
    quotation inside it ('He said: \'Go home.\' And I went') and around a stage direction, as
    PDNC's sub-quotations are."""
    inner_start, inner_end = item.start + 1, item.end - (1 if item.closed else 0)
    cuts = [
        (nested.start, nested.end)
        for nested in find_single(text, inner_start, inner_end, [])
        if nested.closed and _quotation(text, nested, inner_start)
    ]
    if stripped:
        cuts += _stripped_quotations(text, inner_start, inner_end)
    for match in _STAGE_DIRECTION.finditer(text, inner_start, inner_end):
        if not _FIRST_SECOND.search(match.group()):
            cuts.append(match.span())
    pieces, cursor = [], item.start
    for cut_start, cut_end in sorted(cuts):
        if cut_start >= cursor:
            pieces.append((cursor, _rstrip(text, cursor, cut_start)))
            cursor = cut_end
            while cursor < item.end and text[cursor].isspace():
                cursor += 1
    pieces.append((cursor, item.end))
    return [(a, b) for a, b in pieces if re.search(r"[A-Za-z]{2}", text[a:b])] or [
        (item.start, item.end)
    ]


def _next_word(text: str, position: int, end: int) -> str:
    match = WORD.match(text[position:end].lstrip())
    return match.group().lower() if match else ""


def _words_after(text: str, position: int, end: int) -> list[str]:
    """The first three words (lower case) after a quote, where a tag would stand."""
    return [w.lower() for w in WORD.findall(text, position, min(end, position + 40))[:3]]


def _tag_follows(text: str, position: int, end: int) -> bool:
    """Whether a speech tag opens the text after a quote: "said Emma", "she said" (not "She
    did not ask")."""
    words = _words_after(text, position, end)
    if not words:
        return False
    if words[0] in SPEECH_VERBS:
        return True
    return words[0] in _TAG_PRONOUNS and any(w in SPEECH_VERBS for w in words[1:])


# A sentence end in narration, not the period of a title ("said Mrs. Ferrars").
_SENTENCE_END = re.compile(NOT_AFTER_TITLE + r"[.!?]")
# Words that cite what follows as a name or a word, not as something said.
_NAMED = re.compile(
    r"\b(?:called|named|entitled|termed|christened|labell?ed|the\s+words?|the\s+name|the\s+title)$"
)


def _resumes(text: str, previous_end: int | None, position: int) -> bool:
    """Whether a quote opens right after the speech tag of the quote before it, in the same
    sentence: '"Yes, sir," said Anne slowly "but I didn't…"', 'began Kemp, "that invisibility "'.
    It goes on with that speech, whatever its first word or its end."""
    if previous_end is None:
        return False
    gap = text[previous_end:position]
    words = [w.lower() for w in WORD.findall(gap)]
    if not 0 < len(words) <= 6 or _SENTENCE_END.search(gap):
        return False
    return any(w in SPEECH_VERBS for w in words[:3])


def is_scare_quote(
    text: str, found: Found, start: int, end: int, previous_end: int | None = None
) -> bool:
    """Whether a quoted phrase is a title or scare quote inside narration, not speech.
    `previous_end` is where the paragraph's quote before this one ends, if there is one."""
    inner = text[found.start + 1 : found.end - 1].strip()
    if not inner:
        return True
    if _resumes(text, previous_end, found.start):
        return False
    before = text[start : found.start].rstrip()
    no_tag = not _tag_follows(text, found.end, end)
    if _NAMED.search(before) and no_tag and len(inner.split()) <= 6 and inner[-1] not in "!?":
        # a name or word cited: 'a novel called "Middlemarch,"', 'the word "love,"' (not a
        # call: 'She called "Victor!"')
        return True
    previous = WORD.findall(before[-30:])
    if found.closed and inner[0].islower() and before and before[-1].isalpha():
        # "…referred to as "poor Ellen."", "determined to "see it through," he…"
        short_phrase = len(inner.split()) <= 12
        if previous and previous[-1].lower() not in SPEECH_VERBS and short_phrase and no_tag:
            return True
    short = len(inner.split()) <= 3 or all(w[0].isupper() for w in inner.split() if len(w) > 3)
    if found.closed and inner[-1] in ",." and short and before[-1:].islower():
        # a name or title set off mid-sentence: "…grouped together they represented "New
        # York," and…", "…an authority on "form." He knew…", "…the overture to "The Poet and
        # the Peasant.""
        if previous and previous[-1].lower() not in SPEECH_VERBS | _INTRODUCERS and no_tag:
            return True
    if not found.closed or inner[-1] in _END_PUNCT or len(inner.split()) > 8:
        return False
    if not before or not (before[-1].isalnum() or before[-1] in ",;"):
        return False
    if previous and previous[-1].lower() in SPEECH_VERBS and not inner[0].islower():
        return False
    # a phrase broken off with no mark ('"because I " He stopped.') is speech when its speaker
    # goes on right after it, so here any pronoun after it counts, not only one that tags it
    following = _next_word(text, found.end, end)
    return following not in SPEECH_VERBS and following not in _TAG_PRONOUNS


def _tag_is_thought(text: str, found: Found, end: int) -> bool:
    return any(word in THOUGHT_VERBS for word in _words_after(text, found.end, end))


def choose_dialogue_mark(doubles: int, singles: int) -> str:
    """Pick the mark a text uses for speech: 'single' for British-style dialogue."""
    return "single" if singles >= 10 and doubles < 0.2 * singles else "double"


@stage("quotes", needs=("sentences",))
def quote_stage(doc: Document) -> None:
    """Add the quote layer (speech and thought) over story segments."""
    text = doc.view
    per_segment = []
    for paragraph, start, end in doc.segments:
        doubles = find_double(text, start, end)
        singles = find_single(text, start, end, [(d.start, d.end) for d in doubles])
        per_segment.append((paragraph, start, end, doubles, singles))
    doc.dialogue_mark = choose_dialogue_mark(
        sum(len(d) for *_, d, _ in per_segment), sum(len(s) for *_, s in per_segment)
    )
    stripped = marks_stripped(text)
    quotes: list[Quote] = []
    paragraphs: list[int] = []
    previous_open: tuple[int, str] | None = None  # (quote index, mark) left open by a paragraph
    for paragraph, start, end, doubles, singles in per_segment:
        if doc.dialogue_mark == "single":
            singles = find_single(text, start, end, [])
            inside = [(s.start, s.end) for s in singles]
            doubles = [d for d in doubles if not any(s <= d.start < e for s, e in inside)]
        found = sorted(doubles + singles, key=lambda f: f.start)
        opened_here = None
        previous_end = None
        for item in found:
            if is_scare_quote(text, item, start, end, previous_end):
                continue
            previous_end = item.end
            speech_mark = item.mark == doc.dialogue_mark
            kind = "speech" if speech_mark and not _tag_is_thought(text, item, end) else "thought"
            index = len(quotes)
            if (
                previous_open is not None
                and item.start == start
                and previous_open[1] == item.mark
                and paragraph - paragraphs[previous_open[0]] == 1
            ):
                doc.quote_continues[index] = previous_open[0]
                kind = quotes[previous_open[0]].kind
            pieces = (
                _pieces(text, item, stripped)
                if item.mark == "double" == doc.dialogue_mark
                else [(item.start, item.end)]
            )
            for piece_start, piece_end in pieces:
                if len(quotes) > index:
                    doc.quote_continues[len(quotes)] = index  # the rest of the same speech
                piece = Quote(id=f"q{len(quotes) + 1}", start=piece_start, end=piece_end, kind=kind)
                quotes.append(piece)
                paragraphs.append(paragraph)
            opened_here = (len(quotes) - 1, item.mark) if not item.closed else None
        previous_open = opened_here
    doc.quotes = quotes
    doc.quote_paragraph = paragraphs
    mark_written(doc)  # letters, notes and inscriptions (quotes/written.py)
    add_italic_thoughts(doc)  # italic inner thoughts from the markup (quotes/italics.py)
