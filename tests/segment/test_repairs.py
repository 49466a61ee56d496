from ficlens.document import to_analysis
from ficlens.segment.repairs import find_repairs

TEXT = (
    "Mika waited by the gate for a while.I never saw her leave. "
    "'That was all wrong!'As simple as that, she turned. No.It was over. "
    "She bought a kite forTomas. Tomas laughed. Dr. J.K. Lowe measured 3.5 metres... Then rain."
)


def test_glued_words_are_found_with_their_fix():
    repairs = {TEXT[r.start : r.end]: r.replacement for r in find_repairs(TEXT)}
    assert repairs == {
        "while.I": "while. I",
        "wrong!'As": "wrong!' As",
        "No.It": "No. It",
        "forTomas": "for Tomas",
    }


def test_offsets_point_into_the_original_text(analyze):
    doc = analyze(TEXT, ["repairs"])
    assert "forTomas" in doc.text and "for Tomas" in doc.view
    position = doc.view.index("Tomas laughed")
    assert doc.text[doc.original_offset(position) :].startswith("Tomas laughed")
    analysis = to_analysis(doc)
    assert analysis.text == TEXT
    assert next(TEXT[r.start : r.end] for r in analysis.repairs) == "while.I"


def test_a_question_mark_opening_a_word_is_a_lost_quote_mark(analyze):
    text = (
        "\"Then she wrote to me: ?Come home at once, the hens have escaped.' So I went home "
        'the very next morning," said Pell. "Why?" asked Dee.\n'
    )
    doc = analyze(text, ["quotes"])
    assert [(text[r.start : r.end], r.kind, r.replacement) for r in doc.repairs] == [
        ("?", "lost_quote_mark", "‘")
    ]
    assert len(doc.view) == len(text)  # one character for one: no offset moves
    # the letter she quotes is cut out of Pell's speech, as with a proper opening mark
    assert [doc.view[q.start : q.end] for q in doc.quotes] == [
        '"Then she wrote to me:',
        'So I went home the very next morning,"',
        '"Why?"',
    ]
