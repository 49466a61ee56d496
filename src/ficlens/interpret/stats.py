"""Story statistics: words of story and of notes, speech and thought, each character's share
of the dialogue, and scene lengths."""

from __future__ import annotations

from ficlens.document import Document
from ficlens.model import CharacterStats, StoryStats
from ficlens.pipeline import stage


def _words(text: str, start: int, end: int) -> int:
    return len(text[start:end].split())


def _merged(ranges: list[tuple[int, int]]) -> list[tuple[int, int]]:
    merged: list[tuple[int, int]] = []
    for start, end in sorted(ranges):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        elif end > start:
            merged.append((start, end))
    return merged


def story_stats(doc: Document) -> StoryStats:
    """Count the words of each part of the work and each character's lines."""
    view = doc.view
    paratext_words = sum(
        _words(view, s, e) for s, e in _merged([(p.start, p.end) for p in doc.paratext])
    )
    scene_words = [0] * max(1, len(doc.scenes)) if doc.scenes else []
    story_words = 0
    for paragraph, start, end in doc.segments:
        count = _words(view, start, end)
        story_words += count
        scene = doc.paragraphs[paragraph].scene
        if scene_words and 0 <= scene < len(scene_words):
            scene_words[scene] += count

    rows = {c.id: CharacterStats(character=c.id, mentions=c.mention_count) for c in doc.characters}
    first: dict[str, int] = {}
    speech_words = thought_words = speech = thought = unattributed = written = written_words = 0
    for quote in doc.quotes:
        count = _words(view, quote.start, quote.end)
        if quote.kind == "written":
            written += 1
            written_words += count
            continue
        if quote.kind == "thought":
            thought += 1
            thought_words += count
        else:
            speech += 1
            speech_words += count
        if quote.speaker is None:
            unattributed += 1
            continue
        row = rows.setdefault(quote.speaker, CharacterStats(character=quote.speaker))
        row.lines += 1
        if quote.kind == "thought":
            row.thought_lines += 1
            row.words_thought += count
        else:
            row.speech_lines += 1
            row.words_spoken += count
        first[quote.speaker] = min(first.get(quote.speaker, quote.start), quote.start)
    for mention in doc.mentions:
        if mention.character is not None:
            first[mention.character] = min(
                first.get(mention.character, mention.start), mention.start
            )
    spoken = sum(row.words_spoken for row in rows.values())
    for cid, row in rows.items():
        row.first_appearance = first.get(cid)
        row.dialogue_share = round(row.words_spoken / spoken, 4) if spoken else 0.0

    return StoryStats(
        words=len(view.split()),
        story_words=story_words,
        paratext_words=paratext_words,
        speech_words=speech_words,
        thought_words=thought_words,
        narration_words=max(0, story_words - speech_words - thought_words - written_words),
        dialogue_share=round(speech_words / story_words, 4) if story_words else 0.0,
        speech_quotes=speech,
        thought_quotes=thought,
        written_quotes=written,
        written_words=written_words,
        unattributed_quotes=unattributed,
        scenes=len(doc.scenes),
        scene_words=scene_words,
        paragraphs=sum(1 for p in doc.paragraphs if p.story),
        sentences=len(doc.sentences),
        characters=list(rows.values()),
    )


@stage("stats", needs=("speakers",))
def stats_stage(doc: Document) -> None:
    """Add the story statistics layer."""
    doc.stats = story_stats(doc)
