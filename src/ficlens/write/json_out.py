"""Write an analysis as JSON, and describe that JSON with a JSON Schema."""

from __future__ import annotations

from typing import Any

from ficlens.model import SCHEMA_VERSION, Analysis

SCHEMA_DIALECT = "https://json-schema.org/draft/2020-12/schema"
SCHEMA_ID = f"urn:ficlens:analysis:schema_version:{SCHEMA_VERSION}"


def to_json(analysis: Analysis) -> str:
    """Serialise an analysis as indented JSON, non-ASCII characters kept as they are."""
    return analysis.model_dump_json(indent=1)


def json_schema() -> dict[str, Any]:
    """Return the JSON Schema (draft 2020-12) that every file `to_json` writes conforms to."""
    schema = Analysis.model_json_schema(mode="serialization")
    return {
        "$schema": SCHEMA_DIALECT,
        "$id": SCHEMA_ID,
        **schema,
        "title": f"ficlens analysis, schema_version {SCHEMA_VERSION}",
    }
