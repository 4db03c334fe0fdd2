"""The build cache: hits when nothing changed, never a stale output when something did."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from tests.sitetools import synthetic_project
from timeline import cache as cache_module
from timeline.build import build
from timeline.cache import Cache
from timeline.events import load_project
from timeline.extraction import document_figures


def _figures_csv(out: Path) -> str:
    return (out / "data" / "figures.csv").read_text(encoding="utf-8")


def test_extraction_is_cached_by_content(make_project: Callable[..., Path]) -> None:
    root = make_project()
    project = load_project(root)
    cache = Cache(root / ".timeline-cache")
    first = document_figures(project, cache=cache)
    assert (cache.hits, cache.misses) == (0, 2)
    again = Cache(root / ".timeline-cache")
    assert document_figures(project, cache=again) == first
    assert (again.hits, again.misses) == (2, 0)


def test_a_new_tool_version_does_not_read_the_old_cache(
    make_project: Callable[..., Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    root = make_project()
    document_figures(load_project(root), cache=Cache(root / ".timeline-cache"))
    monkeypatch.setattr(cache_module, "__version__", "99.0.0")
    fresh = Cache(root / ".timeline-cache")
    document_figures(load_project(root), cache=fresh)
    assert fresh.hits == 0


def test_edited_document_and_included_file_change_the_output(tmp_path: Path) -> None:
    root = synthetic_project(tmp_path / "p", 40, n_documents=4)
    # Move the events into an included file, as large projects do.
    text = (root / "events.yaml").read_text(encoding="utf-8")
    head, events = text.split("events:\n", 1)
    (root / "more").mkdir()
    (root / "more" / "events.yaml").write_text("events:\n" + events, encoding="utf-8")
    (root / "events.yaml").write_text(head + "include:\n  - more/*.yaml\n", encoding="utf-8")
    build(str(root))
    before = _figures_csv(root / "output")
    document = root / "docs" / "d1.txt"
    document.write_text(document.read_text(encoding="utf-8") + "\nEt 777 navires.\n",
                        encoding="utf-8")  # fmt: skip
    build(str(root))
    after = _figures_csv(root / "output")
    assert "777 navires" in after
    assert before != after
    included = root / "more" / "events.yaml"
    included.write_text(
        included.read_text(encoding="utf-8").replace(
            'title: "Événement 3"', 'title: "Événement renommé"'
        ),
        encoding="utf-8",
    )
    build(str(root))
    assert "Événement renommé" in (root / "output" / "events" / "e3.html").read_text("utf-8")


def test_no_cache_leaves_no_cache(make_project: Callable[..., Path]) -> None:
    root = make_project()
    build(str(root), use_cache=False)
    assert not (root / ".timeline-cache").exists()


def test_parallel_extraction_gives_the_same_figures(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from timeline import extraction

    root = synthetic_project(tmp_path / "p", 60, n_documents=12)
    project = load_project(root)
    serial = document_figures(project, jobs=1)
    monkeypatch.setattr(extraction, "PARALLEL_FROM_CHARS", 0)
    assert document_figures(project, jobs=2) == serial
