"""The HTML report as a person uses it, in headless Chromium: opened from disk, no request
leaves the page, no console errors, the charts draw, a click on a character follows them
through the reader, a quote shows who says it, and a phone-width screen does not overflow."""

from __future__ import annotations

from importlib import resources

import browser_fixtures  # tests/browser/browser_fixtures.py
import pytest
from browser_fixtures import Watched

from ficlens.cli import analyze_file
from ficlens.pipeline import analyze_text
from ficlens.write.html import render_html

# The shared fixtures, made visible to pytest in this module.
artifacts = browser_fixtures.artifacts
browser = browser_fixtures.browser
watched = browser_fixtures.watched

CHARTS = ("chart-network", "chart-arcs", "chart-composition", "chart-talkers", "chart-scenes")


@pytest.fixture(scope="module")
def demo_report(tmp_path_factory):
    """The demo story's report, written as `ficlens demo` writes it."""
    outdir = tmp_path_factory.mktemp("demo")
    story = resources.files("ficlens.demo").joinpath("lantern_festival.txt")
    with resources.as_file(story) as path:
        written = analyze_file(str(path), outdir, ["json", "html"], None)
    return next(p for p in written if p.suffix == ".html")


def test_report_opens_offline_without_errors_and_draws_every_chart(watched, demo_report, artifacts):
    watched.open(demo_report)
    page = watched.page
    assert watched.outside_requests() == []
    assert watched.console_errors() == []
    assert page.evaluate("window.ficlensError || null") is None
    for chart in CHARTS:
        if page.locator(f"#{chart}").count() == 0:
            continue
        drawn = page.locator(f"#{chart} svg.main-svg")
        assert drawn.count() >= 1, f"{chart} has no SVG"
        marks = page.locator(
            f"#{chart} .scatterlayer .trace, #{chart} .barlayer .trace, #{chart} .pielayer .trace"
        )
        assert marks.count() >= 1, f"{chart} drew nothing"
        box = page.locator(f"#{chart}").bounding_box()
        assert box["width"] > 200 and box["height"] > 150
    # The network shows the demo's main pair and marks the declared pairing.
    network = page.locator("#chart-network").inner_text()
    assert "Hana" in network and "Ren" in network
    assert "\u2665" in network
    page.screenshot(path=str(artifacts / "report.png"))
    page.locator("#network").screenshot(path=str(artifacts / "report-network.png"))
    page.locator("#arcs").screenshot(path=str(artifacts / "report-arcs.png"))
    page.locator("#numbers").screenshot(path=str(artifacts / "report-numbers.png"))


def test_clicking_a_character_follows_them_through_the_reader(watched, demo_report, artifacts):
    watched.open(demo_report)
    page = watched.page
    # The character with the most lines in the reader.
    ren, name = page.evaluate(
        """() => {
          const count = {};
          document.querySelectorAll("#reader .quote[data-speaker]:not(.cont)").forEach(
            q => { count[q.dataset.speaker] = (count[q.dataset.speaker] || 0) + 1; });
          const top = Object.keys(count).sort((a, b) => count[b] - count[a])[0];
          const button = document.querySelector(`button.character[data-focus="${top}"]`);
          return [top, button.dataset.name];
        }"""
    )
    button = page.locator(f'button.character[data-focus="{ren}"]')
    expected = page.locator(f'#reader .quote[data-speaker="{ren}"]:not(.cont)').count()
    assert expected > 5
    button.click()
    assert button.get_attribute("aria-pressed") == "true"
    assert page.locator("#focus-bar").is_visible()
    label = page.locator("#focus-bar .focus-label").inner_text()
    assert label.startswith(f"{name}: {expected} lines")
    highlighted = page.locator("#reader .quote.hl")
    speakers = set(highlighted.evaluate_all("els => els.map(e => e.dataset.speaker)"))
    assert speakers == {ren}
    assert page.locator("#reader .mention.hl").count() > 0
    # Everyone else's lines are dimmed.
    assert "focused" in page.locator("#reader").get_attribute("class")
    others = page.locator("#reader .quote:not(.hl)")
    if others.count():
        assert float(others.first.evaluate("e => getComputedStyle(e).opacity")) < 1
    # "only their passages" filters the reader down to the paragraphs that hold them.
    shown_before = page.locator("#reader > p:visible").count()
    page.locator("#only-focused").check()
    shown = page.locator("#reader > p:visible")
    assert 0 < shown.count() < shown_before
    texts = shown.evaluate_all("els => els.map(e => e.classList.contains('has-hl'))")
    assert all(texts)
    page.screenshot(path=str(artifacts / "report-focused.png"))
    # Next steps through their lines; a second click on the name clears everything.
    page.locator("#focus-bar [data-step='1']").click()
    assert "(2 of" in page.locator("#focus-bar .focus-label").inner_text()
    button.click()
    assert page.locator("#reader .hl").count() == 0
    assert page.locator("#focus-bar").is_hidden()
    assert page.locator("#reader > p:visible").count() == shown_before
    assert watched.console_errors() == []


def test_clicking_a_node_in_the_network_follows_that_character(watched, demo_report):
    watched.open(demo_report)
    page = watched.page
    page.locator("#network").scroll_into_view_if_needed()
    points = page.locator("#chart-network .scatterlayer .trace:last-child .point")
    assert points.count() >= 2
    points.first.click(force=True)
    page.wait_for_selector("#focus-bar:not([hidden])", timeout=5000)
    assert page.locator("button.character[aria-pressed='true']").count() == 1
    assert watched.console_errors() == []


def test_hovering_a_quote_shows_speaker_addressees_cue_and_confidence(watched, demo_report):
    watched.open(demo_report)
    page = watched.page
    quote = page.locator("#reader .quote[data-speaker]").nth(3)
    quote.scroll_into_view_if_needed()
    quote.hover()
    tip = page.locator("#tip")
    tip.wait_for(state="visible", timeout=5000)
    text = tip.inner_text()
    assert text.startswith(("Speaker: ", "Thinker: "))
    assert " cue" in text and "confidence" in text
    # The browser's own tooltip is replaced by ours, not shown twice.
    assert quote.get_attribute("title") is None


def test_notes_fold_and_unfold(watched, demo_report):
    watched.open(demo_report)
    page = watched.page
    notes = page.locator("#reader details.paratext")
    assert notes.count() >= 2
    assert all(notes.evaluate_all("els => els.map(e => e.open)"))
    page.locator("#toggle-notes").click()
    assert not any(notes.evaluate_all("els => els.map(e => e.open)"))
    page.locator("#toggle-notes").click()
    assert all(notes.evaluate_all("els => els.map(e => e.open)"))


def test_a_story_with_markup_renders_as_text(watched, tmp_path):
    text = (
        "A/N: Please don't paste </textarea> or <script>alert('x')</script> in reviews.\n\n"
        '"<script>alert(1)</script>," Nell typed. "</textarea><b>bold</b>," Nell said.\n\n'
        '"That is not how HTML works, Nell," Piet said. Nell laughed & typed <img src=x>.'
    )
    report = tmp_path / "markup.html"
    report.write_text(render_html(analyze_text(text)), encoding="utf-8")
    watched.open(report)
    page = watched.page
    page.locator("#reader").scroll_into_view_if_needed()
    # Paragraphs far off screen are skipped until shown (content-visibility: auto); two
    # animation frames later the reader on screen is laid out and its text is what one sees.
    page.evaluate("() => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))")
    reader = page.locator("#reader").inner_text()
    assert "<script>alert(1)</script>" in reader
    assert "</textarea><b>bold</b>" in reader
    assert "<img src=x>" in reader
    assert page.locator("#reader script, #reader b, #reader img, #reader textarea").count() == 0
    assert watched.dialogs == []
    assert watched.outside_requests() == []
    assert watched.console_errors() == []


def test_phone_width_has_no_sideways_scrolling(browser, demo_report, artifacts):
    context = browser.new_context(
        viewport={"width": 390, "height": 844}, device_scale_factor=2, is_mobile=True
    )
    try:
        phone = Watched(context.new_page())
        phone.open(demo_report)
        page = phone.page
        overflow = page.evaluate(
            "document.documentElement.scrollWidth - document.documentElement.clientWidth"
        )
        assert overflow <= 1
        network = page.locator("#chart-network").bounding_box()
        assert network["width"] <= 390
        assert phone.console_errors() == []
        page.screenshot(path=str(artifacts / "report-phone.png"))
    finally:
        context.close()
