"""The build outside the engine: staging, placeholders, the security policy, and every engine."""
from __future__ import annotations

import datetime as dt
import gc
import re
import shutil
from pathlib import Path

import markdown
import pytest
import yaml

from build import ROOT, BuildFailed, build_site
from conftest import CATALOGUES
from signpost import csp, engines, placeholders, postbuild, site, stamping, staging, worker
from signpost.catalogue import check_file

ENTRIES = {e["id"]: e for e in check_file(ROOT / "resources.yaml").entries}


def build_fixture(tmp_path: Path, text: str, engine: str = "mkdocs") -> Path:
    catalogue = tmp_path / "catalogue.yaml"
    catalogue.write_text(text, encoding="utf-8")
    out = tmp_path / "site"
    build_site(catalogue, out, quiet=True, engine=engine, work=tmp_path / "staging", partial_catalogue=True)
    return out


def test_the_build_never_writes_into_the_maintainers_docs(built_site):
    assert not (ROOT / "docs" / "resources").exists()
    assert not (ROOT / "docs" / "directory").exists()


def test_an_emoji_in_a_name_keeps_the_page_title_and_the_text_escaped(tmp_path):
    text = (CATALOGUES / "valid.yaml").read_text(encoding="utf-8")
    text = text.replace("  name: Alpha Line", '  name: "Alpha 🌈 Line [x](javascript:alert(1))"')
    text = text.replace("  summary: A made-up listening line used by Signpost's tests.",
                        '  summary: "Alpha 🌈 <b onmouseover=alert(2)>*not emphasis*</b> ![i](https://evil.example/i.png)."')
    page = (build_fixture(tmp_path, text) / "resources" / "alpha-line" / "index.html").read_text(encoding="utf-8")
    assert "<title>Alpha 🌈 Line [x](javascript:alert(1)) - Signpost</title>" in page
    assert "&lt;b onmouseover=alert(2)&gt;*not emphasis*&lt;/b&gt;" in page
    assert 'href="javascript:' not in page and "<em>not emphasis</em>" not in page and "<img" not in page
    assert "title: " not in page, "front matter must never show as text"


def test_a_page_whose_front_matter_the_engine_cannot_read_fails_the_build(tmp_path):
    site = tmp_path / "site"
    (site / "x").mkdir(parents=True)
    (site / "x" / "index.html").write_text("<html><head><title>Index - Signpost</title></head><body></body></html>")
    staged = staging.Staged(root=tmp_path, docs=tmp_path, config=tmp_path, site=site, titles={"x/index.html": "Samaritans"})
    with pytest.raises(postbuild.BuildError, match="x/index.html: the page is titled 'Index - Signpost', not 'Samaritans'"):
        postbuild.finish(site, staged, {})


def test_an_inline_script_the_site_does_not_ship_fails_the_build(tmp_path):
    site = tmp_path / "site"
    site.mkdir()
    (site / "index.html").write_text('<html><head></head><body><script type="application/ld+json">{}</script>'
                                     "<script>alert(1)</script></body></html>")
    staged = staging.Staged(root=tmp_path, docs=tmp_path, config=tmp_path, site=site)
    with pytest.raises(postbuild.BuildError, match=r"index.html: an inline script the site does not ship \('alert\(1\)'\)"):
        postbuild.finish(site, staged, {})


def test_a_misspelt_contact_placeholder_fails_the_build_at_its_line(tmp_path):
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "page.md").write_text("# Help\n\nText\n<!-- signpost:contacts samaritanz -->\n", encoding="utf-8")
    (mistake,) = placeholders.check(docs, ENTRIES)
    assert mistake.format() == ("docs/page.md:4: signpost:contacts names 'samaritanz', which is not in the catalogue; "
                                "check the spelling against the ids in resources.yaml")


def test_a_placeholder_naming_a_closed_service_fails_the_build(tmp_path):
    closed = next(i for i, e in ENTRIES.items() if e["status"] == "closed")
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "page.md").write_text(f"<!-- signpost:contacts {closed} -->\n", encoding="utf-8")
    (mistake,) = placeholders.check(docs, ENTRIES)
    assert f"names '{closed}', which is closed" in mistake.message


@pytest.mark.parametrize("where, source", [
    ("a paragraph", "Call now:\n\n<!-- signpost:contacts samaritans -->\n"),
    ("a list", "- First\n- <!-- signpost:contacts samaritans -->\n"),
    ("an admonition", '!!! warning "In an emergency"\n\n    <!-- signpost:contacts samaritans -->\n'),
    ("a table", "| Line | How |\n|---|---|\n| Samaritans | <!-- signpost:contacts samaritans --> |\n"),
])
def test_contact_placeholders_are_filled_wherever_they_sit(where, source):
    extensions = [e if isinstance(e, str) else next(iter(e)) for e in yaml.safe_load((ROOT / "mkdocs.yml").read_text())["markdown_extensions"]]
    rendered = markdown.markdown(source, extensions=[e for e in extensions if e != "pymdownx.snippets"])
    filled = placeholders.fill(rendered, ENTRIES, "../")
    assert 'href="tel:116123"' in filled, where
    assert "signpost:contacts" not in filled
    assert "<p><ul" not in filled, "a block must replace its paragraph, not sit inside it"


def test_every_page_carries_the_same_strict_policy_and_the_host_gets_its_headers(built_site):
    pages = list(built_site.rglob("*.html"))
    assert (built_site / "404.html") in pages
    for page in pages:
        html = page.read_text(encoding="utf-8")
        assert f'<meta http-equiv="Content-Security-Policy" content="{csp.policy()}">' in html, page
        assert not csp.inline_code(html), page
    assert "'unsafe-inline'" not in csp.policy(header=True) and "sha256-" not in csp.policy(header=True)
    headers = (built_site / "_headers").read_text(encoding="utf-8")
    assert headers.startswith("/*\n")
    for line in ("frame-ancestors 'none'", "Referrer-Policy: no-referrer", "X-Content-Type-Options: nosniff", "Permissions-Policy: "):
        assert line in headers


def test_pagefinds_own_interfaces_are_not_shipped(built_site):
    shipped = {p.name for p in (built_site / "pagefind").iterdir()}
    assert "pagefind.js" in shipped
    assert not {n for n in shipped if re.match(r"pagefind-(ui|modular-ui|component-ui|highlight)", n)}


@pytest.mark.parametrize("engine", ["properdocs", "zensical"])
def test_other_engines_build_the_same_pages(engine, built_site, tmp_path):
    out = tmp_path / "site"
    build_site(ROOT / "resources.yaml", out, quiet=True, engine=engine, work=tmp_path / "staging")
    pages = {p.relative_to(out).as_posix() for p in out.rglob("*.html")}
    assert pages == {p.relative_to(built_site).as_posix() for p in built_site.rglob("*.html")}
    page = (out / "resources" / "samaritans" / "index.html").read_text(encoding="utf-8")
    assert "<title>Samaritans - Signpost</title>" in page and 'href="tel:116123"' in page
    shutil.rmtree(out)


def test_a_catalogue_with_errors_is_not_built(tmp_path):
    with pytest.raises(BuildFailed, match="not building"):
        build_fixture(tmp_path, (CATALOGUES / "valid.yaml").read_text(encoding="utf-8").replace("kind: helpline", "kind: nonsense", 1))


def test_a_stamped_resource_page_is_what_the_engine_makes_of_that_page(tmp_path):
    """Resource pages are written from one prototype the engine rendered (stamping.py); this
    renders one entry's page through the engine in full and compares every byte."""
    text = (CATALOGUES / "valid.yaml").read_text(encoding="utf-8").replace("  name: Alpha Line", '  name: "Alpha & \'Line\' <1>"')
    out = build_fixture(tmp_path, text)
    stamped = (out / "resources" / "alpha-line" / "index.html").read_text(encoding="utf-8")

    entries = check_file(tmp_path / "catalogue.yaml").entries
    page = next(p for p in site.resource_pages(entries, dt.date.today()) if p.path == "resources/alpha-line/index.html")
    pages = site.generate(entries, dt.date.today(), site.load_topic_intros(ROOT / "docs" / "topic-intros.yml")).pages
    pages["resources/alpha-line/index.md"] = stamping.markdown(page.title, page.description, page.body)
    staged = staging.stage(ROOT, tmp_path / "whole", pages)
    whole = tmp_path / "whole-site"
    engines.run("mkdocs", staged, whole)
    postbuild.finish(whole, staged, {})
    assert stamped == (whole / "resources" / "alpha-line" / "index.html").read_text(encoding="utf-8")
    assert "<title>Alpha &amp; &#39;Line&#39; &lt;1&gt; - Signpost</title>" in stamped


def test_a_prototype_without_its_markers_stops_the_build_with_the_reason():
    with pytest.raises(stamping.StampError, match="should hold the body marker once .* it holds 0, 1 and 0"):
        stamping.Frame(f"<html><head><title>{stamping.TITLE}</title></head><body></body></html>")


def test_a_failure_while_rendering_resource_pages_reaches_the_build(tmp_path):
    def broken():
        raise KeyError("contacts")

    (tmp_path / stamping.PROTOTYPE_DIR).mkdir(parents=True)
    (tmp_path / stamping.PROTOTYPE_OUTPUT).write_text(f"<title>{stamping.TITLE}</title>{stamping.DESCRIPTION}{stamping.BODY}")
    second = worker.Worker(broken, tmp_path)
    second.start_writing()
    with pytest.raises(stamping.StampError, match="making or writing the resource pages and open-data files failed:(.|\n)*KeyError: 'contacts'"):
        second.wait()


def test_the_build_leaves_the_garbage_collector_as_it_found_it(built_site):
    assert gc.isenabled() and gc.get_freeze_count() == 0
