"""How fast the HTML report of a novel opens: build the report for PDNC's *Emma* (about
160,000 words, read from ../shared), open it from disk in headless Chromium and time how long
until the page is interactive: the reader laid out and every chart drawn
(``window.ficlensReady``, set by the report's script), against a 3-second target.

    .venv/bin/python benchmarks/bench_report.py [--text FILE | --shared DIR] [--analysis JSON]
        [--runs N] [--keep DIR]

``--analysis`` reuses an analysis written by ``ficlens analyze`` (skips the pipeline). Needs
Playwright (the test extras) and Chromium at /usr/bin/chromium (or $FICLENS_CHROMIUM).
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SRC = REPO / "src"
if SRC.is_dir() and str(SRC) not in sys.path:
    sys.path.insert(0, str(SRC))

DEFAULT_SHARED = REPO.parent / "shared"
DEFAULT_NOVEL = Path("data/pdnc/novels/Emma/novel_text.txt")
CHROMIUM = Path(os.environ.get("FICLENS_CHROMIUM", "/usr/bin/chromium"))
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
TARGET_SECONDS = 3.0


def build_report(text_path: Path, analysis_path: Path | None, outdir: Path) -> tuple[Path, dict]:
    """Analyze the novel (or load its analysis), render the report; return it and timings."""
    from ficlens.model import Analysis
    from ficlens.write.html import render_html

    timings: dict = {}
    began = time.perf_counter()
    if analysis_path is not None:
        analysis = Analysis.model_validate_json(analysis_path.read_text(encoding="utf-8"))
        timings["load analysis"] = time.perf_counter() - began
    else:
        from ficlens.pipeline import analyze_work
        from ficlens.read import read_input

        analysis = analyze_work(read_input(str(text_path)))
        timings["analyze"] = time.perf_counter() - began
    began = time.perf_counter()
    page = render_html(analysis)
    timings["render html"] = time.perf_counter() - began
    report = outdir / f"{text_path.stem}.html"
    report.write_text(page, encoding="utf-8")
    timings["words"] = len(analysis.text.split())
    timings["quotes"] = len(analysis.quotes)
    timings["mentions"] = len(analysis.mentions)
    timings["bytes"] = report.stat().st_size
    return report, timings


def open_report(report: Path, runs: int) -> list[dict]:
    """Open the report `runs` times in a fresh page; time navigation to interactive."""
    from playwright.sync_api import sync_playwright

    results = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        try:
            for _ in range(runs):
                context = browser.new_context(viewport={"width": 1280, "height": 900})
                page = context.new_page()
                outside: list[str] = []
                errors: list[str] = []
                page.on(
                    "request",
                    lambda r, seen=outside: (
                        None
                        if r.url.startswith(("file:", "data:", "blob:", "about:"))
                        else seen.append(r.url)
                    ),
                )
                page.on("pageerror", lambda e, seen=errors: seen.append(str(e)))
                page.goto(report.as_uri(), wait_until="commit", timeout=120_000)
                page.wait_for_function("window.ficlensReady === true", timeout=120_000)
                timing = page.evaluate(
                    """() => {
                      const nav = performance.getEntriesByType("navigation")[0];
                      return {ready: window.ficlensReadyAt, dom: nav.domContentLoadedEventEnd,
                              nodes: document.getElementsByTagName("*").length,
                              error: window.ficlensError || null};
                    }"""
                )
                # A person's first action: follow the main character through the reader.
                began = time.perf_counter()
                page.locator("button.character").first.click()
                page.wait_for_selector("#focus-bar:not([hidden])")
                timing["follow"] = (time.perf_counter() - began) * 1000
                timing["outside"] = outside
                timing["errors"] = errors
                results.append(timing)
                context.close()
        finally:
            browser.close()
    return results


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--shared", type=Path, default=DEFAULT_SHARED)
    parser.add_argument("--text", type=Path, help="a text to use instead of Emma")
    parser.add_argument("--analysis", type=Path, help="reuse this analysis JSON")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--keep", type=Path, help="write the report into this folder")
    args = parser.parse_args()
    text_path = args.text or args.shared / DEFAULT_NOVEL
    if not text_path.is_file():
        print(f"skipped: {text_path} not found (PDNC's Emma is read from ../shared)")
        return 0
    if not CHROMIUM.exists():
        print(f"skipped: no Chromium at {CHROMIUM}")
        return 0
    try:
        import playwright  # noqa: F401
    except ImportError:
        print("skipped: playwright is not installed (pip install -e '.[test]')")
        return 0

    with tempfile.TemporaryDirectory() as scratch:
        outdir = args.keep or Path(scratch)
        outdir.mkdir(parents=True, exist_ok=True)
        report, built = build_report(text_path, args.analysis, outdir)
        loads = open_report(report.resolve(), args.runs)

    ready = statistics.median(load["ready"] for load in loads) / 1000
    print(f"report of {text_path.name}: {built['words']:,} words, {built['quotes']:,} quotes, "
          f"{built['mentions']:,} mentions, {built['bytes'] / 1e6:.1f} MB, "
          f"{loads[0]['nodes']:,} DOM elements")  # fmt: skip
    for name in ("analyze", "load analysis", "render html"):
        if name in built:
            print(f"{name:<34} {built[name]:8.2f} s")
    print(f"{'DOM content loaded (median)':<34} "
          f"{statistics.median(load['dom'] for load in loads) / 1000:8.2f} s")  # fmt: skip
    runs = ", ".join(f"{load['ready'] / 1000:.2f}" for load in loads)
    print(f"{'interactive, charts drawn (median)':<34} {ready:8.2f} s   runs: {runs}")
    print(f"{'follow the first character (click)':<34} "
          f"{statistics.median(load['follow'] for load in loads) / 1000:8.2f} s")  # fmt: skip
    outside = sorted({url for load in loads for url in load["outside"]})
    errors = [error for load in loads for error in load["errors"]]
    if outside or errors or any(load["error"] for load in loads):
        print(f"PROBLEM: requests {outside}, errors {errors}")
        return 1
    verdict = "PASS" if ready <= TARGET_SECONDS else "FAIL"
    print(f"\ntime to interactive {ready:.2f} s   target <= {TARGET_SECONDS:.2f} s   {verdict}")
    print("(measured on a shared 2-core machine; other work running at the same time slows it)")
    return 0 if verdict == "PASS" else 1


if __name__ == "__main__":
    sys.exit(main())
