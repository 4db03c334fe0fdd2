"""The command line: ``timeline validate|extract|build [PROJECT]``; prints and picks exit codes."""

from __future__ import annotations

import argparse
import gc
import json
import os
import re
import sys
import traceback
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from timeline import __version__
from timeline.documents import DocumentError
from timeline.errors import ProjectError, TimelineError, counted
from timeline.events import PROJECT_FILE, load_project
from timeline.extraction import checked_selection, document_figures
from timeline.figures import LANGUAGES, Figure, extract
from timeline.model import Project
from timeline.progress import Progress

if TYPE_CHECKING:
    from timeline.build import BuildReport

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
    counts = [(len(project.documents), "document"), (len(project.events), "event"),
              (n_sources, "source"), (n_figures, "curated figure")]  # fmt: skip
    return ", ".join(counted(n, noun) for n, noun in counts)


def _report_problems(error: ProjectError) -> int:
    for problem in error.problems:
        print(problem, file=sys.stderr)
    count = len(error.problems)
    print(f"{counted(count, 'problem')} found: the project is not valid", file=sys.stderr)
    return EXIT_INVALID


def load_checked_project(folder: str) -> tuple[Project, dict[str, list[Figure]]]:
    """Load a project and extract its figures; raise ProjectError for any problem."""
    project = load_project(folder)
    figures = document_figures(project)
    checked_selection(project, figures)
    return project, figures


def cmd_validate(args: argparse.Namespace) -> int:
    folder = _project_folder(args.project)
    try:
        project, _ = load_checked_project(folder)
    except ProjectError as error:
        return _report_problems(error)
    print(f"OK: {_summary(project)}")
    return EXIT_OK


FIGURE_KEYS = ("start", "end", "text", "value", "value_max", "unit", "qualifier", "vague")


def _figure_record(figure: Figure, source: dict[str, str]) -> dict[str, object]:
    record: dict[str, object] = {key: getattr(figure, key) for key in FIGURE_KEYS}
    record.update(source)
    return record


def _read_input(name: str) -> str:
    """The text of a file (``-`` for standard input), decoded as UTF-8."""
    try:
        data = sys.stdin.buffer.read() if name == "-" else Path(name).read_bytes()
    except FileNotFoundError:
        raise DocumentError(f"{name}: file not found") from None
    except IsADirectoryError:
        if (Path(name) / PROJECT_FILE).is_file():
            raise DocumentError(
                f"{name}: is a project folder: give it alone, or give text files"
            ) from None
        raise DocumentError(
            f"{name}: is a folder without {PROJECT_FILE}: give text files, or a project folder"
        ) from None
    except OSError as error:
        raise DocumentError(f"{name}: cannot read it: {error.strerror}") from None
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as error:
        raise DocumentError(
            f"{name}: not valid UTF-8 (byte {error.start} is 0x{data[error.start]:02X}): "
            "save it as UTF-8"
        ) from None


def _print_figures(rows: list[dict[str, object]], table: bool) -> None:
    if not table:
        for row in rows:
            print(json.dumps(row, ensure_ascii=False))
        return
    source = [k for k in ("document", "file") if rows and k in rows[0]]
    header = [*source, "start", "end", "qualifier", "value", "value_max", "unit", "text"]
    cells = [["" if row.get(h) is None else str(row[h]) for h in header] for row in rows]
    widths = [max([len(h)] + [len(c[i]) for c in cells]) for i, h in enumerate(header)]
    for line in [header, *cells]:
        print("  ".join(c.ljust(w) for c, w in zip(line, widths, strict=True)).rstrip())


def cmd_extract(args: argparse.Namespace) -> int:
    inputs: list[str] = args.inputs or ["-"]
    rows: list[dict[str, object]] = []
    failed = False
    if len(inputs) == 1 and (Path(inputs[0]) / PROJECT_FILE).is_file():
        try:
            project = load_project(inputs[0])
        except ProjectError as error:
            return _report_problems(error)
        for document_id, figures in document_figures(project).items():
            rows += [_figure_record(f, {"document": document_id}) for f in figures]
    else:
        for name in inputs:
            try:
                text = _read_input(name)
            except DocumentError as error:
                print(f"timeline: error: {error}", file=sys.stderr)
                failed = True
                continue
            source = {"file": name} if len(inputs) > 1 else {}
            rows += [_figure_record(f, source) for f in extract(text, args.lang)]
    _print_figures(rows, args.format == "table")
    return EXIT_INVALID if failed else EXIT_OK


def _build(folder: str, args: argparse.Namespace, progress: Progress) -> BuildReport:
    # The drawing helpers start, and the bundle is asked for, before the build is imported:
    # Altair and pandas take half a second to import, which the helpers use. (Imported
    # here, so that validate and extract load neither vl-convert nor Altair.)
    from timeline.render import Renderer

    with Renderer.for_build(args.jobs, not args.no_cache) as renderer:
        renderer.bundle()
        from timeline.build import build

        return build(folder, args.out, progress, args.lanes, args.jobs, not args.no_cache,
                     args.scheduler, renderer)  # fmt: skip


def cmd_build(args: argparse.Namespace) -> int:
    folder = _project_folder(args.project)
    progress = Progress(quiet=args.quiet)
    try:
        report = _build(folder, args, progress)
    except ProjectError as error:
        return _report_problems(error)
    for warning in report.warnings:
        progress.note(f"timeline: warning: {warning}")
    if not args.quiet:
        progress.note(report.summary())
    return EXIT_OK


def cmd_serve(args: argparse.Namespace) -> int:
    folder = _project_folder(args.project)
    progress = Progress(quiet=args.quiet)

    def rebuild() -> None:
        progress.seconds.clear()  # each build's own time, not the sum of all so far
        try:
            report = _build(folder, args, progress)
        except ProjectError as error:
            _report_problems(error)
            progress.note("timeline: the previous build is still served; fix the problems above")
            return
        except TimelineError as error:
            progress.note(f"timeline: error: {error}")
            return
        if not args.quiet:
            progress.note(report.summary())

    def announce(url: str) -> None:
        print(f"Serving {url}index.html (Ctrl+C to stop)", flush=True)

    try:
        from timeline.serve import serve  # imports the build: Altair and pandas

        serve(folder, args.out, args.host, args.port, rebuild, announce)
    except FileNotFoundError:
        raise UsageError(f"{folder} holds no {PROJECT_FILE}") from None
    except OSError as error:
        raise UsageError(f"cannot serve on {args.host}:{args.port}: {error.strerror}") from None
    return EXIT_OK


def _whole_number(low: int, high: int | None = None) -> Callable[[str], int]:
    """An argparse type: a whole number from ``low`` (to ``high``), or a usage error."""

    def parse(value: str) -> int:
        try:
            number = int(value)
        except ValueError:
            raise argparse.ArgumentTypeError(f"must be a whole number, not '{value}'") from None
        if high is not None and not low <= number <= high:
            raise argparse.ArgumentTypeError(f"must be between {low} and {high}, not {number}")
        if number < low:
            raise argparse.ArgumentTypeError(f"must be {low} or more")
        return number

    return parse


_port = _whole_number(0, 65535)
_jobs = _whole_number(1)


# A scheduler's address as Dask takes it: PROTOCOL://… (tcp, tls, inproc, ucx…) or HOST:PORT.
_SCHEDULER_ADDRESS = re.compile(r"[a-z][a-z0-9+.-]*://\S+|(?:\[[0-9a-fA-F:]+\]|[^\s/:\[\]]+):\d+")


def _scheduler(value: str) -> str:
    if not _SCHEDULER_ADDRESS.fullmatch(value):
        raise argparse.ArgumentTypeError(
            f"'{value}' is not a scheduler address: write PROTOCOL://HOST:PORT, "
            "e.g. tcp://10.0.0.5:8786"
        )
    return value


def _add_project_argument(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "project",
        nargs="?",
        default=".",
        metavar="PROJECT",
        help="the project folder (default: the current folder)",
    )


def _add_build_options(parser: argparse.ArgumentParser) -> None:
    """The options that build and serve share."""
    _add_project_argument(parser)
    parser.add_argument(
        "-o", "--out", metavar="DIR", help="where to build (default: PROJECT/output)"
    )
    parser.add_argument(
        "--lanes",
        choices=("category", "document"),
        default="category",
        help="one timeline lane per category (the default) or per document",
    )
    _add_speed_options(parser)


def _add_speed_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "-j",
        "--jobs",
        type=_jobs,
        default=os.cpu_count() or 1,
        metavar="N",
        help="processes the build may use to extract figures, draw charts and write pages "
        "(default: the number of cores)",
    )
    parser.add_argument(
        "--no-cache",
        action="store_true",
        help="ignore and do not fill the cache in PROJECT/.timeline-cache",
    )
    parser.add_argument(
        "--scheduler",
        metavar="ADDRESS",
        type=_scheduler,
        help="extract figures on a Dask cluster (e.g. tcp://10.0.0.5:8786); "
        "needs pip install 'timeline[dask]'",
    )


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
    # --debug is accepted after the command too ("timeline build --debug").
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument(
        "--debug",
        action="store_true",
        default=argparse.SUPPRESS,
        help="show Python tracebacks for unexpected errors",
    )

    validate = commands.add_parser(
        "validate",
        parents=[common],
        help="check a project's events.yaml and documents",
        description="Check a project folder: its events.yaml, its documents and every quote. "
        "Prints every problem as PATH:LINE:COLUMN: message, then a summary. "
        "Exit code 0 when valid, 1 when not, 2 for a wrong command line.",
    )
    _add_project_argument(validate)
    validate.set_defaults(run=cmd_validate)

    extract_ = commands.add_parser(
        "extract",
        parents=[common],
        help="list the figures of text files or of a project's documents",
        description="Find every figure (money, counts, durations, percentages, measures) in "
        "text files, standard input, or all documents of a project folder. Prints one JSON "
        "object per figure and line, with the keys start, end, text, value, value_max, unit, "
        "qualifier and vague (plus file, or document for a project).",
    )
    extract_.add_argument(
        "inputs",
        nargs="*",
        metavar="FILE",
        help="UTF-8 text files, '-' for standard input (the default), or one project folder",
    )
    extract_.add_argument(
        "--lang",
        choices=LANGUAGES,
        default="fr",
        help="the language of the text (default: fr); a project's documents use their own",
    )
    extract_.add_argument(
        "--format",
        choices=("jsonl", "table"),
        default="jsonl",
        help="JSON Lines (the default) or a table for people",
    )
    extract_.set_defaults(run=cmd_extract)

    build_ = commands.add_parser(
        "build",
        parents=[common],
        help="build the dataset, charts and site of a project",
        description="Validate the project (refusing to build an invalid one), extract the "
        "figures of every document, merge them with the curated events and write the "
        "dataset into OUT/data. Everything is written to a temporary folder that replaces "
        "OUT only when the whole build succeeded.",
    )
    _add_build_options(build_)
    build_.add_argument(
        "-q", "--quiet", action="store_true", help="print nothing but problems and warnings"
    )
    build_.set_defaults(run=cmd_build)

    serve_ = commands.add_parser(
        "serve",
        parents=[common],
        help="build, then serve the site on localhost and rebuild on changes",
        description="Build the project, serve its output folder on localhost for a preview, "
        "and rebuild whenever events.yaml, an included file or a document changes. A build "
        "that fails leaves the previous site served and prints the problems.",
    )
    _add_build_options(serve_)
    serve_.add_argument(
        "--host",
        default="127.0.0.1",
        help="address to listen on (default: 127.0.0.1, this machine only)",
    )
    serve_.add_argument(
        "-p",
        "--port",
        type=_port,
        default=8000,
        help="port to listen on (default: 8000; 0 picks a free one)",
    )
    serve_.add_argument(
        "-q",
        "--quiet",
        action="store_true",
        help="print nothing but the address, problems and warnings",
    )
    serve_.set_defaults(run=cmd_serve)
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


def run() -> None:
    """The ``timeline`` command: run the command line, then exit with its code."""
    code = main()
    # On its way out Python looks for reference cycles among every object still alive,
    # Altair's and pandas' included: a tenth of a second spent for a process that ends.
    gc.freeze()
    sys.exit(code)
