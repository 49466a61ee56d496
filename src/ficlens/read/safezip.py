"""Read ZIP members (an EPUB's pages) in memory, refusing zip bombs and odd member names.

Nothing is ever extracted to disk. The declared sizes are checked when the archive is opened
(total and per-member compression ratio), and the bytes actually inflated are counted while
reading, so an archive whose headers lie still stops at the limit.
"""

from __future__ import annotations

import io
import posixpath
import zipfile
import zlib

from ficlens.errors import ReadError

MAX_TOTAL_BYTES = 200 * 1024 * 1024  # uncompressed, all members together
MAX_RATIO = 100  # uncompressed : compressed, per member
RATIO_FLOOR = 1024 * 1024  # members smaller than this are not ratio-checked
MAX_MEMBERS = 10_000
_CHUNK = 64 * 1024


def normalize_member(name: str) -> str | None:
    """A member path made canonical ("a/./b" -> "a/b"); None when it climbs out or is absolute."""
    name = name.replace("\\", "/")
    if name.startswith("/") or (len(name) > 1 and name[1] == ":"):
        return None
    clean = posixpath.normpath(name)
    if clean == "." or clean.startswith("../") or clean == "..":
        return None
    return clean


class SafeZip:
    """A ZIP archive held in memory whose members are read with size limits."""

    def __init__(self, data: bytes, name: str) -> None:
        self.name = name
        try:
            self._zip = zipfile.ZipFile(io.BytesIO(data))
            infos = self._zip.infolist()
        except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError, EOFError) as err:
            raise ReadError(f"{name}: not a readable ZIP/EPUB archive ({err})") from err
        if len(infos) > MAX_MEMBERS:
            raise ReadError(f"{name}: archive has {len(infos)} members; refusing (zip bomb?)")
        total = sum(info.file_size for info in infos)
        if total > MAX_TOTAL_BYTES:
            raise ReadError(
                f"{name}: archive would unpack to {total // (1024 * 1024)} MB, over the "
                f"{MAX_TOTAL_BYTES // (1024 * 1024)} MB limit; refusing (zip bomb?)"
            )
        self._members: dict[str, zipfile.ZipInfo] = {}
        for info in infos:
            ratio = info.file_size / max(info.compress_size, 1)
            if info.file_size > RATIO_FLOOR and ratio > MAX_RATIO:
                raise ReadError(
                    f"{name}: member {info.filename!r} compresses {ratio:.0f}:1, over the "
                    f"{MAX_RATIO}:1 limit; refusing (zip bomb?)"
                )
            clean = normalize_member(info.filename)
            if clean is not None and not info.is_dir():
                self._members.setdefault(clean, info)
        self._read = 0

    def names(self) -> list[str]:
        """The member paths (canonical; unsafe names left out)."""
        return list(self._members)

    def has(self, member: str) -> bool:
        """Whether the archive holds this member."""
        return member in self._members

    def read(self, member: str) -> bytes:
        """A member's bytes; ReadError when missing, damaged or over the size limits."""
        info = self._members.get(member)
        if info is None:
            raise ReadError(f"{self.name}: the archive has no {member!r}")
        chunks, size = [], 0
        try:
            with self._zip.open(info) as stream:
                while chunk := stream.read(_CHUNK):
                    size += len(chunk)
                    self._read += len(chunk)
                    if size > info.file_size or self._read > MAX_TOTAL_BYTES:
                        raise ReadError(
                            f"{self.name}: {member!r} inflates past its declared size or the "
                            f"{MAX_TOTAL_BYTES // (1024 * 1024)} MB limit; refusing (zip bomb?)"
                        )
                    chunks.append(chunk)
        except ReadError:
            raise
        except RuntimeError as err:  # encrypted member
            raise ReadError(f"{self.name}: {member!r} is encrypted ({err})") from err
        except (zipfile.BadZipFile, zlib.error, EOFError, OSError, NotImplementedError) as err:
            raise ReadError(f"{self.name}: {member!r} is damaged ({err})") from err
        return b"".join(chunks)
