"""Given names from the Census lists: which words are names and the gender they tell."""

from ficlens.characters.given_names import is_given_name, name_gender


def test_common_given_names_and_their_gender():
    assert is_given_name("Carol") and name_gender("Carol") == "female"
    assert is_given_name("Emil") and name_gender("Emil") == "male"
    assert is_given_name("Leslie") and name_gender("Leslie") is None  # borne by both


def test_rare_entries_and_other_words_are_not_names():
    assert not is_given_name("Kirby") and name_gender("Kirby") is None
    assert not is_given_name("Sasuke") and not is_given_name("Paris")
