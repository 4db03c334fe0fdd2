"""What a checked project holds: its documents, measures, events and their quotes."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

from timeline.dates import PartialDate
from timeline.documents import Document
from timeline.errors import Location


@dataclass(frozen=True)
class Quote:
    """A curated quote and the span ``[start, end)`` where it stands in its document."""

    document_id: str
    quote: str
    start: int
    end: int
    occurrence: int | None
    location: Location


@dataclass(frozen=True)
class CuratedFigure:
    """A figure an event selects by quoting it, and the measure it counts towards."""

    measure: str
    quote: Quote


@dataclass(frozen=True)
class Measure:
    """A name that curated figures may use (e.g. ``coalition_members``)."""

    id: str
    label: str
    description: str | None


@dataclass(frozen=True)
class Event:
    """One curated event with its dated period, sources and figures."""

    id: str
    date: PartialDate
    end: PartialDate | None
    approximate: bool
    title: str
    summary: str | None
    category: str
    place: str | None
    actors: tuple[str, ...]
    tags: tuple[str, ...]
    sources: tuple[Quote, ...]
    figures: tuple[CuratedFigure, ...]
    location: Location


@dataclass(frozen=True)
class Project:
    """A whole project folder, checked: its metadata, documents, measures and events."""

    root: Path
    title: str
    description: str | None
    language: str
    version: str  # the dataset's version, MAJOR.MINOR.PATCH
    license: str  # the dataset's licence, an SPDX identifier such as CC-BY-4.0
    url: str | None  # where the site is published, for citations
    documents: tuple[Document, ...]
    measures: tuple[Measure, ...]
    events: tuple[Event, ...]
    files: tuple[str, ...]  # the YAML files read, as shown in messages
    checksum: str  # sha256 over every input file: tells which sources a build came from

    def document(self, document_id: str) -> Document:
        """The document with this id (KeyError if none)."""
        return self._documents_by_id[document_id]

    @cached_property
    def _documents_by_id(self) -> dict[str, Document]:
        return {d.id: d for d in self.documents}
