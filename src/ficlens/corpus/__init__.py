"""Many works in parallel: a Dask engine, a Parquet/DuckDB store, SQL and an overview.

    from ficlens.corpus import run_corpus, run_query, corpus_stats
    run_corpus(["archive/"], "store")           # local cluster, one process per core
    run_query("store", "SELECT count(*) FROM quotes")

Names load lazily so that importing this package does not import Dask or DuckDB.
"""

from __future__ import annotations

import importlib
from typing import Any

_EXPORTS = {
    "run_corpus": "ficlens.corpus.engine",
    "RunSummary": "ficlens.corpus.engine",
    "open_client": "ficlens.corpus.engine",
    "Store": "ficlens.corpus.store",
    "discover": "ficlens.corpus.inputs",
    "work_id_of": "ficlens.corpus.inputs",
    "flatten_analysis": "ficlens.corpus.flatten",
    "table_schemas": "ficlens.corpus.flatten",
    "run_query": "ficlens.corpus.query",
    "export_query": "ficlens.corpus.query",
    "corpus_stats": "ficlens.corpus.query",
    "analyze_path": "ficlens.corpus.worker",
}
__all__ = sorted(_EXPORTS)


def __getattr__(name: str) -> Any:
    if name in _EXPORTS:
        return getattr(importlib.import_module(_EXPORTS[name]), name)
    raise AttributeError(f"module 'ficlens.corpus' has no attribute {name!r}")
