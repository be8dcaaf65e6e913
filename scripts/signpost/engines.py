"""The site engines the build can hand the staged tree to, each run as its own command.

MkDocs 1.6 with Material is the default. ProperDocs is a drop-in fork of MkDocs 1.6 that runs
Material unchanged; Zensical is Material's successor, which reads mkdocs.yml but runs no hooks
(nothing here needs them: generation and finishing happen outside the engine).
"""
from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
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


class Running:
    """An engine at work on the staged tree; the build renders the resource pages meanwhile."""

    def __init__(self, engine: str, staged: Staged, out: Path):
        self.engine, self.staged, self.out = engine, staged, out.resolve()
        if self.out.exists():
            shutil.rmtree(self.out)
        # Its output goes to a file, not a pipe: a pipe nobody reads would stall a chatty engine.
        self.printed = tempfile.TemporaryFile(mode="w+", encoding="utf-8")
        self.process = subprocess.Popen(command(engine, staged, self.out), cwd=staged.root, stdout=self.printed,
                                        stderr=subprocess.STDOUT, text=True)

    def wait(self) -> str:
        """Wait for the engine; returns what it printed (its warnings included)."""
        code = self.process.wait()
        self.printed.seek(0)
        printed = self.printed.read().strip()
        self.printed.close()
        if code != 0:
            raise EngineError(f"{self.engine} failed (exit {code}):\n{printed}")
        if self.engine == "zensical":
            shutil.move(str(self.staged.site), str(self.out))
        return printed

    def stop(self) -> None:
        self.process.kill()
        self.process.wait()
        self.printed.close()


def run(engine: str, staged: Staged, out: Path) -> str:
    """Build the staged tree into out and wait; returns what the engine printed."""
    return Running(engine, staged, out).wait()
