"""Figures of a whole project: extract them from every document, check the curated ones."""

from __future__ import annotations

from timeline.errors import Problem
from timeline.events import Project
from timeline.figures import Figure, extract


def document_figures(project: Project) -> dict[str, list[Figure]]:
    """The figures of each document of ``project``, by document id, in document order."""
    return {d.id: extract(d.text, d.language) for d in project.documents}


def check_curated_figures(project: Project, figures: dict[str, list[Figure]]) -> list[Problem]:
    """A problem for each curated figure whose quote does not hold exactly one figure."""
    problems = []
    for event in project.events:
        for curated in event.figures:
            quote = curated.quote
            inside = overlapping(figures[quote.document_id], quote.start, quote.end)
            if len(inside) == 1:
                continue
            if not inside:
                message = (
                    "the quote of a figure must hold exactly one figure, and this one holds "
                    'none: quote the number with its unit (e.g. "25 pays")'
                )
            else:
                listed = ", ".join(f'"{f.text}"' for f in inside)
                message = (
                    f"the quote of a figure must hold exactly one figure, and this one holds "
                    f"{len(inside)}: {listed}; quote only the one that counts for "
                    f"'{curated.measure}'"
                )
            problems.append(Problem(quote.location, message))
    return problems


def overlapping(figures: list[Figure], start: int, end: int) -> list[Figure]:
    """The figures that share at least one character with ``[start, end)``."""
    return [f for f in figures if f.start < end and start < f.end]
