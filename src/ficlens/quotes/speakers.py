"""Say who speaks or thinks each quote, and to whom.

Rules in order of certainty: a speech tag next to the quote ("Sakura shouted", "said Emma",
"He started", "Was his empty response"); a tag elsewhere in the paragraph; the quote a
multi-paragraph speech continues; the other quotes of the paragraph; turn-taking in an
exchange; the character who acts in the paragraph. A character named as a vocative inside the
quote is its addressee, never its speaker.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from ficlens.characters.mentions import RawMention
from ficlens.document import Document
from ficlens.pipeline import stage
from ficlens.quotes.verbs import NEGATIONS, RESPONSE_NOUNS, SPEECH_VERBS, TAG_FILLERS

_WORD = re.compile(r"[A-Za-z][A-Za-z'’\-]*")
_CLAUSE_END = re.compile(r"[.!?;]")
_TURN_GAP = 3  # paragraphs after which an exchange is over


@dataclass
class Attribution:
    """A speaker decision for one quote."""

    person: int
    cue: str
    confidence: float


class _Context:
    def __init__(self, doc: Document) -> None:
        self.doc = doc
        self.text = doc.view
        self.by_start = {m.start: m for m in doc.raw_mentions}
        self.paragraph_quotes: dict[int, list[int]] = {}
        for index, paragraph in enumerate(doc.quote_paragraph):
            self.paragraph_quotes.setdefault(paragraph, []).append(index)
        self.in_paragraph: dict[int, list[RawMention]] = {}
        for mention in doc.raw_mentions:
            self.in_paragraph.setdefault(mention.paragraph, []).append(mention)
        self.vocatives: dict[int, set[int]] = {}
        for mention in doc.raw_mentions:
            if mention.quote is not None and mention.character is not None:
                if mention.kind == "vocative":
                    self.vocatives.setdefault(mention.quote, set()).add(mention.character)
        self.inner_host = {
            index: int(c.inner_voice_of[1:]) - 1
            for index, c in enumerate(doc.characters)
            if c.inner_voice_of
        }

    def narration(self, paragraph: int) -> list[tuple[int, int]]:
        """The stretches of a paragraph outside its quotes."""
        start, end = self.doc.paragraphs[paragraph].start, self.doc.paragraphs[paragraph].end
        pieces, cursor = [], start
        for index in self.paragraph_quotes.get(paragraph, []):
            quote = self.doc.quotes[index]
            if quote.start > cursor:
                pieces.append((cursor, quote.start))
            cursor = max(cursor, quote.end)
        if end > cursor:
            pieces.append((cursor, end))
        return pieces

    def subject_at(self, position: int) -> RawMention | None:
        mention = self.by_start.get(position)
        if mention and mention.character is not None and mention.kind != "vocative":
            return mention
        return None


def _cue(mention: RawMention) -> str:
    return "explicit" if mention.kind in ("name", "vocative") else "anaphoric"


def _is_verb(word: str) -> bool:
    return word.lower() in SPEECH_VERBS


_REPORTED = frozenset("that if whether so about".split())


def _reported(text: str, verb: str, rest: list[tuple[int, int, str]]) -> bool:
    """'had said that he'd teach her' reports speech; it does not tag a quote."""
    words = [w for _, _, w in rest]
    position = words.index(verb) if verb in words else -1
    following = words[position + 1] if 0 <= position < len(words) - 1 else ""
    return following.lower() in _REPORTED


def _tag_in(ctx: _Context, start: int, end: int, anchored: str | None) -> RawMention | None:
    """Find "NAME (adverb) VERB" or "VERB NAME" in text[start:end].

    `anchored` is "after" (the tag must open the stretch), "before" (it must be in the last
    clause) or None (anywhere, nearest to the end).
    """
    text = ctx.text
    if anchored == "after":
        clause = _CLAUSE_END.search(text, start, end)
        end = clause.start() if clause else end
    elif anchored == "before":
        cut = max((m.end() for m in _CLAUSE_END.finditer(text, start, end)), default=start)
        start = cut
    words = [(m.start(), m.end(), m.group()) for m in _WORD.finditer(text, start, end)]
    if anchored == "after":
        words = words[:12]
    found: RawMention | None = None
    for position, (w_start, _, word) in enumerate(words):
        if _is_verb(word) and position + 1 < len(words):
            subject = ctx.subject_at(words[position + 1][0])
            if subject and (anchored != "after" or position <= 1):
                found = subject
                if anchored == "after":
                    return found
        subject = ctx.subject_at(w_start)
        if subject is None:
            continue
        rest = [w for w in words[position + 1 :] if w[0] >= subject.end]
        negated = False
        for _, _, follower in rest[:4]:
            lowered = follower.lower()
            if lowered in NEGATIONS or lowered.endswith("n't"):
                negated = True
                continue
            if _is_verb(follower) and not negated:
                if anchored == "after" and position > 2:
                    break
                if anchored is None and _reported(text, follower, rest):
                    break
                found = subject
                break
            if not (lowered.endswith("ly") or lowered in TAG_FILLERS):
                break
        if found is not None and anchored != "before":
            return found
    if found is None and anchored == "after" and len(words) >= 3:
        # "Was his empty response."
        if words[0][2].lower() in ("was", "came"):
            for _, _, noun in words[2:5]:
                if noun.lower() in RESPONSE_NOUNS:
                    return ctx.subject_at(words[1][0])
    return found


def explicit_tag(ctx: _Context, index: int) -> Attribution | None:
    """A speech tag right after or before the quote, or elsewhere in its paragraph."""
    quote = ctx.doc.quotes[index]
    paragraph = ctx.doc.quote_paragraph[index]
    siblings = ctx.paragraph_quotes[paragraph]
    position = siblings.index(index)
    p_start, p_end = ctx.doc.paragraphs[paragraph].start, ctx.doc.paragraphs[paragraph].end
    after_end = (
        ctx.doc.quotes[siblings[position + 1]].start if position + 1 < len(siblings) else p_end
    )
    before_start = ctx.doc.quotes[siblings[position - 1]].end if position > 0 else p_start
    for start, end, anchored, confidence in (
        (quote.end, after_end, "after", 0.95),
        (before_start, quote.start, "before", 0.9),
    ):
        mention = _tag_in(ctx, start, end, anchored)
        if mention is not None:
            drop = 0.0 if _cue(mention) == "explicit" else 0.1
            return Attribution(mention.character, _cue(mention), confidence - drop)
    return None


def paragraph_tag(ctx: _Context, paragraph: int) -> Attribution | None:
    """A speech verb with a subject anywhere in the paragraph's narration."""
    for start, end in ctx.narration(paragraph):
        mention = _tag_in(ctx, start, end, None)
        if mention is not None:
            return Attribution(mention.character, _cue(mention), 0.75)
    return None


def actor(ctx: _Context, paragraph: int, exclude: set[int]) -> int | None:
    """The first character the paragraph's narration mentions."""
    for start, end in ctx.narration(paragraph):
        for mention in ctx.in_paragraph.get(paragraph, []):
            if start <= mention.start < end and mention.character is not None:
                if mention.character not in exclude and mention.character not in ctx.inner_host:
                    return mention.character
    return None


def voice_reveal(ctx: _Context, paragraph: int, exclude: set[int]) -> int | None:
    """The character the next paragraph names as the voice ("…the voice had come from. Kai.")."""
    if paragraph + 1 >= len(ctx.doc.paragraphs):
        return None
    following = ctx.doc.paragraphs[paragraph + 1]
    found = re.search(r"\bvoice\b", ctx.text[following.start : following.end])
    if not found:
        return None
    after = following.start + found.end()
    sentence_of_voice = None
    for mention in ctx.in_paragraph.get(paragraph + 1, []):
        if mention.character is not None:
            if mention.start < after:
                sentence_of_voice = mention.sentence
                continue
            if mention.sentence != sentence_of_voice and mention.character not in exclude:
                return mention.character
    return None


def point_of_view(ctx: _Context, paragraph: int, exclude: set[int]) -> int | None:
    """The character the recent narration is most about."""
    counts: Counter[int] = Counter()
    nearby = (m for p in range(paragraph - 5, paragraph + 1) for m in ctx.in_paragraph.get(p, []))
    for mention in nearby:
        if mention.quote is None:
            if mention.character is not None and mention.character not in exclude:
                if mention.character not in ctx.inner_host:
                    counts[mention.character] += 1
    return counts.most_common(1)[0][0] if counts else None


def attribute(ctx: _Context) -> list[Attribution | None]:
    """Decide a speaker for every quote."""
    doc = ctx.doc
    count = len(doc.quotes)
    result: list[Attribution | None] = [None] * count
    for index in range(count):
        result[index] = explicit_tag(ctx, index)
    for index in range(count):
        vocatives = ctx.vocatives.get(index, set())
        if result[index] and result[index].person in vocatives:
            result[index] = None
    for paragraph, members in ctx.paragraph_quotes.items():
        known = [result[i] for i in members if result[i]]
        if not known:
            found = paragraph_tag(ctx, paragraph)
            known = [found] if found else []
        for i in members:
            if result[i] is None and known and doc.quotes[i].kind == doc.quotes[members[0]].kind:
                if known[0].person not in ctx.vocatives.get(i, set()):
                    result[i] = Attribution(
                        known[0].person, known[0].cue, known[0].confidence - 0.05
                    )
    last: dict[str, list[tuple[int, int]]] = {"speech": [], "thought": []}  # (person, paragraph)
    for index in range(count):
        quote, paragraph = doc.quotes[index], doc.quote_paragraph[index]
        exclude = ctx.vocatives.get(index, set())
        if result[index] is None and index in doc.quote_continues:
            previous = result[doc.quote_continues[index]]
            if previous:
                result[index] = Attribution(previous.person, previous.cue, previous.confidence)
        if result[index] is None:
            result[index] = _implicit(ctx, index, paragraph, exclude, last[quote.kind])
        if result[index] is not None:
            history = last[quote.kind]
            if not history or history[-1] != (result[index].person, paragraph):
                history.append((result[index].person, paragraph))
    return result


def _implicit(ctx, index, paragraph, exclude, history) -> Attribution | None:
    quote = ctx.doc.quotes[index]
    gap = _TURN_GAP if quote.kind == "speech" else 1
    recent = [h for h in history if paragraph - h[1] <= gap and h[1] != paragraph]
    in_paragraph = actor(ctx, paragraph, exclude)
    if in_paragraph is not None:
        return Attribution(in_paragraph, "implicit", 0.55)
    if recent:
        previous = recent[-1][0]
        earlier = next((p for p, _ in reversed(recent) if p != previous), None)
        partner = ctx.inner_host.get(previous)
        if partner is None:
            partner = next((v for v, h in ctx.inner_host.items() if h == previous), None)
        if earlier is None and quote.kind == "thought":
            earlier = partner
        if earlier is not None and earlier not in exclude:
            return Attribution(earlier, "implicit", 0.65)
        if earlier is not None and previous not in exclude:
            return Attribution(previous, "implicit", 0.5)
    revealed = voice_reveal(ctx, paragraph, exclude)
    if revealed is not None:
        return Attribution(revealed, "implicit", 0.5)
    if paragraph > 0 and paragraph - 1 not in ctx.paragraph_quotes:
        tagged = paragraph_tag(ctx, paragraph - 1)
        if tagged and tagged.person not in exclude:
            return Attribution(tagged.person, tagged.cue, 0.6)
        before = actor(ctx, paragraph - 1, exclude)
        if before is not None:
            return Attribution(before, "implicit", 0.45)
    if quote.kind == "thought":
        focal = point_of_view(ctx, paragraph, exclude)
        if focal is not None:
            return Attribution(focal, "implicit", 0.4)
    return None


def addressees(ctx: _Context, index: int, speakers: list[int | None]) -> list[int]:
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
        if paragraph - ctx.doc.quote_paragraph[other] > _TURN_GAP:
            break
        if ctx.doc.quotes[other].kind == kind and speakers[other] not in (None, speaker):
            if kind == "speech" and speakers[other] not in ctx.inner_host:
                return [speakers[other]]
            if kind == "thought" and speakers[other] in ctx.inner_host:
                return [speakers[other]]
            break
    return []


@stage("speakers", needs=("characters",))
def speaker_stage(doc: Document) -> None:
    """Attribute a speaker, cue, confidence and addressees to every quote."""
    ctx = _Context(doc)
    decisions = attribute(ctx)
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
