"""Progress: a bar on a terminal, a line per stage elsewhere, nothing with --quiet."""

from __future__ import annotations

import io
from collections.abc import Callable
from pathlib import Path

from tests.conftest import Run
from timeline.charts import timeline_rows
from timeline.dataset import build_dataset
from timeline.events import load_project
from timeline.extraction import document_figures
from timeline.progress import Progress


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_bar_on_a_terminal() -> None:
    stream = Terminal()
    progress = Progress(stream)
    with progress.stage("extract"):
        assert list(progress.items(range(3), 3, "extract")) == [0, 1, 2]
    output = stream.getvalue()
    assert "\rextract [" in output
    assert "3/3" in output
    assert output.endswith("extract: 0.00 s\n")


def test_plain_lines_elsewhere_and_silence_when_quiet() -> None:
    plain = io.StringIO()
    progress = Progress(plain)
    with progress.stage("load"):
        list(progress.items(range(3), 3, "load"))
    assert plain.getvalue().startswith("load: ")
    assert "[" not in plain.getvalue()
    quiet = io.StringIO()
    silent = Progress(quiet, quiet=True)
    with silent.stage("load"):
        pass
    assert quiet.getvalue() == ""
    assert set(silent.seconds) == {"load"}


def test_lanes_per_document(make_project: Callable[..., Path]) -> None:
    project = load_project(make_project())
    rows = timeline_rows(build_dataset(project, document_figures(project)), lane="document")
    assert set(rows.lane) == {"Document A"}  # the title of doc-a


def test_bad_options(make_project: Callable[..., Path], cli: Callable[..., Run],
                     tmp_path: Path) -> None:  # fmt: skip
    root = make_project()
    assert cli("build", str(root), "--jobs", "0").code == 2
    (tmp_path / "a-file").write_text("x", encoding="utf-8")
    result = cli("build", str(root), "--out", str(tmp_path / "a-file"))
    assert result.code == 1
    assert "is a file: give a folder to build into (--out)" in result.err


def test_short_options(make_project: Callable[..., Path], cli: Callable[..., Run],
                       tmp_path: Path) -> None:  # fmt: skip
    result = cli("build", str(make_project()), "-q", "-j", "1", "-o", str(tmp_path / "site"))
    assert result.code == 0
    assert result.err == ""
    assert (tmp_path / "site" / "index.html").is_file()
