"""The checked events of an included file as the build cache keeps them, and back."""

from __future__ import annotations

from typing import Any

from timeline.dates import PartialDate
from timeline.errors import Location
from timeline.model import CuratedFigure, Event, Quote

# Bump when the records below change: older entries are then read as misses.
CACHE_FORMAT = "events-1"


def event_record(event: Event, id_at: Location, derived: bool) -> list[Any]:
    """An event as the cache stores it (the file's path is the cache entry's key)."""

    def quote(q: Quote) -> list[Any]:
        return [q.document_id, q.quote, q.start, q.end, q.occurrence, q.location.line,
                q.location.column]  # fmt: skip

    return [
        event.id, str(event.date), str(event.end) if event.end else None, event.approximate,
        event.title, event.summary, event.category, event.place, list(event.actors),
        list(event.tags), [quote(q) for q in event.sources],
        [[f.measure, quote(f.quote)] for f in event.figures],
        [event.location.line, event.location.column], [id_at.line, id_at.column], derived,
    ]  # fmt: skip


def event_of(record: list[Any], shown: str) -> tuple[Event, Location, bool]:
    """The event, where its id stands and whether it comes from the title, from a record."""

    def quote(values: list[Any]) -> Quote:
        document_id, text, start, end, occurrence, line, column = values
        return Quote(str(document_id), str(text), int(start), int(end),
                     None if occurrence is None else int(occurrence),
                     Location(shown, int(line), int(column)))  # fmt: skip

    (ident, date, end, approximate, title, summary, category, place, actors, tags, sources,
     figures, (line, column), (id_line, id_column), derived) = record  # fmt: skip
    event = Event(
        id=str(ident), date=PartialDate.parse(date),
        end=PartialDate.parse(end) if end is not None else None, approximate=bool(approximate),
        title=str(title), summary=summary, category=str(category), place=place,
        actors=tuple(actors), tags=tuple(tags), sources=tuple(quote(q) for q in sources),
        figures=tuple(CuratedFigure(str(m), quote(q)) for m, q in figures),
        location=Location(shown, int(line), int(column)),
    )  # fmt: skip
    return event, Location(shown, int(id_line), int(id_column)), bool(derived)
