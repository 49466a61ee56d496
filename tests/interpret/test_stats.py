"""Story statistics: story vs notes, speech vs thought, dialogue share, scene lengths."""

from __future__ import annotations

from interpret_fixtures import NOTE, story

from ficlens.interpret.stats import story_stats


def test_notes_are_counted_apart_from_the_story():
    doc = story()
    stats = story_stats(doc)
    assert stats.paratext_words == len(NOTE.split()) == 6
    assert stats.story_words + stats.paratext_words + 2 == stats.words  # two "xXx" lines
    assert stats.scenes == 3
    assert stats.scene_words == [32, 37, 13]
    assert sum(stats.scene_words) == stats.story_words


def test_speech_thought_and_narration_words():
    stats = story_stats(story())
    assert stats.speech_quotes == 7 and stats.thought_quotes == 1
    assert stats.thought_words == 3  # 'He always leaves,'
    assert stats.speech_words == 5 + 3 + 6 + 4 + 5 + 4 + 8
    assert stats.narration_words == stats.story_words - stats.speech_words - stats.thought_words
    assert stats.dialogue_share == round(stats.speech_words / stats.story_words, 4)


def test_each_character_has_lines_words_share_and_first_appearance():
    doc = story()
    rows = {row.character: row for row in story_stats(doc).characters}
    assert rows["wren"].lines == 3 and rows["wren"].words_spoken == 3 + 6 + 8
    assert rows["tobin"].lines == 3 and rows["tobin"].words_spoken == 5 + 4 + 5
    assert rows["ada"].speech_lines == 1 and rows["ada"].thought_lines == 1
    assert rows["ada"].words_thought == 3
    total = sum(row.words_spoken for row in rows.values())
    assert rows["wren"].dialogue_share == round(17 / total, 4)
    # Tobin's first line opens the story; Wren is named inside it first.
    assert rows["tobin"].first_appearance == doc.view.index('"Wren, pass')
    assert rows["wren"].first_appearance == doc.view.index("Wren, pass")
    assert rows["ada"].first_appearance == doc.view.index("Ada walked")
