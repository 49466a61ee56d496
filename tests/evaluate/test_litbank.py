"""LitBank reading and coreference scoring, on a small original brat file; real data if present."""

import os
from pathlib import Path

import pytest

from ficlens.evaluate.litbank import (
    evaluate_litbank,
    load_document,
    predicted_chains,
    score_chains,
)
from ficlens.model import Analysis, Character, Mention, Source

TEXT = "Nell Price met her brother . He smiled at Nell , and she laughed .\n"
# Nell Price 0-10, her 15-18, her brother 15-26, He 29-31, Nell 42-46, she 49-52
ANN = """T1\tPROP_PER 0 10\tNell Price
T2\tNell-0 0 10\tNell Price
T3\tPRON_PER 15 18\ther
T4\tNell-0 15 18\ther
T5\tNOM_PER 15 26\ther brother
T6\tbrother-1 15 26\ther brother
T7\tPRON_PER 29 31\tHe
T8\tbrother-1 29 31\tHe
T9\tPROP_PER 42 46\tNell
T10\tNell-0 42 46\tNell
T11\tPRON_PER 49 52\tshe
T12\tNell-0 49 52\tshe
T13\tNOM_FAC 0 4\tNell
R1\tappos Arg1:T1 Arg2:T3
"""


@pytest.fixture
def brat(tmp_path: Path) -> Path:
    folder = tmp_path / "coref" / "brat"
    folder.mkdir(parents=True)
    (folder / "1_tiny_brat.txt").write_text(TEXT, encoding="utf-8")
    (folder / "1_tiny_brat.ann").write_text(ANN, encoding="utf-8")
    return tmp_path / "coref"


def test_load_document_keeps_person_chains(brat):
    doc = load_document(brat / "brat" / "1_tiny_brat.ann")
    assert doc.name == "1_tiny"
    names = doc.chains(("PROP", "NOM"))
    everything = doc.chains(("PROP", "NOM", "PRON"))
    assert sorted(map(sorted, names)) == [[(0, 10), (42, 46)], [(15, 26)]]
    assert sorted(map(len, everything)) == [2, 4]
    assert all(TEXT[s:e].strip() for chain in everything for s, e in chain)


def _analysis(mentions):
    return Analysis(
        source=Source(path="x"),
        text=TEXT,
        characters=[Character(id="c1", name="Nell Price"), Character(id="c2", name="brother")],
        mentions=mentions,
    )


def test_perfect_and_partial_scores(brat):
    gold = load_document(brat / "brat" / "1_tiny_brat.ann")
    perfect = _analysis(
        [Mention(start=s, end=e, character=c, kind=k, entity=c) for s, e, c, k in [
            (0, 10, "c1", "name"), (15, 18, "c1", "pronoun"), (15, 26, "c2", "epithet"),
            (29, 31, "c2", "pronoun"), (42, 46, "c1", "name"), (49, 52, "c1", "pronoun")]]
    )  # fmt: skip
    chains = predicted_chains(perfect)
    scores = score_chains(gold.chains(("PROP", "NOM", "PRON")), chains)
    assert scores.conll == pytest.approx(1.0)
    assert scores.matched_mentions == 6
    # a wrong span (off by one) is a miss and an extra mention: exact match only
    off = _analysis(
        [
            Mention(start=0, end=4, character="c1", kind="name", entity="c1"),
            Mention(start=42, end=46, character="c1", kind="name", entity="c1"),
        ]
    )
    scores = score_chains(gold.chains(("PROP", "NOM")), predicted_chains(off))
    assert scores.matched_mentions == 1
    assert 0 < scores.conll < 1


def test_evaluate_with_a_given_analyzer(brat):
    def analyze(text, source):
        return _analysis(
            [
                Mention(start=0, end=10, character="c1", kind="name", entity="c1"),
                Mention(start=42, end=46, character="c1", kind="name", entity="c1"),
            ]
        )

    report = evaluate_litbank(brat, ["1"], analyze=analyze)
    assert [d.name for d in report.documents] == ["1_tiny"]
    summary = report.to_dict()["summary"]
    assert summary["names"]["micro"]["muc"]["recall"] == 100.0


LITBANK = Path(os.environ.get("FICLENS_LITBANK", Path(__file__).parents[3] / "shared/data/litbank"))


@pytest.mark.skipif(not (LITBANK / "coref/brat").is_dir(), reason="../shared LitBank is absent")
def test_real_litbank_document_runs_the_pipeline():
    report = evaluate_litbank(LITBANK / "coref", ["1342"])  # Pride and Prejudice excerpt
    assert report.documents[0].all.gold_mentions > 100
    assert report.macro("all")["conll"] > 30
