"""The demo story ships with the package and shows every feature ficlens looks for."""

from __future__ import annotations

from importlib import resources


def demo_text() -> str:
    return resources.files("ficlens.demo").joinpath("lantern_festival.txt").read_text("utf-8")


def test_demo_story_length():
    words = len(demo_text().split())
    assert 1500 <= words <= 3000


def test_demo_story_has_the_features_ficlens_reads():
    text = demo_text()
    assert text.startswith("Disclaimer:")
    for marker in ("RenXHana", "xXx", "[A/N:", "(AN)", "Inner-Hana", "-kun", "-chan", "-sensei"):
        assert marker in text, marker


def test_demo_story_paragraphs_are_separated_by_one_blank_line():
    text = demo_text()
    assert "\n\n\n" not in text
    assert "\r" not in text
