"""The tree a site engine reads: a copy of docs/ with the generated pages written into it.

Maintainers' files are never touched. Generated HTML does not pass through the engine's
Markdown: each raw block (see html.raw) is swapped for a numbered comment, and the build puts
the HTML back into the finished page (postbuild.py). Markdown leaves HTML comments alone, so
this works the same in MkDocs, ProperDocs and Zensical, and saves Markdown's slow HTML parser.
"""
from __future__ import annotations

import re
import shutil
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from .html import RAW_END, RAW_START

RAW = re.compile(re.escape(RAW_START) + r"(.*?)" + re.escape(RAW_END), re.DOTALL)
FRAGMENT = "<!-- signpost:fragment {} -->"


@dataclass
class Staged:
    root: Path
    docs: Path
    config: Path
    site: Path
    # built page (relative to the site) -> the HTML fragments to put back, in marker order
    fragments: dict[str, list[str]] = field(default_factory=dict)
    # built page -> the title its front matter gives (the build checks the engine read it)
    titles: dict[str, str] = field(default_factory=dict)


def output_path(source: str) -> str:
    """Where a page at docs/<source> lands in the built site (directory URLs)."""
    stem = source[:-len(".md")]
    if stem == "index" or stem.endswith("/index"):
        return stem + ".html"
    return stem + "/index.html"


def stage(project: Path, work: Path, pages: dict[str, str]) -> Staged:
    """A copy of docs/ in `work` with the generated pages (and files) written into it."""
    if work.exists():
        shutil.rmtree(work)
    docs = work / "docs"
    shutil.copytree(project / "docs", docs)
    staged = Staged(root=work, docs=docs, config=work / "mkdocs.yml", site=work / "site")
    for path, content in pages.items():
        target = docs / path
        target.parent.mkdir(parents=True, exist_ok=True)
        if path.endswith(".md"):
            content = _park(content, staged.fragments.setdefault(output_path(path), []))
            title = _front_matter(content).get("title")
            if title:
                staged.titles[output_path(path)] = title
        target.write_text(content, encoding="utf-8")
    _write_config(project, staged)
    return staged


def _park(markdown: str, fragments: list[str]) -> str:
    def swap(match):
        fragments.append(match.group(1))
        return "\n\n" + FRAGMENT.format(len(fragments) - 1) + "\n\n"

    return RAW.sub(swap, markdown)


def _front_matter(markdown: str) -> dict:
    if not markdown.startswith("---\n"):
        return {}
    end = markdown.find("\n---\n", 4)
    return yaml.safe_load(markdown[4:end]) or {} if end > 0 else {}


def _write_config(project: Path, staged: Staged) -> None:
    """mkdocs.yml with its paths pointed at the staging tree; no hooks (generation is done)."""
    config = yaml.safe_load((project / "mkdocs.yml").read_text(encoding="utf-8"))
    config.pop("hooks", None)
    config.pop("watch", None)
    config["docs_dir"] = "docs"
    config["site_dir"] = "site"  # Zensical writes only inside the project folder
    config["theme"]["custom_dir"] = "docs/overrides"
    for extension in config.get("markdown_extensions", []):
        if isinstance(extension, dict) and "pymdownx.snippets" in extension:
            extension["pymdownx.snippets"]["base_path"] = [str(project)]
    staged.config.write_text(yaml.safe_dump(config, sort_keys=False, allow_unicode=True), encoding="utf-8")
