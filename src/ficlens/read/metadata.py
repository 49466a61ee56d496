"""Facts about a work's metadata that every archive reader shares: relationship tags,
character names, dates, word and chapter counts, and the declared cast built from them."""

from __future__ import annotations

import re
from datetime import UTC, datetime

from ficlens.model import Work, WorkRelationship

_DISAMBIGUATOR = re.compile(r"\s*\([^()]*\)\s*$")  # "Sakura (Naruto)" -> "Sakura"
_DATE_FORMATS = (
    "%Y-%m-%d",
    "%m/%d/%Y",
    "%m/%d/%y",
    "%b %d, %Y",
    "%B %d, %Y",
    "%d %b %Y",
    "%d %B %Y",
    "%Y/%m/%d",
    "%Y-%m-%d %H:%M:%S",
    "%Y-%m-%dT%H:%M:%S",
)
_NUMBER = re.compile(r"\d[\d,.\s]*")
_CHAPTERS = re.compile(r"(\d+)\s*(?:/\s*(\d+|\?))?")


def clean_name(name: str) -> str:
    """A character tag without its fandom disambiguator and extra spaces."""
    return " ".join(_DISAMBIGUATOR.sub("", name).split())


def parse_relationship(tag: str) -> WorkRelationship:
    """Read a relationship tag: "A/B" (romantic) or "A & B" (platonic)."""
    tag = " ".join(tag.split())
    if "/" in tag:
        names, kind = re.split(r"\s*/\s*|\s+&\s+", tag), "romantic"
    else:
        names, kind = re.split(r"\s+&\s+|&", tag), "platonic"
    characters = [clean_name(name) for name in names if clean_name(name)]
    return WorkRelationship(name=tag, characters=characters, kind=kind)


def split_list(value: str) -> list[str]:
    """Split a comma-separated tag list."""
    return [" ".join(part.split()) for part in value.split(",") if part.strip()]


def parse_date(value: str | None) -> str | None:
    """A date as ISO (YYYY-MM-DD) when it can be parsed, else as given; None when empty."""
    if value is None or not value.strip():
        return None
    value = " ".join(value.split())
    for fmt in _DATE_FORMATS:
        try:
            return datetime.strptime(value, fmt).date().isoformat()
        except ValueError:
            continue
    return value


def date_from_timestamp(value: str | None) -> str | None:
    """A Unix timestamp (FanFiction.Net's data-xutime) as an ISO date, None if not one."""
    try:
        return datetime.fromtimestamp(int(value or ""), tz=UTC).date().isoformat()
    except (ValueError, OverflowError, OSError):
        return None


def parse_int(value: str | None) -> int | None:
    """A count written with thousands separators ("34,567"), None when there is none."""
    match = _NUMBER.search(value or "")
    if not match:
        return None
    digits = re.sub(r"\D", "", match.group())
    return int(digits) if digits else None


def set_chapters(work: Work, value: str | None) -> None:
    """Store a chapter count as given ("3/?", "12") and as numbers."""
    if not value or not value.strip():
        return
    work.chapters = " ".join(value.split())
    match = _CHAPTERS.search(work.chapters)
    if match:
        work.chapters_posted = int(match.group(1))
        total = match.group(2)
        if total and total != "?":
            work.chapters_total = int(total)
        elif total is None and work.status and work.status.lower().startswith("complete"):
            work.chapters_total = work.chapters_posted


def declared_cast(work: Work | None) -> list[list[str]]:
    """The characters a work declares (character and relationship tags), one name list each."""
    if work is None:
        return []
    names: list[str] = []
    for name in [*work.characters, *(n for r in work.relationships for n in r.characters)]:
        name = clean_name(name)
        if name and name.lower() not in {n.lower() for n in names}:
            names.append(name)
    return [_name_forms(name) for name in names]


def _name_forms(name: str) -> list[str]:
    """A declared name and, for an abbreviated surname ("Sakura H."), the given name alone."""
    forms = [name]
    parts = name.split()
    if len(parts) == 2 and re.fullmatch(r"[A-Z]\.", parts[1]):
        forms.append(parts[0])
    return forms
