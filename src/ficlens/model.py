"""The output schema: every layer ficlens writes, as pydantic models.

All `start`/`end` values are character offsets (Python ``str`` indices, end exclusive) into
``Analysis.text``, the original decoded text. Quote spans include their quotation marks.
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, Field

SCHEMA_VERSION = "1"

ParatextKind = Literal[
    "disclaimer",
    "author_note",
    "review_reply",
    "summary",
    "work_notes",
    "chapter_notes",
    "end_notes",
]
QuoteKind = Literal["speech", "thought"]
Cue = Literal["explicit", "anaphoric", "implicit", "unknown"]
MentionKind = Literal["name", "epithet", "pronoun", "vocative"]
Gender = Literal["female", "male", "nonbinary", "unknown"]
PairingKind = Literal["romantic", "platonic"]


class Span(BaseModel):
    """A half-open range of character offsets into the original text."""

    start: int
    end: int


class Source(BaseModel):
    """Where the text came from and how it was decoded."""

    path: str
    format: str = "text"
    encoding: str = "utf-8"


class Paratext(Span):
    """Text around the story that is not story: disclaimers, author's notes, review replies."""

    kind: ParatextKind


class Repair(Span):
    """A copy-paste artifact; `replacement` is what the span should read."""

    kind: Literal["missing_space"] = "missing_space"
    replacement: str


class Quote(Span):
    """A line of speech or an inner thought, with its attributed speaker."""

    id: str
    kind: QuoteKind
    speaker: str | None = None
    addressees: list[str] = Field(default_factory=list)
    cue: Cue = "unknown"
    confidence: float = 0.0


class Character(BaseModel):
    """One person of the story under every name the text uses for them."""

    id: str
    name: str
    aliases: list[str] = Field(default_factory=list)
    gender: Gender = "unknown"
    mention_count: int = 0
    quote_count: int = 0
    inner_voice_of: str | None = None


class Mention(Span):
    """A stretch of text that refers to a character."""

    character: str | None
    kind: MentionKind


class Pairing(Span):
    """A relationship the author declares ("NarutoXSakura", "A & B"); span is where it is said."""

    characters: list[str]
    kind: PairingKind
    source: str


class Analysis(BaseModel):
    """Everything ficlens found in one work (schema_version "1")."""

    schema_version: str = SCHEMA_VERSION
    source: Source
    text: str
    paratext: list[Paratext] = Field(default_factory=list)
    scenes: list[Span] = Field(default_factory=list)
    paragraphs: list[Span] = Field(default_factory=list)
    sentences: list[Span] = Field(default_factory=list)
    repairs: list[Repair] = Field(default_factory=list)
    quotes: list[Quote] = Field(default_factory=list)
    characters: list[Character] = Field(default_factory=list)
    mentions: list[Mention] = Field(default_factory=list)
    pairings: list[Pairing] = Field(default_factory=list)
