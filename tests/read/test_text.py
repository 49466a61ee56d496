"""Reading plain-text stories: encodings, newlines, and files that are not text at all."""

from __future__ import annotations

import io
import logging
import sys
from pathlib import Path

import pytest

from ficlens.errors import FiclensError, ReadError
from ficlens.read.text import decode_bytes, read_stdin, read_text

STORY = "“Mind the step,” Renée said. ‘Too late,’ Theo thought.\n"


def write(tmp_path: Path, data: bytes, name: str = "story.txt") -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


def test_utf8(tmp_path: Path) -> None:
    assert read_text(write(tmp_path, STORY.encode("utf-8"))) == (STORY, "utf-8")


def test_utf8_bom_is_stripped(tmp_path: Path) -> None:
    path = write(tmp_path, b"\xef\xbb\xbf" + STORY.encode("utf-8"))
    assert read_text(path) == (STORY, "utf-8-sig")


def test_utf16_le_with_bom(tmp_path: Path) -> None:
    path = write(tmp_path, b"\xff\xfe" + STORY.encode("utf-16-le"))
    assert read_text(path) == (STORY, "utf-16")


def test_utf16_be_with_bom(tmp_path: Path) -> None:
    path = write(tmp_path, b"\xfe\xff" + STORY.encode("utf-16-be"))
    assert read_text(path) == (STORY, "utf-16")


def test_cp1252_curly_quotes_and_accent(tmp_path: Path) -> None:
    # 0x93/0x94 are cp1252's curly double quotes, 0xE9 is its é; none of it is valid UTF-8.
    data = b"\x93Caf\xe9?\x94 she asked. \x93Caf\xe9.\x94\n"
    assert read_text(write(tmp_path, data)) == (
        "“Café?” she asked. “Café.”\n",
        "cp1252",
    )


def test_short_western_text_prefers_cp1252(tmp_path: Path) -> None:
    assert read_text(write(tmp_path, b"Ren\xe9e.")) == ("Renée.", "cp1252")


def test_cp1251_cyrillic(tmp_path: Path) -> None:
    story = "«Привет!» — сказала она.\n"
    assert read_text(write(tmp_path, story.encode("cp1251"))) == (story, "cp1251")


def test_mostly_utf8_with_a_stray_cp1252_byte(tmp_path: Path) -> None:
    data = "“Hi,” said Zoë. “Bye.” ".encode() + b"Caf\xe9."
    text, encoding = read_text(write(tmp_path, data))
    assert text == "“Hi,” said Zoë. “Bye.” Café."
    assert encoding == "utf-8"


def test_crlf_and_lone_cr_become_lf(tmp_path: Path) -> None:
    text, _ = read_text(write(tmp_path, b"One.\r\nTwo.\rThree.\n\r\nFour."))
    assert text == "One.\nTwo.\nThree.\n\nFour."


def test_crlf_in_utf16(tmp_path: Path) -> None:
    text, _ = read_text(write(tmp_path, b"\xff\xfe" + "A.\r\nB.\r".encode("utf-16-le")))
    assert text == "A.\nB.\n"


@pytest.mark.parametrize("data", [b"", b" \n\r\n\t", b"\xef\xbb\xbf", b"\xef\xbb\xbf  \n"])
def test_empty_file(tmp_path: Path, data: bytes) -> None:
    path = write(tmp_path, data)
    with pytest.raises(ReadError, match="file is empty") as caught:
        read_text(path)
    assert str(caught.value) == f"{path}: file is empty"


def test_directory(tmp_path: Path) -> None:
    with pytest.raises(ReadError) as caught:
        read_text(tmp_path)
    assert str(caught.value) == f"{tmp_path}: is a directory, not a file"


def test_missing_file(tmp_path: Path) -> None:
    path = tmp_path / "chapter-99.txt"
    with pytest.raises(ReadError) as caught:
        read_text(path)
    assert str(caught.value) == f"{path}: no such file"


def test_permission_denied(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = write(tmp_path, b"Secret.")

    def refuse(self: Path) -> bytes:
        raise PermissionError(13, "Permission denied", str(self))

    monkeypatch.setattr(Path, "read_bytes", refuse)  # chmod does not stop root, so fake it
    with pytest.raises(ReadError) as caught:
        read_text(path)
    assert str(caught.value) == f"{path}: permission denied"


def test_binary_with_nul_bytes(tmp_path: Path) -> None:
    path = write(tmp_path, b"\x7fELF\x02\x01\x01\x00\x00\x00\xff\x10\x00\x00", "a.out")
    with pytest.raises(ReadError, match="binary file, not text"):
        read_text(path)


def test_bomless_utf16_is_not_mistaken_for_binary(tmp_path: Path) -> None:
    assert read_text(write(tmp_path, STORY.encode("utf-16-le"))) == (STORY, "utf-16-le")


def test_pdf_gets_converter_hint(tmp_path: Path) -> None:
    path = write(tmp_path, b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n", "book.pdf")
    with pytest.raises(ReadError) as caught:
        read_text(path)
    message = str(caught.value)
    assert message.startswith(f"{path}: looks like a PDF;")
    assert "ebook-convert book.pdf book.txt" in message
    assert "\n" not in message


def test_mobi_is_named(tmp_path: Path) -> None:
    path = write(tmp_path, b"Story title".ljust(60, b"\x00") + b"BOOKMOBI" + b"\x00" * 20)
    with pytest.raises(ReadError, match="MOBI"):
        read_text(path)


def test_docx_is_named(tmp_path: Path) -> None:
    path = write(tmp_path, b"PK\x03\x04\x14\x00\x06\x00" + b"\x00" * 22 + b"word/document.xml")
    with pytest.raises(ReadError, match=r"Word \(\.docx\)"):
        read_text(path)


def test_read_error_is_a_ficlens_error() -> None:
    assert issubclass(ReadError, FiclensError)


def test_undetectable_bytes_fall_back_to_cp1252_with_warning(
    caplog: pytest.LogCaptureFixture,
) -> None:
    data = bytes(range(0x80, 0x100)) * 4  # no encoding makes prose of this
    with caplog.at_level(logging.WARNING, logger="ficlens.read.text"):
        text, encoding = decode_bytes(data, "noise.txt")
    assert encoding == "cp1252"
    assert "\ufffd" in text  # 0x81 has no cp1252 character
    assert "noise.txt" in caplog.text


def test_read_stdin(monkeypatch: pytest.MonkeyPatch) -> None:
    stdin = io.TextIOWrapper(io.BytesIO(b"\xef\xbb\xbfLine one.\r\nLine two.\r\n"))
    monkeypatch.setattr(sys, "stdin", stdin)
    assert read_stdin() == ("Line one.\nLine two.\n", "utf-8-sig")


def test_empty_stdin_names_stdin(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(b"")))
    with pytest.raises(ReadError, match="^<stdin>: file is empty$"):
        read_stdin()
