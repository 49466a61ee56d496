"""EPUB e-books: the container, the package (OPF) metadata, the spine's reading order and the
table of contents, read in memory from a size-limited ZIP with a safe XML parser.

`read_epub` picks the flavour: a FanFicFare book (``title_page.xhtml``), an AO3 book (its
preface tag block, also as Calibre converts it), or any other EPUB (one chapter per spine page).
A missing or broken container/OPF falls back to the pages in natural order, with a warning.
"""

from __future__ import annotations

import logging
import posixpath
import re
from dataclasses import dataclass, field
from urllib.parse import unquote

from lxml import etree

from ficlens.errors import ReadError
from ficlens.model import Source, Work
from ficlens.read.html import (
    HEADING_TAGS,
    TextBuilder,
    body_of,
    element_text,
    parse_xhtml,
    tag,
)
from ficlens.read.metadata import parse_date
from ficlens.read.safezip import SafeZip, normalize_member
from ficlens.read.work import LoadedWork

log = logging.getLogger(__name__)

XML_PARSER_OPTIONS = dict(
    resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False, remove_pis=True
)
_PAGE = re.compile(r"\.(x?html?|xml)$", re.IGNORECASE)
_CSS_RULE = re.compile(r"([^{}]+)\{([^{}]*)\}")
_CLASS_SELECTOR = re.compile(r"^\s*[a-zA-Z0-9]*\.([\w-]+)\s*$")
_ITALIC = re.compile(r"font-style\s*:\s*(?:italic|oblique)", re.IGNORECASE)
_NOT_STORY = re.compile(
    r"(?:^|[/_\-.])(cover|titlepage|title_page|toc|nav|log_page|jacket)\b", re.IGNORECASE
)


def natural_key(name: str) -> list:
    """Sort key that orders "chapter2" before "chapter10"."""
    return [int(part) if part.isdigit() else part.lower() for part in re.split(r"(\d+)", name)]


def parse_xml(data: bytes, name: str) -> etree._Element:
    """Parse XML without entity expansion, DTD loading or network; ReadError when broken."""
    parser = etree.XMLParser(recover=False, **XML_PARSER_OPTIONS)
    try:
        root = etree.fromstring(data, parser=parser)
    except etree.XMLSyntaxError as err:
        raise ReadError(f"{name}: broken XML ({err})") from err
    if root is None:
        raise ReadError(f"{name}: empty XML")
    return root


def _local(element: etree._Element) -> str:
    return tag(element)


@dataclass
class Epub:
    """An opened EPUB: its pages in reading order and what its package says."""

    zip: SafeZip
    name: str
    pages: list[str] = field(default_factory=list)  # member paths, reading order
    toc: dict[str, str] = field(default_factory=dict)  # member path -> label
    nav_pages: set[str] = field(default_factory=set)
    metadata: dict[str, list[str]] = field(default_factory=dict)  # dc:* and calibre:* values
    italic_classes: set[str] = field(default_factory=set)

    def page(self, member: str) -> etree._Element:
        """A page parsed (strict XHTML first, forgiving HTML if that fails)."""
        return parse_xhtml(self.zip.read(member), f"{self.name}: {member}")

    def first(self, key: str) -> str | None:
        """The first metadata value for a key ("title", "creator", "calibre:series", ...)."""
        values = self.metadata.get(key)
        return values[0] if values else None


def open_epub(data: bytes, name: str) -> Epub:
    """Open an EPUB's container, package and table of contents; fall back to page order."""
    book = Epub(SafeZip(data, name), name)
    try:
        opf_path = _package_path(book)
        _read_package(book, opf_path)
    except ReadError as problem:
        log.warning("%s; reading the pages in file-name order", problem)
        book.pages = sorted(
            (n for n in book.zip.names() if _PAGE.search(n) and not n.startswith("META-INF/")),
            key=natural_key,
        )
        book.pages = [p for p in book.pages if not p.lower().endswith(".opf")]
    if not book.pages:
        raise ReadError(f"{name}: the EPUB holds no readable pages")
    _read_styles(book)
    return book


def _package_path(book: Epub) -> str:
    container = "META-INF/container.xml"
    if book.zip.has(container):
        root = parse_xml(book.zip.read(container), f"{book.name}: {container}")
        for element in root.iter():
            if _local(element) == "rootfile" and element.get("full-path"):
                path = normalize_member(unquote(element.get("full-path")))
                if path and book.zip.has(path):
                    return path
    opfs = [n for n in book.zip.names() if n.lower().endswith(".opf")]
    if opfs:
        log.warning("%s: no usable META-INF/container.xml; using %s", book.name, opfs[0])
        return opfs[0]
    raise ReadError(f"{book.name}: no package file (OPF) found")


def _resolve(base: str, href: str) -> str | None:
    href = unquote(href.split("#", 1)[0])
    if not href or "://" in href:
        return None
    return normalize_member(posixpath.join(posixpath.dirname(base), href))


def _read_package(book: Epub, opf_path: str) -> None:
    root = parse_xml(book.zip.read(opf_path), f"{book.name}: {opf_path}")
    manifest: dict[str, tuple[str, str, str]] = {}  # id -> (path, media type, properties)
    spine: list[str] = []
    toc_id = None
    for element in root.iter():
        name = _local(element)
        if name == "item" and element.get("id") and element.get("href"):
            path = _resolve(opf_path, element.get("href"))
            if path is None:
                log.warning("%s: skipping manifest item %r", book.name, element.get("href"))
                continue
            manifest[element.get("id")] = (
                path,
                element.get("media-type") or "",
                element.get("properties") or "",
            )
        elif name == "spine":
            toc_id = element.get("toc")
        elif name == "itemref" and element.get("idref"):
            spine.append(element.get("idref"))
        elif name == "meta" and element.get("name") and element.get("content") is not None:
            book.metadata.setdefault(element.get("name"), []).append(element.get("content"))
        elif element.getparent() is not None and _local(element.getparent()) == "metadata":
            text = " ".join((element.text or "").split())
            if text and name not in ("meta", "item"):
                book.metadata.setdefault(name, []).append(text)
    for item_id in spine:
        entry = manifest.get(item_id)
        if entry is None:
            log.warning("%s: spine refers to missing item %r", book.name, item_id)
        elif book.zip.has(entry[0]) and entry[0] not in book.pages:
            book.pages.append(entry[0])
    if not book.pages:
        raise ReadError(f"{book.name}: the package's spine lists no pages")
    book.nav_pages = {path for path, _, props in manifest.values() if "nav" in props.split()}
    ncx = manifest.get(toc_id or "") or next(
        (entry for entry in manifest.values() if entry[1] == "application/x-dtbncx+xml"), None
    )
    try:
        if ncx and book.zip.has(ncx[0]):
            _read_ncx(book, ncx[0])
        for nav in book.nav_pages:
            if book.zip.has(nav):
                _read_nav(book, nav)
    except ReadError as problem:
        log.warning("%s; chapter titles come from the pages instead", problem)


def _read_ncx(book: Epub, path: str) -> None:
    root = parse_xml(book.zip.read(path), f"{book.name}: {path}")
    for point in root.iter():
        if _local(point) != "navpoint":
            continue
        label = next((element_text(el) for el in point if _local(el) == "navlabel"), "")
        content = next((el.get("src") for el in point if _local(el) == "content"), None)
        target = _resolve(path, content or "")
        if target and label:
            book.toc.setdefault(target, label)


def _read_nav(book: Epub, path: str) -> None:
    root = book.page(path)
    for link in root.iter():
        if _local(link) == "a" and link.get("href"):
            target = _resolve(path, link.get("href"))
            if target and element_text(link):
                book.toc.setdefault(target, element_text(link))


def _read_styles(book: Epub) -> None:
    """Collect class names that the book's stylesheets make italic (Calibre's ``calibreN``)."""
    for member in book.zip.names():
        if not member.lower().endswith(".css"):
            continue
        css = book.zip.read(member).decode("utf-8", errors="replace")
        for selectors, body in _CSS_RULE.findall(css):
            if not _ITALIC.search(body):
                continue
            for selector in selectors.split(","):
                match = _CLASS_SELECTOR.match(selector)
                if match:
                    book.italic_classes.add(match.group(1))


def package_work(book: Epub) -> Work:
    """The work as the package metadata describes it (title, creators, subjects, series)."""
    work = Work(
        title=book.first("title"),
        authors=list(book.metadata.get("creator", [])),
        language=book.first("language"),
        tags=list(book.metadata.get("subject", [])),
        published=parse_date((book.first("date") or "")[:10] or None),
    )
    description = book.first("description")
    if description:
        work.summary = description
    for value in [*book.metadata.get("source", []), *book.metadata.get("identifier", [])]:
        if value.startswith("http"):
            work.url = value
            break
    series = book.first("calibre:series")
    if series:
        index = book.first("calibre:series_index")
        number = index[:-2] if index and index.endswith(".0") else index
        work.series = [f"Part {number} of {series}" if number else series]
    return work


def fill_missing(work: Work, fallback: Work) -> Work:
    """Fill the fields the markup left empty from the package metadata."""
    updates = {
        key: value
        for key, value in fallback.model_dump().items()
        if value not in (None, [], "") and getattr(work, key) in (None, [], "")
    }
    return work.model_copy(update=updates)


def joined_pages(book: Epub, pages: list[str]) -> etree._Element:
    """All pages' bodies under one root, in reading order (for readers that walk one tree)."""
    root = etree.Element("div")
    for member in pages:
        body = body_of(book.page(member))
        holder = etree.SubElement(root, "div")
        holder.text = body.text
        for child in list(body):
            holder.append(child)
    return root


def read_epub(data: bytes, source: Source) -> LoadedWork:
    """Read an EPUB: FanFicFare's, AO3's (also Calibre-converted) or any other."""
    from ficlens.read import ao3, fanficfare

    book = open_epub(data, source.path)
    if fanficfare.is_fanficfare(book):
        return fanficfare.read_fanficfare(book, source.model_copy(update={"format": "fff_epub"}))
    pages = [p for p in book.pages if p not in book.nav_pages]
    joined = joined_pages(book, pages)
    if ao3.looks_like_ao3(joined):
        builder = TextBuilder(book.italic_classes)
        loaded = ao3.read_ao3(joined, source.model_copy(update={"format": "ao3_epub"}), builder)
        if loaded.work is not None:
            loaded.work = fill_missing(loaded.work, package_work(book))
        return loaded
    return _read_generic(book, pages, source.model_copy(update={"format": "epub"}))


def _read_generic(book: Epub, pages: list[str], source: Source) -> LoadedWork:
    builder = TextBuilder(book.italic_classes)
    index = 0
    for member in pages:
        if _NOT_STORY.search(member.rsplit("/", 1)[-1]) and len(pages) > 1:
            continue
        body = body_of(book.page(member))
        heading = _leading_heading(body)
        title = element_text(heading) if heading is not None else book.toc.get(member)
        mark = builder.open()
        builder.add_element(body, skip=[heading] if heading is not None else [])
        span = builder.close(mark)
        if span:
            index += 1
            builder.add_chapter(index, title, span)
    work = package_work(book)
    return builder.finish(source, work if work.model_dump(exclude_defaults=True) else None)


def _leading_heading(body: etree._Element) -> etree._Element | None:
    """The page's first heading when nothing but headings comes before it."""
    for element in body.iter():
        name = tag(element)
        if name in HEADING_TAGS[:3] and element_text(element):
            return element
        if name in ("p", "blockquote", "li") and element_text(element):
            return None
    return None
