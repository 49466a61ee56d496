"""Split the view text into paragraphs: blank-line separated blocks, or lines when a paste
lost its blank lines (one paragraph a line)."""

from __future__ import annotations

import re
from statistics import median

from ficlens.document import Document, Paragraph
from ficlens.pipeline import stage

_BLANK_GAP = re.compile(r"\n[ \t\u00a0]*\n\s*")
_LINE = re.compile(r"[^\n]+")


def _trimmed(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def split_paragraphs(text: str) -> list[tuple[int, int, int]]:
    """Return (start, end, blank lines before) for each paragraph of `text`."""
    lines = [m for m in _LINE.finditer(text) if m.group().strip()]
    blocks: list[tuple[int, int, int]] = []
    last, gap = 0, 0
    for match in _BLANK_GAP.finditer(text):
        start, end = _trimmed(text, last, match.start())
        if end > start:
            blocks.append((start, end, gap))
        gap = match.group().count("\n") - 1
        last = match.end()
    start, end = _trimmed(text, last, len(text))
    if end > start:
        blocks.append((start, end, gap))
    long_lines = lines and median(len(m.group()) for m in lines) > 150
    if len(lines) > 8 and len(blocks) < 0.25 * len(lines) and long_lines:
        # No blank lines between paragraphs: each line is a paragraph.
        result = []
        previous_end = 0
        for match in lines:
            start, end = _trimmed(text, match.start(), match.end())
            result.append((start, end, text.count("\n", previous_end, start) - 1))
            previous_end = end
        return result
    return blocks


@stage("paragraphs", needs=("repairs",))
def paragraph_stage(doc: Document) -> None:
    """Add the paragraph layer."""
    doc.paragraphs = [
        Paragraph(start, end, gap_before=max(gap, 0))
        for start, end, gap in split_paragraphs(doc.view)
    ]
