"""Find words glued together where a copy-paste lost formatting, and build the repaired view.

"for a while.I haven't", "wrong!'As simple", "No.It all" and "forSasuke" are reported as
repairs (original offsets, proposed replacement). The view text that later stages analyze is
the original with a space inserted at each repair; `Document.original_offset` maps back.
An opening single quote that a lossy encoding turned into "?" (" ?shore road' I saw") reads as
"‘" in the view, one character for one, so no offset moves.
"""

from __future__ import annotations

import re
from collections import Counter

from ficlens.document import Document
from ficlens.model import Repair
from ficlens.pipeline import stage

# A sentence glued to the next one: "while.I", "No.It" (not "...No", not "J.K.", not "3.5").
_GLUED_SENTENCE = re.compile(r"(?<=[a-z])[.!?](?=[A-Z][a-z']|I\b)")
# A closing quote glued to the next word: "wrong!'As", "…?'Sakura", 'done."Then'.
_GLUED_AFTER_QUOTE = re.compile(r"(?<=[.!?…])['’\"”](?=[A-Za-z])")
# A lowercase word glued to a capitalised one: "forSasuke".
_GLUED_WORDS = re.compile(r"\b([a-z]{2,})([A-Z][a-z]{2,})\b")
_WORD = re.compile(r"[A-Za-z]+")
# "?" never opens a word in English: at a word's start it is a curly "‘" the encoding lost.
_LOST_OPENING = re.compile(r"(?<![^\s\"“(])\?(?=[A-Za-z])")


def _token_bounds(text: str, left: int, right: int) -> tuple[int, int]:
    """Widen [left, right) to the whitespace-delimited token around it."""
    while left > 0 and not text[left - 1].isspace() and right - left < 60:
        left -= 1
    while right < len(text) and (text[right].isalpha() or text[right] == "'") and right - left < 80:
        right += 1
    return left, right


def _closes_double_quote(text: str, index: int) -> bool:
    """Whether the straight double quote at `index` closes a quote opened earlier in its line."""
    line_start = text.rfind("\n", 0, index) + 1
    return text.count('"', line_start, index) % 2 == 1


def find_insertions(text: str) -> list[int]:
    """Return the original offsets before which a missing space belongs, sorted."""
    points: set[int] = set()
    for match in _GLUED_SENTENCE.finditer(text):
        points.add(match.end())
    for match in _GLUED_AFTER_QUOTE.finditer(text):
        if match.group() == '"' and not _closes_double_quote(text, match.start()):
            continue
        points.add(match.end())
    words = Counter(w for w in _WORD.findall(text))
    lower_words = Counter(w.lower() for w in words.elements())
    for match in _GLUED_WORDS.finditer(text):
        head, name = match.group(1), match.group(2)
        # Both halves must stand alone elsewhere: "for" is a word, "Sasuke" is a name.
        if lower_words[head] > 0 and words[name] > 0 and lower_words[head + name.lower()] <= 1:
            points.add(match.start(2))
    return sorted(points)


def lost_marks(text: str) -> list[int]:
    """Original offsets of the "?"s that stand for a lost opening quote mark."""
    return [match.start() for match in _LOST_OPENING.finditer(text)]


def find_repairs(text: str) -> list[Repair]:
    """Return one repair per glued token or lost quote mark, with the text it should read."""
    repairs: list[Repair] = [
        Repair(start=at, end=at + 1, kind="lost_quote_mark", replacement="‘")
        for at in lost_marks(text)
    ]
    points = find_insertions(text)
    index = 0
    while index < len(points):
        start, end = _token_bounds(text, points[index], points[index])
        group = [p for p in points[index:] if p <= end]
        pieces, last = [], start
        for point in group:
            pieces.append(text[last:point])
            last = point
        pieces.append(text[last:end])
        repairs.append(Repair(start=start, end=end, replacement=" ".join(pieces)))
        index += len(group)
    return sorted(repairs, key=lambda repair: repair.start)


@stage("repairs")
def repair_stage(doc: Document) -> None:
    """Detect glued words and lost quote marks and build the repaired view text."""
    points = find_insertions(doc.text)
    doc.repairs = find_repairs(doc.text)
    text = list(doc.text)
    for repair in doc.repairs:
        if repair.kind == "lost_quote_mark":  # one character for one: no offset moves
            text[repair.start] = repair.replacement
    fixed = "".join(text)
    pieces, last = [], 0
    for point in points:
        pieces.append(fixed[last:point])
        last = point
    pieces.append(fixed[last:])
    doc.view = " ".join(pieces)
    doc.inserted = [point + i for i, point in enumerate(points)]
