"""Which files a corpus run reads: files, folders (recursively) and lists of paths."""

from __future__ import annotations

import hashlib
import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

# Every format the readers accept; a folder is searched for these, other files are ignored.
EXTENSIONS = (".txt", ".md", ".markdown", ".html", ".htm", ".xhtml", ".epub")
LIST_SUFFIXES = (".lst", ".list")
WORK_ID_LENGTH = 16  # hex digits of the sha256 kept: 64 bits, no collision in any archive


@dataclass(frozen=True)
class Candidate:
    """A path to analyze, or a reason it cannot be (a missing file, an unreadable list)."""

    path: str
    problem: str | None = None


def work_id_of(data: bytes) -> str:
    """The work's id: the sha256 of its source bytes, shortened."""
    return hashlib.sha256(data).hexdigest()[:WORK_ID_LENGTH]


def _is_list_file(arg: str) -> bool:
    return arg.startswith("@") or Path(arg).suffix.lower() in LIST_SUFFIXES


def _read_list(list_path: Path) -> Iterator[str]:
    """Paths in a list file, one a line; blank lines and `#` comments are skipped; relative
    paths are relative to the list file's folder."""
    for line in list_path.read_text(encoding="utf-8-sig").splitlines():
        entry = line.strip()
        if not entry or entry.startswith("#"):
            continue
        path = Path(entry).expanduser()
        yield str(path if path.is_absolute() else list_path.parent / path)


def _walk_folder(folder: Path) -> Iterator[str]:
    """Every readable file under a folder, in a stable order; hidden entries are skipped."""
    for root, dirs, files in os.walk(folder):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(files):
            if not name.startswith(".") and Path(name).suffix.lower() in EXTENSIONS:
                yield os.path.join(root, name)


def discover(inputs: Iterable[str | Path]) -> Iterator[Candidate]:
    """Expand the inputs into the files to analyze, each once, as absolute paths.

    An input is a file, a folder (searched recursively for .txt .md .markdown .html .htm
    .xhtml .epub) or a list of paths: `@FILE` (any name) or a file ending in .lst/.list.
    """
    seen: set[str] = set()

    def emit(raw: str) -> Iterator[Candidate]:
        path = os.path.abspath(os.path.expanduser(raw))
        if path in seen:
            return
        seen.add(path)
        if os.path.isdir(path):
            for found in _walk_folder(Path(path)):
                if found not in seen:
                    seen.add(found)
                    yield Candidate(found)
        elif os.path.exists(path):
            yield Candidate(path)
        else:
            yield Candidate(path, "no such file or folder")

    for item in inputs:
        arg = str(item)
        if _is_list_file(arg):
            list_path = Path(arg.removeprefix("@")).expanduser()
            try:
                entries = list(_read_list(list_path))
            except (OSError, UnicodeDecodeError) as problem:
                yield Candidate(
                    os.path.abspath(list_path), f"cannot read this list of paths: {problem}"
                )
                continue
            for entry in entries:
                yield from emit(entry)
        else:
            yield from emit(arg)
