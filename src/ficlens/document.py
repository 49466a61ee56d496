"""The working document that pipeline stages share, and its export to the output schema.

Stages work on ``view``: the original text with repairs applied (a missing space inserted
where italics were lost). Every span a stage stores is in view offsets; ``to_analysis`` maps
them back to offsets into the original ``text`` in one place.
"""

from __future__ import annotations

from bisect import bisect_left
from dataclasses import dataclass, field
from pathlib import Path

from ficlens.model import (
    Affect,
    Analysis,
    Chapter,
    Character,
    Mention,
    Pairing,
    Paratext,
    Quote,
    Relationship,
    Repair,
    Source,
    Span,
    StoryStats,
    Work,
)


@dataclass
class Paragraph:
    """A paragraph of the view text; `story` is False for paratext and scene-break lines."""

    start: int
    end: int
    story: bool = True
    scene: int = 0
    gap_before: int = 0  # blank lines between this paragraph and the previous one


@dataclass
class Sentence:
    """A sentence of story text, inside one paragraph."""

    start: int
    end: int
    paragraph: int


@dataclass
class Document:
    """One work on its way through the pipeline."""

    text: str
    source: Source
    view: str = ""
    repairs: list[Repair] = field(default_factory=list)  # original offsets
    inserted: list[int] = field(default_factory=list)  # view offsets of inserted characters
    paragraphs: list[Paragraph] = field(default_factory=list)
    paratext: list[Paratext] = field(default_factory=list)
    scenes: list[Span] = field(default_factory=list)
    segments: list[tuple[int, int, int]] = field(default_factory=list)  # (paragraph, start, end)
    sentences: list[Sentence] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    quote_paragraph: list[int] = field(default_factory=list)  # paragraph index of each quote
    quote_continues: dict[int, int] = field(default_factory=dict)  # quote -> quote it continues
    dialogue_mark: str = "double"  # which quotation mark the text uses for speech
    mentions: list[Mention] = field(default_factory=list)
    raw_mentions: list = field(default_factory=list)  # characters.mentions.RawMention, in order
    characters: list[Character] = field(default_factory=list)
    pairings: list[Pairing] = field(default_factory=list)
    declared_cast: list[list[str]] = field(default_factory=list)  # known characters, names each
    speaker_model: Path | None = None  # a speaker ranker to use instead of the shipped one
    # What the reader found in the markup; unlike the stage layers, in ORIGINAL text offsets.
    work: Work | None = None
    chapters: list[Chapter] = field(default_factory=list)
    emphasis: list[Span] = field(default_factory=list)  # italics kept from the markup
    given_paratext: list[Paratext] = field(default_factory=list)  # summaries and notes
    relationships: list[Relationship] = field(default_factory=list)
    affect: Affect | None = None  # spans in view offsets
    stats: StoryStats | None = None  # first appearances in view offsets
    done: set[str] = field(default_factory=set)

    def __post_init__(self) -> None:
        if not self.view:
            self.view = self.text

    def original_offset(self, view_offset: int) -> int:
        """Map an offset in the view text to the matching offset in the original text."""
        return view_offset - bisect_left(self.inserted, view_offset)

    def view_offset(self, original_offset: int) -> int:
        """Map the character at an original-text offset to its offset in the view text."""
        view = original_offset
        for inserted in self.inserted:  # sorted; a space inserted at or before it shifts it
            if inserted > view:
                break
            view += 1
        return view

    def view_span(self, start: int, end: int) -> tuple[int, int]:
        """Map an original-text span to the view text (a space inserted inside it stays in)."""
        if end <= start:
            return self.view_offset(start), self.view_offset(start)
        return self.view_offset(start), self.view_offset(end - 1) + 1


def _mapped(doc: Document, spans: list) -> list:
    return [
        span.model_copy(
            update={"start": doc.original_offset(span.start), "end": doc.original_offset(span.end)}
        )
        for span in spans
    ]


def to_analysis(doc: Document) -> Analysis:
    """Export the document as the output schema, with all offsets into the original text."""
    return Analysis(
        source=doc.source,
        text=doc.text,
        paratext=_mapped(doc, doc.paratext),
        scenes=_mapped(doc, doc.scenes),
        paragraphs=_mapped(doc, [Span(start=p.start, end=p.end) for p in doc.paragraphs]),
        sentences=_mapped(doc, [Span(start=s.start, end=s.end) for s in doc.sentences]),
        repairs=list(doc.repairs),
        quotes=_mapped(doc, doc.quotes),
        characters=list(doc.characters),
        mentions=_mapped(doc, doc.mentions),
        pairings=_mapped(doc, doc.pairings),
        work=doc.work,
        chapters=list(doc.chapters),
        emphasis=list(doc.emphasis),
        relationships=list(doc.relationships),
        affect=_mapped_affect(doc),
        stats=_mapped_stats(doc),
    )


def _mapped_affect(doc: Document) -> Affect | None:
    if doc.affect is None:
        return None
    return doc.affect.model_copy(
        update={
            "narration": _mapped(doc, doc.affect.narration),
            "segments": _mapped(doc, doc.affect.segments),
        }
    )


def _mapped_stats(doc: Document) -> StoryStats | None:
    if doc.stats is None:
        return None
    characters = [
        row
        if row.first_appearance is None
        else row.model_copy(update={"first_appearance": doc.original_offset(row.first_appearance)})
        for row in doc.stats.characters
    ]
    return doc.stats.model_copy(update={"characters": characters})
