"""Figures of a whole project: extract them from every document, check the curated ones."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import fields
from operator import attrgetter
from typing import TypeVar

from timeline.cache import NO_CACHE, Cache
from timeline.errors import Problem, ProjectError, TimelineError
from timeline.figures import EXTRACTOR_VERSION, Figure, extract
from timeline.model import CuratedFigure, Event, Project
from timeline.progress import Progress

T = TypeVar("T")


def document_figures(
    project: Project,
    progress: Progress | None = None,
    jobs: int = 1,
    cache: Cache = NO_CACHE,
    scheduler: str | None = None,
) -> dict[str, list[Figure]]:
    """The figures of each document of ``project``, by document id, in document order.

    Figures are a pure function of a document's text and language: they are read from
    ``cache`` when that text was seen before, and the others are extracted on ``jobs``
    processes when there is enough text to be worth it, or on the Dask cluster whose
    scheduler listens at ``scheduler`` (e.g. ``tcp://10.0.0.5:8786``).
    """
    found: dict[str, list[Figure]] = {}
    keys = {d.id: Cache.key(d.sha256, d.language, EXTRACTOR_VERSION) for d in project.documents}
    missing = []
    for document in project.documents:
        stored = cache.get("figures", keys[document.id])
        if stored is None:
            missing.append(document)
        else:
            found[document.id] = [Figure(*values) for values in stored]
    tasks = [(d.text, d.language) for d in missing]
    size = sum(len(text) for text, _ in tasks)
    if scheduler is not None and tasks:
        extracted = _on_dask(scheduler, tasks)
    elif jobs > 1 and len(tasks) >= 2 * jobs and size >= PARALLEL_FROM_CHARS:
        with ProcessPoolExecutor(max_workers=jobs) as pool:
            results = pool.map(_extract, tasks, chunksize=max(1, len(tasks) // (jobs * 8)))
            extracted = list(_each(progress, results, len(tasks)))
    else:
        extracted = [_extract(task) for task in _each(progress, tasks, len(tasks))]
    for document, figures in zip(missing, extracted, strict=True):
        found[document.id] = figures
        cache.put("figures", keys[document.id], [_figure_values(f) for f in figures])
    return {d.id: found[d.id] for d in project.documents}


# A figure's fields in order, as the cache stores them (dataclasses.astuple copies deeply).
_figure_values = attrgetter(*(field.name for field in fields(Figure)))

# Below this much text, starting processes costs more than it saves.
PARALLEL_FROM_CHARS = 2_000_000


def _extract(task: tuple[str, str]) -> list[Figure]:
    return extract(*task)


def _on_dask(scheduler: str, tasks: list[tuple[str, str]]) -> list[list[Figure]]:
    """Extract on a Dask cluster; results come back in the order of ``tasks``."""
    try:
        from distributed import Client
    except ImportError:
        raise TimelineError("--scheduler needs Dask: pip install 'timeline[dask]'") from None
    try:
        with Client(scheduler, timeout=10) as client:  # type: ignore[no-untyped-call]
            futures = client.map(_extract, tasks, pure=True)
            results: list[list[Figure]] = client.gather(futures)
    except (OSError, ValueError) as error:  # unreachable, or an address Dask cannot read
        raise TimelineError(f"cannot reach the Dask scheduler at {scheduler}: {error}") from None
    return results


def _each(progress: Progress | None, items: Iterable[T], total: int) -> Iterator[T]:
    return iter(items) if progress is None else progress.items(items, total, "extract")


def overlapping(figures: list[Figure], start: int, end: int) -> list[Figure]:
    """The figures that share at least one character with ``[start, end)``."""
    return [f for f in figures if f.start < end and start < f.end]


# Which event and measure each curated figure belongs to, keyed by (document id, start).
Selection = dict[tuple[str, int], tuple[Event, CuratedFigure]]


def curated_selection(
    project: Project, figures: dict[str, list[Figure]]
) -> tuple[Selection, list[Problem]]:
    """Which figure each event's ``figures:`` entry selects, and the problems found.

    The selection is keyed by (document id, start of the figure). A quote must hold exactly
    one figure, and a figure may count towards one measure of one event only.
    """
    selected: Selection = {}
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


def checked_selection(project: Project, figures: dict[str, list[Figure]]) -> Selection:
    """The curated figures' selection; ProjectError when a quote does not select one figure."""
    selection, problems = curated_selection(project, figures)
    if problems:
        raise ProjectError(problems)
    return selection
