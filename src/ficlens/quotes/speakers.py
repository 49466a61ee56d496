"""Say who speaks or thinks each quote, and to whom.

Every quote gets candidate speakers from the cues around it (speech tags before, inside and
after it, the previous turns of the exchange, the characters its paragraph and the narration
before it mention, the voice a following paragraph names); a logistic ranker weighs their
features, and a beam search keeps the likeliest sequences of speakers, so turn-taking reads
the decisions of the sequence it extends. A character named as a vocative inside the quote is
its addressee.
"""

from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from ficlens.document import Document
from ficlens.pipeline import stage
from ficlens.quotes.cues import TURN_GAP, Context
from ficlens.quotes.features import FEATURES, History, candidate_features, quote_cues
from ficlens.quotes.ranker import Ranker, load_ranker, probabilities

_NAME_TAGS = (FEATURES.index("tag_after_name"), FEATURES.index("tag_before_name"))
_PRONOUN_TAGS = (FEATURES.index("tag_after_pronoun"), FEATURES.index("tag_before_pronoun"))


@dataclass
class Attribution:
    """A speaker decision for one quote."""

    person: int
    cue: str
    confidence: float


def _cue(vector: list[float]) -> str:
    if any(vector[i] for i in _NAME_TAGS):
        return "explicit"
    if any(vector[i] for i in _PRONOUN_TAGS):
        return "anaphoric"
    return "implicit"


# Speaker sequences kept. Cross-validated non-explicit: 12 kept 70.9 against 70.5 with 6 (and
# 69.4 greedy when 6 gave 69.8); 12 costs about 2 seconds more on Emma.
BEAM = 12
_RECOMBINE = 10  # two sequences whose last speakers agree this far decide alike from here on


def rank_quotes(
    ctx: Context, ranker: Ranker, forced: list[int | None] | None = None
) -> list[tuple[dict[int, list[float]], Attribution | None]]:
    """Each quote's candidates and decision, in order.

    A first pass decides every quote from what comes before it; the second, whose decisions
    count, also sees the first pass's speakers of the quotes after it. `forced` speakers
    (training on gold turns) stand in for both passes' decisions when given.
    """
    cues = [quote_cues(ctx, index) for index in range(len(ctx.doc.quotes))]
    if forced is None:
        ahead = [d and d.person for _, d in _decide(ctx, ranker, cues, None, None)]
    else:
        ahead = forced
    return _decide(ctx, ranker, cues, ahead, forced)


def _options(
    ctx: Context, ranker: Ranker, cues: list, index: int, history: History
) -> list[tuple[dict[int, list[float]], Attribution | None, float]]:
    """The quote's candidates with each decision the beam may take, likeliest first, and its
    log-probability."""
    quote = ctx.doc.quotes[index]
    if quote.kind == "written":  # a letter or note is nobody's turn in the conversation
        return [({}, None, 0.0)]
    candidates = candidate_features(ctx, index, cues, history)
    if quote.kind == "speech":  # an inner voice speaks aloud only when a tag says so
        candidates = {
            p: v for p, v in candidates.items() if p not in ctx.inner_host or _cue(v) == "explicit"
        }
    if not candidates:
        return [(candidates, None, 0.0)]
    chances = probabilities({p: ranker.score(v) for p, v in candidates.items()})
    ranked = sorted(chances, key=lambda p: (-chances[p], p))[:BEAM]
    return [
        (candidates, Attribution(p, _cue(candidates[p]), chances[p]), math.log(chances[p]))
        for p in ranked
    ]


def _decide(
    ctx: Context,
    ranker: Ranker,
    cues: list,
    ahead: list[int | None] | None,
    forced: list[int | None] | None,
) -> list[tuple[dict[int, list[float]], Attribution | None]]:
    """Beam search for the likeliest sequence of speakers: the turn-taking features of each
    quote read the history of the sequence being extended."""
    beam: list[tuple[float, History, tuple | None]] = [(0.0, History(ahead=ahead), None)]
    for index in range(len(ctx.doc.quotes)):
        grown = []
        for rank, (score, history, steps) in enumerate(beam):
            options = _options(ctx, ranker, cues, index, history)
            for candidates, decision, chance in options[:1] if forced is not None else options:
                grown.append((score + chance, rank, history, steps, candidates, decision))
        grown.sort(key=lambda g: (-g[0], g[1]))
        beam, seen = [], set()
        for score, _, history, steps, candidates, decision in grown:
            person = forced[index] if forced is not None else decision and decision.person
            recent = (*history.speakers[-_RECOMBINE:], person)
            if recent in seen:
                continue
            seen.add(recent)
            extended = History(list(history.speakers), Counter(history.lines), ahead)
            extended.add(person)
            beam.append((score, extended, (steps, candidates, decision)))
            if len(beam) == BEAM:
                break
    steps, decided = beam[0][2], []
    while steps is not None:
        steps, candidates, decision = steps
        decided.append((candidates, decision))
    return decided[::-1]


def addressees(ctx: Context, index: int, speakers: list[int | None]) -> list[int]:
    """Vocatives in the quote, else the other party of a two-person exchange."""
    speaker = speakers[index]
    named = sorted(p for p in ctx.vocatives.get(index, set()) if p != speaker)
    if named:
        return named
    if speaker is None:
        return []
    if speaker in ctx.inner_host:
        return [ctx.inner_host[speaker]]
    kind = ctx.doc.quotes[index].kind
    paragraph = ctx.doc.quote_paragraph[index]
    for other in range(index - 1, -1, -1):
        if paragraph - ctx.doc.quote_paragraph[other] > TURN_GAP:
            break
        if ctx.doc.quotes[other].kind == kind and speakers[other] not in (None, speaker):
            if kind == "speech" and speakers[other] not in ctx.inner_host:
                return [speakers[other]]
            if kind == "thought" and speakers[other] in ctx.inner_host:
                return [speakers[other]]
            break
    return []


def attribute_speakers(doc: Document, model: Path | None = None) -> None:
    """Set speaker, cue, confidence and addressees on every quote of the document."""
    ctx = Context(doc)
    decisions = [decision for _, decision in rank_quotes(ctx, load_ranker(model))]
    speakers = [d.person if d else None for d in decisions]
    counts: Counter[int] = Counter()
    for index, (quote, decision) in enumerate(zip(doc.quotes, decisions, strict=True)):
        if decision is None:
            quote.speaker, quote.cue, quote.confidence = None, "unknown", 0.0
            continue
        counts[decision.person] += 1
        quote.speaker = doc.characters[decision.person].id
        quote.cue = decision.cue
        quote.confidence = round(decision.confidence, 2)
        quote.addressees = [doc.characters[p].id for p in addressees(ctx, index, speakers)]
    for index, character in enumerate(doc.characters):
        character.quote_count = counts[index]


@stage("speakers", needs=("narrator",))
def speaker_stage(doc: Document) -> None:
    """Attribute a speaker, cue, confidence and addressees to every quote."""
    attribute_speakers(doc, doc.speaker_model)
