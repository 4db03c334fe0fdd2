"""Figures of a whole project: extract them from every document, check the curated ones."""

from __future__ import annotations

from timeline.errors import Problem
from timeline.events import CuratedFigure, Event, Project
from timeline.figures import Figure, extract
from timeline.progress import Progress


def document_figures(project: Project, progress: Progress | None = None) -> dict[str, list[Figure]]:
    """The figures of each document of ``project``, by document id, in document order."""
    documents = project.documents
    if progress is not None:
        documents = tuple(progress.items(documents, len(documents), "extract"))
    return {d.id: extract(d.text, d.language) for d in documents}


def overlapping(figures: list[Figure], start: int, end: int) -> list[Figure]:
    """The figures that share at least one character with ``[start, end)``."""
    return [f for f in figures if f.start < end and start < f.end]


def curated_selection(
    project: Project, figures: dict[str, list[Figure]]
) -> tuple[dict[tuple[str, int], tuple[Event, CuratedFigure]], list[Problem]]:
    """Which figure each event's ``figures:`` entry selects, and the problems found.

    The selection is keyed by (document id, start of the figure). A quote must hold exactly
    one figure, and a figure may count towards one measure of one event only.
    """
    selected: dict[tuple[str, int], tuple[Event, CuratedFigure]] = {}
    problems = []
    for event in project.events:
        for curated in event.figures:
            quote = curated.quote
            inside = overlapping(figures[quote.document_id], quote.start, quote.end)
            if len(inside) != 1:
                problems.append(Problem(quote.location, _count_message(inside, curated)))
                continue
            key = (quote.document_id, inside[0].start)
            if key in selected:
                other_event, other = selected[key]
                message = (
                    f'the figure "{inside[0].text}" is already curated for '
                    f"'{other.measure}' by event '{other_event.id}' (line "
                    f"{other.quote.location.line}): a figure counts towards one measure of "
                    "one event"
                )
                problems.append(Problem(quote.location, message))
                continue
            selected[key] = (event, curated)
    return selected, problems


def _count_message(inside: list[Figure], curated: CuratedFigure) -> str:
    if not inside:
        return (
            "the quote of a figure must hold exactly one figure, and this one holds none: "
            'quote the number with its unit (e.g. "25 pays")'
        )
    listed = ", ".join(f'"{f.text}"' for f in inside)
    return (
        f"the quote of a figure must hold exactly one figure, and this one holds "
        f"{len(inside)}: {listed}; quote only the one that counts for '{curated.measure}'"
    )


def check_curated_figures(project: Project, figures: dict[str, list[Figure]]) -> list[Problem]:
    """A problem for each curated figure that does not select exactly one figure of its own."""
    return curated_selection(project, figures)[1]
