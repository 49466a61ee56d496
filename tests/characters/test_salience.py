"""Narration pronouns resolved by salience: subjects over objects, binding, reflexives."""

from ficlens.characters.salience import Salience, name_role, pronoun_role

SUBJECT_FIRST = """Mrs. Hale had always liked Mrs. Thornton. She smiled at the old lady.

Mrs. Hale looked at Miss Lennox for a long time. She had not expected so much trouble."""

BINDING = """Mr. Hale had known Mr. Bell since school. Mr. Bell rode out to the station to meet him.

Mr. Hale wrote to Mr. Bell every winter. Mr. Bell said he had cut himself on the ice."""


def resolved(doc, word: str, occurrence: int = 0) -> str:
    """The name of the character whose chain the `occurrence`-th mention spelled `word` joins."""
    names = {c.id: c.name for c in doc.characters}
    found = [m for m in doc.mentions if doc.view[m.start : m.end] == word]
    return names[found[occurrence].entity]


def test_the_subject_of_the_previous_sentence_beats_the_latest_name(analyze):
    doc = analyze(SUBJECT_FIRST, only=["coref"])
    assert resolved(doc, "She", 0) == "Mrs. Hale"
    # "looked at Miss Lennox": the object of a preposition is less salient than the subject
    assert resolved(doc, "She", 1) == "Mrs. Hale"


def test_an_object_pronoun_is_not_its_clause_subject_and_a_reflexive_is(analyze):
    doc = analyze(BINDING, only=["coref"])
    assert resolved(doc, "him") == "Mr. Hale"  # "Mr. Bell rode out … to meet him"
    assert resolved(doc, "himself") == "Mr. Bell"


def test_roles_from_the_words_around_a_mention():
    text = "Anne gave him her hat and looked at her. Tom's dog ran to Anne."
    assert pronoun_role(text, 10, 13) == "object"  # him
    assert pronoun_role(text, 14, 17) == "owner"  # her hat
    assert pronoun_role(text, 36, 39) == "oblique"  # at her
    assert name_role(text, 41, 44, subject=False) == "owner"  # Tom's
    assert name_role(text, 58, 62, subject=False) == "oblique"  # to Anne
    assert name_role(text, 0, 4, subject=True) == "subject"


def test_salience_halves_with_each_sentence_and_gender_must_fit():
    salience = Salience(window_paragraphs=5)
    salience.observe(1, "subject", sentence=0, paragraph=0, end=4)
    salience.observe(2, "oblique", sentence=0, paragraph=0, end=30)
    genders = {1: "female", 2: "female", 3: "male"}.get
    assert salience.choose("female", 1, 0, genders, set()) == 1
    # a newer mention outweighs an old subject
    salience.observe(2, "object", sentence=3, paragraph=1, end=80)
    assert salience.choose("female", 3, 1, genders, set()) == 2
    assert salience.choose("male", 3, 1, genders, set()) is None
    # out of the window, nobody
    assert salience.choose("female", 40, 9, genders, set()) is None
