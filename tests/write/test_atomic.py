"""Atomic writes: a file is either the old version or the new one, never a torn mix."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from ficlens.write.atomic import write_atomic


def test_writes_text_as_utf8_and_creates_parents(tmp_path: Path) -> None:
    path = tmp_path / "out" / "report" / "analysis.json"
    write_atomic(path, "Ren\u00e9e \u201cwaved\u201d\n")
    assert path.read_bytes() == "Ren\u00e9e \u201cwaved\u201d\n".encode("utf-8")


def test_writes_bytes_unchanged(tmp_path: Path) -> None:
    path = tmp_path / "blob.bin"
    write_atomic(path, b"\x00\x01\r\n")
    assert path.read_bytes() == b"\x00\x01\r\n"


def test_overwrites(tmp_path: Path) -> None:
    path = tmp_path / "analysis.json"
    write_atomic(path, "first draft")
    write_atomic(path, "second")
    assert path.read_text(encoding="utf-8") == "second"


def test_leaves_no_temp_files(tmp_path: Path) -> None:
    path = tmp_path / "analysis.json"
    write_atomic(path, "one")
    write_atomic(path, "two")
    assert [p.name for p in tmp_path.iterdir()] == ["analysis.json"]


def test_failure_keeps_old_file_and_cleans_up(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "analysis.json"
    write_atomic(path, "old")

    def broken_replace(src: str, dst: str) -> None:
        raise OSError("disk fell off")

    monkeypatch.setattr(os, "replace", broken_replace)
    with pytest.raises(OSError, match="disk fell off"):
        write_atomic(path, "new")
    assert path.read_text(encoding="utf-8") == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["analysis.json"]


@pytest.mark.skipif(os.name != "posix", reason="POSIX permissions")
def test_keeps_permissions_of_existing_file(tmp_path: Path) -> None:
    path = tmp_path / "analysis.json"
    path.write_text("old", encoding="utf-8")
    path.chmod(0o640)
    write_atomic(path, "new")
    assert path.stat().st_mode & 0o777 == 0o640


@pytest.mark.skipif(os.name != "posix", reason="POSIX permissions")
def test_new_file_is_not_private_to_the_temp_file_mode(tmp_path: Path) -> None:
    path = tmp_path / "analysis.json"
    write_atomic(path, "new")
    umask = os.umask(0)
    os.umask(umask)
    assert path.stat().st_mode & 0o777 == 0o666 & ~umask
