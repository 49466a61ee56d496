"""FanFiction.Net chapter pages saved from a browser: the story in ``#storytext``, the work in
``#profile_top`` (title, author, summary and the stats line "Rated: Fiction T - English -
Romance/Drama - [Sakura H., Sasuke U.] Naruto U. - Chapters: 12 - Words: 34,567 - … - id: N",
where square brackets group a pairing) and the chapter list in ``#chap_select``."""

from __future__ import annotations

import re

from lxml import etree

from ficlens.model import Source, Work, WorkRelationship
from ficlens.read.html import TextBuilder, classes, element_text, find_all, find_id, tag
from ficlens.read.metadata import (
    clean_name,
    date_from_timestamp,
    declared_cast,
    parse_date,
    parse_int,
    set_chapters,
)
from ficlens.read.work import LoadedWork

GENRES = frozenset(
    "Adventure Angst Crime Drama Family Fantasy Friendship General Horror Humor Hurt/Comfort "
    "Mystery Parody Poetry Romance Sci-Fi Spiritual Supernatural Suspense Tragedy Western".split()
)
_KEYED = re.compile(
    r"^(Rated|Chapters|Words|Reviews|Favs|Follows|Updated|Published|Status|id)"
    r"\s*:\s*(.*)$",
    re.IGNORECASE,
)
_CHAPTER_OPTION = re.compile(r"^\s*\d+\.\s*")


def looks_like_ffnet(root: etree._Element) -> bool:
    """Whether a page is a FanFiction.Net (or FictionPress) chapter page."""
    return find_id(root, "storytext") is not None and find_id(root, "profile_top") is not None


def _genres(segment: str) -> list[str] | None:
    """The segment's genres ("Romance/Hurt/Comfort"), or None when it is not a genre list."""
    parts = segment.replace("Hurt/Comfort", "Hurt\x00Comfort").split("/")
    genres = [part.replace("\x00", "/").strip() for part in parts]
    return genres if genres and all(g in GENRES for g in genres) else None


def parse_characters(segment: str) -> tuple[list[str], list[WorkRelationship]]:
    """Characters and bracketed pairings: "[Sakura H., Sasuke U.] Naruto U."."""
    characters: list[str] = []
    pairings: list[WorkRelationship] = []
    for group, single in re.findall(r"\[([^\]]*)\]|([^\[\],]+)", segment):
        if group:
            names = [clean_name(n) for n in group.split(",") if clean_name(n)]
            characters.extend(names)
            if len(names) >= 2:
                pairings.append(
                    WorkRelationship(name="/".join(names), characters=names, kind="romantic")
                )
        elif clean_name(single):
            characters.append(clean_name(single))
    return characters, pairings


def parse_stats(text: str, work: Work) -> None:
    """Fill a Work from FanFiction.Net's stats line."""
    segments = [s.strip() for s in re.split(r"\s+-\s+", " ".join(text.split())) if s.strip()]
    unkeyed = []
    for segment in segments:
        match = _KEYED.match(segment)
        if not match:
            unkeyed.append(segment)
            continue
        key, value = match.group(1).lower(), match.group(2).strip()
        if key == "rated":
            work.rating = value.removeprefix("Fiction").strip() or value
        elif key == "words":
            work.words = parse_int(value)
        elif key in ("updated", "published"):
            setattr(work, key, parse_date(value))
        elif key == "status":
            work.status = value
        elif key == "id":
            work.id = value
        elif key == "chapters":
            work.chapters = value
    if unkeyed:
        work.language = unkeyed.pop(0)
    for segment in unkeyed:
        genres = _genres(segment)
        if genres is not None and not work.genres:
            work.genres = genres
        else:
            characters, pairings = parse_characters(segment)
            work.characters.extend(characters)
            work.relationships.extend(pairings)
    chapters, work.chapters = work.chapters, None
    set_chapters(work, chapters or "1")
    if work.status and work.status.lower().startswith("complete"):
        work.chapters_total = work.chapters_posted


def read_ffnet(root: etree._Element, source: Source) -> LoadedWork:
    """Read a saved FanFiction.Net chapter page."""
    profile = find_id(root, "profile_top")
    story = find_id(root, "storytext")
    work = Work()
    builder = TextBuilder()
    if profile is not None:
        _read_profile(profile, work, builder)
    _read_links(root, work)
    index, title = _current_chapter(root)
    mark = builder.open()
    builder.add_element(story)
    builder.add_chapter(index, title, builder.close(mark))
    return builder.finish(source, work, declared_cast(work))


def _read_profile(profile: etree._Element, work: Work, builder: TextBuilder) -> None:
    for element in profile.iter():
        name, names = tag(element), classes(element)
        if name == "b" and "xcontrast_txt" in names and work.title is None:
            work.title = element_text(element) or None
        elif name == "a" and "/u/" in (element.get("href") or "") and not work.authors:
            work.authors = [element_text(element)] if element_text(element) else []
        elif name == "div" and "xcontrast_txt" in names and work.summary is None:
            work.summary = element_text(element) or None
            builder.add_note(element, "summary")
        elif name == "span" and element_text(element).startswith("Rated:"):
            times = [s.get("data-xutime") for s in element.iter() if s.get("data-xutime")]
            text = element_text(element)
            parse_stats(text, work)
            labels = re.findall(r"(Updated|Published)\s*:", text)
            for label, stamp in zip(labels, times, strict=False):
                iso = date_from_timestamp(stamp)
                if iso:
                    setattr(work, label.lower(), iso)
    if work.status is None and work.chapters_posted:
        work.status = "In-Progress"


def _read_links(root: etree._Element, work: Work) -> None:
    canonical = next(
        (el.get("href") for el in find_all(root, "link") if el.get("rel") == "canonical"), None
    )
    if canonical:
        work.url = "https:" + canonical if canonical.startswith("//") else canonical
        match = re.search(r"/s/(\d+)", canonical)
        work.id = work.id or (match.group(1) if match else None)
    crumbs = find_id(root, "pre_story_links")
    if crumbs is not None:
        links = [element_text(a) for a in find_all(crumbs, "a") if element_text(a)]
        if links:
            work.fandoms = [links[-1]]


def _option_title(option: etree._Element) -> str | None:
    text = " ".join("".join(option.itertext()).split())  # option text (SKIP_TAGS elsewhere)
    return _CHAPTER_OPTION.sub("", text) or None


def _current_chapter(root: etree._Element) -> tuple[int, str | None]:
    """The selected chapter of ``#chap_select``: its number and title ("2. Ember" -> Ember)."""
    select = find_id(root, "chap_select")
    options = [el for el in select.iter() if tag(el) == "option"] if select is not None else []
    if not options:
        return 1, None
    for position, option in enumerate(options, start=1):
        if option.get("selected") is not None:
            return parse_int(option.get("value")) or position, _option_title(option)
    return 1, _option_title(options[0])
