"""The tidy dataset: the merge rule, the seed figures, traceability of every row."""

from __future__ import annotations

import json
import random
import re
from collections.abc import Callable
from pathlib import Path

import pandas as pd
import pytest

from tests.conftest import REPO, VALID_YAML
from timeline.charts import chart_plans
from timeline.dataset import Dataset, build_dataset
from timeline.events import load_project
from timeline.extraction import document_figures
from timeline.tables import TABLES
from timeline.units import share_a_scale


def dataset_of(folder: Path) -> Dataset:
    project = load_project(folder)
    return build_dataset(project, document_figures(project))


@pytest.fixture(scope="module")
def embedded() -> Dataset:
    return dataset_of(REPO)


def test_seed_figures_in_the_dataset(embedded: Dataset) -> None:
    rows = {
        (r.text, r.value, r.unit, r.qualifier, r.event_id, r.measure, r.date)
        for r in embedded.figures.itertuples()
    }
    assert (
        "Plus de 60 pays",
        60.0,
        "pays",
        "more_than",
        "reunion-paris-groupe-restreint",
        "coalition_members",
        "2015-06-02",
    ) in rows
    assert (
        "75 membres",
        75.0,
        "membre",
        "exact",
        "mattis-coalition-bruxelles",
        "coalition_members",
        "2018-06-08",
    ) in rows
    assert (
        "25 pays",
        25.0,
        "pays",
        "exact",
        "reunion-paris-groupe-restreint",
        "paris_meeting_countries",
        "2015-06-02",
    ) in rows
    assert (
        "près de 3,7 milliards de dollars",
        3.7e9,
        "USD",
        "approx",
        "aide-humanitaire-americaine-2015",
        "us_aid_syria",
        "2015-06",
    ) in rows
    assert (
        "plus de 407 millions de dollars",
        4.07e8,
        "USD",
        "more_than",
        "aide-humanitaire-americaine-2015",
        "us_aid_iraq",
        "2015-06",
    ) in rows
    hours = embedded.figures[embedded.figures.text == "un peu plus de 100 heures"].iloc[0]
    assert (hours.value, hours.unit, hours.qualifier) == (100.0, "hour", "more_than")
    assert hours.event_id == "offensive-fds-phase-deux-roundup"
    texts = " | ".join(embedded.figures.text)
    assert "2.0" not in texts
    assert "juin" not in texts


def test_every_row_is_traceable(embedded: Dataset) -> None:
    documents = {d.id: d.text for d in load_project(REPO).documents}
    for table in (embedded.figures, embedded.sources):
        for row in table.itertuples():
            assert documents[row.document_id][row.start : row.end] == row.text


def test_dates_are_periods(embedded: Dataset) -> None:
    events = embedded.events.set_index("event_id")
    aid = events.loc["aide-humanitaire-americaine-2015"]
    assert (aid.date, aid.date_start, aid.date_end, aid.date_precision) == (
        "2015-06",
        "2015-06-01",
        "2015-06-30",
        "month",
    )
    nato = events.loc["reunion-ministres-defense-otan"]
    assert (nato.date_start, nato.date_end) == ("2018-06-07", "2018-06-08")
    assert list(embedded.events.date_start) == sorted(embedded.events.date_start)


def test_bounds_follow_the_qualifier(embedded: Dataset) -> None:
    for row in embedded.figures.itertuples():
        expected = {
            "exact": (row.value, row.value),
            "more_than": (row.value, None),
            "at_least": (row.value, None),
            "less_than": (None, row.value),
            "at_most": (None, row.value),
            "range": (row.value, row.value_max),
            "approx": (None, None),
        }[row.qualifier]
        got = tuple(None if pd.isna(v) else v for v in (row.lower, row.upper))
        assert got == (None, None) if row.vague else got == expected


def test_columns_follow_the_declaration(embedded: Dataset) -> None:
    for table in TABLES:
        assert list(embedded.table(table).columns) == table.names


MERGE_DOC = (
    "Le sommet s'ouvre à Rome. Il réunit 40 chefs d'État.\n"
    "Un fonds de 2 milliards d'euros est créé ; la conférence de presse suit.\n"
    "Sans rapport, 300 tonnes de blé arrivent au port.\n"
)
MERGE_YAML = """\
project: {title: Merge, language: fr}
documents:
  - {id: doc, path: docs/m.txt, published: 2021-03}
  - {id: other, path: docs/o.txt}
measures:
  fonds: {label: Fonds}
events:
  - id: sommet
    date: 2021-03-02
    title: Sommet
    category: réunion
    sources: [{document: doc, quote: "Le sommet s'ouvre à Rome."}]
  - id: fonds
    date: 2021-03-03
    title: Fonds
    category: finance
    sources: [{document: doc, quote: "la conférence de presse suit"}]
    figures: [{measure: fonds, quote: "2 milliards d'euros"}]
  - id: presse
    date: 2021-03-04
    title: Presse
    category: réunion
    sources: [{document: doc, quote: "Un fonds de"}]
"""


def test_merge_rule(make_project: Callable[..., Path]) -> None:
    root = make_project(
        MERGE_YAML, {"docs/m.txt": MERGE_DOC, "docs/o.txt": "Il y avait 12 navires.\n"}
    )
    figures = dataset_of(root).figures.set_index("text")
    # Same paragraph as the quote of "sommet": the nearest quote wins.
    assert figures.loc["40 chefs", "event_id"] == "sommet"
    # Curated: the event that selects it, whatever quote is nearer.
    assert figures.loc["2 milliards d'euros", ["event_id", "measure", "curated"]].tolist() == [
        "fonds",
        "fonds",
        True,
    ]
    # A paragraph without a quote, and a document no event cites: no event.
    assert pd.isna(figures.loc["300 tonnes", "event_id"])
    assert pd.isna(figures.loc["12 navires", "event_id"])
    # Without an event, the figure takes its document's publication date.
    assert figures.loc["300 tonnes", "date"] == "2021-03"
    assert pd.isna(figures.loc["12 navires", "date"])
    events = dataset_of(root).events.set_index("event_id")
    assert events.n_figures.to_dict() == {"sommet": 1, "fonds": 1, "presse": 0}


def test_nearest_quote_in_a_paragraph(make_project: Callable[..., Path]) -> None:
    text = "Début du texte ici. Puis 25 pays signent. Beaucoup plus loin, la fin arrive.\n"
    yaml_text = """\
project: {title: Near, language: fr}
documents: [{id: d, path: docs/n.txt}]
events:
  - {id: b-loin, date: 2020, title: Loin, category: c,
     sources: [{document: d, quote: "la fin arrive"}]}
  - {id: a-pres, date: 2020, title: Près, category: c,
     sources: [{document: d, quote: "Début du texte"}]}
"""
    figures = dataset_of(make_project(yaml_text, {"docs/n.txt": text})).figures
    assert figures.iloc[0].text == "25 pays"
    # "Début du texte" ends 11 characters before the figure, "la fin arrive" starts 30 after.
    assert figures.iloc[0].event_id == "a-pres"


def test_an_event_with_an_end_is_written_with_it(make_project: Callable[..., Path]) -> None:
    project = make_project(VALID_YAML.replace("date: 2020-06", "date: 2020\n    end: 2022"))
    dataset = dataset_of(project)
    assert dataset.event_dates == {
        "conseil-geneve": "4 mars 2020",
        "deploiement-des-observateurs": "environ 2020 – 2022",
    }
    (timeline,) = [p.chart() for p in chart_plans(dataset)][:1]
    assert "(1 janvier 2020 – 31 décembre 2022)" in timeline.description


def test_each_bound_of_a_period_keeps_its_own_precision(
    make_project: Callable[..., Path],
) -> None:
    project = make_project(
        VALID_YAML.replace("date: 2020-06", "date: 2020-03\n    end: 2020-06-15")
    )
    dataset = dataset_of(project)
    assert dataset.events.set_index("event_id").end.to_dict() == {
        "conseil-geneve": None,
        "deploiement-des-observateurs": "2020-06-15",
    }
    assert dataset.event_dates["deploiement-des-observateurs"] == "environ mars 2020 – 15 juin 2020"


def test_merge_rule_against_a_plain_reading_of_it(make_project: Callable[..., Path]) -> None:
    """Many quotes, some over two paragraphs or shared by two events, checked against the
    rule as MERGE_RULE states it, computed the slow way."""
    rng = random.Random(7)
    names = [a + b + c for a in "BDGLMPRT" for b in "aeiou" for c in ("do", "ri", "lan")]
    rng.shuffle(names)
    sentences = [
        f"Le site {name} compte {rng.randint(2, 999)} navires." if rng.random() < 0.6
        else f"Le site {name} reste calme."
        for name in names[:90]
    ]  # fmt: skip
    lines, at = [], 0
    while at < len(sentences):
        size = rng.randint(1, 4)
        lines.append(" ".join(sentences[at : at + size]))
        at += size
    text = "\n".join(lines) + "\n"
    events = []
    for i in range(25):
        first = rng.randrange(len(sentences) - 2)
        quote = " ".join(sentences[first : first + rng.randint(1, 2)])
        events.append(f"  - {{id: e{i:02d}, date: 2020, title: E{i}, category: c, "
                      f"sources: [{{document: d, quote: {json.dumps(quote)}}}]}}")  # fmt: skip
    yaml_text = (
        "project: {title: Merge, language: fr}\n"
        "documents: [{id: d, path: docs/m.txt}]\n"
        "events:\n" + "\n".join(events) + "\n"
    )
    dataset = dataset_of(make_project(yaml_text, {"docs/m.txt": text}))
    paragraphs = [(m.start(), m.end()) for m in re.finditer(r"[^\n]+", text)]
    quotes = list(dataset.sources[["start", "end", "event_id"]].itertuples(index=False))
    assert len(dataset.figures) > 30
    for figure in dataset.figures.itertuples():
        line_start, line_end = next((s, e) for s, e in paragraphs if s <= figure.start < e)
        candidates = sorted(
            (max(0, q.start - figure.end, figure.start - q.end), q.start, q.event_id)
            for q in quotes if q.start < line_end and line_start < q.end
        )  # fmt: skip
        expected = candidates[0][2] if candidates else None
        assert (figure.event_id if isinstance(figure.event_id, str) else None) == expected


def test_units_that_share_a_scale_are_those_the_readme_names() -> None:
    assert share_a_scale(["pays", "membre", "", None])  # all count things
    assert share_a_scale(["USD", "USD"])
    for mixed in (["USD", "EUR"], ["day", "year"], ["percent", "pays"], ["km", ""]):
        assert not share_a_scale(mixed), mixed
