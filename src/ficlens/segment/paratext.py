"""Separate disclaimers, author's notes and replies to reviewers from the story.

Notes are found at the head (before the first story paragraph), at the foot (from the first
note-marked paragraph among the last few to the end) and inline (a paragraph that opens with a
note marker, or a bracketed "[A/N: …]" / "(AN: …)" inside a paragraph).
"""

from __future__ import annotations

import re

from ficlens.document import Document
from ficlens.model import Paratext
from ficlens.pipeline import stage

_NOTE_MARK = re.compile(
    r"""^\W{0,3}(?:
        A\s?/\s?N\b | A\.N\.? | AN(?=\s*[:)\]\-–—]) | N/A\b
      | Author'?s?'?\s*Notes?\b | Authors?\s+Notes?\b | Notes?\s*:
      | End\s+notes?\b | Final\s+notes?\b
    )""",
    re.VERBOSE | re.IGNORECASE,
)
_UPPER_AN = re.compile(r"^\W{0,3}AN\b")
_DISCLAIMER = re.compile(
    r"""^\W{0,3}disclaimer\b
      | \b(?:I|we)\s+(?:do\s+not|don'?t|do\s+n't|never\s+will|will\s+never)\s+own\b
      | \bI\s+own\s+nothing\b | \bnot\s+mine\b.*\b(?:belong|own)
      | \ball\s+(?:rights|characters)\s+(?:belong|go|are\s+owned)\b
      | \bbelongs?\s+to\s+(?:their|its|the)\s+(?:respective\s+)?(?:owners?|creators?|author)""",
    re.VERBOSE | re.IGNORECASE,
)
_REVIEW_REQUEST = re.compile(
    r"""\b(?:please|pls|plz)\W+(?:\w+\W+){0,3}(?:review|comment|R\s*&\s*R)
      | \breview\W+(?:please|pls|plz)\b | \bR\s*&\s*R\b | \bread\s+(?:and|&)\s+review\b
      | \breviews?\s+(?:are|is)\s+(?:love|appreciated|welcome)
      | \bleave\s+(?:a|me\s+a)\s+(?:review|comment)\b""",
    re.VERBOSE | re.IGNORECASE,
)
_REVIEW_REPLY = re.compile(
    r"""^\W{0,3}(?:(?:replies|reply|responses?)\s+(?:to\s+)?(?:reviews?|reviewers?)
      | review\s+(?:replies|responses) | to\s+(?:all\s+)?(?:my\s+)?reviewers
      | to\s+[\w.\-]+\s*:)""",
    re.VERBOSE | re.IGNORECASE,
)
_AUTHOR_TALK = re.compile(
    r"\b(?:chapter|fic|fanfic|story|update|reviews?|readers?|beta|thanks|thank\s+you|enjoy|"
    r"prologue|one-?shot|sequel|posted|writing|wrote|favou?rites?|follows?)\b",
    re.IGNORECASE,
)
_INLINE_NOTE = re.compile(
    r"[\[(]\s*(?:A\s?/\s?N|AN|Author'?s?'?\s+Note)\b[^\])]*[\])]", re.IGNORECASE
)
_FOOT_WINDOW = 8


# A marker with nothing in its brackets opens a note paragraph: "(AN)Hey! I finally got…".
_BARE_MARK = re.compile(r"[\[(]\s*(?:A\s?/\s?N|AN|Author'?s?'?\s+Notes?)\s*:?\s*[\])]", re.I)


def _is_note_start(text: str) -> bool:
    match = _NOTE_MARK.match(text)
    if not match:
        return False
    if match.group().strip(" ([{<").upper().startswith("AN"):
        return bool(_UPPER_AN.match(text))
    return True


def classify(text: str) -> str | None:
    """Return the paratext kind of a whole paragraph, or None if it reads as story."""
    head = text[:400]
    inline = _INLINE_NOTE.match(text)
    if inline and text[inline.end() :].strip() and not _BARE_MARK.fullmatch(inline.group()):
        return None  # "[A/N: …] The lamp flickered.": a note inside a story paragraph
    if _REVIEW_REPLY.match(head):
        return "review_reply"
    if _DISCLAIMER.search(head):
        return "disclaimer"
    if _is_note_start(head):
        return "author_note"
    return None


def _is_continuation(text: str) -> bool:
    """A paragraph after a note that still talks to the reader rather than telling the story."""
    return (
        bool(_AUTHOR_TALK.search(text) or _REVIEW_REQUEST.search(text))
        and '"' not in text
        and "“" not in text
    )


def find_paratext(text: str, paragraphs: list[tuple[int, int]]) -> dict[int, str]:
    """Return {paragraph index: kind} for paragraphs that are wholly paratext."""
    kinds: dict[int, str] = {}
    count = len(paragraphs)
    index, previous = 0, None
    while index < count:  # the head
        body = text[paragraphs[index][0] : paragraphs[index][1]]
        kind = classify(body)
        if kind is None and previous is not None and _is_continuation(body):
            kind = previous
        if kind is None:
            break
        kinds[index] = previous = kind
        index += 1
    first_story = index
    foot_start = None
    for candidate in range(max(first_story, count - _FOOT_WINDOW), count):
        body = text[paragraphs[candidate][0] : paragraphs[candidate][1]]
        if classify(body) or _REVIEW_REQUEST.search(body):
            foot_start = candidate
            break
    previous = "author_note"
    for index in range(first_story, count):
        body = text[paragraphs[index][0] : paragraphs[index][1]]
        kind = classify(body)
        if foot_start is not None and index >= foot_start:
            kind = kind or ("review_reply" if previous == "review_reply" else "author_note")
            previous = kind
        if kind:
            kinds[index] = kind
    return kinds


def find_inline_notes(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Return bracketed author's notes inside a story paragraph."""
    return [(start + m.start(), start + m.end()) for m in _INLINE_NOTE.finditer(text[start:end])]


@stage("paratext", needs=("paragraphs",))
def paratext_stage(doc: Document) -> None:
    """Mark disclaimers, author's notes and review replies; keep them out of the story."""
    given, covered = _given_paratext(doc)
    kinds = _find_per_chapter(doc, covered)
    notes: list[Paratext] = list(given)
    for index, paragraph in enumerate(doc.paragraphs):
        if index in covered:  # a summary or note the markup marked
            paragraph.story = False
            continue
        kind = kinds.get(index)
        if kind:
            paragraph.story = False
            previous = notes[-1] if notes else None
            if previous and previous.kind == kind and kinds.get(index - 1) == kind:
                previous.end = paragraph.end  # one note over several paragraphs
            else:
                notes.append(Paratext(start=paragraph.start, end=paragraph.end, kind=kind))
            continue
        for start, end in find_inline_notes(doc.view, paragraph.start, paragraph.end):
            notes.append(Paratext(start=start, end=end, kind="author_note"))
    doc.paratext = sorted(notes, key=lambda note: note.start)


def _given_paratext(doc: Document) -> tuple[list[Paratext], set[int]]:
    """The reader's summaries and notes in view offsets, and the paragraphs they cover."""
    given = []
    for note in doc.given_paratext:
        start, end = doc.view_span(note.start, note.end)
        given.append(note.model_copy(update={"start": start, "end": end}))
    covered = {
        index
        for index, paragraph in enumerate(doc.paragraphs)
        if any(note.start <= paragraph.start and paragraph.end <= note.end for note in given)
    }
    return given, covered


def _find_per_chapter(doc: Document, covered: set[int]) -> dict[int, str]:
    """Run `find_paratext` over each chapter's paragraphs (the whole text when no chapters)."""
    starts = sorted(doc.view_offset(chapter.start) for chapter in doc.chapters)
    groups: dict[int, list[int]] = {}
    for index, paragraph in enumerate(doc.paragraphs):
        if index not in covered:
            group = sum(1 for start in starts if start <= paragraph.start)
            groups.setdefault(group, []).append(index)
    kinds: dict[int, str] = {}
    for indices in groups.values():
        spans = [(doc.paragraphs[i].start, doc.paragraphs[i].end) for i in indices]
        for position, kind in find_paratext(doc.view, spans).items():
            kinds[indices[position]] = kind
    return kinds
