"""No YAML, however broken or hostile, makes the validator crash or run away."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.conftest import VALID_YAML, Run

YAML_PIECES = [
    "\n",
    "  ",
    "- ",
    ": ",
    "[",
    "]",
    "{",
    "}",
    ",",
    "&a ",
    "*a",
    "!!str ",
    "!!python/object:os.system ",
    "'",
    '"',
    "#",
    "|",
    ">",
    "---",
    "...",
    "~",
    "2015-06-02",
    "null",
    "yes",
    "é",
    "\t",
    "\x00",
    "<<: *a",
    "? ",
    "%YAML 1.1",
    "\u2028",
    "\ufeff",
]


def _check(result: Run) -> None:
    assert result.code in (0, 1), result.err
    assert "Traceback" not in result.err
    assert "internal error" not in result.err


@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    cuts=st.lists(
        st.tuples(
            st.integers(min_value=0, max_value=len(VALID_YAML)),
            st.integers(min_value=0, max_value=20),
            st.sampled_from(YAML_PIECES),
        ),
        min_size=1,
        max_size=6,
    )
)
def test_mutated_yaml_never_crashes(
    cuts: list[tuple[int, int, str]], make_project: Callable[..., Path], cli: Callable[..., Run]
) -> None:
    text = VALID_YAML
    for at, drop, insert in cuts:
        text = text[:at] + insert + text[at + drop :]
    root = make_project(text)
    _check(cli("validate", str(root)))


@settings(
    max_examples=100, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(pieces=st.lists(st.sampled_from([*YAML_PIECES, *"abc:-01 \n"]), max_size=120))
def test_random_yaml_never_crashes(
    pieces: list[str], make_project: Callable[..., Path], cli: Callable[..., Run]
) -> None:
    text = "".join(pieces)
    root = make_project("x: 1\n")
    (root / "events.yaml").write_text(text, encoding="utf-8", errors="surrogatepass")
    _check(cli("validate", str(root)))


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(data=st.binary(max_size=400))
def test_random_bytes_never_crash(
    data: bytes, make_project: Callable[..., Path], cli: Callable[..., Run]
) -> None:
    root = make_project("x: 1\n")
    (root / "events.yaml").write_bytes(data)
    _check(cli("validate", str(root)))


def test_python_tags_are_not_executed(
    make_project: Callable[..., Path], cli: Callable[..., Run], tmp_path: Path
) -> None:
    marker = tmp_path / "pwned"
    root = make_project(
        VALID_YAML.replace(
            "title: Test project", f"title: !!python/object/apply:os.system ['touch {marker}']"
        )
    )
    _check(cli("validate", str(root)))
    assert not marker.exists()


def test_deep_nesting(make_project: Callable[..., Path], cli: Callable[..., Run]) -> None:
    root = make_project("events: " + "[" * 100_000 + "]" * 100_000 + "\n")
    result = cli("validate", str(root))
    _check(result)
    assert "nesting depth" in result.err


def _laughs(levels: int = 9) -> str:
    lines = ['l0: &l0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    for i in range(1, levels + 1):
        lines.append(f"l{i}: &l{i} [" + ", ".join([f"*l{i - 1}"] * 9) + "]")
    return "\n".join(lines)


@pytest.mark.parametrize("where", ["tags: *l9", "actors: *l9"])
def test_alias_bomb_in_a_list(
    where: str, make_project: Callable[..., Path], cli: Callable[..., Run]
) -> None:
    bomb = "extra:\n" + "\n".join("  " + line for line in _laughs().splitlines()) + "\n"
    text = bomb + VALID_YAML + f"    {where}\n"
    result = cli("validate", str(make_project(text)))
    _check(result)
    assert "unknown key 'extra'" in result.err


def test_alias_bomb_of_events(make_project: Callable[..., Path], cli: Callable[..., Run]) -> None:
    text = (
        VALID_YAML.split("events:")[0] + "events: &ev\n  - date: 2020\n    title: T\n"
        "    category: c\n    sources: [{document: doc-a, quote: Conseil}]\n"
        "extra:\n"
        + "\n".join("  " + line.replace('"lol"', "*ev") for line in _laughs().splitlines())
    )
    result = cli("validate", str(make_project(text)))
    _check(result)


def test_long_list_repeated_through_aliases(
    make_project: Callable[..., Path], cli: Callable[..., Run]
) -> None:
    many = "[" + ", ".join(["x"] * 1000) + "]"
    events = "".join(
        f"  - date: 2020\n    title: E{i}\n    category: c\n"
        f"    tags: {'&t ' + many if i == 0 else '*t'}\n"
        "    sources: [{document: doc-a, quote: Conseil}]\n"
        for i in range(200)
    )
    text = VALID_YAML.split("events:")[0] + "events:\n" + events
    result = cli("validate", str(make_project(text)))
    _check(result)
    assert "repeats one given earlier through a YAML alias" in result.err


def test_huge_file_is_refused_at_once(
    make_project: Callable[..., Path], cli: Callable[..., Run]
) -> None:
    root = make_project()
    with (root / "events.yaml").open("r+b") as handle:
        handle.truncate(100 * 1024 * 1024)  # sparse: 100 MB without writing them
    result = cli("validate", str(root))
    assert result.code == 1
    assert result.err.splitlines()[0].endswith(
        "the file is 104.9 MB, more than the 64 MiB a YAML file may hold: split the events "
        "over several files with include:"
    )
