"""`timeline validate`: every class of mistake gets its own located message and exit code 1."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from tests.conftest import VALID_YAML, Run
from timeline.events import load_project

HEAD = """\
project:
  title: Test
  language: fr
documents:
  - id: doc-a
    path: docs/a.txt
"""
EVENT = """\
events:
  - date: 2020-03-04
    title: Réunion
    category: réunion
    sources:
      - document: doc-a
        quote: "12 délégations"
"""


def test_valid_project_prints_ok(
    make_project: Callable[..., Path], cli: Callable[..., Run]
) -> None:
    root = make_project()
    result = cli("validate", str(root))
    assert result.code == 0, result.err
    assert result.out == "OK: 2 documents, 2 events, 2 sources, 1 curated figure\n"
    assert result.err == ""


def test_default_folder_is_current(
    make_project: Callable[..., Path], cli: Callable[..., Run]
) -> None:
    root = make_project()
    assert cli("validate", cwd=root).code == 0


CASES = {
    "yaml syntax": (
        HEAD + "  - path: docs/b.txt\n - bad: indent\n" + EVENT,
        ["events.yaml:8:2: YAML syntax error: did not find expected key"],
    ),
    "tab indentation": (
        HEAD + "events:\n\t- date: 2020\n",
        [
            "events.yaml:8:1: YAML syntax error: found character that cannot start any token "
            "(a tab: YAML indents with spaces only)"
        ],
    ),
    "top level not a mapping": (
        "- project\n- documents\n",
        ["events.yaml:1:1: the project file must be a mapping of keys to values, not a list"],
    ),
    "empty file": ("\n  \n", ["events.yaml:1:1: the file is empty: see the README for the format"]),
    "only a comment": (
        "# nothing yet\n",
        ["events.yaml:1:1: the file holds no YAML document: see the README"],
    ),
    "unknown key with suggestion": (
        HEAD.replace("  language: fr", "  langage: fr") + EVENT,
        [
            "events.yaml:2:3: 'project' is missing the required key 'language'",
            "events.yaml:3:3: unknown key 'langage' in 'project': did you mean 'language'? "
            "Allowed keys: title, language, description, version, license, url",
        ],
    ),
    "unknown key without suggestion": (
        HEAD + EVENT + "    colour: red\n",
        [
            "events.yaml:14:5: unknown key 'colour' in an event: Allowed keys: date, title, "
            "category, sources, id, end, approximate, summary, place, actors, tags, figures"
        ],
    ),
    "missing required key": (
        HEAD + EVENT.replace("    category: réunion\n", ""),
        ["events.yaml:8:5: an event is missing the required key 'category'"],
    ),
    "missing top-level key": (
        "documents: []\nevents: []\n",
        [
            "events.yaml:1:1: the project file is missing the required key 'project'",
            "events.yaml:1:1: the project has no documents: add at least one under 'documents:'",
            "events.yaml:1:1: the project has no events: add at least one under 'events:'",
        ],
    ),
    "list where text is expected": (
        HEAD + EVENT.replace("category: réunion", "category: [a, b]"),
        ["events.yaml:10:15: 'category' must be text, not a list"],
    ),
    "text where a list is expected": (
        HEAD + EVENT + "    actors: Blinken\n",
        [
            "events.yaml:14:13: 'actors' must be a list of texts, not text (write each item on "
            "its own line starting with '- ')"
        ],
    ),
    "mapping inside a list of texts": (
        HEAD + EVENT + "    tags: [{a: 1}]\n",
        ["events.yaml:14:12: each item of 'tags' must be text, not a mapping (key: value pairs)"],
    ),
    "not a boolean": (
        HEAD + EVENT + "    approximate: maybe\n",
        ["events.yaml:14:18: 'approximate' must be true or false, not 'maybe'"],
    ),
    "bad language": (
        HEAD.replace("language: fr", "language: de") + EVENT,
        ["events.yaml:3:13: 'language' must be one of fr, en, not 'de'"],
    ),
    "impossible day": (
        HEAD + EVENT.replace("date: 2020-03-04", "date: 2018-02-30"),
        ["events.yaml:8:11: 'date': '2018-02-30' is not a date: February 2018 has 28 days"],
    ),
    "words for a date": (
        HEAD + EVENT.replace("date: 2020-03-04", "date: June 2"),
        [
            "events.yaml:8:11: 'date': 'June 2' is not a date: write YYYY, YYYY-MM or "
            "YYYY-MM-DD (e.g. 2015, 2015-06 or 2015-06-02)"
        ],
    ),
    "month 13": (
        HEAD + EVENT.replace("date: 2020-03-04", "date: 2015-13"),
        ["events.yaml:8:11: 'date': '2015-13' is not a date: month 13 does not exist (1 to 12)"],
    ),
    "end before date": (
        HEAD + EVENT + "    end: 2020-02\n",
        [
            "events.yaml:14:10: 'end' (2020-02) is before 'date' (2020-03-04): swap them or "
            "correct one"
        ],
    ),
    "duplicate document id": (
        HEAD + "  - id: doc-a\n    path: docs/b.txt\n" + EVENT,
        [
            "events.yaml:7:9: duplicate document id 'doc-a' (also used at line 5): give each "
            "document its own id"
        ],
    ),
    "duplicate event id": (
        HEAD + EVENT + "    id: same\n" + EVENT.replace("events:\n", "") + "    id: same\n",
        [
            "events.yaml:21:9: duplicate event id 'same' (also used at line 14): give each event "
            "its own id"
        ],
    ),
    "titles that slugify alike": (
        HEAD + EVENT + EVENT.replace("events:\n", "").replace("Réunion", "réunion !"),
        [
            "events.yaml:14:5: this event gets the id 'reunion' from its title, like the event at "
            "line 8: give one of them an explicit 'id:'"
        ],
    ),
    "duplicate key": (
        HEAD + EVENT + "    title: Again\n",
        ["events.yaml:14:5: 'title' is given twice in an event (first at line 9): keep one"],
    ),
    "unknown document": (
        HEAD + EVENT.replace("document: doc-a", "document: doc-b"),
        ["events.yaml:12:19: unknown document 'doc-b': did you mean 'doc-a'? Documents: doc-a"],
    ),
    "unknown measure": (
        HEAD
        + "measures:\n  delegations: {label: Délégations}\n"
        + EVENT
        + "    figures:\n      - measure: delegation\n        quote: 12 délégations\n",
        [
            "events.yaml:17:18: unknown measure 'delegation': did you mean 'delegations'? "
            "Measures: delegations"
        ],
    ),
    "quote not found": (
        HEAD + EVENT.replace("12 délégations", "Le Conseil a réunit 12 délégations"),
        [
            "events.yaml:13:16: quote not found in document 'doc-a'; the closest passage is: "
            '"Le Conseil a réuni 12 délégations à"'
        ],
    ),
    "ambiguous quote": (
        HEAD + EVENT.replace('"12 délégations"', "ont"),
        [
            "events.yaml:13:16: quote found 2 times in document 'doc-a' (lines 2, 4): add "
            "'occurrence: N' (1 to 2) to say which, or quote a longer passage"
        ],
    ),
    "occurrence out of range": (
        HEAD + EVENT + "        occurrence: 2\n",
        [
            "events.yaml:14:21: occurrence 2 asked, but the quote is found 1 time in document "
            "'doc-a': remove 'occurrence:'"
        ],
    ),
    "bad version": (
        HEAD.replace("language: fr", "language: fr\n  version: 1.0") + EVENT,
        ["events.yaml:4:12: 'version' must be MAJOR.MINOR.PATCH (e.g. 1.2.0), not '1.0'"],
    ),
    "bad url": (
        HEAD.replace("language: fr", "language: fr\n  url: example.org/timeline") + EVENT,
        [
            "events.yaml:4:8: 'url' must be the web address where the site is published, "
            "starting with https:// (or http://), not 'example.org/timeline'"
        ],
    ),
    "a document's url that is not a web address": (
        HEAD.replace("docs/a.txt", 'docs/a.txt\n    url: "javascript:alert(1)"') + EVENT,
        [
            "events.yaml:7:10: 'url' must be the web address of the document, starting with "
            "https:// (or http://), not 'javascript:alert(1)'"
        ],
    ),
    "a licence that is not an SPDX identifier": (
        HEAD.replace("language: fr", "language: fr\n  license: my own licence") + EVENT,
        [
            "events.yaml:4:12: 'license' must be an SPDX identifier such as CC-BY-4.0, CC0-1.0 "
            "or ODbL-1.0 (see https://spdx.org/licenses/), not 'my own licence'"
        ],
    ),
    "day zero": (
        HEAD + EVENT.replace("date: 2020-03-04", "date: 2020-03-00"),
        ["events.yaml:8:11: 'date': '2020-03-00' is not a date: day 00 does not exist (01 to 31)"],
    ),
    "an id that no file system can name": (
        HEAD
        + EVENT.replace("  - date: 2020-03-04", "  - id: " + "a" * 120 + "\n    date: 2020-03-04"),
        [
            "events.yaml:8:9: id 'aaaaaaaaaaaaaaaaaaaa…' is 120 characters long: keep it to "
            "100 at most"
        ],
    ),
    "an id with capitals": (
        HEAD + EVENT.replace("  - date: 2020-03-04", "  - id: Conseil_1\n    date: 2020-03-04"),
        [
            "events.yaml:8:9: id 'Conseil_1' must be lower-case letters and digits joined by "
            "hyphens or underscores, e.g. 'conseil-1'"
        ],
    ),
    "a YAML tag of its own": (
        HEAD + EVENT.replace("title: Réunion", "title: !secret Réunion"),
        [
            "events.yaml:9:12: 'title' carries the YAML tag '!secret', which timeline does "
            "not read: remove the tag"
        ],
    ),
    "a YAML tag on an item of a list": (
        HEAD + EVENT.replace("category: réunion", "category: réunion\n    tags: [a, !x b]"),
        [
            "events.yaml:11:15: 'tags' carries the YAML tag '!x', which timeline does not "
            "read: remove the tag"
        ],
    ),
    "a Python object": (
        HEAD + EVENT.replace("title: Réunion", "title: !!python/object/apply:os.getcwd []"),
        [
            "events.yaml:9:12: 'title' carries the YAML tag '!!python/object/apply:os.getcwd', "
            "which timeline does not read: remove the tag"
        ],
    ),
    "a control character written with an escape": (
        HEAD + EVENT.replace("title: Réunion", 'title: "Réu\\0nion"'),
        ["events.yaml:9:12: 'title' holds the control character U+0000: remove it"],
    ),
    "no sources": (
        HEAD + EVENT.split("      - document")[0].replace("sources:", "sources: []"),
        [
            "events.yaml:11:14: an event needs at least one source: add '- document: ...' and "
            "'quote: ...' under 'sources:'"
        ],
    ),
}


@pytest.mark.parametrize("name", CASES)
def test_each_problem_is_located_and_explained(
    name: str, make_project: Callable[..., Path], cli: Callable[..., Run]
) -> None:
    yaml_text, expected = CASES[name]
    root = make_project(yaml_text)
    result = cli("validate", cwd=root)
    assert result.code == 1
    assert result.out == ""
    count = len(expected)
    summary = f"{count} problem{'s' * (count != 1)} found: the project is not valid"
    assert result.err.splitlines() == [*expected, summary]


DOCUMENT_CASES = {
    "missing file": (
        "docs/none.txt",
        {},
        "events.yaml:6:11: file not found: 'docs/none.txt' (paths are relative to the project "
        "folder; check the spelling)",
    ),
    "a folder": (
        "docs",
        {},
        "events.yaml:6:11: 'docs' is a folder, not a file: name a text file in it",
    ),
    "parent folder": (
        "../outside.txt",
        {},
        "events.yaml:6:11: '../outside.txt' leads outside the project folder: keep every "
        "file of the project inside its folder",
    ),
    "absolute path": (
        "/etc/hostname",
        {},
        "events.yaml:6:11: '/etc/hostname' is an absolute "
        "path: give a path relative to the project folder",
    ),
    "not utf-8": (
        "docs/latin1.txt",
        {"docs/latin1.txt": "Réunion à Genève".encode("latin-1")},
        "events.yaml:6:11: 'docs/latin1.txt' is not valid UTF-8 (byte 1 is 0xE9): save it as UTF-8",
    ),
    "control character in a document": (
        "docs/esc.txt",
        {"docs/esc.txt": "Première ligne.\nLa suite \x1b[31m en rouge.\n"},
        "docs/esc.txt:2:10: control character U+001B, which no page can show: is this a text "
        "file? Remove the character, or save the document as plain text",
    ),
    "empty document": (
        "docs/empty.txt",
        {"docs/empty.txt": " \n"},
        "events.yaml:6:11: 'docs/empty.txt' is empty: a document must hold text",
    ),
}


@pytest.mark.parametrize("name", DOCUMENT_CASES)
def test_document_paths(
    name: str, make_project: Callable[..., Path], cli: Callable[..., Run]
) -> None:
    path, files, message = DOCUMENT_CASES[name]
    root = make_project(HEAD.replace("docs/a.txt", path) + EVENT, files)
    result = cli("validate", cwd=root)
    assert result.code == 1
    assert result.err.splitlines()[0] == message


def test_symlink_leading_out(
    make_project: Callable[..., Path], cli: Callable[..., Run], tmp_path: Path
) -> None:
    outside = tmp_path / "secret.txt"
    outside.write_text("Le Conseil a réuni 12 délégations", encoding="utf-8")
    root = make_project(HEAD.replace("docs/a.txt", "docs/link.txt") + EVENT)
    (root / "docs" / "link.txt").symlink_to(outside)
    result = cli("validate", cwd=root)
    assert result.err.splitlines()[0] == (
        "events.yaml:6:11: 'docs/link.txt' leads through a symbolic link outside the project "
        "folder: keep every file of the project inside its folder"
    )


def test_path_is_shown_as_typed(make_project: Callable[..., Path], cli: Callable[..., Run]) -> None:
    root = make_project(HEAD.replace("language: fr", "language: de") + EVENT)
    result = cli("validate", "proj", cwd=root.parent)
    assert result.err.startswith("proj/events.yaml:3:13: ")


def test_non_utf8_yaml(make_project: Callable[..., Path], cli: Callable[..., Run]) -> None:
    root = make_project()
    (root / "events.yaml").write_bytes(b"project:\n  title: \xe9t\xe9\n")
    result = cli("validate", cwd=root)
    assert result.err.splitlines()[0] == (
        "events.yaml:2:10: the file is not valid UTF-8 (byte 18 is 0xE9): save it as UTF-8"
    )


def test_all_problems_reported_at_once(
    make_project: Callable[..., Path], cli: Callable[..., Run]
) -> None:
    broken = (
        VALID_YAML.replace("2020-03-04\n    title", "2020-02-31\n    title")
        .replace("category: mission", "category: [mission]")
        .replace("docs/b.txt", "docs/c.txt")
    )
    result = cli("validate", cwd=make_project(broken))
    assert result.code == 1
    assert len(result.err.splitlines()) == 4  # three problems and the summary


def test_missing_folder_is_a_usage_error(cli: Callable[..., Run], tmp_path: Path) -> None:
    result = cli("validate", str(tmp_path / "nowhere"))
    assert result.code == 2
    assert f"timeline: error: no such folder: {tmp_path / 'nowhere'}" in result.err


def test_folder_without_events_yaml(cli: Callable[..., Run], tmp_path: Path) -> None:
    result = cli("validate", str(tmp_path))
    assert result.code == 1
    assert result.err.splitlines()[0] == (
        f"{tmp_path}/events.yaml:1:1: no events.yaml here: create one (see the README for the "
        "format)"
    )


def test_a_measure_named_alone_takes_the_defaults(
    make_project: Callable[..., Path], cli: Callable[..., Run]
) -> None:
    root = make_project(HEAD + "measures:\n  delegations:\n" + EVENT)
    assert cli("validate", cwd=root).code == 0
    (measure,) = load_project(root).measures
    assert (measure.id, measure.label, measure.description) == ("delegations", "Delegations", None)
