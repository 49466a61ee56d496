"""Readers: one module per input format, and `read_input` that picks the right one.

Formats are told from the content (`read.sniff`), not the extension: an AO3 download, a saved
FanFiction.Net page or any other HTML page; an EPUB (FanFicFare's, AO3's, any other); Markdown
(by extension); plain text; a directory of chapter files; '-' for standard input. PDF, MOBI,
DOC/DOCX and RTF are refused with a converter to use.
"""

from __future__ import annotations

import sys
from pathlib import Path

from ficlens.read.work import LoadedWork


def read_input(path: str | Path) -> LoadedWork:
    """Read a file, a directory of chapters or '-' (stdin) into a LoadedWork; ReadError if bad."""
    from ficlens.read.directory import read_directory
    from ficlens.read.text import read_file_bytes

    if str(path) == "-":
        return read_bytes(sys.stdin.buffer.read(), "-", "")
    path = Path(path)
    if path.is_dir():
        return read_directory(path)
    return read_bytes(read_file_bytes(path), str(path), path.suffix)


def read_bytes(data: bytes, name: str, suffix: str = "") -> LoadedWork:
    """Read an input's bytes, whatever its format; `name` is reported as the source path."""
    from ficlens.errors import ReadError
    from ficlens.model import Source
    from ficlens.read.sniff import sniff
    from ficlens.read.text import decode_bytes

    label = "<stdin>" if name == "-" else name
    if not data:
        raise ReadError(f"{label}: file is empty")
    kind = sniff(data, label, suffix)
    if kind == "epub":
        from ficlens.read.epub import read_epub

        return read_epub(data, Source(path=name, format="epub", encoding="utf-8"))
    text, encoding = decode_bytes(data, label)
    source = Source(path=name, format=kind, encoding=encoding)
    if kind == "markdown":
        from ficlens.read.markdown import read_markdown

        return read_markdown(text, source)
    if kind == "html":
        return read_html_text(text, source)
    return LoadedWork(text, source)


def read_html_text(text: str, source) -> LoadedWork:
    """Read a decoded HTML page: an AO3 download, a FanFiction.Net page or any other page."""
    from ficlens.read import ao3, ffnet
    from ficlens.read.html import parse_html, read_html_page

    root = parse_html(text, source.path)
    if ao3.looks_like_ao3(root):
        return ao3.read_ao3(root, source.model_copy(update={"format": "ao3_html"}))
    if ffnet.looks_like_ffnet(root):
        return ffnet.read_ffnet(root, source.model_copy(update={"format": "ffnet_html"}))
    return read_html_page(root, source.model_copy(update={"format": "html"}))
