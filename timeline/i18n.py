"""Words, dates and numbers in the project's language (French or English), with Babel."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from functools import lru_cache

from babel.dates import format_date, format_skeleton
from babel.numbers import (
    format_compact_currency,
    format_compact_decimal,
    format_currency,
    format_decimal,
    get_currency_symbol,
)

from timeline.dates import PartialDate
from timeline.units import CURRENCIES

# The d3 locale names that Vega's formatters use for each language.
D3_LOCALES = {"fr": "fr-FR", "en": "en-US"}

TEXTS: dict[str, dict[str, str]] = {
    "fr": {
        "timeline_title": "Chronologie des événements",
        "timeline_description": "Chronologie de {n} événements ({span}), par "
        "{lane}. Un point marque un événement daté au jour, une barre un événement daté au "
        "mois ou à l'année ou qui dure ; un contour vide ou en pointillé signale une date "
        "approximative. Cliquer la légende filtre les {lanes} ; la molette zoome.",
        "overview_title": "Événements par période",
        "overview_description": "Nombre d'événements par {period} et par {lane} ({span} ; "
        "{n} événements au total).",
        "window_title": "Chronologie, {window}",
        "figures_title": "Chiffres dans le temps",
        "figures_description": "Les chiffres retenus pour {n} mesures, à la date de leur "
        "événement ; le symbole dit le qualificatif (≈ environ, > plus de, < moins de).",
        "figures_description_some": "Les chiffres retenus des {shown} mesures qui en comptent "
        "le plus (sur {n} ; les autres sont dans les données), à la date de leur événement ; "
        "le symbole dit le qualificatif (≈ environ, > plus de, < moins de).",
        "documents_title": "Chiffres par document",
        "documents_description": "Les {n} chiffres trouvés dans les documents, par unité et "
        "par document ; la couleur dit s'ils sont retenus, rattachés à un événement ou non.",
        "documents_overview_description": "Nombre de chiffres trouvés dans les documents, par "
        "unité et par statut ({n} chiffres au total).",
        "date": "Date", "event": "Événement", "title": "Titre", "place": "Lieu",
        "actors": "Acteurs", "quote": "Citation", "document": "Document",
        "category": "Catégorie", "lane": "Catégorie", "category_plural": "catégories",
        "document_plural": "documents", "count": "Nombre", "value": "Valeur",
        "figure": "Chiffre", "unit": "Unité", "status": "Statut", "measure": "Mesure",
        "sentence": "Phrase", "qualifier": "Qualificatif", "period": "Période",
        "curated": "retenu", "linked": "rattaché à un événement", "unlinked": "sans événement",
        "no_unit": "(sans unité)", "approximately": "environ", "year": "année",
        "month": "mois", "download": "Télécharger les données (CSV)",
        "cite": "Comment citer", "chart_page": "Graphique",
        "none": "(aucun)", "other_lanes": "Autres ({n} {lanes})",
        "skip": "Aller au contenu", "navigation": "Navigation", "home": "Accueil",
        "data": "Données", "about": "Méthode", "dataset_version": "Jeu de données version",
        "sources_checksum": "empreinte des sources", "license": "licence",
        "timeline": "Chronologie", "key_figures": "Chiffres clés", "event_list": "Les événements",
        "downloads": "Téléchargements", "filter_label": "Filtrer les événements",
        "filter_text": "Mots", "all_categories": "Toutes", "events_shown": "événements affichés",
        "event_shown": "événement affiché", "singular_counts": "0 1",
        "in_source": "(source)", "by_period": "Les événements, période par période :",
        "detail_windows": "Chronologies détaillées par période :", "breadcrumb": "Fil d'Ariane",
        "tags": "Mots-clés", "sources": "Sources", "figures": "Chiffres", "publisher": "Éditeur",
        "published": "Publié", "original": "Original", "file": "Fichier",
        "legend_quote": "passage cité", "legend_figure": "chiffre relevé", "what": "Contenu",
        "rows": "Lignes", "bytes": "Octets", "codebook": "Dictionnaire des données",
        "codebook_intro": "Chaque colonne de chaque table, son type et son sens.",
        "column": "Colonne", "type": "Type", "required": "Obligatoire", "meaning": "Sens",
        "yes": "oui", "merge_rule": "Comment les chiffres sont rattachés aux événements",
        "precision_day": "date au jour", "precision_month": "date au mois",
        "precision_year": "date à l'année", "to_event": "Événement\u00a0: ",
        "counts": "{events} événements, {documents} documents, {figures} chiffres relevés dont {curated} retenus.",
        "size": "{documents} documents, {events} événements, {sources} citations, {figures} chiffres ; {kilobytes} Ko de données en tout.",
        "cite_event": "« {title} », dans {project}, jeu de données version {version}, {where}.",
        "cite_document": "« {title} », texte source de {project}, jeu de données version {version}, {where}.",
        "cite_dataset": "{project}, jeu de données version {version}, licence {license}, {where}.",
        "what_events": "les événements", "what_sources": "les citations qui les appuient",
        "what_figures": "les chiffres relevés", "what_documents": "les documents sources",
        "what_json": "les quatre tables en un fichier JSON",
        "what_package": "description Frictionless (schémas, clés, empreintes)",
        "what_readme": "dictionnaire des données (Markdown)",
        "merge_rule_text": "Un chiffre retenu par la rubrique figures: d'un événement appartient à cet événement. Tout autre chiffre appartient à l'événement dont la citation est la plus proche dans le même document, à condition que cette citation soit dans le même paragraphe (une ligne du document) ; sinon il n'a pas d'événement. À égalité, la citation qui vient en premier l'emporte.",
        "about_curation_title": "Les événements",
        "about_curation": "Chaque événement est choisi et daté à la main dans le fichier events.yaml et appuyé par au moins une citation exacte d'un document ; la citation est retrouvée dans le texte et son emplacement exact est enregistré. La précision de chaque date (jour, mois, année) est conservée, et une date estimée est signalée comme approximative.",
        "about_figures_title": "Les chiffres",
        "about_figures": "Les chiffres (montants, effectifs, durées, pourcentages, mesures) sont relevés automatiquement dans les documents, avec leur valeur, leur unité, leur qualificatif (environ, plus de, moins de…) et leur emplacement exact dans le texte : chaque chiffre du site renvoie à la phrase d'où il vient. Les dates, les années, les ordinaux et les noms comme « résolution 2254 » ne sont pas des chiffres.",
        "about_tool_title": "L'outil",
        "about_tool": "Site construit par timeline {tool} (règles d'extraction version {extractor}) à partir de sources d'empreinte {checksum}. Les données sont publiées sous licence {license}.",
    },
    "en": {
        "timeline_title": "Timeline of events",
        "timeline_description": "Timeline of {n} events ({span}), by {lane}. "
        "A point marks an event dated to the day, a bar an event dated to the month or year "
        "or that lasts; a hollow or dashed outline marks an approximate date. Clicking the "
        "legend filters {lanes}; the mouse wheel zooms.",
        "overview_title": "Events per period",
        "overview_description": "Number of events per {period} and {lane} ({span}; {n} events "
        "in all).",
        "window_title": "Timeline, {window}",
        "figures_title": "Figures over time",
        "figures_description": "The curated figures of {n} measures, at the date of their "
        "event; the symbol shows the qualifier (≈ about, > more than, < less than).",
        "figures_description_some": "The curated figures of the {shown} measures that have "
        "the most (of {n}; the others are in the data), at the date of their event; the "
        "symbol shows the qualifier (≈ about, > more than, < less than).",
        "documents_title": "Figures by document",
        "documents_description": "The {n} figures found in the documents, by unit and by "
        "document; the colour tells whether they are curated, linked to an event or not.",
        "documents_overview_description": "Number of figures found in the documents, by unit "
        "and status ({n} figures in all).",
        "date": "Date", "event": "Event", "title": "Title", "place": "Place",
        "actors": "Actors", "quote": "Quote", "document": "Document", "category": "Category",
        "category_plural": "categories", "document_plural": "documents", "lane": "Category",
        "count": "Count", "value": "Value", "figure": "Figure",
        "unit": "Unit", "status": "Status", "measure": "Measure", "sentence": "Sentence",
        "qualifier": "Qualifier", "period": "Period", "curated": "curated",
        "linked": "linked to an event", "unlinked": "no event", "no_unit": "(no unit)",
        "approximately": "approximately", "year": "year", "month": "month",
        "download": "Download the data (CSV)", "cite": "How to cite",
        "chart_page": "Chart", "none": "(none)", "other_lanes": "Other ({n} {lanes})",
        "skip": "Skip to content", "navigation": "Navigation", "home": "Home",
        "data": "Data", "about": "Method", "dataset_version": "Dataset version",
        "sources_checksum": "sources checksum", "license": "licence", "timeline": "Timeline",
        "key_figures": "Key figures", "event_list": "Events", "downloads": "Downloads",
        "filter_label": "Filter the events", "filter_text": "Words",
        "all_categories": "All", "events_shown": "events shown",
        "event_shown": "event shown", "singular_counts": "1", "in_source": "(source)",
        "by_period": "The events, period by period:",
        "detail_windows": "Detailed timelines by period:", "breadcrumb": "Breadcrumb",
        "tags": "Tags", "sources": "Sources", "figures": "Figures", "publisher": "Publisher",
        "published": "Published", "original": "Original", "file": "File",
        "legend_quote": "quoted passage", "legend_figure": "figure found", "what": "Contents",
        "rows": "Rows", "bytes": "Bytes", "codebook": "Codebook",
        "codebook_intro": "Every column of every table, its type and meaning.",
        "column": "Column", "type": "Type", "required": "Required", "meaning": "Meaning",
        "yes": "yes", "merge_rule": "How figures are linked to events",
        "precision_day": "dated to the day", "precision_month": "dated to the month",
        "precision_year": "dated to the year", "to_event": "Event: ",
        "counts": "{events} events, {documents} documents, {figures} figures found, {curated} of them curated.",
        "size": "{documents} documents, {events} events, {sources} quotes, {figures} figures; {kilobytes} kB of data in all.",
        "cite_event": "\u201c{title}\u201d, in {project}, dataset version {version}, {where}.",
        "cite_document": "\u201c{title}\u201d, source text of {project}, dataset version {version}, {where}.",
        "cite_dataset": "{project}, dataset version {version}, licence {license}, {where}.",
        "what_events": "the events", "what_sources": "the quotes that support them",
        "what_figures": "the figures found", "what_documents": "the source documents",
        "what_json": "the four tables in one JSON file",
        "what_package": "Frictionless description (schemas, keys, checksums)",
        "what_readme": "codebook (Markdown)",
        "merge_rule_text": "A figure that an event's figures: entry selects belongs to that event. Any other figure belongs to the event whose quote is nearest in the same document, provided that quote lies in the same paragraph (a line of the document); otherwise it has no event. On a tie, the quote that comes first wins.",
        "about_curation_title": "Events",
        "about_curation": "Each event is chosen and dated by hand in events.yaml and supported by at least one exact quote of a document; the quote is found in the text and its exact place is recorded. Each date keeps its precision (day, month, year), and an estimated date is marked as approximate.",
        "about_figures_title": "Figures",
        "about_figures": "Figures (amounts, counts, durations, percentages, measures) are found automatically in the documents, with their value, unit, qualifier (about, more than, less than…) and exact place in the text: every figure on the site links to the sentence it came from. Dates, years, ordinals and names such as \u201cresolution 2254\u201d are not figures.",
        "about_tool_title": "The tool",
        "about_tool": "Site built by timeline {tool} (extraction rules version {extractor}) from sources with checksum {checksum}. The data are published under the licence {license}.",
    },
}  # fmt: skip

# Units as a reader of each language names them; counted nouns and currency codes are shown
# as they are.
_UNIT_NAMES = {
    "fr": {"percent": "%", "hour": "heures", "day": "jours", "week": "semaines", "month": "mois",
           "year": "ans", "decade": "décennies", "minute": "minutes", "second": "secondes",
           "ly": "années-lumière", "times": "fois"},
    "en": {"percent": "%", "hour": "hours", "day": "days", "week": "weeks", "month": "months",
           "year": "years", "decade": "decades", "minute": "minutes", "second": "seconds",
           "ly": "light-years", "times": "times"},
}  # fmt: skip


def unit_name(unit: str | None, lang: str) -> str:
    """A figure's unit as the site shows it: "ans" for ``year`` on a French site."""
    if unit is None:
        return ""
    return _UNIT_NAMES[lang].get(unit, unit)


QUALIFIER_NAMES = {
    "fr": {"exact": "exact", "approx": "environ", "more_than": "plus de",
           "at_least": "au moins", "less_than": "moins de", "at_most": "au plus",
           "range": "fourchette"},
    "en": {"exact": "exact", "approx": "about", "more_than": "more than",
           "at_least": "at least", "less_than": "less than", "at_most": "at most",
           "range": "range"},
}  # fmt: skip
SCALE_NAMES = {
    "fr": {10**9: "milliards", 10**6: "millions", 10**3: "milliers"},
    "en": {10**9: "billions", 10**6: "millions", 10**3: "thousands"},
}

QUALIFIER_SIGNS = {"exact": "", "approx": "≈", "more_than": ">", "at_least": "≥",
                   "less_than": "<", "at_most": "≤", "range": ""}  # fmt: skip


def text(lang: str, key: str, **values: object) -> str:
    """An interface text in ``lang``, with ``{name}`` placeholders filled in."""
    return TEXTS[lang][key].format(**values)


@lru_cache(maxsize=65536)
def date_text(date: PartialDate, end: PartialDate | None, approximate: bool, lang: str) -> str:
    """A date written out: "2 juin 2015", "juin 2015", "2015", "7–8 juin 2018"."""
    written = _one_date(date, lang)
    if end is not None and end != date:
        if date.precision == end.precision == "day":
            written = _day_range(date.interval()[0], end.interval()[1], lang)
        else:
            written = f"{written} – {_one_date(end, lang)}"
    return f"{text(lang, 'approximately')} {written}" if approximate else written


def _day_range(first: dt.date, last: dt.date, lang: str) -> str:
    """Two days written as one period, months in full as single dates are: "7–8 juin
    2018", "30 mai – 2 juin 2018", "June 7–8, 2018", "May 30 – June 2, 2018"."""
    if first.year != last.year:
        return f"{_one_day(first, lang)} – {_one_day(last, lang)}"
    year = first.year
    if lang == "fr":
        if first.month == last.month:
            return f"{first.day}–{format_date(last, 'd MMMM', locale=lang)} {year}"
        return f"{format_date(first, 'd MMMM', locale=lang)} – {_one_day(last, lang)}"
    if first.month == last.month:
        return f"{format_date(first, 'MMMM d', locale=lang)}–{last.day}, {year}"
    return f"{format_date(first, 'MMMM d', locale=lang)} – {_one_day(last, lang)}"


def _one_day(day: dt.date, lang: str) -> str:
    return str(format_date(day, "long", locale=lang))


def _one_date(date: PartialDate, lang: str) -> str:
    first = date.interval()[0]
    if date.precision == "day":
        return _one_day(first, lang)
    if date.precision == "month":
        return format_skeleton("yMMMM", first, locale=lang)
    return str(date.year)


@lru_cache(maxsize=65536)
def number_text(value: float, unit: str | None, lang: str) -> str:
    """A value as a reader expects it: "3,7 Md $US", "$3.7B", "12 %", "25"."""
    # Compact forms keep two decimals ("$1.45B"), rounded from the value as written: the
    # float 1.45e9 is a hair below it and would round down.
    exact = Decimal(str(float(value)))  # the shortest decimal that reads back as value
    if unit in CURRENCIES:
        if abs(value) >= 1e6:
            return str(format_compact_currency(exact, unit, locale=lang, fraction_digits=2))
        written = str(format_currency(value, unit, locale=lang))
        return written.replace(",00", "").replace(".00", "")  # whole amounts without cents
    if abs(value) >= 1e6:
        written = str(format_compact_decimal(exact, locale=lang, fraction_digits=2))
    else:
        written = str(format_decimal(value, locale=lang))
    if unit == "percent":
        return f"{written}\u202f%" if lang == "fr" else f"{written}%"
    if unit == "times":
        return f"×{written}"
    return written


def unit_caption(unit: str | None, scale: int, lang: str) -> str:
    """What a panel's numbers count in: "(en milliards de $US)", "(%)", "(millions)"."""
    parts = []
    if scale > 1:
        parts.append(SCALE_NAMES[lang][scale])
    if unit in CURRENCIES:
        symbol = str(get_currency_symbol(unit, locale=lang))
        parts.append(f"de {symbol}" if lang == "fr" and parts else
                     f"of {symbol}" if parts else symbol)  # fmt: skip
    elif unit == "percent":
        parts.append("%")
    if not parts:
        return ""
    return f" ({'en ' if lang == 'fr' and scale > 1 else ''}{' '.join(parts)})"


@lru_cache(maxsize=65536)  # many figures of a large project read alike
def figure_label(value: float | None, value_max: float | None, unit: str | None,
                 qualifier: str, vague: bool, lang: str) -> str:  # fmt: skip
    """A short label for a figure: ">60", "≈3,7 Md $US", "3–5 %"."""
    if vague or value is None:
        return "…"
    if qualifier == "range" and value_max is not None:
        high = number_text(value_max, unit, lang)
        # A symbol written before the number goes before both ends: "$4B–$5B", "4–5 Md $US".
        low = number_text(value, None if high.lstrip("-−")[:1].isdigit() else unit, lang)
        return f"{low}–{high}"
    return f"{QUALIFIER_SIGNS.get(qualifier, '')}{number_text(value, unit, lang)}"
