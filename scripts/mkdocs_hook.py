"""A thin MkDocs hook: it adapts MkDocs' events to the plain modules in scripts/signpost.

on_config  validates the catalogue and fails the build with the validator's messages;
on_files   adds the generated pages (so `mkdocs serve` regenerates them on every edit);
on_page_markdown  fills hand-written pages' contact placeholders from the catalogue;
on_post_page      adds a Content-Security-Policy with hashes of the page's inline scripts;
on_post_build     indexes the built site with Pagefind.
"""
from __future__ import annotations

import datetime as dt
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
    return config


def on_files(files, config):
    intros = site.load_topic_intros(Path(config["docs_dir"]) / "topic-intros.yml")
    for path, content in site.generate(_state["entries"], dt.date.today(), intros).items():
        existing = files.get_file_from_path(path)
        if existing is not None:
            files.remove(existing)
        files.append(File.generated(config, path, content=content))
    return files


def on_page_markdown(markdown, page, config, files):
    depth = page.url.count("/")
    return site.expand_placeholders(markdown, _state["by_id"], "../" * depth)


def on_post_page(output, page, config):
    return csp.add_policy(output)


def on_post_build(config):
    run = subprocess.run([sys.executable, "-m", "pagefind", "--site", config["site_dir"], "--silent"], capture_output=True, text=True)
    if run.returncode != 0:
        raise Abort(f"Pagefind could not index the site:\n{run.stdout}{run.stderr}")
