"""The static site: home, a page per event and per document, data and method, as plain files."""

from __future__ import annotations

import html
import itertools
import json
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import partial
from importlib.resources import files as package_files
from typing import Any

import jinja2
import pandas as pd
from markupsafe import Markup

from timeline import __version__
from timeline.chartfiles import ASSETS_FOLDER, embed_options, script_json
from timeline.charts import ChartMeta
from timeline.datafiles import DATA_FOLDER, dataset_citation, page_address
from timeline.dataset import Dataset, figure_label_of
from timeline.dates import PartialDate
from timeline.figures import EXTRACTOR_VERSION
from timeline.i18n import QUALIFIER_NAMES, TEXTS, date_text, unit_name
from timeline.tables import TABLES, column_description

# Above this many events, the home page lists periods (a page per year, or per month when a
# year holds more), so that no page grows with the size of the project.
LIST_UP_TO = 1_000
# Above this many curated figures, the home page links to the figures chart.
HOME_FIGURES_UP_TO = 1_000
DATA_PAGE = f"{DATA_FOLDER}/index.html"


@dataclass(frozen=True, slots=True)  # one per event of a large project
class PagePlan:
    """A page to write: its path, what it is made from, and how.

    ``make`` sees nothing of the project but ``inputs()`` and what every page shares, so
    that a page whose inputs did not change can be taken from the previous build instead
    of made again. Pages without ``inputs`` are always made.
    """

    path: str
    make: Callable[[Any], bytes]
    inputs: Callable[[], Any] | None = None


@dataclass(frozen=True)
class Chart:
    """A chart as the site embeds it: its spec and its options as JSON for a script tag."""

    name: str
    description: str
    page_label: str
    spec: str
    options: str


def _environment() -> jinja2.Environment:
    return jinja2.Environment(
        loader=jinja2.PackageLoader("timeline", "templates"),
        autoescape=True,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        undefined=jinja2.StrictUndefined,
        auto_reload=False,  # templates do not change during a build: no stat per page
    )


class SiteBuilder:
    """Renders every page of the site from the dataset, the documents' texts and the charts."""

    def __init__(self, dataset: Dataset, texts: dict[str, str]) -> None:
        self.dataset = dataset
        self.texts = texts
        # Given by the build once made: the home pages need the charts, the data page the
        # sizes of the data files; the other pages are made before.
        self.charts: list[tuple[ChartMeta, str]] = []
        self.data_sizes: dict[str, int] = {}
        self.lang = dataset.language
        self.t = TEXTS[self.lang]
        self.env = _environment()
        self.site = {
            "title": dataset.title, "description": dataset.description,
            "version": dataset.version, "checksum": dataset.checksum,
            "license": dataset.license, "tool_version": __version__,
        }  # fmt: skip
        # Made now, before the page writers are forked, rather than in each of them.
        self.event_dates = dataset.event_dates
        self.documents = {d.document_id: d for d in _rows(dataset.documents)}
        # Each page needs the rows of its event or document: group them once, not per page.
        self.sources_by_event: dict[str, list[tuple[int, Any]]] = {}
        self.sources_by_document: dict[str, list[tuple[int, Any]]] = {}
        for i, source in enumerate(_rows(dataset.sources)):
            self.sources_by_event.setdefault(source.event_id, []).append((i, source))
            self.sources_by_document.setdefault(source.document_id, []).append((i, source))
        self.figures_by_event: dict[str, list[Any]] = {}
        self.figures_by_document: dict[str, list[Any]] = {}
        for figure in _rows(dataset.figures):
            if isinstance(figure.event_id, str):
                self.figures_by_event.setdefault(figure.event_id, []).append(figure)
            self.figures_by_document.setdefault(figure.document_id, []).append(figure)
        self.event_titles = {
            str(k): str(v)
            for k, v in zip(dataset.events.event_id, dataset.events.title, strict=True)
        }
        self.measures = {m.id: m.label for m in dataset.measures}
        self.quote_ids = self._quote_ids()
        self._parts: dict[tuple[str, str, str | None], Markup] = {}

    # -- helpers -------------------------------------------------------------------------

    def render(self, template: str, root: str, **context: Any) -> bytes:
        values: dict[str, Any] = {"description": None, "page": None, **context}
        common = {"lang": self.lang, "t": self.t, "site": self.site, "root": root}
        page = self.env.get_template(template).render(
            header=self._part("header.html", root, values["page"], common),
            footer=self._part("footer.html", "", None, common),
            **common,
            **values,
        )
        return page.encode("utf-8")

    def _part(self, template: str, root: str, page: str | None, common: dict[str, Any]) -> Markup:
        """The header or footer shared by every page, made once per place in the site."""
        key = (template, root, page)
        if key not in self._parts:
            html_text = self.env.get_template(template).render(**common, page=page)
            self._parts[key] = Markup(html_text.rstrip("\n"))
        return self._parts[key]

    def _quote_ids(self) -> dict[tuple[str, int], str]:
        """An anchor id per source row: q-<event_id>-<n>, n counting the event's quotes."""
        ids: dict[tuple[str, int], str] = {}
        counts: dict[str, int] = {}
        for i, event_id in enumerate(map(str, self.dataset.sources.event_id)):
            counts[event_id] = counts.get(event_id, 0) + 1
            ids[(event_id, i)] = f"q-{event_id}-{counts[event_id]}"
        return ids

    def _chart(self, spec: ChartMeta, spec_text: str) -> Chart:
        # Links in chart specs are written from charts/: resolve them from there.
        options = embed_options(spec, self.lang, base_url="charts/")
        return Chart(
            spec.name,
            spec.description,
            self.t["chart_page"],
            script_json(spec_text),
            script_json(json.dumps(options, sort_keys=True, ensure_ascii=False)),
        )

    def _event_rows(self, events: pd.DataFrame) -> list[dict[str, Any]]:
        rows = []
        for event in _rows(events):
            written = self.event_dates[event.event_id]
            rows.append({
                "date": event.date, "date_text": written, "title": event.title,
                "category": event.category, "place": event.place, "page": event.page,
                "search": " ".join(str(v) for v in (written, event.title, event.category,
                                                    event.place, event.actors, event.tags)
                                   if isinstance(v, str)),
            })  # fmt: skip
        return rows

    # -- pages ---------------------------------------------------------------------------

    def detail_plans(self) -> list[PagePlan]:
        """The pages that need no chart: the same list in every process, so that processes
        can share the pages out by position."""
        event_page, event_inputs = self.event_page, self.event_inputs  # bound once, not per page
        plans = [
            PagePlan(event.page, event_page, partial(event_inputs, event))
            for event in _rows(self.dataset.events)
        ]
        document_page, document_inputs = self.document_page, self.document_inputs
        plans += [
            PagePlan(f"documents/{document.document_id}.html", document_page,
                     partial(document_inputs, document))
            for document in _rows(self.dataset.documents)
        ]  # fmt: skip
        plans += [
            PagePlan("about.html", lambda _: self.about_page()),
            PagePlan(f"{ASSETS_FOLDER}/style.css", lambda _: _static("style.css")),
            PagePlan(f"{ASSETS_FOLDER}/site.js", lambda _: _static("site.js")),
        ]
        return plans

    def home_plans(self) -> list[PagePlan]:
        """The home page and, for a large project, its pages of periods."""
        events = self.dataset.events
        periods = _periods(events) if len(events) > LIST_UP_TO else []
        plans = [
            PagePlan(f"periods/{name}.html", self.period_page,
                     partial(self.period_inputs, periods, i))
            for i, (name, _) in enumerate(periods)
        ]  # fmt: skip
        plans.append(PagePlan("index.html", lambda _: self.home_page(periods)))
        return plans

    @property
    def salt(self) -> str:
        """What every page shows but the sources' checksum, which only the footer shows."""
        shared = {k: v for k, v in self.site.items() if k != "checksum"}
        return json.dumps([self.lang, shared], sort_keys=True, ensure_ascii=False)

    def footer(self) -> bytes:
        """The footer of every page, as written in them."""
        common = {"lang": self.lang, "t": self.t, "site": self.site, "root": ""}
        return str(self._part("footer.html", "", None, common)).encode("utf-8")

    def period_inputs(self, periods: list[tuple[str, pd.DataFrame]], i: int) -> dict[str, Any]:
        name, period_events = periods[i]
        return {
            "label": _period_label(name, self.lang), "events": self._event_rows(period_events),
            "categories": sorted(map(str, period_events.category.unique())),
            "previous": _period_link(periods[i - 1], self.lang) if i else None,
            "next": _period_link(periods[i + 1], self.lang) if i + 1 < len(periods) else None,
        }  # fmt: skip

    def period_page(self, inputs: dict[str, Any]) -> bytes:
        return self.render("period.html", "../", **inputs)

    def home_page(self, periods: list[tuple[str, pd.DataFrame]]) -> bytes:
        dataset, t = self.dataset, self.t
        by_name = {spec.name: (spec, text) for spec, text in self.charts}
        windows = [
            {"name": spec.name, "label": spec.name.removeprefix("timeline-"), "count": spec.marks}
            for spec, _ in self.charts if spec.name.startswith("timeline-")
        ]  # fmt: skip
        events = dataset.events
        figures = dataset.figures[dataset.figures.curated.astype(bool)]
        # Key figures: the latest curated figure of each measure; all of them are charted.
        latest = figures.sort_values(["measure", "date_start", "start"]).drop_duplicates(
            "measure", keep="last"
        )
        key_figures = [
            {"label": figure_label_of(f, self.lang),
             "measure": self.measures.get(f.measure, f.measure),
             "event": self.event_titles.get(f.event_id, ""), "page": f"events/{f.event_id}.html",
             "date_text": date_text(PartialDate.parse(str(f.date)), None, False, self.lang),
             "source": f"documents/{f.document_id}.html#f-{f.start}"}
            for f in _rows(latest)
        ]  # fmt: skip
        counts = t["counts"].format(
            events=len(events), documents=len(dataset.documents), figures=len(dataset.figures),
            curated=len(figures))  # fmt: skip
        return self.render(
            "index.html", "", page="home", description=dataset.description, counts=counts,
            timeline=self._chart(*by_name["timeline"]),
            # Many figures make a heavy chart: the home page links to it instead.
            figures=self._chart(*by_name["figures"]) if len(figures) <= HOME_FIGURES_UP_TO
            else None, n_figures=len(figures),
            windows=windows, key_figures=key_figures,
            periods=[_period_link(p, self.lang) | {"count": len(p[1])} for p in periods],
            events=[] if periods else self._event_rows(events),
            categories=sorted(events.category.unique()), downloads=self._downloads(""),
        )  # fmt: skip

    def _downloads(self, root: str) -> list[dict[str, str]]:
        t = self.t
        return [
            {"path": f"{root}{DATA_FOLDER}/{name}", "name": name, "what": t[what]}
            for name, what in (("events.csv", "what_events"), ("sources.csv", "what_sources"),
                               ("figures.csv", "what_figures"),
                               ("documents.csv", "what_documents"),
                               ("dataset.json", "what_json"),
                               ("datapackage.json", "what_package"),
                               ("README.md", "what_readme"))
        ]  # fmt: skip

    def event_inputs(self, event: Any) -> dict[str, Any]:
        t, lang = self.t, self.lang
        source_items = []
        for i, source in self.sources_by_event.get(event.event_id, []):
            document = self.documents[source.document_id]
            anchor = self.quote_ids[(str(event.event_id), i)]
            published = _text(document.published)
            source_items.append({
                "text": source.text, "document": _text(document.title) or document.document_id,
                "published": date_text(PartialDate.parse(published), None, False, lang)
                if published else None,
                "link": f"../documents/{source.document_id}.html#{anchor}",
            })  # fmt: skip
        figure_items = [
            {"text": f.text, "unit": unit_name(_text(f.unit), self.lang),
             "measure": self.measures.get(f.measure, ""),
             "qualifier": QUALIFIER_NAMES[lang][f.qualifier],
             "label": figure_label_of(f, lang),
             "link": f"../documents/{f.document_id}.html#f-{f.start}"}
            for f in self.figures_by_event.get(event.event_id, [])
        ]  # fmt: skip
        item = {
            "title": event.title, "date": event.date,
            "date_text": self.event_dates[event.event_id],
            "precision_text": t[f"precision_{event.date_precision}"], "category": event.category,
            "place": event.place if isinstance(event.place, str) else None,
            "actors": event.actors if isinstance(event.actors, str) else None,
            "tags": event.tags if isinstance(event.tags, str) else None,
            "summary": event.summary if isinstance(event.summary, str) else None,
        }  # fmt: skip
        citation = t["cite_event"].format(
            title=_unquoted(event.title), project=self.dataset.title, version=self.dataset.version,
            where=page_address(self.dataset, event.page))  # fmt: skip
        return {"event": item, "sources": source_items, "figures": figure_items,
                "citation": citation, "description": item["summary"]}  # fmt: skip

    def event_page(self, inputs: dict[str, Any]) -> bytes:
        return self.render("event.html", "../", **inputs)

    def document_inputs(self, document: Any) -> dict[str, Any]:
        quotes = [
            (int(s.start), int(s.end), self.quote_ids[(str(s.event_id), i)], str(s.event_id))
            for i, s in self.sources_by_document.get(document.document_id, [])
        ]  # fmt: skip
        marks = [
            (int(f.start), int(f.end), f.event_id if isinstance(f.event_id, str) else None,
             figure_label_of(f, self.lang))
            for f in self.figures_by_document.get(document.document_id, [])
        ]  # fmt: skip
        # The titles of the events quoted, which the backlinks name.
        titles = {q[3]: self.event_titles.get(q[3], q[3]) for q in quotes}
        title = document.title if isinstance(document.title, str) else document.document_id
        published = None
        if isinstance(document.published, str):
            published = date_text(PartialDate.parse(document.published), None, False, self.lang)
        item = {
            "title": title, "publisher": _text(document.publisher), "published": published,
            "url": _text(document.url), "path": document.path, "sha256": document.sha256,
            "language": document.language,
        }  # fmt: skip
        citation = self.t["cite_document"].format(
            title=_unquoted(title), project=self.dataset.title, version=self.dataset.version,
            where=page_address(self.dataset, f"documents/{document.document_id}.html"))  # fmt: skip
        return {"document": item, "citation": citation,
                "text": self.texts[document.document_id], "quotes": quotes, "marks": marks,
                "titles": titles}  # fmt: skip

    def document_page(self, inputs: dict[str, Any]) -> bytes:
        body = annotated_text(inputs["text"], inputs["quotes"], inputs["marks"],
                              inputs["titles"], self.t["to_event"])  # fmt: skip
        return self.render("document.html", "../", document=inputs["document"], body=body,
                           citation=inputs["citation"])  # fmt: skip

    def data_page(self) -> bytes:
        dataset, t = self.dataset, self.t
        files = []
        total = 0
        sizes = self.data_sizes
        for item in self._downloads(""):
            name = item["name"]
            rows = next((len(dataset.table(tb)) for tb in TABLES if tb.path == name), "")
            total += sizes.get(name, 0)
            files.append({"name": name, "what": item["what"], "rows": rows,
                          "bytes": sizes.get(name, "")})  # fmt: skip
        size = t["size"].format(
            documents=len(dataset.documents), events=len(dataset.events),
            sources=len(dataset.sources), figures=len(dataset.figures),
            kilobytes=max(1, round(total / 1000)))  # fmt: skip
        tables = [
            {"name": tb.name, "path": tb.path,
             "intro": f"{len(dataset.table(tb))} · {', '.join(tb.primary_key)}",
             "columns": [{"name": c.name, "type": c.type, "required": c.required,
                          "enum": c.enum,
                          "description": column_description(tb, c, self.lang)}
                         for c in tb.columns]}
            for tb in TABLES
        ]  # fmt: skip
        citation = dataset_citation(dataset, f"{DATA_FOLDER}/")
        return self.render("data.html", "../", page="data", files=files, size=size,
                           tables=tables, merge_rule=t["merge_rule_text"],
                           citation=citation)  # fmt: skip

    def about_page(self) -> bytes:
        t = self.t
        sections = [
            {"title": t["about_curation_title"], "paragraphs": [t["about_curation"]]},
            {"title": t["about_figures_title"],
             "paragraphs": [t["about_figures"], t["merge_rule_text"]]},
            {"title": t["about_tool_title"], "paragraphs": [t["about_tool"].format(
                tool=__version__, extractor=EXTRACTOR_VERSION,
                checksum=self.dataset.checksum[:12], license=self.dataset.license)]},
        ]  # fmt: skip
        return self.render("about.html", "", page="about", sections=sections)


def _rows(frame: pd.DataFrame) -> Iterator[Any]:
    """The rows of a table as named tuples (typed loosely: columns hold mixed types)."""
    return frame.itertuples(index=False)


def _unquoted(title: str) -> str:
    """A title without the quotation marks around it, which the citation adds."""
    pairs = {"«": "»", "“": "”", '"': '"', "‘": "’"}
    stripped = title.strip()
    if len(stripped) > 2 and pairs.get(stripped[0]) == stripped[-1]:
        return stripped[1:-1].strip()
    return title


def _text(value: Any) -> str | None:
    return value if isinstance(value, str) else None


def _static(name: str) -> bytes:
    return package_files("timeline").joinpath("static", name).read_bytes()


def _periods(events: pd.DataFrame) -> list[tuple[str, pd.DataFrame]]:
    """The events by year, or by month for a year that holds more than LIST_UP_TO."""
    periods: list[tuple[str, pd.DataFrame]] = []
    for year, year_events in events.groupby(events.date_start.str.slice(0, 4), sort=True):
        if len(year_events) <= LIST_UP_TO:
            periods.append((str(year), year_events))
            continue
        for month, month_events in year_events.groupby(year_events.date_start.str.slice(0, 7),
                                                       sort=True):  # fmt: skip
            periods.append((str(month), month_events))
    return periods


def _period_label(name: str, lang: str) -> str:
    return date_text(PartialDate.parse(name), None, False, lang)


def _period_link(period: tuple[str, pd.DataFrame], lang: str) -> dict[str, Any]:
    return {"name": period[0], "label": _period_label(period[0], lang)}


# A quote on a document's page: start, end, anchor id, event id; a figure: start, end,
# event id or None, label.
Quote = tuple[int, int, str, str]
Mark = tuple[int, int, str | None, str]


def annotated_text(
    text: str,
    quotes: list[Quote],
    figures: list[Mark],
    event_titles: dict[str, str],
    event_word: str,
) -> str:
    """A document's text as HTML paragraphs, quotes and figures highlighted and anchored.

    ``quotes`` are (start, end, anchor id, event id); ``figures`` (start, end, event id or
    None, label). Quotes may overlap one another and figures; figures never overlap.
    Each quote is a <mark> per stretch of text, the first stretch bearing its id, and ends
    with a link to its event; each figure is a link to its event (or a span) with id f-start.
    """
    out: list[str] = []
    # Only the quotes and figures that reach into a line are looked at there: a long
    # document may hold thousands of paragraphs, quotes and figures.
    for (start, end), near_quotes, near_figures in _by_line(_lines(text), quotes, figures):
        cuts = {start, end}
        cuts.update(p for q in near_quotes for p in q[:2] if start < p < end)
        cuts.update(p for f in near_figures for p in f[:2] if start < p < end)
        points = sorted(cuts)
        parts: list[str] = []
        open_figure: tuple[int, int, str | None, str] | None = None
        pending: list[tuple[str, str]] = []  # backlinks to write once outside a figure link
        for a, b in itertools.pairwise(points):
            figure = next((f for f in near_figures if f[0] <= a < f[1]), None)
            if figure is not open_figure:
                if open_figure is not None:
                    parts.append("</a>" if open_figure[2] else "</span>")
                    parts += [_backlink(e, event_titles, event_word) for _, e in pending]
                    pending.clear()
                if figure is not None:
                    ident = f' id="f-{figure[0]}"' if figure[0] == a else ""
                    label = html.escape(figure[3], quote=True)
                    parts.append(
                        f'<a class="figure"{ident} href="../events/{html.escape(figure[2])}.html" '
                        f'title="{label}">' if figure[2] else
                        f'<span class="figure"{ident} title="{label}">'
                    )  # fmt: skip
                open_figure = figure
            active = [q for q in near_quotes if q[0] <= a and b <= q[1]]
            segment = html.escape(text[a:b], quote=False)
            if active:
                starting = [q for q in active if q[0] == a]
                anchors = "".join(f'<span id="{q[2]}"></span>' for q in starting)
                data = " ".join(q[2] for q in active)
                parts.append(f'{anchors}<mark class="quote" data-q="{data}">{segment}</mark>')
            else:
                parts.append(segment)
            for quote in (q for q in active if q[1] == b):
                if open_figure is not None and open_figure[1] > b:
                    pending.append((quote[2], quote[3]))
                else:
                    if open_figure is not None and open_figure[1] == b:
                        parts.append("</a>" if open_figure[2] else "</span>")
                        open_figure = None
                    parts.append(_backlink(quote[3], event_titles, event_word))
        if open_figure is not None:
            parts.append("</a>" if open_figure[2] else "</span>")
            parts += [_backlink(e, event_titles, event_word) for _, e in pending]
        out.append(f"<p>{''.join(parts)}</p>")
    return "\n".join(out)


def _by_line(
    lines: list[tuple[int, int]], quotes: list[Quote], figures: list[Mark]
) -> Iterator[tuple[tuple[int, int], list[Quote], list[Mark]]]:
    """Each line (in order) with the quotes and the figures that reach into it, each in
    the order of its list."""
    by_start = sorted(range(len(quotes)), key=lambda i: quotes[i][0])
    marks = sorted(range(len(figures)), key=lambda i: figures[i][0])
    next_quote = next_mark = 0
    live: list[int] = []  # quotes begun before the line's end
    for start, end in lines:
        while next_quote < len(by_start) and quotes[by_start[next_quote]][0] < end:
            live.append(by_start[next_quote])
            next_quote += 1
        live = [i for i in live if quotes[i][1] > start]
        while next_mark < len(marks) and figures[marks[next_mark]][1] <= start:
            next_mark += 1  # figures never overlap: they end in the order they start
        reaching = []
        for i in marks[next_mark:]:
            if figures[i][0] >= end:
                break
            reaching.append(i)
        yield (
            (start, end),
            [quotes[i] for i in sorted(live)],
            [figures[i] for i in sorted(reaching)],
        )


def _backlink(event_id: str, event_titles: dict[str, str], word: str) -> str:
    # "Event: …", "Événement : …": the prefix carries the language's colon.
    title = html.escape(f"{word}{event_titles.get(event_id, event_id)}", quote=True)
    return (
        f'<a class="backref" href="../events/{html.escape(event_id)}.html" title="{title}">'
        f'<span aria-hidden="true">↗</span><span class="visually-hidden">{title}</span></a>'
    )


def _lines(text: str) -> list[tuple[int, int]]:
    """The non-blank lines of a text, as spans: the document's paragraphs."""
    spans = []
    position = 0
    for line in text.split("\n"):
        end = position + len(line)
        if line.strip():
            spans.append((position, end))
        position = end + 1
    return spans
