"""Bad and hostile inputs: each gives one clear ReadError (or a best-effort read with a warning),
quickly, without a traceback: zip bombs, path traversal, entity expansion, XXE, wrong formats."""

from __future__ import annotations

import io
import time
import zipfile
from pathlib import Path

import pytest
from epub_fixtures import CONTAINER, opf, page
from typer.testing import CliRunner

from ficlens.cli import app
from ficlens.errors import ReadError
from ficlens.read import read_bytes, read_input, safezip

LAUGHS = """<!DOCTYPE lolz [
<!ENTITY lol "lol">
<!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
<!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">
<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
<!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
<!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
<!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
<!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">
<!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">
<!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">
]>"""
XXE = '<!DOCTYPE p [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>'


def fast(func, *args):
    started = time.monotonic()
    result = func(*args)
    assert time.monotonic() - started < 5
    return result


def refused(path_or_data, name="input.bin") -> str:
    with pytest.raises(ReadError) as info:
        if isinstance(path_or_data, bytes):
            fast(read_bytes, path_or_data, name)
        else:
            fast(read_input, path_or_data)
    message = str(info.value)
    assert "\n" not in message
    return message


def zip_bytes(members: dict[str, bytes | str], epub: bool = True) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        if epub:
            archive.writestr("mimetype", "application/epub+zip", compress_type=zipfile.ZIP_STORED)
        for name, data in members.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def book(pages: dict[str, str], extra: dict[str, str] | None = None) -> dict[str, str]:
    return {
        "META-INF/container.xml": CONTAINER.format(opf="content.opf"),
        "content.opf": opf(list(pages)),
        **pages,
        **(extra or {}),
    }


# -- formats ficlens does not read ------------------------------------------------------------


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (b"%PDF-1.7\n...", "PDF"),
        (b"\0" * 60 + b"BOOKMOBI" + b"\0" * 40, "MOBI"),
        (b"{\\rtf1\\ansi story}", "RTF"),
    ],
)
def test_binary_formats_are_refused_with_a_converter(data: bytes, expected: str) -> None:
    message = refused(data, "story.epub")  # the wrong extension does not fool the sniffer
    assert expected in message and "ebook-convert" in message


def test_docx_is_refused(tmp_path: Path) -> None:
    data = zip_bytes(
        {"[Content_Types].xml": "<Types/>", "word/document.xml": "<w:document/>"}, epub=False
    )
    message = refused(data, "story.zip")
    assert "Word (.docx)" in message and "ebook-convert" in message


def test_cli_refuses_docx_with_one_line_and_exit_1(tmp_path: Path) -> None:
    path = tmp_path / "story.docx"
    path.write_bytes(zip_bytes({"word/document.xml": "<w:document/>"}, epub=False))
    result = CliRunner().invoke(app, ["analyze", str(path), "-o", str(tmp_path / "out")])
    assert result.exit_code == 1
    assert "Word (.docx)" in result.output and "Traceback" not in result.output


def test_random_zip_and_broken_zip() -> None:
    assert "ZIP archive" in refused(zip_bytes({"data.bin": b"\x01\x02"}, epub=False))
    assert "ZIP" in refused(b"PK\x03\x04" + b"garbage" * 10)


# -- zip bombs and odd member names -----------------------------------------------------------


def test_zip_bomb_by_ratio_is_refused() -> None:
    data = zip_bytes(book({"a.xhtml": page("<p>x</p>")}, {"bomb.xhtml": "\0" * (4 * 1024 * 1024)}))
    assert "zip bomb" in refused(data, "bomb.epub")


def test_zip_bomb_by_total_size_is_refused(monkeypatch) -> None:
    monkeypatch.setattr(safezip, "MAX_TOTAL_BYTES", 10_000)
    pages = {f"p{i}.xhtml": page("<p>" + "story words " * 200 + "</p>") for i in range(10)}
    assert "MB limit" in refused(zip_bytes(book(pages)), "big.epub")


def test_member_inflating_past_its_declared_size_stops(monkeypatch) -> None:
    data = bytearray(zip_bytes(book({"a.xhtml": page("<p>" + "words " * 5000 + "</p>")})))
    # Shrink the declared uncompressed size of a.xhtml in the central directory.
    name = b"a.xhtml"
    central = data.rfind(b"PK\x01\x02", 0, data.rfind(name))
    data[central + 24 : central + 28] = (100).to_bytes(4, "little")
    message = refused(bytes(data), "liar.epub")
    assert "liar.epub" in message


def test_path_traversal_members_are_never_read_or_extracted(tmp_path: Path, caplog) -> None:
    members = book({"a.xhtml": page("<p>Safe page.</p>")})
    members["content.opf"] = opf(["a.xhtml", "../../evil.xhtml"])
    members["../../evil.xhtml"] = page("<p>Evil page.</p>")
    loaded = fast(read_bytes, zip_bytes(members), "trav.epub")
    assert "Safe page." in loaded.text and "Evil" not in loaded.text
    assert not (tmp_path.parent / "evil.xhtml").exists()
    assert safezip.normalize_member("../../evil.xhtml") is None
    assert safezip.normalize_member("/etc/passwd") is None
    assert safezip.normalize_member("OPS/./a/../b.xhtml") == "OPS/b.xhtml"


# -- XML entities -----------------------------------------------------------------------------


def test_billion_laughs_in_the_package_is_not_expanded() -> None:
    members = book({"a.xhtml": page("<p>Plain page.</p>")})
    members["content.opf"] = (
        members["content.opf"]
        .replace('<?xml version="1.0" encoding="utf-8"?>', '<?xml version="1.0"?>' + LAUGHS)
        .replace("<metadata", "<metadata><!-- --><title_x>&lol9;</title_x><x")
        .replace("<x xmlns:dc", "<x/><dc:x xmlns:dc")
    )
    # However the package parses (or fails), the read ends quickly and nothing is expanded.
    try:
        loaded = fast(read_bytes, zip_bytes(members), "laughs.epub")
    except ReadError as err:
        assert "\n" not in str(err)
    else:
        assert "lollol" not in loaded.text


def test_billion_laughs_in_a_page_and_in_html_is_not_expanded() -> None:
    xhtml = (
        '<?xml version="1.0"?>'
        + LAUGHS
        + (
            '<html xmlns="http://www.w3.org/1999/xhtml">'
            "<body><p>Before &lol9; after.</p></body></html>"
        )
    )
    loaded = fast(read_bytes, zip_bytes(book({"a.xhtml": xhtml})), "laughs.epub")
    assert "lollol" not in loaded.text and "Before" in loaded.text
    loaded = fast(
        read_bytes, (LAUGHS + "<html><body><p>Hi &lol9;</p></body></html>").encode(), "laughs.html"
    )
    assert "lollol" not in loaded.text


def test_external_entities_are_never_resolved(tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("TOPSECRET")
    doctype = XXE.replace("/etc/passwd", str(secret))
    xhtml = (
        '<?xml version="1.0"?>'
        + doctype
        + ('<html xmlns="http://www.w3.org/1999/xhtml"><body><p>A &xxe; B</p></body></html>')
    )
    loaded = fast(read_bytes, zip_bytes(book({"a.xhtml": xhtml})), "xxe.epub")
    assert "TOPSECRET" not in loaded.text
    html = (doctype + "<html><body><p>A &xxe; B</p></body></html>").encode()
    assert "TOPSECRET" not in fast(read_bytes, html, "xxe.html").text


# -- broken but readable ----------------------------------------------------------------------


def test_malformed_html_is_read_best_effort() -> None:
    data = b"<html><body><p>One <em>two<p>three</div></i> four<table><tr><td>five"
    loaded = fast(read_bytes, data, "broken.html")
    assert "One two" in loaded.text and "five" in loaded.text


def test_broken_opf_falls_back_with_a_warning(caplog) -> None:
    members = book({"ch1.xhtml": page("<p>Still here.</p>")})
    members["content.opf"] = "<package><manifest><item id='a' href="
    loaded = fast(read_bytes, zip_bytes(members), "broken.epub")
    assert "Still here." in loaded.text
    assert "broken XML" in caplog.text


def test_epub_with_no_pages_and_html_with_no_text() -> None:
    assert "no readable pages" in refused(zip_bytes({"META-INF/container.xml": "<c/>"}), "e.epub")
    assert "no story text" in refused(b"<html><body><script>x()</script></body></html>", "e.html")


def test_legacy_encoded_html_without_a_declaration() -> None:
    loaded = read_bytes(b"<html><body><p>\x93Caf\xe9,\x94 she said.</p></body></html>", "c.html")
    assert loaded.text.startswith("“Café,” she said.")
    assert loaded.source.encoding == "cp1252"
