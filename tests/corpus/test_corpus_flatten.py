"""An analysis flattens generically into tables; every named table has typed columns."""

from __future__ import annotations

from pydantic import BaseModel, Field

from ficlens.corpus.flatten import NAMED_TABLES, flatten_analysis, table_schemas
from ficlens.model import Analysis, Character, Quote, Source, Span


def _analysis() -> Analysis:
    text = '"Lanterns," said Ilsa.'
    return Analysis(
        source=Source(path="ilsa.txt"),
        text=text,
        quotes=[Quote(id="q1", start=0, end=11, kind="speech", speaker="c1", addressees=["c2"])],
        characters=[Character(id="c1", name="Ilsa"), Character(id="c2", name="Bram")],
    )


def test_named_tables_always_exist_with_work_id_first() -> None:
    schemas = table_schemas()
    for name in NAMED_TABLES:
        assert name in schemas
        assert next(iter(schemas[name])) == "work_id"
    assert schemas["quotes"]["start"] == "BIGINT"
    assert schemas["quotes"]["addressees"] == "VARCHAR[]"
    assert {"path", "stage", "reason"} <= set(schemas["errors"])


def test_rows_carry_the_work_id_and_the_same_facts_as_the_json() -> None:
    tables = flatten_analysis(_analysis(), "abc123", {"path": "/x/ilsa.txt"})
    (quote,) = tables["quotes"]
    assert quote["work_id"] == "abc123"
    assert (quote["start"], quote["end"], quote["speaker"]) == (0, 11, "c1")
    assert quote["addressees"] == ["c2"]
    assert [c["name"] for c in tables["characters"]] == ["Ilsa", "Bram"]
    (work,) = tables["works"]
    assert work["source_path"] == "ilsa.txt" and work["path"] == "/x/ilsa.txt"
    assert work["words"] == 3 and work["chars"] == 22
    assert tables["texts"] == [{"work_id": "abc123", "text": '"Lanterns," said Ilsa.'}]
    assert tables["mentions"] == []


class Meta(BaseModel):
    title: str = ""
    tags: list[str] = Field(default_factory=list)
    chapters: list[Span] = Field(default_factory=list)


class Bigger(Analysis):
    """A schema that has grown: a nested object and a new list layer."""

    meta: Meta = Field(default_factory=Meta)
    glosses: list[Span] = Field(default_factory=list)
    scores: dict[str, float] = Field(default_factory=dict)


def test_new_layers_become_tables_and_objects_become_works_columns() -> None:
    schemas = table_schemas(Bigger)
    assert schemas["glosses"] == {"work_id": "VARCHAR", "start": "BIGINT", "end": "BIGINT"}
    assert schemas["meta_chapters"]["start"] == "BIGINT"
    assert schemas["works"]["meta_title"] == "VARCHAR"
    assert schemas["works"]["meta_tags"] == "VARCHAR[]"
    assert schemas["works"]["scores"] == "JSON"
    analysis = Bigger(
        source=Source(path="x"),
        text="Hi.",
        meta=Meta(title="Tide", tags=["fluff"], chapters=[Span(start=0, end=3)]),
        glosses=[Span(start=0, end=2)],
        scores={"joy": 0.5},
    )
    tables = flatten_analysis(analysis, "w1", {})
    assert tables["glosses"] == [{"work_id": "w1", "start": 0, "end": 2}]
    assert tables["meta_chapters"] == [{"work_id": "w1", "start": 0, "end": 3}]
    (work,) = tables["works"]
    assert (work["meta_title"], work["meta_tags"], work["scores"]) == (
        "Tide",
        ["fluff"],
        {"joy": 0.5},
    )
