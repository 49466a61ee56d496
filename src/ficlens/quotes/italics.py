"""Inner thoughts written in italics: an italic stretch of story text outside any quote, of two
words or more or ending in sentence punctuation (*I can't do this.*). Titles in title case
("the *Salt Road Gazette*") and single stressed words ("*never*") are left alone."""

from __future__ import annotations

import re
from bisect import bisect_right

from ficlens.document import Document
from ficlens.model import Quote

_WORD = re.compile(r"[^\W\d_][\w'’\-]*")
_SENTENCE_END = re.compile(r"[.!?…][\"'”’)\]]*$")
_MAX_WORDS = 80  # longer italic stretches are letters, flashbacks or dreams, not one thought


def find_italic_thoughts(doc: Document) -> list[tuple[int, int, int]]:
    """Return (paragraph index, start, end) in view offsets for italic thoughts."""
    quotes = sorted((q.start, q.end) for q in doc.quotes)
    segments = doc.segments
    segment_starts = [start for _, start, _ in segments]
    found = []
    for span in doc.emphasis:
        start, end = doc.view_span(span.start, span.end)
        while start < end and doc.view[start].isspace():
            start += 1
        while end > start and doc.view[end - 1].isspace():
            end -= 1
        text = doc.view[start:end]
        at = bisect_right(segment_starts, start) - 1
        if at < 0 or end > segments[at][2]:
            continue  # not inside one stretch of story text
        if any(q_start < end and start < q_end for q_start, q_end in quotes):
            continue
        words = _WORD.findall(text)
        if not words or len(words) > _MAX_WORDS:
            continue
        sentence = bool(_SENTENCE_END.search(text))
        if not sentence and (len(words) < 2 or all(w[0].isupper() for w in words)):
            continue
        found.append((segments[at][0], start, end))
    return found


def add_italic_thoughts(doc: Document) -> None:
    """Add italic thoughts to the quotes (kind "thought"), keeping quotes in order, ids q1..qN."""
    thoughts = find_italic_thoughts(doc)
    if not thoughts:
        return
    entries = [(q.start, 0, old, q) for old, q in enumerate(doc.quotes)]
    entries += [(start, 1, None, (paragraph, start, end)) for paragraph, start, end in thoughts]
    entries.sort(key=lambda entry: (entry[0], entry[1]))
    new_index: dict[int, int] = {}
    quotes: list[Quote] = []
    paragraphs: list[int] = []
    for position, (_, _, old, item) in enumerate(entries):
        if old is not None:
            new_index[old] = position
            quotes.append(item.model_copy(update={"id": f"q{position + 1}"}))
            paragraphs.append(doc.quote_paragraph[old] if old < len(doc.quote_paragraph) else 0)
        else:
            paragraph, start, end = item
            quotes.append(Quote(id=f"q{position + 1}", start=start, end=end, kind="thought"))
            paragraphs.append(paragraph)
    doc.quote_continues = {
        new_index[later]: new_index[earlier]
        for later, earlier in doc.quote_continues.items()
        if later in new_index and earlier in new_index
    }
    doc.quotes = quotes
    doc.quote_paragraph = paragraphs
