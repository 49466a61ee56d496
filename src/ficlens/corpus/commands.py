"""`ficlens corpus run | query | stats`: the command-line face of corpus runs.

Only typer and rich are imported here; Dask and DuckDB load when a command runs.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table

corpus_app = typer.Typer(
    help="Analyze a whole archive on Dask and query the results with DuckDB.",
    no_args_is_help=True,
)
_out = Console()
_err = Console(stderr=True)


def _fail(problem: Exception, status: int = 1) -> typer.Exit:
    _err.print(f"[red]error:[/red] {problem}", highlight=False, soft_wrap=True)
    return typer.Exit(status)


def _scheduler_error(problem: Exception) -> bool:
    return isinstance(problem, (OSError, TimeoutError)) or "Timed out" in str(problem)


@corpus_app.command("run")
def run(
    inputs: Annotated[
        list[str],
        typer.Argument(
            help="Files, folders (searched recursively for .txt .md .markdown .html .htm "
            ".xhtml .epub) and path lists (@FILE, or a file ending in .lst/.list)."
        ),
    ],
    store: Annotated[Path, typer.Option("--store", help="The store folder (created).")],
    workers: Annotated[
        int | None,
        typer.Option("--workers", min=1, help="Local worker processes (default: one per core)."),
    ] = None,
    scheduler: Annotated[
        str | None,
        typer.Option("--scheduler", help="Use a running Dask cluster: tcp://host:8786."),
    ] = None,
    batch_size: Annotated[
        int | None,
        typer.Option("--batch-size", min=1, help="Works per committed batch (default 256)."),
    ] = None,
    memory_limit: Annotated[
        str, typer.Option("--memory-limit", help="Per local worker process ('0': none).")
    ] = "2GB",
) -> None:
    """Analyze every work into STORE; works already stored are skipped, so a rerun resumes."""
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        TextColumn,
        TimeElapsedColumn,
    )

    from ficlens.corpus.engine import RunSummary, run_corpus
    from ficlens.errors import FiclensError

    progress = Progress(
        TextColumn("analyzing"),
        BarColumn(),
        MofNCompleteColumn(),
        TextColumn("{task.fields[rate]:.1f} works/s"),
        TextColumn("{task.fields[skipped]} skipped"),
        TextColumn("[red]{task.fields[errors]} errors"),
        TimeElapsedColumn(),
        console=_err,
        disable=not _err.is_terminal,
    )
    task = progress.add_task("works", total=None, rate=0.0, skipped=0, errors=0)

    def update(summary: RunSummary) -> None:
        progress.update(
            task,
            total=summary.total,
            completed=summary.done,
            rate=summary.rate,
            skipped=summary.skipped,
            errors=summary.errors,
        )

    summary = None
    try:
        with progress:
            summary = run_corpus(
                inputs,
                store,
                workers=workers,
                scheduler=scheduler,
                **({"batch_size": batch_size} if batch_size else {}),
                memory_limit=None if memory_limit == "0" else memory_limit,
                progress=update,
            )
    except FiclensError as problem:
        raise _fail(problem) from None
    except KeyboardInterrupt:
        _err.print("interrupted: finished works are stored; run the same command to resume")
        raise typer.Exit(130) from None
    except Exception as problem:  # noqa: BLE001 - e.g. the scheduler cannot be reached
        if scheduler and _scheduler_error(problem):
            raise _fail(f"cannot reach the Dask scheduler at {scheduler}: {problem}") from None
        raise
    for line in summary.error_lines[:10]:
        _err.print(f"[red]error:[/red] {line}", highlight=False, soft_wrap=True)
    if len(summary.error_lines) > 10:
        _err.print(f"... and {len(summary.error_lines) - 10} more (see the errors table)")
    _out.print(
        f"stored {summary.stored} works, skipped {summary.skipped}, errors {summary.errors}, "
        f"{summary.seconds:.1f} s ({summary.rate:.2f} works/s, {summary.workers} workers) "
        f"-> {summary.store}",
        highlight=False,
        soft_wrap=True,
    )


def _print_table(columns: list[str], rows: list[tuple], title: str | None = None) -> None:
    table = Table(title=title, title_justify="left", show_lines=False)
    for name in columns:
        table.add_column(str(name), overflow="fold")
    for row in rows:
        table.add_row(*("" if value is None else str(value) for value in row))
    _out.print(table)


@corpus_app.command("query")
def query(
    store: Annotated[Path, typer.Argument(help="The store folder.")],
    sql: Annotated[str, typer.Argument(help="SQL over works, quotes, characters, ... tables.")],
    csv: Annotated[Path | None, typer.Option("--csv", help="Write the result as CSV.")] = None,
    parquet: Annotated[
        Path | None, typer.Option("--parquet", help="Write the result as Parquet.")
    ] = None,
    json: Annotated[
        Path | None, typer.Option("--json", help="Write the result as a JSON array.")
    ] = None,
    limit: Annotated[int, typer.Option("--limit", min=1, help="Rows to print.")] = 100,
) -> None:
    """Run SQL (DuckDB) over the store; print a table or write CSV, Parquet or JSON."""
    from ficlens.corpus.query import export_query, run_query
    from ficlens.errors import FiclensError

    targets = [
        (fmt, path) for fmt, path in (("csv", csv), ("parquet", parquet), ("json", json)) if path
    ]
    if len(targets) > 1:
        raise _fail("choose one of --csv, --parquet, --json", 2)
    try:
        if targets:
            fmt, path = targets[0]
            rows = export_query(store, sql, fmt, path)
            _err.print(f"wrote {rows} rows to {path}", highlight=False)
            return
        columns, rows, cut = run_query(store, sql, limit)
    except FiclensError as problem:
        raise _fail(problem) from None
    if columns:
        _print_table(columns, rows)
    if cut:
        _err.print(f"(first {limit} rows; --limit N for more, or --csv/--parquet/--json OUT)")


@corpus_app.command("stats")
def stats(
    store: Annotated[Path, typer.Argument(help="The store folder.")],
    top: Annotated[int, typer.Option("--top", min=1, help="Rows per ranking.")] = 10,
) -> None:
    """Print the corpus overview: works, words, quotes, characters, pairings, errors."""
    from ficlens.corpus.query import corpus_stats
    from ficlens.errors import FiclensError

    try:
        sections = corpus_stats(store, top)
    except FiclensError as problem:
        raise _fail(problem) from None
    for section in sections:
        _print_table(section.columns, section.rows, title=section.title)
        if section.note:
            _out.print(f"[dim]{section.note}[/dim]")
    sys.stdout.flush()
