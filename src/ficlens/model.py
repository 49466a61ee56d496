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
QuoteKind = Literal["speech", "thought", "written"]  # written: letters, notes, signs
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


class WorkRelationship(BaseModel):
    """A relationship tag as the work declares it: "A/B" is romantic, "A & B" platonic."""

    name: str
    characters: list[str] = Field(default_factory=list)
    kind: PairingKind = "romantic"


class Work(BaseModel):
    """What the work's own markup says about it (AO3 tags, FanFiction.Net's stats line, ...).

    Dates are ISO (YYYY-MM-DD) when they could be parsed, else as given; `chapters` is kept as
    given ("3/?", "12") with `chapters_posted` / `chapters_total` as numbers where known.
    """

    title: str | None = None
    authors: list[str] = Field(default_factory=list)
    url: str | None = None
    id: str | None = None
    fandoms: list[str] = Field(default_factory=list)
    rating: str | None = None
    warnings: list[str] = Field(default_factory=list)
    categories: list[str] = Field(default_factory=list)
    genres: list[str] = Field(default_factory=list)
    relationships: list[WorkRelationship] = Field(default_factory=list)
    characters: list[str] = Field(default_factory=list)
    tags: list[str] = Field(default_factory=list)  # AO3's "Additional Tags" (freeform)
    language: str | None = None
    series: list[str] = Field(default_factory=list)
    collections: list[str] = Field(default_factory=list)
    status: str | None = None  # "Complete", "In-Progress" where the source says so
    published: str | None = None
    updated: str | None = None
    completed: str | None = None
    words: int | None = None
    chapters: str | None = None
    chapters_posted: int | None = None
    chapters_total: int | None = None
    summary: str | None = None


class Chapter(Span):
    """A chapter: its 1-based number, its title as given, and the span of its story text."""

    index: int
    title: str | None = None


class Paratext(Span):
    """Text around the story that is not story: disclaimers, author's notes, review replies."""

    kind: ParatextKind


class Repair(Span):
    """A copy-paste artifact; `replacement` is what the span should read: a missing space, or an
    opening quote mark an encoding turned into "?" ("when you said ?shore road' I saw")."""

    kind: Literal["missing_space", "lost_quote_mark"] = "missing_space"
    replacement: str


class Quote(Span):
    """A line of speech or an inner thought, with its attributed speaker (or quoted written
    text: a letter, note or inscription, which is nobody's line)."""

    id: str
    kind: QuoteKind
    speaker: str | None = None
    addressees: list[str] = Field(default_factory=list)
    cue: Cue = "unknown"
    confidence: float = 0.0
    sentiment: float | None = None  # VADER compound score of the quote's words, -1..1


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
    # The coreference chain the mention belongs to: the character id for a character's
    # mentions, "e<N>" for people the text refers to only by description or as a group
    # ("a man ... the man ... he", "they"); None for a mention linked to nothing.
    entity: str | None = None


class Pairing(Span):
    """A relationship the author declares ("NarutoXSakura", "A & B"); span is where it is said."""

    characters: list[str]
    kind: PairingKind
    source: str


class Relationship(BaseModel):
    """How two characters meet: lines one speaks to the other, scenes shared, mentions in speech."""

    characters: list[str]  # two character ids, in character-list order
    spoken_to: int = 0  # quotes either one addresses to the other
    spoken_to_by_scene: dict[int, int] = Field(default_factory=dict)  # scene index -> quotes
    co_present_scenes: int = 0  # scenes where both are named or speak
    mentions: int = 0  # mentions of one inside the other's quotes
    declared: PairingKind | None = None  # a pairing the author declares


class Sentiment(Span):
    """A VADER compound score (-1 very negative .. +1 very positive) of a stretch of text."""

    compound: float


class AffectSegment(Span):
    """One step of the story's arcs: a scene, or a stretch of story when there is one scene."""

    compound: float | None = None  # mean over the quotes and narration sentences inside
    scored: int = 0  # how many quotes and narration sentences were scored


class CharacterArc(BaseModel):
    """A character's mood along the story: one mean score per affect segment (None: absent)."""

    character: str
    values: list[float | None] = Field(default_factory=list)
    counts: list[int] = Field(default_factory=list)  # lines + narration sentences naming them
    mean: float | None = None


class Affect(BaseModel):
    """Sentiment of narration sentences and per-segment moods and character arcs (VADER)."""

    method: str = "vader"
    unit: Literal["scene", "position"] = "scene"
    narration: list[Sentiment] = Field(default_factory=list)  # story text outside quotes
    segments: list[AffectSegment] = Field(default_factory=list)
    arcs: list[CharacterArc] = Field(default_factory=list)


class CharacterStats(BaseModel):
    """How much one character says and thinks."""

    character: str
    lines: int = 0
    speech_lines: int = 0
    thought_lines: int = 0
    words_spoken: int = 0
    words_thought: int = 0
    dialogue_share: float = 0.0  # share of all attributed spoken words
    mentions: int = 0
    first_appearance: int | None = None  # offset of their first mention or line


class StoryStats(BaseModel):
    """Word counts of story and notes, dialogue and thought, and scene lengths."""

    words: int = 0
    story_words: int = 0
    paratext_words: int = 0
    speech_words: int = 0
    thought_words: int = 0
    narration_words: int = 0
    dialogue_share: float = 0.0  # speech words / story words
    speech_quotes: int = 0
    thought_quotes: int = 0
    written_quotes: int = 0  # letters, notes, inscriptions: neither speech nor thought
    written_words: int = 0
    unattributed_quotes: int = 0
    scenes: int = 0
    scene_words: list[int] = Field(default_factory=list)
    paragraphs: int = 0
    sentences: int = 0
    characters: list[CharacterStats] = Field(default_factory=list)


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
    work: Work | None = None  # metadata the source's markup declares (AO3, FanFiction.Net, EPUB)
    chapters: list[Chapter] = Field(default_factory=list)
    emphasis: list[Span] = Field(default_factory=list)  # italic spans kept from the markup
    relationships: list[Relationship] = Field(default_factory=list)
    affect: Affect | None = None
    stats: StoryStats | None = None
