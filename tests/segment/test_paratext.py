from ficlens.segment.paratext import classify

STORY = """Disclaimer: I do not own the moon, the tides, or anyone in this story.

A/N: This is my first fic for the Lighthouse fandom! Thanks to my beta.

Oren climbed the stairs two at a time.

"Wait for me," Lira called.

[A/N: the next bit was hard to write!] The lamp flickered.

xXx

Morning came grey and cold.

(AN) Thanks for reading! Please review and tell me what you think.

To driftwood22: thank you, I will!"""


def test_notes_are_found_at_head_inline_and_foot(analyze):
    doc = analyze(STORY, ["paratext"])
    kinds = [(n.kind, doc.view[n.start : n.start + 12]) for n in doc.paratext]
    assert kinds == [
        ("disclaimer", "Disclaimer: "),
        ("author_note", "A/N: This is"),
        ("author_note", "[A/N: the ne"),
        ("author_note", "(AN) Thanks "),
        ("review_reply", "To driftwood"),
    ]
    story = [doc.view[p.start : p.end] for p in doc.paragraphs if p.story]
    assert story[0] == "Oren climbed the stairs two at a time."
    assert not any("Please review" in p for p in story)


def test_common_note_forms():
    assert classify("A/N: quick note") == "author_note"
    assert classify("AN: quick note") == "author_note"
    assert classify("Author's Note: hello") == "author_note"
    assert classify("[A/N thanks everyone]") == "author_note"
    assert classify("Note: this is AU.") == "author_note"
    assert classify("I don't own anything but the plot.") == "disclaimer"
    assert classify("An owl hooted in the dark.") is None
    assert classify("Anna noted the time.") is None


def test_a_bare_note_marker_opens_a_note_after_the_disclaimer(analyze):
    text = (
        "Disclaimer: I do not own the Lantern Isles or anyone in them.\n\n"
        "(AN)Hi everyone! This is my first story here, so please be gentle and tell me what "
        "you think in a review.\n\n"
        "The ferry bumped against the pier, and Mira stepped off into the rain.\n"
    )
    doc = analyze(text, ["paratext"])
    assert [note.kind for note in doc.paratext] == ["disclaimer", "author_note"]
    assert doc.view[doc.paratext[1].start : doc.paratext[1].start + 4] == "(AN)"
