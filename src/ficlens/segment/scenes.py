"""Scene breaks: symbol lines ("xXx", "-o-o-", "***", "~~~", ".:.:.", "oOo", "* * *",
"Line break") and, where a text uses them, long runs of blank lines."""

from __future__ import annotations

import re
from statistics import median

from ficlens.document import Document
from ficlens.model import Span
from ficlens.pipeline import stage

_SYMBOL_LINE = re.compile(r"^[\s*~=_#+.:·•\-–—|/\\<>^°oOxX0§¤]{3,}$")
_WORD_BREAK = re.compile(
    r"^\W*(?:line\s*break|scene\s*break|page\s*break|break|time\s*skip|pov\s*change)\W*$",
    re.IGNORECASE,
)
_LETTERS = re.compile(r"[A-Za-z]")


def is_break_line(line: str) -> bool:
    """Whether a paragraph is a scene-break marker rather than text."""
    line = line.strip()
    if len(line) > 40 or not line:
        return False
    if _WORD_BREAK.match(line):
        return True
    if not _SYMBOL_LINE.match(line):
        return False
    letters = _LETTERS.findall(line)
    symbols = len(line.replace(" ", "")) - len(letters)
    # "xXx", "oOo" are all letters but alternate case; plain words like "Ooo" are not breaks.
    if symbols == 0:
        return len(line) >= 3 and line != line.lower() and line != line.upper()
    if set(line) <= {".", "…"} and len(line) <= 4:
        return False  # "..." is a silence, not a break
    return symbols >= len(letters)


@stage("scenes", needs=("paratext",))
def scene_stage(doc: Document) -> None:
    """Mark break lines and group story paragraphs into scenes."""
    story = [p for p in doc.paragraphs if p.story]
    for paragraph in story:
        if is_break_line(doc.view[paragraph.start : paragraph.end]):
            paragraph.story = False
            paragraph.scene = -1
    has_symbol_breaks = any(p.scene == -1 for p in story)
    gaps = [p.gap_before for p in story[1:]]
    usual_gap = median(gaps) if gaps else 1
    chapter_starts = {doc.view_offset(chapter.start) for chapter in doc.chapters}
    scenes: list[Span] = []
    current: Span | None = None
    scene = 0
    for paragraph in story:
        if paragraph.scene == -1:
            if current is not None:
                scenes.append(current)
                current = None
                scene += 1
            continue
        blank_break = (
            not has_symbol_breaks and current is not None and paragraph.gap_before >= usual_gap + 3
        )
        if blank_break or (current is not None and paragraph.start in chapter_starts):
            scenes.append(current)
            current = None
            scene += 1
        paragraph.scene = scene
        if current is None:
            current = Span(start=paragraph.start, end=paragraph.end)
        else:
            current.end = paragraph.end
    if current is not None:
        scenes.append(current)
    doc.scenes = scenes
    doc.segments = story_segments(doc)


def story_segments(doc: Document) -> list[tuple[int, int, int]]:
    """Return (paragraph index, start, end) for every stretch of story text, notes cut out."""
    inline = [(note.start, note.end) for note in doc.paratext]
    segments = []
    for index, paragraph in enumerate(doc.paragraphs):
        if not paragraph.story:
            continue
        cursor = paragraph.start
        for start, end in inline:
            if paragraph.start <= start and end <= paragraph.end:
                if start > cursor:
                    segments.append((index, cursor, start))
                cursor = end
        if paragraph.end > cursor:
            segments.append((index, cursor, paragraph.end))
    return segments
