"""The tidy dataset: curated events merged with the figures found in their documents."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property, lru_cache
from operator import attrgetter
from typing import Any

import pandas as pd

from timeline.dates import PartialDate
from timeline.documents import Document
from timeline.errors import counted
from timeline.extraction import Selection, checked_selection
from timeline.figures import EXTRACTOR_VERSION, Figure
from timeline.i18n import date_text, figure_label
from timeline.model import Event, Measure, Project
from timeline.passages import paragraphs
from timeline.tables import DOCUMENTS, EVENTS, FIGURES, SOURCES, Table
from timeline.units import share_a_scale

MERGE_RULE = (
    "A figure selected by an event's `figures:` entry belongs to that event (curated = "
    "true). Any other figure belongs to the event whose cited quote is nearest to it in the "
    "same document (the number of characters between them; 0 when the figure lies inside the "
    "quote), and only when that quote lies in the same paragraph as the figure (a paragraph "
    "is a line of the document); ties go to the quote that comes first, then to the event id "
    "that sorts first. A figure in a document that no event cites, or far from every quote, "
    "has no event_id."
)


@dataclass(frozen=True)
class Dataset:
    """The four tables and the metadata that describe them: all that charts and site need."""

    title: str
    description: str | None
    language: str
    version: str
    license: str
    url: str | None
    checksum: str  # of the sources the dataset was built from
    measures: tuple[Measure, ...]
    documents: pd.DataFrame
    events: pd.DataFrame
    sources: pd.DataFrame
    figures: pd.DataFrame

    def table(self, table: Table) -> pd.DataFrame:
        """The rows of one of :data:`timeline.tables.TABLES`."""
        frame: pd.DataFrame = getattr(self, table.name)
        return frame

    @cached_property
    def event_dates(self) -> dict[str, str]:
        """Each event's date written out in the dataset's language, by event id: made once
        for the charts and the pages."""
        rows: Any = self.events.itertuples(index=False)
        texts: dict[tuple[str, str | None, bool], str] = {}  # many events share a date
        dates: dict[str, str] = {}
        for event in rows:
            key = (event.date, event.end, bool(event.approximate))
            text = texts.get(key)
            if text is None:
                text = texts[key] = event_date_text(event, self.language)
            dates[str(event.event_id)] = text
        return dates


def build_dataset(
    project: Project, figures: dict[str, list[Figure]], selection: Selection | None = None
) -> Dataset:
    """Merge the curated events of ``project`` with the ``figures`` of its documents.

    ``selection`` is what :func:`checked_selection` gives, made here when not given.
    """
    events = sorted(project.events, key=_chronological)
    if selection is None:
        selection = checked_selection(project, figures)
    owners = _owners(project, figures, selection)
    figure_columns = _figure_columns(project, figures, selection, owners)
    attached: dict[str, int] = {}
    for event_id in figure_columns["event_id"]:
        if event_id is not None:
            attached[event_id] = attached.get(event_id, 0) + 1
    return Dataset(
        title=project.title,
        description=project.description,
        language=project.language,
        version=project.version,
        license=project.license,
        url=project.url,
        checksum=project.checksum,
        measures=project.measures,
        documents=_frame(DOCUMENTS, [
            _document_row(d, len(figures[d.id])) for d in sorted(project.documents,
                                                                 key=lambda d: d.id)
        ]),
        events=_frame(EVENTS, [_event_row(e, attached.get(e.id, 0)) for e in events]),
        sources=_frame(SOURCES, [
            _source_row(e, q.document_id, q.quote, project.document(q.document_id).text,
                        q.start, q.end, q.occurrence)
            for e in events for q in sorted(e.sources, key=lambda q: (q.document_id, q.start))
        ]),
        figures=_frame(FIGURES, figure_columns),
    )  # fmt: skip


def mixed_units(dataset: Dataset) -> list[str]:
    """A warning for each measure whose curated figures are in units of different kinds
    (dollars and euros, days and years, a percentage and a count): its panel of the figures
    chart draws them on one axis. Counted nouns ("pays", "membre") all count things."""
    curated = dataset.figures[dataset.figures.curated.astype(bool)]
    warnings = []
    for measure, group in curated.groupby("measure", sort=True):
        counts = group.unit.fillna("").value_counts()
        if not share_a_scale(counts.index):
            units = ", ".join(
                f"{unit or 'no unit'} ({counted(n, 'figure')})"
                for unit, n in sorted(counts.items(), key=lambda item: (-item[1], item[0]))
            )
            warnings.append(
                f"measure '{measure}' mixes units that share no scale: {units}; its panel "
                "of the figures chart draws them on one axis: give each kind of unit a "
                "measure of its own"
            )
    return warnings


def _chronological(event: Event) -> tuple[object, ...]:
    start, end = _period(event)
    return start, end, event.id


def _period(event: Event) -> tuple[Any, Any]:
    last = (event.end or event.date).interval()[1]
    return event.date.interval()[0], last


def _frame(table: Table, rows: list[dict[str, Any]] | dict[str, list[Any]]) -> pd.DataFrame:
    """A table's rows (or columns) as a DataFrame with its declared columns, in order, even
    when empty."""
    frame = pd.DataFrame(rows, columns=table.names)
    for column in table.columns:
        if column.type == "integer":
            frame[column.name] = frame[column.name].astype("Int64")
        elif column.type == "number":
            frame[column.name] = frame[column.name].astype("Float64")
        elif column.type == "boolean":
            frame[column.name] = frame[column.name].astype("boolean")
        else:
            # Missing text is None, not NaN: NaN is not JSON, and it reads "nan" on a page.
            values = frame[column.name].astype("object")
            frame[column.name] = values.where(values.notna(), None)
    return frame


def _owners(
    project: Project, figures: dict[str, list[Figure]], selection: Selection
) -> dict[tuple[str, int], Event]:
    """The event each uncurated figure belongs to, by the merge rule (see MERGE_RULE)."""
    quotes: dict[str, list[tuple[int, int, str, Event]]] = {}
    for event in project.events:
        for quote in event.sources:
            quotes.setdefault(quote.document_id, []).append(
                (quote.start, quote.end, event.id, event)
            )
    owners: dict[tuple[str, int], Event] = {}
    for document in project.documents:
        cited = sorted(quotes.get(document.id, []), key=lambda q: (q[0], q[1], q[2]))
        if not cited:
            continue
        lines = paragraphs(document.text)
        # The quotes that may reach each paragraph, so that a figure is weighed against a
        # few quotes rather than all of its document's (a superset: checked below).
        near: dict[int, list[tuple[int, int, str, Event]]] = {}
        for passage in cited:
            for line in range(lines.at(passage[0]), lines.at(passage[1]) + 1):
                near.setdefault(line, []).append(passage)
        for figure in figures[document.id]:
            key = (document.id, figure.start)
            if key in selection:
                continue
            line = lines.at(figure.start)
            line_start, line_end = lines.starts[line], lines.ends[line]
            best: tuple[int, int, str, Event] | None = None
            for start, end, event_id, event in near.get(line, ()):
                if not (start < line_end and line_start < end):
                    continue  # not in the figure's paragraph
                distance = max(0, start - figure.end, figure.start - end)
                candidate = (distance, start, event_id, event)
                if best is None or candidate[:3] < best[:3]:
                    best = candidate
            if best is not None:
                owners[key] = best[3]
    return owners


_DATE_FIELDS = ("date", "date_start", "date_end", "date_precision")


def _date_fields(date: PartialDate | None, end: PartialDate | None = None) -> dict[str, Any]:
    return dict(zip(_DATE_FIELDS, _date_values(date, end), strict=True))


@lru_cache(maxsize=65_536)
def _date_values(
    date: PartialDate | None, end: PartialDate | None
) -> tuple[str | None, str | None, str | None, str | None]:
    # Cached: the figures of a document, and of an event, all share its date.
    if date is None:
        return None, None, None, None
    return (
        str(date),
        date.interval()[0].isoformat(),
        (end or date).interval()[1].isoformat(),
        date.precision,
    )


def _document_row(document: Document, n_figures: int) -> dict[str, Any]:
    published = document.published
    return {
        "document_id": document.id,
        "path": document.path,
        "title": document.title,
        "publisher": document.publisher,
        "published": str(published) if published else None,
        "published_precision": published.precision if published else None,
        "language": document.language,
        "url": document.url,
        "sha256": document.sha256,
        "n_chars": len(document.text),
        "n_figures": n_figures,
    }


def _event_row(event: Event, n_figures: int) -> dict[str, Any]:
    return {
        "event_id": event.id,
        **_date_fields(event.date, event.end),
        "approximate": event.approximate,
        "title": event.title,
        "summary": event.summary,
        "category": event.category,
        "place": event.place,
        "actors": "; ".join(event.actors) or None,
        "tags": "; ".join(event.tags) or None,
        "n_sources": len(event.sources),
        "n_figures": n_figures,
        "page": f"events/{event.id}.html",
        "end": None if event.end is None else str(event.end),
    }


def _source_row(event: Event, document_id: str, quote: str, text: str, start: int, end: int,
                occurrence: int | None) -> dict[str, Any]:  # fmt: skip
    return {
        "event_id": event.id,
        "document_id": document_id,
        "quote": quote,
        "text": text[start:end],
        "start": start,
        "end": end,
        "occurrence": occurrence,
    }


def bounds(figure: Figure) -> tuple[float | None, float | None]:
    """The lowest and highest values a figure allows, from its qualifier."""
    if figure.vague or figure.value is None:
        return None, None
    lower = (
        figure.value if figure.qualifier in ("exact", "more_than", "at_least", "range") else None
    )
    if figure.qualifier == "range":
        upper = figure.value_max
    else:
        upper = figure.value if figure.qualifier in ("exact", "less_than", "at_most") else None
    return lower, upper


# What the figures table takes from each Figure as it is.
_FIGURE_FIELDS = ("start", "end", "text", "value", "value_max", "unit", "qualifier", "vague",
                  "sentence")  # fmt: skip
_figure_fields = attrgetter(*_FIGURE_FIELDS)


def _figure_columns(
    project: Project,
    figures: dict[str, list[Figure]],
    selection: Selection,
    owners: dict[tuple[str, int], Event],
) -> dict[str, list[Any]]:
    """The ``figures`` table, column by column and a document at a time: for hundreds of
    thousands of figures, several times faster than a dict per row."""
    columns: dict[str, list[Any]] = {name: [] for name in FIGURES.names}
    for document in sorted(project.documents, key=lambda d: d.id):
        found = figures[document.id]
        if not found:
            continue
        fields = zip(*map(_figure_fields, found), strict=True)
        for name, values in zip(_FIGURE_FIELDS, fields, strict=True):
            columns[name].extend(values)
        events: list[Event | None] = []
        measures: list[str | None] = []
        for figure in found:
            key = (document.id, figure.start)
            curated = selection.get(key)
            events.append(curated[0] if curated else owners.get(key))
            measures.append(curated[1].measure if curated else None)
        published = _date_values(document.published, None)
        dates = [_date_values(e.date, e.end) if e is not None else published for e in events]
        limits = [bounds(figure) for figure in found]
        columns["figure_id"].extend(f"{document.id}:{figure.start}" for figure in found)
        columns["document_id"].extend([document.id] * len(found))
        columns["lower"].extend(lower for lower, _ in limits)
        columns["upper"].extend(upper for _, upper in limits)
        columns["extractor_version"].extend([EXTRACTOR_VERSION] * len(found))
        columns["event_id"].extend(e.id if e is not None else None for e in events)
        columns["measure"].extend(measures)
        columns["curated"].extend(measure is not None for measure in measures)
        for name, values in zip(_DATE_FIELDS, zip(*dates, strict=True), strict=True):
            columns[name].extend(values)
    return columns


# -- reading rows of the tables, for charts and pages ---------------------------------------


def _value(value: Any) -> Any:
    """None for a missing cell (pandas NA or NaN), else the value."""
    # Not pd.isna: called for every figure of every page, it takes most of the time.
    missing = value is None or value is pd.NA or (isinstance(value, float) and value != value)
    return None if missing else value


def figure_label_of(row: Any, lang: str) -> str:
    """The short label of a row of ``figures`` (">60", "≈3,7 Md $US")."""
    return figure_label(_value(row.value), _value(row.value_max), _value(row.unit),
                        row.qualifier, bool(row.vague), lang)  # fmt: skip


def event_date_text(row: Any, lang: str) -> str:
    """The date of a row of ``events`` written out, with its last day when it lasts."""
    date = PartialDate.parse(row.date)
    end = PartialDate.parse(row.end) if isinstance(row.end, str) else None
    return date_text(date, end, bool(row.approximate), lang)
