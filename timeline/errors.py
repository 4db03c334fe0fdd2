"""Problems found in a project, with the place in a file where each one stands."""

from __future__ import annotations

from dataclasses import dataclass


def counted(n: int, noun: str) -> str:
    """A count and its noun, in the plural unless there is one: "1 event", "3 events"."""
    return f"{n} {noun}{'s' * (n != 1)}"


@dataclass(frozen=True, order=True)
class Location:
    """A place in a file as a person reads it: path as typed, 1-based line and column."""

    path: str
    line: int = 1
    column: int = 1

    def __str__(self) -> str:
        return f"{self.path}:{self.line}:{self.column}"


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong with the input, and what to do about it."""

    location: Location
    message: str

    def __str__(self) -> str:
        return f"{self.location}: {self.message}"


class TimelineError(Exception):
    """Base class of the errors the library raises for the CLI to report."""


class ProjectError(TimelineError):
    """A project that cannot be used, with every problem found in it."""

    def __init__(self, problems: list[Problem] | tuple[Problem, ...]) -> None:
        self.problems = tuple(sorted(problems))
        super().__init__("\n".join(str(p) for p in self.problems))


class InputError(TimelineError):
    """A file or argument that cannot be read (missing file, not UTF-8...)."""
