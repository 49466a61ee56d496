"""Affect: VADER scores on quotes and narration, scene moods and character arcs."""

from __future__ import annotations

import time

from interpret_fixtures import build, story

from ficlens.interpret.affect import score_affect, sentiment


def test_every_quote_gets_a_score_with_the_right_sign():
    doc = story()
    score_affect(doc)
    scores = {doc.view[q.start : q.end]: q.sentiment for q in doc.quotes}
    assert scores['"I hate this awful, miserable storm."'] < -0.5
    assert scores['"What a lovely, happy day."'] > 0.5
    assert scores['"Wren, pass me the rope,"'] == 0.0
    assert all(value is not None for value in scores.values())


def test_narration_is_scored_without_the_quotes_inside_it():
    doc = story()
    affect = score_affect(doc)
    text = doc.view
    by_sentence = {text[s.start : s.end]: s.compound for s in affect.narration}
    assert by_sentence["The grey sea was cold and cruel."] < 0
    assert by_sentence["The storm was over and the morning was bright and beautiful."] > 0.5
    # '"Catch it, Tobin," Wren said, and threw it.' has only neutral narration around its quote.
    assert by_sentence['"Catch it, Tobin," Wren said, and threw it.'] == 0.0
    # A sentence that is all quote has no narration to score.
    assert "Ada asked." in by_sentence and "'He always leaves,' Ada thought." in by_sentence
    assert '"Where has Tobin gone?"' not in by_sentence
    assert not any(key.startswith('"I hate') for key in by_sentence)


def test_arcs_follow_each_character_scene_by_scene():
    doc = story()
    affect = score_affect(doc)
    assert affect.unit == "scene"
    assert len(affect.segments) == 3
    arcs = {arc.character: arc for arc in affect.arcs}
    # Ada: absent from scenes 1 and 3; in scene 2 her two lines and the three narration
    # sentences naming her ("Ada walked ...", "Ada asked.", "... Ada thought."), not the
    # "Ada" inside Wren's line.
    assert arcs["ada"].values[0] is None and arcs["ada"].values[2] is None
    assert arcs["ada"].counts[1] == 5
    # Tobin is named in the last scene's bright narration.
    assert arcs["tobin"].values[2] == 0.0  # "Tobin slept." is neutral
    assert arcs["tobin"].counts[2] == 1
    assert affect.segments[2].compound > 0.3
    assert all(seg.scored > 0 for seg in affect.segments)


def test_one_scene_story_uses_equal_stretches():
    text = "\n\n".join(
        f"Wren walked to the harbour on day {n}. It was a {mood} day."
        for n, mood in zip(range(40), ["lovely", "terrible"] * 20, strict=True)
    )
    doc = build(text, [])
    affect = score_affect(doc)
    assert affect.unit == "position"
    assert len(affect.segments) == 10
    assert [s.start for s in affect.segments] == sorted(s.start for s in affect.segments)
    assert sum(s.scored for s in affect.segments) == len(affect.narration) == 80


def test_sentiment_of_text_without_words_is_none():
    assert sentiment("...!") is None
    assert sentiment("wonderful") > 0


def test_a_novel_length_text_is_scored_in_seconds():
    paragraph = (
        '"I hate this awful storm," Wren said. Tobin laughed at the lovely grey sea, and the '
        "gulls cried over the harbour wall while the boats knocked together in the dark."
    )
    text = "\n\n".join([paragraph] * 5334)  # 30 words a paragraph
    doc = build(text, [('"I hate this awful storm,"', "speech", "wren", ["tobin"])] * 5334)
    assert len(text.split()) >= 160_000
    began = time.perf_counter()
    score_affect(doc)
    elapsed = time.perf_counter() - began
    assert elapsed < 20, f"affect took {elapsed:.1f} s"
