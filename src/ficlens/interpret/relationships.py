"""Interactions between characters: who speaks to whom (per scene and overall), who shares a
scene with whom, who mentions whom in their own lines, and which pairs the author declares."""

from __future__ import annotations

from bisect import bisect_right
from collections import defaultdict
from collections.abc import Callable
from itertools import combinations

from ficlens.document import Document
from ficlens.model import Relationship
from ficlens.pipeline import stage


def scene_locator(doc: Document) -> Callable[[int], int]:
    """Return a function giving the index of the scene holding a view offset (0 when none)."""
    starts = [scene.start for scene in doc.scenes]

    def scene_of(position: int) -> int:
        return max(0, bisect_right(starts, position) - 1)

    return scene_of


def quote_locator(doc: Document) -> Callable[[int], int | None]:
    """Return a function giving the index in ``doc.quotes`` of the quote holding a view offset."""
    order = sorted(range(len(doc.quotes)), key=lambda index: doc.quotes[index].start)
    starts = [doc.quotes[index].start for index in order]

    def quote_at(position: int) -> int | None:
        slot = bisect_right(starts, position) - 1
        if slot < 0:
            return None
        index = order[slot]
        return index if position < doc.quotes[index].end else None

    return quote_at


def find_relationships(doc: Document) -> list[Relationship]:
    """Count, for every pair of characters, the lines, scenes and mentions that join them."""
    rank = {character.id: index for index, character in enumerate(doc.characters)}

    def pair(a: str, b: str) -> tuple[str, str]:
        return (a, b) if (rank.get(a, len(rank)), a) <= (rank.get(b, len(rank)), b) else (b, a)

    rows: dict[tuple[str, str], Relationship] = {}

    def row(a: str, b: str) -> Relationship:
        key = pair(a, b)
        found = rows.get(key)
        if found is None:
            found = rows[key] = Relationship(characters=list(key))
        return found

    scene_of = scene_locator(doc)
    present: dict[int, set[str]] = defaultdict(set)
    for quote in doc.quotes:
        if quote.speaker is None:
            continue
        scene = scene_of(quote.start)
        present[scene].add(quote.speaker)
        for addressee in dict.fromkeys(quote.addressees):
            if addressee == quote.speaker:
                continue
            found = row(quote.speaker, addressee)
            found.spoken_to += 1
            found.spoken_to_by_scene[scene] = found.spoken_to_by_scene.get(scene, 0) + 1

    quote_at = quote_locator(doc)
    for mention in doc.mentions:
        if mention.character is None:
            continue
        present[scene_of(mention.start)].add(mention.character)
        inside = quote_at(mention.start)
        if inside is None or mention.kind == "vocative":
            continue  # a vocative is an address (counted in spoken_to), not a mention
        speaker = doc.quotes[inside].speaker
        if speaker is not None and speaker != mention.character:
            row(speaker, mention.character).mentions += 1

    for ids in present.values():
        ordered = sorted(ids, key=lambda cid: (rank.get(cid, len(rank)), cid))
        for a, b in combinations(ordered, 2):
            row(a, b).co_present_scenes += 1

    for pairing in doc.pairings:
        if len(pairing.characters) == 2 and pairing.characters[0] != pairing.characters[1]:
            found = row(*pairing.characters)
            if found.declared != "romantic":
                found.declared = pairing.kind

    return sorted(
        rows.values(),
        key=lambda r: (
            -r.spoken_to,
            -r.mentions,
            -r.co_present_scenes,
            [rank.get(cid, len(rank)) for cid in r.characters],
            r.characters,
        ),
    )


@stage("relationships", needs=("speakers", "pairings"))
def relationship_stage(doc: Document) -> None:
    """Add the relationships layer: spoken-to, co-present and mention counts per pair."""
    doc.relationships = find_relationships(doc)
