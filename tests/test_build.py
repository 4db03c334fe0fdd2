"""`timeline build`: files, determinism, atomicity, versions and the data package."""

from __future__ import annotations

import csv
import errno
import gc
import json
import os
import re
import time
import weakref
from collections.abc import Callable
from pathlib import Path
from typing import Any

import frictionless
import pytest

from tests.conftest import REPO, VALID_YAML, Run
from timeline import build as build_module
from timeline import datafiles
from timeline.build import BuildError, build
from timeline.datafiles import cell
from timeline.events import load_project
from timeline.model import Project

DATA_FILES = [
    "README.md",
    "datapackage.json",
    "dataset.json",
    "documents.csv",
    "events.csv",
    "figures.csv",
    "index.html",
    "sources.csv",
]


# A project folder after builds, failed or not: no staging nor old output left beside it.
NOTHING_LEFT_BESIDE = [".timeline-cache", "docs", "events.yaml", "output"]


def _names(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir())


def _tree(folder: Path) -> dict[str, bytes]:
    return {
        str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()
    }


def test_files_of_the_data_folder(tmp_path: Path) -> None:
    build(str(REPO), str(tmp_path / "out"))
    assert sorted(p.name for p in (tmp_path / "out" / "data").iterdir()) == DATA_FILES


def test_two_builds_are_byte_identical(tmp_path: Path) -> None:
    build(str(REPO), str(tmp_path / "a"))
    build(str(REPO), str(tmp_path / "b"))
    first = _tree(tmp_path / "a")
    assert first == _tree(tmp_path / "b")
    build(str(REPO), str(tmp_path / "a"))  # again, over the previous build
    assert _tree(tmp_path / "a") == first
    assert not any(p.name.startswith(".a.") for p in tmp_path.iterdir())


def test_committed_output_is_what_the_sources_build(tmp_path: Path) -> None:
    """output/ is committed: it must be exactly what `make build` gives today.

    SVG and PNG renderings are left out of the comparison: they depend on the fonts of the
    machine, which the other tests hold steady within one run.
    """
    build(str(REPO), str(tmp_path / "out"))

    def comparable(folder: Path) -> dict[str, bytes]:
        return {k: v for k, v in _tree(folder).items() if not k.endswith((".png", ".svg"))}

    fresh, committed = comparable(tmp_path / "out"), comparable(REPO / "output")
    assert sorted(committed) == sorted(fresh), "run `make build` and commit output/"
    stale = [name for name in fresh if committed[name] != fresh[name]]
    assert stale == [], "run `make build` and commit output/"


def test_package_passes_frictionless(tmp_path: Path) -> None:
    build(str(REPO), str(tmp_path / "out"))
    report = frictionless.validate(str(tmp_path / "out" / "data" / "datapackage.json"))
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])


def test_missing_values_are_empty_not_nan(
    tmp_path: Path, make_project: Callable[..., Path]
) -> None:
    # No document of this project has a url, no event a place or actors.
    build(str(make_project()), str(tmp_path / "out"))
    package = tmp_path / "out" / "data" / "datapackage.json"
    json.loads(package.read_text(encoding="utf-8"), parse_constant=_refuse)
    json.loads(
        (package.parent / "dataset.json").read_text(encoding="utf-8"), parse_constant=_refuse
    )
    report = frictionless.validate(str(package))
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])
    for page in (tmp_path / "out").rglob("*.html"):
        html = page.read_text(encoding="utf-8")
        shown = re.sub(r"<script.*?</script>", "", html, flags=re.DOTALL)
        assert not re.search(r"\b(?:nan|NaN|None|null)\b", shown), page
        # What the timeline's tooltips show of each event.
        for field in ("place", "actors", "document", "quote", "date_text"):
            assert f'"{field}":null' not in html, (page, field)


def _refuse(constant: str) -> None:
    raise AssertionError(f"{constant} is not JSON")


def test_frictionless_catches_a_broken_file(tmp_path: Path) -> None:
    build(str(REPO), str(tmp_path / "out"))
    figures = tmp_path / "out" / "data" / "figures.csv"
    figures.write_bytes(figures.read_bytes().replace(b",more_than,", b",greater,"))
    assert not frictionless.validate(str(tmp_path / "out" / "data" / "datapackage.json")).valid


def test_csv_dialect(tmp_path: Path) -> None:
    build(str(REPO), str(tmp_path / "out"))
    raw = (tmp_path / "out" / "data" / "figures.csv").read_bytes()
    assert raw.count(b"\r\n") >= 8
    assert b"\n" not in raw.replace(b"\r\n", b"")
    with (tmp_path / "out" / "data" / "figures.csv").open(encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    aid = next(r for r in rows if r["text"].startswith("près de 3,7"))
    assert (aid["value"], aid["curated"], aid["value_max"], aid["upper"]) == (
        "3700000000",
        "true",
        "",
        "",
    )
    assert next(r for r in rows if r["text"] == "Plus de 60 pays")["vague"] == "false"


def test_cells() -> None:
    assert [cell(v) for v in (None, True, 3.7e9, 2.5, 1e20, 7, "a")] == [
        "",
        "true",
        "3700000000",
        "2.5",
        "1e+20",
        "7",
        "a",
    ]


def test_dataset_json_matches_the_csv(tmp_path: Path) -> None:
    build(str(REPO), str(tmp_path / "out"))
    data = json.loads((tmp_path / "out" / "data" / "dataset.json").read_text(encoding="utf-8"))
    with (tmp_path / "out" / "data" / "events.csv").open(encoding="utf-8", newline="") as f:
        events = list(csv.DictReader(f))
    assert [e["event_id"] for e in data["events"]] == [e["event_id"] for e in events]
    assert data["figures"][0]["value"] == 100.0
    assert data["figures"][0]["curated"] is False


def test_failed_build_keeps_the_previous_output(
    make_project: Callable[..., Path], cli: Callable[..., Run]
) -> None:
    root = make_project()
    assert cli("build", str(root), "--quiet").code == 0
    before = _tree(root / "output")
    (root / "events.yaml").write_text(
        VALID_YAML.replace("date: 2020-06", "date: 2020-13"), encoding="utf-8"
    )
    result = cli("build", str(root))
    assert result.code == 1
    assert "'date': '2020-13' is not a date" in result.err
    assert _tree(root / "output") == before
    assert _names(root) == NOTHING_LEFT_BESIDE


def test_failure_while_writing_keeps_the_previous_output(
    make_project: Callable[..., Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    root = make_project()
    build(str(root))
    before = _tree(root / "output")
    (root / "docs" / "a.txt").write_text(
        "Le Conseil a réuni 12 délégations. Plus de 300 observateurs seront déployés.\n",
        encoding="utf-8",
    )

    def full_disk(path: str, data: bytes) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(build_module, "write_file", full_disk)  # how every page is written
    with pytest.raises(Exception, match="No space left on device"):
        build(str(root))
    monkeypatch.undo()
    assert _tree(root / "output") == before
    assert _names(root) == NOTHING_LEFT_BESIDE


def test_a_measure_in_units_of_different_kinds_is_built_with_a_warning(
    make_project: Callable[..., Path], cli: Callable[..., Run], tmp_path: Path
) -> None:
    def with_second_figure(quote: str, document: str) -> str:
        return VALID_YAML + (
            "    figures:\n"
            "      - measure: delegations\n"
            f"        document: {document}\n"
            f'        quote: "{quote}"\n'
        )

    result = cli("build", str(make_project(with_second_figure("$2 billion", "b"))),
                 "--out", str(tmp_path / "out"))  # fmt: skip
    assert result.code == 0
    (warning,) = [line for line in result.err.splitlines() if "warning" in line]
    assert warning.startswith(
        "timeline: warning: measure 'delegations' mixes units that share no scale: "
    )
    assert "USD (1 figure)" in warning
    assert "give each kind of unit a measure of its own" in warning
    # Its panel names no unit, and shows the values as they are written.
    spec = json.loads((tmp_path / "out" / "charts" / "figures.vl.json").read_text("utf-8"))
    rows = spec["datasets"]["rows"]
    assert {row["measure_label"] for row in rows} == {"Délégations"}
    assert sorted(row["shown"] for row in rows) == [12, 2e9]
    # Two counted nouns count alike: délégations and observateurs.
    counts = with_second_figure("300 observateurs", "doc-a")
    result = cli("build", str(make_project(counts)), "--out", str(tmp_path / "other"))
    assert result.code == 0
    assert "warning" not in result.err


def test_build_summary_and_stages(
    make_project: Callable[..., Path], cli: Callable[..., Run]
) -> None:
    result = cli("build", str(make_project()))
    assert result.code == 0
    lines = result.err.splitlines()
    assert [line.split(":")[0] for line in lines[:-1]] == [
        "load",
        "extract",
        "dataset",
        "charts",
        "site",
        "draw",
        "write",
    ]
    assert lines[-1].startswith("Built ")
    assert "2 documents, 2 events, 3 figures (1 curated) in " in lines[-1]


def test_out_option(
    make_project: Callable[..., Path], cli: Callable[..., Run], tmp_path: Path
) -> None:
    result = cli("build", str(make_project()), "--out", str(tmp_path / "site-out"), "--quiet")
    assert (result.code, result.err) == (0, "")
    assert (tmp_path / "site-out" / "data" / "events.csv").is_file()


def test_out_that_holds_other_files_is_refused(
    make_project: Callable[..., Path], cli: Callable[..., Run], tmp_path: Path
) -> None:
    precious = tmp_path / "precious"
    precious.mkdir()
    (precious / "thesis.txt").write_text("do not delete", encoding="utf-8")
    result = cli("build", str(make_project()), "--out", str(precious))
    assert result.code == 1
    assert "already holds files that timeline did not build" in result.err
    assert (precious / "thesis.txt").exists()
    result = cli("build", str(make_project()), "--out", str(tmp_path))
    assert "holds the project itself" in result.err


def test_a_file_added_to_a_built_output_is_never_deleted(
    make_project: Callable[..., Path], cli: Callable[..., Run], tmp_path: Path
) -> None:
    out = tmp_path / "site"
    assert cli("build", str(make_project()), "--out", str(out), "-q").code == 0
    (out / "events" / "notes.txt").write_text("mine", encoding="utf-8")
    (out / ".DS_Store").write_bytes(b"")  # left by a file manager: not worth refusing for
    result = cli("build", str(make_project()), "--out", str(out), "-q")
    assert result.code == 1
    assert result.err == (
        f"timeline: error: {out} holds files that timeline did not build (events/notes.txt), "
        "which a rebuild would delete: move them elsewhere, or build into another folder "
        "(--out)\n"
    )
    assert (out / "events" / "notes.txt").read_text(encoding="utf-8") == "mine"
    (out / "events" / "notes.txt").unlink()
    assert cli("build", str(make_project()), "--out", str(out), "-q").code == 0


def test_out_below_a_file_is_refused_with_the_reason(
    make_project: Callable[..., Path], cli: Callable[..., Run], tmp_path: Path
) -> None:
    (tmp_path / "notes.txt").write_text("a file", encoding="utf-8")
    out = tmp_path / "notes.txt" / "site"
    result = cli("build", str(make_project()), "--out", str(out))
    assert result.code == 1
    assert result.err == (
        f"timeline: error: cannot make the output folder {out} ({tmp_path / 'notes.txt'} is a "
        "file): choose another folder (--out)\n"
    )


def test_out_that_cannot_be_made_is_an_error_not_a_crash(
    make_project: Callable[..., Path],
    cli: Callable[..., Run],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    def read_only(*args: object, **kwargs: object) -> str:
        raise OSError(errno.EROFS, os.strerror(errno.EROFS))

    monkeypatch.setattr(build_module.tempfile, "mkdtemp", read_only)
    result = cli("build", str(make_project()), "--out", str(tmp_path / "site"), "-q")
    assert result.code == 1
    assert result.err == (
        f"timeline: error: cannot make the output folder {tmp_path / 'site'} (Read-only file "
        "system): choose another folder (--out)\n"
    )


@pytest.mark.parametrize("jobs", [1, 2])
def test_versions_follow_the_recipe(
    make_project: Callable[..., Path], monkeypatch: pytest.MonkeyPatch, jobs: int
) -> None:
    monkeypatch.setattr(build_module, "PARALLEL_PAGES_FROM", 0)  # forked writers when jobs=2
    root = make_project()
    build(str(root), jobs=jobs)
    assert build(str(root), jobs=jobs).warnings == ()
    (root / "docs" / "a.txt").write_text(
        "Le Conseil a réuni 12 délégations. Plus de 300 "
        "observateurs seront déployés. Et 5 navires.\n",
        encoding="utf-8",
    )
    (warning,) = build(str(root), jobs=jobs).warnings
    assert warning.startswith(
        "the data changed since version 1.0.0 but the version did not: set project.version to 1.1.0"
    )
    package = root / "output" / "data" / "datapackage.json"
    descriptor = json.loads(package.read_text(encoding="utf-8"))
    descriptor["resources"][1]["schema"]["fields"].insert(1, {"name": "gone", "type": "string"})
    package.write_text(json.dumps(descriptor), encoding="utf-8")
    with pytest.raises(BuildError, match=r"set project\.version to 2\.0\.0"):
        build(str(root), jobs=jobs)
    assert json.loads(package.read_text(encoding="utf-8")) == descriptor  # left as it was


def test_a_large_previous_output_is_deleted_by_a_process_of_its_own(
    make_project: Callable[..., Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(build_module, "REMOVE_LATER_ABOVE", 0)
    root = make_project()
    build(str(root))
    first = _tree(root / "output")
    build(str(root))
    assert _tree(root / "output") == first
    for _ in range(300):  # the old output goes away without this process waiting for it
        if _names(root) == NOTHING_LEFT_BESIDE:
            break
        time.sleep(0.1)
    assert _names(root) == NOTHING_LEFT_BESIDE


def test_tables_written_in_slices_are_the_same_files(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    build(str(REPO), str(tmp_path / "whole"))
    monkeypatch.setattr(datafiles, "ROWS_AT_ONCE", 2)
    build(str(REPO), str(tmp_path / "sliced"))
    assert _tree(tmp_path / "sliced" / "data") == _tree(tmp_path / "whole" / "data")


def test_a_build_lets_go_of_its_data_when_it_returns(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Altair catches exceptions of its own while it makes the charts; their tracebacks must
    # not keep the project alive until the cycle collector runs (seconds on large projects).
    loaded: list[weakref.ref[Project]] = []

    def load(*args: Any) -> Project:
        project = load_project(*args)
        loaded.append(weakref.ref(project))
        return project

    monkeypatch.setattr(build_module, "load_project", load)
    collecting = gc.isenabled()
    gc.disable()
    try:
        build(str(REPO), str(tmp_path / "out"))
        assert loaded
        assert loaded[0]() is None
    finally:
        if collecting:
            gc.enable()
