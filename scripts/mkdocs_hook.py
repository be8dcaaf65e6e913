"""A thin MkDocs hook: it adapts MkDocs' events to the plain modules in scripts/signpost.

on_config  validates the catalogue and fails the build with the validator's messages;
on_files   adds the generated pages (so `mkdocs serve` regenerates them on every edit);
on_page_markdown  fills hand-written pages' contact placeholders from the catalogue and parks
                  generated HTML so Markdown does not re-parse it (on_page_content puts it back);
on_post_page      adds a Content-Security-Policy with hashes of the page's inline scripts;
on_post_build     indexes the built site with Pagefind.
"""
from __future__ import annotations

import datetime as dt
import gc
import os
import subprocess
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from mkdocs.exceptions import Abort  # noqa: E402
from mkdocs.structure.files import File  # noqa: E402

from signpost import csp, site  # noqa: E402
from signpost.catalogue import DEFAULT_CATALOGUE, check_file_cached  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
_state: dict = {}


def on_config(config):
    path = Path(os.environ.get("SIGNPOST_CATALOGUE", DEFAULT_CATALOGUE))
    result = check_file_cached(path)
    errors = result.errors
    if errors:
        messages = "\n".join(p.format() for p in errors)
        raise Abort(f"{path} has {len(errors)} error(s); fix them and the site will rebuild:\n{messages}")
    _state["entries"] = result.entries
    _state["by_id"] = {e["id"]: e for e in result.entries}
    # The catalogue's objects live for the whole build; freezing them keeps Python's cyclic
    # garbage collector from re-scanning them on every collection, which made large builds superlinear.
    gc.freeze()
    return config


def on_files(files, config):
    intros = site.load_topic_intros(Path(config["docs_dir"]) / "topic-intros.yml")
    generated = site.generate(_state["entries"], dt.date.today(), intros)
    # A generated page replaces any hand-written file at the same path.
    for clash in [f for f in files if f.src_uri in generated]:
        files.remove(clash)
    for path, content in generated.items():
        files.append(File.generated(config, path, content=content))
    return files


def on_page_markdown(markdown, page, config, files):
    depth = page.url.count("/")
    markdown = site.expand_placeholders(markdown, _state["by_id"], "../" * depth)
    # Generated HTML is final: parking it while Markdown runs saves Python-Markdown's HTML
    # parser most of the build time (the Markdown file itself stays valid for any other tool).
    markdown, page.sp_parked = site.park_raw_html(markdown)
    return markdown


def on_page_content(html, page, config, files):
    return site.printable_checklists(site.unpark_raw_html(html, getattr(page, "sp_parked", {})))


def on_post_page(output, page, config):
    return csp.add_policy(output)


def on_post_build(config):
    run = subprocess.run([sys.executable, "-m", "pagefind", "--site", config["site_dir"], "--silent"], capture_output=True, text=True)
    if run.returncode != 0:
        raise Abort(f"Pagefind could not index the site:\n{run.stdout}{run.stderr}")
