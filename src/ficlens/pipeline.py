"""Stage registry and runner: a pipeline is an ordered list of small named stages."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from ficlens.document import Document, to_analysis
from ficlens.model import Analysis, Source
from ficlens.read.work import LoadedWork


@dataclass(frozen=True)
class Stage:
    """A named step that adds one layer to the document, after the stages it needs."""

    name: str
    needs: tuple[str, ...]
    run: Callable[[Document], None]


STAGES: dict[str, Stage] = {}

DEFAULT_ORDER = (
    "repairs",
    "paragraphs",
    "paratext",
    "scenes",
    "sentences",
    "quotes",
    "mentions",
    "characters",
    "narrator",
    "speakers",
    "coref",
    "pairings",
    "relationships",
    "affect",
    "stats",
)


def stage(name: str, needs: Iterable[str] = ()) -> Callable:
    """Register a function as the pipeline stage `name`."""

    def register(func: Callable[[Document], None]) -> Callable[[Document], None]:
        STAGES[name] = Stage(name, tuple(needs), func)
        return func

    return register


def _load_stages() -> None:
    # Importing the modules registers their stages.
    from ficlens.characters import clusters, coref, mentions, narrator  # noqa: F401
    from ficlens.interpret import affect, pairings, relationships, stats  # noqa: F401
    from ficlens.quotes import detect, speakers  # noqa: F401
    from ficlens.segment import paragraphs, paratext, repairs, scenes, sentences  # noqa: F401


def plan(only: Iterable[str] | None = None) -> list[Stage]:
    """Return the stages to run, in order: `only` and everything they need."""
    _load_stages()
    wanted = list(DEFAULT_ORDER if only is None else only)
    unknown = [name for name in wanted if name not in STAGES]
    if unknown:
        raise ValueError(f"unknown stage(s): {', '.join(unknown)}; known: {', '.join(STAGES)}")
    selected: set[str] = set()

    def visit(name: str) -> None:
        if name in selected:
            return
        for need in STAGES[name].needs:
            visit(need)
        selected.add(name)

    for name in wanted:
        visit(name)
    order = list(DEFAULT_ORDER) + [name for name in STAGES if name not in DEFAULT_ORDER]
    return [STAGES[name] for name in order if name in selected]


def run(doc: Document, only: Iterable[str] | None = None) -> Document:
    """Run the planned stages over the document and return it."""
    for step in plan(only):
        if step.name not in doc.done:
            step.run(doc)
            doc.done.add(step.name)
    return doc


def analyze_work(
    work: LoadedWork, only: Iterable[str] | None = None, speaker_model: Path | None = None
) -> Analysis:
    """Analyze a work as a reader returned it (with another speaker model, if given)."""
    doc = Document(
        speaker_model=speaker_model,
        text=work.text,
        source=work.source,
        declared_cast=list(work.declared_cast),
        work=work.work,
        chapters=list(work.chapters),
        emphasis=list(work.emphasis),
        given_paratext=list(work.paratext),
    )
    return to_analysis(run(doc, only))


def analyze_text(
    text: str, source: Source | None = None, only: Iterable[str] | None = None
) -> Analysis:
    """Analyze a decoded text and return the full analysis."""
    return analyze_work(LoadedWork(text, source or Source(path="<text>")), only)
