"""Turn HTML into a work's text with standoff spans, and read a generic HTML page.

`TextBuilder` is the one HTML-to-text walker every markup reader uses: block elements become
paragraphs separated by a blank line, ``<br>`` a newline, ``<hr>`` a ``* * *`` line (which the
scenes stage reads as a break), ``<em>``/``<i>`` (and italic styles or classes) emphasis spans.
Readers add the parts of a work in order and mark chapters and notes as spans of the result.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterable

from lxml import etree, html

from ficlens.errors import ReadError
from ficlens.model import Chapter, Paratext, Source, Span, Work
from ficlens.read.work import LoadedWork

log = logging.getLogger(__name__)

SCENE_BREAK = "* * *"
BLOCK_TAGS = frozenset(
    "address article aside blockquote body caption center dd details dialog div dl dt "
    "fieldset figcaption figure footer form h1 h2 h3 h4 h5 h6 header hgroup html li main nav "
    "ol p pre section summary table tbody td tfoot th thead tr ul".split()
)
SKIP_TAGS = frozenset(
    "head script style title noscript template iframe object embed svg math select option "
    "button input textarea map audio video canvas meta link".split()
)
ITALIC_TAGS = frozenset({"em", "i"})
HEADING_TAGS = ("h1", "h2", "h3", "h4", "h5", "h6")
_SPACES = re.compile(r"[ \t\n\r\f\v]+")
_ITALIC_STYLE = re.compile(r"font-style\s*:\s*(italic|oblique)", re.IGNORECASE)
_NOT_ITALIC_STYLE = re.compile(r"font-style\s*:\s*normal", re.IGNORECASE)

_XML_PARSER = etree.XMLParser(
    resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False, remove_pis=True
)


def html_parser() -> html.HTMLParser:
    """A forgiving HTML parser that never touches the network or expands huge trees."""
    return html.HTMLParser(
        encoding="utf-8", no_network=True, remove_comments=True, remove_pis=True, huge_tree=False
    )


def parse_html(text: str, name: str) -> etree._Element:
    """Parse decoded HTML (malformed is fine) into an element tree; ReadError if nothing."""
    try:
        root = html.document_fromstring(text.encode("utf-8"), parser=html_parser())
    except (etree.ParserError, etree.XMLSyntaxError, ValueError) as err:
        raise ReadError(f"{name}: cannot parse the HTML ({err})") from err
    if root is None:
        raise ReadError(f"{name}: no HTML content")
    return root


def parse_xhtml(data: bytes, name: str) -> etree._Element:
    """Parse an XHTML document: strictly as XML (no entities, no DTD), else forgivingly as HTML."""
    try:
        root = etree.fromstring(data, parser=_XML_PARSER)
        if root is not None:
            return root
    except etree.XMLSyntaxError:
        pass
    try:
        root = html.document_fromstring(
            data,
            parser=html.HTMLParser(
                no_network=True, remove_comments=True, remove_pis=True, huge_tree=False
            ),
        )
    except (etree.ParserError, etree.XMLSyntaxError, ValueError) as err:
        raise ReadError(f"{name}: cannot parse the XHTML ({err})") from err
    if root is None:
        raise ReadError(f"{name}: no content")
    return root


def tag(element: object) -> str:
    """The element's lowercase local name ('' for comments, entities and processing steps)."""
    name = getattr(element, "tag", None)
    if not isinstance(name, str):
        return ""
    return etree.QName(name).localname.lower() if name.startswith("{") else name.lower()


def classes(element: etree._Element) -> list[str]:
    """The element's class names."""
    return (element.get("class") or "").split()


def element_text(element: etree._Element) -> str:
    """The element's text content with whitespace collapsed."""
    parts = [] if tag(element) in SKIP_TAGS else [element.text or ""]
    for child in element:
        if tag(child) and tag(child) not in SKIP_TAGS:
            parts.append(element_text(child))
        elif tag(child) == "br":
            parts.append(" ")
        parts.append(child.tail or "")
    return _SPACES.sub(" ", "".join(parts)).strip()


def find_all(root: etree._Element, name: str) -> list[etree._Element]:
    """Every descendant element with this local name, in document order."""
    return [el for el in root.iter() if tag(el) == name]


def find_id(root: etree._Element, wanted: str) -> etree._Element | None:
    """The first element with this id."""
    return next((el for el in root.iter() if tag(el) and el.get("id") == wanted), None)


class Mark:
    """A span being written: `start` is set when its first character is written."""

    def __init__(self) -> None:
        self.start: int | None = None
        self.end: int | None = None


class TextBuilder:
    """Accumulate a work's text from HTML elements and strings, recording spans over it."""

    def __init__(self, italic_classes: Iterable[str] = ()) -> None:
        self.italic_classes = frozenset(italic_classes)
        self._parts: list[str] = []
        self._size = 0
        self._newlines = 0  # pending line breaks before the next text
        self._space = False  # pending space before the next text
        self._waiting: list[Mark] = []  # marks whose first character is not written yet
        self.emphasis: list[tuple[int, int]] = []
        self.paratext: list[Paratext] = []
        self.chapters: list[Chapter] = []

    # -- writing ---------------------------------------------------------------------------

    def _write(self, words: str) -> None:
        if self._size:
            separator = "\n" * self._newlines if self._newlines else (" " if self._space else "")
            self._parts.append(separator)
            self._size += len(separator)
        for mark in self._waiting:
            mark.start = self._size
        self._waiting.clear()
        self._parts.append(words)
        self._size += len(words)
        self._newlines, self._space = 0, False

    def add_string(self, raw: str) -> None:
        """Add inline text, collapsing whitespace as a browser does."""
        collapsed = _SPACES.sub(" ", raw)
        core = collapsed.strip()
        if not core:
            self._space = self._space or bool(collapsed)
            return
        if collapsed[0].isspace():
            self._space = True
        self._write(core)
        self._space = collapsed[-1].isspace()

    def line_break(self) -> None:
        """Start a new line (a ``<br>``); two in a row start a new paragraph."""
        if self._size:
            self._newlines = min(self._newlines + 1, 2)

    def paragraph_break(self) -> None:
        """End the current paragraph."""
        if self._size:
            self._newlines = 2

    def add_paragraph(self, text: str) -> None:
        """Add a paragraph of plain text (newlines kept as line breaks)."""
        self.paragraph_break()
        for index, line in enumerate(text.split("\n")):
            if index:
                self.line_break()
            self.add_string(line)
        self.paragraph_break()

    def scene_break(self) -> None:
        """Add a scene-break line."""
        self.paragraph_break()
        self._write(SCENE_BREAK)
        self.paragraph_break()

    def add_element(self, element: etree._Element, skip: Iterable[etree._Element] = ()) -> None:
        """Add an element's content (as its own paragraph(s) when it is a block)."""
        self._walk(element, frozenset(skip))

    def add_children(self, element: etree._Element) -> None:
        """Add an element's content without the element itself being a block."""
        if element.text:
            self.add_string(element.text)
        for child in element:
            self._walk(child, frozenset())
            if child.tail:
                self.add_string(child.tail)

    def _walk(self, element: etree._Element, skip: frozenset[etree._Element]) -> None:
        name = tag(element)
        if not name or name in SKIP_TAGS or element in skip:
            return
        if name == "br":
            self.line_break()
            return
        if name == "hr":
            self.scene_break()
            return
        block = name in BLOCK_TAGS
        if block:
            self.paragraph_break()
        mark = self.open() if self._is_italic(element, name) else None
        if element.text:
            self.add_string(element.text)
        for child in element:
            self._walk(child, skip)
            if child.tail:
                self.add_string(child.tail)
        if mark is not None:
            span = self.close(mark)
            if span:
                self.emphasis.append(span)
        if block:
            self.paragraph_break()

    def _is_italic(self, element: etree._Element, name: str) -> bool:
        style = element.get("style") or ""
        if _NOT_ITALIC_STYLE.search(style):
            return False
        return (
            name in ITALIC_TAGS
            or bool(_ITALIC_STYLE.search(style))
            or any(c in self.italic_classes for c in classes(element))
        )

    # -- spans -----------------------------------------------------------------------------

    def open(self) -> Mark:
        """Start a span at the next character written."""
        mark = Mark()
        self._waiting.append(mark)
        return mark

    def close(self, mark: Mark) -> tuple[int, int] | None:
        """End a span here; None when nothing was written inside it."""
        if mark in self._waiting:
            self._waiting.remove(mark)
        if mark.start is None:
            return None
        mark.end = self._size
        return mark.start, mark.end

    def add_note(self, element: etree._Element, kind: str) -> tuple[int, int] | None:
        """Add an element as paratext of `kind` (summary, work_notes, chapter_notes, end_notes)."""
        mark = self.open()
        self.paragraph_break()
        self.add_element(element)
        self.paragraph_break()
        span = self.close(mark)
        if span:
            self.paratext.append(Paratext(start=span[0], end=span[1], kind=kind))
        return span

    def add_chapter(self, index: int, title: str | None, span: tuple[int, int] | None) -> None:
        """Record a chapter whose story text is `span`."""
        if span:
            self.chapters.append(Chapter(start=span[0], end=span[1], index=index, title=title))

    # -- result ----------------------------------------------------------------------------

    @property
    def size(self) -> int:
        """Characters written so far."""
        return self._size

    def text(self) -> str:
        """The text written so far."""
        return "".join(self._parts)

    def finish(
        self, source: Source, work: Work | None = None, declared_cast: list[list[str]] | None = None
    ) -> LoadedWork:
        """Return the LoadedWork; ReadError when the markup held no text at all."""
        text = self.text()
        if not text.strip():
            raise ReadError(f"{source.path}: no story text found in the file")
        return LoadedWork(
            text=text + "\n",
            source=source,
            declared_cast=declared_cast or [],
            work=work,
            chapters=sorted(self.chapters, key=lambda c: c.start),
            emphasis=[Span(start=s, end=e) for s, e in merge_spans(text, self.emphasis)],
            paratext=sorted(self.paratext, key=lambda p: p.start),
        )


def merge_spans(text: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Sort spans and merge those that overlap or are separated only by spaces."""
    merged: list[list[int]] = []
    for start, end in sorted(spans):
        if merged and (start <= merged[-1][1] or not text[merged[-1][1] : start].strip(" ")):
            merged[-1][1] = max(merged[-1][1], end)
        else:
            merged.append([start, end])
    return [(start, end) for start, end in merged]


def heading_title(element: etree._Element) -> str | None:
    """A heading's text, or None when it is empty."""
    return element_text(element) or None


def add_body_with_headings(builder: TextBuilder, body: etree._Element) -> None:
    """Add a page body; with headings, each top-level heading starts a chapter (not in text)."""
    headings = [el for el in body.iter() if tag(el) in HEADING_TAGS and element_text(el)]
    if not headings:
        builder.add_element(body)
        return
    top = min(tag(el) for el in headings)
    starts = {el for el in headings if tag(el) == top}
    holders = {parent for el in starts for parent in el.iterancestors()}
    state: dict = {"index": 0, "title": None, "mark": None}

    def close_chapter() -> None:
        if state["mark"] is not None:
            builder.add_chapter(state["index"], state["title"], builder.close(state["mark"]))

    def visit(element: etree._Element) -> None:
        if element in starts:
            close_chapter()
            state["index"] += 1
            state["title"] = heading_title(element)
            builder.paragraph_break()
            state["mark"] = builder.open()
        elif element not in holders:
            builder.add_element(element)
        else:
            block = tag(element) in BLOCK_TAGS
            if block:
                builder.paragraph_break()
            if element.text:
                builder.add_string(element.text)
            for child in element:
                visit(child)
                if child.tail:
                    builder.add_string(child.tail)
            if block:
                builder.paragraph_break()

    visit(body)
    close_chapter()


def body_of(root: etree._Element) -> etree._Element:
    """The page's body element (the root itself when there is none)."""
    return next((el for el in root.iter() if tag(el) == "body"), root)


def read_html_page(root: etree._Element, source: Source) -> LoadedWork:
    """Read a page that is not from a known archive: its body text, chapters from headings."""
    builder = TextBuilder()
    add_body_with_headings(builder, body_of(root))
    title_element = next((el for el in root.iter() if tag(el) == "title"), None)
    title = " ".join("".join(title_element.itertext()).split()) if title_element is not None else ""
    return builder.finish(source, Work(title=title) if title else None)
