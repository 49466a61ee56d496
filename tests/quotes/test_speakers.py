"""Speaker attribution on short original texts: tags, turns, vocatives, narrators, inner voices."""

from __future__ import annotations

import json

import pytest

from ficlens.errors import FiclensError
from ficlens.quotes.cues import Context
from ficlens.quotes.features import (
    FEATURES,
    HAND_SET_WEIGHTS,
    History,
    candidate_features,
    quote_cues,
)
from ficlens.quotes.ranker import Ranker, load_ranker, probabilities


def speakers(doc) -> list[str | None]:
    """Each quote's speaker by character name."""
    names = {c.id: c.name for c in doc.characters}
    return [names.get(q.speaker) for q in doc.quotes]


EXCHANGE = """Mira Vance pushed the workshop door open with her hip.

"You're late again," said Tomas Reyes, without looking up from the loom.

"The ferry was late. I only follow it."

"The ferry has been late every day this week."

"Then blame the ferry, Tomas."

He snorted and went back to his threads.
"""


def test_tags_turns_and_vocatives(analyze):
    doc = analyze(EXCHANGE, ["speakers"])
    # tagged; then strict alternation; "Tomas" is spoken to, not speaking, in the last line
    assert speakers(doc) == ["Tomas Reyes", "Mira Vance", "Tomas Reyes", "Mira Vance"]
    assert [q.cue for q in doc.quotes][0] == "explicit"
    assert all(0.0 < q.confidence <= 1.0 for q in doc.quotes)
    last = doc.quotes[-1]
    tomas = next(c.id for c in doc.characters if c.name == "Tomas Reyes")
    assert last.addressees == [tomas]


INNER = """Hana stared at the empty stage.

'He isn't coming,' Inner-Hana said flatly.

'He promised.'

'He promises a lot of things.'

Hana folded the programme into a small, hard square.
"""


def test_inner_voice_answers_its_host(analyze):
    doc = analyze(INNER, ["speakers"])
    assert speakers(doc) == ["Inner Hana", "Hana", "Inner Hana"]


def test_an_inner_voice_never_speaks_aloud_untagged(analyze):
    text = INNER + '\nShe walked over to the usher at the door.\n\n"Is the show cancelled?"\n'
    doc = analyze(text, ["speakers"])
    assert speakers(doc) == ["Inner Hana", "Hana", "Inner Hana", "Hana"]


VOICE = """Down by the river, Oren scrubbed at the stain that Lucy had left on his good shirt,
and then Oren scrubbed harder, until his knuckles were raw.

"That won't come out."

He looked up toward where the voice had come from. Lucy. She stood on the bridge with her
arms crossed, and for once Lucy was not smiling.
"""


def test_the_voice_the_narration_then_names_speaks(analyze):
    doc = analyze(VOICE, ["speakers"])
    assert speakers(doc) == ["Lucy"]


NARRATOR = """I met Pell at the station, as I always did on Fridays.

"Good old Wren!" Pell said. "I thought you'd forgotten me."

"Never," I said.

"You say that every week, Wren."

"And every week I mean it," I said.

We walked up the hill together. I carried his bag, and I did not complain about it.

"Wren, you're a saint."

"Only on Fridays, Pell," I said.

"Then I'll see you next Friday, Wren."
"""


def test_first_person_narrator_takes_the_name_others_call_them(analyze):
    doc = analyze(NARRATOR, ["coref"])
    # Pell's greeting is two quotes; then the two take turns, the narrator saying "I said"
    assert speakers(doc) == ["Pell", "Pell", "Wren", "Pell", "Wren", "Pell", "Wren", "Pell"]
    wren = next(c for c in doc.characters if c.name == "Wren")
    assert "I" in wren.aliases
    assert not any(c.name == "the narrator" for c in doc.characters)


def test_shipped_model_has_every_feature_and_its_provenance():
    from importlib import resources

    data = json.loads(
        resources.files("ficlens.quotes").joinpath("speaker_model.json").read_text("utf-8")
    )
    assert set(data["features"]) == set(FEATURES)
    assert "Project Dialogism Novel Corpus" in data["provenance"]
    ranker = load_ranker()
    for name, weight in HAND_SET_WEIGHTS.items():
        assert ranker.weights[FEATURES.index(name)] == weight


def test_ranker_round_trip_and_softmax(tmp_path):
    ranker = Ranker(tuple(float(i) for i in range(len(FEATURES))))
    path = tmp_path / "model.json"
    path.write_text(json.dumps(ranker.to_dict(note="test")), encoding="utf-8")
    assert load_ranker(path) == ranker
    chances = probabilities({1: 0.0, 2: 0.0, 3: 2.0})
    assert chances[1] == pytest.approx(chances[2])
    assert max(chances, key=chances.get) == 3
    assert sum(chances.values()) == pytest.approx(1.0)


def test_a_broken_model_file_is_a_clear_error(tmp_path):
    path = tmp_path / "model.json"
    path.write_text("{not json", encoding="utf-8")
    with pytest.raises(FiclensError, match="not a ficlens speaker model"):
        load_ranker(path)


def test_training_learns_the_turns_it_is_shown(analyze):
    from ficlens.quotes.cues import Context
    from ficlens.quotes.speakers import rank_quotes
    from ficlens.quotes.train import Prepared, fit

    doc = analyze(NARRATOR, ["characters"])
    index = {c.name: n for n, c in enumerate(doc.characters)}
    gold = ["Pell", "Pell", "Wren", "Pell", "Wren", "Pell", "Wren", "Pell"]
    ranker = fit([Prepared("narrator", doc, None, [{index[name]} for name in gold])])
    decided = [d.person for _, d in rank_quotes(Context(doc), ranker)]
    assert decided == [index[name] for name in gold]
    assert ranker.weights[FEATURES.index("tag_first_person")] > 0


LEAD_IN = """Mira Vance sat by the stove until she was roused from a doze by Tomas Reyes, who,
shaking the rain from his coat, crossed the room and said, "The ferry is not running tonight."

"Then we stay," said Mira Vance.

Mira Vance was almost wishing to wake her, when Ada Pell, startled by the thunder, sat up and
cried out, "Is it morning?"
"""


def test_a_lead_in_clause_names_its_speaker_past_other_people(analyze):
    doc = analyze(LEAD_IN, ["speakers"])
    assert speakers(doc) == ["Tomas Reyes", "Mira Vance", "Ada Pell"]


RELATIONS = """Ilsa Marr and her sister Clara sat by the window while the rain came down.

"It will not stop before dark," Ilsa said.

"Then we shall stay in," said her sister. "I like the rain."

Ilsa laughed, and their mother looked up from her sewing.

"You like everything," said her mother.
"""


def test_a_relation_tag_is_someone_of_that_kind_not_its_owner(analyze):
    doc = analyze(RELATIONS, ["speakers"])
    # "said her sister": her = Ilsa, so the sister speaks; "said her mother": not Ilsa again
    said = speakers(doc)
    assert said[:3] == ["Ilsa", "Clara", "Clara"]
    assert said[3] != "Ilsa"


LEAD_IN_PARAGRAPH = """The hall was quiet for a while. Then, lowering his voice, Oren Tal said:

"We leave before the tide turns."

Wren Daley nodded. "I will wake the others."
"""


def test_a_paragraph_that_leads_into_the_next_names_its_speaker(analyze):
    doc = analyze(LEAD_IN_PARAGRAPH, ["speakers"])
    assert speakers(doc) == ["Oren Tal", "Wren Daley"]
    assert doc.quotes[0].cue == "explicit"


INVERTED = """Oren Tal and Wren Daley stood at the gate with Bram Hollis.

"The road is closed," said Oren Tal.

"Since when?" broke in Wren Daley.

"Since the flood," said the ever-patient Bram Hollis.
"""


def test_inverted_tags_with_a_particle_or_describing_words(analyze):
    doc = analyze(INVERTED, ["speakers"])
    assert speakers(doc) == ["Oren Tal", "Wren Daley", "Bram Hollis"]
    assert [q.cue for q in doc.quotes] == ["explicit"] * 3


OPEN_LEAD_INS = """Oren Tal and Wren Daley waited on the pier with Bram Hollis.

After a long silence Wren Daley said--

"The boat is late again."

Bram Hollis shrugged. Then Oren Tal said, rubbing his cold hands

"It always is in winter."
"""


def test_a_lead_in_ending_in_a_dash_or_no_stop_names_its_speaker(analyze):
    doc = analyze(OPEN_LEAD_INS, ["speakers"])
    # "said--" is the verb "said"; a paragraph with no full stop runs on into the quote
    assert speakers(doc) == ["Wren Daley", "Oren Tal"]
    assert [q.cue for q in doc.quotes] == ["explicit"] * 2


FAMILY_TAGS = """Mrs. Marren and Mr. Marren were at the table. Count Orsolo stood by the door,
and Anna Marren sat by the fire with her book.

"It is late," said Anna Marren.

"Then go to bed," said her mother.

Mrs. Marren sighed and put down her cup.

"Let her stay," said her husband.

"The snow will not stop tonight," said the count.

"It never does," said the count, and went out.
"""


def test_relations_and_titles_in_tags_name_their_one_person(analyze):
    doc = analyze(FAMILY_TAGS, ["speakers"])
    # her (Anna Marren) mother is Mrs. Marren; her (Mrs. Marren) husband is Mr. Marren;
    # "the count" is the one person written "Count …"
    assert speakers(doc) == [
        "Anna Marren",
        "Mrs. Marren",
        "Mr. Marren",
        "Count Orsolo",
        "Count Orsolo",
    ]
    assert [q.cue for q in doc.quotes] == ["explicit"] * 5


RESPONSES = """Mary Holt and Elizabeth Crane sat in the garden with their brother Tom Holt.

"I cannot possibly go," was Mary Holt's reasoning.

Tom Holt said nothing. Elizabeth Crane's complaint was, "Nobody ever asks me."
"""


def test_a_possessive_response_noun_tags_the_quote(analyze):
    doc = analyze(RESPONSES, ["speakers"])
    assert speakers(doc) == ["Mary Holt", "Elizabeth Crane"]
    assert [q.cue for q in doc.quotes] == ["explicit", "explicit"]


def test_a_name_tag_takes_a_thought_from_the_point_of_view_character(analyze):
    doc = analyze(
        "Hana stared at the torn paper on her bench. Hana had worked on it all night.\n\n"
        "'Don't you dare cry,' Inner-Hana snapped.\n",
        ["narrator"],
    )
    ctx = Context(doc)
    cues = [quote_cues(ctx, i) for i in range(len(doc.quotes))]
    found = candidate_features(ctx, 0, cues, History())
    by_name = {
        doc.characters[p].name: dict(zip(FEATURES, v, strict=True)) for p, v in found.items()
    }
    assert doc.quotes[0].kind == "thought"
    assert by_name["Inner Hana"]["tag_after_name"]
    assert not by_name["Hana"]["point_of_view_thought"]
