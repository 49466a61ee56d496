"""Quoted letters, notes and inscriptions are written text: kind "written", nobody's line."""

LETTER = """The post came at noon. Wren opened the envelope at the window.

"My dear Wren,"

"The orchard is sold, and the new people move in by Michaelmas. Do not grieve over it."

"Your loving brother,"

"TAM."

"Sold!" cried Wren. "He never said a word."

"Perhaps he did not know how," said Pell."""

NOTES = """On the kitchen door Pell had pinned a card, and on it she had written:
"Back by six. Feed the hens."

"Gone to the fair," Wren wrote on the back of it.

"You wrote that?" Pell asked, holding the card. "It looks like a child's hand."

Wren laughed. "Read it out, then," she said."""


def kinds(doc) -> list[tuple[str, str]]:
    return [(doc.view[q.start : q.end][:14], q.kind) for q in doc.quotes]


def test_a_letter_laid_out_as_quoted_paragraphs(analyze):
    doc = analyze(LETTER, ["speakers"])
    assert [k for _, k in kinds(doc)] == ["written"] * 4 + ["speech"] * 3
    letter = [q for q in doc.quotes if q.kind == "written"]
    assert all(q.speaker is None for q in letter)  # nobody's line of dialogue
    spoken = [q for q in doc.quotes if q.kind == "speech"]
    assert all(q.speaker is not None for q in spoken)


def test_notes_introduced_or_tagged_by_writing_but_not_speech_about_them(analyze):
    doc = analyze(NOTES, ["quotes"])
    assert kinds(doc) == [
        ('"Back by six. ', "written"),
        ('"Gone to the f', "written"),
        ('"You wrote tha', "speech"),  # "Pell asked": spoken, though it mentions writing
        ('"It looks like', "speech"),
        ('"Read it out, ', "speech"),
    ]


SET_OFF = """Ivo took the folded sheet from the drawer and read it to himself.

     "The boat leaves at dawn. Bring nothing you cannot carry."

"Who sent this?" asked Merle.

Ivo only hummed the old ferry song under his breath:

    "Row me over, row me home,
    Past the weir and through the foam."

"Not that again," said Merle."""


def test_a_block_indented_past_the_paragraphs_is_set_apart_from_the_conversation(analyze):
    doc = analyze(SET_OFF, ["speakers"])
    assert kinds(doc) == [
        ('"The boat leav', "written"),
        ('"Who sent this', "speech"),
        ('"Row me over, ', "written"),
        ('"Not that agai', "speech"),
    ]
    assert [q.speaker is None for q in doc.quotes] == [True, False, True, False]


def test_ragged_indentation_sets_nothing_apart(analyze):
    ragged = "\n\n".join(
        ("    " if n % 2 else "")
        + f'"Line {n} of the quarrel," said {"Ivo" if n % 2 else "Merle"}.'
        for n in range(8)
    )
    doc = analyze(ragged, ["quotes"])
    assert [q.kind for q in doc.quotes] == ["speech"] * 8
