"""Quoted text that is written, not spoken: letters, notes, telegrams, inscriptions, messages.

A quote is written when the narration just before it introduces writing ("She had written:",
"The telegram ran:", "this inscription:"), when its tag is a verb of writing ('"…," she
wrote'), or when it belongs to a letter laid out as quoted paragraphs: a salutation on its own
("My dear Harriet,") down to a closing ("Yours affectionately,") and the signature after it,
or when it opens a line indented past the work's paragraphs: a block set apart from the story
(a letter, verse, a headline), quoted but not a line of the conversation.
Written quotes keep their place in the quote layer with the kind "written"; they are nobody's
lines of dialogue.
"""

from __future__ import annotations

import re
from collections import Counter

from ficlens.document import Document
from ficlens.quotes.verbs import SPEECH_VERBS

# Narration that hands over to written words: a writing noun or verb, then at most a few words,
# then a colon or comma at the very end ("She had written:", "the note ran thus:", "These were
# the contents:", "he scribbled on the card,").
_LEAD = re.compile(
    r"(?:\b(?:wrote|written|writes|write|writing|scrawled|scribbled|pencilled|penciled|typed|"
    r"texted|printed|engraved|inscribed|inscription|labell?ed|telegram|telegraphed|wired|"
    r"cable|postscript|letter|note|card|message|contents|headline|placard|notice|sign|"
    r"signed|superscription|motto|epitaph)(?![-\w])[^\"“”.!?]{0,40}[:,]|"
    r"\b(?:as\s+follows|to\s+(?:this|the\s+following)\s+effect)[:,.]?)[-—–]*\s*$",
    re.IGNORECASE,
)
# A tag of writing after the quote: '"…," she wrote.', '"…," Mira texted back.'
_TAG = re.compile(
    r"\s*(?:[A-Za-z]+\s+){0,3}?(?:wrote|writes|had\s+written|scrawled|scribbled|pencilled|"
    r"penciled|texted|typed|telegraphed|wired|signed)\b"
)
_WORD = re.compile(r"[A-Za-z]+")
_WRITING_WORDS = frozenset({"note", "sign", "signed", "write", "wrote", "written", "writes"})
_SALUTATION = re.compile(
    r"^(?:my\s+)?(?:dear(?:est)?|beloved|sir|madam|gentlemen)\b[^.!?]{0,40}[,:]$", re.IGNORECASE
)
_CLOSING = re.compile(
    r"^(?:(?:ever|always|very\s+truly|truly|sincerely|faithfully|affectionately)\s+)?"
    r"(?:(?:yours|your['’]s|your\s+(?:affectionate|loving|devoted|obedient|sincere|faithful|"
    r"anxious)|with\s+love|love|affectionately|sincerely|faithfully)\b|i\s+am\b)"
    r"[^.!?]{0,40}(?:,|&c\.?(?:\s*&c\.?)*)$",
    re.IGNORECASE,
)
_SET_OFF = 3  # columns of indentation past the usual paragraph start that set a block apart
_SET_OFF_SHARE = 0.05  # at most this share of paragraphs set apart (2.4% in any PDNC novel)
_LETTER_PARAGRAPHS = 40  # a letter's salutation and closing are at most this many paragraphs apart
_SIGNATURE_WORDS = 5


def mark_written(doc: Document) -> None:
    """Give the kind "written" to the quotes that are written text (see the module docstring)."""
    text = doc.view
    quotes = doc.quotes
    for index, quote in enumerate(quotes):
        lead_from = max(0, quote.start - 80)
        if index and quotes[index - 1].end > lead_from:
            lead_from = quotes[index - 1].end  # only the narration since the last quote
        inner = _inner(doc, index)
        if not inner or inner[0].islower() or _spoken(text, lead_from, quote.start, quote.end):
            continue  # "…," she said, holding the letter, "it seems…": speech resumed
        lead = _LEAD.search(text, lead_from, quote.start)
        tag = inner[-1] in ",—" and _TAG.match(text, quote.end)
        if lead or tag:
            quote.kind = "written"
    set_off = _set_off_indent(doc)
    if set_off is not None:
        for quote in quotes:
            if _indent(text, quote.start) >= set_off:
                quote.kind = "written"
    for first, last in _letters(doc):
        for index in range(first, last + 1):
            quotes[index].kind = "written"
    for index in range(1, len(quotes)):
        earlier = doc.quote_continues.get(index)
        if earlier is not None and quotes[earlier].kind == "written":
            quotes[index].kind = "written"  # a letter quoted over several paragraphs
        elif quotes[index - 1].kind == "written" and _alone(doc, index):
            next_paragraph = doc.quote_paragraph[index] == doc.quote_paragraph[index - 1] + 1
            inner = _inner(doc, index)
            if next_paragraph and (_signature(doc, index) or _CLOSING.match(inner)):
                quotes[index].kind = "written"  # the closing or signature under a letter
                if index + 1 < len(quotes) and _with_signature(doc, index) == index + 1:
                    quotes[index + 1].kind = "written"


def _indent(text: str, start: int) -> int:
    """The indentation, in columns, of the line on which `start` lies."""
    line = text[text.rfind("\n", 0, start) + 1 : start].expandtabs(4)
    return len(line) - len(line.lstrip())


def _set_off_indent(doc: Document) -> int | None:
    """The indentation that sets a block apart: `_SET_OFF` columns past the work's usual
    paragraph start. None when many paragraphs sit that deep (more than two, and more than
    `_SET_OFF_SHARE` of them, as in a paste whose indentation is ragged): then indentation tells
    nothing."""
    indents = Counter(_indent(doc.view, paragraph.start) for paragraph in doc.paragraphs)
    if not indents:
        return None
    set_off = indents.most_common(1)[0][0] + _SET_OFF
    deeper = sum(count for indent, count in indents.items() if indent >= set_off)
    return set_off if deeper <= max(2, _SET_OFF_SHARE * len(doc.paragraphs)) else None


def _spoken(text: str, lead_from: int, start: int, end: int) -> bool:
    """Whether a speech verb leads into the quote or tags it: '…, said Jane, taking out the
    letter, "…"', '"…," he said'."""
    lead = _WORD.findall(text[lead_from:start])
    after = _WORD.findall(text[end : end + 30])[:3]
    return any(w.lower() in SPEECH_VERBS and w.lower() not in _WRITING_WORDS for w in lead + after)


def _inner(doc: Document, index: int) -> str:
    quote = doc.quotes[index]
    return doc.view[quote.start + 1 : quote.end].strip().rstrip("\"“”'‘’").strip()


def _alone(doc: Document, index: int) -> bool:
    """Whether the quote is its paragraph's whole text."""
    quote = doc.quotes[index]
    paragraph = doc.paragraphs[doc.quote_paragraph[index]]
    return (
        not doc.view[paragraph.start : quote.start].strip()
        and not doc.view[quote.end : paragraph.end].strip()
    )


def _letters(doc: Document) -> list[tuple[int, int]]:
    """(first, last) quote indexes of letters laid out as quoted paragraphs."""
    found = []
    count = len(doc.quotes)
    index = 0
    while index < count:
        if not _alone(doc, index):
            index += 1
            continue
        inner = _inner(doc, index)
        if _CLOSING.match(inner) and len(inner.split()) <= _SIGNATURE_WORDS + 3:
            found.append((index, _with_signature(doc, index)))  # a closing with no salutation
            index = found[-1][1] + 1
            continue
        if not _SALUTATION.match(inner):
            index += 1
            continue
        start_paragraph = doc.quote_paragraph[index]
        closing = None
        for later in range(index + 1, count):
            if doc.quote_paragraph[later] - start_paragraph > _LETTER_PARAGRAPHS:
                break
            if not _alone(doc, later):
                break  # narration between the paragraphs: not one letter
            if _CLOSING.match(_inner(doc, later)) or _signature(doc, later):
                closing = later
                break
        if closing is None:
            index += 1
            continue
        found.append((index, _with_signature(doc, closing)))
        index = found[-1][1] + 1
    return found


def _signature(doc: Document, index: int) -> bool:
    """A short paragraph in capitals, quoted on its own: "CAROLINE BINGLEY."."""
    inner = _inner(doc, index)
    return (
        _alone(doc, index)
        and len(inner.split()) <= _SIGNATURE_WORDS
        and inner.isupper()
        and sum(c.isalpha() for c in inner) >= 3
    )


def _with_signature(doc: Document, closing: int) -> int:
    """The last quote of a letter: the closing, or the short signature right after it."""
    after = closing + 1
    if (
        after < len(doc.quotes)
        and _alone(doc, after)
        and doc.quote_paragraph[after] == doc.quote_paragraph[closing] + 1
        and len(_inner(doc, after).split()) <= _SIGNATURE_WORDS
    ):
        return after
    return closing
