"""The `ficlens` command: analyze, demo, schema and eval."""

from __future__ import annotations

import json
import sys
from collections.abc import Callable
from importlib import resources
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.progress import Progress

from ficlens.corpus.commands import corpus_app  # Dask and DuckDB load only when it runs
from ficlens.errors import FiclensError

app = typer.Typer(
    help="Read fan fiction the way a careful reader does.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
eval_app = typer.Typer(help="Score ficlens against annotated corpora.", no_args_is_help=True)
app.add_typer(eval_app, name="eval")
app.add_typer(corpus_app, name="corpus")  # ficlens corpus run | query | stats
out = Console()
err = Console(stderr=True)
FORMATS = ("json", "html")


def _formats(value: str) -> list[str]:
    chosen = [f.strip() for f in value.split(",") if f.strip()]
    unknown = [f for f in chosen if f not in FORMATS]
    if unknown or not chosen:
        raise typer.BadParameter(f"choose from {', '.join(FORMATS)} (got {value!r})")
    return chosen


def analyze_file(
    path: str,
    outdir: Path,
    formats: list[str],
    only: list[str] | None,
    cast: list[list[str]] | None = None,
) -> list[Path]:
    """Read one input, analyze it and write its outputs; return the written paths."""
    from ficlens.pipeline import analyze_work
    from ficlens.read import read_input
    from ficlens.write.atomic import write_atomic

    stem = "stdin" if path == "-" else Path(path).stem
    work = read_input(path)
    if cast:
        from ficlens.characters.cast import merge_casts

        work.declared_cast = merge_casts(cast, work.declared_cast)
    analysis = analyze_work(work, only)
    written = []
    for fmt in formats:
        target = outdir / f"{stem}.{fmt}"
        if fmt == "json":
            from ficlens.write.json_out import to_json

            write_atomic(target, to_json(analysis) + "\n")
        else:
            from ficlens.write.html import render_html

            write_atomic(target, render_html(analysis))
        written.append(target)
    return written


def _run(
    paths: list[str],
    outdir: Path,
    formats: list[str],
    only: list[str] | None,
    cast: list[list[str]] | None = None,
) -> int:
    failures = 0
    with Progress(console=err, transient=True, disable=not err.is_terminal) as progress:
        task = progress.add_task("analyzing", total=len(paths))
        for path in paths:
            progress.update(task, description=f"analyzing {Path(path).name}")
            try:
                written = analyze_file(path, outdir, formats, only, cast)
            except FiclensError as problem:
                err.print(f"[red]error:[/red] {problem}", highlight=False)
                failures += 1
            except OSError as problem:
                err.print(
                    f"[red]error:[/red] {path}: cannot write output ({problem})", highlight=False
                )
                failures += 1
            else:
                for target in written:
                    out.print(f"wrote {target}", highlight=False)
            progress.advance(task)
    return 1 if failures else 0


@app.command()
def analyze(
    paths: Annotated[list[str], typer.Argument(help="Text files to analyze ('-' for stdin).")],
    output: Annotated[Path, typer.Option("-o", "--output", help="Output directory.")] = Path(
        "ficlens-out"
    ),
    format: Annotated[str, typer.Option("--format", help="json,html")] = "json,html",
    only: Annotated[
        str | None, typer.Option("--only", help="Run only these stages (and what they need).")
    ] = None,
    characters: Annotated[
        Path | None,
        typer.Option(
            "--characters",
            help="Known cast: one character a line, canonical name then aliases, ';'-separated.",
        ),
    ] = None,
) -> None:
    """Analyze each file and write OUTDIR/<stem>.json and .html."""
    cast = None
    if characters is not None:
        from ficlens.characters.cast import read_cast

        try:
            cast = read_cast(characters)
        except FiclensError as problem:
            err.print(f"[red]error:[/red] {problem}", highlight=False)
            raise typer.Exit(2) from None
    stages = [s.strip() for s in only.split(",")] if only else None
    if stages:
        from ficlens.pipeline import plan

        try:
            plan(stages)
        except ValueError as problem:
            raise typer.BadParameter(str(problem)) from None
    raise typer.Exit(_run(paths, output, _formats(format), stages, cast))


@app.command()
def demo(
    output: Annotated[Path, typer.Option("-o", "--output", help="Output directory.")] = Path(
        "ficlens-out"
    ),
) -> None:
    """Analyze the bundled demo story and say where the report is."""
    story = resources.files("ficlens.demo").joinpath("lantern_festival.txt")
    with resources.as_file(story) as path:
        written = analyze_file(str(path), output, list(FORMATS), None)
    report = next(p for p in written if p.suffix == ".html")
    out.print(f"wrote {written[0]}")
    out.print(f"Open the report: {report.resolve().as_uri()}", highlight=False)


@app.command()
def schema() -> None:
    """Print the JSON Schema of the analysis output."""
    from ficlens.write.json_out import json_schema

    sys.stdout.write(json.dumps(json_schema(), indent=2) + "\n")


@app.command()
def stages() -> None:
    """List the pipeline stages in order, with what each needs."""
    from ficlens.pipeline import plan

    for step in plan():
        needs = ", ".join(step.needs) or "-"
        out.print(f"{step.name:<12} needs {needs}", highlight=False)


def _names(value: str | None) -> list[str] | None:
    """A comma-separated option as a list, or None when it was not given."""
    return [name.strip() for name in value.split(",") if name.strip()] if value else None


def _progress(name: str, index: int, total: int) -> None:
    err.print(f"[{index + 1}/{total}] {name}", highlight=False)


def _report(score: Callable[[], Any], render_table: Callable[[Any], str], json_out: Path | None):
    """Run an evaluation, print its table and write its JSON; bad data is one error line."""
    from ficlens.write.atomic import write_atomic

    try:
        report = score()
    except FiclensError as problem:
        err.print(f"[red]error:[/red] {problem}", highlight=False)
        raise typer.Exit(2) from None
    except ImportError as problem:
        err.print(f"[red]error:[/red] {problem} (pip install -e '.[train]')", highlight=False)
        raise typer.Exit(2) from None
    sys.stdout.write(render_table(report) + "\n")
    if json_out:
        write_atomic(json_out, json.dumps(report.to_dict(), indent=1) + "\n")
    return report


def _gates(checks: list[tuple[str, float, float | None]]) -> None:
    """Say how each (name, reached, floor) gate with a floor went; exit 1 if one failed."""
    failed = False
    for name, reached, floor in checks:
        if floor is not None:
            verdict = "passed" if reached >= floor else "failed"
            failed |= reached < floor
            err.print(f"gate {verdict}: {name} {reached:.1f} vs floor {floor}", highlight=False)
    if failed:
        raise typer.Exit(1)


@eval_app.command("pdnc")
def eval_pdnc(
    directory: Annotated[Path, typer.Argument(help="The PDNC folder (with novels/ and splits/).")],
    novels: Annotated[str | None, typer.Option("--novels", help="Comma-separated.")] = None,
    split: Annotated[str | None, typer.Option("--split", help="leave-x-out or random")] = None,
    fold: Annotated[int | None, typer.Option("--fold", help="Fold number, 0-4.")] = None,
    model: Annotated[
        Path | None, typer.Option("--model", help="Speaker model JSON (default: the shipped one).")
    ] = None,
    cross_validate: Annotated[
        bool,
        typer.Option(
            "--cross-validate",
            help="Score each fold's test novels with a speaker model trained on the other "
            "novels of --split (default leave-x-out). Needs the `train` extra.",
        ),
    ] = False,
    json_out: Annotated[Path | None, typer.Option("--json", help="Write the report here.")] = None,
    min_explicit: Annotated[
        float | None, typer.Option("--min-explicit", help="Exit 1 when explicit % is lower.")
    ] = None,
    min_non_explicit: Annotated[
        float | None,
        typer.Option("--min-non-explicit", help="Exit 1 when non-explicit % is lower."),
    ] = None,
) -> None:
    """Score quote detection and speaker attribution on PDNC."""
    from ficlens.evaluate.pdnc import evaluate_pdnc, render_table
    from ficlens.pipeline import analyze_work
    from ficlens.read.work import LoadedWork

    chosen = _names(novels)
    if cross_validate and (chosen or fold is not None or model is not None):
        raise typer.BadParameter("--cross-validate scores all novels, every fold, its own models")

    def analyze(text, source):
        return analyze_work(LoadedWork(text, source), speaker_model=model)

    def score():
        if cross_validate:
            from ficlens.quotes.train import cross_validate as run_folds

            return run_folds(directory, split or "leave-x-out", progress=_progress)
        return evaluate_pdnc(directory, chosen, split, fold, analyze, progress=_progress)

    attribution = _report(score, render_table, json_out).summary.attribution
    _gates(
        [
            ("explicit", 100 * (attribution["explicit"].rate or 0.0), min_explicit),
            ("non-explicit", 100 * (attribution["non_explicit"].rate or 0.0), min_non_explicit),
        ]
    )


@eval_app.command("pdnc-characters")
def eval_pdnc_characters(
    directory: Annotated[Path, typer.Argument(help="The PDNC folder (with novels/).")],
    novels: Annotated[str | None, typer.Option("--novels", help="Comma-separated.")] = None,
    json_out: Annotated[Path | None, typer.Option("--json", help="Write the report here.")] = None,
    min_found: Annotated[
        float | None,
        typer.Option("--min-found", help="Exit 1 when major+intermediate found % is lower."),
    ] = None,
    min_gender: Annotated[
        float | None, typer.Option("--min-gender", help="Exit 1 when major gender % is lower.")
    ] = None,
) -> None:
    """Score characters (found, merged, aliases, gender) on PDNC's character lists."""
    from ficlens.evaluate.pdnc_characters import evaluate_characters, render_table

    chosen = _names(novels)
    summary = _report(
        lambda: evaluate_characters(directory, chosen, progress=_progress), render_table, json_out
    ).summary
    people = summary.major + summary.intermediate
    found = summary.major_found + summary.intermediate_found
    _gates(
        [
            ("characters found", 100 * found / people if people else 0.0, min_found),
            ("gender", 100 * (summary.rates()["gender_major"] or 0.0), min_gender),
        ]
    )


@eval_app.command("litbank")
def eval_litbank(
    directory: Annotated[
        Path, typer.Argument(help="LitBank's coref folder (or coref/brat, or the LitBank root).")
    ],
    docs: Annotated[
        str | None, typer.Option("--docs", help="Comma-separated document names or ids.")
    ] = None,
    json_out: Annotated[Path | None, typer.Option("--json", help="Write the report here.")] = None,
    min_conll: Annotated[
        float | None,
        typer.Option("--min-conll", help="Exit 1 when macro CoNLL F1 (with pronouns) is lower."),
    ] = None,
) -> None:
    """Score person coreference (MUC, B3, CEAF-e, CoNLL F1) on LitBank."""
    from ficlens.evaluate.litbank import evaluate_litbank, render_table

    chosen = _names(docs)
    report = _report(
        lambda: evaluate_litbank(directory, chosen, progress=_progress), render_table, json_out
    )
    _gates([("CoNLL F1", report.macro("all").get("conll", 0.0), min_conll)])


def main() -> None:
    """Entry point for `python -m ficlens`."""
    app()
