"""The command line follows ordinary conventions: --help, exit codes, stderr, python -m."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.conftest import REPO, Run
from timeline import __version__
from timeline.cli import build_parser

COMMANDS = sorted(build_parser()._subparsers._group_actions[0].choices)  # type: ignore[union-attr]


@pytest.mark.parametrize("command", COMMANDS)
def test_every_command_has_help_and_a_readme_section(command: str, cli: Callable[..., Run]) -> None:
    result = cli(command, "--help")
    assert result.code == 0
    assert f"usage: timeline {command}" in result.out
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    assert f"### timeline {command}" in readme


def test_no_command_is_a_usage_error(cli: Callable[..., Run]) -> None:
    result = cli()
    assert result.code == 2
    assert "required: COMMAND" in result.err


@pytest.mark.parametrize(
    ("value", "message"), [("abc", "must be a whole number, not 'abc'"), ("0", "must be 1 or more")]
)
def test_jobs_must_be_a_count(cli: Callable[..., Run], value: str, message: str) -> None:
    result = cli("build", "--jobs", value)
    assert result.code == 2
    assert f"argument -j/--jobs: {message}" in result.err


def test_a_port_out_of_range_is_refused_before_any_build(cli: Callable[..., Run]) -> None:
    result = cli("serve", "--port", "99999")
    assert result.code == 2
    assert "argument -p/--port: must be between 0 and 65535, not 99999" in result.err


def test_unknown_option_is_a_usage_error(cli: Callable[..., Run]) -> None:
    assert cli("validate", "--frobnicate").code == 2


def test_version(cli: Callable[..., Run]) -> None:
    assert cli("--version").out == f"timeline {__version__}\n"


def _run(*args: str, cwd: Path = REPO) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    return subprocess.run(
        args,
        cwd=cwd,
        capture_output=True,
        text=True,
        env=env,
        stdin=subprocess.DEVNULL,
        check=False,
    )


def test_python_dash_m(make_project: Callable[..., Path]) -> None:
    result = _run(sys.executable, "-m", "timeline", "validate", str(make_project()))
    assert (result.returncode, result.stderr) == (0, "")
    assert result.stdout.startswith("OK: ")


def test_console_script_on_the_repository() -> None:
    script = Path(sys.executable).with_name("timeline")
    if not script.exists():
        pytest.skip("the package is not installed in this environment")
    result = _run(str(script), "validate")
    assert result.returncode == 0, result.stderr
    assert result.stdout == "OK: 2 documents, 9 events, 11 sources, 5 curated figures\n"


def test_invalid_project_exit_code_and_stderr(make_project: Callable[..., Path]) -> None:
    root = make_project("project: {title: x, language: fr}\nevents: 3\n")
    result = _run(sys.executable, "-m", "timeline", "validate", str(root))
    assert result.returncode == 1
    assert result.stdout == ""
    assert "Traceback" not in result.stderr
    assert result.stderr.endswith("the project is not valid\n")


def test_debug_shows_the_traceback_of_an_internal_error(
    make_project: Callable[..., Path], cli: Callable[..., Run], monkeypatch: pytest.MonkeyPatch
) -> None:
    from timeline import cli as cli_module

    def broken(folder: str) -> None:
        raise RuntimeError("boom")

    monkeypatch.setattr(cli_module, "load_checked_project", broken)
    root = str(make_project())
    plain = cli("validate", root)
    assert plain.code == 1
    assert plain.err == (
        "timeline: internal error: RuntimeError: boom (run again with --debug "
        "for details, and please report it)\n"
    )
    debug = cli("validate", root, "--debug")
    assert debug.code == 1
    assert "Traceback (most recent call last)" in debug.err
    assert debug.err.rstrip().endswith("RuntimeError: boom")
