"""Speech tags: which mention a tag around a quote makes its speaker (original texts)."""

from __future__ import annotations

import pytest

from ficlens.quotes.cues import Context, speech_tags
from ficlens.quotes.features import FEATURES, History, candidate_features, quote_cues


def tag_names(doc, index: int) -> dict[str, str | None]:
    """The character each side's tag of quote `index` names (None: a tag with no character)."""
    names = [c.name for c in doc.characters]
    tags = speech_tags(Context(doc), index)
    return {side: None if m.character is None else names[m.character] for side, m in tags.items()}


def quote_index(doc, opening: str) -> int:
    return next(i for i, q in enumerate(doc.quotes) if doc.view[q.start + 1 :].startswith(opening))


ASIDE = """Tomas Reyes and Mira Vance waited in the library while the rain went on.

Tomas Reyes, taking down a book for Mira Vance, exclaimed, "We never finished these."

Mira Vance smiled at him.
"""

PREPOSITION = """Tomas Reyes and Mira Vance waited in the library while the rain went on. Mira Vance
said nothing for a while; and then, rising up, said to Tomas Reyes,

"The rain will not stop tonight."
"""

REPORTED = """Tomas Reyes and Mira Vance sat by the window. Mira Vance frowned.

Tomas Reyes listened; for Mira Vance, with more patience than sense, protested he must be
wrong, and Ada Pell, never a patient girl, loudly exclaimed,

"You are both wrong about the ferry!"
"""

GOES_ON = """Tomas Reyes and Mira Vance sat by the window.

"The ferry is late," said Tomas Reyes.

Mira Vance did not answer. Tomas Reyes continued.

"It was late yesterday too, and the day before."
"""

VOICE_OF = """Ada Pell and Mira Vance sat on the bank of the river.

"It is going to rain," cut in the clear voice of Ada Pell.

"Not before tea," said Mira Vance.
"""

SHAPES = """Tomas Reyes and Mira Vance sat by the window, and Ada Pell came in with the tea.

"Try the jam," Ada Pell was saying. "It is the good jam."

"I shall," Tomas Reyes at length replied.

"Not all of it!" broke from Mira Vance, who had seen the jar.

"Only a spoonful," were Tomas Reyes's next words.

"Then pass it," Ada Pell put in.

"Waste not," Mira Vance would say of every jar.

"I beg your pardon," apologised Tomas Reyes.

"There is more jam." It was Mira Vance who spoke.

"How greedy!" came from Ada Pell's pursed lips.

"Only crumbs left," at last broke sadly from Tomas Reyes.

"Is there no more?" were the first words which burst from Mira Vance.
"""

HANDED_ON = """Tomas Reyes and Mira Vance sat by the window, and Ada Pell came in with the tea.

"The ferry is late again," said Tomas Reyes, while Mira Vance, pouring the tea, answered: "It
always is on Sundays."

"Shall we walk, then?" asked Ada Pell, and Tomas Reyes, after a long look at the rain, said:

"Not in this."

"Is that the last cup?" Ada Pell asked, and Mira Vance, looking into the pot, said: "Not
quite."
"""
LEADS_IN = """Tomas Reyes and Mira Vance sat by the window, and Ada Pell came in with the tea.

Tomas Reyes looked pleased; and with a grave bow replied,

"You are too kind."

Ada Pell set down the tray by the lamp and, turning to the window, ended by remarking:

"The rain will stop by noon."

The ferry went by, a short silence followed, which was broken by Ada Pell, who said,

"There it goes."

Then, from the hall, Mira Vance's voice came, low and clear: "Goodnight, all."
"""


@pytest.mark.parametrize(
    ("story", "opening", "expected"),
    [
        (ASIDE, "We never", {"before": "Tomas Reyes"}),  # not Mira Vance, inside the aside
        # "said to Tomas Reyes": he is spoken to; the clause goes on with Mira Vance's
        (PREPOSITION, "The rain", {"before": "Mira Vance"}),
        (REPORTED, "You are", {"before": "Ada Pell"}),  # "protested he must be" reports
        (GOES_ON, "It was late", {"before": "Tomas Reyes"}),  # "Tomas Reyes continued."
        (VOICE_OF, "It is going", {"after": "Ada Pell"}),
        (SHAPES, "Try the", {"after": "Ada Pell"}),
        (SHAPES, "I shall", {"after": "Tomas Reyes"}),
        (SHAPES, "Not all", {"after": "Mira Vance"}),
        (SHAPES, "Only a", {"after": "Tomas Reyes"}),
        (SHAPES, "Then pass", {"after": "Ada Pell"}),
        (SHAPES, "Waste not", {"after": "Mira Vance"}),  # a habit: "would say"
        (SHAPES, "I beg", {"after": "Tomas Reyes"}),
        (SHAPES, "There is more", {"after": "Mira Vance"}),  # "It was X who spoke"
        (SHAPES, "How greedy", {"after": "Ada Pell"}),
        (SHAPES, "Only crumbs", {"after": "Tomas Reyes"}),
        (SHAPES, "Is there no", {"after": "Mira Vance"}),
        # the previous quote's tag opens the narration and hands on to the next clause's subject
        (HANDED_ON, "It\nalways", {"before": "Mira Vance"}),
        (HANDED_ON, "Not in this", {"before": "Tomas Reyes"}),
        (HANDED_ON, "Not\nquite", {"before": "Mira Vance"}),
        # a clause with no subject of its own goes on with the one before the semicolon
        (LEADS_IN, "You are too", {"before": "Tomas Reyes"}),
        (LEADS_IN, "There it goes", {"before": "Ada Pell"}),  # "…, who said," comes first
        (LEADS_IN, "Goodnight", {"before": "Mira Vance"}),  # "X's voice came:"
        (LEADS_IN, "The rain will stop", {"before": "Ada Pell"}),  # -ing form leads in
    ],
)
def test_the_tag_names_the_speaker(analyze, story, opening, expected):
    doc = analyze(story, ["narrator"])
    assert tag_names(doc, quote_index(doc, opening)) == expected


def test_a_paragraph_that_ends_with_a_quote_and_its_verb_leads_into_nothing(analyze):
    doc = analyze(GOES_ON.replace("Mira Vance did not answer. Tomas Reyes continued.\n\n", ""))
    assert tag_names(doc, quote_index(doc, "It was late")) == {}


DESCRIBED = """Tomas Reyes stood at the door while Mira Vance laid the table.

"Supper is late again," said the old man.
"""


def test_a_plain_description_in_a_tag_tells_a_gender_not_a_person(analyze):
    doc = analyze(DESCRIBED, ["narrator"])
    ctx = Context(doc)
    (tag,) = speech_tags(ctx, 0).values()
    assert (tag.kind, tag.gender) == ("epithet", "male")
    found = candidate_features(ctx, 0, [quote_cues(ctx, 0)], History())
    named = {doc.characters[p].name: dict(zip(FEATURES, v, strict=True)) for p, v in found.items()}
    assert not any(v["tag_after_name"] for v in named.values())
    assert named["Tomas Reyes"]["tag_gender_agrees"]
    assert not named["Mira Vance"]["tag_gender_agrees"]


STORY_TOLD = """Tomas Reyes sat by the stove and Mira Vance leaned on the door.

"Tell me how the ferry sank," said Mira Vance.

"It was the winter the river froze twice. The ferryman had been drinking since noon, and the
ice had been groaning since the morning, and nobody in the village thought that either of them
would hold out until the evening bell, least of all the ferryman's wife, who stood on the bank
with her shawl over her head and her two boys beside her."

"And did it?"

"The ice held until the cart was halfway across. Then it broke under the front wheels, and the
horse went down first, and the ferryman after it, and the cart stayed a long while on its side
on the ice, as if it could not believe what it had seen, before it followed them both down into
the black water, and nobody ever found so much as a wheel."
"""


def features_of(doc, index: int, speakers: list[int | None]) -> dict[str, dict[str, float]]:
    """Each candidate's features for quote `index`, by name, after the given speaker history."""
    ctx = Context(doc)
    cues = [quote_cues(ctx, i) for i in range(len(doc.quotes))]
    history = History()
    for person in speakers[:index]:
        history.add(person)
    found = candidate_features(ctx, index, cues, history)
    return {doc.characters[p].name: dict(zip(FEATURES, v, strict=True)) for p, v in found.items()}


def test_long_turns_and_the_shape_of_the_previous_turn(analyze):
    doc = analyze(STORY_TOLD, ["narrator"])
    names = [c.name for c in doc.characters]
    mira, tomas = names.index("Mira Vance"), names.index("Tomas Reyes")
    told = features_of(doc, 3, [mira, tomas, mira])
    # the last long quote was Tomas's: a story goes on in long turns
    assert told["Tomas Reyes"]["long_turns"] and not told["Mira Vance"]["long_turns"]
    # Mira asked, and nothing but marks lies between her question and this quote
    assert told["Mira Vance"]["previous_asked"] and told["Mira Vance"]["previous_adjacent"]
    asked = features_of(doc, 2, [mira, tomas])
    assert not asked["Tomas Reyes"]["long_turns"]  # a short question is no turn of the story
    assert not asked["Tomas Reyes"]["previous_asked"]


def test_the_paragraphs_previous_speaker_counts_apart_when_the_quote_has_no_tag(analyze):
    doc = analyze('Tomas Reyes and Mira Vance sat down.\n\n"Sit," said Tomas Reyes. "Eat."\n')
    names = [c.name for c in doc.characters]
    tomas = names.index("Tomas Reyes")
    second = features_of(doc, 1, [tomas])
    assert second["Tomas Reyes"]["untagged_same_paragraph_previous"]
    first = features_of(doc, 0, [])
    assert not any(v["untagged_same_paragraph_previous"] for v in first.values())


def test_a_name_tag_takes_the_paragraph_from_the_one_who_spoke_before_in_it(analyze):
    doc = analyze(
        'Tomas Reyes and Mira Vance sat down.\n\n"Sit," said Tomas Reyes; and Mira Vance, '
        'smiling, answered, "Thank you."\n'
    )
    names = [c.name for c in doc.characters]
    tomas, mira = names.index("Tomas Reyes"), names.index("Mira Vance")
    second = features_of(doc, 1, [tomas])
    assert second["Mira Vance"]["tag_before_name"]
    assert not second["Tomas Reyes"]["same_paragraph_previous"]
    assert not second["Tomas Reyes"]["actor"]
    assert features_of(doc, 1, [mira])["Mira Vance"]["same_paragraph_previous"]  # tagged: kept


SPEECH_GOES_ON = """Tomas Reyes and Mira Vance sat by the stove.

"The river froze twice that winter," said Tomas Reyes. "Nobody crossed it.

"Then the thaw came in one night and took the bridge."

Mira Vance poured the tea.

"And the ferry?"
"""


def test_a_speech_over_paragraphs_is_no_change_of_turn_and_narration_lets_one_go_on(analyze):
    doc = analyze(SPEECH_GOES_ON, ["narrator"])
    tomas = [c.name for c in doc.characters].index("Tomas Reyes")
    assert doc.quote_continues.get(2) == 1  # the open quote goes on in the next paragraph
    going_on = features_of(doc, 2, [tomas, tomas])
    # nothing but marks lies between the two paragraphs, yet it is one speech, not a new turn
    assert going_on["Tomas Reyes"]["continues"] and going_on["Tomas Reyes"]["continues_paragraph"]
    assert not going_on["Tomas Reyes"]["previous_adjacent"]
    after_tea = features_of(doc, 3, [tomas, tomas, tomas])
    assert after_tea["Tomas Reyes"]["previous_quiet"]  # a paragraph of narration came between
    assert not after_tea["Tomas Reyes"]["continues_paragraph"]
    assert not going_on["Tomas Reyes"]["previous_quiet"]
