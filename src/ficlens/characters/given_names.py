"""Given names and the gender they usually carry, from the 1990 US Census name lists.

The ``names`` package (MIT) ships the Census Bureau's lists of male and female first names with
the share of people who bear each (public-domain data). ficlens reads them to tell that "Carol"
is a person even when the entity recognizer calls it a place, and as one weak vote for a
character's gender ("Emil" is almost always a man's name); pronouns and titles outvote it.
"""

from __future__ import annotations

from functools import lru_cache
from importlib import resources

MIN_SHARE = 0.01  # % of the population: rarer entries ("Kirby") are more often surnames or words
GENDERED = 10.0  # how much more often one sex bears the name for it to tell a gender


@lru_cache(maxsize=1)
def _shares() -> dict[str, tuple[float, float]]:
    """Name (title case) -> (share among men, share among women), in %."""
    shares: dict[str, list[float]] = {}
    for column, filename in enumerate(("dist.male.first", "dist.female.first")):
        text = resources.files("names").joinpath(filename).read_text(encoding="ascii")
        for line in text.splitlines():
            fields = line.split()
            if len(fields) >= 2:
                shares.setdefault(fields[0].title(), [0.0, 0.0])[column] = float(fields[1])
    return {name: (male, female) for name, (male, female) in shares.items()}


def _common(word: str) -> tuple[float, float] | None:
    """(share among men, share among women) of a common given name, else None."""
    male, female = _shares().get(word, (0.0, 0.0))
    return (male, female) if max(male, female) >= MIN_SHARE else None


def is_given_name(word: str) -> bool:
    """Whether a capitalised word is a common given name ("Carol", "Emil", not "Kirby")."""
    return _common(word) is not None


def name_gender(word: str) -> str | None:
    """ "male" or "female" when a common given name is borne mostly by one sex, else None."""
    shares = _common(word)
    if shares is None:
        return None
    male, female = shares
    if male >= GENDERED * female:
        return "male"
    if female >= GENDERED * male:
        return "female"
    return None
