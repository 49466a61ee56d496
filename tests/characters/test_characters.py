from ficlens.characters.names import normalise_honorific

STORY = """Disclaimer: I own nothing but the plot. MikoXTaro forever!

Miko Sato hurried down the hill. She was late again, and Taro-kun would be waiting.

"Taro-kun!" Miko called out. "Wait for me!"

"You're late, Miko-chan," Taro said, folding his arms.

The red-haired girl laughed. 'He always says that,' Miko thought.

'He waited, didn't he?' Inner-Miko pointed out.

Mr. Sato watched them from the porch. He shook his head and went back inside."""


def by_name(doc):
    return {c.name: c for c in doc.characters}


def test_honorifics_normalise():
    assert normalise_honorific("Chaaa!-aaan") == "chan"
    assert normalise_honorific("KUN") == "kun"
    assert normalise_honorific("sensei") == "sensei"


def test_names_honorifics_and_inner_voice(analyze):
    doc = analyze(STORY)
    people = by_name(doc)
    miko = next(c for c in doc.characters if "Miko Sato" in c.aliases)
    assert {"Miko", "Miko-chan", "Miko Sato", "the red-haired girl"} <= set(miko.aliases)
    assert miko.gender == "female"
    taro = next(c for c in doc.characters if "Taro-kun" in c.aliases)
    assert taro.gender == "male"
    inner = next(c for c in doc.characters if "Inner-Miko" in c.aliases)
    assert inner.inner_voice_of == miko.id
    father = next(c for c in doc.characters if "Mr. Sato" in c.aliases)
    assert father.id != miko.id  # a shared surname is not the same person
    assert len(people) == 4


def test_speakers_and_addressees(analyze):
    doc = analyze(STORY)
    names = {c.id: c.name for c in doc.characters}
    speakers = [names.get(q.speaker) for q in doc.quotes]
    miko = names[doc.quotes[0].speaker]
    assert speakers[:3] == [miko, miko, speakers[2]]
    assert speakers[2] != miko
    assert doc.quotes[0].cue == "explicit"
    assert doc.quotes[0].addressees == [doc.quotes[2].speaker]  # the vocative "Taro-kun"
    assert names[doc.quotes[3].speaker] == miko  # 'He always says that,' Miko thought.
    assert doc.quotes[3].kind == "thought"
    assert names[doc.quotes[4].speaker].startswith("Inner")


def test_declared_pairing(analyze):
    doc = analyze(STORY)
    assert len(doc.pairings) == 1
    pairing = doc.pairings[0]
    names = {c.id: c.name for c in doc.characters}
    assert pairing.kind == "romantic"
    assert {names[c] for c in pairing.characters} == {"Miko Sato", "Taro"} or len(
        {names[c] for c in pairing.characters}
    ) == 2


def test_middle_initials_and_apostrophe_names(analyze):
    doc = analyze(
        "William J. Blair came in. Nora O'Hara smiled at him. "
        "Blair sat down, and O'Hara laughed. Later William Blair left with Nora."
    )
    forms = {c.name: set(c.aliases) for c in doc.characters}
    assert forms["William Blair"] >= {"William J. Blair", "Blair"}
    assert forms["Nora O'Hara"] >= {"O'Hara", "Nora"}
