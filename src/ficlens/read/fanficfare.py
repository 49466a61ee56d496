"""FanFicFare EPUBs: metadata from ``title_page.xhtml`` (``<b>Label:</b> value<br/>``), one page
per chapter (``file0001.xhtml`` …, a ``fff_chapter_title`` heading) and the author's notes in
``div.fff_chapter_notes`` (head notes before the chapter, foot notes after it)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from lxml import etree

from ficlens.model import Source, Work
from ficlens.read.ao3 import chapter_title
from ficlens.read.html import HEADING_TAGS, TextBuilder, body_of, classes, element_text, tag
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

if TYPE_CHECKING:
    from ficlens.read.epub import Epub

_SKIPPED_PAGES = ("title_page", "toc_page", "log_page", "cover")
_LIST_FIELDS = {
    "category": "fandoms",
    "categories": "fandoms",
    "fandom": "fandoms",
    "fandoms": "fandoms",
    "genre": "genres",
    "genres": "genres",
    "warnings": "warnings",
    "warning": "warnings",
    "freeform tags": "tags",
    "additional tags": "tags",
    "tags": "tags",
    "series": "series",
    "collections": "collections",
}


def is_fanficfare(book: Epub) -> bool:
    """Whether an EPUB was made by FanFicFare."""
    if any(p.rsplit("/", 1)[-1] == "title_page.xhtml" for p in book.pages + book.zip.names()):
        return True
    makers = book.metadata.get("contributor", []) + book.metadata.get("generator", [])
    return any("fanficfare" in value.lower() for value in makers)


def title_page_fields(root: etree._Element) -> dict[str, str]:
    """The ``<b>Label:</b> value`` pairs of a title page, labels lowercased."""
    fields: dict[str, str] = {}
    for bold in root.iter():
        if tag(bold) not in ("b", "strong"):
            continue
        label = element_text(bold)
        if not label.endswith(":"):
            continue
        key = label[:-1].strip().lower()
        pieces = [bold.tail or ""]
        for sibling in bold.itersiblings():
            if tag(sibling) in ("b", "strong") and element_text(sibling).endswith(":"):
                break
            if tag(sibling) == "br" and key not in ("summary", "description"):
                break
            pieces.append(element_text(sibling) if tag(sibling) != "br" else "\n")
            pieces.append(sibling.tail or "")
        value = "\n".join(" ".join(line.split()) for line in "".join(pieces).split("\n"))
        fields.setdefault(key, value.strip())
    return fields


def fields_to_work(fields: dict[str, str]) -> Work:
    """Turn title-page fields into a Work."""
    work = Work()
    for key, value in fields.items():
        if not value:
            continue
        if key in _LIST_FIELDS:
            setattr(work, _LIST_FIELDS[key], split_list(value))
        elif key in ("relationships", "pairings", "ships", "pairing"):
            work.relationships = [parse_relationship(v) for v in split_list(value)]
        elif key in ("characters", "character"):
            work.characters = [clean_name(v) for v in split_list(value)]
        elif key in ("published", "updated", "completed"):
            setattr(work, key, parse_date(value))
        elif key in ("summary", "description"):
            work.summary = value
        elif key in ("rating", "language", "status", "title"):
            setattr(work, key, value)
        elif key in ("words", "word count"):
            work.words = parse_int(value)
        elif key in ("story url", "url", "source"):
            work.url = value
        elif key in ("author", "authors", "by"):
            work.authors = split_list(value)
    set_chapters(work, fields.get("chapters"))
    return work


def read_fanficfare(book: Epub, source: Source) -> LoadedWork:
    """Read a FanFicFare EPUB into a LoadedWork."""
    from ficlens.read.epub import fill_missing, package_work

    title_page = next(
        (p for p in book.pages + book.zip.names() if p.endswith("title_page.xhtml")), None
    )
    work = fields_to_work(title_page_fields(book.page(title_page))) if title_page else Work()
    work = fill_missing(work, package_work(book).model_copy(update={"tags": [], "summary": None}))
    builder = TextBuilder(book.italic_classes)
    if work.summary:
        mark = builder.open()
        builder.add_paragraph(work.summary)
        span = builder.close(mark)
        if span:
            builder.paratext.append(_paratext(span, "summary"))
    index = 0
    for member in book.pages:
        if any(skip in member.rsplit("/", 1)[-1] for skip in _SKIPPED_PAGES):
            continue
        index += 1
        _read_chapter(builder, body_of(book.page(member)), index, book.toc.get(member))
    return builder.finish(source, work, declared_cast(work))


def _paratext(span: tuple[int, int], kind: str):
    from ficlens.model import Paratext

    return Paratext(start=span[0], end=span[1], kind=kind)


def _read_chapter(builder: TextBuilder, body: etree._Element, index: int, toc: str | None) -> None:
    heading = next(
        (el for el in body.iter() if tag(el) in HEADING_TAGS[:4] and element_text(el)), None
    )
    notes = [el for el in body.iter() if "fff_chapter_notes" in classes(el)]
    special = set(notes) | ({heading} if heading is not None else set())
    holders = {parent for el in special for parent in el.iterancestors()}
    title = chapter_title(element_text(heading)) if heading is not None else toc
    story: list[int] = []

    def visit(element: etree._Element) -> None:
        if element is heading or not tag(element):
            return
        if element in notes:
            head = "fff_head_notes" in classes(element) or (
                "fff_foot_notes" not in classes(element) and not story
            )
            builder.add_note(element, "chapter_notes" if head else "end_notes")
            return
        if element in holders:
            if element.text and element.text.strip():
                _story(lambda: builder.add_string(element.text))
            for child in element:
                visit(child)
                if child.tail and child.tail.strip():
                    _story(lambda child=child: builder.add_string(child.tail))
            return
        _story(lambda: builder.add_element(element))

    def _story(write) -> None:
        mark = builder.open()
        write()
        span = builder.close(mark)
        if span:
            story[:] = [story[0] if story else span[0], span[1]]

    visit(body)
    if story:
        builder.add_chapter(index, title, (story[0], story[1]))
