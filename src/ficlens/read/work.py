"""What every reader returns: the decoded work and what its markup already told us."""

from __future__ import annotations

from dataclasses import dataclass, field

from ficlens.model import Chapter, Paratext, Source, Span, Work


@dataclass
class LoadedWork:
    """One work as read from its source, before analysis; offsets are into `text`."""

    text: str
    source: Source
    declared_cast: list[list[str]] = field(default_factory=list)  # each: names, canonical first
    work: Work | None = None  # metadata from the markup (tags, dates, summary)
    chapters: list[Chapter] = field(default_factory=list)  # spans cover each chapter's story
    emphasis: list[Span] = field(default_factory=list)  # italic spans from the markup
    paratext: list[Paratext] = field(default_factory=list)  # summaries and notes the markup marks
