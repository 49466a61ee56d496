"""The JSON writer: lossless round trip, readable text, and a schema the output satisfies."""

from __future__ import annotations

import json

import pytest

from ficlens.model import (
    Analysis,
    Character,
    Mention,
    Pairing,
    Paratext,
    Quote,
    Repair,
    Source,
    Span,
)
from ficlens.write.json_out import json_schema, to_json

TEXT = (
    "A/N: Renée & Theo, friends only!\n\n"
    "“Mind the step,” Renée said.\n"
    "‘Too late,’ Theo thought.Then he fell."
)


def at(piece: str, after: int = 0) -> dict[str, int]:
    """The span of the first occurrence of `piece` in TEXT at or after offset `after`."""
    start = TEXT.index(piece, after)
    return {"start": start, "end": start + len(piece)}


def sample_analysis() -> Analysis:
    story_start = TEXT.index("“Mind")
    story = TEXT[story_start:]
    return Analysis(
        source=Source(path="stories/café.txt", encoding="cp1252"),
        text=TEXT,
        paratext=[Paratext(**at("A/N: Renée & Theo, friends only!"), kind="author_note")],
        scenes=[Span(**at(story))],
        paragraphs=[Span(**at(line)) for line in story.split("\n")],
        sentences=[
            Span(**at("“Mind the step,” Renée said.")),
            Span(**at("‘Too late,’ Theo thought.")),
            Span(**at("Then he fell.")),
        ],
        repairs=[Repair(**at(".Then"), replacement=". Then")],
        quotes=[
            Quote(
                **at("“Mind the step,”"),
                id="q1",
                kind="speech",
                speaker="c1",
                cue="explicit",
                confidence=0.9,
            ),
            Quote(**at("‘Too late,’"), id="q2", kind="thought", speaker="c2"),
        ],
        characters=[
            Character(id="c1", name="Renée", gender="female", mention_count=1, quote_count=1),
            Character(id="c2", name="Theo", aliases=["Teddy"], mention_count=1, quote_count=1),
        ],
        mentions=[
            Mention(**at("Renée", story_start), character="c1", kind="name"),
            Mention(**at("Theo", story_start), character="c2", kind="name"),
        ],
        pairings=[
            Pairing(**at("Renée & Theo"), characters=["c1", "c2"], kind="platonic", source="notes")
        ],
    )


def test_round_trip() -> None:
    analysis = sample_analysis()
    assert Analysis.model_validate_json(to_json(analysis)) == analysis


def test_non_ascii_stays_readable() -> None:
    dumped = to_json(sample_analysis())
    assert "Renée" in dumped
    assert "“Mind the step,”" in dumped
    assert "\\u" not in dumped


def test_json_is_plain_json_with_schema_version() -> None:
    data = json.loads(to_json(sample_analysis()))
    assert data["schema_version"] == "1"
    assert data["quotes"][1]["kind"] == "thought"


def test_schema_header() -> None:
    schema = json_schema()
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert schema["title"] == "ficlens analysis, schema_version 1"
    assert schema["$id"]
    assert "text" in schema["required"]
    json.dumps(schema)  # the schema itself is plain JSON


def test_schema_validates_dumped_analysis() -> None:
    jsonschema = pytest.importorskip("jsonschema")
    schema = json_schema()
    jsonschema.Draft202012Validator.check_schema(schema)
    validator = jsonschema.Draft202012Validator(schema)
    validator.validate(json.loads(to_json(sample_analysis())))
    bad = json.loads(to_json(sample_analysis()))
    bad["quotes"][0]["kind"] = "shouting"
    assert not validator.is_valid(bad)
