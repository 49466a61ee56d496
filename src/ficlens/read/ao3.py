"""Archive of Our Own downloads: the HTML file ("Download → HTML") and AO3's EPUB, also as
Calibre rewrites it (class names renamed to calibreN, ids kept, the tag block split off).

The reader walks the page in document order: the preface's tag list (``dl`` of dt/dd pairs),
title (``h1``), byline, Summary and Notes (a label paragraph, then a ``blockquote``); then
``#chapters`` with a heading per chapter, Chapter Summary / Chapter Notes, the chapter text and
``#endnotesN``; then ``#afterword`` with the End Notes. It leans on ids, labels and element
kinds rather than class names, so a Calibre conversion reads the same as the original.
"""

from __future__ import annotations

import re

from lxml import etree

from ficlens.model import Source, Work
from ficlens.read.html import (
    SKIP_TAGS,
    TextBuilder,
    classes,
    element_text,
    find_all,
    tag,
)
from ficlens.read.metadata import (
    clean_name,
    declared_cast,
    parse_date,
    parse_int,
    parse_relationship,
    set_chapters,
    split_list,
)
from ficlens.read.work import LoadedWork

# dt label (lowercase, no colon) -> Work field; AO3 writes the plural when there are several.
_TAG_FIELDS = {
    "rating": "rating",
    "ratings": "rating",
    "archive warning": "warnings",
    "archive warnings": "warnings",
    "category": "categories",
    "categories": "categories",
    "fandom": "fandoms",
    "fandoms": "fandoms",
    "relationship": "relationships",
    "relationships": "relationships",
    "character": "characters",
    "characters": "characters",
    "additional tag": "tags",
    "additional tags": "tags",
    "freeform": "tags",
    "language": "language",
    "series": "series",
    "collection": "collections",
    "collections": "collections",
    "stats": "stats",
}
# label paragraph text -> (kind of the blockquote after it, whether it is per chapter)
_NOTE_LABELS = {
    "summary": "summary",
    "notes": "work_notes",
    "chapter summary": "summary",
    "chapter notes": "chapter_notes",
    "chapter end notes": "end_notes",
    "end notes": "end_notes",
}
_STATS = re.compile(r"(Published|Updated|Completed|Words|Chapters)\s*:\s*(\S+)")
_WORK_URL = re.compile(r"archiveofourown\.org/works/(\d+)")
_CHAPTER_HEADING = re.compile(r"^(?:Chapter\s+\d+\b|\d+\.\s)", re.IGNORECASE)
_NUMBERED_TITLE = re.compile(r"^(?:Chapter\s+\d+\s*[:.\-–—]\s*|\d+\.\s+)(?=\S)", re.IGNORECASE)
_USERSTUFF = re.compile(r"^userstuff\d*$")
# Archive boilerplate around the story: "See the end of the chapter for more notes", ...
_BOILERPLATE = re.compile(
    r"^(?:see the end of the (?:work|chapter)\b|posted originally on the\b|please drop by the\b)",
    re.IGNORECASE,
)


def _label(element: etree._Element) -> str:
    return element_text(element).rstrip(":").strip().lower()


def is_tag_list(element: etree._Element) -> bool:
    """Whether a ``dl`` is AO3's tag block (at least two dt labels AO3 uses)."""
    if tag(element) != "dl":
        return False
    labels = [_label(dt) for dt in element if tag(dt) == "dt"]
    return sum(label in _TAG_FIELDS for label in labels) >= 2


def looks_like_ao3(root: etree._Element) -> bool:
    """Whether a page (or an EPUB's joined pages) is an AO3 download."""
    return any(is_tag_list(dl) for dl in find_all(root, "dl"))


def _in_user_content(element: etree._Element) -> bool:
    """Inside a chapter's own text (an AO3 ``userstuff`` block other than ``#chapters``)."""
    for parent in element.iterancestors():
        if parent.get("id") == "chapters":
            return False
        if tag(parent) != "blockquote" and any(_USERSTUFF.match(c) for c in classes(parent)):
            return True
    return False


def chapter_title(heading: str) -> str:
    """A chapter heading without its number: "Chapter 2: Paper Cranes" -> "Paper Cranes"."""
    return _NUMBERED_TITLE.sub("", heading).strip() or heading


class _Ao3Walk:
    """One pass over an AO3 page that fills a TextBuilder and a Work."""

    def __init__(self, root: etree._Element, builder: TextBuilder) -> None:
        self.root = root
        self.builder = builder
        self.work = Work()
        self.region = "preface"
        self.pending: str | None = None  # note kind announced by a label paragraph
        self.chapter = 0
        self.title: str | None = None
        self.story: tuple[int, int] | None = None
        # Element sets (not id()s: lxml proxies are only stable while referenced).
        self.structural: set[etree._Element] = set()
        self.holders: set[etree._Element] = set()
        for element in root.iter():
            if self._is_structural(element):
                self.structural.add(element)
                self.holders.update(element.iterancestors())

    # -- what an element is -----------------------------------------------------------------

    def _is_heading(self, element: etree._Element) -> bool:
        if tag(element) not in ("h2", "h3") or _in_user_content(element):
            return False
        text = element_text(element)
        if text.lower() in ("preface", "afterword"):
            return True
        names = classes(element)
        if "landmark" in names:
            return True
        return "heading" in names or "toc-heading" in names or bool(_CHAPTER_HEADING.match(text))

    def _is_byline(self, element: etree._Element) -> bool:
        if "byline" in classes(element):
            return True
        previous = element.getprevious()
        return (
            tag(element) in ("div", "p")
            and previous is not None
            and tag(previous) == "h1"
            and element_text(element).lower().startswith("by ")
        )

    def _is_boilerplate(self, element: etree._Element) -> bool:
        if "endnote-link" in classes(element) or "message" in classes(element):
            return True
        return tag(element) in ("div", "p") and bool(_BOILERPLATE.match(element_text(element)))

    def _note_label(self, element: etree._Element) -> str | None:
        if tag(element) != "p" or len(element_text(element)) > 30:
            return None
        return _NOTE_LABELS.get(_label(element))

    def _is_structural(self, element: etree._Element) -> bool:
        name = tag(element)
        if not name:
            return False
        if element.get("id") in ("preface", "chapters", "afterword") or (
            element.get("id") or ""
        ).startswith("endnotes"):
            return True
        if name in ("dl", "h1", "p", "blockquote", "h2", "h3", "div") and _in_user_content(element):
            return False
        if name == "dl":
            return is_tag_list(element)
        if name == "h1":
            return True
        if name == "blockquote":
            previous = element.getprevious()
            return previous is not None and self._note_label(previous) is not None
        return (
            self._is_heading(element)
            or self._note_label(element) is not None
            or self._is_byline(element)
            or self._is_boilerplate(element)
        )

    # -- the walk ---------------------------------------------------------------------------

    def visit(self, element: etree._Element) -> None:
        name = tag(element)
        if not name or name in SKIP_TAGS:
            return
        ident = element.get("id") or ""
        if ident == "chapters":
            self.region = "chapters"
        elif ident == "afterword":
            self._end_chapter()
            self.region = "afterword"
        if element in self.structural and self._structure(element, name):
            return
        if element in self.holders:
            for child in element:
                self.visit(child)
            return
        if self.region == "chapters":
            self._add_story(element)

    def _structure(self, element: etree._Element, name: str) -> bool:
        """Handle a structural element; False when it only holds other structure."""
        if name == "dl":
            self._read_tags(element)
        elif name == "h1":
            self.work.title = self.work.title or element_text(element) or None
        elif name in ("h2", "h3") and self._is_heading(element):
            self._heading(element)
        elif name == "blockquote" and self.pending:
            if self.pending == "summary" and self.region == "preface":
                self.work.summary = element_text(element) or None
            self.builder.add_note(element, self.pending)
            self.pending = None
        elif self._note_label(element):
            self.pending = self._note_label(element)
        elif self._is_byline(element):
            links = [element_text(a) for a in find_all(element, "a")]
            names = [n for n in links if n] or [element_text(element)[3:].strip()]
            if not self.work.authors:
                self.work.authors = [n for n in names if n]
        elif not self._is_boilerplate(element):
            return False
        return True

    def _heading(self, element: etree._Element) -> None:
        text = element_text(element)
        lowered = text.lower()
        if lowered == "afterword":
            self._end_chapter()
            self.region = "afterword"
        elif lowered == "preface" or "landmark" in classes(element):
            return
        else:
            self._end_chapter()
            self.region = "chapters"
            self.chapter += 1
            self.title = chapter_title(text)
            self.pending = None

    def _add_story(self, element: etree._Element) -> None:
        if self.chapter == 0:
            self.chapter = 1  # a one-chapter work has no chapter heading
        mark = self.builder.open()
        self.builder.add_element(element)
        span = self.builder.close(mark)
        if span:
            start = span[0] if self.story is None else self.story[0]
            self.story = (start, span[1])

    def _end_chapter(self) -> None:
        if self.story is not None:
            self.builder.add_chapter(self.chapter, self.title, self.story)
        self.story = None

    # -- the tag block ----------------------------------------------------------------------

    def _read_tags(self, dl: etree._Element) -> None:
        label = None
        for child in dl:
            if tag(child) == "dt":
                label = _TAG_FIELDS.get(_label(child))
            elif tag(child) == "dd" and label:
                self._set_tag(label, child)
                label = None

    def _set_tag(self, field: str, dd: etree._Element) -> None:
        work = self.work
        links = [element_text(a) for a in find_all(dd, "a") if element_text(a)]
        text = element_text(dd)
        values = links or split_list(text)
        if field == "rating":
            work.rating = ", ".join(values) or None
        elif field == "language":
            work.language = text or None
        elif field == "series":
            work.series = [s.strip() for s in re.split(r",\s*(?=Part\s+\d)", text) if s.strip()]
        elif field == "relationships":
            work.relationships = [parse_relationship(v) for v in values]
        elif field == "characters":
            work.characters = [clean_name(v) for v in values]
        elif field == "stats":
            self._read_stats(text)
        else:
            setattr(work, field, values)

    def _read_stats(self, text: str) -> None:
        stats = {key.lower(): value for key, value in _STATS.findall(text)}
        work = self.work
        work.published = parse_date(stats.get("published"))
        work.updated = parse_date(stats.get("updated"))
        work.completed = parse_date(stats.get("completed"))
        work.words = parse_int(stats.get("words"))
        if work.completed:
            work.status = "Complete"
        set_chapters(work, stats.get("chapters"))
        if work.chapters_total and work.chapters_posted == work.chapters_total:
            work.status = work.status or "Complete"

    def finish(self) -> Work:
        self._end_chapter()
        for link in find_all(self.root, "a"):
            match = _WORK_URL.search(link.get("href") or "")
            if match:
                self.work.url = f"https://archiveofourown.org/works/{match.group(1)}"
                self.work.id = match.group(1)
                break
        return self.work


def read_ao3(
    root: etree._Element, source: Source, builder: TextBuilder | None = None
) -> LoadedWork:
    """Read an AO3 download (its HTML page, or an EPUB's pages joined under one root)."""
    builder = builder or TextBuilder()
    walk = _Ao3Walk(root, builder)
    walk.visit(root)
    work = walk.finish()
    return builder.finish(source, work, declared_cast(work))
