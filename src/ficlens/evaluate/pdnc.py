"""Score ficlens against the Project Dialogism Novel Corpus (PDNC).

PDNC (Vishnubhotla, Hammond & Hirst, LREC 2022) annotates every quotation of 28 novels with its
speaker, addressees and how the speaker is cued. One corpus folder looks like::

    pdnc/
      novels/<Novel>/novel_text.txt        the novel (UTF-8, LF newlines)
      novels/<Novel>/quotation_info.csv    one row per quotation
      novels/<Novel>/character_info.csv    one row per character
      splits/{random,leave-x-out}/split_<K>/test.csv   headerless rows `Novel,Qn-k`

A quotation ``Qn`` may be interrupted by narration ("Yes," said he, "at once."); each piece is a
*sub-quotation* ``Qn-k`` (k counts from 0) with its own span. Sub-quotations are the unit we score.

How the numbers are computed (the facts a reader of a report needs):

* **Gold spans** exclude the quotation marks; ficlens spans include them. About 0.3% of PDNC spans
  carry a stray space or newline at one end that the stored quote text does not have; we trim
  leading/trailing whitespace off every gold span so ``text[start:end]`` is exactly the stored
  sub-quotation text (``GoldNovel.trimmed`` counts them, ``GoldNovel.mismatched`` lists any span
  that still disagrees -- none in the 21 novels we have).
* **Matching**: a gold span and a predicted quote match when their overlap covers at least half of
  each (``2·overlap >= len(gold)`` and ``2·overlap >= len(pred)``). Matching is one-to-one, greedy
  by largest overlap. It is always done against *all* gold sub-quotations of the novel.
* **Precision** = matched predicted quotes / all predicted quotes of the novel. When a split
  restricts scoring to its test quotes, precision is still over the whole novel (a split names
  gold quotes, not stretches of text, so there is no fair "test region" for predictions);
  **recall** and everything below are over the split's test quotes only.
* **Attribution accuracy** is over every scored gold sub-quotation: a quote we missed counts as
  wrong. A predicted speaker (a character id of the analysis) is right when that predicted
  character *maps* to the gold speaker. Each predicted character maps to the single gold character
  sharing most of its normalised names (name + aliases vs Main Name + Aliases; ties go to the gold
  character with more sub-quotations, then the one listed first); no shared name means unmapped.
  So a blob that merged two people is right for at most one of them.
  Reported overall and by PDNC's ``quoteType``: explicit, anaphoric, implicit, and non-explicit
  (anaphoric + implicit). A few rows have no type (``nan``); they count only in "overall".
* **Addressee accuracy** is over *matched* scored quotes whose gold addressee set is non-empty
  after resolving names to characters (PDNC's placeholder characters ``_group`` and
  ``_unknowable`` and names that resolve to no character are dropped). "any": the gold characters
  our predicted addressees map to intersect the gold set; "exact": they equal it.
* **Summary** rows are micro-averages: counts summed over novels, then divided.
"""

from __future__ import annotations

import ast
import csv
import heapq
import re
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ficlens.errors import FiclensError
from ficlens.evaluate.table import percent, render
from ficlens.model import Analysis, Source
from ficlens.read.text import read_text

QUOTE_TYPES = ("explicit", "anaphoric", "implicit")
ATTRIBUTION_KEYS = ("explicit", "anaphoric", "implicit", "non_explicit", "overall")
SPLITS = ("leave-x-out", "random")
PLACEHOLDER_PREFIX = "_"  # PDNC's pseudo-characters: "_group", "_unknowable"

Analyze = Callable[[str, Source], Analysis]
Progress = Callable[[str, int, int], None]


class PDNCError(FiclensError):
    """A PDNC folder, novel or split that is missing or malformed."""


# --------------------------------------------------------------------------- gold data


@dataclass(frozen=True)
class GoldCharacter:
    """A character of PDNC's character list."""

    id: str
    name: str
    aliases: frozenset[str]
    gender: str = ""
    category: str = ""

    @property
    def placeholder(self) -> bool:
        """True for PDNC's pseudo-characters such as ``_group`` and ``_unknowable``."""
        return self.name.startswith(PLACEHOLDER_PREFIX)


@dataclass(frozen=True)
class GoldQuote:
    """One gold sub-quotation ``Qn-k``: its span (marks excluded), speaker and cue type."""

    id: str
    start: int
    end: int
    text: str
    speaker: str | None  # gold character id, None when the speaker name resolves to no one
    speaker_name: str
    addressees: frozenset[str]  # gold character ids, placeholders and unresolved names dropped
    addressee_names: tuple[str, ...]
    quote_type: str  # "explicit", "anaphoric", "implicit" or "unknown"


@dataclass
class GoldNovel:
    """A PDNC novel: its text, gold sub-quotations (in text order) and characters."""

    name: str
    text: str
    quotes: list[GoldQuote]
    characters: list[GoldCharacter]
    trimmed: int = 0  # spans whose stray edge whitespace was trimmed off
    mismatched: list[str] = field(default_factory=list)  # ids whose span != stored text
    unresolved_speakers: list[str] = field(default_factory=list)  # ids of quotes
    unresolved_addressees: int = 0  # addressee names that resolve to no character

    def character(self, character_id: str) -> GoldCharacter | None:
        """Return the gold character with this id, if any."""
        for character in self.characters:
            if character.id == character_id:
                return character
        return None


def normalize_name(name: str) -> str:
    """Fold a character name for comparison: case, possessive 's, periods, spacing."""
    folded = name.casefold().replace("\u2019", "'").replace(".", " ")
    folded = re.sub(r"'s\b", "", folded)
    return " ".join(folded.split())


def _literal(value: str, what: str, where: str) -> Any:
    value = (value or "").strip()
    if not value or value == "nan":
        return []
    try:
        return ast.literal_eval(value)
    except (ValueError, SyntaxError) as error:
        raise PDNCError(f"{where}: cannot parse {what} {value[:60]!r}") from error


def _read_rows(path: Path) -> list[dict[str, str]]:
    if not path.is_file():
        raise PDNCError(f"missing PDNC file: {path}")
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def _name_index(characters: list[GoldCharacter]) -> dict[str, list[str]]:
    """Normalised name -> gold ids that carry it; ids with it as main name come first."""
    main: dict[str, list[str]] = {}
    alias: dict[str, list[str]] = {}
    for character in characters:
        main.setdefault(normalize_name(character.name), []).append(character.id)
        for name in character.aliases:
            alias.setdefault(normalize_name(name), []).append(character.id)
    index: dict[str, list[str]] = {}
    for key in main.keys() | alias.keys():
        ids = main.get(key, []) + alias.get(key, [])
        index[key] = list(dict.fromkeys(ids))
    return index


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def _quote_type(value: str) -> str:
    value = value.strip().lower()
    return value if value in QUOTE_TYPES else "unknown"


def load_novel(novel_dir: Path) -> GoldNovel:
    """Read one PDNC novel folder into its gold quotes and characters."""
    novel_dir = Path(novel_dir)
    text_path = novel_dir / "novel_text.txt"
    if not text_path.is_file():
        raise PDNCError(f"missing PDNC file: {text_path}")
    # newline="" keeps the file's own newlines: PDNC offsets index the raw text.
    with text_path.open(encoding="utf-8", newline="") as handle:
        text = handle.read()

    characters: list[GoldCharacter] = []
    for row in _read_rows(novel_dir / "character_info.csv"):
        where = f"{novel_dir.name}/character_info.csv"
        aliases = _literal(row.get("Aliases", ""), "Aliases", where)
        characters.append(
            GoldCharacter(
                id=row["Character ID"].strip(),
                name=row["Main Name"].strip(),
                aliases=frozenset(str(alias).strip() for alias in aliases),
                gender=(row.get("Gender") or "").strip(),
                category=(row.get("Category") or "").strip(),
            )
        )
    index = _name_index(characters)
    placeholders = {character.id for character in characters if character.placeholder}

    novel = GoldNovel(name=novel_dir.name, text=text, quotes=[], characters=characters)
    where = f"{novel_dir.name}/quotation_info.csv"
    for row in _read_rows(novel_dir / "quotation_info.csv"):
        quote_id = row["quoteID"].strip()
        pieces = _literal(row["subQuotationList"], "subQuotationList", where)
        spans = _literal(row["quoteByteSpans"], "quoteByteSpans", where)
        if len(pieces) != len(spans):
            raise PDNCError(f"{where} {quote_id}: {len(pieces)} sub-quotations, {len(spans)} spans")
        speaker_name = row["speaker"].strip()
        speaker_ids = index.get(normalize_name(speaker_name), [])
        addressee_names = tuple(
            str(name).strip() for name in _literal(row["addressees"], "addressees", where)
        )
        addressees: set[str] = set()
        for name in addressee_names:
            ids = index.get(normalize_name(name), [])
            if not ids:
                novel.unresolved_addressees += 1
            elif ids[0] not in placeholders:
                addressees.add(ids[0])
        for k, (piece, (start, end)) in enumerate(zip(pieces, spans, strict=True)):
            sub_id = f"{quote_id}-{k}"
            start, end = int(start), int(end)
            if text[start:end] != piece:
                trimmed = _trim(text, start, end)
                if text[trimmed[0] : trimmed[1]] == piece.strip():
                    novel.trimmed += 1
                else:
                    novel.mismatched.append(sub_id)
            start, end = _trim(text, start, end)
            if not speaker_ids:
                novel.unresolved_speakers.append(sub_id)
            novel.quotes.append(
                GoldQuote(
                    id=sub_id,
                    start=start,
                    end=end,
                    text=piece,
                    speaker=speaker_ids[0] if speaker_ids else None,
                    speaker_name=speaker_name,
                    addressees=frozenset(addressees),
                    addressee_names=addressee_names,
                    quote_type=_quote_type(row.get("quoteType", "")),
                )
            )
    novel.quotes.sort(key=lambda quote: (quote.start, quote.end))
    return novel


def load_split(pdnc_root: Path, split: str, fold: int) -> dict[str, set[str]]:
    """Map each novel to the ``Qn-k`` ids of the test set of one split fold."""
    if split not in SPLITS:
        raise PDNCError(f"unknown PDNC split {split!r}; known: {', '.join(SPLITS)}")
    path = _splits_dir(Path(pdnc_root)) / split / f"split_{fold}" / "test.csv"
    if not path.is_file():
        raise PDNCError(f"missing PDNC split file: {path}")
    test: dict[str, set[str]] = {}
    with path.open(encoding="utf-8", newline="") as handle:
        for row in csv.reader(handle):
            if len(row) < 2 or not row[0].strip():
                continue
            test.setdefault(row[0].strip(), set()).add(row[1].strip())
    return test


# --------------------------------------------------------------------------- scores


@dataclass
class Tally:
    """How many of `total` were right."""

    correct: int = 0
    total: int = 0

    @property
    def rate(self) -> float | None:
        """The share right, or None when there was nothing to score."""
        return self.correct / self.total if self.total else None

    def add(self, right: bool) -> None:
        """Count one more item."""
        self.total += 1
        self.correct += int(right)

    def __add__(self, other: Tally) -> Tally:
        return Tally(self.correct + other.correct, self.total + other.total)

    def to_dict(self) -> dict[str, Any]:
        """Counts and percentage, for JSON."""
        return {"correct": self.correct, "total": self.total, "percent": _percent(self.rate)}


def _tallies() -> dict[str, Tally]:
    return {key: Tally() for key in ATTRIBUTION_KEYS}


@dataclass
class NovelScore:
    """The scores of one novel (or, summed, of many): counts plus derived percentages."""

    novel: str
    gold_quotes: int = 0  # scored gold sub-quotations
    predicted_quotes: int = 0  # all predicted quotes of the novel
    matched_predicted: int = 0  # predicted quotes matched to any gold sub-quotation
    matched_gold: int = 0  # scored gold sub-quotations matched by a prediction
    attribution: dict[str, Tally] = field(default_factory=_tallies)
    addressee_any: Tally = field(default_factory=Tally)
    addressee_exact: Tally = field(default_factory=Tally)
    predicted_characters: int = 0
    mapped_characters: int = 0  # predicted characters that map to a gold character

    @property
    def precision(self) -> float | None:
        """Matched predicted quotes / predicted quotes."""
        return self.matched_predicted / self.predicted_quotes if self.predicted_quotes else None

    @property
    def recall(self) -> float | None:
        """Matched gold sub-quotations / scored gold sub-quotations."""
        return self.matched_gold / self.gold_quotes if self.gold_quotes else None

    @property
    def f1(self) -> float | None:
        """Harmonic mean of precision and recall."""
        p, r = self.precision, self.recall
        if p is None or r is None or p + r == 0:
            return None if p is None or r is None else 0.0
        return 2 * p * r / (p + r)

    def __add__(self, other: NovelScore) -> NovelScore:
        return NovelScore(
            novel="ALL",
            gold_quotes=self.gold_quotes + other.gold_quotes,
            predicted_quotes=self.predicted_quotes + other.predicted_quotes,
            matched_predicted=self.matched_predicted + other.matched_predicted,
            matched_gold=self.matched_gold + other.matched_gold,
            attribution={k: self.attribution[k] + other.attribution[k] for k in ATTRIBUTION_KEYS},
            addressee_any=self.addressee_any + other.addressee_any,
            addressee_exact=self.addressee_exact + other.addressee_exact,
            predicted_characters=self.predicted_characters + other.predicted_characters,
            mapped_characters=self.mapped_characters + other.mapped_characters,
        )

    def to_dict(self) -> dict[str, Any]:
        """Counts and percentages, for JSON."""
        return {
            "novel": self.novel,
            "gold_quotes": self.gold_quotes,
            "predicted_quotes": self.predicted_quotes,
            "matched_predicted": self.matched_predicted,
            "matched_gold": self.matched_gold,
            "precision": _percent(self.precision),
            "recall": _percent(self.recall),
            "f1": _percent(self.f1),
            "attribution": {k: tally.to_dict() for k, tally in self.attribution.items()},
            "addressee_any": self.addressee_any.to_dict(),
            "addressee_exact": self.addressee_exact.to_dict(),
            "predicted_characters": self.predicted_characters,
            "mapped_characters": self.mapped_characters,
        }


@dataclass
class EvalReport:
    """Per-novel scores of one PDNC run and their micro-averaged summary."""

    novels: list[NovelScore]
    split: str | None = None
    fold: int | None = None

    @property
    def summary(self) -> NovelScore:
        """All novels' counts summed (micro-average)."""
        total = NovelScore(novel="ALL")
        for score in self.novels:
            total = total + score
        return total

    def to_dict(self) -> dict[str, Any]:
        """The whole report as plain JSON-ready data."""
        return {
            "corpus": "pdnc",
            "split": self.split,
            "fold": self.fold,
            "novels": [score.to_dict() for score in self.novels],
            "summary": self.summary.to_dict(),
        }


def _percent(rate: float | None) -> float | None:
    return None if rate is None else round(100 * rate, 2)


# --------------------------------------------------------------------------- matching


def _overlapping_pairs(
    first: list[tuple[int, int]], second: list[tuple[int, int]]
) -> Iterator[tuple[int, int]]:
    """Yield (i, j) for every span first[i] that overlaps span second[j], by a sweep."""
    events = sorted(
        [(start, end, 0, i) for i, (start, end) in enumerate(first) if end > start]
        + [(start, end, 1, j) for j, (start, end) in enumerate(second) if end > start]
    )
    active: tuple[dict[int, int], dict[int, int]] = ({}, {})
    ends: list[tuple[int, int, int]] = []
    for start, end, side, index in events:
        while ends and ends[0][0] <= start:
            _, gone_side, gone = heapq.heappop(ends)
            active[gone_side].pop(gone, None)
        for other in active[1 - side]:
            yield (index, other) if side == 0 else (other, index)
        active[side][index] = end
        heapq.heappush(ends, (end, side, index))


def match_spans(gold: list[tuple[int, int]], predicted: list[tuple[int, int]]) -> dict[int, int]:
    """Match gold to predicted spans one-to-one where each covers half the other: gold -> pred."""
    candidates = []
    for g, p in _overlapping_pairs(gold, predicted):
        (gs, ge), (ps, pe) = gold[g], predicted[p]
        overlap = min(ge, pe) - max(gs, ps)
        if 2 * overlap >= ge - gs and 2 * overlap >= pe - ps:
            candidates.append((-overlap, g, p))
    candidates.sort()
    matched: dict[int, int] = {}
    taken: set[int] = set()
    for _, g, p in candidates:
        if g not in matched and p not in taken:
            matched[g] = p
            taken.add(p)
    return matched


# --------------------------------------------------------------------------- characters


def map_characters(gold: GoldNovel, analysis: Analysis) -> dict[str, str]:
    """Map each predicted character id to the one gold character sharing most of its names."""
    index = _name_index([c for c in gold.characters if not c.placeholder])
    quote_counts = Counter(quote.speaker for quote in gold.quotes)
    order = {character.id: n for n, character in enumerate(gold.characters)}
    mapping: dict[str, str] = {}
    for character in analysis.characters:
        names = {normalize_name(name) for name in [character.name, *character.aliases]}
        shared: Counter[str] = Counter()
        for name in names:
            for gold_id in index.get(name, []):
                shared[gold_id] += 1
        if shared:
            mapping[character.id] = min(
                shared, key=lambda g: (-shared[g], -quote_counts[g], order[g])
            )
    return mapping


# --------------------------------------------------------------------------- scoring


def score_novel(
    gold: GoldNovel, analysis: Analysis, only_ids: set[str] | None = None
) -> NovelScore:
    """Score one analysis against a gold novel, optionally only on the given ``Qn-k`` ids."""
    # Quoted letters and notes are not speech (PDNC annotates speech only).
    spoken = [quote for quote in analysis.quotes if quote.kind != "written"]
    predicted = sorted(spoken, key=lambda quote: (quote.start, quote.end))
    matches = match_spans(
        [(quote.start, quote.end) for quote in gold.quotes],
        [(quote.start, quote.end) for quote in predicted],
    )
    mapping = map_characters(gold, analysis)
    score = NovelScore(
        novel=gold.name,
        predicted_quotes=len(predicted),
        matched_predicted=len(matches),
        predicted_characters=len(analysis.characters),
        mapped_characters=len(mapping),
    )
    for g, quote in enumerate(gold.quotes):
        if only_ids is not None and quote.id not in only_ids:
            continue
        score.gold_quotes += 1
        p = matches.get(g)
        guess = predicted[p] if p is not None else None
        if guess is not None:
            score.matched_gold += 1
        right = (
            guess is not None
            and quote.speaker is not None
            and guess.speaker is not None
            and mapping.get(guess.speaker) == quote.speaker
        )
        score.attribution["overall"].add(right)
        if quote.quote_type in QUOTE_TYPES:
            score.attribution[quote.quote_type].add(right)
            if quote.quote_type != "explicit":
                score.attribution["non_explicit"].add(right)
        if guess is not None and quote.addressees:
            said_to = {mapping[a] for a in guess.addressees if a in mapping}
            score.addressee_any.add(bool(said_to & quote.addressees))
            score.addressee_exact.add(said_to == quote.addressees)
    return score


# --------------------------------------------------------------------------- running


def _novels_dir(root: Path) -> Path:
    return root / "novels" if (root / "novels").is_dir() else root


def _splits_dir(root: Path) -> Path:
    if (root / "splits").is_dir() or root.name != "novels":
        return root / "splits"
    return root.parent / "splits"


def read_novel_text(path: Path) -> tuple[str, Source]:
    """Read a novel the way ``ficlens analyze`` reads a text file."""
    text, encoding = read_text(path)
    return text, Source(path=str(path), format="text", encoding=encoding)


def available_novels(root: Path) -> list[str]:
    """Names of the PDNC novel folders under a corpus root, sorted."""
    novels_dir = _novels_dir(Path(root))
    if not novels_dir.is_dir():
        raise PDNCError(f"PDNC folder not found: {novels_dir}")
    return sorted(
        entry.name
        for entry in novels_dir.iterdir()
        if entry.is_dir() and (entry / "quotation_info.csv").is_file()
    )


def evaluate_pdnc(
    root: Path,
    novels: Iterable[str] | None = None,
    split: str | None = None,
    fold: int | None = None,
    analyze: Analyze | None = None,
    progress: Progress | None = None,
) -> EvalReport:
    """Analyze PDNC novels and score them; `progress(novel, index, total)` runs before each."""
    root = Path(root)
    known = available_novels(root)
    if fold is not None and split is None:
        raise PDNCError("--fold needs --split (leave-x-out or random)")
    test_ids: dict[str, set[str]] | None = None
    if split is not None:
        fold = 0 if fold is None else fold
        test_ids = load_split(root, split, fold)
    if novels is None:
        wanted = [name for name in known if test_ids is None or name in test_ids]
    else:
        wanted = list(dict.fromkeys(novels))
        unknown = [name for name in wanted if name not in known]
        if unknown:
            raise PDNCError(
                f"unknown PDNC novel(s): {', '.join(unknown)}; known: {', '.join(known)}"
            )
        if test_ids is not None:
            outside = [name for name in wanted if name not in test_ids]
            if outside:
                raise PDNCError(
                    f"no test quotes for {', '.join(outside)} in {split} split_{fold}; "
                    f"its test novels: {', '.join(sorted(test_ids))}"
                )
    if analyze is None:
        from ficlens.pipeline import analyze_text as analyze

    scores: list[NovelScore] = []
    novels_dir = _novels_dir(root)
    for number, name in enumerate(wanted):
        if progress is not None:
            progress(name, number, len(wanted))
        gold = load_novel(novels_dir / name)
        text, source = read_novel_text(novels_dir / name / "novel_text.txt")
        analysis = analyze(text, source)
        if analysis.text != gold.text:
            raise PDNCError(
                f"{name}: the analysed text differs from novel_text.txt as stored, "
                "so PDNC's character offsets would not line up"
            )
        scores.append(score_novel(gold, analysis, None if test_ids is None else test_ids[name]))
    return EvalReport(novels=scores, split=split, fold=fold)


# --------------------------------------------------------------------------- table

_HEADER = ["novel", "gold", "pred", "P", "R", "explicit", "anaphoric", "implicit", "non-expl",
           "overall", "addressee"]  # fmt: skip


def _row(score: NovelScore) -> list[str]:
    acc = score.attribution
    return [
        score.novel,
        str(score.gold_quotes),
        str(score.predicted_quotes),
        percent(score.precision),
        percent(score.recall),
        percent(acc["explicit"].rate),
        percent(acc["anaphoric"].rate),
        percent(acc["implicit"].rate),
        percent(acc["non_explicit"].rate),
        percent(acc["overall"].rate),
        percent(score.addressee_any.rate),
    ]


def render_table(report: EvalReport) -> str:
    """A plain-text table: one row per novel, then the micro-averaged summary row."""
    summary = _row(report.summary)
    summary[0] = "ALL (micro)"
    scope = "all quotes" if report.split is None else report.split
    if report.fold is not None:
        scope = f"{report.split} split_{report.fold} test"
    legend = (
        f"PDNC, {scope}. P, R: quote detection; explicit..overall: speaker accuracy; "
        "addressee: any-overlap accuracy (all in %)"
    )
    return render(legend, _HEADER, [_row(score) for score in report.novels], [summary])
