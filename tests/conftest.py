"""Shared fixtures: where things are, and a validator pinned to a fixed day."""
from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

import pytest

from signpost.catalogue import check_file

ROOT = Path(__file__).resolve().parents[1]
CATALOGUES = Path(__file__).resolve().parent / "catalogues"
# The fixtures were written on this day; pinning it keeps "in the future" and "overdue" stable.
FIXTURE_DAY = dt.date(2026, 11, 23)


@pytest.fixture(scope="session")
def built_site(tmp_path_factory) -> Path:
    """The real catalogue, built once per test session."""
    from build import build_site

    out = tmp_path_factory.mktemp("site")
    # `make test ENGINE=properdocs` runs the site and browser tests on another engine's output.
    build_site(ROOT / "resources.yaml", out, quiet=True, engine=os.environ.get("SIGNPOST_ENGINE") or "mkdocs")
    return out


# The browser tests' shared fixtures (tests/test_browser*.py): one Chromium for the whole session.
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                  "--disable-component-update", "--disable-sync"]


@pytest.fixture(scope="session")
def site_url(built_site):
    from site_server import serve

    with serve(built_site) as url:
        yield url


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_FLAGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser):
    context = browser.new_context()
    page = context.new_page()
    page.set_default_timeout(15_000)
    yield page
    context.close()


@pytest.fixture
def check():
    def run(path, **kwargs):
        kwargs.setdefault("today", FIXTURE_DAY)
        return check_file(path, display_name=Path(path).name, **kwargs)

    return run


@pytest.fixture
def valid_text() -> str:
    return (CATALOGUES / "valid.yaml").read_text(encoding="utf-8")
