"""A first-person narrator is one character under every name the others call them."""

from ficlens.characters.narrator import says_i

STORY = """I came down to the harbour early. Marcus Tobin was already there, mending a net.

"Morning," I said.

"Morning, Daniel. You're up before the gulls."

"Couldn't sleep," I said. I sat on the wall beside him.

"Nor could I, Daniel. The wind's wrong." Tobin spat into the water.

Later the clerk from the shipping office came along the quay with his ledger.

"Is the boat ready?" I said.

"Not yet, Mr. Hale. Tomorrow, perhaps."

"Tomorrow, then," I said.

"I'll send word, Mr. Hale," the clerk said, and went on."""


def test_the_names_the_others_call_the_narrator_are_one_character(analyze):
    doc = analyze(STORY, ["narrator"])
    narrator = next(c for c in doc.characters if "Daniel" in [c.name, *c.aliases])
    assert {"Daniel", "Mr. Hale"} <= {narrator.name, *narrator.aliases}
    assert not any(c.name == "Mr. Hale" for c in doc.characters if c is not narrator)
    assert [c.id for c in doc.characters] == [f"c{n + 1}" for n in range(len(doc.characters))]
    ids = {c.id for c in doc.characters}
    assert all(m.character in ids for m in doc.mentions if m.character is not None)


def test_a_first_person_tag_needs_a_speech_verb(analyze):
    doc = analyze(
        '"Late again?" Marcus asked. "Couldn\'t you sleep?" I stretched and rubbed my eyes.\n\n'
        '"No," I said quietly.\n\n"Not a wink," said I.\n\nI answered, "None at all."'
    )
    assert [says_i(doc, quote) for quote in doc.quotes] == [False, False, True, True, True]
