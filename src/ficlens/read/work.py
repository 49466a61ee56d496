"""What every reader returns: the decoded work and what its markup already told us."""

from __future__ import annotations

from dataclasses import dataclass, field

from ficlens.model import Source


@dataclass
class LoadedWork:
    """One work as read from its source, before analysis; offsets are into `text`."""

    text: str
    source: Source
    declared_cast: list[list[str]] = field(default_factory=list)  # each: names, canonical first
