"""`timeline extract` and the curated-figure checks of `timeline validate`."""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

from tests.conftest import HEAD_EN, REPO, VALID_YAML, Run


def test_file_to_json_lines(tmp_path: Path, cli: Callable[..., Run]) -> None:
    path = tmp_path / "a.txt"
    path.write_text("Plus de 60 pays et près de 3,7 milliards de dollars.", encoding="utf-8")
    result = cli("extract", str(path))
    assert result.code == 0
    rows = [json.loads(line) for line in result.out.splitlines()]
    assert rows == [
        {
            "start": 0,
            "end": 15,
            "text": "Plus de 60 pays",
            "value": 60.0,
            "value_max": None,
            "unit": "pays",
            "qualifier": "more_than",
            "vague": False,
        },
        {
            "start": 19,
            "end": 51,
            "text": "près de 3,7 milliards de dollars",
            "value": 3.7e9,
            "value_max": None,
            "unit": "USD",
            "qualifier": "approx",
            "vague": False,
        },
    ]


def test_several_files_name_each_file(tmp_path: Path, cli: Callable[..., Run]) -> None:
    for name, text in (("a.txt", "Some 300 troops."), ("b.txt", "Over 5% of voters.")):
        (tmp_path / name).write_text(text, encoding="utf-8")
    result = cli("extract", "--lang", "en", str(tmp_path / "a.txt"), str(tmp_path / "b.txt"))
    rows = [json.loads(line) for line in result.out.splitlines()]
    assert [(Path(r["file"]).name, r["text"], r["qualifier"]) for r in rows] == [
        ("a.txt", "Some 300 troops", "approx"),
        ("b.txt", "Over 5%", "more_than"),
    ]


def test_standard_input_and_table() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "timeline", "extract", "--format", "table", "-"],
        input="Une vingtaine de pays ont promis 12 M€.".encode(),
        capture_output=True,
        check=False,
        cwd=REPO,
    )
    assert result.returncode == 0
    assert result.stdout.decode().splitlines() == [
        "start  end  qualifier  value       value_max  unit  text",
        "0      21   approx     20.0                   pays  Une vingtaine de pays",
        "33     38   exact      12000000.0             EUR   12 M€",
    ]


def test_project_folder_lists_every_document(cli: Callable[..., Run]) -> None:
    result = cli("extract", str(REPO))
    rows = [json.loads(line) for line in result.out.splitlines()]
    assert {r["document"] for r in rows} == {"mattis-otan-bruxelles", "share-america-paris"}
    assert len(rows) == 7


def test_bad_inputs_are_one_line_errors(tmp_path: Path, cli: Callable[..., Run]) -> None:
    (tmp_path / "latin1.txt").write_bytes("Près de 12 pays".encode("latin-1"))
    (tmp_path / "empty.txt").write_text("", encoding="utf-8")
    result = cli(
        "extract",
        str(tmp_path / "missing.txt"),
        str(tmp_path / "latin1.txt"),
        str(tmp_path / "empty.txt"),
    )
    assert result.code == 1
    assert result.out == ""
    assert result.err.splitlines() == [
        f"timeline: error: {tmp_path / 'missing.txt'}: file not found",
        f"timeline: error: {tmp_path / 'latin1.txt'}: not valid UTF-8 (byte 2 is 0xE8): "
        "save it as UTF-8",
    ]


def test_curated_figure_quote_must_hold_one_figure(
    make_project: Callable[..., Path], cli: Callable[..., Run]
) -> None:
    two = VALID_YAML.replace(
        'quote: "12 délégations"', 'quote: "Le Conseil a réuni 12 délégations"'
    )
    assert cli("validate", cwd=make_project(two)).code == 0
    none = VALID_YAML.replace('quote: "12 délégations"', 'quote: "Le Conseil a réuni"')
    result = cli("validate", cwd=make_project(none))
    assert result.err.splitlines()[0] == (
        "events.yaml:24:16: the quote of a figure must hold exactly one figure, and this one "
        'holds none: quote the number with its unit (e.g. "25 pays")'
    )


def test_curated_figure_quote_with_two_figures(
    make_project: Callable[..., Path], cli: Callable[..., Run]
) -> None:
    text = (
        HEAD_EN
        + """\
events:
  - date: 2020
    title: Pledge
    category: aid
    sources:
      - document: b
        quote: Leaders pledged
    figures:
      - measure: money
        quote: "2 billion for reconstruction and 3 days"
"""
    )
    root = make_project(
        text, {"docs/b.txt": "Leaders pledged $2 billion for reconstruction and 3 days of talks.\n"}
    )
    result = cli("validate", cwd=root)
    assert result.err.splitlines()[0] == (
        "events.yaml:18:16: the quote of a figure must hold exactly one figure, and this one "
        'holds 2: "$2 billion", "3 days"; quote only the one that counts for \'money\''
    )
