"""Markdown stories: rendered with markdown-it-py (CommonMark), then read as HTML, so
``*emphasis*`` becomes an emphasis span, ``---``/``***`` a scene break, headings chapters."""

from __future__ import annotations

from markdown_it import MarkdownIt

from ficlens.model import Source
from ficlens.read.html import TextBuilder, add_body_with_headings, body_of, parse_html
from ficlens.read.work import LoadedWork


def read_markdown(text: str, source: Source) -> LoadedWork:
    """Read decoded Markdown into a LoadedWork."""
    rendered = MarkdownIt("commonmark", {"html": True}).render(text)
    root = parse_html(f"<html><body>{rendered}</body></html>", source.path)
    builder = TextBuilder()
    add_body_with_headings(builder, body_of(root))
    return builder.finish(source)
