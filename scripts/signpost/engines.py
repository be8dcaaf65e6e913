"""The site engines the build can hand the staged tree to, each run as its own command.

MkDocs 1.6 with Material is the default. ProperDocs is a drop-in fork of MkDocs 1.6 that runs
Material unchanged; Zensical is Material's successor, which reads mkdocs.yml but runs no hooks
(nothing here needs them: generation and finishing happen outside the engine).
"""
from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

from .staging import Staged

ENGINES = ("mkdocs", "properdocs", "zensical")
DEFAULT = "mkdocs"


class EngineError(Exception):
    pass


def command(engine: str, staged: Staged, out: Path) -> list[str]:
    if engine in ("mkdocs", "properdocs"):
        return [sys.executable, "-m", engine, "build", "--strict", "--config-file", str(staged.config), "--site-dir", str(out)]
    if engine == "zensical":
        # Zensical writes only to the site_dir inside the project (the staging folder); see run().
        return [str(Path(sys.executable).with_name("zensical")), "build", "--clean", "--config-file", str(staged.config)]
    raise EngineError(f"unknown engine '{engine}'; choose one of: {', '.join(ENGINES)}")


def run(engine: str, staged: Staged, out: Path) -> str:
    """Build the staged tree into out; returns what the engine printed (its warnings included)."""
    out = out.resolve()
    if out.exists():
        shutil.rmtree(out)
    done = subprocess.run(command(engine, staged, out), cwd=staged.root, capture_output=True, text=True)
    printed = (done.stdout + done.stderr).strip()
    if done.returncode != 0:
        raise EngineError(f"{engine} failed (exit {done.returncode}):\n{printed}")
    if engine == "zensical":
        shutil.move(str(staged.site), str(out))
    return printed
