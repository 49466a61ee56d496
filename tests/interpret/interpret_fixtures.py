"""Build a working document by hand, so interpretation tests do not depend on attribution."""

from __future__ import annotations

import re
from bisect import bisect_right

from ficlens.document import Document, Paragraph, Sentence
from ficlens.model import Character, Mention, Pairing, Paratext, Quote, Source, Span
from ficlens.segment.sentences import split_sentences

NAME = re.compile(r"\b(Wren|Tobin|Ada)\b")
IDS = {"Wren": "wren", "Tobin": "tobin", "Ada": "ada"}


def build(
    text: str, quotes: list[tuple[str, str, str | None, list[str]]], note: str = ""
) -> Document:
    """A document over `text`: paragraphs on blank lines, scenes at "xXx" lines, sentences by
    rule, the given quotes (piece, kind, speaker, addressees; a piece is found after the
    previous one) and a name mention for every "Wren", "Tobin" and "Ada"."""
    doc = Document(text=text, source=Source(path="<hand-built>"))
    cursor = 0
    scene = 0
    scene_start: int | None = None
    for chunk in text.split("\n\n"):
        start, end = cursor, cursor + len(chunk)
        cursor = end + 2
        if chunk == "xXx":
            doc.paragraphs.append(Paragraph(start, end, story=False, scene=-1))
            doc.scenes.append(Span(start=scene_start, end=doc.paragraphs[-2].end))
            scene_start = None
            scene += 1
            continue
        is_note = bool(note) and chunk == note
        doc.paragraphs.append(Paragraph(start, end, story=not is_note, scene=scene))
        if is_note:
            doc.paratext.append(Paratext(start=start, end=end, kind="author_note"))
            continue
        if scene_start is None:
            scene_start = start
        doc.segments.append((len(doc.paragraphs) - 1, start, end))
    doc.scenes.append(Span(start=scene_start, end=doc.paragraphs[-1].end))
    for index, start, end in doc.segments:
        doc.sentences.extend(Sentence(s, e, index) for s, e in split_sentences(text, start, end))
    at = 0
    for number, (piece, kind, speaker, addressees) in enumerate(quotes, start=1):
        start = text.index(piece, at)
        at = start + len(piece)
        doc.quotes.append(
            Quote(
                id=f"q{number}",
                start=start,
                end=at,
                kind=kind,
                speaker=speaker,
                addressees=addressees,
            )
        )
    note_end = doc.paratext[0].end if doc.paratext else 0
    starts = [q.start for q in doc.quotes]
    for match in NAME.finditer(text, note_end):
        slot = bisect_right(starts, match.start()) - 1
        in_quote = slot >= 0 and match.start() < doc.quotes[slot].end
        vocative = in_quote and (
            text[match.end() : match.end() + 1] == ","
            or text[match.start() - 2 : match.start()] == ", "
        )
        doc.mentions.append(
            Mention(
                start=match.start(),
                end=match.end(),
                character=IDS[match.group()],
                kind="vocative" if vocative else "name",
            )
        )
    doc.characters = [
        Character(id=cid, name=name, mention_count=sum(m.character == cid for m in doc.mentions))
        for name, cid in IDS.items()
    ]
    if note:
        doc.pairings = [
            Pairing(start=0, end=5, characters=["wren", "tobin"], kind="platonic", source="note")
        ]
    return doc


NOTE = "A/N: Wren & Tobin, friends forever."
STORY = (
    f"{NOTE}\n\n"
    '"Wren, pass me the rope," Tobin said.\n\n'
    '"Catch it, Tobin," Wren said, and threw it. "I hate this awful, miserable storm."\n\n'
    '"You are wonderful, Wren," Tobin said. "What a lovely, happy day."\n\n'
    "xXx\n\n"
    "Ada walked along the harbour wall alone. The grey sea was cold and cruel.\n\n"
    '"Where has Tobin gone?" Ada asked.\n\n'
    "'He always leaves,' Ada thought.\n\n"
    'Wren smiled at her. "Tobin went home, Ada. He was so happy."\n\n'
    "xXx\n\n"
    "Tobin slept. The storm was over and the morning was bright and beautiful."
)
QUOTES = [
    ('"Wren, pass me the rope,"', "speech", "tobin", ["wren"]),
    ('"Catch it, Tobin,"', "speech", "wren", ["tobin"]),
    ('"I hate this awful, miserable storm."', "speech", "wren", ["tobin"]),
    ('"You are wonderful, Wren,"', "speech", "tobin", ["wren"]),
    ('"What a lovely, happy day."', "speech", "tobin", ["wren"]),
    ('"Where has Tobin gone?"', "speech", "ada", []),
    ("'He always leaves,'", "thought", "ada", []),
    ('"Tobin went home, Ada. He was so happy."', "speech", "wren", ["ada"]),
]


def story() -> Document:
    """The three-scene harbour story, hand-annotated."""
    return build(STORY, QUOTES, note=NOTE)
