"""Flatten an `Analysis` into table rows, generically, from the pydantic schema.

Every list field of `Analysis` whose items are pydantic models becomes a table (one row per
item, plus `work_id`). A nested object field (`affect`, `stats`, work metadata, ...) is opened
the same way with its name as prefix: its scalar fields become columns of `works`
(`stats_words`), its lists of models become tables (`affect_arcs`). Column types come from the
field annotations, so a table that is empty in every work still has its typed columns.
"""

from __future__ import annotations

import functools
import re
import types
import typing
from typing import Any, Literal, get_args, get_origin

from pydantic import BaseModel

# Tables every store has, even when empty. A named table's columns are `work_id` plus the
# fields of the schema's list of the same name; FALLBACK_COLUMNS serve until the schema has one.
NAMED_TABLES = (
    "works",
    "chapters",
    "paratext",
    "quotes",
    "characters",
    "mentions",
    "relationships",
    "errors",
)
FALLBACK_COLUMNS: dict[str, dict[str, str]] = {
    "chapters": {"index": "BIGINT", "title": "VARCHAR", "start": "BIGINT", "end": "BIGINT"},
    "paratext": {"start": "BIGINT", "end": "BIGINT", "kind": "VARCHAR"},
    "quotes": {
        "id": "VARCHAR",
        "start": "BIGINT",
        "end": "BIGINT",
        "kind": "VARCHAR",
        "speaker": "VARCHAR",
        "addressees": "VARCHAR[]",
        "cue": "VARCHAR",
        "confidence": "DOUBLE",
    },
    "characters": {
        "id": "VARCHAR",
        "name": "VARCHAR",
        "aliases": "VARCHAR[]",
        "gender": "VARCHAR",
        "mention_count": "BIGINT",
        "quote_count": "BIGINT",
        "inner_voice_of": "VARCHAR",
    },
    "mentions": {"start": "BIGINT", "end": "BIGINT", "character": "VARCHAR", "kind": "VARCHAR"},
    "relationships": {"characters": "VARCHAR[]", "declared": "VARCHAR"},
}
WORKS_COLUMNS: dict[str, str] = {
    "work_id": "VARCHAR",
    "path": "VARCHAR",
    "ficlens_version": "VARCHAR",
    "schema_version": "VARCHAR",
    "source_path": "VARCHAR",
    "source_format": "VARCHAR",
    "source_encoding": "VARCHAR",
    "bytes": "BIGINT",
    "chars": "BIGINT",
    "words": "BIGINT",
    "seconds": "DOUBLE",
    "worker": "VARCHAR",
    "analyzed_at": "TIMESTAMP",
}
ERRORS_COLUMNS: dict[str, str] = {
    "work_id": "VARCHAR",
    "path": "VARCHAR",
    "stage": "VARCHAR",  # discover | read | analyze | worker
    "error_type": "VARCHAR",
    "reason": "VARCHAR",
    "ficlens_version": "VARCHAR",
    "recorded_at": "TIMESTAMP",
}
TEXTS_COLUMNS: dict[str, str] = {"work_id": "VARCHAR", "text": "VARCHAR"}
# Fields of Analysis that are not flattened by the generic rule.
_SPECIAL_FIELDS = {"text", "source", "schema_version"}
_WORD = re.compile(r"\w+(?:['’]\w+)*")


def _strip_optional(annotation: Any) -> Any:
    origin = get_origin(annotation)
    if origin in (typing.Union, types.UnionType):
        args = [arg for arg in get_args(annotation) if arg is not type(None)]
        if len(args) == 1:
            return args[0]
    return annotation


def _model_of_list(annotation: Any) -> type[BaseModel] | None:
    """The item model of a `list[Model]` annotation (optional allowed), else None."""
    annotation = _strip_optional(annotation)
    if get_origin(annotation) is list:
        (item,) = get_args(annotation) or (None,)
        item = _strip_optional(item)
        if isinstance(item, type) and issubclass(item, BaseModel):
            return item
    return None


def _model_of(annotation: Any) -> type[BaseModel] | None:
    annotation = _strip_optional(annotation)
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    return None


def duckdb_type(annotation: Any) -> str:
    """The DuckDB column type for a field annotation; anything nested is stored as JSON."""
    annotation = _strip_optional(annotation)
    if annotation is bool:
        return "BOOLEAN"
    if annotation is int:
        return "BIGINT"
    if annotation is float:
        return "DOUBLE"
    if annotation is str:
        return "VARCHAR"
    origin = get_origin(annotation)
    if origin is Literal:
        values = get_args(annotation)
        if all(isinstance(v, bool) for v in values):
            return "BOOLEAN"
        if all(isinstance(v, int) and not isinstance(v, bool) for v in values):
            return "BIGINT"
        return "VARCHAR"
    if origin is list:
        (item,) = get_args(annotation) or (Any,)
        inner = duckdb_type(item)
        if inner != "JSON":
            return inner + "[]"
    return "JSON"


def model_columns(model: type[BaseModel]) -> dict[str, str]:
    """Column name -> DuckDB type for the fields of one model."""
    return {name: duckdb_type(field.annotation) for name, field in model.model_fields.items()}


def _walk(model: type[BaseModel], prefix: str, skip: set[str]):
    """Yield ("table", name, item model) and ("column", name, annotation) for a model's fields."""
    for name, field in model.model_fields.items():
        if name in skip:
            continue
        full = f"{prefix}{name}"
        item = _model_of_list(field.annotation)
        if item is not None:
            yield "table", full, item
            continue
        nested = _model_of(field.annotation)
        if nested is not None:
            yield from _walk(nested, f"{full}_", set())
            continue
        yield "column", full, field.annotation


def table_schemas(analysis_model: type[BaseModel] | None = None) -> dict[str, dict[str, str]]:
    """Every table of the store with its columns (name -> DuckDB type), `work_id` first."""
    if analysis_model is None:
        from ficlens.model import Analysis as analysis_model
    works = dict(WORKS_COLUMNS)
    tables: dict[str, dict[str, str]] = {}
    for kind, name, what in _walk(analysis_model, "", _SPECIAL_FIELDS):
        if kind == "table":
            tables[name] = {"work_id": "VARCHAR", **model_columns(what)}
        elif name not in works:
            works[name] = duckdb_type(what)
    schemas: dict[str, dict[str, str]] = {"works": works}
    for name in NAMED_TABLES[1:-1]:
        # The schema's own fields when it defines the layer; until then, a fixed column set.
        schemas[name] = tables.pop(name, None) or {"work_id": "VARCHAR", **FALLBACK_COLUMNS[name]}
    schemas["errors"] = dict(ERRORS_COLUMNS)
    schemas["texts"] = dict(TEXTS_COLUMNS)
    schemas.update(tables)
    return schemas


@functools.lru_cache(maxsize=8)
def _layout(analysis_model: type[BaseModel]) -> tuple[frozenset[str], frozenset[str]]:
    """The names that are tables and the names of nested objects that are opened."""
    tables, objects = set(), set()

    def visit(model: type[BaseModel], prefix: str) -> None:
        for name, field in model.model_fields.items():
            full = f"{prefix}{name}"
            if _model_of_list(field.annotation) is not None:
                tables.add(full)
            elif (nested := _model_of(field.annotation)) is not None:
                objects.add(full)
                visit(nested, f"{full}_")

    visit(analysis_model, "")
    return frozenset(tables), frozenset(objects)


def _split(value: dict, prefix: str, layout, work_id: str, works_row: dict, tables: dict) -> None:
    """Split one model's dumped fields into `works` columns and table rows."""
    table_names, object_names = layout
    for name, field_value in value.items():
        full = f"{prefix}{name}"
        if full in table_names:
            rows = tables.setdefault(full, [])
            rows.extend({"work_id": work_id, **row} for row in field_value or ())
        elif full in object_names:
            if isinstance(field_value, dict):
                _split(field_value, f"{full}_", layout, work_id, works_row, tables)
        else:
            works_row.setdefault(full, field_value)


def count_words(text: str) -> int:
    """Words in a text, counting "don't" and "Sakura-chan's" parts as the regex sees them."""
    return len(_WORD.findall(text))


def flatten_analysis(analysis: BaseModel, work_id: str, extra: dict[str, Any]) -> dict[str, list]:
    """Return {table: [row, ...]} for one analysed work; `extra` adds columns to its works row."""
    dumped = analysis.model_dump(mode="json")
    text = dumped.pop("text")
    source = dumped.pop("source") or {}
    works_row: dict[str, Any] = {
        "work_id": work_id,
        "schema_version": dumped.pop("schema_version", None),
        "source_path": source.get("path"),
        "source_format": source.get("format"),
        "source_encoding": source.get("encoding"),
        "chars": len(text),
        **extra,
    }
    tables: dict[str, list] = {}
    _split(dumped, "", _layout(type(analysis)), work_id, works_row, tables)
    stats_words = works_row.get("stats_words")
    works_row["words"] = stats_words if isinstance(stats_words, int) else count_words(text)
    tables["works"] = [works_row]
    tables["texts"] = [{"work_id": work_id, "text": text}]
    return tables
