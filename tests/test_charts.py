"""Charts: valid specs, one mark per event, honest dates, locale, scale, safe pages."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from functools import cache
from pathlib import Path
from typing import Any

import altair as alt
import jsonschema
import pandas as pd
import pytest

from tests.conftest import REPO, VALID_YAML
from timeline import chartfiles, charts
from timeline.build import build
from timeline.cache import Cache
from timeline.chartfiles import chart_images, chart_page, spec_json
from timeline.charts import (
    FIGURE_PANELS_UP_TO,
    LANES_UP_TO,
    OVERVIEW_ABOVE,
    QUOTE_CHARS,
    WIDTH,
    ChartSpec,
    _figure_labels_with_room,
    _side_by_side,
    chart_plans,
    figures_chart,
    figures_rows,
    spec,
    timeline_chart,
    timeline_rows,
    timeline_windows,
)
from timeline.dataset import Dataset, build_dataset
from timeline.events import load_project
from timeline.extraction import document_figures
from timeline.i18n import figure_label, unit_name

SCHEMA = Path(alt.__file__).parent / "vegalite" / "v6" / "schema" / "vega-lite-schema.json"


@cache
def _validator() -> jsonschema.Draft7Validator:
    return jsonschema.Draft7Validator(json.loads(SCHEMA.read_text(encoding="utf-8")))


def figures_rows_of(folder: Path) -> pd.DataFrame:
    return figures_rows(dataset_of(folder))


def dataset_of(folder: Path) -> Dataset:
    project = load_project(folder)
    return build_dataset(project, document_figures(project))


@pytest.fixture(scope="module")
def embedded_build(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("charts") / "out"
    build(str(REPO), str(out))
    return out


def _marks(svg: str) -> dict[str, int]:
    """How many items each mark group of an SVG draws."""
    counts: dict[str, int] = {}
    for match in re.finditer(r'<g class="mark-(\w+) role-mark[^"]*"[^>]*>(.*?)</g>', svg, re.S):
        counts[match.group(1)] = counts.get(match.group(1), 0) + match.group(2).count("<path")
    return counts


def _data(spec: dict[str, Any]) -> list[dict[str, Any]]:
    """The rows of a spec, whether inline or in its top-level datasets."""
    data = spec["data"]
    values: list[dict[str, Any]] = (
        data["values"] if "values" in data else spec["datasets"][data["name"]]
    )
    return values


def test_every_spec_is_valid_vega_lite(embedded_build: Path) -> None:
    specs = sorted((embedded_build / "charts").glob("*.vl.json"))
    assert [p.name for p in specs] == ["documents.vl.json", "figures.vl.json", "timeline.vl.json"]
    for path in specs:
        spec = json.loads(path.read_text(encoding="utf-8"))
        errors = list(_validator().iter_errors(spec))
        assert not errors, (path.name, errors[:3])
        assert spec["title"]["text"]
        assert spec["description"]


def test_each_chart_has_its_five_files(embedded_build: Path) -> None:
    names = {p.name for p in (embedded_build / "charts").iterdir()}
    for chart in ("timeline", "figures", "documents"):
        assert {f"{chart}.{ext}" for ext in ("vl.json", "svg", "png", "csv", "html")} <= names
    assert (embedded_build / "assets" / "vega" / "vega-embed.js").stat().st_size > 500_000
    assert "BSD 3-Clause" in (embedded_build / "assets" / "vega" / "LICENSES.txt").read_text()


def test_timeline_svg_has_one_mark_per_event(embedded_build: Path) -> None:
    svg = (embedded_build / "charts" / "timeline.svg").read_text(encoding="utf-8")
    marks = _marks(svg)
    assert marks["symbol"] + marks["rect"] == 9
    assert marks["rect"] == 2  # juin 2015 (a month) and the two-day NATO meeting


def test_dates_are_drawn_honestly(make_project: Callable[..., Path]) -> None:
    rows = timeline_rows(dataset_of(make_project()))
    by_id = rows.set_index("event_id")
    day, month = by_id.loc["conseil-geneve"], by_id.loc["deploiement-des-observateurs"]
    assert (day.kind, day.start, day.end) == ("point", "2020-03-04", "2020-03-05")
    assert (month.kind, month.start, month.end) == ("bar", "2020-06-01", "2020-07-01")
    assert bool(month.approximate)
    svg = chart_images(timeline_chart(rows, "fr"), "fr").result()["timeline.svg"]
    text = svg.decode()
    marks = _marks(text)
    assert (marks["symbol"], marks["rect"]) == (1, 1)
    # The approximate event's bar is dashed and paler.
    rect = re.search(r'<g class="mark-rect[^>]*>(.*?)</g>', text, re.S)
    assert rect is not None
    assert "stroke-dasharray" in rect.group(1)


def test_tooltips_carry_the_quote(embedded_build: Path) -> None:
    spec = json.loads((embedded_build / "charts" / "timeline.vl.json").read_text(encoding="utf-8"))
    tooltips = [t["field"] for layer in spec["layer"]
                for t in layer.get("encoding", {}).get("tooltip", [])]  # fmt: skip
    assert {"title", "date_text", "place", "actors", "quote", "document"} <= set(tooltips)
    rows = {r["event_id"]: r for r in _data(spec)}
    assert rows["plan-anbar"]["quote"].startswith("le soutien unanime au plan")
    assert rows["reunion-ministres-defense-otan"]["date_text"] == "7–8 juin 2018"
    assert rows["offensive-fds-phase-deux-roundup"]["date_text"] == "environ 3 juin 2018"


def test_long_titles_and_quotes_are_cut_at_a_word(make_project: Callable[..., Path]) -> None:
    long_title = "Les ministres réunis à Genève adoptent un très long communiqué final"
    long_quote = " ".join(["Les délégations ont longuement négocié"] * 12)
    project = make_project(
        f"""\
project: {{title: Long, language: fr}}
documents:
  - {{id: a, path: docs/long.txt}}
events:
  - id: long
    date: 2020-01-02
    title: {long_title}
    category: réunion
    sources: [{{document: a, quote: "{long_quote}"}}]
""",
        {"docs/long.txt": long_quote},
    )
    rows = timeline_rows(dataset_of(project))
    row = rows.set_index("event_id").loc["long"]
    assert row.title == long_title  # the tooltip keeps the whole title
    assert row.label == "Les ministres réunis à…"
    kept = row.quote.removesuffix("…")
    assert len(row.quote) <= QUOTE_CHARS
    assert kept != row.quote
    assert long_quote.startswith(kept)
    assert long_quote[len(kept)] == " "


def test_month_names_follow_the_language(make_project: Callable[..., Path]) -> None:
    french = dataset_of(make_project())
    svg = chart_images(timeline_chart(timeline_rows(french), "fr"), "fr").result()["timeline.svg"]
    svg = svg.decode()
    assert re.search(r">(avril|mai|juin|juillet|mars)<", svg)
    english_root = make_project(VALID_YAML.replace("language: fr", "language: en", 1))
    english = dataset_of(english_root)
    drawn = chart_images(timeline_chart(timeline_rows(english), "en"), "en").result()
    svg = drawn["timeline.svg"].decode()
    assert re.search(r">(April|May|June|July|March)<", svg)
    assert not re.search(r">(avril|juin|juillet)<", svg)


def test_figures_chart_keeps_differing_documents_apart(embedded_build: Path) -> None:
    rows = pd.read_csv(embedded_build / "charts" / "figures.csv")
    members = rows[rows.measure == "coalition_members"]
    assert set(members.label) == {">60", "75"}

    rows = figures_rows_of(REPO)
    same = pd.DataFrame({"measure": ["m", "m", "m"], "start": ["2020-01-01"] * 2 + ["2021-01-01"]})
    assert _side_by_side(same)[0] != _side_by_side(same)[1]
    assert len(rows) == 5


def test_many_figures_keep_their_values_in_the_tooltip(
    make_project: Callable[..., Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    rows = figures_rows(dataset_of(make_project()))
    marks = [layer["mark"]["type"] for layer in _layers(figures_chart(rows, "fr"))]
    assert "text" in marks
    monkeypatch.setattr(charts, "FIGURE_LABELS_UP_TO", len(rows) - 1)
    marks = [layer["mark"]["type"] for layer in _layers(figures_chart(rows, "fr"))]
    assert "text" not in marks
    assert "point" in marks


def test_many_measures_give_panels_to_those_with_the_most_figures(
    make_project: Callable[..., Path],
) -> None:
    one = figures_rows(dataset_of(make_project())).iloc[[0]]
    # Measure k holds k + 1 figures; M 13 and M 14 hold as many as each other.
    rows = pd.concat(
        [one.assign(measure=f"m{k}", measure_label=f"M {k}") for k in range(14)
         for _ in range(k + 1)] + [one.assign(measure="m14", measure_label="M 14")] * 14,
        ignore_index=True,
    )  # fmt: skip
    chart = figures_chart(rows, "fr")
    shown = set(chart.rows.measure_label)
    assert len(shown) == FIGURE_PANELS_UP_TO == 12
    assert shown == {f"M {k}" for k in range(3, 15)}
    assert "des 12 mesures qui en comptent le plus (sur 15 ;" in chart.description
    assert len(chart.rows) == sum(range(4, 15)) + 14
    few = figures_chart(rows[rows.measure_label.isin({"M 1", "M 2"})], "fr")
    assert few.description.startswith("Les chiffres retenus pour 2 mesures")


def _layers(chart: ChartSpec) -> list[dict[str, Any]]:
    layers: list[dict[str, Any]] = json.loads(spec_json(chart))["spec"]["layer"]
    return layers


def test_chart_csv_holds_the_rows_shown(embedded_build: Path) -> None:
    timeline = pd.read_csv(embedded_build / "charts" / "timeline.csv")
    assert len(timeline) == 9
    assert "slot" not in timeline.columns
    documents = pd.read_csv(embedded_build / "charts" / "documents.csv")
    assert len(documents) == 7


def test_pages_work_offline(embedded_build: Path) -> None:
    for page in (embedded_build / "charts").glob("*.html"):
        html = page.read_text(encoding="utf-8")
        assert '<script src="../assets/vega/vega-embed.js"></script>' in html
        assert not re.search(r"(src|href)=\"(https?:)?//", html)
        assert f'href="{page.stem}.csv"' in html


def _events_yaml(n: int) -> str:
    lines = ["project: {title: Many, language: en}",
             "documents: [{id: d, path: docs/b.txt}]", "events:"]  # fmt: skip
    for i in range(n):
        year, day = 2000 + i % 20, 1 + i % 28
        lines.append(
            f"  - {{id: e{i}, date: {year}-{1 + i % 12:02d}-{day:02d}, title: Event {i}, "
            f"category: c{i % 3}, sources: [{{document: d, quote: Leaders pledged}}]}}"
        )
    return "\n".join(lines) + "\n"


def test_large_projects_get_an_overview_and_windows(make_project: Callable[..., Path]) -> None:
    dataset = dataset_of(make_project(_events_yaml(OVERVIEW_ABOVE + 500)))
    charts = [plan.chart() for plan in chart_plans(dataset)]
    names = [c.name for c in charts]
    assert names[0] == "timeline"
    overview = charts[0]
    assert len(overview.rows) <= 20 * 3  # one row per year and category
    assert int(overview.rows["count"].sum()) == OVERVIEW_ABOVE + 500
    windows = [c for c in charts if c.name.startswith("timeline-")]
    assert sum(c.marks for c in windows) == OVERVIEW_ABOVE + 500
    for chart in windows:
        assert chart.renderer == ("canvas" if chart.marks > 1000 else "svg")
    spec: dict[str, Any] = json.loads(spec_json(overview))
    assert {v["page"] for v in _data(spec)} <= {f"{n}.html" for n in names}
    for chart in charts:  # the build does not validate its specs: these tests do
        errors = list(_validator().iter_errors(json.loads(spec_json(chart))))
        assert not errors, (chart.name, errors[:3])


def test_windows_split_crowded_years_and_months() -> None:
    rows = pd.DataFrame({"start": ["2020-01-01"] * 5 + ["2020-02-01"] * 2 + ["2021-01-01"] * 3})
    windows = timeline_windows(rows, limit=4)
    assert [(name, len(events)) for name, events in windows] == [
        ("2020-01-part1", 4),
        ("2020-01-part2", 1),
        ("2020-02", 2),
        ("2021", 3),
    ]
    assert [name for name, _ in timeline_windows(rows, limit=100)] == ["2020-2021"]


def test_hostile_strings_stay_text(make_project: Callable[..., Path]) -> None:
    hostile = VALID_YAML.replace(
        "Réunion du Conseil à Genève", '"</script><script>alert(1)</script>"'
    )
    dataset = dataset_of(make_project(hostile))
    chart = timeline_chart(timeline_rows(dataset), "fr")
    page = chart_page(chart, spec_json(chart), dataset)
    assert "<script>alert(1)" not in page
    assert page.count("</script>") == 4  # the bundle, the spec, the options, the embed call


def test_drawings_are_cached_per_spec_and_fonts(
    make_project: Callable[..., Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    chart = timeline_chart(timeline_rows(dataset_of(make_project())), "fr")
    cache = Cache(tmp_path / "cache")
    first = chart_images(chart, "fr", cache=cache).result()
    assert (cache.hits, cache.misses) == (0, 2)
    assert chart_images(chart, "fr", cache=cache).result() == first
    assert cache.hits == 2
    # Fonts added or removed: the chart is drawn again, not taken from the cache.
    monkeypatch.setattr(chartfiles, "fonts_digest", lambda: "0123456789ab")
    chart_images(chart, "fr", cache=cache).result()
    assert (cache.hits, cache.misses) == (2, 4)


def test_dates_at_the_ends_of_the_calendar_are_drawn(
    tmp_path: Path, make_project: Callable[..., Path]
) -> None:
    # The margins of the time axis would fall before year 1 and after year 9999.
    root = make_project(
        VALID_YAML.replace("date: 2020-03-04", "date: 0001-01-01").replace(
            "date: 2020-06", "date: 9999-12"
        )
    )
    build(str(root), str(tmp_path / "out"))
    spec = json.loads((tmp_path / "out" / "charts" / "timeline.vl.json").read_text("utf-8"))
    assert spec["datasets"]["rows"][-1]["end"] == "9999-12-31"
    assert (tmp_path / "out" / "charts" / "timeline.svg").stat().st_size > 1000


def test_the_links_of_drawn_charts_stay_relative(
    tmp_path: Path, make_project: Callable[..., Path]
) -> None:
    build(str(make_project()), str(tmp_path / "out"))
    links = re.findall(r'xlink:href="([^"]*)"', (tmp_path / "out/charts/timeline.svg").read_text())
    assert links
    assert all(link.startswith("../events/") for link in links), links
    assert all((tmp_path / "out/charts" / link).is_file() for link in links)
    # Vega's own descriptions of marks and axes are English, with inner fields: left out.
    svg = (tmp_path / "out/charts/timeline.svg").read_text()
    assert "axis for" not in svg.lower()
    assert "slot" not in svg
    # ...and each chart's own page leads back to the site.
    for page in (tmp_path / "out/charts").glob("*.html"):
        assert '<a href="../index.html">Test project</a>' in page.read_text("utf-8"), page


def test_drawings_do_not_depend_on_the_time_zone(
    tmp_path: Path, make_project: Callable[..., Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    root = make_project()
    drawings = []
    for zone in ("UTC", "Pacific/Kiritimati"):  # UTC+14
        monkeypatch.setenv("TZ", zone)  # read by the drawing helpers when they start
        build(str(root), str(tmp_path / zone), jobs=2, use_cache=False)
        drawings.append((tmp_path / zone / "charts" / "timeline.svg").read_bytes())
    assert drawings[0] == drawings[1]


@pytest.mark.parametrize(
    ("value", "value_max", "unit", "qualifier", "lang", "label"),
    [
        (1.45e9, None, "USD", "exact", "en", "$1.45B"),
        (1.45e9, None, "USD", "approx", "fr", "≈1,45\xa0Md\xa0$US"),
        (1_234_567, None, "person", "more_than", "en", ">1.23M"),
        (12.95e12, None, "USD", "exact", "en", "$12.95T"),
        (4e9, 5e9, "USD", "range", "en", "$4B–$5B"),
        (4e9, 5e9, "USD", "range", "fr", "4\xa0Md–5\xa0Md\xa0$US"),
        (3, 5, "percent", "range", "en", "3–5%"),
        (2.5, None, "times", "approx", "fr", "≈×2,5"),
        (2, 3, "times", "range", "en", "×2–×3"),
    ],
)
def test_figure_labels_keep_the_figure_as_written(
    value: float, value_max: float | None, unit: str, qualifier: str, lang: str, label: str
) -> None:
    assert figure_label(value, value_max, unit, qualifier, False, lang) == label
    # The dataset's values are NumPy floats.
    high = None if value_max is None else pd.Series([value_max]).iloc[0]
    assert figure_label(pd.Series([value]).iloc[0], high, unit, qualifier, False, lang) == label


def test_figure_labels_that_would_overlap_are_left_to_the_tooltip() -> None:
    rows = pd.DataFrame({
        "measure": ["aid", "aid", "aid", "troops"],
        "start": ["2020-01-01", "2020-01-01", "2022-06-01", "2020-01-01"],
        "end": ["2020-01-02", "2020-01-02", "2022-06-02", "2020-01-02"],
        "at": ["2020-01-01", "2020-01-09", "2022-06-01", "2020-01-01"],
        "shown": [2.55, 2.5, 2.5, 300.0],
        "shown_max": [None, None, None, None],
        "label": ["$2.55B", "≈$2.5B", "$2.5B", "300"],
    })  # fmt: skip
    # The second stands a week after the first, at almost the same height: it would cover
    # it. The third is far; the fourth is in another panel.
    assert _figure_labels_with_room(rows) == ["$2.55B", "", "$2.5B", "300"]


@pytest.mark.parametrize(
    ("unit", "lang", "name"),
    [("year", "fr", "ans"), ("hour", "en", "hours"), ("percent", "fr", "%"), ("pays", "fr", "pays"),
     ("USD", "en", "USD"), (None, "fr", "")],
)  # fmt: skip
def test_units_are_named_in_the_site_language(unit: str | None, lang: str, name: str) -> None:
    assert unit_name(unit, lang) == name


def test_a_figure_is_dated_as_its_event_is(make_project: Callable[..., Path]) -> None:
    yaml_text = VALID_YAML.replace("date: 2020-03-04", "date: 2020-03-04\n    end: 2020-03-06")
    rows = figures_rows(
        dataset_of(
            make_project(yaml_text.replace("id: conseil-geneve", "id: cg\n    approximate: true"))
        )
    )
    assert rows.date_text.tolist() == ["environ 4–6 mars 2020"]


def test_document_lanes_are_named_and_described_as_documents(
    make_project: Callable[..., Path],
) -> None:
    dataset = dataset_of(make_project())
    (timeline, *_) = [plan.chart() for plan in chart_plans(dataset, lane="document")]
    assert sorted(set(timeline.drawn.lane)) == ["Document A"]  # its title, not its id
    assert "par document." in timeline.description
    assert "filtre les documents" in timeline.description
    assert '"title": "Document"' in json.dumps(spec(timeline))


def test_a_legend_of_many_long_lanes_wraps_within_the_chart(
    make_project: Callable[..., Path],
) -> None:
    rows = timeline_rows(dataset_of(make_project()))
    lanes = [f"Communiqué de presse numéro {i} du ministère" for i in range(12)]
    rows = pd.concat([rows.assign(lane=lane, event_id=f"{lane}-{i}") for i, lane in
                      enumerate(lanes)], ignore_index=True)  # fmt: skip
    svg = chart_images(timeline_chart(rows, "fr"), "fr").result()["timeline.svg"].decode()
    width = float(re.search(r'<svg[^>]* width="([\d.]+)"', svg).group(1))  # type: ignore[union-attr]
    assert width < 1.5 * WIDTH  # the lanes' names at the left, the plot, and no more
    # Each lane is still named, cut to fit its column.
    assert svg.count("Communiqué de presse") >= len(lanes)


def _categories_yaml(sizes: list[int]) -> str:
    """Events in categories k0, k1, … holding ``sizes`` events each."""
    lines = ["project: {title: Lanes, language: fr}",
             "documents: [{id: d, path: docs/b.txt}]", "events:"]  # fmt: skip
    i = 0
    for k, size in enumerate(sizes):
        for _ in range(size):
            lines.append(
                f"  - {{id: e{i}, date: 2001-{1 + i % 12:02d}-03, title: Fait {i}, "
                f"category: k{k}, sources: [{{document: d, quote: Leaders pledged}}]}}"
            )
            i += 1
    return "\n".join(lines) + "\n"


def test_more_lanes_than_colours_share_one_named_for_them(
    make_project: Callable[..., Path],
) -> None:
    sizes = [30 - k for k in range(25)]  # k0 holds the most events, k24 the fewest
    sizes[24] = 29  # k24 holds as many as k1: it is kept, k22 and k23 go
    dataset = dataset_of(make_project(_categories_yaml(sizes)))
    rows = timeline_rows(dataset)
    lanes = set(rows.lane)
    assert len(lanes) == LANES_UP_TO
    assert "Autres (6 catégories)" in lanes
    assert {"k0", "k1", "k24"} <= lanes
    assert not lanes & {"k18", "k19", "k20", "k21", "k22", "k23"}
    shared = rows[rows.lane == "Autres (6 catégories)"]
    assert len(shared) == sum(sizes[18:24])
    # Each event still tells its own category, in the tooltip and in the chart's CSV.
    assert set(shared.lane_name) == {f"k{k}" for k in range(18, 24)}
    chart = timeline_chart(rows, "fr")
    assert '"field": "lane_name"' in json.dumps(spec(chart))
    domain = re.search(r'"domain": (\[[^\]]*\])', json.dumps(spec(chart))).group(1)  # type: ignore[union-attr]
    assert json.loads(domain)[-1] == "Autres (6 catégories)"  # after the lanes it gathers
    assert "lane_name" in chart.rows.columns
    # Up to LANES_UP_TO lanes, each is its own, and the rows say nothing more.
    few = timeline_rows(dataset_of(make_project(_categories_yaml([3] * LANES_UP_TO))))
    assert len(set(few.lane)) == LANES_UP_TO
    assert "lane_name" not in few.columns
