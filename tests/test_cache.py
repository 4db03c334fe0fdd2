"""The build cache: hits when nothing changed, never a stale output when something did."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.sitetools import split_into_included_file, synthetic_project
from timeline import cache as cache_module
from timeline.build import build
from timeline.cache import Cache, dependency_versions, digest_of_code
from timeline.errors import ProjectError
from timeline.events import load_project
from timeline.extraction import document_figures
from timeline.model import Project


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


@pytest.mark.parametrize("change", ["version", "code"])
def test_other_code_does_not_read_the_old_cache(
    make_project: Callable[..., Path], monkeypatch: pytest.MonkeyPatch, change: str
) -> None:
    root = make_project()
    document_figures(load_project(root), cache=Cache(root / ".timeline-cache"))
    if change == "version":
        monkeypatch.setattr(cache_module, "__version__", "99.0.0")
    else:
        monkeypatch.setattr(cache_module, "code_digest", lambda: "0123456789ab")
    fresh = Cache(root / ".timeline-cache")
    document_figures(load_project(root), cache=fresh)
    assert fresh.hits == 0


def test_the_code_digest_covers_code_and_templates(tmp_path: Path) -> None:
    package = tmp_path / "timeline"
    shutil.copytree(Path(cache_module.__file__).parent, package,
                    ignore=shutil.ignore_patterns("__pycache__"))  # fmt: skip
    assert digest_of_code(package, dependency_versions()) == cache_module.code_digest()
    # Another version of a package that shapes the output is other code.
    other = dependency_versions().replace("altair==", "altair==0.0.1+")
    assert digest_of_code(package, other) != cache_module.code_digest()
    for name in ("figures.py", "templates/event.html"):
        before = digest_of_code(package)
        with (package / name).open("a", encoding="utf-8") as stream:
            stream.write("\n")
        assert digest_of_code(package) != before


def test_edited_document_and_included_file_change_the_output(tmp_path: Path) -> None:
    root = synthetic_project(tmp_path / "p", 40, n_documents=4)
    split_into_included_file(root)
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


def _tree(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in folder.rglob("*") if p.is_file()}


@pytest.mark.parametrize("damage", ["garble", "cut"])
def test_a_damaged_cache_is_a_miss_not_a_wrong_output(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, damage: str
) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "machine"))
    root = synthetic_project(tmp_path / "p", 12, n_documents=2)
    split_into_included_file(root)
    build(str(root), str(tmp_path / "first"), jobs=2)
    entries = [
        p for folder in (root / ".timeline-cache", tmp_path / "machine")
        for p in folder.rglob("*") if p.is_file()
    ]  # fmt: skip
    kinds = {p.parent.name for p in entries}
    assert {"events", "figures", "renderings", "bundle", "charts", "outputs"} <= kinds
    for entry in entries:
        data = entry.read_bytes()
        entry.write_bytes(b"damaged" if damage == "garble" else data[: len(data) // 2])
    build(str(root), str(tmp_path / "again"), jobs=2)
    build(str(root), str(tmp_path / "first"), jobs=2)  # its record of files is damaged too
    build(str(root), str(tmp_path / "uncached"), jobs=2, use_cache=False)
    assert _tree(tmp_path / "again") == _tree(tmp_path / "uncached")
    assert _tree(tmp_path / "first") == _tree(tmp_path / "uncached")
    # Damaged entries were made again and stored again.
    assert all(p.read_bytes() not in (b"damaged", b"") for p in entries)


def _load_twice(root: Path) -> tuple[Project, Cache]:
    load_project(root, Cache(root / ".timeline-cache"))
    cache = Cache(root / ".timeline-cache")
    return load_project(root, cache), cache


def test_included_files_are_read_from_the_cache(make_project: Callable[..., Path]) -> None:
    root = make_project()
    split_into_included_file(root)
    fresh = load_project(root)
    cached, cache = _load_twice(root)
    assert cache.hits == 1  # the included file; the documents are read as ever
    assert cached.events == fresh.events
    assert cached.checksum == fresh.checksum
    assert cached.files == fresh.files


def test_an_edited_document_moves_the_cached_quotes(make_project: Callable[..., Path]) -> None:
    root = make_project()
    split_into_included_file(root)
    load_project(root, Cache(root / ".timeline-cache"))
    document = root / "docs" / "a.txt"
    document.write_text("Préambule ajouté.\n" + document.read_text(encoding="utf-8"),
                        encoding="utf-8")  # fmt: skip
    project = load_project(root, Cache(root / ".timeline-cache"))
    text = project.document("doc-a").text
    for event in project.events:
        for quote in event.sources:
            assert text[quote.start : quote.end] == quote.quote
    (root / "docs" / "a.txt").write_text("Tout a changé.\n", encoding="utf-8")
    with pytest.raises(ProjectError, match="quote not found"):
        load_project(root, Cache(root / ".timeline-cache"))


def test_problems_across_cached_files_are_still_found(make_project: Callable[..., Path]) -> None:
    root = make_project()
    included = split_into_included_file(root)
    load_project(root, Cache(root / ".timeline-cache"))
    # Another file now takes the id of an event the cache holds: both places are named.
    (root / "more" / "again.yaml").write_text(
        included.read_text(encoding="utf-8"), encoding="utf-8"
    )
    with pytest.raises(ProjectError) as raised:
        load_project(root, Cache(root / ".timeline-cache"))
    message = str(raised.value)
    assert "more/events.yaml:2:" in message
    assert "more/again.yaml:2:" in message
    assert "duplicate event id 'conseil-geneve'" in message


def test_a_removed_measure_is_reported_for_a_cached_file(
    make_project: Callable[..., Path],
) -> None:
    root = make_project()
    split_into_included_file(root)
    load_project(root, Cache(root / ".timeline-cache"))
    main = root / "events.yaml"
    main.write_text(main.read_text(encoding="utf-8").replace("delegations:", "envoys:"),
                    encoding="utf-8")  # fmt: skip
    with pytest.raises(ProjectError, match="unknown measure 'delegations'"):
        load_project(root, Cache(root / ".timeline-cache"))


def test_a_faulty_file_is_not_cached(make_project: Callable[..., Path]) -> None:
    root = make_project()
    included = split_into_included_file(root)
    included.write_text(included.read_text(encoding="utf-8") + "extra: 1\n", encoding="utf-8")
    for _ in range(2):
        cache = Cache(root / ".timeline-cache")
        with pytest.raises(ProjectError, match="extra"):
            load_project(root, cache)
        assert cache.hits == 0


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


def test_a_build_drops_what_other_versions_cached(make_project: Callable[..., Path]) -> None:
    root = make_project()
    cache_folder = root / ".timeline-cache"
    for old in ("0.0.9", "0.1.0-0123456789ab"):
        (cache_folder / old / "figures").mkdir(parents=True)
        (cache_folder / old / "figures" / "x.json").write_text("{}", encoding="utf-8")
    (cache_folder / "notes.txt").write_text("kept", encoding="utf-8")
    build(str(root))
    current = Cache(cache_folder).folder
    assert current is not None
    assert sorted(p.name for p in cache_folder.iterdir()) == sorted([current.name, "notes.txt"])
    build(str(root), use_cache=False)  # --no-cache touches no cache
    assert current.is_dir()
