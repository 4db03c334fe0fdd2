"""Rebuilds take from the previous output the files whose inputs did not change, and only
those: a rebuild is byte for byte the build of the same project from nothing."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pandas as pd
import pytest

from tests.sitetools import split_into_included_file, synthetic_project
from timeline import build as build_module
from timeline import site as site_module
from timeline.build import build
from timeline.reuse import inputs_key


def _tree(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes()
            for p in folder.rglob("*") if p.is_file()}  # fmt: skip


def _inodes(folder: Path) -> dict[str, int]:
    return {p.relative_to(folder).as_posix(): p.stat().st_ino
            for p in folder.rglob("*") if p.is_file()}  # fmt: skip


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A project split into an included file, with pages of periods and forked writers, as
    a large project has them, at the size of a test."""
    monkeypatch.setattr(site_module, "LIST_UP_TO", 10)
    monkeypatch.setattr(build_module, "PARALLEL_PAGES_FROM", 20)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "machine"))
    root = synthetic_project(tmp_path / "p", 40, n_documents=4)
    split_into_included_file(root)
    return root


def _replace(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")


EDITS: dict[str, Callable[[Path], None]] = {
    "title": lambda root: _replace(root / "more" / "events.yaml", '"Événement 6"',
                                   '"Événement renommé"'),
    "date": lambda root: _replace(root / "more" / "events.yaml", "{id: e5, date: 2019-07",
                                  "{id: e5, date: 2020-02"),
    "document": lambda root: _replace(root / "docs" / "d1.txt", "\n\n",
                                      "\n\nEt 777 navires sont arrivés.\n\n"),
    "event removed": lambda root: _replace(
        root / "more" / "events.yaml",
        next(line for line in (root / "more" / "events.yaml").read_text("utf-8").splitlines()
             if "{id: e9," in line) + "\n", ""),
    "project title": lambda root: _replace(root / "events.yaml", "Projet de test",
                                           "Projet renommé"),
}  # fmt: skip


@pytest.mark.parametrize("edit", EDITS)
def test_a_rebuild_after_an_edit_is_the_build_from_nothing(
    project: Path, tmp_path: Path, edit: str
) -> None:
    out = tmp_path / "out"
    build(str(project), str(out), jobs=2)
    EDITS[edit](project)
    build(str(project), str(out), jobs=2)
    build(str(project), str(tmp_path / "fresh"), jobs=2, use_cache=False)
    assert _tree(out) == _tree(tmp_path / "fresh")


def test_a_title_edit_remakes_the_pages_that_show_it_and_links_the_others(
    project: Path, tmp_path: Path
) -> None:
    out = tmp_path / "out"
    build(str(project), str(out), jobs=2)
    first = _inodes(out)
    build(str(project), str(out), jobs=2)  # nothing changed: every page is the same file
    before = _inodes(out)
    unchanged = _tree(out)
    kept = [p for p in first if p.startswith(("events/", "documents/", "periods/", "charts/"))
            and not p.endswith((".svg", ".png"))]  # fmt: skip
    assert len(kept) > 50
    assert [p for p in kept if before[p] != first[p]] == []

    EDITS["title"](project)
    build(str(project), str(out), jobs=2)
    after, pages = _inodes(out), _tree(out)
    changed = {p for p in pages if pages[p] != unchanged.get(p)}
    # Every page names the new checksum of the sources, so every page changes; those whose
    # inputs did not change are copied with the new footer rather than made.
    assert "Événement renommé" in pages["events/e6.html"].decode()
    assert "Événement renommé" in pages["documents/d2.html"].decode()  # its backlink
    assert "Événement renommé" in pages["periods/2020.html"].decode()
    assert "Événement renommé" in pages["charts/timeline.vl.json"].decode()
    assert "Événement renommé" not in pages["periods/2019-03.html"].decode()
    assert {"events/e5.html", "documents/d1.html", "periods/2019-03.html"} <= changed
    # Charts that do not show titles are the same files as before (their drawings come
    # from the cache of drawings).
    for name in ("figures.vl.json", "figures.csv", "documents.html"):
        assert after[f"charts/{name}"] == before[f"charts/{name}"], name
    assert after["charts/timeline.vl.json"] != before["charts/timeline.vl.json"]
    # So are the tables whose rows did not change; dataset.json takes their rows again.
    for name in ("figures.csv", "sources.csv", "documents.csv"):
        assert after[f"data/{name}"] == before[f"data/{name}"], name
    assert "Événement renommé" in pages["data/events.csv"].decode()
    assert "Événement renommé" in pages["data/dataset.json"].decode()


def test_a_data_file_edited_in_the_output_is_not_taken(project: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    build(str(project), str(out), jobs=2)
    right = _tree(out)
    for name in ("figures.csv", "dataset.json"):
        path = out / "data" / name
        path.write_bytes(path.read_bytes()[:-40] + b"x" * 40)  # same size, other bytes
    EDITS["title"](project)
    build(str(project), str(out), jobs=2)
    build(str(project), str(tmp_path / "fresh"), jobs=2, use_cache=False)
    assert _tree(out) == _tree(tmp_path / "fresh")
    assert _tree(out)["data/figures.csv"] == right["data/figures.csv"]


def test_a_page_edited_in_the_output_is_made_again(project: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    build(str(project), str(out), jobs=2)
    page = out / "events" / "e3.html"
    right = page.read_bytes()
    page.write_bytes(right.replace(b"</main>", b"<p>ajout</p></main>"))
    chart = out / "charts" / "figures.csv"
    chart.write_bytes(chart.read_bytes() + b"x\n")
    build(str(project), str(out), jobs=2)
    assert page.read_bytes() == right
    assert not chart.read_bytes().endswith(b"x\n")


def test_without_the_cache_nothing_is_taken(project: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    build(str(project), str(out), jobs=2)
    before = _inodes(out)
    build(str(project), str(out), jobs=2, use_cache=False)
    after = _inodes(out)
    assert not any(after[p] == before[p] for p in after if p in before)


def test_an_inputs_key_sees_every_cell_and_its_type() -> None:
    frame = pd.DataFrame({"a": [1, 2], "b": ["x", None]})
    key = inputs_key(frame, "fr")
    assert inputs_key(frame.copy(), "fr") == key
    assert inputs_key(frame, "en") != key
    assert inputs_key(frame.assign(b=["x", "None"]), "fr") != key
    assert inputs_key(frame.assign(b=["x", "y"]), "fr") != key
    mixed = pd.DataFrame({"a": [1, 2], "b": pd.Series(["1", 2], dtype=object)})
    assert inputs_key(mixed) != inputs_key(mixed.assign(b=pd.Series([1, 2], dtype=object)))
    with pytest.raises(TypeError, match="cannot be part of an inputs key"):
        inputs_key({"when": pd.Timestamp("2020-01-01")})
