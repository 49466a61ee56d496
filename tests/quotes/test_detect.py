from conftest import quoted

THOUGHTS = """Pell kicked the door. 'Stupid door,' she thought. The girls' lockers rattled.

"It's four o'clock," Jory said. "We've got 'em now—"

'Maybe he's right' Pell's inner voice said.

They played a game called 'who can hold their breath longest' until dusk.
Back in the '90s it was different."""


def test_speech_and_thought_are_told_apart_from_apostrophes(analyze):
    doc = analyze(THOUGHTS, ["quotes"])
    assert quoted(doc) == [
        "'Stupid door,'",
        "\"It's four o'clock,\"",
        "\"We've got 'em now—\"",
        "'Maybe he's right'",
    ]
    assert [q.kind for q in doc.quotes] == ["thought", "speech", "speech", "thought"]


def test_quote_running_over_paragraphs(analyze):
    text = '"The river rose that spring," said Ada. "It took the mill.\n\n"It took the bridge too."'
    doc = analyze(text, ["quotes"])
    assert quoted(doc) == [
        '"The river rose that spring,"',
        '"It took the mill.',
        '"It took the bridge too."',
    ]
    assert doc.quote_continues == {2: 1}


def test_curly_quotes_and_nested_quotes(analyze):
    text = "“She told me ‘never again,’ and left,” Bram said."
    doc = analyze(text, ["quotes"])
    assert quoted(doc) == ["“She told me ‘never again,’ and left,”"]


def test_single_quote_dialogue_is_speech(analyze):
    lines = "\n\n".join(f"'Line {i} is here,' said Tam. 'And more.'" for i in range(8))
    doc = analyze(lines, ["quotes"])
    assert doc.dialogue_mark == "single"
    assert {q.kind for q in doc.quotes} == {"speech"}


def test_a_quotation_or_stage_direction_inside_speech_splits_it(analyze):
    text = (
        "“Then he said: ‘Go home before the rain starts.’ So I went,” Bram said.\n\n"
        "“Well--(sitting down again)--go on. She told me ‘never again,’ and left.”"
    )
    doc = analyze(text, ["quotes"])
    # the quotation is the other man's words and the parenthesis the narrator's; a short
    # quoted phrase ("‘never again,’") stays part of the speech
    assert quoted(doc) == [
        "“Then he said:",
        "So I went,”",
        "“Well--",
        "--go on. She told me ‘never again,’ and left.”",
    ]
    assert doc.quote_continues == {1: 0, 3: 2}


def test_a_story_told_in_speech_whose_single_marks_became_spaces(analyze):
    # an encoding turned every curly single mark into a space ("don t", "the miller s"); in
    # the story Oslo tells, the dialogue he quotes is cut out of his own words
    text = (
        '"We could not sleep. I don t know why; the miller s dog howled all night.\n\n'
        '" Who is there?  said I.\n\n'
        '" A friend,  he answered,  only a friend. \n\n'
        '"So I let him in, and that was my mistake. I won t make it twice. I can t."\n\n'
        '"I said,  Go home,  and he went," Oslo ended. "Isn t that so? Doesn t it?"\n'
    )
    doc = analyze(text, ["quotes"])
    assert quoted(doc)[1:4] == [
        "said I.",
        "he answered,",
        '"So I let him in, and that was my mistake. I won t make it twice. I can t."',
    ]
    # a quotation in the middle of someone's speech stays part of it, as PDNC has it
    assert quoted(doc)[4] == '"I said,  Go home,  and he went,"'


def test_names_and_titles_set_off_in_narration_are_not_speech(analyze):
    text = (
        'Together they stood for "Old Harbour," and on manners he was the authority on "form." '
        'The band played the overture to "The Miller and the Moon." Then she said "Yes." '
        '"Good," he said.'
    )
    doc = analyze(text, ["quotes"])
    assert quoted(doc) == ['"Yes."', '"Good,"']


def test_a_phrase_set_off_before_a_new_sentence_is_not_speech(analyze):
    # "She did not" opens a sentence, not a tag: the quoted phrases are the narrator's
    text = (
        'At dusk they reached the little "boat-house." She did not ask him in. When she would '
        'no longer be "borrowed from," he sulked. "Fine," he said. "Not that," she said '
        'coldly, "never that." He left.'
    )
    doc = analyze(text, ["quotes"])
    assert quoted(doc) == ['"Fine,"', '"Not that,"', '"never that."']


def test_a_quote_right_after_the_tag_of_the_one_before_goes_on_with_that_speech(analyze):
    # no comma after the tag, and a speech broken off with a space before its mark: both are
    # the rest of the tagged speech, not phrases set off in narration
    text = (
        '"Yes," said Ada slowly "but I never thought you meant it."\n\n'
        '"I showed this morning," began Tomas, "that the ferry "\n\n'
        '"Never mind the ferry," said Ada. Then he spoke of the "old harbour."'
    )
    doc = analyze(text, ["quotes"])
    assert quoted(doc) == [
        '"Yes,"',
        '"but I never thought you meant it."',
        '"I showed this morning,"',
        '"that the ferry "',
        '"Never mind the ferry,"',
    ]


def test_a_name_or_word_cited_is_not_speech(analyze):
    text = (
        'She was reading a novel called "The Tide Mill," and had reached the word "reckless." '
        'Then she called "Tomas!" from the window.'
    )
    doc = analyze(text, ["quotes"])
    assert quoted(doc) == ['"Tomas!"']
