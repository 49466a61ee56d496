"""The PDNC scorer on a tiny PDNC-format novel written for these tests."""

from __future__ import annotations

import csv
import json
import os
from pathlib import Path

import pytest

from ficlens.evaluate.pdnc import (
    EvalReport,
    PDNCError,
    evaluate_pdnc,
    load_novel,
    load_split,
    map_characters,
    match_spans,
    render_table,
    score_novel,
)
from ficlens.model import Analysis, Character, Quote, Source

TEXT = (
    "The Flood at Ashby Mill\n\n"
    '"The rain will not stop," said Mr. Ashby, frowning at the window.\n\n'
    'Clara laughed. "It never does in March. Shall I fetch the lamp?"\n\n'
    '"Do," he said.\n\n'
    'Tom Reed came in shaking his coat. "Miss Ashby, your brother sends word," '
    'said Tom, "that the mill is flooded."\n\n'
    '"Then we must go at once," she answered. "Tom, bring the cart.\n\n'
    '"Father, stay by the fire."\n'
)

CHARACTERS = [
    ("0", "Mr. Ashby", "{'Mr. Ashby', 'Father', 'Henry Ashby'}", "M", "major"),
    ("1", "Clara Ashby", "{'Clara Ashby', 'Clara', 'Miss Ashby'}", "F", "major"),
    ("2", "Tom Reed", "['Tom Reed', 'Tom']", "M", "intermediate"),
    ("3", "_group", "['_group']", "X", "minor"),
]

# quoteID, sub-quotations, speaker as PDNC writes it, addressees, quoteType
QUOTES = [
    ("Q0", ["The rain will not stop,"], "Mr. Ashby", ["Clara"], "Explicit"),
    (
        "Q1",
        ["It never does in March. Shall I fetch the lamp?"],
        "Clara Ashby",
        ["Mr. Ashby"],
        "Implicit",
    ),
    ("Q2", ["Do,"], "Mr. Ashby", ["Clara Ashby"], "Anaphoric"),
    (
        "Q3",
        ["Miss Ashby, your brother sends word,", "that the mill is flooded."],
        "Tom",
        ["Miss Ashby"],
        "Explicit",
    ),
    (
        "Q4",
        ["Then we must go at once,", "Tom, bring the cart.", "Father, stay by the fire."],
        "Clara",
        ["Tom", "Mr. Ashby", "_group"],
        "Anaphoric",
    ),
]


def find(inner: str, marks: bool = False) -> tuple[int, int]:
    """The span of `inner` in TEXT (it occurs once), widened over its marks if asked."""
    start = TEXT.index(inner)
    assert TEXT.count(inner) == 1
    end = start + len(inner)
    return (start - 1, end + 1) if marks else (start, end)


def write_novel(novels_dir: Path, name: str = "Tiny") -> Path:
    """Write the tiny novel in PDNC's format; Q4-1's span takes in the newline after it."""
    novel = novels_dir / name
    novel.mkdir(parents=True)
    (novel / "novel_text.txt").write_text(TEXT, encoding="utf-8", newline="")
    with (novel / "character_info.csv").open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["Character ID", "Main Name", "Aliases", "Gender", "Category"])
        writer.writerows(CHARACTERS)
    with (novel / "quotation_info.csv").open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, quoting=csv.QUOTE_ALL)
        writer.writerow(
            [
                "quoteID",
                "quoteText",
                "subQuotationList",
                "quoteByteSpans",
                "speaker",
                "addressees",
                "quoteType",
                "referringExpression",
                "mentionTextsList",
                "mentionSpansList",
                "mentionEntitiesList",
            ]
        )
        for quote_id, pieces, speaker, addressees, kind in QUOTES:
            spans = [list(find(piece)) for piece in pieces]
            if quote_id == "Q4":
                spans[1][1] += 1  # like PDNC's stray edge whitespace: "cart.\n"
            writer.writerow(
                [
                    quote_id,
                    " ".join(pieces),
                    repr(pieces),
                    repr(spans),
                    speaker,
                    repr(addressees),
                    kind,
                    "",
                    "[]",
                    "[]",
                    "[]",
                ]
            )
    return novel


def quote(n: int, inner: str, speaker: str | None, addressees: tuple[str, ...] = ()) -> Quote:
    start, end = find(inner, marks=True)
    return Quote(
        id=f"q{n}",
        start=start,
        end=end,
        kind="speech",
        speaker=speaker,
        addressees=list(addressees),
    )


PREDICTED_CHARACTERS = [
    Character(id="c1", name="Mr. Ashby", aliases=["Ashby", "Father"]),
    # One blob holding Clara's names and Tom's: it can only ever be Clara.
    Character(id="c2", name="Clara", aliases=["Miss Ashby", "Tom"]),
    Character(id="c3", name="the stranger"),
]


def predicted_analysis() -> Analysis:
    merged_start = find("Then we must go at once,", marks=True)[0]
    merged_end = find("Tom, bring the cart.")[1]
    narration = find("Tom Reed came in")
    return Analysis(
        source=Source(path="Tiny/novel_text.txt"),
        text=TEXT,
        characters=PREDICTED_CHARACTERS,
        quotes=[
            quote(0, "The rain will not stop,", "c1", ("c2",)),  # right, addressee exact
            quote(1, "It never does in March. Shall I fetch the lamp?", "c2"),  # right
            # Q2 "Do," is missed.
            quote(3, "Miss Ashby, your brother sends word,", "c2", ("c2",)),  # Tom, said blob
            quote(4, "that the mill is flooded.", "c3"),  # unmapped speaker
            # One prediction over Q4-0, the narration and Q4-1: covers neither by half.
            Quote(id="q5", start=merged_start, end=merged_end, kind="speech", speaker="c2"),
            quote(6, "Father, stay by the fire.", "c2", ("c1",)),  # right; addressee any only
            Quote(id="q7", start=narration[0], end=narration[1], kind="speech", speaker="c3"),
        ],
    )


@pytest.fixture
def pdnc_root(tmp_path: Path) -> Path:
    root = tmp_path / "pdnc"
    write_novel(root / "novels")
    test_csv = root / "splits" / "random" / "split_0" / "test.csv"
    test_csv.parent.mkdir(parents=True)
    test_csv.write_text("Tiny,Q0-0\nTiny,Q2-0\nTiny,Q4-2\nOther,Q1-0\n", encoding="utf-8")
    return root


def test_load_novel_reads_quotes_characters_and_trims_stray_whitespace(pdnc_root: Path) -> None:
    gold = load_novel(pdnc_root / "novels" / "Tiny")
    assert [q.id for q in gold.quotes] == [
        "Q0-0",
        "Q1-0",
        "Q2-0",
        "Q3-0",
        "Q3-1",
        "Q4-0",
        "Q4-1",
        "Q4-2",
    ]
    assert all(gold.text[q.start : q.end] == q.text for q in gold.quotes)
    assert gold.trimmed == 1 and gold.mismatched == []
    by_id = {q.id: q for q in gold.quotes}
    assert by_id["Q3-1"].speaker == "2"  # "Tom" is an alias of Tom Reed
    assert by_id["Q4-0"].speaker == "1"  # "Clara" is an alias of Clara Ashby
    assert by_id["Q4-0"].addressees == {"0", "2"}  # "_group" is dropped
    assert by_id["Q1-0"].quote_type == "implicit"
    assert [c.name for c in gold.characters][:2] == ["Mr. Ashby", "Clara Ashby"]
    assert gold.characters[2].aliases == {"Tom Reed", "Tom"}  # a list literal works too


def test_score_novel_counts_detection_speakers_and_addressees(pdnc_root: Path) -> None:
    gold = load_novel(pdnc_root / "novels" / "Tiny")
    score = score_novel(gold, predicted_analysis())
    assert (score.gold_quotes, score.predicted_quotes) == (8, 7)
    assert (score.matched_gold, score.matched_predicted) == (5, 5)
    assert score.precision == pytest.approx(5 / 7)
    assert score.recall == pytest.approx(5 / 8)
    acc = score.attribution
    assert (acc["overall"].correct, acc["overall"].total) == (3, 8)
    assert (acc["explicit"].correct, acc["explicit"].total) == (1, 3)
    assert (acc["anaphoric"].correct, acc["anaphoric"].total) == (1, 4)
    assert (acc["implicit"].correct, acc["implicit"].total) == (1, 1)
    assert (acc["non_explicit"].correct, acc["non_explicit"].total) == (2, 5)
    assert (score.addressee_any.correct, score.addressee_any.total) == (3, 5)
    assert (score.addressee_exact.correct, score.addressee_exact.total) == (2, 5)
    assert (score.predicted_characters, score.mapped_characters) == (3, 2)


def test_missed_quote_counts_as_wrong(pdnc_root: Path) -> None:
    gold = load_novel(pdnc_root / "novels" / "Tiny")
    analysis = predicted_analysis()
    analysis.quotes.append(quote(2, "Do,", "c1"))
    assert score_novel(gold, analysis).attribution["anaphoric"].correct == 2
    analysis.quotes.clear()
    empty = score_novel(gold, analysis)
    assert (empty.attribution["overall"].correct, empty.attribution["overall"].total) == (0, 8)
    assert empty.recall == 0.0 and empty.precision is None


def test_merged_character_is_credited_for_one_person_only(pdnc_root: Path) -> None:
    gold = load_novel(pdnc_root / "novels" / "Tiny")
    blob = Character(id="b", name="Clara", aliases=["Tom"])  # one name each: a tie
    pieces = [piece for _, parts, *_ in QUOTES[1:] for piece in parts if piece != "Do,"]
    analysis = Analysis(
        source=Source(path="x"),
        text=TEXT,
        characters=[blob],
        quotes=[quote(n, piece, "b") for n, piece in enumerate(pieces)],
    )
    # Clara speaks four sub-quotations, Tom two: the tie goes to Clara.
    assert map_characters(gold, analysis) == {"b": "1"}
    score = score_novel(gold, analysis)
    assert score.attribution["overall"].correct == 4  # Clara's four, none of Tom's
    assert score.attribution["explicit"].correct == 0  # Q3 is Tom's


def test_character_mapping_normalises_names(pdnc_root: Path) -> None:
    gold = load_novel(pdnc_root / "novels" / "Tiny")
    analysis = Analysis(
        source=Source(path="x"),
        text=TEXT,
        characters=[
            Character(id="a", name="MR ASHBY's", aliases=["henry   ashby"]),
            Character(id="b", name="Ashby"),  # the shared surname alone names no one
            Character(id="g", name="_group"),  # placeholders are never a mapping target
        ],
    )
    assert map_characters(gold, analysis) == {"a": "0"}


@pytest.mark.parametrize(
    ("pred", "matched"),
    [
        ((10, 20), True),
        ((5, 20), True),
        ((0, 20), True),  # gold is exactly half of the prediction
        ((0, 21), False),  # just under half
        ((15, 20), True),  # the prediction covers exactly half of gold
        ((16, 20), False),
        ((15, 30), False),  # half of gold, but only a third of the prediction
        ((20, 30), False),  # touching is not overlapping
    ],
)
def test_half_overlap_edges(pred: tuple[int, int], matched: bool) -> None:
    assert match_spans([(10, 20)], [pred]) == ({0: 0} if matched else {})


def test_matching_is_one_to_one() -> None:
    # The larger overlap wins; the loser stays unmatched rather than double-counting.
    assert match_spans([(0, 10)], [(2, 10), (0, 10)]) == {0: 1}
    # One prediction covering two gold spans by exactly half each matches only one of them.
    assert len(match_spans([(0, 10), (10, 20)], [(0, 20)])) == 1
    # Nested predictions each find their own gold span.
    assert match_spans([(0, 100), (40, 50)], [(40, 50), (0, 100)]) == {0: 1, 1: 0}


def test_split_restricts_recall_and_accuracy_not_precision(pdnc_root: Path) -> None:
    split = load_split(pdnc_root, "random", 0)
    assert split == {"Tiny": {"Q0-0", "Q2-0", "Q4-2"}, "Other": {"Q1-0"}}
    gold = load_novel(pdnc_root / "novels" / "Tiny")
    score = score_novel(gold, predicted_analysis(), only_ids=split["Tiny"])
    assert (score.gold_quotes, score.matched_gold) == (3, 2)
    assert score.precision == pytest.approx(5 / 7)
    assert (score.attribution["overall"].correct, score.attribution["overall"].total) == (2, 3)
    assert score.attribution["implicit"].total == 0 and score.attribution["implicit"].rate is None


def test_evaluate_pdnc_runs_analyze_on_the_split_novels(pdnc_root: Path) -> None:
    seen: list[tuple[str, int, int]] = []

    def analyze(text: str, source: Source) -> Analysis:
        assert text == TEXT
        return predicted_analysis()

    report = evaluate_pdnc(
        pdnc_root,
        split="random",
        fold=0,
        analyze=analyze,
        progress=lambda *args: seen.append(args),
    )
    assert isinstance(report, EvalReport)
    assert [s.novel for s in report.novels] == ["Tiny"] and seen == [("Tiny", 0, 1)]
    summary = report.summary
    assert (summary.gold_quotes, summary.matched_gold, summary.predicted_quotes) == (3, 2, 7)
    data = json.loads(json.dumps(report.to_dict()))
    assert data["split"] == "random" and data["fold"] == 0
    assert data["summary"]["attribution"]["overall"] == {"correct": 2, "total": 3, "percent": 66.67}
    table = render_table(report)
    assert "Tiny" in table and "ALL (micro)" in table and "66.7" in table


def test_summary_is_micro_averaged(pdnc_root: Path) -> None:
    write_novel(pdnc_root / "novels", "Twin")

    def analyze(text: str, source: Source) -> Analysis:
        analysis = predicted_analysis()
        if "Twin" in source.path:  # Twin: one false positive and nothing else
            analysis.quotes[:] = [q for q in analysis.quotes if q.id == "q7"]
        return analysis

    report = evaluate_pdnc(pdnc_root, analyze=analyze)
    assert [s.novel for s in report.novels] == ["Tiny", "Twin"]
    summary = report.summary
    assert (summary.gold_quotes, summary.matched_gold) == (16, 5)
    assert summary.recall == pytest.approx(5 / 16)
    assert summary.precision == pytest.approx(5 / 8)  # micro; the mean of 5/7 and 0/1 is 0.36
    assert summary.attribution["overall"].rate == pytest.approx(3 / 16)


def test_unknown_novel_and_split_are_clear_errors(pdnc_root: Path) -> None:
    with pytest.raises(PDNCError, match="unknown PDNC novel"):
        evaluate_pdnc(pdnc_root, novels=["Nope"], analyze=lambda t, s: None)
    with pytest.raises(PDNCError, match="unknown PDNC split"):
        load_split(pdnc_root, "sideways", 0)
    with pytest.raises(PDNCError, match="missing PDNC split file"):
        load_split(pdnc_root, "random", 3)


REAL_PDNC = Path(
    os.environ.get("FICLENS_PDNC", Path(__file__).resolve().parents[2].parent / "shared/data/pdnc")
)


@pytest.mark.skipif(not (REAL_PDNC / "novels" / "Emma").is_dir(), reason="PDNC data not present")
def test_real_emma_gold_spans_slice_the_text() -> None:
    gold = load_novel(REAL_PDNC / "novels" / "Emma")
    assert len(gold.quotes) > 2000
    assert "\r" not in gold.text
    assert gold.mismatched == []
    assert all(gold.text[q.start : q.end] == q.text.strip() for q in gold.quotes)
    assert gold.unresolved_speakers == []
    assert {q.quote_type for q in gold.quotes} == {"explicit", "anaphoric", "implicit"}
    emma = gold.character("0")
    assert emma is not None and emma.name == "Emma"


def test_the_characters_command_gates_found_and_gender(pdnc_root: Path) -> None:
    from typer.testing import CliRunner

    from ficlens.cli import app

    command = ["eval", "pdnc-characters", str(pdnc_root), "--min-found", "0"]
    passed = CliRunner().invoke(app, [*command, "--min-gender", "0"])
    assert passed.exit_code == 0 and "gate passed: characters found" in passed.output
    failed = CliRunner().invoke(app, [*command, "--min-gender", "101"])
    assert failed.exit_code == 1 and "gate failed: gender" in failed.output
