"""The speaker ranker: a logistic model over candidate features, shipped as a small JSON file.

The weights in `speaker_model.json` were learned from the Project Dialogism Novel Corpus
(Vishnubhotla, Hammond & Hirst, LREC 2022; research data, no licence stated by its authors:
cite the paper). `python -m ficlens.quotes.train` rebuilds them; see the README.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path

from ficlens.errors import FiclensError
from ficlens.quotes.features import FEATURES

MODEL_FILE = "speaker_model.json"


@dataclass(frozen=True)
class Ranker:
    """Weights for each feature; scores a candidate by their dot product with its features,
    and a quote's candidates compete through the softmax of their scores."""

    weights: tuple[float, ...]

    def score(self, vector: list[float]) -> float:
        """The candidate's logit: higher means more likely the speaker."""
        return sum(w * x for w, x in zip(self.weights, vector, strict=True))

    def to_dict(self, **about: object) -> dict:
        """The JSON form, with whatever provenance `about` adds."""
        return {
            **about,
            "features": dict(zip(FEATURES, self.weights, strict=True)),
        }

    @classmethod
    def from_dict(cls, data: dict) -> Ranker:
        """Read the JSON form; features the file lacks weigh nothing."""
        weights = data["features"]
        return cls(tuple(float(weights.get(name, 0.0)) for name in FEATURES))


def probabilities(scores: dict[int, float]) -> dict[int, float]:
    """Softmax of candidate scores."""
    top = max(scores.values())
    exp = {person: math.exp(score - top) for person, score in scores.items()}
    total = sum(exp.values())
    return {person: value / total for person, value in exp.items()}


def load_ranker(path: Path | None = None) -> Ranker:
    """The ranker in `path`, or the one shipped with ficlens."""
    if path is None:
        return _shipped()
    try:
        return Ranker.from_dict(json.loads(Path(path).read_text(encoding="utf-8")))
    except (OSError, ValueError, KeyError, TypeError, AttributeError) as problem:
        raise FiclensError(f"{path}: not a ficlens speaker model ({problem})") from None


@lru_cache(maxsize=1)
def _shipped() -> Ranker:
    text = resources.files("ficlens.quotes").joinpath(MODEL_FILE).read_text(encoding="utf-8")
    return Ranker.from_dict(json.loads(text))
