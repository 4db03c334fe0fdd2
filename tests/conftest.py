"""Shared fixtures: small projects written to temporary folders, and the CLI run in-process."""

from __future__ import annotations

import os
import textwrap
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

from timeline.cli import main

REPO = Path(__file__).resolve().parent.parent

# Our own sentences, written for the tests.
DOC_A = (
    "Le Conseil a réuni 12 délégations à Genève le 4 mars.\n"
    "Les ministres ont adopté un plan d’action commun.\n\n"
    "Plus de 300 observateurs seront déployés avant l’été.\n"
)
DOC_B = "The summit opened in Lisbon on Tuesday.\nLeaders pledged $2 billion for reconstruction.\n"

VALID_YAML = """\
project:
  title: Test project
  language: fr
documents:
  - id: doc-a
    path: docs/a.txt
    title: Document A
    published: 2020-03-04
  - path: docs/b.txt
    language: en
measures:
  delegations:
    label: Délégations
events:
  - id: conseil-geneve
    date: 2020-03-04
    title: Réunion du Conseil à Genève
    category: réunion
    sources:
      - document: doc-a
        quote: "Le Conseil a réuni 12 délégations"
    figures:
      - measure: delegations
        quote: "12 délégations"
  - date: 2020-06
    title: Déploiement des observateurs
    category: mission
    approximate: true
    sources:
      - document: doc-a
        quote: "Plus de 300 observateurs seront déployés"
"""

HEAD_EN = """\
project:
  title: Test project
  language: en
documents:
  - id: b
    path: docs/b.txt
measures:
  money: {label: Money}
"""


@pytest.fixture(autouse=True, scope="session")
def _machine_cache(tmp_path_factory: pytest.TempPathFactory) -> None:
    """Keep the cache every project shares (the Vega bundle) out of the user's home."""
    os.environ["XDG_CACHE_HOME"] = str(tmp_path_factory.mktemp("machine-cache"))


@dataclass
class Run:
    """What a CLI run gave: exit code and the two output streams."""

    code: int
    out: str
    err: str


@pytest.fixture
def make_project(tmp_path: Path) -> Callable[..., Path]:
    """Write a project folder: ``events.yaml`` text and ``{relative path: text}`` files."""

    def make(yaml_text: str = VALID_YAML, files: dict[str, str | bytes] | None = None) -> Path:
        root = tmp_path / "proj"
        root.mkdir(exist_ok=True)
        all_files: dict[str, str | bytes] = {"docs/a.txt": DOC_A, "docs/b.txt": DOC_B}
        all_files.update(files or {})
        for name, content in all_files.items():
            path = root / name
            path.parent.mkdir(parents=True, exist_ok=True)
            if isinstance(content, bytes):
                path.write_bytes(content)
            else:
                path.write_text(content, encoding="utf-8")
        (root / "events.yaml").write_text(textwrap.dedent(yaml_text), encoding="utf-8")
        return root

    return make


@pytest.fixture
def cli(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> Callable[..., Run]:
    """Run ``timeline ARGS`` in-process, from folder ``cwd`` when given."""

    def run(*args: str, cwd: Path | None = None) -> Run:
        if cwd is not None:
            monkeypatch.chdir(cwd)
        try:
            code = main(list(args))
        except SystemExit as exit_:  # argparse exits for --help and usage errors
            code = int(exit_.code or 0)
        captured = capsys.readouterr()
        return Run(code, captured.out, captured.err)

    return run
