"""Headless Chromium for the browser tests: Debian's /usr/bin/chromium driven by Playwright.

Fixtures live here rather than in a conftest.py: the suite's tests import their root conftest
by name, and a second conftest module would shadow it.

The tests skip with the reason when Chromium or Playwright is missing, unless
FICLENS_REQUIRE_BROWSER=1 (set by .ci/run), where they fail instead. FICLENS_CHROMIUM names
another Chromium binary; screenshots go to $FICLENS_ARTIFACTS (default ficlens-out/artifacts).
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

CHROMIUM = Path(os.environ.get("FICLENS_CHROMIUM", "/usr/bin/chromium"))
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
ALLOWED_SCHEMES = ("file:", "data:", "blob:", "about:")


def _unavailable(reason: str) -> None:
    if os.environ.get("FICLENS_REQUIRE_BROWSER") == "1":
        pytest.fail(f"{reason} (FICLENS_REQUIRE_BROWSER=1: the browser tests must run)")
    pytest.skip(reason)


@pytest.fixture(scope="session")
def artifacts() -> Path:
    """Where screenshots are saved."""
    root = Path(__file__).resolve().parents[2]
    folder = Path(os.environ.get("FICLENS_ARTIFACTS", root / "ficlens-out" / "artifacts"))
    folder.mkdir(parents=True, exist_ok=True)
    return folder


@pytest.fixture(scope="session")
def browser():
    """A headless Chromium, shared by the browser tests."""
    if not CHROMIUM.exists():
        _unavailable(f"no Chromium at {CHROMIUM} (apt-get install chromium)")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        _unavailable("playwright is not installed (pip install -e '.[test]')")
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        try:
            yield chromium
        finally:
            chromium.close()


class Watched:
    """A page with every request, console message and page error it produced."""

    def __init__(self, page) -> None:
        self.page = page
        self.requests: list[str] = []
        self.console: list[tuple[str, str]] = []
        self.errors: list[str] = []
        self.dialogs: list[str] = []
        page.on("request", lambda request: self.requests.append(request.url))
        page.on("console", lambda message: self.console.append((message.type, message.text)))
        page.on("pageerror", lambda error: self.errors.append(str(error)))
        page.on("dialog", self._dialog)

    def _dialog(self, dialog) -> None:
        self.dialogs.append(dialog.message)
        dialog.dismiss()

    def open(self, path: Path, timeout_ms: int = 30_000) -> None:
        """Open a report from disk and wait until its charts are drawn."""
        self.page.goto(path.resolve().as_uri())
        self.page.wait_for_function("window.ficlensReady === true", timeout=timeout_ms)

    def outside_requests(self) -> list[str]:
        return [url for url in self.requests if not url.startswith(ALLOWED_SCHEMES)]

    def console_errors(self) -> list[str]:
        return [text for kind, text in self.console if kind == "error"] + self.errors


@pytest.fixture
def watched(browser):
    """A fresh laptop-sized page in its own context, watched for requests and errors."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    try:
        yield Watched(context.new_page())
    finally:
        context.close()
