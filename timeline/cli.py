"""The command line: ``timeline validate|extract|build [PROJECT]``; prints and picks exit codes."""

from __future__ import annotations

import argparse
import sys
import traceback
from collections.abc import Callable, Sequence
from pathlib import Path

from timeline import __version__
from timeline.errors import ProjectError, TimelineError
from timeline.events import PROJECT_FILE, Project, load_project

EXIT_OK, EXIT_INVALID, EXIT_USAGE = 0, 1, 2


class UsageError(Exception):
    """A command line that cannot be run as given (exit code 2)."""


def _project_folder(typed: str) -> str:
    folder = Path(typed)
    if not folder.exists():
        raise UsageError(f"no such folder: {typed}")
    if not folder.is_dir():
        raise UsageError(f"{typed} is not a folder: give the folder that holds {PROJECT_FILE}")
    return typed


def _summary(project: Project) -> str:
    n_sources = sum(len(e.sources) for e in project.events)
    n_figures = sum(len(e.figures) for e in project.events)
    return (
        f"{len(project.documents)} documents, {len(project.events)} events, "
        f"{n_sources} sources, {n_figures} curated figures"
    )


def cmd_validate(args: argparse.Namespace) -> int:
    folder = _project_folder(args.project)
    try:
        project = load_project(folder)
    except ProjectError as error:
        for problem in error.problems:
            print(problem, file=sys.stderr)
        count = len(error.problems)
        print(
            f"{count} problem{'s' * (count != 1)} found: the project is not valid", file=sys.stderr
        )
        return EXIT_INVALID
    print(f"OK: {_summary(project)}")
    return EXIT_OK


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="timeline",
        description="Turn source documents and curated events into a citable dataset, "
        "charts and a static site.",
    )
    parser.add_argument("--version", action="version", version=f"timeline {__version__}")
    parser.add_argument(
        "--debug", action="store_true", help="show Python tracebacks for unexpected errors"
    )
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)

    validate = commands.add_parser(
        "validate",
        help="check a project's events.yaml and documents",
        description="Check a project folder: its events.yaml, its documents and every quote. "
        "Prints every problem as PATH:LINE:COLUMN: message, then a summary. "
        "Exit code 0 when valid, 1 when not, 2 for a wrong command line.",
    )
    validate.add_argument(
        "project",
        nargs="?",
        default=".",
        metavar="PROJECT",
        help="the project folder (default: the current folder)",
    )
    validate.set_defaults(run=cmd_validate)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit code."""
    parser = build_parser()
    args = parser.parse_args(argv)
    run: Callable[[argparse.Namespace], int] = args.run
    try:
        return run(args)
    except UsageError as error:
        parser.print_usage(sys.stderr)
        print(f"timeline: error: {error}", file=sys.stderr)
        return EXIT_USAGE
    except TimelineError as error:
        print(f"timeline: error: {error}", file=sys.stderr)
        return EXIT_INVALID
    except KeyboardInterrupt:
        print("timeline: interrupted", file=sys.stderr)
        return 130
    except Exception as error:  # a bug: say so plainly, the traceback only on request
        if args.debug:
            traceback.print_exc()
        else:
            print(
                f"timeline: internal error: {type(error).__name__}: {error} "
                "(run again with --debug for details, and please report it)",
                file=sys.stderr,
            )
        return EXIT_INVALID
