"""Score ficlens's characters (who is who, under which names, which gender) against PDNC.

PDNC's ``character_info.csv`` lists each novel's characters with a main name, a set of aliases,
a gender (M, F, X for groups/unknown, U) and a category (major, intermediate, minor).

How the numbers are computed:

* **Mapping**: a predicted character maps to the gold character sharing most of its normalised
  names (``evaluate.pdnc.map_characters``: name + aliases vs Main Name + Aliases, case, periods
  and possessives folded).
* **Found**: a gold character is found when at least one predicted character maps to it.
  Reported for ``major`` and ``intermediate`` characters.
* **Merged**: a predicted character merges two people when its names include names that each
  belong to exactly one gold character, and those are two different characters (a name PDNC
  gives to several characters, like "Miss Bennet", proves nothing). The share is over predicted
  characters that map to a gold character.
* **Alias recall**: over found major and intermediate characters, the share of their gold names
  (main name and aliases) that appear among the names of the predicted characters mapped to them.
* **Gender**: for each found major character, the gender of the predicted character with the
  most mentions among those mapped to it, against PDNC's M/F (characters marked X or U are not
  scored). "unknown" counts as wrong.
* **Summary**: counts summed over novels, then divided (micro-average).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, fields
from pathlib import Path
from typing import Any

from ficlens.evaluate.pdnc import (
    PDNCError,
    _name_index,
    _novels_dir,
    available_novels,
    load_novel,
    map_characters,
    normalize_name,
    read_novel_text,
)
from ficlens.evaluate.table import percent, render
from ficlens.model import Analysis, Source

Analyze = Callable[[str, Source], Analysis]
Progress = Callable[[str, int, int], None]
GENDERS = {"M": "male", "F": "female"}


@dataclass
class CharacterScore:
    """Counts for one novel (or, summed, for many)."""

    novel: str
    major: int = 0
    major_found: int = 0
    intermediate: int = 0
    intermediate_found: int = 0
    predicted: int = 0
    mapped: int = 0
    merged: int = 0
    alias_total: int = 0
    alias_found: int = 0
    gender_total: int = 0
    gender_right: int = 0

    def __add__(self, other: CharacterScore) -> CharacterScore:
        total = CharacterScore(novel="ALL")
        for f in fields(self):
            if f.name != "novel":
                setattr(total, f.name, getattr(self, f.name) + getattr(other, f.name))
        return total

    def rates(self) -> dict[str, float | None]:
        """The shares, as fractions (None when there was nothing to count)."""

        def share(a: int, b: int) -> float | None:
            return a / b if b else None

        return {
            "major_found": share(self.major_found, self.major),
            "intermediate_found": share(self.intermediate_found, self.intermediate),
            "merged": share(self.merged, self.mapped),
            "alias_recall": share(self.alias_found, self.alias_total),
            "gender_major": share(self.gender_right, self.gender_total),
        }

    def to_dict(self) -> dict[str, Any]:
        """Counts and percentages, for JSON."""
        out: dict[str, Any] = {f.name: getattr(self, f.name) for f in fields(self)}
        for key, rate in self.rates().items():
            out[f"{key}_percent"] = None if rate is None else round(100 * rate, 2)
        return out


def score_characters(gold, analysis: Analysis) -> CharacterScore:
    """Score the characters of one analysis against a PDNC novel's character list."""
    people = [c for c in gold.characters if not c.placeholder]
    mapping = map_characters(gold, analysis)
    index = _name_index(people)
    score = CharacterScore(novel=gold.name, predicted=len(analysis.characters), mapped=len(mapping))
    names_of: dict[str, set[str]] = defaultdict(set)
    best: dict[str, tuple[int, str]] = {}
    for character in analysis.characters:
        names = {normalize_name(n) for n in [character.name, *character.aliases]}
        owners = {index[n][0] for n in names if len(index.get(n, [])) == 1}
        if character.id in mapping and len(owners) >= 2:
            score.merged += 1
        target = mapping.get(character.id)
        if target is not None:
            names_of[target] |= names
            if target not in best or character.mention_count > best[target][0]:
                best[target] = (character.mention_count, character.gender)
    for person in people:
        category = person.category.lower()
        if category not in ("major", "intermediate"):
            continue
        found = person.id in names_of
        if category == "major":
            score.major += 1
            score.major_found += found
            if found and person.gender in GENDERS:
                score.gender_total += 1
                score.gender_right += best[person.id][1] == GENDERS[person.gender]
        else:
            score.intermediate += 1
            score.intermediate_found += found
        if found:
            gold_names = {normalize_name(n) for n in [person.name, *person.aliases]}
            score.alias_total += len(gold_names)
            score.alias_found += len(gold_names & names_of[person.id])
    return score


@dataclass
class CharacterReport:
    """Per-novel character scores and their summary."""

    novels: list[CharacterScore]

    @property
    def summary(self) -> CharacterScore:
        """All novels' counts summed."""
        total = CharacterScore(novel="ALL")
        for score in self.novels:
            total = total + score
        return total

    def to_dict(self) -> dict[str, Any]:
        """For JSON."""
        return {
            "corpus": "pdnc",
            "task": "characters",
            "novels": [n.to_dict() for n in self.novels],
            "summary": self.summary.to_dict(),
        }


def evaluate_characters(
    root: Path,
    novels: Iterable[str] | None = None,
    analyze: Analyze | None = None,
    progress: Progress | None = None,
) -> CharacterReport:
    """Analyze PDNC novels (through the characters stage) and score their characters."""
    root = Path(root)
    known = available_novels(root)
    wanted = known if novels is None else list(dict.fromkeys(novels))
    unknown = [n for n in wanted if n not in known]
    if unknown:
        raise PDNCError(f"unknown PDNC novel(s): {', '.join(unknown)}; known: {', '.join(known)}")
    if analyze is None:
        from ficlens.pipeline import analyze_text

        def analyze(text: str, source: Source) -> Analysis:
            return analyze_text(text, source, only=["narrator"])

    scores = []
    for number, name in enumerate(wanted):
        if progress is not None:
            progress(name, number, len(wanted))
        gold = load_novel(_novels_dir(root) / name)
        text, source = read_novel_text(_novels_dir(root) / name / "novel_text.txt")
        scores.append(score_characters(gold, analyze(text, source)))
    return CharacterReport(scores)


def render_table(report: CharacterReport) -> str:
    """A plain-text table: one row per novel, then the summary row."""
    header = ["novel", "major", "found%", "interm", "found%", "pred", "mapped", "merged%",
              "alias%", "gender%"]  # fmt: skip

    def row(s: CharacterScore) -> list[str]:
        r = s.rates()
        rates = [percent(r[key]) for key in ("merged", "alias_recall", "gender_major")]
        found = [str(s.major), percent(r["major_found"]),
                 str(s.intermediate), percent(r["intermediate_found"])]  # fmt: skip
        return [s.novel, *found, str(s.predicted), str(s.mapped), *rates]

    summary = row(report.summary)
    summary[0] = "ALL (micro)"
    legend = (
        "PDNC characters: major/intermediate found (a predicted character maps to them), "
        "predicted characters merging two gold ones (% of mapped), alias recall, gender of "
        "major characters (all in %)"
    )
    return render(legend, header, [row(s) for s in report.novels], [summary])
