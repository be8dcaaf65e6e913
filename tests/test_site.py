"""The built site: every entry has a page, urgent help is everywhere, hostile text stays inert,
notices show, the search data match the catalogue and no internal link is broken."""
from __future__ import annotations

import re
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urljoin

import pytest

from build import build_site
from conftest import CATALOGUES, ROOT
from signpost import present
from signpost.catalogue import check_file
from site_server import serve

ENTRIES = check_file(ROOT / "resources.yaml").entries


@pytest.fixture(scope="session")
def hostile_site(tmp_path_factory) -> tuple[Path, str]:
    """The valid fixture with script-bearing text, a quote-breaking URL and a stale date."""
    text = (CATALOGUES / "valid.yaml").read_text(encoding="utf-8")
    text = text.replace("  name: Alpha Line", '  name: "Alpha <script>alert(1)</script> Line"')
    text = text.replace("    A fictional helpline that exists only in this test fixture.",
                        '    A fictional helpline <img src=x onerror="alert(2)"> <a href="javascript:alert(3)">x</a>.')
    text = text.replace("  url: https://alpha.example.org/\n", "  url: 'https://alpha.example.org/\"onmouseover=\"alert(4)'\n")
    text = text.replace("    date: 2026-11-01\n    by: tester\n- id: beta-forum", "    date: 2024-01-01\n    by: tester\n- id: beta-forum")
    folder = tmp_path_factory.mktemp("hostile")
    catalogue = folder / "catalogue.yaml"
    catalogue.write_text(text, encoding="utf-8")
    out = folder / "site"
    build_site(catalogue, out, quiet=True, partial_catalogue=True)
    return out


def html_of(site: Path, path: str) -> str:
    return (site / path / "index.html").read_text(encoding="utf-8")


class Scripts(HTMLParser):
    """Collects script elements and event-handler attributes, as a browser would see them."""

    def __init__(self):
        super().__init__()
        self.inline_scripts, self.handlers, self.javascript_links = [], [], []
        self._in_script = False

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        # A JSON-LD block is data a browser never runs; its escaped text is checked in test_open_data.
        if tag == "script" and "src" not in attributes and attributes.get("type") != "application/ld+json":
            self._in_script = True
        self.handlers += [name for name, _ in attrs if name.startswith("on")]
        href = (attributes.get("href") or "").strip().lower()
        if href.startswith(("javascript:", "data:", "vbscript:")):
            self.javascript_links.append(href)

    def handle_endtag(self, tag):
        if tag == "script":
            self._in_script = False

    def handle_data(self, data):
        if self._in_script:
            self.inline_scripts.append(data)


def all_pages(site: Path):
    return sorted(p for p in site.rglob("index.html") if "pagefind" not in p.parts)


@pytest.mark.parametrize("entry", ENTRIES, ids=[e["id"] for e in ENTRIES])
def test_every_entry_has_a_page_with_its_name_and_contacts(built_site, entry):
    page = html_of(built_site, f"resources/{entry['id']}")
    assert "<h1" in page
    for contact in entry["contacts"]:
        href = present.href(contact)
        if href:
            assert f'href="{href.replace("&", "&amp;")}"' in page, f"{contact['channel']} link missing"


def test_every_page_links_to_urgent_help(built_site):
    pages = all_pages(built_site)
    assert len(pages) > len(ENTRIES)
    for page in pages:
        text = page.read_text(encoding="utf-8")
        link = re.search(r'<a class="md-header__button sp-urgent-link" href="([^"]*)">\s*Urgent help\s*</a>', text)
        assert link, f"{page}: no urgent help link in the header"
        here = "/" + str(page.parent.relative_to(built_site)).strip(".") + "/"
        assert urljoin("http://site" + here.replace("//", "/"), link.group(1)) == "http://site/urgent-help/", page


def test_urgent_help_has_tap_to_call_and_tap_to_text_links(built_site):
    page = html_of(built_site, "urgent-help")
    for href in ('href="tel:999"', 'href="tel:116123"', 'href="sms:85258?body=SHOUT"'):
        assert href in page


def test_hostile_catalogue_text_comes_out_inert(hostile_site):
    for path in all_pages(hostile_site):
        html = path.read_text(encoding="utf-8")
        parser = Scripts()
        parser.feed(html)
        assert not parser.handlers, f"{path}: event handler attributes {parser.handlers}"
        assert not parser.javascript_links, f"{path}: {parser.javascript_links}"
        assert not any("alert(" in script for script in parser.inline_scripts), path
    page = html_of(hostile_site, "resources/alpha-line")
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert '&lt;img src=x onerror=&#34;alert(2)&#34;&gt;' in page  # shown as text, not parsed as a tag


def test_stale_and_closed_entries_show_their_notices(hostile_site):
    stale = html_of(hostile_site, "resources/alpha-line")
    closed = html_of(hostile_site, "resources/beta-forum")
    assert "These details may be out of date." in stale
    assert "This service has closed." in closed
    assert 'Use <a href="../../resources/alpha-line/">' in closed  # the successor


def test_directory_cards_link_to_their_resource_pages(built_site):
    directory = html_of(built_site, "directory")
    for entry in ENTRIES:
        if entry["status"] == "active":
            assert f'<a href="../resources/{entry["id"]}/">' in directory, entry["id"]


def test_closed_entries_are_not_listed_in_the_directory(built_site):
    directory = html_of(built_site, "directory")
    for entry in ENTRIES:
        listed = f'data-id="{entry["id"]}"' in directory
        assert listed == (entry["status"] == "active"), entry["id"]


def test_resource_pages_are_left_to_the_sites_own_index_and_guidance_to_pagefind(built_site):
    """Resources are found through facets.py's index; Pagefind's stays the size of the guidance."""
    assert "data-pagefind-body" not in html_of(built_site, "resources/samaritans")
    assert "data-pagefind-body" not in html_of(built_site, "maintainers/recheck")
    assert "data-pagefind-body" in html_of(built_site, "method")


def test_filter_form_offers_every_value_the_catalogue_uses(built_site):
    directory = html_of(built_site, "directory")
    for entry in ENTRIES:
        for key, values in present.filters(entry).items():
            for value in values:
                assert f'name="{key}" value="{value}"' in directory, (key, value)


def test_no_page_requests_another_origin(built_site):
    """No fonts, scripts, styles or images from elsewhere: only links a visitor chooses to follow."""
    for path in all_pages(built_site):
        html = path.read_text(encoding="utf-8")
        for tag, _scheme in re.findall(r'<(script|link|img|iframe|source)\b[^>]*?(?:src|href)="(https?:)?//', html):
            pytest.fail(f"{path}: <{tag}> loads from another origin")
        assert '<meta name="referrer" content="no-referrer">' in html
        assert 'http-equiv="Content-Security-Policy"' in html


def test_search_index_was_built(built_site):
    assert (built_site / "pagefind" / "pagefind.js").exists()
    assert (built_site / "pagefind" / "pagefind-entry.json").exists()


def test_linkchecker_finds_no_broken_internal_link(built_site):
    with serve(built_site) as url:
        run = subprocess.run([sys.executable, "-m", "linkcheck", "--config", str(ROOT / "tests" / "linkcheckerrc"), "-o", "failures", url],
                             capture_output=True, text=True, timeout=300)
    assert run.returncode == 0, run.stdout[-3000:] + run.stderr[-3000:]


def test_catalogue_text_in_page_titles_and_descriptions_is_escaped(hostile_site):
    """Material prints the page title and description unescaped, so the generator escapes them."""
    page = html_of(hostile_site, "resources/alpha-line")
    assert "<title>Alpha &lt;script&gt;" in page
    assert "<script>alert(1)" not in page
