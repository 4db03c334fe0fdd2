"""The static site: pages, links and anchors, escaping, paging, citations."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from markupsafe import escape

from tests.conftest import REPO, VALID_YAML
from tests.sitetools import broken_links, synthetic_project
from timeline.build import build
from timeline.events import load_project
from timeline.site import LIST_UP_TO, annotated_text
from timeline.tables import TABLES, column_description


@pytest.fixture(scope="module")
def embedded_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("site") / "out"
    build(str(REPO), str(out))
    return out


def test_pages_of_the_embedded_project(embedded_site: Path) -> None:
    assert (embedded_site / "index.html").is_file()
    assert (embedded_site / "about.html").is_file()
    assert (embedded_site / "data" / "index.html").is_file()
    assert len(list((embedded_site / "events").glob("*.html"))) == 9
    assert len(list((embedded_site / "documents").glob("*.html"))) == 2


def test_no_broken_link_or_anchor(embedded_site: Path) -> None:
    assert broken_links(embedded_site) == []


def test_every_page_carries_version_and_checksum(embedded_site: Path) -> None:
    project = load_project(REPO)
    for page in embedded_site.rglob("*.html"):
        if page.parent.name == "charts":
            continue
        html = page.read_text(encoding="utf-8")
        assert f"Jeu de données version {project.version}" in html, page
        assert "empreinte des sources <code" in html, page
        assert project.checksum[:12] in html, page


def test_event_page(embedded_site: Path) -> None:
    html = (embedded_site / "events" / "offensive-fds-phase-deux-roundup.html").read_text(
        encoding="utf-8"
    )
    assert '<time datetime="2018-06-03">environ 3 juin 2018</time>' in html
    assert "(date au jour)" in html
    assert (
        'href="../documents/mattis-otan-bruxelles.html#q-offensive-fds-phase-deux-roundup-1"'
        in html
    )
    assert "un peu plus de 100 heures" in html
    assert "Comment citer" in html


def test_document_page_highlights_and_anchors(embedded_site: Path) -> None:
    html = (embedded_site / "documents" / "share-america-paris.html").read_text(encoding="utf-8")
    assert '<span id="q-reunion-paris-groupe-restreint-2"></span><mark class="quote"' in html
    assert 'id="f-765" href="../events/reunion-paris-groupe-restreint.html"' in html
    assert '<span class="figure" id="f-2152"' in html  # "des millions de réfugiés": no event
    assert html.count("<p>") >= 10


def test_all_interface_text_in_english_for_an_english_project(
    make_project: Callable[..., Path], tmp_path: Path
) -> None:
    root = make_project(VALID_YAML.replace("language: fr", "language: en", 1))
    build(str(root), str(tmp_path / "out"))
    html = (tmp_path / "out" / "index.html").read_text(encoding="utf-8")
    assert '<html lang="en">' in html
    assert "Dataset version" in html
    assert "Jeu de données" not in html
    assert "March 4, 2020" in html


def test_annotations_nest_properly() -> None:
    text = "Alpha beta 25 pays gamma.\nDelta."
    body = annotated_text(
        text,
        [(6, 24, "q-e-1", "e"), (0, 10, "q-f-1", "f")],
        [(11, 18, "e", "25")],
        {"e": "E", "f": "F"},
        "Event: ",
    )
    assert 'title="Event: F"' in body
    assert body.count("<p>") == 2
    assert '<a class="figure" id="f-11" href="../events/e.html" title="25">' in body
    assert body.index('id="q-f-1"') < body.index('id="q-e-1"') < body.index('id="f-11"')
    assert body.count('<a class="backref"') == 2


def test_a_quote_over_several_paragraphs_is_marked_in_each() -> None:
    text = "Un deux.\nTrois 4 pays.\n\nCinq six."
    body = annotated_text(
        text,
        [(15, 22, "q-b-1", "b"), (3, 29, "q-a-1", "a")],  # not in the order of the text
        [(15, 21, "b", "4")],
        {"a": "A", "b": "B"},
        "Event: ",
    )
    first, second, third = body.split("\n")
    assert first == (
        '<p>Un <span id="q-a-1"></span><mark class="quote" data-q="q-a-1">deux.</mark></p>'
    )
    assert '<mark class="quote" data-q="q-a-1">Trois </mark>' in second
    # Where both quotes run, they are named in the order given.
    assert second.count('data-q="q-b-1 q-a-1"') == 2
    assert '<a class="figure" id="f-15" href="../events/b.html" title="4">' in second
    assert 'title="Event: B"' in second
    assert 'title="Event: A"' not in second
    assert third.startswith('<p><mark class="quote" data-q="q-a-1">Cinq </mark><a class="backref"')
    assert third.endswith("six.</p>")
    assert 'title="Event: A"' in third
    assert body.count('id="q-a-1"') == 1


def test_hostile_strings_are_escaped(make_project: Callable[..., Path], tmp_path: Path) -> None:
    hostile = VALID_YAML.replace(
        "Réunion du Conseil à Genève", '"<script>alert(1)</script><img src=x onerror=alert(2)>"'
    ).replace("category: réunion", 'category: "<b>cat</b>"')
    root = make_project(hostile)
    build(str(root), str(tmp_path / "out"))
    for page in (tmp_path / "out").rglob("*.html"):
        html = page.read_text(encoding="utf-8")
        assert "<script>alert(1)" not in html, page
        assert "<img" not in html, page  # neither as a tag nor inside a script's JSON
        assert "<b>cat</b>" not in html, page


def test_large_lists_are_paged_by_period(tmp_path: Path) -> None:
    root = synthetic_project(tmp_path / "big", LIST_UP_TO + 200, n_documents=20)
    build(str(root), str(tmp_path / "out"))
    periods = sorted(p.name for p in (tmp_path / "out" / "periods").glob("*.html"))
    assert periods, "no period page"
    index = (tmp_path / "out" / "index.html").read_text(encoding="utf-8")
    assert 'href="periods/' in index
    assert index.count("<tr data-category") == 0
    listed = sum(
        p.read_text(encoding="utf-8").count("<tr data-category")
        for p in (tmp_path / "out" / "periods").glob("*.html")
    )
    assert listed == LIST_UP_TO + 200
    assert len(list((tmp_path / "out" / "events").glob("*.html"))) == LIST_UP_TO + 200
    assert broken_links(tmp_path / "out") == []


def test_the_codebook_page_speaks_the_project_language(tmp_path: Path) -> None:
    build(str(REPO), str(tmp_path / "out"))  # a French project
    page = (tmp_path / "out" / "data" / "index.html").read_text(encoding="utf-8")
    for table in TABLES:
        for column in table.columns:
            described = str(escape(column_description(table, column, "fr")))
            assert described in page, (table.name, column.name)
            assert str(escape(column.description)) not in page


def test_a_quoted_title_is_not_quoted_twice_in_its_citation(
    make_project: Callable[..., Path], tmp_path: Path
) -> None:
    root = make_project(VALID_YAML.replace("title: Document A", 'title: "« La réforme »"'))
    build(str(root), str(tmp_path / "out"))
    page = (tmp_path / "out" / "documents" / "doc-a.html").read_text(encoding="utf-8")
    assert "« La réforme », texte source de" in page
    assert "« «" not in page
