"""The knowledge base: every guidance page cites its sources, client pages carry the quick exit,
the framework's 18 competences each have a home, and nothing is copied from the source documents."""
from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOT

DOCS = ROOT / "docs"
GUIDANCE = sorted((DOCS / "guidance").rglob("*.md"))
CLIENT_PAGES = sorted((DOCS / "clients").glob("*.md"))
VERBATIM_CHECK = ROOT.parent / "shared" / "tools" / "verbatim_check.py"


def front_matter(path: Path) -> str:
    text = path.read_text(encoding="utf-8")
    return text.split("---", 2)[1] if text.startswith("---") else ""


@pytest.mark.parametrize("path", GUIDANCE + CLIENT_PAGES, ids=lambda p: str(p.relative_to(DOCS)))
def test_every_guidance_page_ends_with_its_sources(path):
    text = path.read_text(encoding="utf-8")
    assert "## Sources" in text, "add a Sources section naming each document the page draws on"
    sources = text.split("## Sources", 1)[1]
    assert re.search(r"https?://", sources), "each source needs a link to the publisher's page"


@pytest.mark.parametrize("path", CLIENT_PAGES, ids=lambda p: p.name)
def test_client_pages_carry_the_quick_exit(path):
    assert re.search(r"^sp_client: true$", front_matter(path), re.MULTILINE)


def test_each_of_the_18_competences_has_its_own_section():
    text = "\n".join(p.read_text(encoding="utf-8") for p in (DOCS / "guidance" / "competences").glob("*.md"))
    missing = [n for n in range(1, 19) if f"{{ #competence-{n} }}" not in text]
    assert not missing, f"competences without a section: {missing}"


@pytest.mark.skipif(not VERBATIM_CHECK.exists(), reason="shared/tools/verbatim_check.py is not beside this checkout")
def test_no_sentence_is_copied_from_the_source_documents():
    run = subprocess.run([sys.executable, str(VERBATIM_CHECK), str(ROOT)], capture_output=True, text=True, timeout=120)
    assert "verbatim: 0 file(s)" in run.stdout, run.stdout[-2000:]
