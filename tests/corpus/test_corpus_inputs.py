"""Which files a corpus run reads: folders, lists, missing paths, each file once."""

from __future__ import annotations

from pathlib import Path

from ficlens.corpus.inputs import discover, work_id_of


def _tree(root: Path) -> None:
    (root / "a" / "deep").mkdir(parents=True)
    (root / "a" / "one.txt").write_text("one")
    (root / "a" / "deep" / "two.md").write_text("two")
    (root / "a" / "three.HTML").write_text("<p>three</p>")
    (root / "a" / "cover.jpg").write_bytes(b"\xff\xd8")
    (root / "a" / ".hidden.txt").write_text("hidden")
    (root / ".git").mkdir()
    (root / ".git" / "x.txt").write_text("x")


def test_folders_are_searched_recursively_for_readable_formats(tmp_path: Path) -> None:
    _tree(tmp_path)
    found = [Path(c.path).relative_to(tmp_path).as_posix() for c in discover([tmp_path])]
    assert found == ["a/one.txt", "a/three.HTML", "a/deep/two.md"]


def test_lists_of_paths_and_each_file_once(tmp_path: Path) -> None:
    _tree(tmp_path)
    listing = tmp_path / "works.lst"
    listing.write_text("# my works\na/one.txt\n\na/deep/two.md\na/one.txt\n")
    other = tmp_path / "names.txt"
    other.write_text(f"{tmp_path / 'a' / 'three.HTML'}\n")
    found = list(discover([listing, f"@{other}", tmp_path / "a" / "one.txt"]))
    names = [Path(c.path).name for c in found]
    assert names == ["one.txt", "two.md", "three.HTML"]
    assert all(c.problem is None for c in found)


def test_a_missing_path_is_reported_not_raised(tmp_path: Path) -> None:
    (found,) = discover([tmp_path / "nowhere.txt"])
    assert found.problem == "no such file or folder"
    (listing,) = discover([f"@{tmp_path / 'missing.lst'}"])
    assert "cannot read this list" in listing.problem


def test_work_id_is_a_short_content_hash() -> None:
    assert work_id_of(b"same bytes") == work_id_of(b"same bytes")
    assert work_id_of(b"same bytes") != work_id_of(b"other bytes")
    assert len(work_id_of(b"x")) == 16
