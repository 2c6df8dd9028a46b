"""Browser tests: Playwright driving Debian's chromium (no browser is downloaded).

`make e2e-deps` (run by .ci/run as root) installs chromium; without it these tests skip
with a clear reason rather than fail on a machine that cannot run a browser.
"""

import os
import shutil
from pathlib import Path

import pytest

CHROMIUM = (
    os.environ.get("ORGLIFE_CHROMIUM")
    or shutil.which("chromium")
    or shutil.which("chromium-browser")
)

# Playwright's sync API runs an event loop; Django must allow ORM calls from the test thread.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


@pytest.fixture(scope="session")
def browser():
    if not CHROMIUM:
        pytest.skip("chromium not installed (make e2e-deps)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(
            executable_path=CHROMIUM,
            headless=True,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
            ],
        )
        yield b
        b.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(locale="zh-CN")
    pg = context.new_page()
    yield pg
    context.close()


@pytest.fixture
def phone(browser):
    context = browser.new_context(
        locale="zh-CN", viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True
    )
    pg = context.new_page()
    yield pg
    context.close()


ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="session")
def artifacts() -> Path:
    """Where browser tests leave what a person should look at (kept after the run, so CI can
    keep them): ORGLIFE_ARTIFACTS when set, else test-artifacts/ in the checkout (git-ignored)."""
    path = Path(os.environ.get("ORGLIFE_ARTIFACTS") or ROOT / "test-artifacts")
    path.mkdir(parents=True, exist_ok=True)
    return path


@pytest.fixture(scope="session")
def shots(artifacts):
    """Single screenshots of the other browser tests: ORGLIFE_SCREENSHOTS, else artifacts/screens."""
    path = os.environ.get("ORGLIFE_SCREENSHOTS")
    shots = Path(path) if path else artifacts / "screens"
    shots.mkdir(parents=True, exist_ok=True)
    return shots
