"""The HTML report: one self-contained page showing the story with every layer ficlens found.

The page has no network dependencies: the stylesheet and the script are read from the package
and inlined. All user text is escaped (Jinja2 runs with autoescape on, and the marked-up story
is built here with ``html.escape``).

The marked-up story is built in one pass over the text. Every span (paratext, paragraph, quote,
repair, mention) becomes a start and an end event; at each boundary the spans open at that
point are put in a fixed nesting order, and the HTML stack is reconciled with it by closing and
reopening only what changed. A span that crosses a paragraph boundary (a quote running over
two paragraphs) is therefore closed at the end of one paragraph and reopened, marked ``cont``,
in the next. The cost is O(n log n) in the number of spans and linear in the text.
"""

from __future__ import annotations

import functools
import html
import re
import zlib
from collections import defaultdict
from importlib import resources
from pathlib import PurePath

from jinja2 import Environment, FunctionLoader, StrictUndefined
from markupsafe import Markup

from ficlens import __version__
from ficlens.model import Analysis, Span

PALETTE_SIZE = 12

PARATEXT_LABELS = {
    "disclaimer": "Disclaimer",
    "author_note": "Author's note",
    "review_reply": "Reply to reviews",
    "summary": "Summary",
    "work_notes": "Work notes",
    "chapter_notes": "Chapter notes",
    "end_notes": "End notes",
}

# Nesting order, outermost first. Paratext is a block (a <details> box) that may hold several
# paragraphs; quotes, repairs and mentions are inline and only ever open inside a paragraph.
_PARATEXT, _PARAGRAPH, _QUOTE, _REPAIR, _MENTION = range(5)

_BLANK_LINES = re.compile(r"\n[ \t]*\n")

# A span item is a tuple (rank, start, -end, seq, open_html, reopen_html, close_html). It sorts
# by nesting order; `seq` is unique, so sorting never compares the HTML strings.
_Item = tuple[int, int, int, int, str, str, str]


def _attr(value: object) -> str:
    return html.escape(str(value), quote=True)


def _text(value: str) -> str:
    return html.escape(value, quote=False)


@functools.lru_cache(maxsize=1)
def _environment() -> Environment:
    def load(name: str) -> str:
        return resources.files("ficlens.write").joinpath("templates", name).read_text("utf-8")

    return Environment(
        loader=FunctionLoader(load),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )


def _static(name: str) -> Markup:
    # Our own stylesheet and script: trusted, inlined as they are.
    return Markup(resources.files("ficlens.write").joinpath("static", name).read_text("utf-8"))


def _clip(span: Span, length: int) -> tuple[int, int]:
    return max(0, min(span.start, length)), max(0, min(span.end, length))


def _merge(ranges: list[tuple[int, int]]) -> list[tuple[int, int]]:
    merged: list[tuple[int, int]] = []
    for start, end in sorted(ranges):
        if end <= start:
            continue
        if merged and start <= merged[-1][1]:
            if end > merged[-1][1]:
                merged[-1] = (merged[-1][0], end)
        else:
            merged.append((start, end))
    return merged


def _word_count(text: str, ranges: list[tuple[int, int]]) -> int:
    return sum(len(text[start:end].split()) for start, end in ranges)


def _paragraph_ranges(analysis: Analysis) -> list[tuple[int, int]]:
    """Non-overlapping paragraph ranges; any non-blank text they miss gets a paragraph too."""
    text = analysis.text
    length = len(text)
    given = sorted(_clip(p, length) for p in analysis.paragraphs)
    ranges: list[tuple[int, int]] = []
    cursor = 0

    def fill_gap(gap_start: int, gap_end: int) -> None:
        # Split the uncovered stretch on blank lines, keep the non-blank pieces (trimmed).
        piece_start = gap_start
        for blank in _BLANK_LINES.finditer(text, gap_start, gap_end):
            _add_trimmed(text, piece_start, blank.start(), ranges)
            piece_start = blank.end()
        _add_trimmed(text, piece_start, gap_end, ranges)

    for start, end in given:
        start = max(start, cursor)
        if end <= start:
            continue
        if start > cursor:
            fill_gap(cursor, start)
        ranges.append((start, end))
        cursor = end
    if cursor < length:
        fill_gap(cursor, length)
    return ranges


def _add_trimmed(text: str, start: int, end: int, out: list[tuple[int, int]]) -> None:
    chunk = text[start:end]
    stripped = chunk.strip()
    if stripped:
        lead = len(chunk) - len(chunk.lstrip())
        out.append((start + lead, start + lead + len(stripped)))


def _colour_classes(analysis: Analysis) -> dict[str, str]:
    """Palette class per character id: by order in the character list, so a cast stays distinct."""
    classes: dict[str, str] = {}
    for index, character in enumerate(analysis.characters):
        classes.setdefault(character.id, f"spk-{index % PALETTE_SIZE}")
    return classes


def _colour_class(character_id: str | None, classes: dict[str, str]) -> str:
    if character_id is None:
        return "spk-none"
    known = classes.get(character_id)
    if known is not None:
        return known
    return f"spk-{zlib.crc32(character_id.encode('utf-8')) % PALETTE_SIZE}"


def _span_items(
    analysis: Analysis, names: dict[str, str], classes: dict[str, str]
) -> tuple[list[_Item], dict[int, list[str]]]:
    """Every span of the reader as an item, and the markers for zero-length repairs."""
    length = len(analysis.text)
    items: list[_Item] = []
    points: dict[int, list[str]] = defaultdict(list)
    seq = 0

    def add(rank: int, start: int, end: int, open_html: str, reopen_html: str, close: str) -> None:
        nonlocal seq
        items.append((rank, start, -end, seq, open_html, reopen_html, close))
        seq += 1

    for start, end in _paragraph_ranges(analysis):
        add(_PARAGRAPH, start, end, "<p>", '<p class="cont">', "</p>")

    for para in analysis.paratext:
        start, end = _clip(para, length)
        if end <= start:
            continue
        label = _text(PARATEXT_LABELS.get(para.kind, para.kind))
        kind = _attr(para.kind)
        head = f'<details class="paratext paratext-{kind}" data-kind="{kind}" open>'
        offsets = f'<span class="offsets">{start}\u2013{end}</span>'
        add(
            _PARATEXT,
            start,
            end,
            f"{head}<summary>{label} {offsets}</summary>",
            f"{head}<summary>{label} (continued)</summary>",
            "</details>",
        )

    for quote in analysis.quotes:
        start, end = _clip(quote, length)
        if end <= start:
            continue
        speaker = names.get(quote.speaker, quote.speaker) if quote.speaker else "unknown"
        title = f"Speaker: {speaker} \u00b7 {quote.cue} \u00b7 confidence {quote.confidence:.2f}"
        if quote.addressees:
            title += " \u00b7 to: " + ", ".join(names.get(a, a) for a in quote.addressees)
        kind = "thought" if quote.kind == "thought" else "speech"
        colour = _colour_class(quote.speaker, classes)
        data = f' data-qid="{_attr(quote.id)}"'
        if quote.speaker is not None:
            data += f' data-speaker="{_attr(quote.speaker)}"'
        rest = f'{data} title="{_attr(title)}">'
        add(
            _QUOTE,
            start,
            end,
            f'<span class="quote {kind} {colour}" id="q-{_attr(quote.id)}"{rest}',
            f'<span class="quote {kind} {colour} cont"{rest}',
            "</span>",
        )

    for index, repair in enumerate(analysis.repairs):
        start, end = _clip(repair, length)
        if end < start:
            continue
        original = analysis.text[start:end]
        title = _attr(
            f"Repair ({repair.kind}): \u201c{original}\u201d should read "
            f"\u201c{repair.replacement}\u201d \u00b7 {start}\u2013{end}"
        )
        if end == start:
            points[start].append(
                f'<span class="repair insert" id="r-{index}" title="{title}">\u2038</span>'
            )
            continue
        add(
            _REPAIR,
            start,
            end,
            f'<span class="repair" id="r-{index}" title="{title}">',
            f'<span class="repair cont" title="{title}">',
            "</span>",
        )

    for mention in analysis.mentions:
        start, end = _clip(mention, length)
        if end <= start:
            continue
        if mention.character is None:
            title = _attr(f"unresolved {mention.kind}")
            tag = f'<span class="mention unresolved" title="{title}">'
        else:
            name = names.get(mention.character, mention.character)
            title = _attr(f"{name} \u00b7 {mention.kind}")
            colour = _colour_class(mention.character, classes)
            tag = (
                f'<span class="mention {colour}" data-character="{_attr(mention.character)}"'
                f' title="{title}">'
            )
        add(_MENTION, start, end, tag, tag, "</span>")

    return items, points


def _scene_breaks(analysis: Analysis) -> dict[int, str]:
    """Separator HTML keyed by the offset where each scene after the first begins."""
    length = len(analysis.text)
    starts = sorted({_clip(scene, length)[0] for scene in analysis.scenes})
    breaks: dict[int, str] = {}
    for number, start in enumerate(starts[1:], start=2):
        breaks[start] = (
            f'<div class="scene-break" role="separator" aria-label="Scene {number}">'
            f"<span>Scene {number}</span></div>"
        )
    return breaks


def _markup_story(
    text: str, items: list[_Item], breaks: dict[int, str], points: dict[int, list[str]]
) -> str:
    """Walk the text once, opening and closing spans at their boundaries, properly nested."""
    starts: dict[int, list[_Item]] = defaultdict(list)
    ends: dict[int, list[_Item]] = defaultdict(list)
    for item in items:
        starts[item[1]].append(item)
        ends[-item[2]].append(item)
    positions = sorted(set(starts) | set(ends) | set(breaks) | set(points) | {0, len(text)})

    out: list[str] = []
    emit = out.append
    active: dict[int, _Item] = {}
    stack: list[_Item] = []
    in_paragraph = False
    previous = 0
    for pos in positions:
        if pos > previous:
            if in_paragraph:
                emit(_text(text[previous:pos]))
            else:
                # Between paragraphs: blank lines by construction (see _paragraph_ranges).
                emit("\n")
        for item in ends.get(pos, ()):
            active.pop(item[3], None)
        for item in starts.get(pos, ()):
            active[item[3]] = item
        wanted = sorted(active.values()) if len(active) > 1 else list(active.values())
        in_paragraph = any(item[0] == _PARAGRAPH for item in wanted)
        if not in_paragraph:
            wanted = [item for item in wanted if item[0] < _PARAGRAPH]
        keep = 0
        separator = breaks.get(pos)
        if separator is None:
            limit = min(len(stack), len(wanted))
            while keep < limit and stack[keep] is wanted[keep]:
                keep += 1
        for item in reversed(stack[keep:]):
            emit(item[6])
        if separator is not None:
            emit(separator)
        for item in wanted[keep:]:
            emit(item[4] if item[1] == pos else item[5])
        stack = wanted
        if pos in points:
            out.extend(points[pos])
        previous = pos
    for item in reversed(stack):
        emit(item[6])
    return "".join(out)


def render_html(analysis: Analysis) -> str:
    """Render an analysis as one self-contained HTML report (no external resources)."""
    text = analysis.text
    length = len(text)
    names = {character.id: character.name for character in analysis.characters}
    classes = _colour_classes(analysis)

    items, points = _span_items(analysis, names, classes)
    story_html = _markup_story(text, items, _scene_breaks(analysis), points)

    paratext_ranges = _merge([_clip(p, length) for p in analysis.paratext])
    paratext_words = _word_count(text, paratext_ranges)
    total_words = len(text.split())
    speech = sum(1 for quote in analysis.quotes if quote.kind == "speech")
    thought = len(analysis.quotes) - speech
    attributed = sum(1 for quote in analysis.quotes if quote.speaker is not None)

    characters = [
        {
            "id": character.id,
            "name": character.name,
            "gender": character.gender,
            "aliases": [alias for alias in character.aliases if alias != character.name],
            "mention_count": character.mention_count,
            "quote_count": character.quote_count,
            "inner_voice_of": (
                names.get(character.inner_voice_of, character.inner_voice_of)
                if character.inner_voice_of
                else None
            ),
            "colour": _colour_class(character.id, classes),
        }
        for character in analysis.characters
    ]
    pairings = [
        {
            "names": (" / " if pairing.kind == "romantic" else " & ").join(
                names.get(member, member) for member in pairing.characters
            ),
            "kind": pairing.kind,
            "source": pairing.source,
            "as_written": text[_clip(pairing, length)[0] : _clip(pairing, length)[1]],
            "start": pairing.start,
            "end": pairing.end,
        }
        for pairing in analysis.pairings
    ]
    repairs = [
        {
            "index": index,
            "kind": repair.kind,
            "original": text[_clip(repair, length)[0] : _clip(repair, length)[1]],
            "replacement": repair.replacement,
            "start": repair.start,
            "end": repair.end,
        }
        for index, repair in enumerate(analysis.repairs)
    ]
    stats = {
        "story_words": total_words - paratext_words,
        "paratext_words": paratext_words,
        "quotes": len(analysis.quotes),
        "speech": speech,
        "thought": thought,
        "attributed": attributed,
        "characters": len(analysis.characters),
        "paragraphs": len(analysis.paragraphs),
        "scenes": len(analysis.scenes),
        "repairs": len(analysis.repairs),
        "paratext": len(analysis.paratext),
    }
    template = _environment().get_template("report.html.j2")
    return template.render(
        title=PurePath(analysis.source.path).name or analysis.source.path or "story",
        source=analysis.source,
        schema_version=analysis.schema_version,
        version=__version__,
        stats=stats,
        characters=characters,
        pairings=pairings,
        repairs=repairs,
        paratext_labels=PARATEXT_LABELS,
        story_html=Markup(story_html),
        css=_static("report.css"),
        js=_static("report.js"),
    )
