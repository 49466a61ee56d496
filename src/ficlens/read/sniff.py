"""Tell an input's format from its bytes (the extension only breaks ties, for Markdown)."""

from __future__ import annotations

import codecs
import io
import zipfile

from ficlens.errors import ReadError
from ficlens.read.text import refuse_known_formats

_CONVERT = "convert it first, e.g. with Calibre's `ebook-convert {}`"
_MARKDOWN_SUFFIXES = (".md", ".markdown", ".mdown", ".mkd")
_HTML_SUFFIXES = (".html", ".htm", ".xhtml")
_HTML_MARKERS = (b"<!doctype html", b"<html", b"<body", b"<head", b"<div", b"<p>", b"<p ")


def sniff(data: bytes, name: str, suffix: str = "") -> str:
    """Return "epub", "html", "markdown" or "text"; ReadError for formats ficlens refuses."""
    if data.startswith(b"PK\x03\x04") or data.startswith(b"PK\x05\x06"):
        return _sniff_zip(data, name)
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE, codecs.BOM_UTF32_BE)):
        head = _decoded_head(data)
    else:
        refuse_known_formats(data, name)
        head = data[:4096].lower()
    if any(marker in head for marker in _HTML_MARKERS) or (
        head.lstrip().startswith(b"<?xml") and b"<html" in head
    ):
        return "html"
    if suffix.lower() in _HTML_SUFFIXES and b"<" in head:
        return "html"
    if suffix.lower() in _MARKDOWN_SUFFIXES:
        return "markdown"
    return "text"


def _decoded_head(data: bytes) -> bytes:
    for encoding in ("utf-16", "utf-32"):
        try:
            return data[:8192].decode(encoding, errors="ignore").encode("utf-8").lower()
        except (UnicodeError, LookupError):
            continue
    return b""


def _sniff_zip(data: bytes, name: str) -> str:
    try:
        names = set(zipfile.ZipFile(io.BytesIO(data)).namelist())
    except (zipfile.BadZipFile, OSError, ValueError, EOFError) as err:
        raise ReadError(f"{name}: looks like a damaged ZIP archive ({err})") from err
    if "word/document.xml" in names:
        raise ReadError(
            f"{name}: looks like a Word (.docx) file; ficlens reads plain text, HTML, Markdown "
            "and EPUB — save it as .txt or .html from Word, or "
            + _CONVERT.format("story.docx story.epub")
        )
    if "content.xml" in names and "mimetype" in names and "META-INF/manifest.xml" in names:
        raise ReadError(
            f"{name}: looks like an OpenDocument file; {_CONVERT.format('story.odt story.epub')}"
        )
    if (
        "META-INF/container.xml" in names
        or "mimetype" in names
        or any(n.lower().endswith(".opf") for n in names)
    ):
        return "epub"
    if any(n.lower().endswith((".xhtml", ".html", ".htm")) for n in names):
        return "epub"  # a zipped set of pages: read like an EPUB without a package
    raise ReadError(f"{name}: looks like a ZIP archive; unzip it and point ficlens at the files")
