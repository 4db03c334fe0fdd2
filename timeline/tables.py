"""The dataset's four tables, declared once: CSV order, datapackage.json and codebook follow."""

from __future__ import annotations

from dataclasses import dataclass, field

from timeline.dates import PRECISIONS
from timeline.events import LANGUAGES
from timeline.figures import QUALIFIERS

# Raise MAJOR when a column is removed, renamed, retyped or moved, MINOR when one is added
# (the Frictionless versioning recipe); tests/test_tables.py holds the declaration to it.
SCHEMA_VERSION = (1, 1)

_PARTIAL_DATE = r"^\d{4}(-\d{2}(-\d{2})?)?$"


@dataclass(frozen=True)
class Column:
    """One variable of a table, as Table Schema describes a field."""

    name: str
    type: str  # Table Schema types: string, integer, number, boolean, date
    description: str
    required: bool = False
    unique: bool = False
    enum: tuple[str, ...] = ()
    pattern: str | None = None
    minimum: int | None = None

    def field(self) -> dict[str, object]:
        """The Table Schema field descriptor of the column."""
        constraints: dict[str, object] = {}
        if self.required:
            constraints["required"] = True
        if self.unique:
            constraints["unique"] = True
        if self.enum:
            constraints["enum"] = list(self.enum)
        if self.pattern:
            constraints["pattern"] = self.pattern
        if self.minimum is not None:
            constraints["minimum"] = self.minimum
        descriptor: dict[str, object] = {
            "name": self.name,
            "type": self.type,
            "description": self.description,
        }
        if self.type == "date":
            descriptor["format"] = "default"
        if constraints:
            descriptor["constraints"] = constraints
        return descriptor


@dataclass(frozen=True)
class ForeignKey:
    fields: str
    resource: str
    reference: str


@dataclass(frozen=True)
class Table:
    """A table of the dataset: its file, what a row is, its columns and keys."""

    name: str
    title: str
    row: str  # what one row stands for
    columns: tuple[Column, ...]
    primary_key: tuple[str, ...]
    foreign_keys: tuple[ForeignKey, ...] = field(default=())

    @property
    def names(self) -> list[str]:
        return [c.name for c in self.columns]

    @property
    def path(self) -> str:
        return f"{self.name}.csv"

    def schema(self) -> dict[str, object]:
        """The Table Schema of the table."""
        schema: dict[str, object] = {
            "fields": [c.field() for c in self.columns],
            "missingValues": [""],
            "primaryKey": list(self.primary_key),
        }
        if self.foreign_keys:
            schema["foreignKeys"] = [
                {"fields": k.fields, "reference": {"resource": k.resource, "fields": k.reference}}
                for k in self.foreign_keys
            ]
        return schema


def _date_columns(whose: str, required: bool) -> tuple[Column, ...]:
    return (
        Column("date", "string", f"{whose} as written: YYYY, YYYY-MM or YYYY-MM-DD; its form "
               "is its precision.", required, pattern=_PARTIAL_DATE),
        Column("date_start", "date", "First day of the period the date stands for "
               "(2015-06 → 2015-06-01).", required),
        Column("date_end", "date", "Last day of that period (2015-06 → 2015-06-30); for an "
               "event with an end, the last day of its end.", required),
        Column("date_precision", "string", "day, month or year: how precisely the date is "
               "known.", required, enum=PRECISIONS),
    )  # fmt: skip


DOCUMENTS = Table(
    name="documents",
    title="Documents",
    row="source document of the project",
    columns=(
        Column("document_id", "string", "Identifier of the document.", True, True),
        Column("path", "string", "File of the document, relative to the project folder.", True),
        Column("title", "string", "Title of the document."),
        Column("publisher", "string", "Who published it."),
        Column("published", "string", "Publication date as written (YYYY, YYYY-MM or "
               "YYYY-MM-DD).", pattern=_PARTIAL_DATE),
        Column("published_precision", "string", "day, month or year.", enum=PRECISIONS),
        Column("language", "string", "Language of the text (fr or en).", True, enum=LANGUAGES),
        Column("url", "string", "Where the original can be read."),
        Column("sha256", "string", "SHA-256 checksum of the file's bytes.", True,
               pattern=r"^[0-9a-f]{64}$"),
        Column("n_chars", "integer", "Length of the text in characters (the unit of every "
               "start and end offset).", True, minimum=0),
        Column("n_figures", "integer", "Number of figures found in the text.", True, minimum=0),
    ),
    primary_key=("document_id",),
)  # fmt: skip

EVENTS = Table(
    name="events",
    title="Events",
    row="curated event",
    columns=(
        Column("event_id", "string", "Identifier of the event; its page is "
               "events/<event_id>.html.", True, True),
        *_date_columns("The event's date", required=True),
        Column("approximate", "boolean", "true when the date is an estimate.", True),
        Column("title", "string", "Title of the event.", True),
        Column("summary", "string", "Summary, in plain text."),
        Column("category", "string", "Category (free vocabulary of the project).", True),
        Column("place", "string", "Where it happened."),
        Column("actors", "string", "Actors, separated by \"; \"."),
        Column("tags", "string", "Tags, separated by \"; \"."),
        Column("n_sources", "integer", "Number of quotes that support the event (rows of "
               "sources).", True, minimum=1),
        Column("n_figures", "integer", "Number of figures attached to the event (rows of "
               "figures with its event_id, curated or not).", True, minimum=0),
        Column("page", "string", "Path of the event's page on the site.", True, True),
        # Added in schema 1.1, hence last: moving columns would break readers of 1.0.
        Column("end", "string", "The event's end as written (YYYY, YYYY-MM or YYYY-MM-DD), "
               "when it lasts; date_end is its last day.", pattern=_PARTIAL_DATE),
    ),
    primary_key=("event_id",),
)  # fmt: skip

SOURCES = Table(
    name="sources",
    title="Sources",
    row="quote that supports an event",
    columns=(
        Column("event_id", "string", "The event the quote supports.", True),
        Column("document_id", "string", "The document quoted.", True),
        Column("quote", "string", "The quote as curated in events.yaml.", True),
        Column("text", "string", "The passage as it stands in the document: text[start:end].",
               True),
        Column("start", "integer", "Offset of the passage's first character in the document "
               "(0-based, in characters).", True, minimum=0),
        Column("end", "integer", "Offset just after its last character.", True, minimum=1),
        Column("occurrence", "integer", "Which occurrence of the quote was meant, when it "
               "stands more than once (1-based).", minimum=1),
    ),
    primary_key=("event_id", "document_id", "start", "end"),
    foreign_keys=(
        ForeignKey("event_id", "events", "event_id"),
        ForeignKey("document_id", "documents", "document_id"),
    ),
)  # fmt: skip

FIGURES = Table(
    name="figures",
    title="Figures",
    row="figure found in a document",
    columns=(
        Column("figure_id", "string", "Identifier: document_id and start offset, as "
               "<document_id>:<start>.", True, True),
        Column("document_id", "string", "The document the figure stands in.", True),
        Column("start", "integer", "Offset of the figure's first character in the document.",
               True, minimum=0),
        Column("end", "integer", "Offset just after its last character.", True, minimum=1),
        Column("text", "string", "The figure as written, qualifier and unit included: "
               "text[start:end].", True),
        Column("value", "number", "The number, normalised (3,7 milliards → 3700000000); the "
               "lower bound of a range; empty when vague."),
        Column("value_max", "number", "Upper bound of a range; else empty."),
        Column("unit", "string", "ISO 4217 code for money, percent, hour/day/week/month/year, "
               "km/kg/t…, else the counted noun as a singular lemma; empty for a bare number."),
        Column("qualifier", "string", "exact, approx, more_than, less_than, at_least, at_most "
               "or range.", True, enum=QUALIFIERS),
        Column("vague", "boolean", "true for a quantity without a number (\"des millions de "
               "réfugiés\").", True),
        Column("lower", "number", "Lowest value the figure allows: value for exact, "
               "more_than, at_least and range; else empty."),
        Column("upper", "number", "Highest value it allows: value for exact, less_than and "
               "at_most; value_max for range; else empty."),
        Column("sentence", "string", "The sentence the figure stands in.", True),
        Column("extractor_version", "string", "Version of the extraction rules that found it.",
               True),
        Column("event_id", "string", "The event the figure belongs to (see the merge rule); "
               "empty when none."),
        Column("measure", "string", "The measure a curated figure counts towards; empty "
               "unless curated."),
        Column("curated", "boolean", "true when an event's figures: entry selects the "
               "figure.", True),
        *_date_columns("The figure's date (its event's date, else its document's "
                       "publication date, else empty)", required=False),
    ),
    primary_key=("figure_id",),
    foreign_keys=(
        ForeignKey("document_id", "documents", "document_id"),
        ForeignKey("event_id", "events", "event_id"),
    ),
)  # fmt: skip

TABLES = (DOCUMENTS, EVENTS, SOURCES, FIGURES)

# The columns' descriptions in French, for the site of a French project (the data files'
# own documentation stays in English, as the column names are).
_DATES_FR = {
    "date": "{whose} telle qu'écrite : AAAA, AAAA-MM ou AAAA-MM-JJ ; sa forme dit sa précision.",
    "date_start": "Premier jour de la période que la date désigne (2015-06 → 2015-06-01).",
    "date_end": "Dernier jour de cette période (2015-06 → 2015-06-30) ; pour un événement "
    "qui a une fin, le dernier jour de sa fin.",
    "date_precision": "day, month ou year : la précision à laquelle la date est connue.",
}
_DESCRIPTIONS_FR = {
    "documents": {
        "document_id": "Identifiant du document.",
        "path": "Fichier du document, relatif au dossier du projet.",
        "title": "Titre du document.",
        "publisher": "Qui l'a publié.",
        "published": "Date de publication telle qu'écrite (AAAA, AAAA-MM ou AAAA-MM-JJ).",
        "published_precision": "day, month ou year.",
        "language": "Langue du texte (fr ou en).",
        "url": "Où lire l'original.",
        "sha256": "Empreinte SHA-256 des octets du fichier.",
        "n_chars": "Longueur du texte en caractères (l'unité de tous les décalages start et end).",
        "n_figures": "Nombre de chiffres trouvés dans le texte.",
    },
    "events": {
        "event_id": "Identifiant de l'événement ; sa page est events/<event_id>.html.",
        **{k: v.format(whose="La date de l'événement") for k, v in _DATES_FR.items()},
        "approximate": "true quand la date est une estimation.",
        "title": "Titre de l'événement.",
        "summary": "Résumé, en texte brut.",
        "category": "Catégorie (vocabulaire libre du projet).",
        "place": "Où il a eu lieu.",
        "actors": "Acteurs, séparés par « ; ».",
        "tags": "Mots-clés, séparés par « ; ».",
        "n_sources": "Nombre de citations qui appuient l'événement (lignes de sources).",
        "n_figures": "Nombre de chiffres rattachés à l'événement (lignes de figures portant "
        "son event_id, retenus ou non).",
        "page": "Chemin de la page de l'événement sur le site.",
        "end": "La fin de l'événement telle qu'écrite (AAAA, AAAA-MM ou AAAA-MM-JJ), quand il "
        "dure ; date_end est son dernier jour.",
    },
    "sources": {
        "event_id": "L'événement que la citation appuie.",
        "document_id": "Le document cité.",
        "quote": "La citation telle qu'écrite dans events.yaml.",
        "text": "Le passage tel qu'il figure dans le document : text[start:end].",
        "start": "Décalage du premier caractère du passage dans le document (à partir de 0, "
        "en caractères).",
        "end": "Décalage juste après son dernier caractère.",
        "occurrence": "L'occurrence de la citation visée, quand elle figure plus d'une fois "
        "(à partir de 1).",
    },
    "figures": {
        "figure_id": "Identifiant : document_id et décalage de début, sous la forme "
        "<document_id>:<start>.",
        "document_id": "Le document où figure le chiffre.",
        "start": "Décalage du premier caractère du chiffre dans le document.",
        "end": "Décalage juste après son dernier caractère.",
        "text": "Le chiffre tel qu'écrit, qualificatif et unité compris : text[start:end].",
        "value": "Le nombre, normalisé (3,7 milliards → 3700000000) ; la borne basse d'une "
        "fourchette ; vide pour un chiffre vague.",
        "value_max": "Borne haute d'une fourchette ; sinon vide.",
        "unit": "Code ISO 4217 pour l'argent, percent, hour/day/week/month/year, km/kg/t…, "
        "sinon le nom compté au singulier ; vide pour un nombre seul.",
        "qualifier": "exact, approx, more_than, less_than, at_least, at_most ou range.",
        "vague": "true pour une quantité sans nombre (« des millions de réfugiés »).",
        "lower": "La plus petite valeur que le chiffre permet : value pour exact, more_than, "
        "at_least et range ; sinon vide.",
        "upper": "La plus grande valeur qu'il permet : value pour exact, less_than et "
        "at_most ; value_max pour range ; sinon vide.",
        "sentence": "La phrase où figure le chiffre.",
        "extractor_version": "Version des règles d'extraction qui l'ont trouvé.",
        "event_id": "L'événement auquel le chiffre appartient (voir la règle de "
        "rattachement) ; vide s'il n'en a pas.",
        "measure": "La mesure à laquelle un chiffre retenu se rapporte ; vide s'il n'est pas "
        "retenu.",
        "curated": "true quand la rubrique figures: d'un événement retient le chiffre.",
        **{
            k: v.format(
                whose="La date du chiffre (celle de son événement, sinon la date de "
                "publication de son document, sinon vide)"
            )
            for k, v in _DATES_FR.items()
        },
    },
}


def column_description(table: Table, column: Column, lang: str) -> str:
    """What a column holds, in ``lang`` (fr or en)."""
    if lang == "fr":
        return _DESCRIPTIONS_FR[table.name][column.name]
    return column.description
