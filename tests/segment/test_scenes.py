import pytest

from ficlens.segment.scenes import is_break_line
from ficlens.segment.sentences import split_sentences


@pytest.mark.parametrize(
    "line", ["xXx", "-o-o-", "***", "~~~", ".:.:.", "Line break", "oOo", "* * *", "----------"]
)
def test_break_lines(line):
    assert is_break_line(line)


@pytest.mark.parametrize("line", ["Ooo.", "No.", "Yes!", "He left.", "XXL", "...", "Mmm"])
def test_text_is_not_a_break(line):
    assert not is_break_line(line)


def test_scenes_split_at_symbol_lines(analyze):
    doc = analyze("Juno ran.\n\n~~~\n\nJuno slept.\n\nJuno woke.", ["scenes"])
    assert [doc.view[s.start : s.end] for s in doc.scenes] == [
        "Juno ran.",
        "Juno slept.\n\nJuno woke.",
    ]


def test_sentences_respect_abbreviations():
    text = 'Mr. Hale waved. "Come in!" she said. It was 3 p.m. Then J. R. Vance left…'
    sentences = [text[s:e] for s, e in split_sentences(text)]
    assert sentences[0] == "Mr. Hale waved."
    assert sentences[1] == '"Come in!" she said.'
