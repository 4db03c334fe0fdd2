"""Curated events: load a project folder's events.yaml, check every part, locate every quote."""

from __future__ import annotations

import hashlib
import re
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from multiprocessing import get_context
from pathlib import Path
from typing import Any

import yaml
from slugify import slugify

from timeline.cache import NO_CACHE, Cache
from timeline.citations import cited_quote
from timeline.dates import DateError
from timeline.documents import Document, DocumentError, posix, read_text, resolve
from timeline.errors import Location, Problem, ProjectError
from timeline.eventcache import CACHE_FORMAT, event_of, event_record
from timeline.fields import Entry, Reader, did_you_mean
from timeline.model import CuratedFigure, Event, Measure, Project, Quote
from timeline.yamlfile import NULL, load, read_bytes

LANGUAGES = ("fr", "en")
PROJECT_FILE = "events.yaml"

TOP_REQUIRED = ("project",)
TOP_OPTIONAL = ("documents", "measures", "events", "include")
INCLUDED_OPTIONAL = ("documents", "measures", "events")
PROJECT_REQUIRED = ("title", "language")
PROJECT_OPTIONAL = ("description", "version", "license", "url")
DEFAULT_VERSION = "1.0.0"
DEFAULT_LICENSE = "CC-BY-4.0"
_VERSION = re.compile(r"^\d+\.\d+\.\d+$")
DOCUMENT_REQUIRED = ("path",)
DOCUMENT_OPTIONAL = ("id", "title", "published", "publisher", "url", "language")
MEASURE_OPTIONAL = ("label", "description")
EVENT_REQUIRED = ("date", "title", "category", "sources")
EVENT_OPTIONAL = ("id", "end", "approximate", "summary", "place", "actors", "tags", "figures")
SOURCE_REQUIRED = ("document", "quote")
SOURCE_OPTIONAL = ("occurrence",)
FIGURE_REQUIRED = ("measure", "quote")
FIGURE_OPTIONAL = ("document", "occurrence")

_SPDX = re.compile(r"^[A-Za-z0-9][A-Za-z0-9.+-]*$")  # "CC-BY-4.0", "LicenseRef-mine"
MAX_ID_LENGTH = 100
_ID = re.compile(r"^[a-z0-9]+(?:[-_][a-z0-9]+)*$")
_SLUG_LENGTH = 80


def shown_path(folder: str, name: str) -> str:
    """A project file's path as the user would type it, from the folder they gave."""
    if folder in ("", "."):
        return name
    return f"{folder.rstrip('/')}/{name}"


def load_project(folder: str | Path = ".", cache: Cache = NO_CACHE, jobs: int = 1) -> Project:
    """Load and check the project in ``folder``; raise ProjectError listing every problem.

    The checked events of each included file are kept in ``cache``, and taken from it
    while the file, the documents its events quote and the measures they use are unchanged.
    Included files that hold only events are read on ``jobs`` processes.

    >>> project = load_project(".")          # doctest: +SKIP
    >>> project.events[0].sources[0].start   # doctest: +SKIP
    """
    loader = _Loader(Path(folder), str(folder), cache, jobs)
    project = loader.run()
    if loader.problems or project is None:
        raise ProjectError(loader.problems)
    for document in project.documents:
        # The quote look-up index weighs ten times its text: drop it once quotes are found
        # (it is built again if someone asks for it).
        document.__dict__.pop("index", None)
    return project


@dataclass
class _Part:
    """One YAML file of the project: read (``reader`` and ``entries``), or only found in the
    cache (``stored``) until its events are needed."""

    shown: str
    path: Path
    sha256: str
    reader: Reader | None = None
    entries: dict[str, Entry] | None = None
    clean: bool = True  # no problem found in the file while reading it
    stored: dict[str, Any] | None = None

    @property
    def unread(self) -> bool:
        """Neither read nor in the cache: to be read with the events."""
        return self.reader is None and self.stored is None


# An event id claimed while reading a file for another process: the id, where it stands,
# whether it comes from the title, and the event (None when the event has a problem).
_Claim = tuple[str, Location, bool, "Event | None"]
# What reading one file elsewhere gives: its problems, how many events it lists, the claims.
_Read = tuple[list[Problem], int, list[_Claim]]
# What the forked processes read, set before they are forked: never pickled.
_LOADING: dict[str, Any] = {}


def _read_forked(positions: list[int]) -> dict[int, _Read]:
    loader, parts = _LOADING["loader"], _LOADING["parts"]
    return {i: loader._read_alone(parts[i]) for i in positions}


# A line that may start at the left edge of an included file that holds only events.
_EVENTS_ONLY_LINE = re.compile(r"(?:events\s*:|-|#|\.\.\.)")


def _only_events(data: bytes) -> bool:
    """Whether an included file surely holds nothing but ``events:`` at its top level (so
    that it declares no document nor measure, and may be read after them, elsewhere)."""
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return all(
        _EVENTS_ONLY_LINE.match(line) for line in text.splitlines() if line[:1] not in ("", " ")
    )


@dataclass
class _DocumentEntry:
    id: str
    entries: dict[str, Entry]
    reader: Reader
    node: yaml.Node


class _Loader:
    """Reads the YAML files of one project; every check appends to ``problems``."""

    def __init__(self, root: Path, typed: str, cache: Cache = NO_CACHE, jobs: int = 1) -> None:
        self.root = root
        self.base = root.resolve()  # what paths are checked against
        self.typed = typed
        self.cache = cache
        self.jobs = jobs
        # The event ids claimed, in order, while reading files for another process.
        self._claims: list[_Claim] | None = None
        self._derived_ids: set[str] = set()  # events whose id comes from their title
        self.problems: list[Problem] = []
        self.documents: dict[str, Document] = {}
        self.measures: dict[str, Measure] = {}
        self.events: dict[str, Event] = {}
        self._ids_at: dict[tuple[str, str], Location] = {}
        self._declared_documents: set[str] = set()  # loaded or not
        self.language = LANGUAGES[0]  # until the project's own is read
        self._listed = {"documents": 0, "events": 0}

    def run(self) -> Project | None:
        main_shown = shown_path(self.typed, PROJECT_FILE)
        main_path = self.root / PROJECT_FILE
        if not main_path.is_file():
            self.problems.append(
                Problem(
                    Location(main_shown),
                    f"no {PROJECT_FILE} here: create one (see the README for the format)",
                )
            )
            return None
        main, problems = load(main_path, main_shown)
        self.problems += problems
        if main is None:
            return None
        reader = Reader(main, self.problems)
        top = reader.mapping(main.root, "the project file", TOP_REQUIRED, TOP_OPTIONAL)
        if top is None:
            return None
        header = self._project(reader, top)
        parts = [_Part(main_shown, main_path, main.sha256, reader, top)]
        before_includes = len(self.problems)
        parts += self._includes(reader, top.get("include"))
        includes_failed = len(self.problems) > before_includes
        read = [(part.reader, part.entries) for part in parts if part.reader and part.entries]
        for part_reader, entries in read:
            self._documents(part_reader, entries.get("documents"))
        for part_reader, entries in read:
            self._measures(part_reader, entries.get("measures"))
        unread = {i: part for i, part in enumerate(parts) if part.unread}
        read_elsewhere = self._read_elsewhere(unread)
        for i, part in enumerate(parts):
            if i in read_elsewhere:
                problems, listed, claims = read_elsewhere[i]
                self.problems += problems
                self._listed["events"] += listed
                self._take_claims(claims)
            else:
                self._part_events(part, cacheable=part is not parts[0])
        # An included file that could not be found or read may hold what seems missing.
        includes_read = not includes_failed and all(
            p.location.path == main_shown for p in self.problems
        )
        for name in ("documents", "events"):
            if not self._listed[name] and includes_read:
                self.problems.append(
                    Problem(
                        main.at(main.root),
                        f"the project has no {name}: add at least one under '{name}:'",
                    )
                )
        if header is None:
            return None
        return Project(
            root=self.root,
            title=str(header["title"]),
            description=header["description"],
            language=str(header["language"]),
            version=str(header["version"]),
            license=str(header["license"]),
            url=header["url"],
            documents=tuple(self.documents.values()),
            measures=tuple(self.measures.values()),
            events=tuple(self.events.values()),
            files=tuple(part.shown for part in parts),
            checksum=self._checksum([(part.shown, part.sha256) for part in parts]),
        )

    def _checksum(self, yaml_files: list[tuple[str, str]]) -> str:
        """One sha256 over the YAML files and the documents, each named by its path."""
        prefix = len(shown_path(self.typed, ""))
        lines = [f"{shown[prefix:]}\t{sha}" for shown, sha in yaml_files]
        lines += [f"{d.path}\t{d.sha256}" for d in self.documents.values()]
        return hashlib.sha256("\n".join(sorted(lines)).encode()).hexdigest()

    # -- the parts of the file ------------------------------------------------------------

    def _project(self, reader: Reader, top: dict[str, Entry]) -> dict[str, str | None] | None:
        if "project" not in top:
            return None
        entries = reader.mapping(
            top["project"].value, "'project'", PROJECT_REQUIRED, PROJECT_OPTIONAL
        )
        if entries is None:
            return None
        header = {
            "title": reader.text(entries, "title", required=True),
            "language": reader.choice(entries, "language", LANGUAGES),
            "description": reader.text(entries, "description"),
            "version": reader.text(entries, "version") or DEFAULT_VERSION,
            "license": reader.text(entries, "license") or DEFAULT_LICENSE,
            "url": reader.url(entries, "url", "the web address where the site is published"),
        }
        if not _SPDX.match(header["license"] or ""):
            reader.problem(
                entries["license"].value,
                f"'license' must be an SPDX identifier such as CC-BY-4.0, CC0-1.0 or ODbL-1.0 "
                f"(see https://spdx.org/licenses/), not '{header['license']}'",
            )
        if not _VERSION.match(header["version"] or ""):
            reader.problem(
                entries["version"].value,
                f"'version' must be MAJOR.MINOR.PATCH (e.g. 1.2.0), not '{header['version']}'",
            )
        if header["title"] is None or header["language"] is None:
            return None
        self.language = str(header["language"])
        return header

    def _includes(self, reader: Reader, entry: Entry | None) -> list[_Part]:
        if entry is None:
            return []
        paths: dict[str, None] = {}
        for node in reader.sequence(entry, "paths or glob patterns"):
            scalar = isinstance(node, yaml.ScalarNode) and node.tag != NULL
            pattern = node.value if scalar else None
            if not pattern or not isinstance(pattern, str) or not pattern.strip():
                reader.problem(node, "each item of 'include' must be a path or a glob pattern")
                continue
            try:
                resolve(self.base, pattern)
            except DocumentError as error:
                reader.problem(node, str(error))
                continue
            matches = sorted(
                m.relative_to(self.root).as_posix() for m in self.root.glob(pattern) if m.is_file()
            )
            if not matches and (self.root / pattern).is_dir():
                reader.problem(node, f"include '{pattern}' is a folder: name the files in it, "
                                     f"e.g. '{pattern.rstrip('/')}/*.yaml'")  # fmt: skip
            elif not matches:
                reader.problem(node, f"include '{pattern}' matches no file in the project folder")
            elif matches == [PROJECT_FILE]:
                reader.problem(node, f"include '{pattern}' names {PROJECT_FILE} itself: include "
                                     "the other files that hold events")  # fmt: skip
            for match in matches:
                if match != PROJECT_FILE:  # a pattern such as '*.yaml' matches it too
                    paths[match] = None
        parts = []
        for relative in sorted(paths):
            shown = shown_path(self.typed, relative)
            try:
                path = resolve(self.base, relative)
            except DocumentError as error:
                reader.problem(entry.value, str(error))
                continue
            # Read once here for the cache key and to see what the file holds.
            data = read_bytes(path) if self.cache.folder is not None or self.jobs > 1 else None
            sha256 = hashlib.sha256(data).hexdigest() if data is not None else None
            stored = self.cache.get("events", self._cache_key(sha256, shown)) if sha256 else None
            if stored is not None:
                parts.append(_Part(shown, path, str(sha256), stored=stored))
                continue
            if data is not None and sha256 and self.jobs > 1 and _only_events(data):
                parts.append(_Part(shown, path, sha256))  # read later, on another process
                continue
            part = self._read_part(path, shown)
            if part is not None:
                parts.append(part)
        return parts

    def _read_part(self, path: Path, shown: str) -> _Part | None:
        """An included file, read and checked as far as its top-level keys."""
        before = len(self.problems)
        included, problems = load(path, shown)
        self.problems += problems
        if included is None:
            return None
        part_reader = Reader(included, self.problems)
        entries = part_reader.mapping(included.root, "an included file", (), INCLUDED_OPTIONAL)
        if entries is None:
            return None
        clean = len(self.problems) == before
        return _Part(shown, path, included.sha256, part_reader, entries, clean=clean)

    # -- included files read on other processes -------------------------------------------

    def _read_elsewhere(self, unread: dict[int, _Part]) -> dict[int, _Read]:
        """Read the files of ``unread`` (by position) on ``jobs`` forked processes."""
        if not unread:
            return {}
        positions = sorted(unread)
        if self.jobs <= 1 or len(positions) < 2:
            return {i: self._read_alone(unread[i]) for i in positions}
        shares = [positions[k :: self.jobs * 4] for k in range(self.jobs * 4)]
        _LOADING.update(loader=self, parts=unread)
        try:
            # Forked, the processes start with the documents and measures already read.
            with ProcessPoolExecutor(self.jobs, mp_context=get_context("fork")) as pool:
                read: dict[int, _Read] = {}
                for done in pool.map(_read_forked, shares):
                    read.update(done)
                return read
        finally:
            _LOADING.clear()

    def _read_alone(self, part: _Part) -> _Read:
        """Read one file's events without claiming their ids: (problems, events listed,
        claims). The file is kept in the cache if it is faultless."""
        before, listed = len(self.problems), self._listed["events"]
        self._claims = []
        try:
            read = self._read_part(part.path, part.shown)
            if read is not None:
                assert read.entries is not None
                self._events(read.reader, read.entries.get("events"))  # type: ignore[arg-type]
            problems, claims = self.problems[before:], self._claims
            count = self._listed["events"] - listed
        finally:
            del self.problems[before:]
            self._listed["events"], self._claims = listed, None
        if (
            read is not None
            and read.clean
            and not problems
            and set(read.entries or {}) <= {"events"}
        ):
            kept = [(event, here, derived) for _, here, derived, event in claims if event]
            if len(kept) == len(claims):
                entry = self._cache_entry([e for e, _, _ in kept], count, kept)
                self.cache.put("events", self._cache_key(part.sha256, part.shown), entry)
        return problems, count, claims

    def _take_claims(self, claims: list[_Claim]) -> None:
        """Claim, in order, the ids of events read elsewhere, and keep those that get theirs."""
        for ident, here, derived, event in claims:
            claimed = self._claim_id_at("event", ident, here, "title" if derived else None)
            if claimed and event is not None:
                self.events[ident] = event

    # -- the cache of included files ------------------------------------------------------

    @staticmethod
    def _cache_key(sha256: str | None, shown: str) -> str:
        return Cache.key(str(sha256), shown, CACHE_FORMAT)

    def _part_events(self, part: _Part, cacheable: bool) -> None:
        """The events of one file: from the cache when what they depend on is unchanged,
        else read, checked, and stored for the next build if the file is faultless."""
        if part.stored is not None and self._cached_events(part.shown, part.stored):
            return
        if part.reader is None:  # not read yet, or changed since it was cached
            read = self._read_part(part.path, part.shown)
            if read is None:
                return
            part = read
        assert part.reader is not None
        assert part.entries is not None
        before, known, listed = len(self.problems), len(self.events), self._listed["events"]
        self._events(part.reader, part.entries.get("events"))
        events_only = set(part.entries) <= {"events"}
        if cacheable and part.clean and events_only and len(self.problems) == before:
            added = list(self.events.values())[known:]
            entry = self._cache_entry(added, self._listed["events"] - listed)
            self.cache.put("events", self._cache_key(part.sha256, part.shown), entry)

    def _cache_entry(
        self,
        events: list[Event],
        listed: int,
        claims: list[tuple[Event, Location, bool]] | None = None,
    ) -> dict[str, Any]:
        if claims is None:
            claims = [(e, self._ids_at[("event", e.id)], e.id in self._derived_ids) for e in events]
        quotes = [q for e in events for q in (*e.sources, *(f.quote for f in e.figures))]
        return {
            "listed": listed,
            "documents": {q.document_id: self.documents[q.document_id].sha256 for q in quotes},
            "measures": sorted({f.measure for e in events for f in e.figures}),
            "events": [event_record(e, here, derived) for e, here, derived in claims],
        }

    def _cached_events(self, shown: str, stored: dict[str, Any]) -> bool:
        """Take a file's events from the cache; False when a document they quote or a
        measure they use changed since."""
        try:
            fresh = all(
                document_id in self.documents and self.documents[document_id].sha256 == sha
                for document_id, sha in stored["documents"].items()
            ) and all(measure in self.measures for measure in stored["measures"])
            if not fresh:
                return False
            loaded = [event_of(record, shown) for record in stored["events"]]
            listed = int(stored["listed"])
        except (KeyError, TypeError, ValueError, DateError):
            return False  # not what this version stores: read the file instead
        self._listed["events"] += listed
        for event, id_at, derived in loaded:
            if self._claim_id_at("event", event.id, id_at, "title" if derived else None):
                self.events[event.id] = event
        return True

    def _claim_id(
        self, reader: Reader, kind: str, ident: str, node: yaml.Node, derived_from: str | None
    ) -> bool:
        """Record an id; report it when another thing of the same kind has it already."""
        return self._claim_id_at(kind, ident, reader.at(node), derived_from)

    def _claim_id_at(self, kind: str, ident: str, here: Location, derived_from: str | None) -> bool:
        if self._claims is not None and kind == "event":
            # On a process that reads some of the files: the one that merges them claims.
            self._claims.append((ident, here, derived_from is not None, None))
            return True
        first = self._ids_at.get((kind, ident))
        if first is None:
            self._ids_at[(kind, ident)] = here
            if kind == "document":
                self._declared_documents.add(ident)
            return True
        where = f"line {first.line}" if first.path == here.path else str(first)
        if derived_from:
            message = (
                f"this {kind} gets the id '{ident}' from its {derived_from}, "
                f"like the {kind} at {where}: give one of them an explicit 'id:'"
            )
        else:
            message = (
                f"duplicate {kind} id '{ident}' (also used at {where}): give each {kind} its own id"
            )
        self.problems.append(Problem(here, message))
        return False

    def _check_id(self, reader: Reader, entries: dict[str, Entry]) -> str | None:
        ident = reader.text(entries, "id")
        if ident is not None and not _ID.match(ident):
            reader.problem(
                entries["id"].value,
                f"id '{ident}' must be lower-case letters and digits joined by hyphens or "
                f"underscores, e.g. '{slugify(ident) or 'my-id'}'",
            )
            return None
        if ident is not None and len(ident) > MAX_ID_LENGTH:
            # An id names a page: file systems refuse names longer than 255 bytes.
            reader.problem(
                entries["id"].value,
                f"id '{ident[:20]}…' is {len(ident)} characters long: keep it to "
                f"{MAX_ID_LENGTH} at most",
            )
            return None
        return ident

    def _documents(self, reader: Reader, entry: Entry | None) -> None:
        if entry is None:
            return
        for node in reader.sequence(entry, "documents"):
            self._listed["documents"] += 1
            entries = reader.mapping(node, "a document", DOCUMENT_REQUIRED, DOCUMENT_OPTIONAL)
            if entries is None:
                continue
            path = reader.text(entries, "path", required=True)
            explicit = self._check_id(reader, entries)
            if path is None or ("id" in entries and explicit is None):
                continue
            ident = explicit or slugify(Path(path).stem, max_length=MAX_ID_LENGTH)
            if not ident:
                reader.problem(
                    entries["path"].value,
                    "cannot make an id from this file name: give the document an 'id:'",
                )
                continue
            id_node = entries["id"].value if explicit else entries["path"].value
            if not self._claim_id(
                reader, "document", ident, id_node, None if explicit else "file name"
            ):
                continue
            title = reader.text(entries, "title")
            published = reader.date(entries, "published")
            publisher = reader.text(entries, "publisher")
            url = reader.url(entries, "url", "the web address of the document")
            language = reader.choice(entries, "language", LANGUAGES) or self.language
            try:
                text, sha256 = read_text(self.base, path)
            except DocumentError as error:
                if error.line is None:
                    reader.problem(entries["path"].value, str(error))
                else:  # in the document's text: say where
                    where = Location(shown_path(self.typed, path), error.line, error.column)
                    reader.problems.append(Problem(where, str(error)))
                continue
            self.documents[ident] = Document(
                id=ident,
                path=posix(path),
                title=title,
                published=published,
                publisher=publisher,
                url=url,
                language=language,
                text=text,
                sha256=sha256,
            )

    def _measures(self, reader: Reader, entry: Entry | None) -> None:
        if entry is None:
            return
        node = entry.value
        if not isinstance(node, yaml.MappingNode):
            reader.problem(
                node,
                "'measures' must map each measure name to its label, e.g. "
                "'coalition_members: {label: Coalition members}'",
            )
            return
        for key, value in node.value:
            name = key.value if isinstance(key, yaml.ScalarNode) else ""
            if not _ID.match(name):
                reader.problem(
                    key,
                    f"measure name '{name}' must be lower-case letters, digits "
                    "and underscores, e.g. 'coalition_members'",
                )
                continue
            if not self._claim_id(reader, "measure", name, key, None):
                continue
            fields: dict[str, Entry] | None
            if isinstance(value, yaml.ScalarNode) and value.tag == NULL:
                fields = {}  # "name:" alone: both keys are optional
            else:
                fields = reader.mapping(value, f"measure '{name}'", (), MEASURE_OPTIONAL)
                if fields is None:
                    continue
            label = reader.text(fields, "label") or name.replace("_", " ").capitalize()
            self.measures[name] = Measure(name, label, reader.text(fields, "description"))

    def _events(self, reader: Reader, entry: Entry | None) -> None:
        if entry is None:
            return
        for node in reader.sequence(entry, "events"):
            self._listed["events"] += 1
            claims = len(self._claims) if self._claims is not None else 0
            event = self._event(reader, node)
            if self._claims is not None:
                if len(self._claims) > claims:  # the claim goes with the event, if it is kept
                    self._claims[-1] = (*self._claims[-1][:3], event)
            elif event is not None:
                self.events[event.id] = event

    def _event(self, reader: Reader, node: yaml.Node) -> Event | None:
        entries = reader.mapping(node, "an event", EVENT_REQUIRED, EVENT_OPTIONAL)
        if entries is None:
            return None
        title = reader.text(entries, "title", required=True)
        explicit = self._check_id(reader, entries)
        date = reader.date(entries, "date", required=True)
        end = reader.date(entries, "end")
        if date is not None and end is not None and end.interval()[1] < date.interval()[0]:
            reader.problem(
                entries["end"].value,
                f"'end' ({end}) is before 'date' ({date}): swap them or correct one",
            )
        approximate = reader.boolean(entries, "approximate")
        category = reader.text(entries, "category", required=True)
        summary = reader.text(entries, "summary")
        place = reader.text(entries, "place")
        actors = reader.texts(entries, "actors")
        tags = reader.texts(entries, "tags")
        source_items = self._items(reader, entries, "sources", "sources")
        if "sources" in entries and not source_items:
            reader.problem(
                entries["sources"].value,
                "an event needs at least one source: add "
                "'- document: ...' and 'quote: ...' under 'sources:'",
            )
        quotes = []
        for item in source_items:
            fields = reader.mapping(item, "a source", SOURCE_REQUIRED, SOURCE_OPTIONAL)
            if fields is not None and (quote := self._cited(reader, fields, None)) is not None:
                quotes.append(quote)
        sources = tuple(quotes)
        source_documents = tuple(dict.fromkeys(q.document_id for q in sources))
        figures = []
        for item in self._items(reader, entries, "figures", "figures"):
            figure = self._figure(reader, item, source_documents)
            if figure is not None:
                figures.append(figure)
        ident = explicit or (
            slugify(title, max_length=_SLUG_LENGTH, word_boundary=True) if title else None
        )
        if title and not ident:
            reader.problem(
                entries["title"].value, "cannot make an id from this title: give the event an 'id:'"
            )
            return None
        if ident is None or not self._claim_id(
            reader,
            "event",
            ident,
            entries["id"].value if explicit else node,
            None if explicit else "title",
        ):
            return None
        if not explicit:
            self._derived_ids.add(ident)
        if date is None or title is None or category is None or not sources:
            return None
        return Event(
            id=ident,
            date=date,
            end=end,
            approximate=bool(approximate),
            title=title,
            summary=summary,
            category=category,
            place=place,
            actors=actors,
            tags=tags,
            sources=sources,
            figures=tuple(figures),
            location=reader.at(node),
        )

    def _items(
        self, reader: Reader, entries: dict[str, Entry], name: str, what: str
    ) -> list[yaml.Node]:
        entry = entries.get(name)
        return reader.sequence(entry, what) if entry is not None else []

    def _figure(
        self, reader: Reader, node: yaml.Node, source_documents: tuple[str, ...]
    ) -> CuratedFigure | None:
        entries = reader.mapping(node, "a figure", FIGURE_REQUIRED, FIGURE_OPTIONAL)
        if entries is None:
            return None
        measure = reader.text(entries, "measure", required=True)
        if measure is not None and measure not in self.measures:
            known = tuple(self.measures)
            listed = (
                f" Measures: {', '.join(known)}"
                if known
                else (" Declare it under 'measures:' at the top of the file")
            )
            reader.problem(
                entries["measure"].value,
                f"unknown measure '{measure}':{did_you_mean(measure, known)}{listed}",
            )
            measure = None
        quote = self._cited(reader, entries, source_documents)
        if measure is None or quote is None:
            return None
        return CuratedFigure(measure, quote)

    def _cited(
        self, reader: Reader, entries: dict[str, Entry], default_documents: tuple[str, ...] | None
    ) -> Quote | None:
        return cited_quote(reader, entries, self.documents, self._declared_documents,
                           default_documents)  # fmt: skip
