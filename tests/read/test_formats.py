"""Reading AO3, FanFiction.Net, FanFicFare, EPUB, HTML and Markdown stories with their metadata,
chapters, notes and italics (fixtures are original text written for these tests)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from epub_fixtures import CONTAINER, opf, page, write_zip
from typer.testing import CliRunner

from ficlens.cli import app
from ficlens.pipeline import analyze_work
from ficlens.read import read_bytes, read_input

FIXTURES = Path(__file__).parent / "fixtures"


@pytest.fixture
def make_epub(tmp_path: Path):
    """Return a function writing an EPUB from {member: content} into tmp_path."""

    def _make(members: dict[str, str | bytes], name: str = "book.epub"):
        return write_zip(tmp_path / name, members)

    return _make


def spans(work, kind):
    return [work.text[p.start : p.end] for p in work.paratext if p.kind == kind]


def chapter_texts(work):
    return [(c.index, c.title, work.text[c.start : c.end]) for c in work.chapters]


# -- AO3 HTML ---------------------------------------------------------------------------------


def test_ao3_html_metadata() -> None:
    loaded = read_input(FIXTURES / "ao3_multi.html")
    work = loaded.work
    assert loaded.source.format == "ao3_html"
    assert work.title == "The Salt Road"
    assert work.authors == ["quillfeather"]
    assert (work.url, work.id) == ("https://archiveofourown.org/works/4242421", "4242421")
    assert work.rating == "Teen And Up Audiences"
    assert work.warnings == ["No Archive Warnings Apply"]
    assert work.categories == ["F/M", "Gen"]
    assert work.fandoms == ["Tidewatch (Original Work)"]
    assert work.characters == ["Mira Vance", "Tomas Reyes", "Old Hollis"]  # "(Tidewatch)" gone
    assert work.tags == ["Slow Burn", "Lighthouses"]
    assert work.language == "English"
    assert work.series == ["Part 2 of Lamps Along the Coast"]
    assert (work.published, work.updated, work.words) == ("2021-03-04", "2021-05-06", 1234)
    assert (work.chapters, work.chapters_posted, work.chapters_total) == ("2/3", 2, 3)
    assert work.summary == "Mira keeps the lamp. Tomas keeps secrets."


def test_ao3_relationship_kinds_and_declared_cast() -> None:
    loaded = read_input(FIXTURES / "ao3_multi.html")
    assert [(r.name, r.characters, r.kind) for r in loaded.work.relationships] == [
        ("Mira Vance/Tomas Reyes", ["Mira Vance", "Tomas Reyes"], "romantic"),
        ("Mira Vance & Old Hollis", ["Mira Vance", "Old Hollis"], "platonic"),
    ]
    assert loaded.declared_cast == [["Mira Vance"], ["Tomas Reyes"], ["Old Hollis"]]


def test_ao3_chapters_notes_and_italics() -> None:
    loaded = read_input(FIXTURES / "ao3_multi.html")
    chapters = chapter_texts(loaded)
    assert [(i, t) for i, t, _ in chapters] == [(1, "Low Tide"), (2, "The Storm")]
    assert chapters[0][2].startswith("The gulls woke Mira")
    assert chapters[0][2].endswith("lifted off the Marguerite.")
    assert chapters[1][2].startswith("Rain hammered the glass")
    assert spans(loaded, "summary") == [
        "Mira keeps the lamp. Tomas keeps secrets.",
        "The lamp goes out.",
    ]
    assert spans(loaded, "work_notes") == ["Written for the autumn swap. Thank you to my beta!"]
    assert spans(loaded, "chapter_notes") == ["This one is short, sorry."]
    assert spans(loaded, "end_notes") == [
        "Next time: the storm.",
        "Thanks for reading! Come say hi.",
    ]
    emphasis = [loaded.text[s.start : s.end] for s in loaded.emphasis]
    assert emphasis == ["secrets", "I can't do this again.", "Marguerite"]
    assert "* * *" in chapters[0][2]  # the <hr> is a scene-break line
    assert "See the end of the" not in loaded.text and "Posted originally" not in loaded.text


def test_ao3_analysis_keeps_notes_out_of_story_and_finds_thoughts_and_tag_pairings() -> None:
    analysis = analyze_work(read_input(FIXTURES / "ao3_multi.html"), ["quotes", "pairings"])
    text = analysis.text
    kinds = {p.kind for p in analysis.paratext}
    assert {"summary", "work_notes", "chapter_notes", "end_notes"} <= kinds
    quotes = [(q.id, q.kind, text[q.start : q.end]) for q in analysis.quotes]
    assert quotes == [
        ("q1", "speech", '"You\'re late,"'),
        ("q2", "thought", "I can't do this again."),
        ("q3", "speech", '"Hold the ladder,"'),
    ]
    names = {c.id: c.name for c in analysis.characters}
    tags = [
        (sorted(names[i].split()[0] for i in p.characters), p.kind)  # Mira (Vance)
        for p in analysis.pairings
        if p.source == "tags"
    ]
    assert tags == [(["Mira", "Tomas"], "romantic"), (["Mira", "Old"], "platonic")]
    assert len(analysis.scenes) == 4  # <hr>, "~~~" and the chapter start break scenes


def test_ao3_one_shot_without_chapter_headings() -> None:
    html = (FIXTURES / "ao3_multi.html").read_text()
    start, end = html.index('<div id="chapters"'), html.index('<div id="afterword">')
    one_shot = (
        html[:start]
        + (
            '<div id="chapters" class="userstuff"><div class="userstuff">'
            "<p>Only one chapter, and <em>it is enough</em>.</p></div></div>"
        )
        + html[end:]
    )
    loaded = read_bytes(one_shot.encode(), "oneshot.html")
    assert chapter_texts(loaded) == [(1, None, "Only one chapter, and it is enough.")]
    assert loaded.work.title == "The Salt Road"


# -- FanFiction.Net ---------------------------------------------------------------------------


def test_ffnet_page() -> None:
    loaded = read_input(FIXTURES / "ffnet_chapter.html")
    work = loaded.work
    assert loaded.source.format == "ffnet_html"
    assert (work.title, work.authors, work.id) == ("Paper Lanterns", ["inkwell-fox"], "7654321")
    assert work.fandoms == ["Naruto"]
    assert (work.rating, work.language) == ("T", "English")
    assert work.genres == ["Romance", "Hurt/Comfort"]
    assert work.characters == ["Sakura H.", "Sasuke U.", "Naruto U."]
    assert [(r.characters, r.kind) for r in work.relationships] == [
        (["Sakura H.", "Sasuke U."], "romantic")
    ]
    assert (work.words, work.chapters_posted) == (34567, 12)
    assert (work.published, work.updated) == ("2017-07-14", "2019-03-14")
    assert chapter_texts(loaded)[0][:2] == (2, "Ember")
    assert chapter_texts(loaded)[0][2].startswith("Disclaimer: I do not own Naruto.")
    assert spans(loaded, "summary") == [work.summary]
    assert loaded.declared_cast[0] == ["Sakura H.", "Sakura"]


def test_ffnet_disclaimer_inside_storytext_still_goes_through_paratext() -> None:
    analysis = analyze_work(read_input(FIXTURES / "ffnet_chapter.html"), ["quotes"])
    kinds = [(p.kind, analysis.text[p.start : p.start + 12]) for p in analysis.paratext]
    assert kinds == [
        ("summary", "Two genin, o"),
        ("disclaimer", "Disclaimer: "),
        ("author_note", "A/N: Thanks "),
    ]
    thoughts = [analysis.text[q.start : q.end] for q in analysis.quotes if q.kind == "thought"]
    assert thoughts == ["Why is he always right?"]


# -- EPUBs ------------------------------------------------------------------------------------


def fff_epub(make_epub):
    title_page = page(
        '<h3><a href="https://www.fanfiction.net/s/555/1/">Harbor Lights</a> by '
        '<a class="authorlink" href="https://www.fanfiction.net/u/9/">saltwick</a></h3><div>'
        "<b>Category:</b> Tidewatch<br/><b>Genre:</b> Drama, Romance<br/>"
        "<b>Language:</b> English<br/><b>Characters:</b> Mira V., Tomas R.<br/>"
        "<b>Relationships:</b> Mira V./Tomas R.<br/><b>Status:</b> Completed<br/>"
        "<b>Published:</b> 2020-01-02<br/><b>Updated:</b> 2020-02-03<br/>"
        "<b>Rating:</b> K+<br/><b>Chapters:</b> 2<br/><b>Words:</b> 2,048<br/>"
        '<b>Story URL:</b> <a href="https://www.fanfiction.net/s/555/1/">link</a><br/>'
        "<b>Summary:</b> The harbor lamps go dark one by one.<br/></div>"
    )
    chapter1 = page(
        '<h3 class="fff_chapter_title">1. Fog</h3>'
        '<div class="fff_chapter_notes fff_head_notes"><b>Author\'s Note:</b>'
        "<div><p>First chapter, be kind.</p></div></div>"
        "<div><p>Mira counted the boats twice.</p><p><i>Seven. There should be eight.</i></p></div>"
        '<div class="fff_chapter_notes fff_foot_notes"><b>Author\'s Note:</b>'
        "<div><p>More soon.</p></div></div>",
        body_attrs=' class="fff_chapter"',
    )
    chapter2 = page(
        '<h3 class="fff_chapter_title">2. Eight</h3><p>Tomas rowed in at dusk.</p>',
        body_attrs=' class="fff_chapter"',
    )
    pages = ["title_page.xhtml", "file0001.xhtml", "file0002.xhtml"]
    return make_epub(
        {
            "META-INF/container.xml": CONTAINER.format(opf="content.opf"),
            "content.opf": opf(
                pages,
                "<dc:title>Harbor Lights</dc:title><dc:creator>saltwick</dc:creator>"
                "<dc:contributor>FanFicFare [https://github.com/JimmXinu/FanFicFare]</dc:contributor>",
            ),
            "OEBPS/title_page.xhtml": title_page,
            "title_page.xhtml": title_page,
            "file0001.xhtml": chapter1,
            "file0002.xhtml": chapter2,
        },
        "fff.epub",
    )


def test_fanficfare_epub(make_epub) -> None:
    loaded = read_input(fff_epub(make_epub))
    work = loaded.work
    assert loaded.source.format == "fff_epub"
    assert (work.title, work.authors) == ("Harbor Lights", ["saltwick"])
    assert work.fandoms == ["Tidewatch"] and work.genres == ["Drama", "Romance"]
    assert work.relationships[0].characters == ["Mira V.", "Tomas R."]
    assert (work.status, work.rating, work.words, work.chapters_posted) == (
        "Completed",
        "K+",
        2048,
        2,
    )
    assert (work.published, work.updated) == ("2020-01-02", "2020-02-03")
    assert work.url == "link" or work.url.startswith("https://www.fanfiction.net/s/555")
    assert work.summary == "The harbor lamps go dark one by one."
    chapters = chapter_texts(loaded)
    assert [(i, t) for i, t, _ in chapters] == [(1, "Fog"), (2, "Eight")]
    assert chapters[0][2].startswith("Mira counted the boats twice.")
    assert chapters[1][2] == "Tomas rowed in at dusk."
    assert spans(loaded, "summary") == ["The harbor lamps go dark one by one."]
    assert [s.endswith("First chapter, be kind.") for s in spans(loaded, "chapter_notes")] == [True]
    assert [s.endswith("More soon.") for s in spans(loaded, "end_notes")] == [True]
    assert [loaded.text[s.start : s.end] for s in loaded.emphasis] == [
        "Seven. There should be eight."
    ]


def calibre_ao3_epub(make_epub):
    """An AO3 book as Calibre writes it: calibreN classes, ids kept, tag block split off."""
    css = ".calibre3 { font-style: italic } .calibre1 { display: block }"
    head = '<link rel="stylesheet" type="text/css" href="stylesheet.css"/>'
    split0 = page(
        '<div class="calibre1" id="preface"><h2 class="calibre2">Preface</h2>'
        '<p class="calibre4"><b>Quiet Harbor</b><br/>Posted originally on the '
        '<a href="https://archiveofourown.org/">Archive of Our Own</a> at '
        '<a href="https://archiveofourown.org/works/777">https://archiveofourown.org/works/777</a>.'
        '</p><div class="calibre1"><dl class="calibre5">'
        '<dt class="calibre6">Rating:</dt>'
        '<dd class="calibre7"><a href="x">General Audiences</a></dd>'
        '<dt class="calibre6">Relationship:</dt><dd class="calibre7"><a href="x">Ada/Bram</a></dd>'
        '<dt class="calibre6">Characters:</dt><dd class="calibre7"><a href="x">Ada</a>, '
        '<a href="x">Bram</a></dd>'
        '<dt class="calibre6">Stats:</dt><dd class="calibre7">Published: 2022-08-09 Words: 50 '
        "Chapters: 1/1</dd></dl></div></div>",
        head=head,
    )
    split1 = page(
        '<div class="calibre1"><h1 class="calibre8">Quiet Harbor</h1>'
        '<div class="calibre9">by <a href="x">tidepool</a></div>'
        '<p class="calibre4">Summary</p><blockquote class="userstuff1"><p>A short one.</p>'
        "</blockquote></div>",
        head=head,
    )
    split2 = page(
        '<div class="userstuff2" id="chapters"><div class="userstuff2">'
        '<p class="calibre4">Ada lit the lamp. '
        '<span class="calibre3">Finally, some quiet.</span></p>'
        '<p class="calibre4">"Night," Bram said.</p></div></div>',
        head=head,
    )
    pages = [
        "Quiet_Harbor_split_000.xhtml",
        "Quiet_Harbor_split_001.xhtml",
        "Quiet_Harbor_split_002.xhtml",
    ]
    return make_epub(
        {
            "META-INF/container.xml": CONTAINER.format(opf="content.opf"),
            "content.opf": opf(
                pages,
                "<dc:title>Quiet Harbor</dc:title><dc:creator>tidepool</dc:creator>"
                "<dc:subject>General Audiences</dc:subject><dc:subject>Ada/Bram</dc:subject>"
                '<meta name="calibre:series" content="Harbor Tales"/>'
                '<meta name="calibre:series_index" content="3.0"/>',
            ),
            "stylesheet.css": css,
            **dict(zip(pages, [split0, split1, split2], strict=True)),
        },
        "ao3.epub",
    )


def test_ao3_epub_as_calibre_writes_it(make_epub) -> None:
    loaded = read_input(calibre_ao3_epub(make_epub))
    work = loaded.work
    assert loaded.source.format == "ao3_epub"
    assert (work.title, work.authors, work.id) == ("Quiet Harbor", ["tidepool"], "777")
    assert work.rating == "General Audiences"
    assert [(r.characters, r.kind) for r in work.relationships] == [(["Ada", "Bram"], "romantic")]
    assert work.series == ["Part 3 of Harbor Tales"]  # from calibre:series
    assert work.summary == "A short one."
    assert chapter_texts(loaded) == [
        (1, None, 'Ada lit the lamp. Finally, some quiet.\n\n"Night," Bram said.')
    ]
    assert [loaded.text[s.start : s.end] for s in loaded.emphasis] == ["Finally, some quiet."]


def test_generic_epub_follows_the_spine_and_ncx(make_epub) -> None:
    ncx = (
        '<?xml version="1.0"?><ncx xmlns="http://www.daisy.org/z3986/2005/ncx/"><navMap>'
        '<navPoint id="a"><navLabel><text>The Second Part</text></navLabel>'
        '<content src="b.xhtml"/></navPoint></navMap></ncx>'
    )
    path = make_epub(
        {
            "META-INF/container.xml": CONTAINER.format(opf="OPS/book.opf"),
            "OPS/book.opf": opf(["a.xhtml", "b.xhtml"], "<dc:title>Two Rooms</dc:title>", ncx=True),
            "OPS/toc.ncx": ncx,
            "OPS/b.xhtml": page("<p>Second room, but read second.</p>"),
            "OPS/a.xhtml": page("<h1>First Room</h1><p>First room, read first.</p>"),
        }
    )
    loaded = read_input(path)
    assert loaded.source.format == "epub"
    assert loaded.work.title == "Two Rooms"
    assert chapter_texts(loaded) == [
        (1, "First Room", "First room, read first."),
        (2, "The Second Part", "Second room, but read second."),
    ]


def test_epub_without_opf_falls_back_to_natural_order(make_epub, caplog) -> None:
    path = make_epub(
        {
            "ch10.xhtml": page("<p>Tenth.</p>"),
            "ch2.xhtml": page("<p>Second.</p>"),
            "META-INF/container.xml": "<container><rootfiles><rootfile full-path='gone.opf'/>",
        }
    )
    loaded = read_input(path)
    assert [t for _, _, t in chapter_texts(loaded)] == ["Second.", "Tenth."]
    assert "file-name order" in caplog.text


# -- HTML, Markdown, directories, stdin -------------------------------------------------------


def test_generic_html_page_with_wrong_extension(tmp_path: Path) -> None:
    path = tmp_path / "story.txt"
    path.write_text(
        "<html><head><title>Dock Song</title></head><body><p>One <i>two three</i>.</p>"
        "<p>&#8212;&#8212;</p><hr><p>Four<br>five.</p></body></html>"
    )
    loaded = read_input(path)
    assert loaded.source.format == "html"
    assert loaded.work.title == "Dock Song"
    assert loaded.text == "One two three.\n\n——\n\n* * *\n\nFour\nfive.\n"
    assert [loaded.text[s.start : s.end] for s in loaded.emphasis] == ["two three"]


def test_markdown(tmp_path: Path) -> None:
    path = tmp_path / "story.md"
    path.write_text(
        "# Chapter One\n\nShe waited. *This is taking forever.*\n\n---\n\n"
        "He came back with **bread**.\n\n# Chapter Two\n\nMorning.\n"
    )
    loaded = read_input(path)
    assert loaded.source.format == "markdown"
    assert chapter_texts(loaded) == [
        (
            1,
            "Chapter One",
            "She waited. This is taking forever.\n\n* * *\n\nHe came back with bread.",
        ),
        (2, "Chapter Two", "Morning."),
    ]
    assert [loaded.text[s.start : s.end] for s in loaded.emphasis] == ["This is taking forever."]


def test_directory_of_chapters_in_natural_order(tmp_path: Path) -> None:
    folder = tmp_path / "story"
    folder.mkdir()
    (folder / "chapter10.txt").write_text("Ten.\n")
    (folder / "chapter2.html").write_text("<p>Two, <em>in italics</em>.</p>")
    (folder / "chapter1.md").write_text("One.\n")
    (folder / ".hidden.txt").write_text("never\n")
    loaded = read_input(folder)
    assert [(i, t, text) for i, t, text in chapter_texts(loaded)] == [
        (1, "chapter1", "One."),
        (2, "chapter2", "Two, in italics."),
        (3, "chapter10", "Ten."),
    ]
    assert [loaded.text[s.start : s.end] for s in loaded.emphasis] == ["in italics"]
    assert loaded.source.format == "mixed"


def test_stdin_html(monkeypatch) -> None:
    import io
    import sys

    data = (FIXTURES / "ffnet_chapter.html").read_bytes()
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data)))
    loaded = read_input("-")
    assert loaded.source.format == "ffnet_html" and loaded.source.path == "-"


def test_plain_text_is_unchanged(tmp_path: Path) -> None:
    path = tmp_path / "story.txt"
    path.write_text("She said *hello*.\n")
    loaded = read_input(path)
    assert (loaded.text, loaded.source.format, loaded.emphasis) == (
        "She said *hello*.\n",
        "text",
        [],
    )


# -- end to end -------------------------------------------------------------------------------


@pytest.mark.parametrize("fixture", ["ao3_multi.html", "ffnet_chapter.html"])
def test_cli_analyze_writes_work_and_chapters(tmp_path: Path, fixture: str) -> None:
    result = CliRunner().invoke(
        app,
        [
            "analyze",
            str(FIXTURES / fixture),
            "-o",
            str(tmp_path),
            "--format",
            "json",
            "--only",
            "pairings",
        ],
    )
    assert result.exit_code == 0, result.output
    data = json.loads((tmp_path / fixture.replace(".html", ".json")).read_text())
    assert data["work"]["title"] in ("The Salt Road", "Paper Lanterns")
    assert data["chapters"] and data["chapters"][0]["index"] >= 1
    chapter = data["chapters"][0]
    assert data["text"][chapter["start"] : chapter["end"]].strip()
    assert data["source"]["format"] in ("ao3_html", "ffnet_html")
