"""Read a plain-text story (a file or stdin) into one decoded string with "\\n" newlines.

`decode_bytes` is the one place that decides how bytes become text: byte-order marks first,
then a refusal of binary formats, then UTF-8, then a guess among legacy single-byte encodings.
"""

from __future__ import annotations

import codecs
import logging
import re
import sys
from pathlib import Path

from charset_normalizer import from_bytes

from ficlens.errors import ReadError

log = logging.getLogger(__name__)

_CONVERT = "ficlens reads plain text — convert it first, e.g. with Calibre's `ebook-convert {}`"
_SAVE_AS = "ficlens reads plain text — save it as plain text (.txt) from your word processor"

# (offset, magic bytes, what it is, how to get plain text out of it)
_SIGNATURES: list[tuple[int, bytes, str, str]] = [
    (0, b"%PDF", "a PDF", _CONVERT.format("book.pdf book.txt")),
    (60, b"BOOKMOBI", "a MOBI/AZW e-book", _CONVERT.format("book.mobi book.txt")),
    (0, b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "an old Word (.doc) or other Office file", _SAVE_AS),
    (0, b"{\\rtf", "an RTF document", _CONVERT.format("story.rtf story.txt")),
]

# Legacy single-byte encodings that prose is plausibly written in, as charset-normalizer names
# them, with the name ficlens reports.
_LEGACY = {"cp1252": "cp1252", "latin_1": "latin-1", "cp1251": "cp1251", "mac_roman": "mac_roman"}

_UTF8_MULTIBYTE = re.compile(
    rb"[\xc2-\xdf][\x80-\xbf]|\xe0[\xa0-\xbf][\x80-\xbf]|[\xe1-\xef][\x80-\xbf]{2}"
    rb"|\xf0[\x90-\xbf][\x80-\xbf]{2}|[\xf1-\xf3][\x80-\xbf]{3}|\xf4[\x80-\x8f][\x80-\xbf]{2}"
)
_ASCII = bytes(range(128))


def _cp1252_for_stray_bytes(err: UnicodeError) -> tuple[str, int]:
    """Codec error handler: read bytes that are not UTF-8 as cp1252."""
    if not isinstance(err, UnicodeDecodeError):
        raise err
    return err.object[err.start : err.end].decode("cp1252", errors="replace"), err.end


codecs.register_error("ficlens.cp1252", _cp1252_for_stray_bytes)


def read_text(path: Path) -> tuple[str, str]:
    """Read a plain-text file; return its text (newlines as "\\n") and the encoding used."""
    return decode_bytes(read_file_bytes(Path(path)), str(path))


def read_file_bytes(path: Path) -> bytes:
    """Read a file's bytes; a missing, unreadable or directory path is a ReadError."""
    path = Path(path)
    name = str(path)
    if path.is_dir():
        raise ReadError(f"{name}: is a directory, not a file")
    try:
        return path.read_bytes()
    except FileNotFoundError as err:
        raise ReadError(f"{name}: no such file") from err
    except IsADirectoryError as err:
        raise ReadError(f"{name}: is a directory, not a file") from err
    except PermissionError as err:
        raise ReadError(f"{name}: permission denied") from err
    except OSError as err:
        raise ReadError(f"{name}: cannot read ({err.strerror or err})") from err


def read_stdin() -> tuple[str, str]:
    """Read a story from standard input; return its text and the encoding used."""
    return decode_bytes(sys.stdin.buffer.read(), "<stdin>")


def decode_bytes(data: bytes, name: str) -> tuple[str, str]:
    """Decode a story's bytes; return its text (newlines as "\\n", no BOM) and the encoding."""
    if not data:
        raise ReadError(f"{name}: file is empty")
    text, encoding = _decode(data, name)
    text = text.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    if not text.strip():
        raise ReadError(f"{name}: file is empty")
    return text, encoding


def _decode(data: bytes, name: str) -> tuple[str, str]:
    if data.startswith(codecs.BOM_UTF8):
        return _decode_as(data, "utf-8-sig", name)
    if data.startswith((codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE)):
        return _decode_as(data, "utf-32", name)
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return _decode_as(data, "utf-16", name)
    refuse_known_formats(data, name)
    if b"\x00" in data:
        utf16 = _bomless_utf16(data)
        if utf16 is None:
            raise ReadError(f"{name}: looks like a binary file, not text; ficlens reads plain text")
        return _decode_as(data, utf16, name)
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    if _mostly_utf8(data):
        log.warning("%s: mostly UTF-8 with a few stray bytes; reading those as cp1252", name)
        return data.decode("utf-8", errors="ficlens.cp1252"), "utf-8"
    return _decode_legacy(data, name)


def _decode_as(data: bytes, encoding: str, name: str) -> tuple[str, str]:
    try:
        return data.decode(encoding), encoding
    except UnicodeDecodeError:
        log.warning("%s: invalid %s bytes replaced with \ufffd", name, encoding)
        return data.decode(encoding, errors="replace"), encoding


def refuse_known_formats(data: bytes, name: str) -> None:
    """Raise ReadError naming a converter for PDF, MOBI, DOC, RTF and ZIP-based files."""
    for offset, magic, what, hint in _SIGNATURES:
        if data[offset : offset + len(magic)] == magic:
            raise ReadError(f"{name}: looks like {what}; {hint}")
    if data.startswith(b"PK\x03\x04"):
        raise ReadError(f"{name}: looks like {_zip_kind(data)}")


def _zip_kind(data: bytes) -> str:
    head = data[:200]
    if b"application/epub+zip" in head:
        return "an EPUB e-book; " + _CONVERT.format("book.epub book.txt")
    if b"application/vnd.oasis.opendocument.text" in head:
        return "an OpenDocument (.odt) file; " + _CONVERT.format("story.odt story.txt")
    if b"word/" in data:
        return "a Word (.docx) file; " + _CONVERT.format("story.docx story.txt")
    return "a ZIP archive; unzip it and point ficlens at the .txt files inside"


def _bomless_utf16(data: bytes) -> str | None:
    """Name the byte order of UTF-16 text without a BOM (mostly-ASCII text), else None."""
    sample = data[:4096]
    even, odd = sample[0::2], sample[1::2]
    if len(odd) < 2:
        return None
    if odd.count(0) > 0.3 * len(odd) and even.count(0) < 0.05 * len(even):
        return "utf-16-le"
    if even.count(0) > 0.3 * len(even) and odd.count(0) < 0.05 * len(odd):
        return "utf-16-be"
    return None


def _mostly_utf8(data: bytes) -> bool:
    """True when valid UTF-8 sequences outnumber the bytes that are not UTF-8."""
    multibyte = _UTF8_MULTIBYTE.findall(data)
    non_ascii = len(data.translate(None, _ASCII))
    stray = non_ascii - sum(len(seq) for seq in multibyte)
    return len(multibyte) > stray


def _decode_legacy(data: bytes, name: str) -> tuple[str, str]:
    results = from_bytes(data, cp_isolation=list(_LEGACY))
    best = results.best()
    if best is None:
        log.warning(
            "%s: encoding not recognised; decoded as cp1252, unreadable bytes replaced", name
        )
        return data.decode("cp1252", errors="replace"), "cp1252"
    encoding = best.encoding
    cp1252 = next((match for match in results if match.encoding == "cp1252"), None)
    if cp1252 is not None and cp1252.chaos <= best.chaos + 0.01:
        encoding = "cp1252"  # Western prose is the common case; break near-ties its way
    log.info("%s: not UTF-8; decoded as %s", name, encoding)
    return data.decode(encoding, errors="replace"), _LEGACY.get(encoding, encoding)
