"""PDNC character scoring on a tiny original gold list and a hand-made analysis."""

from ficlens.evaluate.pdnc import GoldCharacter, GoldNovel
from ficlens.evaluate.pdnc_characters import score_characters
from ficlens.model import Analysis, Character, Source


def test_found_merged_alias_and_gender():
    gold = GoldNovel(
        name="Tiny",
        text="",
        quotes=[],
        characters=[
            GoldCharacter("0", "Nell Price", frozenset({"Nell", "Miss Price"}), "F", "major"),
            GoldCharacter("1", "Mr. Price", frozenset({"Mr. Price"}), "M", "major"),
            GoldCharacter("2", "Tom Reed", frozenset({"Tom"}), "M", "intermediate"),
            GoldCharacter("3", "_group", frozenset(), "X", "minor"),
        ],
    )
    analysis = Analysis(
        source=Source(path="x"),
        text="",
        characters=[
            Character(id="c1", name="Nell Price", aliases=["Nell"], gender="female",
                      mention_count=9),
            Character(id="c2", name="Mr. Price", aliases=["Tom"], gender="unknown",
                      mention_count=4),
            Character(id="c3", name="the stranger", mention_count=1),
        ],
    )  # fmt: skip
    score = score_characters(gold, analysis)
    assert (score.major, score.major_found) == (2, 2)
    assert (score.intermediate, score.intermediate_found) == (1, 0)  # Tom only inside c2
    assert (score.mapped, score.merged) == (2, 1)  # c2 holds Mr. Price and Tom
    assert (score.gender_total, score.gender_right) == (2, 1)
    assert score.alias_total == 3 + 1 and score.alias_found == 2 + 1
    assert score.rates()["merged"] == 0.5
