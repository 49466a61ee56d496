"""Candidate speakers of a quote and the features the speaker ranker weighs for each.

A candidate is a character that some cue puts near the quote: a speech tag's subject, a
recent speaker, the next speakers a first pass found, a character the narration around the
quote mentions, the voice a following paragraph names. Every feature is a number in [0, 1]
(most are 0/1 flags).
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field

from ficlens.characters.mentions import RawMention
from ficlens.characters.narrator import says_i
from ficlens.quotes.cues import (
    TURN_GAP,
    Context,
    actor,
    paragraph_tag,
    point_of_view,
    speech_tags,
    voice_reveal,
)

FEATURES = (
    "tag_after_name",
    "tag_before_name",
    "tag_after_pronoun",
    "tag_before_pronoun",
    "tag_gender_agrees",
    "tag_gender_clashes",
    "sibling_tag",
    "paragraph_tag",
    "continues",
    "same_paragraph_previous",
    "previous_speaker",
    "speaker_before_previous",
    "addressed_before",
    "vocative_here",
    "named_here",
    "actor",
    "mentioned_in_paragraph",
    "mentions_in_paragraph",
    "actor_before",
    "recent_1",
    "recent_2",
    "recent_3",
    "point_of_view",
    "voice_named",
    "inner_voice_thought",
    "inner_voice_speech",
    "point_of_view_thought",
    "salience",
    "lines_so_far",
    "untagged_speaker_before_previous",
    "untagged_actor",
    "untagged_previous_speaker",
    "agrees_previous_speaker",
    "agrees_speaker_before_previous",
    "agrees_actor",
    "agrees_recent_1",
    "agrees_addressed_before",
    "clashes_previous_speaker",
    "recent_more",
    "spoke_recently_1",
    "spoke_recently_2",
    "spoke_recently_3",
    "spoke_recently_more",
    "inner_exchange",
    "tag_first_person",
    "other_party",
    "next_speaker",
    "speaker_after_next",
    "tagged_next_speaker",
    "untagged_speaker_after_next",
    "untagged_sibling_tag",
    "addressed_next",
    "long_turns",
    "previous_asked",
    "previous_adjacent",
    "untagged_same_paragraph_previous",
    "previous_quiet",
    "continues_paragraph",
)
# Cues PDNC has no examples of, so the trainer keeps these weights as set here: fan fiction's
# inner voices answer their host in turn, and a line followed by the narration looking for
# "the owner of the voice" is spoken by the one it then names.
HAND_SET_WEIGHTS = {"inner_exchange": 4.0, "voice_named": 3.0, "point_of_view_thought": 2.0}
_RECENT_WINDOW = 12  # paragraphs of narration looked back for recently mentioned characters
_RECENT_SPEAKERS = 10  # quotes looked back for recent speakers
_NAMED_KINDS = ("name", "epithet", "relation")  # a relation only counts once resolved
_LONG = 300  # characters: a quote this long is a turn of a story or an argument


def _by_gender(mention: RawMention, people: list) -> bool:
    """A tag's subject that tells only a gender: a pronoun, or a plain description ("said the
    old man"), whose person the characters stage could only guess from gender and recency. A
    description with a describing word ("the pink-haired kunoichi") or a capitalised one ("the
    Rabbit"), or one of a person known by that noun ("the burly barman"), names its person."""
    if mention.kind == "pronoun":
        return True
    if mention.kind != "epithet" or mention.gender is None:
        return False
    words = mention.surface.split()
    if any(w[:1].isupper() or "-" in w for w in words[1:]):
        return False
    person = people[mention.character].name.split() if mention.character is not None else []
    return person[-1:] != words[-1:]


@dataclass
class QuoteCues:
    """What the text around one quote says, before any speaker decision."""

    tags: dict[str, RawMention]
    paragraph_tag: int | None
    actor: int | None
    actor_before: int | None
    voice: int | None
    point_of_view: int | None
    vocatives: set[int]
    named: set[int]
    paragraph_mentions: Counter = field(default_factory=Counter)
    recent: list[int] = field(default_factory=list)  # most recently mentioned first


def quote_cues(ctx: Context, index: int) -> QuoteCues:
    """Collect the decision-free cues of quote `index`."""
    doc = ctx.doc
    paragraph = doc.quote_paragraph[index]
    quote = doc.quotes[index]
    vocatives = ctx.vocatives.get(index, set())
    inside = [m for m in ctx.in_paragraph.get(paragraph, []) if m.quote == index]
    named = {m.character for m in inside if m.character is not None and m.kind != "vocative"}
    narration = [
        m
        for m in ctx.in_paragraph.get(paragraph, [])
        if m.quote is None and m.character is not None
    ]
    before = paragraph - 1
    quiet_before = before >= 0 and before not in ctx.paragraph_quotes
    recent: list[int] = []
    for p in range(paragraph, max(-1, paragraph - _RECENT_WINDOW), -1):
        for mention in reversed(ctx.in_paragraph.get(p, [])):
            if (
                mention.quote is None
                and mention.character is not None
                and mention.start < quote.start
            ):
                if mention.character not in recent:
                    recent.append(mention.character)
    return QuoteCues(
        tags=speech_tags(ctx, index),
        paragraph_tag=paragraph_tag(ctx, paragraph),
        actor=actor(ctx, paragraph, vocatives),
        actor_before=actor(ctx, before, vocatives) if quiet_before else None,
        voice=voice_reveal(ctx, paragraph, vocatives),
        point_of_view=point_of_view(ctx, paragraph, vocatives),
        vocatives=vocatives,
        named=named,
        paragraph_mentions=Counter(m.character for m in narration),
        recent=recent[:6],
    )


@dataclass
class History:
    """The speaker decisions made so far, in quote order, and a first guess at the ones ahead."""

    speakers: list[int | None] = field(default_factory=list)
    lines: Counter = field(default_factory=Counter)
    ahead: list[int | None] | None = None  # every quote's speaker from a first pass, if any

    def add(self, person: int | None) -> None:
        """Record the decision for the next quote."""
        self.speakers.append(person)
        if person is not None:
            self.lines[person] += 1


def _earlier_turns(ctx: Context, index: int) -> Iterator[tuple[int, int]]:
    """(quote, paragraph) of the quotes of the same kind before quote `index`'s paragraph,
    latest first, within TURN_GAP paragraphs of it."""
    doc = ctx.doc
    paragraph, kind = doc.quote_paragraph[index], doc.quotes[index].kind
    for other in range(index - 1, -1, -1):
        other_paragraph = doc.quote_paragraph[other]
        if other_paragraph == paragraph or doc.quotes[other].kind != kind:
            continue
        if paragraph - other_paragraph > TURN_GAP:
            return
        yield other, other_paragraph


def _turns(ctx: Context, index: int, history: History) -> tuple[int | None, int | None, set[int]]:
    """The previous speaker, the one before them, and who the previous turn addressed."""
    kind = ctx.doc.quotes[index].kind
    previous = earlier = None
    addressed: set[int] = set()
    first = True
    for other, other_paragraph in _earlier_turns(ctx, index):
        if first:
            addressed = _turn_vocatives(ctx, other_paragraph, kind)
            first = False
        person = history.speakers[other]
        if person is None:
            continue
        if previous is None:
            previous = person
            addressed -= {person}
        elif person != previous:
            earlier = person
            break
    return previous, earlier, addressed


def _long_teller(ctx: Context, index: int, history: History) -> int | None:
    """Who spoke the last long quote before this long one: a story or an argument goes on in
    long turns, its listener's questions are short."""
    doc = ctx.doc
    quote = doc.quotes[index]
    if quote.end - quote.start < _LONG:
        return None
    for other in range(index - 1, max(-1, index - _RECENT_SPEAKERS), -1):
        earlier = doc.quotes[other]
        if earlier.kind == quote.kind and earlier.end - earlier.start >= _LONG:
            if history.speakers[other] is not None:
                return history.speakers[other]
    return None


_CLOSING = " \n\"'”’"  # what may follow a quote's last word


def _previous_turn_shape(ctx: Context, index: int) -> tuple[bool, bool, bool]:
    """Whether the last quote of the turn before this quote's paragraph asked a question,
    whether nothing but marks and spaces lies between it and this quote, and whether a
    paragraph of narration does. Someone who asks rarely speaks on; with no narration between
    two paragraphs' quotes the speaker changes, and after a paragraph of it the speaker often
    goes on."""
    turn = next(_earlier_turns(ctx, index), None)
    if turn is None:
        return False, False, False
    before = ctx.doc.quotes[turn[0]]
    asked = ctx.text[before.start : before.end].rstrip(_CLOSING)[-1:] == "?"
    gap = ctx.text[before.end : ctx.doc.quotes[index].start]
    quiet = ctx.doc.quote_paragraph[index] - turn[1] > 1
    return asked, not any(ch.isalpha() for ch in gap), quiet


def _later_turns(ctx: Context, index: int) -> Iterator[tuple[int, int]]:
    """(quote, paragraph) of the quotes of the same kind after quote `index`'s paragraph, as long
    as the exchange goes on (no gap of more than TURN_GAP paragraphs)."""
    doc = ctx.doc
    last, kind = doc.quote_paragraph[index], doc.quotes[index].kind
    for other in range(index + 1, len(doc.quotes)):
        other_paragraph = doc.quote_paragraph[other]
        if other_paragraph == doc.quote_paragraph[index] or doc.quotes[other].kind != kind:
            continue
        if other_paragraph - last > TURN_GAP:
            return
        last = other_paragraph
        yield other, other_paragraph


def _addressed_next(ctx: Context, index: int) -> set[int]:
    """Who the next turn's vocatives call: '"…"' / '"Yes, Harvey, …"' -- Harvey spoke first."""
    for _, paragraph in _later_turns(ctx, index):
        return _turn_vocatives(ctx, paragraph, ctx.doc.quotes[index].kind)
    return set()


def _turn_vocatives(ctx: Context, paragraph: int, kind: str) -> set[int]:
    """Everyone a turn's quotes call by name ('"Poirot," I cried, "where are you?"')."""
    return {
        person
        for other in ctx.paragraph_quotes[paragraph]
        if ctx.doc.quotes[other].kind == kind
        for person in ctx.vocatives.get(other, set())
    }


def _turns_ahead(ctx: Context, index: int, ahead: list[int | None], cues: list[QuoteCues]) -> tuple:
    """The next quote's speaker (and whether a tag names them), and the one after them."""
    following = after = None
    tagged = False
    for other, _ in _later_turns(ctx, index):
        person = ahead[other]
        if person is None:
            continue
        if following is None:
            following = person
            tagged = bool(cues[other].tags)
        elif person != following:
            after = person
            break
    return following, tagged, after


def candidate_features(
    ctx: Context, index: int, cues: list[QuoteCues], history: History
) -> dict[int, list[float]]:
    """Map each candidate speaker of quote `index` to its feature vector (in FEATURES order)."""
    doc = ctx.doc
    quote, paragraph = doc.quotes[index], doc.quote_paragraph[index]
    here = cues[index]
    thought = quote.kind == "thought"
    siblings = [i for i in ctx.paragraph_quotes[paragraph] if i != index]
    sibling_tagged = {cues[i].tags[side].character for i in siblings for side in cues[i].tags} - {
        None
    }
    # the tagged sibling nearest this quote: '"…," said Cuss. "…"' is one speaker's turn
    nearest = sorted((abs(i - index), i) for i in siblings if cues[i].tags)
    sibling_speaker = None
    if nearest:
        tags = cues[nearest[0][1]].tags
        sibling_speaker = (tags.get("after") or tags["before"]).character
    same_paragraph_previous = next(
        (history.speakers[i] for i in reversed(siblings) if i < index), None
    )
    continued = doc.quote_continues.get(index)
    continues = history.speakers[continued] if continued is not None else None
    continued_paragraph = continued is not None and doc.quote_paragraph[continued] != paragraph
    previous, earlier, addressed = _turns(ctx, index, history)
    addressed_next = _addressed_next(ctx, index)
    if thought:
        addressed = addressed_next = set()  # the one a thought speaks to never hears it
    speakers_before = list(
        dict.fromkeys(
            p
            for p in reversed(history.speakers[max(0, index - _RECENT_SPEAKERS) : index])
            if p is not None
        )
    )
    teller = _long_teller(ctx, index, history)
    asked, adjacent, quiet = _previous_turn_shape(ctx, index)
    tag_genders = {
        m.gender
        for m in here.tags.values()
        if m.gender and (_by_gender(m, doc.characters) or m.kind == "relation")
    }
    owners = {ctx.owners.get(m.start) for m in here.tags.values() if m.kind == "relation"}
    inner_partner = None  # who answers in a host's exchange with their inner voice
    if thought and previous is not None:
        inner_partner = ctx.inner_host.get(previous)
        if inner_partner is None:
            voice = next((v for v, h in ctx.inner_host.items() if h == previous), None)
            inner_partner = voice if voice in speakers_before[:2] else None
    present = [p for p in dict.fromkeys([*here.recent[:2], *speakers_before[:2]]) if p != previous]
    other_party = present[0] if previous is not None and len(present) == 1 else None
    if thought:
        other_party = None
    first_person = ctx.narrator is not None and says_i(doc, quote)
    untagged = not here.tags and not first_person
    named_sides = {  # the tags that name their person outright, not by a gender alone
        side: m.character
        for side, m in here.tags.items()
        if m.kind in _NAMED_KINDS and not _by_gender(m, doc.characters)
    }
    named_by_tag = set(named_sides.values())
    following = after_following = None
    following_tagged = False
    if history.ahead is not None:
        following, following_tagged, after_following = _turns_ahead(ctx, index, history.ahead, cues)

    people: set[int] = set(sibling_tagged) | set(here.paragraph_mentions) | set(here.recent)
    people |= {m.character for m in here.tags.values()}
    people |= {
        here.paragraph_tag,
        here.actor,
        here.actor_before,
        here.voice,
        here.point_of_view,
        continues,
        same_paragraph_previous,
        previous,
        earlier,
        inner_partner,
        following,
        after_following,
    }
    people |= addressed | addressed_next
    people |= set(speakers_before)
    if first_person:
        people.add(ctx.narrator)
    people.discard(None)
    people -= owners  # "said her mother": whoever "her" is, she is not the one speaking

    found: dict[int, list[float]] = {}
    for person in people:
        character = doc.characters[person]
        tag = {side: m for side, m in here.tags.items() if m.character == person}
        by_gender = {side for side, m in tag.items() if _by_gender(m, doc.characters)}
        named = {side for side, named_person in named_sides.items() if named_person == person}
        inner = person in ctx.inner_host
        # '"…," said Mary; and Katharine answered, "…"': a name tag takes the paragraph from
        # whoever spoke or acted in it before, and a thought from the point-of-view character
        open_to = not named_by_tag or person in named_by_tag
        values = {
            "tag_after_name": "after" in named,
            "tag_before_name": "before" in named,
            "tag_after_pronoun": "after" in by_gender,
            "tag_before_pronoun": "before" in by_gender,
            "tag_gender_agrees": character.gender in tag_genders,
            "tag_gender_clashes": bool(tag_genders)
            and character.gender in ("female", "male")
            and character.gender not in tag_genders,
            "sibling_tag": person in sibling_tagged,
            "paragraph_tag": person == here.paragraph_tag,
            "continues": person == continues,
            "continues_paragraph": person == continues and continued_paragraph,
            "same_paragraph_previous": person == same_paragraph_previous and open_to,
            "previous_speaker": person == previous,
            "speaker_before_previous": person == earlier,
            "inner_exchange": person == inner_partner,
            "tag_first_person": first_person and person == ctx.narrator,
            "other_party": untagged and person == other_party,
            "next_speaker": person == following,
            "speaker_after_next": person == after_following,
            "tagged_next_speaker": following_tagged and person == following,
            "untagged_speaker_after_next": untagged and person == after_following,
            "addressed_before": person in addressed,
            "addressed_next": person in addressed_next,
            "long_turns": person == teller,
            "previous_asked": person == previous and asked,
            "previous_adjacent": person == previous and adjacent and continued is None,
            "previous_quiet": person == previous and quiet,
            "untagged_same_paragraph_previous": untagged and person == same_paragraph_previous,
            "vocative_here": person in here.vocatives,
            "named_here": person in here.named,
            "actor": person == here.actor and open_to,
            "mentioned_in_paragraph": person in here.paragraph_mentions,
            "mentions_in_paragraph": min(1.0, here.paragraph_mentions[person] / 3),
            "actor_before": person == here.actor_before,
            "recent_1": here.recent[:1] == [person],
            "recent_2": len(here.recent) > 1 and here.recent[1] == person,
            "recent_3": len(here.recent) > 2 and here.recent[2] == person,
            "point_of_view": person == here.point_of_view,
            "voice_named": person == here.voice,
            "inner_voice_thought": inner and thought,
            "inner_voice_speech": inner and not thought,
            "point_of_view_thought": thought and person == here.point_of_view and open_to,
            "salience": min(1.0, math.log1p(character.mention_count) / 8),
            "lines_so_far": min(1.0, math.log1p(history.lines[person]) / 6),
            "untagged_speaker_before_previous": untagged and person == earlier,
            "untagged_actor": untagged and person == here.actor,
            "untagged_previous_speaker": untagged and person == previous,
            "untagged_sibling_tag": untagged and person == sibling_speaker,
        }
        spoke = speakers_before.index(person) if person in speakers_before else -1
        values |= {
            "recent_more": person in here.recent[3:],
            "spoke_recently_1": spoke == 0,
            "spoke_recently_2": spoke == 1,
            "spoke_recently_3": spoke == 2,
            "spoke_recently_more": spoke > 2,
        }
        agrees = values["tag_gender_agrees"]
        values |= {
            "agrees_previous_speaker": agrees and person == previous,
            "agrees_speaker_before_previous": agrees and person == earlier,
            "agrees_actor": agrees and person == here.actor,
            "agrees_recent_1": agrees and values["recent_1"],
            "agrees_addressed_before": agrees and person in addressed,
            "clashes_previous_speaker": values["tag_gender_clashes"] and person == previous,
        }
        found[person] = [float(values[name]) for name in FEATURES]
    return found
