"""The HTML report: escaping, quote spans, paratext boxes, charts data, no network, and speed."""

from __future__ import annotations

import json
import re
import time
from html.parser import HTMLParser
from pathlib import Path

from plotly.offline import get_plotlyjs

from ficlens.model import (
    Affect,
    AffectSegment,
    Analysis,
    Character,
    CharacterArc,
    CharacterStats,
    Mention,
    Pairing,
    Paratext,
    Quote,
    Relationship,
    Repair,
    Source,
    Span,
    StoryStats,
)
from ficlens.write.html import PALETTE, force_layout, json_for_script, render_html

# Offsets are found with str.index so the fixtures stay readable.
NOTE = "A/N: Thanks to my beta, who reads everything twice. This is for the willow tree."
STORY = (
    f"{NOTE}\n\n"
    '"Hold the ladder," Mira said. "The last lantern is stuck."\n\n'
    "'He will drop it,' Mira thought. Tomas held the ladder anyway.\n\n"
    "xXx\n\n"
    '"Got it!" Tomas called out.Mira laughed.'
)
VOID_TAGS = {"meta", "br", "hr", "img", "input", "link", "wbr", "source", "col", "area", "base"}


def span_of(text: str, piece: str, start: int = 0) -> tuple[int, int]:
    at = text.index(piece, start)
    return at, at + len(piece)


def paragraphs_of(text: str) -> list[Span]:
    spans, cursor = [], 0
    for chunk in text.split("\n\n"):
        spans.append(Span(start=cursor, end=cursor + len(chunk)))
        cursor += len(chunk) + 2
    return spans


def small_analysis(text: str = STORY) -> Analysis:
    speech_1 = span_of(text, '"Hold the ladder,"')
    speech_2 = span_of(text, '"The last lantern is stuck."')
    thought = span_of(text, "'He will drop it,'")
    speech_3 = span_of(text, '"Got it!"')
    glued = span_of(text, "out.Mira")
    break_at = text.index("xXx")
    return Analysis(
        source=Source(path="fixtures/willow.txt"),
        text=text,
        paratext=[Paratext(start=0, end=len(NOTE), kind="author_note")],
        scenes=[Span(start=len(NOTE) + 2, end=break_at), Span(start=break_at, end=len(text))],
        paragraphs=paragraphs_of(text),
        repairs=[Repair(start=glued[0], end=glued[1], replacement="out. Mira")],
        quotes=[
            Quote(
                id="q1",
                start=speech_1[0],
                end=speech_1[1],
                kind="speech",
                speaker="mira",
                addressees=["tomas"],
                cue="explicit",
                confidence=0.87,
            ),
            Quote(
                id="q2",
                start=speech_2[0],
                end=speech_2[1],
                kind="speech",
                speaker="mira",
                cue="explicit",
                confidence=0.8,
            ),
            Quote(
                id="q3",
                start=thought[0],
                end=thought[1],
                kind="thought",
                speaker="mira",
                cue="explicit",
                confidence=0.9,
            ),
            Quote(
                id="q4",
                start=speech_3[0],
                end=speech_3[1],
                kind="speech",
                speaker="tomas",
                cue="explicit",
                confidence=0.95,
            ),
        ],
        characters=[
            Character(
                id="mira",
                name="Mira Sato",
                aliases=["Mira", "Mira-chan"],
                gender="female",
                mention_count=4,
                quote_count=3,
            ),
            Character(
                id="tomas",
                name="Tomas",
                aliases=["Tomas"],
                gender="male",
                mention_count=2,
                quote_count=1,
            ),
        ],
        mentions=[
            Mention(start=m.start(), end=m.end(), character="mira", kind="name")
            for m in re.finditer("Mira", text)
        ],
    )


class TagBalance(HTMLParser):
    """Counts unclosed and mismatched tags, to check the markup nests properly."""

    def __init__(self) -> None:
        super().__init__()
        self.stack: list[str] = []
        self.errors: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag not in VOID_TAGS:
            self.stack.append(tag)

    def handle_endtag(self, tag):
        if not self.stack or self.stack[-1] != tag:
            self.errors.append(f"</{tag}> with {self.stack[-3:]} open")
        else:
            self.stack.pop()


def assert_well_nested(page: str) -> None:
    checker = TagBalance()
    checker.feed(page)
    checker.close()
    assert checker.errors == []
    assert checker.stack == []


def without_scripts(page: str) -> str:
    """The page with the contents of its script elements left out."""
    return re.sub(r"(<script\b[^>]*>).*?(</script>)", r"\1\2", page, flags=re.DOTALL)


def data_block(page: str) -> str:
    return page.split('<script type="application/json" id="ficlens-data">')[1].split("</script>")[0]


def reader_of(page: str) -> str:
    return page.split('<article id="reader" class="reader">')[1].split("</article>")[0]


def quote_tags(page: str) -> list[str]:
    return re.findall(r'<span class="quote [^"]*"[^>]*>', reader_of(page))


def test_user_text_is_escaped():
    text = 'Rin typed <script>alert(1)</script> and then </textarea> "<b>bold</b>," she said.'
    quote = span_of(text, '"<b>bold</b>,"')
    analysis = Analysis(
        source=Source(path="<script>evil.txt"),
        text=text,
        paragraphs=[Span(start=0, end=len(text))],
        quotes=[Quote(id="q<1>", start=quote[0], end=quote[1], kind="speech", speaker="rin")],
        characters=[Character(id="rin", name='Rin "<i>" Ito', aliases=["<Rin>"])],
    )
    page = render_html(analysis)
    outside = without_scripts(page)
    assert "<script>alert(1)</script>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "</textarea>" not in page
    assert "<b>bold</b>" not in page
    assert "<i>" not in outside
    assert "&lt;Rin&gt;" in page
    # Only our own script elements: the chart data, plotly.js and our script.
    assert re.findall(r"<script\b[^>]*>", page) == [
        '<script type="application/json" id="ficlens-data">',
        "<script>",
        "<script>",
    ]
    assert_well_nested(outside)


def test_chart_data_cannot_close_its_script_element():
    name = "</script><script>alert(1)</script>\u2028&amp;"
    text = "Zed waved."
    analysis = Analysis(
        source=Source(path="z.txt"),
        text=text,
        paragraphs=[Span(start=0, end=len(text))],
        characters=[
            Character(id="z", name=name, mention_count=3),
            Character(id="y", name="Yui", mention_count=2),
        ],
        mentions=[Mention(start=0, end=3, character="z", kind="name")],
    )
    page = render_html(analysis)
    block = data_block(page)
    assert "<" not in block and ">" not in block and "&" not in block and "\u2028" not in block
    data = json.loads(block)
    assert {node["name"] for node in data["network"]["nodes"]} == {name, "Yui"}
    assert page.count("</script>") == 3


def test_json_for_script_escapes_the_dangerous_characters():
    safe = json_for_script({"a": "<>&\u2028\u2029'\""})
    assert str(safe) == '{"a":"\\u003c\\u003e\\u0026\\u2028\\u2029\'\\""}'
    assert json.loads(str(safe)) == {"a": "<>&\u2028\u2029'\""}


def test_quote_span_has_speaker_name_cue_confidence_and_addressees():
    page = render_html(small_analysis())
    first = next(tag for tag in quote_tags(page) if 'data-qid="q1"' in tag)
    assert 'data-speaker="mira"' in first
    assert "Speaker: Mira Sato" in first
    assert "explicit" in first
    assert "confidence 0.87" in first
    assert "to: Tomas" in first
    assert "speech" in first.split('"')[1]


def test_same_speaker_same_colour_and_different_speakers_differ():
    page = render_html(small_analysis())
    colours = {}
    for tag in quote_tags(page):
        speaker = re.search(r'data-speaker="([^"]+)"', tag).group(1)
        colour = re.search(r"spk-\d+", tag).group(0)
        colours.setdefault(speaker, set()).add(colour)
    assert len(colours["mira"]) == 1
    assert colours["mira"] != colours["tomas"]


def test_thought_gets_class_thought():
    page = render_html(small_analysis())
    thought = next(tag for tag in quote_tags(page) if 'data-qid="q3"' in tag)
    assert "quote thought" in thought
    speech = next(tag for tag in quote_tags(page) if 'data-qid="q4"' in tag)
    assert "thought" not in speech.split('"')[1]


def test_paratext_sits_inside_a_details_box_with_its_kind():
    page = render_html(small_analysis())
    match = re.search(r"<details[^>]*>(.*?)</details>", page, re.DOTALL)
    assert match is not None
    assert "paratext-author_note" in match.group(0)
    assert "Author&#x27;s note" in match.group(1) or "Author's note" in match.group(1)
    assert "Thanks to my beta" in match.group(1)
    assert "Hold the ladder" not in match.group(1)


def test_scene_break_repair_and_character_table():
    analysis = small_analysis()
    page = render_html(analysis)
    assert page.count('class="scene-break"') == 1
    assert '<span class="repair" id="r-0"' in page
    assert "out. Mira" in page  # replacement in the title and in the repairs list
    assert 'data-focus="mira"' in page and "Mira-chan" in page
    assert_well_nested(page)


def test_inner_voice_and_pairings_are_shown_by_name():
    analysis = small_analysis()
    analysis.characters.append(Character(id="inner-mira", name="Inner-Mira", inner_voice_of="mira"))
    at = analysis.text.index("willow tree")
    analysis.pairings = [
        Pairing(
            start=at,
            end=at + 6,
            characters=["mira", "tomas"],
            kind="romantic",
            source="author_note",
        ),
        Pairing(start=at, end=at + 6, characters=["mira", "tomas"], kind="platonic", source="tags"),
    ]
    page = render_html(analysis)
    row = re.search(r"<tr>\s*<td><button[^>]*data-focus=\"inner-mira\".*?</tr>", page, re.DOTALL)
    assert row is not None and "Mira Sato" in row.group(0)
    assert "Mira Sato / Tomas" in page
    assert "Mira Sato &amp; Tomas" in page


def test_quote_over_two_paragraphs_is_closed_and_reopened():
    text = '"The river was high that year.\n\n"And the bridge was gone," Oren said.'
    analysis = Analysis(
        source=Source(path="two.txt"),
        text=text,
        paragraphs=paragraphs_of(text),
        quotes=[Quote(id="q1", start=0, end=text.index(",") + 2, kind="speech", speaker="oren")],
        characters=[Character(id="oren", name="Oren")],
    )
    page = render_html(analysis)
    reader = reader_of(page)
    assert reader.count('data-qid="q1"') == 2
    assert 'class="quote speech spk-0 cont"' in reader
    assert_well_nested(page)


def test_spans_crossing_each_other_still_nest():
    text = "'Go!'Ana ran. He went for a while.Then stopped."
    glued = span_of(text, "!'Ana")
    analysis = Analysis(
        source=Source(path="cross.txt"),
        text=text,
        paragraphs=[Span(start=0, end=len(text))],
        quotes=[Quote(id="t", start=0, end=5, kind="thought", speaker="ana")],
        repairs=[
            Repair(start=glued[0], end=glued[1], replacement="!' Ana"),
            Repair(start=text.index(".Then"), end=text.index(".Then") + 1, replacement=". "),
        ],
        mentions=[Mention(start=5, end=8, character="ana", kind="name")],
    )
    page = render_html(analysis)
    assert_well_nested(page)
    reader = reader_of(page)
    assert "'Go" in reader and "Then stopped." in reader
    assert reader.count('id="r-0"') == 1 and reader.count('id="r-1"') == 1


def test_no_network_references():
    page = render_html(small_analysis())
    outside = without_scripts(page)
    assert not re.search(r"""(?:src|href)\s*=\s*["']?\s*(?:https?:)?//""", outside, re.I)
    assert "http://" not in outside and "https://" not in outside
    assert "<link" not in page
    assert "@import" not in page
    assert not re.search(r"<script[^>]*\bsrc=", page)
    # plotly.js is inlined once, as the installed package ships it; the browser tests check
    # that opening the report makes no request at all.
    assert page.count(get_plotlyjs()[:200]) == 1
    assert "default-src 'none'" in page  # a Content-Security-Policy that forbids fetching


def test_sections_and_chart_data_from_the_layers():
    analysis = small_analysis()
    analysis.relationships = [
        Relationship(
            characters=["mira", "tomas"], spoken_to=2, co_present_scenes=2, declared="romantic"
        )
    ]
    analysis.affect = Affect(
        unit="scene",
        segments=[
            AffectSegment(start=0, end=10, compound=0.2, scored=3),
            AffectSegment(start=10, end=20, compound=-0.4, scored=1),
        ],
        arcs=[
            CharacterArc(character="mira", values=[0.5, None], counts=[3, 0], mean=0.5),
            CharacterArc(character="tomas", values=[None, -0.4], counts=[0, 1], mean=-0.4),
        ],
    )
    analysis.stats = StoryStats(
        story_words=40, paratext_words=16, speech_words=12, thought_words=4,
        narration_words=24, dialogue_share=0.3, scenes=2, scene_words=[30, 10],
        characters=[
            CharacterStats(character="mira", lines=3, words_spoken=9, words_thought=4,
                           first_appearance=analysis.text.index('"Hold')),
            CharacterStats(character="tomas", lines=1, words_spoken=3),
        ],
    )  # fmt: skip
    page = render_html(analysis)
    for section in ("cast", "network", "arcs", "numbers", "story", "pairings", "repairs"):
        assert f'<section id="{section}">' in page
    for chart in ("chart-network", "chart-arcs", "chart-composition", "chart-talkers"):
        assert f'id="{chart}"' in page
    data = json.loads(data_block(page))
    nodes = {node["id"]: node for node in data["network"]["nodes"]}
    assert set(nodes) == {"mira", "tomas"} and nodes["mira"]["lines"] == 3
    assert nodes["mira"]["colour"] == PALETTE[0] and nodes["tomas"]["colour"] == PALETTE[1]
    assert data["network"]["edges"][0]["declared"] == "romantic"
    assert data["arcs"]["x"] == [1, 2] and data["arcs"]["mood"] == [0.2, -0.4]
    assert [s["id"] for s in data["arcs"]["series"]] == ["mira"]  # Tomas: one line, no arc
    assert data["numbers"]["composition"] == {
        "narration": 24, "speech": 12, "thought": 4, "notes": 16,
    }  # fmt: skip
    assert data["numbers"]["scene_words"] == [30, 10]
    # The cast row: words spoken, and a link to the first appearance (Mira's first line).
    row = re.search(r'data-focus="mira".*?</tr>', page, re.DOTALL).group(0)
    assert ">9 <small" in row and "+4 thought" in row
    assert 'href="#q-q1"' in row and "scene 1" in row
    assert "mood" not in row


def test_palette_matches_the_stylesheet():
    css = (Path(__file__).parents[2] / "src/ficlens/write/static/report.css").read_text()
    for index, colour in enumerate(PALETTE):
        assert f".spk-{index} {{ --c: {colour}; }}" in css


def test_force_layout_is_deterministic_and_fits_the_square():
    nodes = [f"c{i}" for i in range(12)]
    edges = [(f"c{i}", f"c{(i + 1) % 12}", float(i + 1)) for i in range(12)] + [("c0", "c6", 5.0)]
    first = force_layout(nodes, edges)
    assert first == force_layout(nodes, edges)
    assert all(-1 <= x <= 1 and -1 <= y <= 1 for x, y in first.values())
    assert len({(round(x, 2), round(y, 2)) for x, y in first.values()}) == 12  # no overlaps
    assert force_layout(["solo"], []) == {"solo": (0.0, 0.0)}


def test_every_story_character_appears_once_in_the_reader():
    page = render_html(small_analysis())
    reader = reader_of(page)
    visible = re.sub(r"<summary>.*?</summary>|<div class=\"scene-break\".*?</div>", "", reader)
    visible = re.sub(r"<[^>]+>", "", visible)
    visible = visible.replace("&quot;", '"').replace("&#x27;", "'")
    assert re.sub(r"\s+", "", visible) == re.sub(r"\s+", "", STORY)


def test_two_hundred_thousand_words_with_ten_thousand_quotes_is_fast():
    sentence = (
        '"Light the next one," Kaito said. The river carried the paper lanterns past the old mill. '
    )
    # 16 words a sentence; 12,500 sentences is 200,000 words.
    paragraphs = [sentence * 5 for _ in range(2500)]
    text = "\n\n".join(paragraphs)
    quotes, mentions = [], []
    for number, match in enumerate(re.finditer(r'"Light the next one,"', text)):
        if number % 5 < 4:  # 10,000 of the 12,500
            quotes.append(
                Quote(
                    id=f"q{number}",
                    start=match.start(),
                    end=match.end(),
                    kind="speech" if number % 2 else "thought",
                    speaker=f"c{number % 7}",
                    confidence=0.5,
                )
            )
    for match in re.finditer("Kaito", text):
        mentions.append(Mention(start=match.start(), end=match.end(), character="c1", kind="name"))
    analysis = Analysis(
        source=Source(path="long.txt"),
        text=text,
        paragraphs=paragraphs_of(text),
        scenes=[Span(start=0, end=len(text) // 2), Span(start=len(text) // 2, end=len(text))],
        quotes=quotes,
        mentions=mentions,
        characters=[Character(id=f"c{i}", name=f"Kaito {i}") for i in range(7)],
    )
    assert len(text.split()) == 200_000
    assert len(quotes) == 10_000
    began = time.perf_counter()
    page = render_html(analysis)
    elapsed = time.perf_counter() - began
    assert elapsed < 10, f"rendering took {elapsed:.1f} s"
    assert len(quote_tags(page)) == 10_000
