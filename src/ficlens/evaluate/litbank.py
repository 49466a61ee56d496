"""Score ficlens's person coreference against LitBank.

LitBank (Bamman et al., NAACL 2019; Bamman, Lewke & Mansoor, LREC 2020) annotates every mention
of an entity in ~2,000-word excerpts of 100 novels, with its chain. The brat files under
``coref/brat`` look like this, two lines per mention, joined by their character span::

    T121   PROP_PER 10 27    Sir Walter Elliot      mention type _ entity category
    T435   Sir_Walter_Elliot-0 10 27   Sir Walter Elliot   the chain the mention belongs to

Mention types are ``PROP`` (a name), ``NOM`` (a nominal phrase: "the old man", "his wife") and
``PRON`` (a pronoun); categories are ``PER``, ``FAC``, ``LOC``, ``GPE``, ``VEH`` and ``ORG``.
Offsets are character offsets into the (tokenised) ``.txt`` file.

How the numbers are computed:

* **Gold PER chains**: the chains whose mentions carry the category ``PER``. (No LitBank chain
  mixes categories.) A categorised mention with no chain line (a few per file) is a singleton
  chain of its own; a chain line with no category line takes its chain's category.
  Singletons are kept, as LitBank's own evaluation does.
* **Predicted chains**: ficlens's pipeline runs on the ``.txt`` exactly as ``ficlens analyze``
  runs on a file; every entry of ``Analysis.mentions`` is a predicted mention, grouped by its
  ``character``; a mention with no character is a singleton.
* **Matching is exact span match** (the CoNLL standard): a predicted mention counts only when
  its ``[start, end)`` equals a gold mention's. Mentions are the (start, end) pairs themselves,
  so a mention found in the wrong place is an extra mention (it lowers precision) and a gold
  mention we missed lowers recall.
* **Metrics** are MUC, B³ and CEAF-e from ``scorch`` (a reference-faithful implementation of
  Pradhan et al. 2014), and their average, the CoNLL F1. They are computed twice: over
  names and nominal phrases only (gold ``PROP``/``NOM``, predicted mentions of kind ``name``,
  ``vocative`` and ``epithet``), and over all mentions including pronouns.
* **Summary**: per-document scores averaged over documents (macro), and one score over all
  documents pooled into one (micro: every chain and mention of the corpus scored at once, chains
  never cross documents).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from statistics import mean
from typing import Any

from scorch import scores

from ficlens.errors import FiclensError
from ficlens.evaluate.table import render
from ficlens.model import Analysis, Source

METRICS = ("muc", "b3", "ceafe")
SETTINGS = ("names", "all")  # names + nominals only; with pronouns
_CATEGORY = re.compile(r"(PROP|NOM|PRON)_([A-Z]+)")
NAME_KINDS = frozenset({"name", "vocative", "epithet"})

Analyze = Callable[[str, Source], Analysis]
Progress = Callable[[str, int, int], None]


class LitBankError(FiclensError):
    """A LitBank folder or file that is missing or malformed."""


@dataclass(frozen=True)
class GoldMention:
    """One gold mention: span, type (PROP, NOM, PRON), category (PER, ...), chain label."""

    start: int
    end: int
    type: str
    category: str
    chain: str


@dataclass
class GoldDocument:
    """A LitBank document: its text and its gold mentions."""

    name: str
    text: str
    mentions: list[GoldMention]

    def chains(self, types: Iterable[str], category: str = "PER") -> list[set[tuple[int, int]]]:
        """The gold chains of one category, keeping only mentions of the given types."""
        wanted = set(types)
        chains: dict[str, set[tuple[int, int]]] = {}
        for mention in self.mentions:
            if mention.category == category and mention.type in wanted:
                chains.setdefault(mention.chain, set()).add((mention.start, mention.end))
        return list(chains.values())


def load_document(ann_path: Path) -> GoldDocument:
    """Read one brat ``.ann`` file and its ``.txt`` into a gold document."""
    ann_path = Path(ann_path)
    txt_path = ann_path.with_suffix(".txt")
    if not ann_path.is_file() or not txt_path.is_file():
        raise LitBankError(
            f"missing LitBank file: {ann_path if not ann_path.is_file() else txt_path}"
        )
    with txt_path.open(encoding="utf-8", newline="") as handle:
        text = handle.read()
    kinds: dict[tuple[int, int], tuple[str, str]] = {}
    chain_of: dict[tuple[int, int], str] = {}
    for number, line in enumerate(ann_path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.startswith("T"):
            continue
        try:
            _, info, _ = line.split("\t", 2)
            label, start, end = info.split(" ")
            span = (int(start), int(end))
        except ValueError as error:
            raise LitBankError(f"{ann_path.name}:{number}: cannot parse {line[:60]!r}") from error
        match = _CATEGORY.fullmatch(label)
        if match:
            kinds[span] = (match.group(1), match.group(2))
        else:
            chain_of[span] = label
    chain_category: dict[str, str] = {}
    for span, chain in chain_of.items():
        if span in kinds:
            chain_category.setdefault(chain, kinds[span][1])
    mentions = []
    for span in sorted(kinds.keys() | chain_of.keys()):
        chain = chain_of.get(span, f"_singleton_{span[0]}_{span[1]}")
        mention_type, category = kinds.get(span, ("PRON", chain_category.get(chain, "")))
        mentions.append(GoldMention(span[0], span[1], mention_type, category, chain))
    name = ann_path.stem.removesuffix("_brat")
    return GoldDocument(name=name, text=text, mentions=mentions)


def predicted_chains(analysis: Analysis, kinds: Iterable[str] | None = None) -> list[set]:
    """Group the analysis's mentions into chains by character; unlinked mentions are singletons."""
    wanted = None if kinds is None else set(kinds)
    chains: dict[str, set[tuple[int, int]]] = {}
    seen: set[tuple[int, int]] = set()
    for mention in analysis.mentions:
        span = (mention.start, mention.end)
        if (wanted is not None and mention.kind not in wanted) or span in seen:
            continue
        seen.add(span)
        key = mention.entity or mention.character or f"_single_{span[0]}_{span[1]}"
        chains.setdefault(key, set()).add(span)
    return list(chains.values())


@dataclass
class Scores:
    """MUC, B³ and CEAF-e (recall, precision, F1 each, as fractions) and mention counts."""

    muc: tuple[float, float, float]
    b3: tuple[float, float, float]
    ceafe: tuple[float, float, float]
    gold_mentions: int
    predicted_mentions: int
    matched_mentions: int

    @property
    def conll(self) -> float:
        """The CoNLL F1: the mean of the MUC, B³ and CEAF-e F1."""
        return mean((self.muc[2], self.b3[2], self.ceafe[2]))

    def to_dict(self) -> dict[str, Any]:
        """Percentages and counts, for JSON."""
        out: dict[str, Any] = {
            metric: dict(
                zip(("recall", "precision", "f1"), map(_pct, getattr(self, metric)), strict=True)
            )
            for metric in METRICS
        }
        out["conll_f1"] = _pct(self.conll)
        out["gold_mentions"] = self.gold_mentions
        out["predicted_mentions"] = self.predicted_mentions
        out["matched_mentions"] = self.matched_mentions
        return out


def _pct(value: float) -> float:
    return round(100 * value, 2)


def score_chains(key: list[set], response: list[set]) -> Scores:
    """Score predicted chains against gold chains with scorch's MUC, B³ and CEAF-e."""
    gold = {m for chain in key for m in chain}
    predicted = {m for chain in response for m in chain}

    def safe(metric) -> tuple[float, float, float]:
        if not gold or not predicted:
            return (0.0, 0.0, 0.0)
        return tuple(float(x) for x in metric(key, response))

    return Scores(
        muc=safe(scores.muc),
        b3=safe(scores.b_cubed),
        ceafe=safe(scores.ceaf_e),
        gold_mentions=len(gold),
        predicted_mentions=len(predicted),
        matched_mentions=len(gold & predicted),
    )


@dataclass
class DocumentScore:
    """One document's scores in both settings."""

    name: str
    names: Scores
    all: Scores
    chains: tuple[list, list, list, list] = field(repr=False, default=((), (), (), ()))

    def to_dict(self) -> dict[str, Any]:
        """For JSON."""
        return {"document": self.name, "names": self.names.to_dict(), "all": self.all.to_dict()}


def _tagged(doc: str, chains: list[set]) -> list[set]:
    return [{(doc, *m) for m in chain} for chain in chains]


def score_document(gold: GoldDocument, analysis: Analysis) -> DocumentScore:
    """Score one analysis against a gold LitBank document."""
    gold_names = gold.chains(("PROP", "NOM"))
    gold_all = gold.chains(("PROP", "NOM", "PRON"))
    pred_names = predicted_chains(analysis, NAME_KINDS)
    pred_all = predicted_chains(analysis)
    return DocumentScore(
        name=gold.name,
        names=score_chains(gold_names, pred_names),
        all=score_chains(gold_all, pred_all),
        chains=(
            _tagged(gold.name, gold_names),
            _tagged(gold.name, pred_names),
            _tagged(gold.name, gold_all),
            _tagged(gold.name, pred_all),
        ),
    )


@dataclass
class LitBankReport:
    """Per-document scores and their summaries."""

    documents: list[DocumentScore]
    _micro: dict[str, Scores] = field(default_factory=dict, repr=False)

    def macro(self, setting: str) -> dict[str, float]:
        """Each metric's F1 and the CoNLL F1 averaged over documents, in %."""
        rows = [getattr(d, setting) for d in self.documents]
        if not rows:
            return {}
        out = {m: 100 * mean(getattr(r, m)[2] for r in rows) for m in METRICS}
        out["conll"] = 100 * mean(r.conll for r in rows)
        return out

    def micro(self, setting: str) -> Scores:
        """All documents pooled into one key and one response (chains stay within documents)."""
        if setting in self._micro:
            return self._micro[setting]
        key, response = [], []
        offset = 0 if setting == "names" else 2
        for document in self.documents:
            key += document.chains[offset]
            response += document.chains[offset + 1]
        self._micro[setting] = score_chains(key, response)
        return self._micro[setting]

    def to_dict(self) -> dict[str, Any]:
        """The whole report as plain JSON-ready data."""
        return {
            "corpus": "litbank",
            "documents": [d.to_dict() for d in self.documents],
            "summary": {
                s: {
                    "macro": {k: round(v, 2) for k, v in self.macro(s).items()},
                    "micro": self.micro(s).to_dict(),
                }
                for s in SETTINGS
            },
        }


def _brat_dir(root: Path) -> Path:
    for candidate in (root / "coref" / "brat", root / "brat", root):
        if candidate.is_dir() and any(candidate.glob("*.ann")):
            return candidate
    raise LitBankError(f"no LitBank brat files (*.ann) under {root}")


def available_documents(root: Path) -> list[str]:
    """Names of the LitBank documents under a folder (``coref``, ``coref/brat`` or its parent)."""
    return sorted(p.stem.removesuffix("_brat") for p in _brat_dir(Path(root)).glob("*.ann"))


def _resolve_names(root: Path, wanted: Iterable[str]) -> list[str]:
    known = available_documents(root)
    chosen = []
    for item in wanted:
        hits = [name for name in known if name == item or name.split("_", 1)[0] == item]
        if not hits:
            hits = [name for name in known if item.lower() in name]
        if len(hits) != 1:
            what = "matches several" if hits else "matches no"
            raise LitBankError(f"--docs {item!r} {what} LitBank document(s)")
        chosen.append(hits[0])
    return list(dict.fromkeys(chosen))


def evaluate_litbank(
    root: Path,
    documents: Iterable[str] | None = None,
    analyze: Analyze | None = None,
    progress: Progress | None = None,
) -> LitBankReport:
    """Analyze LitBank documents and score their PER coreference; `documents` are names or ids."""
    root = Path(root)
    if not root.is_dir():
        raise LitBankError(f"LitBank folder not found: {root}")
    brat = _brat_dir(root)
    wanted = available_documents(root) if documents is None else _resolve_names(root, documents)
    if analyze is None:
        from ficlens.pipeline import analyze_text as analyze
    results = []
    for number, name in enumerate(wanted):
        if progress is not None:
            progress(name, number, len(wanted))
        gold = load_document(brat / f"{name}_brat.ann")
        source = Source(path=str(brat / f"{name}_brat.txt"))
        analysis = analyze(gold.text, source)
        results.append(score_document(gold, analysis))
    return LitBankReport(results)


def render_table(report: LitBankReport) -> str:
    """A plain-text table: one row per document, then macro and micro summary rows."""
    header = [
        "document",
        "gold",
        "pred",
        "match",
        "MUC",
        "B3",
        "CEAFe",
        "CoNLL",
        "| gold",
        "pred",
        "match",
        "MUC",
        "B3",
        "CEAFe",
        "CoNLL",
    ]

    def cells(name: str, names: Scores, full: Scores) -> list[str]:
        row = [name]
        for s in (names, full):
            row += [str(s.gold_mentions), str(s.predicted_mentions), str(s.matched_mentions)]
            row += [f"{100 * s.muc[2]:.1f}", f"{100 * s.b3[2]:.1f}", f"{100 * s.ceafe[2]:.1f}"]
            row += [f"{100 * s.conll:.1f}"]
        row[8] = "| " + row[8]
        return row

    rows = [cells(d.name[:34], d.names, d.all) for d in report.documents]
    macro = ["MACRO (mean of docs)"]
    for setting in SETTINGS:
        m = report.macro(setting)
        macro += ["", "", ""] + [f"{m[k]:.1f}" for k in (*METRICS, "conll")] if m else [""] * 7
    macro[8] = "| " + macro[8]
    micro = cells("MICRO (pooled)", report.micro("names"), report.micro("all"))
    legend = (
        "LitBank PER coreference, exact span match; F1 in %. Left: names + nominals "
        "(PROP, NOM); right: all mentions incl. pronouns"
    )
    return render(legend, header, rows, [macro, micro])
