"""A directory of chapter files (natural order: ch2 before ch10) read as one work."""

from __future__ import annotations

from pathlib import Path

from ficlens.errors import ReadError
from ficlens.model import Chapter, Source
from ficlens.read.epub import natural_key
from ficlens.read.work import LoadedWork

CHAPTER_SUFFIXES = (".txt", ".text", ".html", ".htm", ".xhtml", ".md", ".markdown", ".epub")


def chapter_files(directory: Path) -> list[Path]:
    """The chapter files of a directory, in natural order (hidden files left out)."""
    files = [
        path
        for path in directory.iterdir()
        if path.is_file()
        and not path.name.startswith(".")
        and path.suffix.lower() in CHAPTER_SUFFIXES
    ]
    return sorted(files, key=lambda path: natural_key(path.name))


def read_directory(directory: Path) -> LoadedWork:
    """Read every chapter file of a directory, in order, as one work."""
    from ficlens.read import read_input

    files = chapter_files(directory)
    if not files:
        raise ReadError(f"{directory}: no chapter files (.txt, .html, .md, .epub) in the directory")
    pieces: list[str] = []
    size = 0
    merged = LoadedWork("", Source(path=str(directory), format="text"))
    formats, encodings = [], []
    for path in files:
        part = read_input(path)
        formats.append(part.source.format)
        encodings.append(part.source.encoding)
        text = part.text if part.text.endswith("\n") else part.text + "\n"
        if pieces:
            pieces.append("\n")
            size += 1
        shift = size

        def moved(span, shift=shift):
            return span.model_copy(update={"start": span.start + shift, "end": span.end + shift})

        merged.emphasis += [moved(s) for s in part.emphasis]
        merged.paratext += [moved(p) for p in part.paratext]
        chapters = part.chapters or [
            Chapter(start=0, end=len(text.rstrip()), index=1, title=path.stem)
        ]
        for chapter in chapters:
            index = len(merged.chapters) + 1
            merged.chapters.append(moved(chapter).model_copy(update={"index": index}))
        if merged.work is None and part.work is not None:
            merged.work = part.work
        for names in part.declared_cast:
            if names not in merged.declared_cast:
                merged.declared_cast.append(names)
        pieces.append(text)
        size += len(text)
    merged.text = "".join(pieces)
    merged.source = Source(
        path=str(directory),
        format=formats[0] if len(set(formats)) == 1 else "mixed",
        encoding=encodings[0] if len(set(encodings)) == 1 else "mixed",
    )
    return merged
