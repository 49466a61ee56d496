"""Split story text into sentences with rules (abbreviations, initials, ellipses, quotes)."""

from __future__ import annotations

import re

from ficlens.document import Document, Sentence
from ficlens.pipeline import stage

# fmt: off
_ABBREVIATIONS = {
    "mr", "mrs", "ms", "dr", "st", "jr", "sr", "prof", "capt", "col", "gen", "lt", "sgt",
    "rev", "hon", "mt", "messrs", "mme", "mlle", "vs", "etc", "no", "vol", "ch", "fig", "esq",
}
# fmt: on
# End punctuation, any closing quotes/brackets, whitespace, then what can start a sentence.
_BOUNDARY = re.compile(r"[.!?…]+['\"’”)\]]*\s+(?=[\"“‘'(\[]?[A-Z0-9])")
_LAST_WORD = re.compile(r"([A-Za-z]+)\.$")


def split_sentences(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """Return (start, end) offsets of the sentences in text[start:end]."""
    end = len(text) if end is None else end
    spans, cursor = [], start
    for match in _BOUNDARY.finditer(text, start, end):
        punct_end = match.start() + len(match.group().rstrip())
        word = _LAST_WORD.search(text, max(cursor, match.start() - 12), match.start() + 1)
        if word and (word.group(1).lower() in _ABBREVIATIONS or len(word.group(1)) == 1):
            if match.group().startswith(".") and not match.group().startswith(".."):
                continue
        spans.append((cursor, punct_end))
        cursor = match.end()
    if cursor < end and text[cursor:end].strip():
        spans.append((cursor, end))
    return spans


@stage("sentences", needs=("scenes",))
def sentence_stage(doc: Document) -> None:
    """Add the sentence layer over story text."""
    doc.sentences = [
        Sentence(start, end, paragraph)
        for paragraph, seg_start, seg_end in doc.segments
        for start, end in split_sentences(doc.view, seg_start, seg_end)
    ]
