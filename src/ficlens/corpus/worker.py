"""What runs on a Dask worker: read and analyze one work, return plain rows."""

from __future__ import annotations

import os
import time
from datetime import UTC, datetime
from typing import Any

from distributed.diagnostics.plugin import WorkerPlugin

import ficlens
from ficlens.errors import FiclensError

_WARM_TEXT = (
    'Mira Okonkwo opened the shop before dawn. "You are early," said Tobias.\n\n'
    "'Too early,' Mira thought, and smiled at him anyway.\n"
)


def now_iso() -> str:
    """The current UTC time as an ISO timestamp DuckDB reads as TIMESTAMP."""
    return datetime.now(UTC).replace(tzinfo=None).isoformat(sep=" ")


def warm_up() -> None:
    """Load the pipeline's stages and the spaCy model into this process (once; cached)."""
    from ficlens.nlp import english
    from ficlens.pipeline import analyze_text, plan

    plan()
    english()
    analyze_text(_WARM_TEXT)  # any lexicon or table a stage loads lazily is loaded now


class WarmUp(WorkerPlugin):
    """Loads the spaCy model when a worker starts (and restarts), before its first work."""

    name = "ficlens-warm-up"

    def setup(self, worker) -> None:  # noqa: D102 - WorkerPlugin hook
        try:
            warm_up()
        except Exception:  # noqa: BLE001 - each work reports the problem itself
            pass


def _worker_name() -> str:
    try:
        from distributed import get_worker

        return str(get_worker().name)
    except ValueError:
        return f"pid-{os.getpid()}"


def error_row(
    work_id: str | None, path: str, stage: str, error_type: str, reason: str
) -> dict[str, Any]:
    """One row of the `errors` table."""
    return {
        "work_id": work_id,
        "path": path,
        "stage": stage,
        "error_type": error_type,
        "reason": reason,
        "ficlens_version": ficlens.__version__,
        "recorded_at": now_iso(),
    }


def error_result(
    work_id: str | None,
    path: str,
    stage: str,
    problem: BaseException | str,
    error_type: str | None = None,
) -> dict:
    """The outcome of a work that could not be analyzed."""
    if isinstance(problem, BaseException):
        error_type, reason = type(problem).__name__, str(problem) or type(problem).__name__
    else:
        error_type, reason = error_type or "Error", problem
    for prefix in (f"{path}: ", f"{os.path.basename(path)}: "):
        reason = reason.removeprefix(prefix)  # the path has a column of its own
    return {
        "status": "error",
        "stage": stage,
        "work_id": work_id,
        "path": path,
        "tables": {"errors": [error_row(work_id, path, stage, error_type, reason)]},
    }


def analyze_path(path: str, work_id: str) -> dict[str, Any]:
    """Read and analyze one work; return its table rows (or its error), never raise for it."""
    from ficlens.corpus.flatten import flatten_analysis
    from ficlens.corpus.store import encode_rows
    from ficlens.pipeline import analyze_work
    from ficlens.read import read_input

    try:
        work = read_input(path)
        size = os.path.getsize(path)
    except (FiclensError, OSError, UnicodeError, ValueError) as problem:
        return error_result(work_id, path, "read", problem)
    except Exception as problem:  # noqa: BLE001 - a reader's bug is this file's error, not the run's
        return error_result(work_id, path, "read", problem)
    started = time.perf_counter()
    try:
        analysis = analyze_work(work)
    except Exception as problem:  # noqa: BLE001 - one work's failure never stops the corpus
        return error_result(work_id, path, "analyze", problem)
    seconds = time.perf_counter() - started
    extra = {
        "path": path,
        "ficlens_version": ficlens.__version__,
        "bytes": size,
        "seconds": seconds,
        "worker": _worker_name(),
        "analyzed_at": now_iso(),
    }
    try:
        tables = flatten_analysis(analysis, work_id, extra)
        encoded = {table: encode_rows(rows) for table, rows in tables.items()}
    except Exception as problem:  # noqa: BLE001
        return error_result(work_id, path, "flatten", problem)
    return {"status": "stored", "work_id": work_id, "path": path, "tables": encoded}
