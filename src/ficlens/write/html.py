"""The HTML report: one self-contained page showing the story with every layer ficlens found.

The page has no network dependencies: the stylesheet, our script and plotly.js (from the
installed plotly package) are inlined. All user text is escaped: Jinja2 runs with autoescape on,
the marked-up story is built here with ``html.escape``, and the chart data travels in a
``<script type="application/json">`` block with ``<``, ``>``, ``&``, U+2028 and U+2029 escaped.

Sections: a summary, the cast, the interaction network (a force layout computed here, drawn by
plotly), each main character's sentiment arc, the story's numbers, and the reader.

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
import json
import math
import re
import zlib
from bisect import bisect_right
from collections import defaultdict
from importlib import resources
from pathlib import PurePath

from jinja2 import Environment, FunctionLoader, StrictUndefined
from markupsafe import Markup

from ficlens import __version__
from ficlens.model import Analysis, Span

# The speaker palette; report.css has the same colours as .spk-0 ... .spk-11.
PALETTE = (
    "#c2410c", "#1d4ed8", "#15803d", "#a21caf", "#ca8a04", "#0e7490",
    "#be123c", "#4d7c0f", "#6d28d9", "#0369a1", "#9f1239", "#57534e",
)  # fmt: skip
PALETTE_SIZE = len(PALETTE)
NETWORK_SIZE = 20  # most characters drawn in the network
NETWORK_SCENE_EDGES = 10  # up to this many characters, pairs who only share scenes get a line
ARC_CHARACTERS = 6  # main characters drawn in the arcs chart
ARC_MIN_SCORED = 3  # lines and sentences a character needs to get an arc drawn
BAR_CHARACTERS = 12  # characters in the dialogue-share chart

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
        kind = quote.kind
        title = f"{ {'thought': 'Thinker', 'written': 'Writer'}.get(kind, 'Speaker') }: {speaker}"
        if quote.addressees:
            title += " \u00b7 to: " + ", ".join(names.get(a, a) for a in quote.addressees)
        title += f" \u00b7 {quote.cue} cue \u00b7 confidence {quote.confidence:.2f}"
        if quote.sentiment is not None:
            title += f" \u00b7 mood {quote.sentiment:+.2f}"
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

    first_seen: set[str] = set()
    for mention in sorted(analysis.mentions, key=lambda m: (m.start, m.end)):
        start, end = _clip(mention, length)
        if end <= start:
            continue
        if mention.character is None:
            title = _attr(f"unresolved {mention.kind}")
            tag = f'<span class="mention unresolved" title="{title}">'
            add(_MENTION, start, end, tag, tag, "</span>")
            continue
        name = names.get(mention.character, mention.character)
        title = _attr(f"{name} \u00b7 {mention.kind}")
        colour = _colour_class(mention.character, classes)
        tag = (
            f'<span class="mention {colour}" data-character="{_attr(mention.character)}"'
            f' title="{title}">'
        )
        first = tag
        if mention.character not in first_seen:
            first_seen.add(mention.character)
            first = tag.replace("<span ", f'<span id="m-{_attr(mention.character)}" ', 1)
        add(_MENTION, start, end, first, tag, "</span>")

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


_JSON_ESCAPES = {
    ord("<"): "\\u003c",
    ord(">"): "\\u003e",
    ord("&"): "\\u0026",
    0x2028: "\\u2028",
    0x2029: "\\u2029",
}


def json_for_script(data: object) -> Markup:
    """JSON safe to place inside <script type="application/json">: no <, >, & or U+2028/9."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
    return Markup(text.translate(_JSON_ESCAPES))


@functools.lru_cache(maxsize=1)
def _plotly_js() -> Markup:
    """plotly.js from the installed plotly package, safe to inline in a <script> element."""
    from plotly.offline import get_plotlyjs

    return Markup(get_plotlyjs().replace("</script", "<\\/script").replace("<!--", "<\\!--"))


def _scene_locator(analysis: Analysis):
    starts = sorted(scene.start for scene in analysis.scenes)

    def scene_of(offset: int) -> int:
        return max(0, bisect_right(starts, offset) - 1)

    return scene_of


def _position(offset: int | None, length: int) -> float | None:
    if offset is None or length <= 0:
        return None
    return round(100 * offset / length, 1)


def _cast(analysis: Analysis, names: dict[str, str], classes: dict[str, str]) -> list[dict]:
    """One row per character: names, gender, lines, words spoken, mentions, first appearance."""
    length = len(analysis.text)
    scene_of = _scene_locator(analysis)
    rows = {row.character: row for row in (analysis.stats.characters if analysis.stats else [])}
    first_quote: dict[str, tuple[int, str]] = {}
    lines: dict[str, int] = defaultdict(int)
    for quote in analysis.quotes:
        if quote.speaker is None:
            continue
        lines[quote.speaker] += 1
        if quote.speaker not in first_quote or quote.start < first_quote[quote.speaker][0]:
            first_quote[quote.speaker] = (quote.start, quote.id)
    first_mention: dict[str, int] = {}
    for mention in analysis.mentions:
        if mention.character is not None:
            known = first_mention.get(mention.character)
            if known is None or mention.start < known:
                first_mention[mention.character] = mention.start
    cast = []
    for character in analysis.characters:
        cid = character.id
        row = rows.get(cid)
        quote_at = first_quote.get(cid)
        mention_at = first_mention.get(cid)
        if quote_at is not None and (mention_at is None or quote_at[0] <= mention_at):
            first, anchor = quote_at[0], f"q-{quote_at[1]}"
        elif mention_at is not None:
            first, anchor = mention_at, f"m-{cid}"
        else:
            first, anchor = None, None
        cast.append(
            {
                "id": cid,
                "name": character.name,
                "gender": character.gender,
                "aliases": [alias for alias in character.aliases if alias != character.name],
                "mention_count": character.mention_count,
                "quote_count": row.lines if row else lines.get(cid, character.quote_count),
                "words_spoken": row.words_spoken if row else None,
                "words_thought": row.words_thought if row else None,
                "dialogue_share": row.dialogue_share if row else None,
                "inner_voice_of": (
                    names.get(character.inner_voice_of, character.inner_voice_of)
                    if character.inner_voice_of
                    else None
                ),
                "colour": _colour_class(cid, classes),
                "first_anchor": anchor,
                "first_scene": None
                if first is None or not analysis.scenes
                else scene_of(first) + 1,
                "first_position": _position(first, length),
            }
        )
    return cast


def _importance(analysis: Analysis) -> dict[str, int]:
    """A character's weight for choosing who is drawn: their lines count double their mentions."""
    weight: dict[str, int] = defaultdict(int)
    for character in analysis.characters:
        weight[character.id] += character.mention_count
    for quote in analysis.quotes:
        if quote.speaker is not None:
            weight[quote.speaker] += 2
    return weight


def force_layout(
    nodes: list[str], edges: list[tuple[str, str, float]], iterations: int = 300
) -> dict[str, tuple[float, float]]:
    """Deterministic Fruchterman-Reingold layout of a small graph, scaled into [-1, 1]."""
    count = len(nodes)
    if count == 0:
        return {}
    if count == 1:
        return {nodes[0]: (0.0, 0.0)}
    index = {node: i for i, node in enumerate(nodes)}
    xs = [math.cos(2 * math.pi * i / count) for i in range(count)]
    ys = [math.sin(2 * math.pi * i / count) for i in range(count)]
    links = [(index[a], index[b], w) for a, b, w in edges if a in index and b in index and a != b]
    top = max((w for _, _, w in links), default=1.0) or 1.0
    k = math.sqrt(4.0 / count)
    temperature = 0.2
    for _ in range(iterations):
        dx = [0.0] * count
        dy = [0.0] * count
        for i in range(count):
            for j in range(i + 1, count):
                ddx, ddy = xs[i] - xs[j], ys[i] - ys[j]
                dist2 = max(ddx * ddx + ddy * ddy, 1e-6)
                force = k * k / dist2
                dx[i] += ddx * force
                dy[i] += ddy * force
                dx[j] -= ddx * force
                dy[j] -= ddy * force
        for i, j, w in links:
            ddx, ddy = xs[i] - xs[j], ys[i] - ys[j]
            dist = math.sqrt(ddx * ddx + ddy * ddy) or 1e-3
            force = dist / k * (0.3 + w / top)
            dx[i] -= ddx * force
            dy[i] -= ddy * force
            dx[j] += ddx * force
            dy[j] += ddy * force
        for i in range(count):
            # A weak pull to the centre keeps unconnected characters on the page.
            dx[i] -= xs[i] * 0.05
            dy[i] -= ys[i] * 0.05
            size = math.sqrt(dx[i] * dx[i] + dy[i] * dy[i]) or 1e-9
            step = min(size, temperature)
            xs[i] += dx[i] / size * step
            ys[i] += dy[i] / size * step
        temperature = max(0.005, temperature * 0.985)
    # Centre, then scale so that most characters fill the square; a loosely linked outlier is
    # drawn on the rim in its direction instead of squeezing everyone else into the middle.
    cx, cy = sum(xs) / count, sum(ys) / count
    radii = sorted(math.hypot(x - cx, y - cy) for x, y in zip(xs, ys, strict=True))
    scale = radii[min(count - 1, int(0.85 * count))] or radii[-1] or 1.0
    placed = {}
    for node, i in index.items():
        x, y = (xs[i] - cx) / scale, (ys[i] - cy) / scale
        radius = math.hypot(x, y)
        if radius > 1:
            x, y = x / radius, y / radius
        placed[node] = (round(x, 4), round(y, 4))
    return placed


def _network(analysis: Analysis, names: dict[str, str], classes: dict[str, str]) -> dict:
    """Nodes (the most present characters) sized by lines, and their edges, laid out."""
    weight = _importance(analysis)
    lines: dict[str, int] = defaultdict(int)
    for quote in analysis.quotes:
        if quote.speaker is not None:
            lines[quote.speaker] += 1
    present = {cid for cid, w in weight.items() if w > 0}
    linked = {cid for r in analysis.relationships for cid in r.characters}
    chosen = sorted(present | (linked & set(names)), key=lambda cid: (-weight[cid], cid))
    chosen = chosen[:NETWORK_SIZE]
    keep = set(chosen)
    edges = []
    for rel in analysis.relationships:
        a, b = rel.characters[0], rel.characters[1]
        talk = rel.spoken_to or rel.mentions or rel.declared
        if a in keep and b in keep and (talk or len(chosen) <= NETWORK_SCENE_EDGES):
            edges.append(
                {
                    "a": a,
                    "b": b,
                    "spoken_to": rel.spoken_to,
                    "co_present": rel.co_present_scenes,
                    "mentions": rel.mentions,
                    "declared": rel.declared,
                }
            )
    layout = force_layout(
        chosen,
        [(e["a"], e["b"], e["spoken_to"] + e["mentions"] + 0.25 * e["co_present"]) for e in edges],
    )
    nodes = [
        {
            "id": cid,
            "name": names.get(cid, cid),
            "x": layout[cid][0],
            "y": layout[cid][1],
            "lines": lines.get(cid, 0),
            "mentions": next((c.mention_count for c in analysis.characters if c.id == cid), 0),
            "colour": PALETTE[int(_colour_class(cid, classes).rsplit("-", 1)[1])],
        }
        for cid in chosen
    ]
    return {"nodes": nodes, "edges": edges}


def _arcs(analysis: Analysis, names: dict[str, str], classes: dict[str, str]) -> dict | None:
    """The main characters' sentiment per affect segment, and each segment's mood."""
    affect = analysis.affect
    if affect is None or not affect.segments:
        return None
    length = len(analysis.text) or 1
    if affect.unit == "scene":
        x = list(range(1, len(affect.segments) + 1))
        axis = "scene"
    else:
        x = [round(100 * (seg.start + seg.end) / 2 / length, 1) for seg in affect.segments]
        axis = "position in the text (%)"
    weight = _importance(analysis)
    arcs = sorted(
        (arc for arc in affect.arcs if sum(arc.counts) >= ARC_MIN_SCORED),
        key=lambda arc: (-weight.get(arc.character, 0), arc.character),
    )[:ARC_CHARACTERS]
    return {
        "unit": affect.unit,
        "axis": axis,
        "x": x,
        "mood": [seg.compound for seg in affect.segments],
        "scored": [seg.scored for seg in affect.segments],
        "series": [
            {
                "id": arc.character,
                "name": names.get(arc.character, arc.character),
                "colour": PALETTE[int(_colour_class(arc.character, classes).rsplit("-", 1)[1])],
                "values": arc.values,
                "counts": arc.counts,
                "mean": arc.mean,
            }
            for arc in arcs
        ],
    }


def _numbers(analysis: Analysis, names: dict[str, str], classes: dict[str, str]) -> dict | None:
    """Story composition, dialogue share per character and scene lengths, for the charts."""
    stats = analysis.stats
    if stats is None:
        return None
    talkers = sorted(
        (row for row in stats.characters if row.words_spoken or row.words_thought),
        key=lambda row: (-(row.words_spoken + row.words_thought), row.character),
    )[:BAR_CHARACTERS]
    return {
        "composition": {
            "narration": stats.narration_words,
            "speech": stats.speech_words,
            "thought": stats.thought_words,
            "notes": stats.paratext_words,
        },
        "talkers": [
            {
                "name": names.get(row.character, row.character),
                "spoken": row.words_spoken,
                "thought": row.words_thought,
                "lines": row.lines,
                "colour": PALETTE[int(_colour_class(row.character, classes).rsplit("-", 1)[1])],
            }
            for row in talkers
        ],
        "scene_words": stats.scene_words,
    }


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

    characters = _cast(analysis, names, classes)
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
    story_stats = analysis.stats
    stats = {
        "story_words": story_stats.story_words if story_stats else total_words - paratext_words,
        "paratext_words": story_stats.paratext_words if story_stats else paratext_words,
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
    numbers = None
    if story_stats is not None:
        scene_words = story_stats.scene_words
        numbers = {
            "speech_words": story_stats.speech_words,
            "thought_words": story_stats.thought_words,
            "narration_words": story_stats.narration_words,
            "dialogue_share": story_stats.dialogue_share,
            "sentences": story_stats.sentences,
            "paragraphs": story_stats.paragraphs,
            "unattributed": story_stats.unattributed_quotes,
            "scene_min": min(scene_words) if scene_words else 0,
            "scene_max": max(scene_words) if scene_words else 0,
            "scene_mean": round(sum(scene_words) / len(scene_words)) if scene_words else 0,
        }
    network = _network(analysis, names, classes)
    arcs = _arcs(analysis, names, classes)
    data = {
        "network": network,
        "arcs": arcs,
        "numbers": _numbers(analysis, names, classes),
    }
    template = _environment().get_template("report.html.j2")
    return template.render(
        title=PurePath(analysis.source.path).name or analysis.source.path or "story",
        source=analysis.source,
        schema_version=analysis.schema_version,
        version=__version__,
        stats=stats,
        numbers=numbers,
        characters=characters,
        has_network=len(network["nodes"]) >= 2,
        has_arcs=bool(arcs and arcs["series"]),
        arc_unit=arcs["unit"] if arcs else None,
        pairings=pairings,
        repairs=repairs,
        paratext_labels=PARATEXT_LABELS,
        story_html=Markup(story_html),
        report_data=json_for_script(data),
        plotly_js=_plotly_js(),
        css=_static("report.css"),
        js=_static("report.js"),
    )
