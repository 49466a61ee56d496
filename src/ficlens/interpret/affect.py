"""Affect: VADER compound sentiment of every quote and narration sentence, the mood of each
scene (or stretch of story) and each character's arc across the story."""

from __future__ import annotations

import functools
import re
from bisect import bisect_right
from collections import defaultdict

from ficlens.document import Document
from ficlens.interpret.relationships import quote_locator
from ficlens.model import Affect, AffectSegment, CharacterArc, Sentiment
from ficlens.pipeline import stage

# Arcs step scene by scene when there are at least MIN_SCENES scenes of at most
# MAX_SCENE_CHARS characters on average; otherwise by equal stretches of story: one per
# BUCKET_CHARS characters, between MIN_BUCKETS and MAX_BUCKETS of them.
MIN_SCENES = 3
MAX_SCENE_CHARS = 40_000
BUCKET_CHARS = 20_000
MIN_BUCKETS, MAX_BUCKETS = 10, 40
_LETTER = re.compile(r"[^\W\d_]")
_QUOTE_MARKS = "\"'“”‘’«»„‚ \n\t"


@functools.lru_cache(maxsize=1)
def _analyzer():
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

    return SentimentIntensityAnalyzer()


def sentiment(text: str) -> float | None:
    """VADER compound score of a text (-1..1, rounded to 4 places); None when it has no words."""
    if not _LETTER.search(text):
        return None
    return round(_analyzer().polarity_scores(text)["compound"], 4)


def _mean(values: list[float]) -> float | None:
    return round(sum(values) / len(values), 4) if values else None


def _narration_text(view: str, start: int, end: int, quotes: list[tuple[int, int]]) -> str:
    """The words of view[start:end] that lie outside the (sorted) quote spans."""
    pieces, cursor = [], start
    first = bisect_right(quotes, (start, 10**12)) - 1
    for q_start, q_end in quotes[max(first, 0) :]:
        if q_start >= end:
            break
        if q_end <= cursor:
            continue
        if q_start > cursor:
            pieces.append(view[cursor:q_start])
        cursor = max(cursor, q_end)
    if cursor < end:
        pieces.append(view[cursor:end])
    return " ".join(piece.strip() for piece in pieces if piece.strip())


def _segments(doc: Document) -> tuple[str, list[tuple[int, int]]]:
    """Scenes, or equal stretches of story when scenes are too few or too long for an arc."""
    scenes = [(scene.start, scene.end) for scene in doc.scenes]
    if len(scenes) >= MIN_SCENES:
        average = sum(end - start for start, end in scenes) / len(scenes)
        if average <= MAX_SCENE_CHARS:
            return "scene", scenes
    if doc.segments:
        start, end = doc.segments[0][1], doc.segments[-1][2]
    elif doc.scenes:
        start, end = doc.scenes[0].start, doc.scenes[0].end
    else:
        start, end = 0, len(doc.view)
    size = max(1, end - start)
    count = min(MAX_BUCKETS, max(MIN_BUCKETS, size // BUCKET_CHARS))
    count = max(1, min(count, len(doc.sentences) // 3))
    bounds = [start + size * step // count for step in range(count + 1)]
    return "position", [(bounds[i], bounds[i + 1]) for i in range(count)]


def score_affect(doc: Document) -> Affect:
    """Score quotes (stored on each quote) and narration; build segment moods and arcs."""
    view = doc.view
    for quote in doc.quotes:
        quote.sentiment = sentiment(view[quote.start : quote.end].strip(_QUOTE_MARKS))
    spans = sorted((quote.start, quote.end) for quote in doc.quotes)
    narration = []
    for sentence in doc.sentences:
        score = sentiment(_narration_text(view, sentence.start, sentence.end, spans))
        if score is not None:
            narration.append(Sentiment(start=sentence.start, end=sentence.end, compound=score))

    unit, bounds = _segments(doc)
    starts = [start for start, _ in bounds]

    def segment_of(position: int) -> int:
        return min(len(bounds) - 1, max(0, bisect_right(starts, position) - 1))

    moods: list[list[float]] = [[] for _ in bounds]
    per_character: dict[str, list[list[float]]] = defaultdict(lambda: [[] for _ in bounds])
    for quote in doc.quotes:
        if quote.sentiment is None:
            continue
        segment = segment_of(quote.start)
        moods[segment].append(quote.sentiment)
        if quote.speaker is not None:
            per_character[quote.speaker][segment].append(quote.sentiment)
    narration_starts = [item.start for item in narration]
    quote_at = quote_locator(doc)
    seen: set[tuple[str, int]] = set()
    for item in narration:
        moods[segment_of(item.start)].append(item.compound)
    for mention in doc.mentions:
        if mention.character is None or quote_at(mention.start) is not None:
            continue
        index = bisect_right(narration_starts, mention.start) - 1
        if index < 0 or mention.start >= narration[index].end:
            continue
        if (mention.character, index) in seen:
            continue
        seen.add((mention.character, index))
        item = narration[index]
        per_character[mention.character][segment_of(item.start)].append(item.compound)

    segments = [
        AffectSegment(start=start, end=end, compound=_mean(values), scored=len(values))
        for (start, end), values in zip(bounds, moods, strict=True)
    ]
    rank = {character.id: index for index, character in enumerate(doc.characters)}
    arcs = [
        CharacterArc(
            character=cid,
            values=[_mean(values) for values in buckets],
            counts=[len(values) for values in buckets],
            mean=_mean([value for values in buckets for value in values]),
        )
        for cid, buckets in sorted(
            per_character.items(), key=lambda kv: (rank.get(kv[0], len(rank)), kv[0])
        )
    ]
    return Affect(unit=unit, narration=narration, segments=segments, arcs=arcs)


@stage("affect", needs=("speakers",))
def affect_stage(doc: Document) -> None:
    """Add sentiment to every quote and the affect layer (narration, segment moods, arcs)."""
    doc.affect = score_affect(doc)
