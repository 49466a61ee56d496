"""Generated original stories for tests and benchmarks: small works with notes and dialogue."""

from __future__ import annotations

import random
from pathlib import Path

# fmt: off
_FIRST = [
    "Mira", "Tobias", "Ilsa", "Corran", "Wren", "Dario", "Nessa", "Oren", "Talia", "Bram",
    "Yuki", "Anselm", "Perrin", "Leda", "Kestrel", "Ivo", "Sorcha", "Emeric", "Juno", "Calder",
]
_LAST = ["Okonkwo", "Vale", "Ashdown", "Marrow", "Quill", "Fenwick", "Ostrova", "Thorne"]
_PLACES = [
    "the lighthouse", "the night market", "the old observatory", "the harbour wall",
    "the tea house", "the archive", "the training yard", "the rooftop garden",
]
# fmt: on
_VERBS = ["said", "asked", "muttered", "replied", "whispered", "called"]
_NARRATION = [
    "The lamps along {place} flickered as the wind came off the water.",
    "{a} pulled the collar of the coat higher and counted the steps to {place}.",
    "Somewhere below, a bell rang twice and then fell silent.",
    "{a} had not slept properly in three days, and it showed.",
    "The map on the table was older than either of them.",
    "{b} leaned against the railing, watching the boats come in one by one.",
    "Rain had left the stones of {place} dark and slick.",
    "Neither of them mentioned the letter, though both had read it.",
]
_LINES = [
    "We should not be here after dark",
    "You always say that, and we always stay",
    "Did you bring the key or not",
    "I thought you had it",
    "Tell me what the letter said",
    "It said to wait for the second bell",
    "Then we wait",
    "Do you trust her",
]
_THOUGHTS = [
    "This is a terrible idea",
    "Do not look at the door",
    "Breathe, just breathe",
    "She knows more than she says",
]


def generate_story(seed: int, words: int = 400) -> str:
    """An original story of about `words` words: an author's note, narration, speech, thought."""
    rng = random.Random(seed)
    a_first, b_first = rng.sample(_FIRST, 2)
    a = f"{a_first} {rng.choice(_LAST)}"
    b = b_first
    place = rng.choice(_PLACES)
    parts = [
        f"A/N: Story number {seed}. {a_first}/{b_first}, because they deserve it. "
        "Thanks for reading!",
        "",
    ]
    opening = f'"{b}, wait for me," {a_first} called.'  # every story has a line of speech
    parts += [opening, ""]
    count = len(opening.split())
    while count < words:
        roll = rng.random()
        if roll < 0.45:
            speaker, other = (a_first, b) if rng.random() < 0.5 else (b, a_first)
            line = rng.choice(_LINES)
            mark = "?" if line.startswith(("Did", "Do")) else ","
            paragraph = f'"{line}{mark}" {speaker} {rng.choice(_VERBS)}, looking at {other}.'
        elif roll < 0.6:
            who = rng.choice([a_first, b])
            paragraph = f"'{rng.choice(_THOUGHTS)},' {who} thought."
        else:
            sentences = [
                rng.choice(_NARRATION).format(a=rng.choice([a, a_first]), b=b, place=place)
                for _ in range(rng.randint(1, 3))
            ]
            paragraph = " ".join(sentences)
        parts.append(paragraph)
        parts.append("")
        count += len(paragraph.split())
    parts.append("Please review!")
    return "\n".join(parts) + "\n"


def write_corpus(folder: str | Path, count: int, words: int = 400, seed: int = 0) -> list[Path]:
    """Write `count` generated stories into `folder` (nested in two subfolders); return paths."""
    folder = Path(folder)
    paths = []
    for index in range(count):
        sub = folder / ("part-a" if index % 2 == 0 else "part-b")
        sub.mkdir(parents=True, exist_ok=True)
        path = sub / f"story-{seed + index:05d}.txt"
        path.write_text(generate_story(seed + index, words), encoding="utf-8")
        paths.append(path)
    return paths
