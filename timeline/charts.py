"""Charts: pure functions from the dataset's tables to Altair charts, one per chart."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import Any, Literal, cast

import altair as alt
import pandas as pd

from timeline.dataset import Dataset, figure_label_of
from timeline.dates import PartialDate
from timeline.i18n import QUALIFIER_NAMES, date_text, text, unit_caption, unit_name
from timeline.units import share_a_scale

# Above this many events the timeline becomes counts per period and lane, with detail
# charts per time window; no window holds more than WINDOW_LIMIT events.
OVERVIEW_ABOVE = 2_000
WINDOW_LIMIT = 5_000
# Marks above which pages draw with canvas rather than SVG (SVG is better for
# accessibility, canvas much faster with many marks).
CANVAS_ABOVE = 1_000
# Events above which the timeline shows no text labels beside its marks.
LABELS_UP_TO = 60
# Figures above which the figures-by-document chart shows counts instead of one mark each.
FIGURE_MARKS_UP_TO = 5_000
# Curated figures above which the figures chart writes no value beside each mark (it stays
# in the tooltip): thousands of labels only overlap, and measuring them took vl-convert
# 7 of the 9 seconds it spent drawing 6,000 figures.
FIGURE_LABELS_UP_TO = 300
# Measures up to which the figures chart has a panel for each: beyond, the measures with
# the most curated figures (a chart of 300 panels was 42,000 pixels tall, its PNG 24 MB).
FIGURE_PANELS_UP_TO = 12

# Lanes up to which each has a colour of its own (tableau20): beyond, the largest keep
# theirs and the others share one lane, named with how many it holds.
LANES_UP_TO = 20

WIDTH = 720
# A legend of lanes longer than a row of the chart's width wraps into rows of this many
# names, each cut to fit its column (a title of a document may be long).
LEGEND_COLUMNS = 5
LEGEND_ROW_CHARS = 90
LEGEND_LABEL_PIXELS = 115
FIGURE_PANEL_HEIGHT = 140
# Characters of a quote that the timeline's tooltip shows.
QUOTE_CHARS = 200
# Characters of a title that fit beside its mark (about 140 px of 10 px text). Titles are
# cut here rather than by Vega's text limit, which measures the text again for every
# character it drops: a third of a second for ten labels in vl-convert.
LABEL_CHARS = 26
_CATEGORY_SCHEME: Literal["tableau10"] = "tableau10"


@dataclass(frozen=True)
class ChartMeta:
    """What pages tell of a chart: its name, title, description and number of marks."""

    name: str
    title: str
    description: str
    marks: int  # how many marks it draws: decides the renderer

    @property
    def is_window(self) -> bool:
        """True for a detail chart of one time window of a large timeline."""
        return self.name.startswith("timeline-")

    @property
    def renderer(self) -> str:
        return "canvas" if self.marks > CANVAS_ABOVE else "svg"


@dataclass(frozen=True)
class ChartSpec(ChartMeta):
    """A chart ready to be written: the Altair chart and the rows it shows."""

    chart: alt.TopLevelMixin
    rows: pd.DataFrame  # exactly the rows the chart shows, as a reader downloads them
    drawn: pd.DataFrame  # the table the spec draws, helper columns included

    @property
    def meta(self) -> ChartMeta:
        return ChartMeta(self.name, self.title, self.description, self.marks)


@dataclass(frozen=True)
class ChartPlan:
    """A chart to make: its name, what it is made from (``inputs()``: tables and plain
    values, which make it whole with the code), and the function that makes it from them.

    The inputs are computed when asked for, one chart at a time: the tables of a large
    project's charts, held all at once, would weigh hundreds of megabytes.
    """

    name: str
    inputs: Callable[[], tuple[Any, ...]]
    make: Callable[..., ChartSpec]

    def chart(self) -> ChartSpec:
        return self.make(*self.inputs())


# Every chart draws one table, named here and filled in by spec(): Altair would otherwise
# validate every row against the schema, which costs seconds for large tables.
_ROWS = alt.NamedData(name="rows")


def records(frame: pd.DataFrame) -> list[dict[str, Any]]:
    """Rows as JSON-ready records: Python scalars, None for missing values."""
    clean = frame.astype(object).where(frame.notna(), None)
    return cast(list[dict[str, Any]], clean.to_dict(orient="records"))


def _first_sources(dataset: Dataset) -> pd.DataFrame:
    """Each event's first supporting quote and the title of its document."""
    sources = dataset.sources.drop_duplicates("event_id")[["event_id", "document_id", "text"]]
    titles = dataset.documents.set_index("document_id")["title"]
    sources = sources.assign(document=sources.document_id.map(titles).fillna(sources.document_id))
    return sources.rename(columns={"text": "quote"})[["event_id", "quote", "document"]]


def timeline_rows(dataset: Dataset, lane: str = "category") -> pd.DataFrame:
    """One row per event, with what the timeline draws and tells about it."""
    events = dataset.events
    lang = dataset.language
    if lane == "document":
        # Named by the document's title, as readers know it, else by its id.
        documents = dataset.documents.set_index("document_id")
        names = documents.title.fillna(pd.Series(documents.index, index=documents.index))
        lanes = dataset.sources.drop_duplicates("event_id").set_index("event_id").document_id
        lane_values = events.event_id.map(lanes).map(names)
    else:
        lane_values = events[lane]
    lane_values = lane_values.fillna(text(lang, "none"))
    rows = pd.DataFrame({
        "event_id": events.event_id,
        "title": events.title,
        "lane": _fewer_lanes(lane_values, lang, lane),
        "start": events.date_start,
        "end": _days_after(events.date_end),
        "kind": ["point" if p == "day" and s == e else "bar"
                 for p, s, e in zip(events.date_precision, events.date_start, events.date_end,
                                    strict=True)],
        "approximate": events.approximate.astype(bool),
        "date_text": events.event_id.map(dataset.event_dates),
        # A tooltip writes out a missing value as "null".
        "place": events.place.fillna(""),
        "actors": events.actors.fillna(""),
        "page": "../" + events.page,
    })  # fmt: skip
    if not rows.lane.equals(lane_values):  # the tooltip tells what the shared lane hides
        rows.insert(3, "lane_name", lane_values)
    rows = rows.merge(_first_sources(dataset), on="event_id", how="left")
    # The tooltip shows the start of the quote; the whole one is on the event's page.
    rows["quote"] = [
        q if not isinstance(q, str) else _shortened(q, QUOTE_CHARS) for q in rows.quote
    ]
    rows["slot"] = _slots(rows)
    rows["label"] = _labels_with_room(rows)
    rows["label_at"] = rows.start.where(rows.kind == "point", rows.end)
    return rows.reset_index(drop=True)


def _fewer_lanes(lanes: pd.Series, lang: str, lane: str) -> pd.Series:
    """``lanes``, or, when there are more than LANES_UP_TO, the largest LANES_UP_TO - 1
    of them (ties to the name that sorts first) and one lane for all the others."""
    counts = lanes.value_counts()
    if len(counts) <= LANES_UP_TO:
        return lanes
    largest = sorted(counts.items(), key=lambda item: (-item[1], str(item[0])))
    kept = [name for name, _ in largest[: LANES_UP_TO - 1]]
    named = text(lang, f"{lane}_plural")
    others = text(lang, "other_lanes", n=len(counts) - len(kept), lanes=named)
    return lanes.where(lanes.isin(kept), others)


def _lane_order(lanes: list[str], lang: str) -> list[str]:
    """Lanes in the order of their names, the one that others share (see _fewer_lanes)
    last."""
    shared = re.escape(text(lang, "other_lanes", n="{n}", lanes="{lanes}"))
    pattern = re.compile(shared.replace(r"\{n\}", r"\d+").replace(r"\{lanes\}", ".+"))
    return sorted(lanes, key=lambda name: (bool(pattern.fullmatch(name)), name))


def _labels_with_room(rows: pd.DataFrame, label_px: int = 150) -> list[str]:
    """Each event's title, or nothing where the next mark of its row would overlap it."""
    if rows.empty:
        return []
    starts = [dt.date.fromisoformat(str(d)) for d in rows.start]
    ends = [dt.date.fromisoformat(str(d)) for d in rows.end]
    days_per_px = max((max(ends) - min(starts)).days, 1) / WIDTH
    room = dt.timedelta(days=label_px * days_per_px)
    keys = list(zip(rows.lane, rows.slot, strict=True))
    order = sorted(range(len(rows)), key=lambda i: (str(keys[i][0]), int(keys[i][1]), starts[i]))
    labels = [""] * len(rows)
    for position, i in enumerate(order):
        following = order[position + 1] if position + 1 < len(order) else None
        if following is None or keys[following] != keys[i] or starts[following] - ends[i] > room:
            labels[i] = _shortened(str(rows.title.iat[i]), LABEL_CHARS)
    return labels


def _shortened(text: str, limit: int) -> str:
    """``text`` cut to at most ``limit`` characters, at a word if one is near, with "…"."""
    if len(text) <= limit:
        return text
    cut = text[: limit - 1]
    space = cut.rfind(" ")
    if space >= limit // 2:
        cut = cut[:space]
    return cut.rstrip(" ,;:–-") + "…"


def _time_scale(starts: pd.Series, ends: pd.Series, label_px: int = 0) -> alt.Scale:
    """A time scale in UTC, as Vega reads the ISO dates of the rows: in local time, marks
    would move with the time zone of the browser or of the machine that draws them."""
    return alt.Scale(type="utc", domain=_time_domain(starts, ends, label_px))


def _time_domain(starts: pd.Series, ends: pd.Series, label_px: int = 0) -> list[int]:
    """The time axis's extent: the events' with a margin, so no mark sits on the edge, and
    room on the right for the last labels."""
    first = dt.date.fromisoformat(starts.min())
    last = dt.date.fromisoformat(ends.max())
    span = max((last - first).days, 1)
    margin = dt.timedelta(days=max(15, span // 20))
    room = dt.timedelta(days=span * label_px / max(WIDTH - label_px, 1))
    return [_datetime(_shifted(first, -margin)), _datetime(_shifted(last, max(margin, room)))]


def _shifted(day: dt.date, delta: dt.timedelta) -> dt.date:
    """``day + delta``, kept within the years 1 to 9999 that dates can hold."""
    try:
        return day + delta
    except OverflowError:
        return dt.date.max if delta > dt.timedelta(0) else dt.date.min


def _datetime(day: dt.date) -> int:
    # Milliseconds since 1970, not a DateTime object (which JavaScript reads as 1901 for
    # the year 1) nor an ISO string: Vega-Lite reads every layer's domain alike then.
    return (day - dt.date(1970, 1, 1)).days * 86_400_000


def _days_after(days: pd.Series) -> list[str]:
    """The day after each ISO date: where a bar that covers its last day whole ends."""
    return [_shifted(dt.date.fromisoformat(d), dt.timedelta(days=1)).isoformat() for d in days]


def _slots(rows: pd.DataFrame) -> list[int]:
    """A row within its lane for each event, so that events at the same time do not hide
    each other: the first slot whose previous event has ended (greedy interval packing)."""
    slots = [0] * len(rows)
    ends: dict[object, list[str]] = {}
    for i, (lane, start, end) in enumerate(zip(rows.lane, rows.start, rows.end, strict=True)):
        lane_ends = ends.setdefault(lane, [])
        for slot, last in enumerate(lane_ends):
            if last <= start:
                lane_ends[slot] = end
                slots[i] = slot
                break
        else:
            slots[i] = len(lane_ends)
            lane_ends.append(end)
    return slots


def _span_text(rows: pd.DataFrame, lang: str) -> str:
    """The days the events cover, from the first one's first to the last one's last."""
    last = dt.date.fromisoformat(rows.end.max()) - dt.timedelta(days=1)  # "end" is a day after
    return date_text(PartialDate.parse(rows.start.min()), PartialDate.parse(last.isoformat()),
                     False, lang)  # fmt: skip


def timeline_chart(
    rows: pd.DataFrame, lang: str, title: str | None = None, lane: str = "category"
) -> ChartSpec:
    """The event timeline: a lane per category (or document), a point per day-dated event, a
    bar for a month, a year or an event that lasts; approximate dates hollow and dashed."""
    n = len(rows)
    title = title or text(lang, "timeline_title")
    span = _span_text(rows, lang) if n else ""
    lanes_named = text(lang, f"{lane}_plural")
    description = text(lang, "timeline_description", n=n, span=span,
                       lane=text(lang, lane).lower(), lanes=lanes_named)  # fmt: skip
    pick = alt.selection_point(name="pick", fields=["lane"], bind="legend")
    zoom = alt.selection_interval(name="zoom", bind="scales", encodings=["x"])
    lanes = _lane_order(rows.lane.unique().tolist(), lang) if n else []
    colour = alt.Color("lane:N", title=text(lang, lane),
                       scale=alt.Scale(scheme=_scheme(lanes), domain=lanes),
                       legend=_lane_legend(lanes, symbolType="circle"))  # fmt: skip
    tooltip = [
        alt.Tooltip("title:N", title=text(lang, "title")),
        alt.Tooltip("date_text:N", title=text(lang, "date")),
        *([alt.Tooltip("lane_name:N", title=text(lang, lane))] if "lane_name" in rows else []),
        alt.Tooltip("place:N", title=text(lang, "place")),
        alt.Tooltip("actors:N", title=text(lang, "actors")),
        alt.Tooltip("quote:N", title=text(lang, "quote")),
        alt.Tooltip("document:N", title=text(lang, "document")),
    ]
    y = alt.Y("lane:N", title=None, sort=lanes, axis=alt.Axis(labelLimit=160))
    label_px = 150 if 0 < n <= LABELS_UP_TO else 0
    scale = _time_scale(rows.start, rows.end, label_px) if n else alt.Undefined
    x = alt.X("start:T", title=None, axis=alt.Axis(labelOverlap=True, grid=True), scale=scale)
    y_offset = alt.YOffset("slot:O", title=None)
    faded = alt.condition(pick, alt.value(1.0), alt.value(0.15))
    base = alt.Chart().encode(x=x, y=y, yOffset=y_offset, tooltip=tooltip, href="page:N")
    bars = (
        base.transform_filter(alt.datum.kind == "bar")
        .mark_bar(height=10, cornerRadius=2, strokeWidth=1.5)
        .encode(
            x2="end:T",
            color=colour,
            stroke=colour,
            opacity=faded,
            fillOpacity=alt.condition("datum.approximate", alt.value(0.2), alt.value(0.85)),
            strokeDash=alt.condition("datum.approximate", alt.value([4, 2]), alt.value([1, 0])),
        )
    )
    points = (
        base.transform_filter(alt.datum.kind == "point")
        .mark_point(size=90, strokeWidth=2, filled=False)
        .encode(
            color=colour,
            opacity=faded,
            fill=alt.condition("datum.approximate", alt.value("transparent"), colour),
            strokeDash=alt.condition("datum.approximate", alt.value([2, 2]), alt.value([1, 0])),
        )
        .add_params(pick, zoom)
    )
    layers: list[alt.Chart] = [points, bars]
    if n <= LABELS_UP_TO:
        layers.append(
            base.mark_text(align="left", dx=8, fontSize=10, limit=140, color="#333")
            .encode(x=alt.X("label_at:T", scale=scale), text="label:N", opacity=faded)
        )  # fmt: skip
    lane_count = max(len(lanes), 1)
    slots = int(rows.slot.max()) + 1 if n else 1
    chart = alt.layer(*layers, data=_ROWS).properties(
        width=WIDTH, height=min(40 * lane_count * slots, 2400),
        title=_title(title), description=description,
    )  # fmt: skip
    # Without labels, their columns would only weigh down the page.
    drawn = rows if n <= LABELS_UP_TO else rows.drop(columns=["label", "label_at"])
    return ChartSpec("timeline", title, description, n, chart, _public(rows), drawn=drawn)


def _public(rows: pd.DataFrame) -> pd.DataFrame:
    """The rows a reader downloads: without drawing helpers."""
    helpers = ("slot", "kind", "label", "label_at")
    return rows.drop(columns=[c for c in helpers if c in rows.columns])


def timeline_windows(
    rows: pd.DataFrame, limit: int = WINDOW_LIMIT
) -> list[tuple[str, pd.DataFrame]]:
    """Consecutive time windows of at most ``limit`` events: years, months, else parts."""
    windows: list[tuple[str, pd.DataFrame]] = []
    years = rows.groupby(rows.start.str.slice(0, 4), sort=True)
    pending: list[tuple[str, pd.DataFrame]] = []

    def flush() -> None:
        if pending:
            name = pending[0][0] if len(pending) == 1 else f"{pending[0][0]}-{pending[-1][0]}"
            windows.append((name, pd.concat([p[1] for p in pending])))
            pending.clear()

    for year, events in years:
        if len(events) > limit:
            flush()
            for month, month_events in events.groupby(events.start.str.slice(0, 7), sort=True):
                for i in range(0, len(month_events), limit):
                    part = f"-part{i // limit + 1}" if len(month_events) > limit else ""
                    windows.append((f"{month}{part}", month_events.iloc[i : i + limit]))
            continue
        if pending and sum(len(p[1]) for p in pending) + len(events) > limit:
            flush()
        pending.append((str(year), events))
    flush()
    return windows


def overview_chart(rows: pd.DataFrame, windows: list[tuple[str, pd.DataFrame]],
                   lang: str, lane: str = "category") -> ChartSpec:  # fmt: skip
    """Counts of events per period and lane, each bar linking to its detail chart."""
    span_years = int(rows.start.max()[:4]) - int(rows.start.min()[:4]) + 1
    by_month = span_years <= 10
    period = rows.start.str.slice(0, 7) if by_month else rows.start.str.slice(0, 4)
    window_of: dict[str, str] = {}
    for name, events in windows:
        for start in events.start.str.slice(0, 7) if by_month else events.start.str.slice(0, 4):
            window_of.setdefault(start, name)
    counts = (
        pd.DataFrame({"period": period, "lane": rows.lane})
        .groupby(["period", "lane"], sort=True).size().reset_index(name="count")
    )  # fmt: skip
    counts["start"] = counts.period + ("-01" if by_month else "-01-01")
    counts["period_text"] = counts.period.map(
        lambda p: date_text(PartialDate.parse(p), None, False, lang)
    )
    counts["page"] = counts.period.map(lambda p: f"timeline-{window_of[p]}.html")
    title = text(lang, "overview_title")
    description = text(lang, "overview_description", n=len(rows),
                       period=text(lang, "month" if by_month else "year"),
                       lane=text(lang, lane).lower(), span=_span_text(rows, lang))  # fmt: skip
    lanes = _lane_order(counts.lane.unique().tolist(), lang)
    pick = alt.selection_point(name="pick", fields=["lane"], bind="legend")
    chart = (
        alt.Chart(_ROWS)
        .mark_bar()
        .encode(
            x=alt.X("start:T", title=None, timeUnit="utcyearmonth" if by_month else "utcyear"),
            y=alt.Y("sum(count):Q", title=text(lang, "count"), stack="zero"),
            color=alt.Color("lane:N", title=text(lang, lane),
                            scale=alt.Scale(scheme=_scheme(lanes), domain=lanes),
                            legend=_lane_legend(lanes)),
            opacity=alt.condition(pick, alt.value(1.0), alt.value(0.15)),
            tooltip=[alt.Tooltip("period_text:N", title=text(lang, "period")),
                     alt.Tooltip("lane:N", title=text(lang, lane)),
                     alt.Tooltip("count:Q", title=text(lang, "count"))],
            href="page:N",
        )
        .add_params(pick)
        .properties(width=WIDTH, height=320, title=_title(title),
                    description=description)
    )  # fmt: skip
    return ChartSpec("timeline", title, description, len(counts), chart,
                     counts.drop(columns=["page"]), drawn=counts)  # fmt: skip


def figures_rows(dataset: Dataset) -> pd.DataFrame:
    """The curated figures, one row each, with their measure, event and document.

    Values are shown per measure in a round scale (milliards, millions) named in the
    panel's title, so that axes read "3,7" rather than "3 700 000 000".
    """
    lang = dataset.language
    figures = dataset.figures[dataset.figures.curated.astype(bool)]
    titles = dataset.events.set_index("event_id").title
    documents = dataset.documents.set_index("document_id").title
    values = figures.value.astype(float)
    scales, captions = {}, {}
    for measure, group in figures.groupby("measure"):
        units = group.unit.fillna("").unique()
        if not share_a_scale(units):  # the build warns: shown as written
            scales[measure], captions[measure] = 1, ""
            continue
        largest = group.value.astype(float).abs().max()
        scales[measure] = next((s for s in (10**9, 10**6) if largest >= s), 1)
        captions[measure] = unit_caption(units[0] or None, scales[measure], lang)
    scale = figures.measure.map(scales).astype(float)
    labels = {m.id: m.label + captions.get(m.id, "") for m in dataset.measures}
    rows = pd.DataFrame({
        "measure": figures.measure,
        "measure_label": figures.measure.map(labels),
        "figure_id": figures.figure_id,
        "text": figures.text,
        "value": values,
        "value_max": figures.value_max.astype(float),
        "unit": figures.unit,
        "qualifier": figures.qualifier,
        "qualifier_name": figures.qualifier.map(QUALIFIER_NAMES[lang]),
        "shown": values / scale,
        "shown_max": figures.value_max.astype(float) / scale,
        "label": [figure_label_of(figure, lang) for figure in figures.itertuples()],
        "start": figures.date_start,
        "end": _days_after(figures.date_end),
        # The event's date as the timeline writes it, its end and "environ" included.
        "date_text": [
            dataset.event_dates.get(e) if isinstance(e, str) else
            date_text(PartialDate.parse(d), None, False, lang)
            for e, d in zip(figures.event_id, figures.date, strict=True)
        ],
        "event_id": figures.event_id,
        "event": figures.event_id.map(titles),
        "document_id": figures.document_id,
        "document": figures.document_id.map(documents).fillna(figures.document_id),
        "sentence": figures.sentence,
        "page": "../events/" + figures.event_id + ".html",
    }).reset_index(drop=True)  # fmt: skip
    rows["at"] = _side_by_side(rows)
    # Only the labels with room are written: the tooltip gives the others ("$2.55B" and
    # "≈$1.13B" side by side would read "$$2.55B").
    rows["label_shown"] = _figure_labels_with_room(rows)
    return rows


def _side_by_side(rows: pd.DataFrame) -> list[str]:
    """Each figure's date, shifted by 1 % of the time span for every earlier figure of the
    same measure and date, so that differing figures never hide one another."""
    if rows.empty:
        return []
    starts = [dt.date.fromisoformat(str(d)) for d in rows.start]
    step = dt.timedelta(days=max(1, (max(starts) - min(starts)).days // 100))
    rank = rows.groupby(["measure", "start"]).cumcount()
    return [_shifted(d, step * int(r)).isoformat() for d, r in zip(starts, rank, strict=True)]


def _figure_labels_with_room(rows: pd.DataFrame) -> list[str]:
    """Each figure's label, or nothing where it would overlap a label already placed in its
    measure's panel (figures taken in order of date)."""
    if rows.empty:
        return []
    low, high = _time_domain(rows.start, rows.end)
    px_per_ms = WIDTH / max(high - low, 1)
    xs = [(_datetime(dt.date.fromisoformat(str(d))) - low) * px_per_ms for d in rows["at"]]
    tops = rows.groupby("measure").shown.transform("max").where(lambda m: m > 0, 1.0)
    tops = pd.concat([tops, rows.shown_max.fillna(0)], axis=1).max(axis=1)
    ys = (rows.shown.fillna(0) / tops * FIGURE_PANEL_HEIGHT).tolist()
    labels = [""] * len(rows)
    placed: dict[object, list[int]] = {}
    for i in sorted(range(len(rows)), key=lambda i: (xs[i], i)):
        text_ = str(rows.label.iat[i])
        others = placed.setdefault(rows.measure.iat[i], [])
        if all(
            abs(xs[i] - xs[j]) >= (len(text_) + len(labels[j])) * _LABEL_PX_PER_CHAR / 2
            or abs(ys[i] - ys[j]) >= _LABEL_HEIGHT_PX
            for j in others
        ):
            labels[i] = text_
            others.append(i)
    return labels


# What a figure label takes up at font size 11, a little more than an average character.
_LABEL_PX_PER_CHAR = 7
_LABEL_HEIGHT_PX = 13


_QUALIFIER_SHAPES = {"exact": "circle", "approx": "diamond", "more_than": "triangle-up",
                     "at_least": "triangle-up", "less_than": "triangle-down",
                     "at_most": "triangle-down", "range": "square"}  # fmt: skip


def figures_chart(rows: pd.DataFrame, lang: str) -> ChartSpec:
    """One small panel per measure: each curated figure at its date, its qualifier shown
    by the symbol and the label; figures of different documents side by side."""
    measures = rows.measure_label.nunique()  # a panel each
    title = text(lang, "figures_title")
    description = text(lang, "figures_description", n=measures)
    if measures > FIGURE_PANELS_UP_TO:
        counts = rows.groupby("measure_label").size()
        most = sorted(counts.items(), key=lambda item: (-item[1], str(item[0])))
        shown = {label for label, _ in most[:FIGURE_PANELS_UP_TO]}
        rows = rows[rows.measure_label.isin(shown)].reset_index(drop=True)
        description = text(lang, "figures_description_some", shown=len(shown), n=measures)
    tooltip = [
        alt.Tooltip("text:N", title=text(lang, "figure")),
        alt.Tooltip("label:N", title=text(lang, "value")),
        alt.Tooltip("date_text:N", title=text(lang, "date")),
        alt.Tooltip("event:N", title=text(lang, "event")),
        alt.Tooltip("document:N", title=text(lang, "document")),
        alt.Tooltip("sentence:N", title=text(lang, "sentence")),
    ]
    scale = _time_scale(rows.start, rows.end) if len(rows) else alt.Undefined
    axis = alt.Axis(labelOverlap=True)
    # "at" is the date, moved a hair for the second and later figures of the same measure
    # and date, so that figures of different documents stand side by side.
    x = alt.X("at:T", title=None, axis=axis, scale=scale)
    y = alt.Y("shown:Q", title=None, scale=alt.Scale(zero=True))
    base = alt.Chart().encode(x=x, y=y, tooltip=tooltip, href="page:N")
    period = base.mark_rule(strokeWidth=3, opacity=0.4, color="#4c78a8").encode(
        x=alt.X("start:T", title=None, axis=axis, scale=scale), x2="end:T"
    )
    span = base.mark_rule(color="#4c78a8").encode(y2="shown_max:Q")
    names = QUALIFIER_NAMES[lang]
    points = base.mark_point(size=110, filled=True, color="#4c78a8").encode(
        shape=alt.Shape("qualifier_name:N", title=text(lang, "qualifier"),
                        scale=alt.Scale(domain=[names[q] for q in _QUALIFIER_SHAPES],
                                        range=list(_QUALIFIER_SHAPES.values())),
                        legend=alt.Legend(orient="top")))  # fmt: skip
    layers = [period, *([span] if rows.shown_max.notna().any() else []), points]
    if len(rows) <= FIGURE_LABELS_UP_TO:
        layers.append(
            base.mark_text(dy=-14, fontSize=11, color="#222").encode(text="label_shown:N")
        )
    chart = (
        alt.layer(*layers, data=_ROWS)
        .properties(width=WIDTH, height=FIGURE_PANEL_HEIGHT)
        .facet(row=alt.Row("measure_label:N", title=None,
                           header=alt.Header(labelAngle=0, labelAlign="left", labelOrient="top",
                                             labelAnchor="start", labelFontWeight="bold",
                                             labelFontSize=12, labelLimit=WIDTH)))
        .resolve_scale(y="independent")
        .properties(title=_title(title), description=description)
    )  # fmt: skip
    return ChartSpec(
        "figures",
        title,
        description,
        len(rows) * 3,
        chart,
        rows.drop(columns=["page", "shown", "shown_max", "qualifier_name", "at", "label_shown"]),
        drawn=rows,
    )


def document_rows(dataset: Dataset) -> pd.DataFrame:
    """Every figure of the dataset, with its status for a curator (only its unit and
    status when there are too many to draw)."""
    lang = dataset.language
    figures = dataset.figures
    status = [
        text(lang, "curated") if c else text(lang, "linked") if isinstance(e, str)
        else text(lang, "unlinked")
        for c, e in zip(figures.curated.astype(bool), figures.event_id, strict=True)
    ]  # fmt: skip
    unit = pd.Series([unit_name(u, lang) or text(lang, "no_unit") for u in figures.unit],
                     index=figures.index, dtype=object)  # fmt: skip
    if len(figures) > FIGURE_MARKS_UP_TO:  # counted, not drawn one by one
        return pd.DataFrame({"unit": unit, "status": status})
    rows = pd.DataFrame({
        "figure_id": figures.figure_id,
        "document_id": figures.document_id,
        "unit": unit,
        "text": figures.text,
        "label": [figure_label_of(figure, lang) for figure in figures.itertuples()],
        "status": status,
        "event_id": figures.event_id.fillna(""),  # a tooltip would say "null"
        "sentence": figures.sentence,
        "page": "../documents/" + figures.document_id + ".html#f-" + figures.start.astype(str),
    })  # fmt: skip
    rows["rank"] = rows.groupby(["document_id", "unit"]).cumcount()
    return rows


def documents_chart(rows: pd.DataFrame, lang: str) -> ChartSpec:
    """Every extracted figure by unit and document (counts when there are very many)."""
    title = text(lang, "documents_title")
    statuses = [text(lang, k) for k in ("curated", "linked", "unlinked")]
    colour = alt.Color("status:N", title=text(lang, "status"),
                       scale=alt.Scale(domain=statuses, range=["#d62728", "#1f77b4", "#9e9e9e"]),
                       legend=alt.Legend(orient="top"))  # fmt: skip
    units = rows.unit.value_counts().index.tolist()
    if len(rows) > FIGURE_MARKS_UP_TO:
        counts = rows.groupby(["unit", "status"]).size().reset_index(name="count")
        top = units[:40]
        counts = counts[counts.unit.isin(top)]
        description = text(lang, "documents_overview_description", n=len(rows))
        chart = (
            alt.Chart(_ROWS)
            .mark_bar()
            .encode(
                y=alt.Y("unit:N", sort=top, title=text(lang, "unit")),
                x=alt.X("sum(count):Q", title=text(lang, "count")),
                color=colour,
                tooltip=["unit:N", "status:N", "count:Q"],
            )
            .properties(width=WIDTH, title=_title(title),
                        description=description)
        )  # fmt: skip
        return ChartSpec("documents", title, description, len(counts), chart, counts, drawn=counts)
    description = text(lang, "documents_description", n=len(rows))
    chart = (
        alt.Chart(_ROWS)
        .mark_circle(size=70, opacity=0.85)
        .encode(
            y=alt.Y("unit:N", sort=units, title=text(lang, "unit")),
            x=alt.X("document_id:N", title=text(lang, "document"),
                    axis=alt.Axis(labelAngle=-30, labelLimit=160)),
            xOffset=alt.XOffset("rank:O"),
            color=colour,
            tooltip=[alt.Tooltip("text:N", title=text(lang, "figure")),
                     alt.Tooltip("label:N", title=text(lang, "value")),
                     alt.Tooltip("status:N", title=text(lang, "status")),
                     alt.Tooltip("event_id:N", title=text(lang, "event")),
                     alt.Tooltip("sentence:N", title=text(lang, "sentence"))],
            href="page:N",
        )
        .properties(width=WIDTH, title=_title(title),
                    description=description)
    )  # fmt: skip
    return ChartSpec("documents", title, description, len(rows), chart,
                     rows.drop(columns=["rank", "page"]), drawn=rows)  # fmt: skip


def chart_plans(dataset: Dataset, lane: str = "category") -> list[ChartPlan]:
    """A plan for each chart of a dataset: the timeline (or its overview and windows),
    figures over time and figures by document. Each chart is made when its plan's ``make``
    is called, so that a build can have one drawn while it makes the next."""
    lang = dataset.language
    rows = timeline_rows(dataset, lane)
    plans: list[ChartPlan]
    if len(rows) > OVERVIEW_ABOVE:
        windows = timeline_windows(rows)
        # The overview counts events by date and lane: given only those columns, it is
        # made from nothing else (its windows are cut by date alike), and a new title does
        # not make it again.
        counted = rows[["start", "end", "lane"]]
        plans = [ChartPlan("timeline", lambda: (counted, lang, lane), _overview_chart)]
        plans += [
            ChartPlan(f"timeline-{name}", _given(name, events, lang, lane), _window_chart)
            for name, events in windows
        ]
    else:
        plans = [ChartPlan("timeline", lambda: (rows, lang, None, lane), timeline_chart)]
    plans.append(ChartPlan("figures", lambda: (figures_rows(dataset), lang), figures_chart))
    plans.append(ChartPlan("documents", lambda: (document_rows(dataset), lang), documents_chart))
    return plans


def _given(*values: Any) -> Callable[[], tuple[Any, ...]]:
    """Inputs already at hand."""
    return lambda: values


def _overview_chart(counted: pd.DataFrame, lang: str, lane: str) -> ChartSpec:
    return overview_chart(counted, timeline_windows(counted), lang, lane)


def _window_chart(name: str, events: pd.DataFrame, lang: str, lane: str) -> ChartSpec:
    window = timeline_chart(
        events.reset_index(drop=True), lang, text(lang, "window_title", window=name), lane
    )
    return replace(window, name=f"timeline-{name}")


def _scheme(lanes: list[str]) -> Literal["tableau10", "tableau20"]:
    # Ten colours while they suffice; twenty beyond, so that no two lanes share one up to 20.
    return _CATEGORY_SCHEME if len(lanes) <= 10 else "tableau20"


def _lane_legend(lanes: list[str], **options: Any) -> alt.Legend:
    """The legend of the lanes, above the chart: one row while they fit, else rows of
    LEGEND_COLUMNS names cut at LEGEND_LABEL_PIXELS, so that none falls off the right."""
    if len(lanes) <= LEGEND_COLUMNS and sum(len(lane) for lane in lanes) <= LEGEND_ROW_CHARS:
        return alt.Legend(orient="top", **options)
    return alt.Legend(orient="top", columns=LEGEND_COLUMNS, labelLimit=LEGEND_LABEL_PIXELS,
                      **options)  # fmt: skip


def _title(title: str) -> alt.TitleParams:
    return alt.TitleParams(title, anchor="start", aria=False)  # described by the page


def spec(chart: ChartSpec) -> dict[str, Any]:
    """The Vega-Lite specification of a chart, with the rows it draws."""
    # Not validated here (a tenth of a second per chart): the tests validate every kind of
    # chart against the schema Altair ships.
    result: dict[str, Any] = chart.chart.to_dict(validate=False)
    result["datasets"] = {"rows": records(chart.drawn)}
    # Vega would describe each mark and axis to screen readers in English, with the rows'
    # inner fields; the page describes the chart in its language instead.
    result.setdefault("config", {})["aria"] = False
    return result
