"""Progress on standard error: a bar on a terminal, a plain line per stage elsewhere."""

from __future__ import annotations

import sys
import time
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from typing import TextIO, TypeVar

T = TypeVar("T")


class Progress:
    """Reports the stages of a long task and times them.

    ``quiet`` silences everything; on a terminal a stage that iterates shows a bar,
    elsewhere (CI, a pipe) each stage prints one line when it ends.
    """

    def __init__(self, stream: TextIO | None = None, quiet: bool = False) -> None:
        self.stream = stream if stream is not None else sys.stderr
        self.quiet = quiet
        self.tty = bool(getattr(self.stream, "isatty", lambda: False)())
        self.seconds: dict[str, float] = {}

    def _write(self, text: str) -> None:
        if not self.quiet:
            self.stream.write(text)
            self.stream.flush()

    @contextmanager
    def stage(self, name: str) -> Iterator[None]:
        """Time the stage ``name`` and report it when it ends."""
        started = time.perf_counter()
        yield
        seconds = time.perf_counter() - started
        self.seconds[name] = self.seconds.get(name, 0.0) + seconds
        if self.tty:
            self._write("\r\033[K")
        self._write(f"{name}: {seconds:.2f} s\n")

    def items(self, items: Iterable[T], total: int, label: str) -> Iterator[T]:
        """Yield ``items``, drawing a bar on a terminal (at most ten times a second)."""
        shown = 0.0
        for done, item in enumerate(items, start=1):
            yield item
            now = time.monotonic()
            if self.tty and not self.quiet and (now - shown > 0.1 or done == total):
                shown = now
                width = 30
                filled = width * done // max(total, 1)
                self._write(f"\r{label} [{'#' * filled}{'.' * (width - filled)}] {done}/{total}")

    def note(self, text: str) -> None:
        """A line for the user (a warning, the summary) that --quiet does not silence."""
        if self.tty:
            self.stream.write("\r\033[K")
        self.stream.write(text + "\n")
        self.stream.flush()
