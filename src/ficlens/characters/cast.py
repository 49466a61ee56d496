"""A declared cast: characters the user (or the work's tags) names before the text is read.

The ``--characters FILE`` format is one character a line, the canonical name first, then its
aliases, separated by semicolons; blank lines and lines starting with ``#`` are skipped::

    # canonical name; alias; alias ...
    Sakura Haruno; Sakura; Sakura-chan; Forehead
    Sasuke Uchiha; Sasuke; Sasuke-kun
"""

from __future__ import annotations

from pathlib import Path

from ficlens.errors import FiclensError


def parse_cast(text: str) -> list[list[str]]:
    """Parse cast lines into name lists, canonical name first, duplicates dropped."""
    cast = []
    for line in text.splitlines():
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        names = [name.strip() for name in line.split(";")]
        names = list(dict.fromkeys(name for name in names if name))
        if names:
            cast.append(names)
    return cast


def read_cast(path: Path) -> list[list[str]]:
    """Read a ``--characters`` file; a missing or unreadable file is one clear error."""
    try:
        text = Path(path).read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as problem:
        raise FiclensError(f"cannot read the characters file {path}: {problem}") from None
    cast = parse_cast(text)
    if not cast:
        raise FiclensError(f"the characters file {path} names no characters")
    return cast


def merge_casts(first: list[list[str]], second: list[list[str]]) -> list[list[str]]:
    """Join two casts; a character of `second` whose names meet one of `first` is merged in."""
    merged = [list(names) for names in first]
    for names in second:
        folded = {n.casefold() for n in names}
        for existing in merged:
            if folded & {n.casefold() for n in existing}:
                existing.extend(n for n in names if n.casefold() not in
                                {e.casefold() for e in existing})  # fmt: skip
                break
        else:
            merged.append(list(names))
    return merged
