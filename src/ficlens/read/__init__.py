"""Readers: one module per input format, and `read_input` that picks the right one."""

from __future__ import annotations

from pathlib import Path

from ficlens.read.work import LoadedWork


def read_input(path: str | Path) -> LoadedWork:
    """Read a file ('-' for stdin) into a LoadedWork; raise ReadError on bad input."""
    from ficlens.model import Source
    from ficlens.read.text import read_stdin, read_text

    if str(path) == "-":
        text, encoding = read_stdin()
        return LoadedWork(text, Source(path="-", format="text", encoding=encoding))
    text, encoding = read_text(Path(path))
    return LoadedWork(text, Source(path=str(path), format="text", encoding=encoding))
