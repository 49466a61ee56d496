"""Nominal person mentions, on short original sentences."""

from ficlens.characters.nominals import (
    find_nominals,
    name_phrase_end,
    name_phrase_start,
    person_word,
    plural_things,
)


def spans(text, names=None):
    return [text[n.start : n.end] for n in find_nominals(text, 0, len(text), names)]


def test_describing_words_before_the_head_belong_to_the_phrase():
    text = "Yesterday a tall old fisherman sold his catch to the new cook."
    assert spans(text) == ["a tall old fisherman", "the new cook"]


def test_possessors_and_bare_plurals():
    text = "Nell's aunt waved, and his brothers laughed with sailors from the quay."
    found = spans(text, {(0, 4): True})
    assert found == ["Nell's aunt", "his brothers", "sailors"]
    aunt = next(find_nominals(text, 0, len(text), {(0, 4): True}))
    assert aunt.det == "possessive" and aunt.owner == (0, 4) and aunt.gender == "female"


def test_of_phrases_and_who_clauses_extend_the_phrase():
    text = "She married the son of a baker. Later I met a woman who sold lamps."
    assert spans(text) == ["the son of a baker", "a baker", "a woman who sold lamps"]


def test_bare_singulars_only_for_forms_of_address():
    assert spans("Yes, sir, the lantern is lit.") == ["sir"]
    assert spans("He worked as cook and porter.") == []


def test_nobody_and_adjective_uses():
    found = list(find_nominals("Nobody came to the general meeting.", 0, 35))
    assert [(n.det, n.head) for n in found] == [("quantified", "nobody")]
    assert person_word("fishermen") == ("fisherman", "male", True)
    assert person_word("teapot") is None


def test_counts_own_and_other_after_a_determiner():
    text = "Her two daughters met those three men and their own wives; the other clerks left."
    assert spans(text) == [
        "Her two daughters", "those three men", "their own wives", "the other clerks"
    ]  # fmt: skip


def test_a_nominal_possessor_and_a_phrase_in_a_place():
    text = "Then my uncle's wife saw the miller in the yard."
    assert spans(text) == ["my uncle", "my uncle's wife", "the miller in the yard"]


def test_split_pronouns_and_those_who():
    text = "Some one else knocked, and every body ran to those who waited."
    found = list(find_nominals(text, 0, len(text)))
    assert [text[n.start : n.end] for n in found] == [
        "Some one else", "every body", "those who waited"
    ]  # fmt: skip
    assert {n.det for n in found} == {"quantified"}


def test_bare_plurals_keep_adjectives_but_not_verbs():
    assert spans("The inn had worthy neighbours.") == ["worthy neighbours"]
    assert spans("The storm drowned seafaring men.") == ["men"]
    assert spans("Indians and Englishmen traded.") == ["Indians", "Englishmen"]


def test_wordnet_person_nouns():
    assert person_word("herders") == ("herder", None, True)
    assert person_word("stripling") == ("stripling", None, False)
    assert person_word("tell") is None and person_word("teapots") is None
    assert spans("A drover met the colliers.") == ["A drover", "the colliers"]


def test_describing_words_before_a_name():
    text = "Then said old Cotter to the amiable Miss Sedley, the moment Emma saw Jemima."
    starts = {
        name: name_phrase_start(text, text.index(name))
        for name in ("Cotter", "Miss", "Emma", "Jemima")
    }
    assert {name: text[start : start + 3] for name, start in starts.items()} == {
        "Cotter": "old", "Miss": "the", "Emma": "Emm", "Jemima": "Jem"
    }  # fmt: skip


def test_partitives_and_hyphenated_compounds():
    text = "Then one of us met some of the saloon-keepers and one of the houses."
    assert spans(text) == ["one of us", "some of the saloon-keepers", "the saloon-keepers"]


def test_plural_things_for_them():
    text = "He stretched his legs till one of them ached, and the boys waved."
    ends = plural_things(text, 0, text.index("them"))
    assert [text[:end].rsplit(" ", 2)[-2:] for end in ends] == [["his", "legs"]]
    assert plural_things(text, text.index("ached"), len(text)) == []


def test_adjectives_in_a_list_after_a_determiner_only():
    assert spans("A tall, elegant girl looked up at the more practiced veteran.") == [
        "A tall, elegant girl", "the more practiced veteran"
    ]  # fmt: skip
    assert spans("The room was dark, young men came.") == ["young men"]


def test_an_article_before_a_name_belongs_to_its_phrase():
    text = "Then the Ayah met a Miss Taylor."
    assert text[name_phrase_start(text, text.index("Ayah")) :].startswith("the Ayah")
    assert text[name_phrase_start(text, text.index("Miss")) :].startswith("a Miss")
    said = "said her Ladyship"
    assert said[name_phrase_start(said, said.index("Ladyship")) :] == "her Ladyship"


def test_a_name_phrase_takes_its_place_and_numeral():
    text = "Captain Jack Carter of Virginia bowed to Napoleon III and left."
    assert text[: name_phrase_end(text, text.index(" of"))].endswith("Carter of Virginia")
    assert text[: name_phrase_end(text, text.index(" III"))].endswith("Napoleon III")
    assert name_phrase_end(text, text.index(" bowed")) == text.index(" bowed")


def test_relative_clauses_with_that_a_parenthesis_and_adverbs():
    assert spans("He was the happiest fellow that ever lived.") == [
        "the happiest fellow that ever lived"
    ]  # fmt: skip
    assert spans("She told the clerk that he was late.") == ["the clerk"]
    assert spans("I met a man who, for his own amusement, read novels.") == [
        "a man who, for his own amusement, read novels"
    ]  # fmt: skip
    assert spans("Call a gentleman of about thirty.") == ["a gentleman of about thirty"]


def test_capitalised_forms_of_address_and_prepositions():
    assert spans("It was the reason Mother left.") == ["Mother"]
    assert spans("They don't like children of mine.") == ["children of mine"]
