"""Shared helpers: run the pipeline over short original texts written for the tests."""

from __future__ import annotations

import pytest

from ficlens.document import Document
from ficlens.model import Source
from ficlens.pipeline import run


@pytest.fixture
def analyze():
    """Run the pipeline (optionally only some stages) and return the working document."""

    def _analyze(text: str, only=None) -> Document:
        return run(Document(text=text, source=Source(path="<test>")), only)

    return _analyze


def quoted(doc: Document) -> list[str]:
    """The view text of each quote."""
    return [doc.view[q.start : q.end] for q in doc.quotes]
