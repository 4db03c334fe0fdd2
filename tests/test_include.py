"""`include:` splits a project's events over several files, each error naming its file."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from tests.conftest import Run
from timeline import events as events_module
from timeline.errors import ProjectError
from timeline.events import load_project
from timeline.model import Project

MAIN = """\
project:
  title: Split
  language: en
documents:
  - id: b
    path: docs/b.txt
include:
  - events/*.yaml
"""
PART = """\
events:
  - date: {date}
    title: {title}
    category: summit
    sources:
      - document: b
        quote: "{quote}"
"""


def test_included_files_merge_in_path_order(
    make_project: Callable[..., Path], cli: Callable[..., Run]
) -> None:
    root = make_project(
        MAIN,
        {
            "events/2.yaml": PART.format(date="2021", title="Second", quote="Leaders pledged"),
            "events/1.yaml": PART.format(date="2020", title="First", quote="The summit opened"),
        },
    )
    from timeline.events import load_project

    project = load_project(root)
    assert [e.id for e in project.events] == ["first", "second"]
    assert project.files == tuple(
        f"{root}/{name}" for name in ("events.yaml", "events/1.yaml", "events/2.yaml")
    )
    assert (
        cli("validate", cwd=root).out == "OK: 1 document, 2 events, 2 sources, 0 curated figures\n"
    )


def test_errors_name_the_included_file(
    make_project: Callable[..., Path], cli: Callable[..., Run]
) -> None:
    root = make_project(
        MAIN,
        {
            "events/1.yaml": PART.format(
                date="2020-02-30", title="First", quote="The summit opened"
            ),
            "events/2.yaml": PART.format(date="2021", title="First", quote="nowhere to be seen"),
        },
    )
    result = cli("validate", cwd=root)
    lines = result.err.splitlines()
    assert lines[:2] == [
        "events/1.yaml:2:11: 'date': '2020-02-30' is not a date: February 2020 has 29 days",
        "events/2.yaml:2:5: this event gets the id 'first' from its title, like the event at "
        "events/1.yaml:2:5: give one of them an explicit 'id:'",
    ]
    assert lines[2].startswith("events/2.yaml:7:16: quote not found in document 'b'; ")


def test_include_that_matches_nothing(
    make_project: Callable[..., Path], cli: Callable[..., Run]
) -> None:
    root = make_project(
        MAIN + "  - more/*.yaml\n",
        {
            "events/1.yaml": PART.format(date="2020", title="First", quote="The summit opened"),
        },
    )
    assert cli("validate", cwd=root).err.splitlines()[0] == (
        "events.yaml:9:5: include 'more/*.yaml' matches no file in the project folder"
    )


@pytest.mark.parametrize(
    ("pattern", "message"),
    [
        ("events", "include 'events' is a folder: name the files in it, e.g. 'events/*.yaml'"),
        ("events.yaml", "include 'events.yaml' names events.yaml itself: include the other "
                        "files that hold events"),
    ],
)  # fmt: skip
def test_include_of_a_folder_or_of_the_project_file(
    make_project: Callable[..., Path], cli: Callable[..., Run], pattern: str, message: str
) -> None:
    root = make_project(
        MAIN + f"  - {pattern}\n",
        {"events/1.yaml": PART.format(date="2020", title="First", quote="The summit opened")},
    )
    result = cli("validate", cwd=root)
    assert result.code == 1
    assert result.err.splitlines()[0] == f"events.yaml:9:5: {message}"


def test_include_cannot_leave_the_project(
    make_project: Callable[..., Path], cli: Callable[..., Run]
) -> None:
    root = make_project(MAIN.replace("events/*.yaml", "../*.yaml"))
    # Only that: not also that the project has no events, which the include was to bring.
    assert cli("validate", cwd=root).err.splitlines()[:2] == [
        "events.yaml:8:5: '../*.yaml' leads outside the project folder: keep every file "
        "of the project inside its folder",
        "1 problem found: the project is not valid",
    ]


def test_included_file_with_unknown_key(
    make_project: Callable[..., Path], cli: Callable[..., Run]
) -> None:
    root = make_project(MAIN, {"events/1.yaml": "project: {title: x}\nevents: []\n"})
    assert cli("validate", cwd=root).err.splitlines()[0] == (
        "events/1.yaml:1:1: unknown key 'project' in an included file: Allowed keys: "
        "documents, measures, events"
    )


def _load(root: Path, jobs: int) -> Project | str:
    try:
        return load_project(root, jobs=jobs)
    except ProjectError as error:
        return str(error)


def test_files_read_on_several_processes_give_the_same_project(
    make_project: Callable[..., Path],
) -> None:
    files = {
        f"events/{i:02d}.yaml": PART.format(
            date=f"20{10 + i}", title=f"Summit {i}", quote="Leaders pledged"
        )
        for i in range(12)
    }
    root = make_project(MAIN, files)
    serial, parallel = _load(root, 1), _load(root, 2)
    assert isinstance(serial, Project)
    assert parallel == serial
    # Problems within files and across them, found by the processes or the merge, and
    # files that are read here (one declares a measure): the same messages, in order.
    files["events/03.yaml"] = files["events/03.yaml"].replace("Leaders pledged", "No such")
    files["events/05.yaml"] = PART.format(date="2016-13", title="Summit 5", quote="Leaders")
    files["events/07.yaml"] = files["events/01.yaml"]  # the same derived id as 01
    files["events/09.yaml"] = "measures:\n  money: {label: Money}\n" + files["events/09.yaml"]
    files["events/10.yaml"] = "events: [oops\n"
    root = make_project(MAIN, files)
    serial, parallel = _load(root, 1), _load(root, 2)
    assert isinstance(serial, str)
    assert parallel == serial
    for expected in ("events/03.yaml:", "events/05.yaml:", "events/07.yaml:",
                     "events/10.yaml:", "quote not found", "from its title"):  # fmt: skip
        assert expected in serial


@pytest.mark.parametrize(
    ("text", "only_events"),
    [
        ("# a comment\n---\nevents:\n- {date: 2020}\n  # indented\n", True),
        ("events:\n  - date: 2020\n...\n", True),
        ("documents:\n  - path: x.txt\nevents: []\n", False),
        ('"events": []\n', False),  # quoted keys may hide anything: read with the others
        ("{events: [], measures: {m: {}}}\n", False),
        ("\tevents: []\n", False),
    ],
)
def test_which_files_may_be_read_after_the_documents(text: str, only_events: bool) -> None:
    assert events_module._only_events(text.encode()) is only_events
