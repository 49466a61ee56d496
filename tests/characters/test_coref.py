"""Coreference, the declared cast and the cast file, on short original texts."""

from ficlens.characters.cast import merge_casts, parse_cast
from ficlens.characters.clusters import declared_forms

FIRST_PERSON = """I had not seen Hana Mori since the winter. She waved at me from the bridge.

"You came," Hana said to me. "I was sure you would forget."

"I never forget," I said. My voice shook a little, and I hated it."""

FAMILY = """Mr. Bennet read his paper. Elizabeth Bennet laughed at him.

His mother had given him the paper. His mother was a careful woman, and the old man knew it.

Elizabeth looked at her father. He did not look up."""


def chain_of(doc, text):
    """The entity of the first mention whose surface is `text`."""
    for m in doc.mentions:
        if doc.view[m.start : m.end] == text:
            return m.entity
    raise AssertionError(f"no mention {text!r}")


def chains(doc):
    out = {}
    for m in doc.mentions:
        out.setdefault(m.entity, []).append(doc.view[m.start : m.end])
    return out


def test_first_person_narrator_and_quotes(analyze):
    doc = analyze(FIRST_PERSON)
    narrator = next(c for c in doc.characters if c.name == "the narrator")
    hana = next(c for c in doc.characters if c.name.startswith("Hana"))
    assert hana.gender == "female"
    mentions = {(doc.view[m.start : m.end], m.start): m for m in doc.mentions}
    first_i = mentions[("I", 0)]
    assert first_i.character == narrator.id
    # inside Hana's quote, "I" is Hana and "you" is the narrator she speaks to
    quote = doc.quotes[1]
    inside = [m for m in doc.mentions if quote.start <= m.start < quote.end]
    by_text = {doc.view[m.start : m.end]: m.character for m in inside}
    assert by_text["I"] == hana.id
    assert by_text["you"] == narrator.id
    # the narrator's own quote: "I" is the narrator again
    last = doc.quotes[2]
    mine = [m for m in doc.mentions if last.start <= m.start < last.end]
    assert [m.character for m in mine] == [narrator.id]


def test_family_names_stay_apart_and_nominal_chains(analyze):
    doc = analyze(FAMILY)
    father = next(c for c in doc.characters if "Mr. Bennet" in c.aliases)
    daughter = next(c for c in doc.characters if "Elizabeth Bennet" in c.aliases)
    assert father.id != daughter.id
    assert father.gender == "male" and daughter.gender == "female"
    grouped = chains(doc)
    # "His mother" twice, owned by the same man, is one person who is not Mr. Bennet
    mother = [e for e, texts in grouped.items() if texts.count("His mother") == 2]
    assert len(mother) == 1 and mother[0] not in (father.id, daughter.id)
    # "He" in the last line is her father
    he = [m for m in doc.mentions if doc.view[m.start : m.end] == "He"][-1]
    assert he.character == father.id


def test_declared_cast_names_and_aliases(analyze):
    from ficlens.document import Document
    from ficlens.model import Source
    from ficlens.pipeline import run

    text = (
        "Everyone called him Dai. Daisuke Kato never minded.\n\n"
        '"Dai-kun!" Rin shouted. Dai waved back at her.\n\n'
        "Rin Aoki smiled."
    )
    cast = [["Daisuke Kato", "Dai", "Dai-kun"], ["Rin Aoki", "Rin"], ["Kenta Ono", "Kenta"]]
    doc = run(Document(text=text, source=Source(path="<test>"), declared_cast=cast))
    names = {c.name: c for c in doc.characters}
    assert {"Daisuke Kato", "Rin Aoki", "Kenta Ono"} <= set(names)
    dai = names["Daisuke Kato"]
    assert {"Dai", "Dai-kun", "Daisuke Kato"} <= set(dai.aliases)
    assert dai.mention_count >= 3
    assert names["Kenta Ono"].mention_count == 0  # declared, never mentioned: still a character
    assert len([c for c in doc.characters if "Dai" in c.aliases]) == 1


def test_parse_cast_file_format():
    text = "# canonical; aliases\nSakura Haruno; Sakura; Sakura-chan\n\n  Sasuke ; Sasuke-kun;\n"
    assert parse_cast(text) == [
        ["Sakura Haruno", "Sakura", "Sakura-chan"],
        ["Sasuke", "Sasuke-kun"],
    ]
    merged = merge_casts([["Sasuke", "Sasuke-kun"]], [["Sasuke Uchiha", "Sasuke"], ["Ino"]])
    assert merged == [["Sasuke", "Sasuke-kun", "Sasuke Uchiha"], ["Ino"]]
    assert declared_forms("Mr. Woodhouse") == ("mr", ("Woodhouse",))
    assert declared_forms("Sakura-chan") == (None, ("Sakura",))


def test_chapter_numerals_and_absolute_possessives_are_not_mentions(analyze):
    doc = analyze("CHAPTER I\n\nI found the lamp. The lamp was mine, and the shawl was hers.")
    surfaces = [doc.view[m.start : m.end] for m in doc.mentions]
    assert surfaces.count("I") == 1 and doc.view.index("I found") in [m.start for m in doc.mentions]
    assert "mine" not in surfaces and "hers" not in surfaces


def test_them_after_a_plural_thing_is_no_person(analyze):
    doc = analyze(
        "Mara stretched her legs until one of them cramped. "
        "The twins saw her, and Mara waved to them."
    )
    surfaces = [doc.view[m.start : m.end] for m in doc.mentions]
    assert surfaces.count("them") == 1
    assert doc.view.index("to them") + 3 in [m.start for m in doc.mentions]


def test_a_pronoun_gives_an_unnamed_person_its_gender(analyze):
    doc = analyze("A stranger sat by the fire. She hummed a tune. He laughed at the window.")
    assert chain_of(doc, "She") == chain_of(doc, "A stranger")
    assert chain_of(doc, "He") != chain_of(doc, "She")


def test_pronouns_before_any_name_form_their_own_chain(analyze):
    doc = analyze("He walked into the cold room. He sat down and waited for the kettle.")
    he = [m for m in doc.mentions if doc.view[m.start : m.end] == "He"]
    assert len(he) == 2 and he[0].entity is not None and he[0].entity == he[1].entity
