"""Relationships: lines spoken to each other per scene, shared scenes, mentions, pairings."""

from __future__ import annotations

from interpret_fixtures import story

from ficlens.interpret.relationships import find_relationships


def by_pair(doc):
    return {tuple(r.characters): r for r in find_relationships(doc)}


def test_lines_spoken_to_each_other_are_counted_per_scene_and_overall():
    rows = by_pair(story())
    wren_tobin = rows[("wren", "tobin")]
    assert wren_tobin.spoken_to == 5  # every line of the first scene
    assert wren_tobin.spoken_to_by_scene == {0: 5}
    wren_ada = rows[("wren", "ada")]
    assert wren_ada.spoken_to == 1 and wren_ada.spoken_to_by_scene == {1: 1}


def test_shared_scenes_count_speakers_and_mentions():
    rows = by_pair(story())
    # Wren and Tobin: scene 1 (both speak), scene 2 (Wren speaks, Tobin is named), not scene 3.
    assert rows[("wren", "tobin")].co_present_scenes == 2
    assert rows[("wren", "ada")].co_present_scenes == 1
    assert rows[("tobin", "ada")].co_present_scenes == 1


def test_mentions_in_lines_count_but_vocatives_do_not():
    rows = by_pair(story())
    # "Where has Tobin gone?" (Ada) names Tobin; "Tobin went home, Ada." (Wren) names Tobin
    # and addresses Ada; "Wren," and "Tobin," in scene 1 are vocatives.
    assert rows[("tobin", "ada")].mentions == 1
    assert rows[("wren", "tobin")].mentions == 1
    assert rows[("wren", "ada")].mentions == 0


def test_declared_pairing_marks_the_pair_and_order_is_by_exchanges():
    relationships = find_relationships(story())
    assert relationships[0].characters == ["wren", "tobin"]
    assert relationships[0].declared == "platonic"
    assert all(r.declared is None for r in relationships[1:])
    assert len(relationships) == 3


def test_a_character_speaking_to_themself_makes_no_pair():
    doc = story()
    doc.quotes[0].addressees = ["tobin"]
    rows = by_pair(doc)
    assert rows[("wren", "tobin")].spoken_to == 4
    assert not any(a == b for a, b in rows)
