"""The build's second process: it makes the resource pages and the open-data files while the
build makes the lists and runs the engine, then writes them once the engine's prototype of a
resource page is ready (stamping.py).

The process is forked, so it shares the checked catalogue without copying it or reading it
again. Measured on two cores at 10,000 entries: 46-52 s in one process, 33-38 s in two. Where fork
is not available (Windows), the same work is done in the build's own process, in turn.
"""
from __future__ import annotations

import multiprocessing
import shutil
import traceback
from collections.abc import Callable
from pathlib import Path

from . import site, stamping

Made = tuple[list[stamping.Page], dict[str, str]]  # the resource pages, and the files (path in the site -> content)


class Worker:
    def __init__(self, make: Callable[[], Made], out: Path):
        self.out, self.process, self.made = out, None, None
        if "fork" not in multiprocessing.get_all_start_methods():
            self.made = make()
            return
        context = multiprocessing.get_context("fork")
        self.connection, theirs = context.Pipe()
        self.process = context.Process(target=_work, args=(make, out, theirs), daemon=True)
        self.process.start()
        theirs.close()

    def start_writing(self) -> None:
        """Take the prototype out of the built site and have everything written."""
        html = (self.out / stamping.PROTOTYPE_OUTPUT).read_text(encoding="utf-8")
        self.frame = stamping.Frame(html)  # raises StampError here, in the build, if it cannot serve
        shutil.rmtree(self.out / stamping.PROTOTYPE_DIR)
        if self.process is not None:
            try:
                self.connection.send(html)
            except OSError:  # it has stopped already; wait() reads why
                pass

    def wait(self) -> tuple[int, list[str]]:
        """(resource pages written, problems found: an inline script in a page's body, naming its page)."""
        if self.process is None:
            return _write(self.out, self.frame, *self.made)
        try:
            outcome, value = self.connection.recv()
        except EOFError:
            outcome, value = "error", None
        self.process.join()
        if value is None:
            value = f"the process writing the resource pages stopped without a word (exit code {self.process.exitcode})"
        self.process = None
        if outcome == "error":
            raise stamping.StampError(value)
        return value

    def stop(self) -> None:
        """End the second process if the build stops early."""
        if self.process is not None:
            self.process.kill()
            self.process.join()
            self.process = None


def _work(make, out: Path, connection) -> None:
    try:
        pages, files = make()
        frame = stamping.Frame(connection.recv())
        connection.send(("done", _write(out, frame, pages, files)))
    except EOFError:  # the build stopped before the prototype was ready
        pass
    except BaseException:
        connection.send(("error", "making or writing the resource pages and open-data files failed:\n" + traceback.format_exc()))


def _write(out: Path, frame: stamping.Frame, pages: list[stamping.Page], files: dict[str, str]) -> tuple[int, list[str]]:
    problems = stamping.write(out, frame, pages)
    site.write_files(out, files)
    return len(pages), problems
