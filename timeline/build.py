"""Build a project: load, extract, merge, then write every output into a folder at once."""

from __future__ import annotations

import gc
import json
import multiprocessing
import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Iterable
from concurrent.futures import Future, ProcessPoolExecutor, as_completed
from contextlib import nullcontext
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from timeline.cache import Cache, project_cache
from timeline.chartfiles import (
    ASSETS_FOLDER,
    CHARTS_FOLDER,
    asset_files,
    chart_files,
    chart_images,
    spec_json,
)
from timeline.charts import ChartMeta, ChartPlan, chart_plans
from timeline.datafiles import DATA_FOLDER, dataset_citation, release_check, write_data_files
from timeline.dataset import Dataset, build_dataset, mixed_units
from timeline.errors import TimelineError, counted
from timeline.events import load_project
from timeline.extraction import checked_selection, document_figures
from timeline.progress import Progress
from timeline.render import Renderer
from timeline.reuse import Made, Reuse, inputs_key, write_file
from timeline.site import DATA_PAGE, PagePlan, SiteBuilder

DEFAULT_OUT = "output"


class BuildError(TimelineError):
    """A build that cannot go on; the previous output is left as it was."""


@dataclass(frozen=True)
class BuildReport:
    """What a build produced, for the summary line."""

    out: Path
    documents: int
    events: int
    figures: int
    curated: int
    seconds: dict[str, float]
    warnings: tuple[str, ...]

    def summary(self) -> str:
        stages = ", ".join(f"{k} {v:.2f} s" for k, v in self.seconds.items())
        total = sum(self.seconds.values())
        return (
            f"Built {self.out}: {counted(self.documents, 'document')}, "
            f"{counted(self.events, 'event')}, {counted(self.figures, 'figure')} "
            f"({self.curated} curated) in {total:.2f} s ({stages})"
        )


def build(
    folder: str = ".",
    out: str | None = None,
    progress: Progress | None = None,
    lane: str = "category",
    jobs: int = 1,
    use_cache: bool = True,
    scheduler: str | None = None,
    renderer: Renderer | None = None,
) -> BuildReport:
    """Build the project in ``folder`` into ``out`` (default: ``folder/output``).

    Everything is written to a temporary folder beside ``out``, which replaces ``out`` only
    when all succeeded: a failed build leaves it untouched. The work is shared out among
    ``jobs`` processes, charts drawn by ``renderer`` (by default on helper processes when
    ``jobs`` > 1); events, figures and drawings are kept in ``folder/.timeline-cache``
    (unless ``use_cache`` is false) for the next build.
    """
    # A build makes millions of small objects and few cycles: the cyclic garbage collector
    # would walk them again and again for nothing. It runs again once the build is over.
    collecting = gc.isenabled()
    gc.disable()
    try:
        with (
            Renderer.for_build(jobs, use_cache) if renderer is None else nullcontext(renderer)
        ) as drawing:
            return _build(folder, out, progress, lane, jobs, use_cache, scheduler, drawing)
    finally:
        if collecting:
            gc.enable()


def _build(
    folder: str,
    out: str | None,
    progress: Progress | None,
    lane: str,
    jobs: int,
    use_cache: bool,
    scheduler: str | None,
    renderer: Renderer,
) -> BuildReport:
    progress = progress or Progress(quiet=True)
    assets = asset_files(renderer)  # the bundle may take a second: ask for it first
    target = Path(out) if out is not None else Path(folder) / DEFAULT_OUT
    _check_target(Path(folder), target)
    cache = project_cache(folder, use_cache)
    with progress.stage("load"):
        project = load_project(folder, cache, jobs)
    with progress.stage("extract"):
        figures = document_figures(project, progress, jobs, cache, scheduler)
        selection = checked_selection(project, figures)
    # Files go into a staging folder as they are made, so that the largest outputs (a page
    # per event) are never all held in memory; the folder replaces the target at the end.
    with _Staging(target) as staging:
        with progress.stage("dataset"):
            dataset = build_dataset(project, figures, selection)
            del figures, selection  # in the dataset now; the forked writers need no copy
            texts = {d.id: d.text for d in project.documents}
            builder = SiteBuilder(dataset, texts)
            # What the previous build of the same output made from the same inputs is
            # taken again rather than made.
            reuse = Reuse(cache, target, builder.footer(), builder.salt)
        with _SiteWriter(builder, staging, _previous_package(target), jobs, reuse) as site:
            with progress.stage("charts"):
                plans = chart_plans(dataset, lane)
                charts, images = [], []
                for plan in progress.items(plans, len(plans), "charts"):
                    # Drawn on a helper while the next chart is made.
                    chart, spec_text = _chart_files(plan, dataset, staging, reuse, cache)
                    images.append(chart_images(chart, dataset.language, spec_text, renderer,
                                               cache))  # fmt: skip
                    charts.append((chart, spec_text))
            with progress.stage("site"):
                warning = site.finish(charts, progress)
        # The helpers drew while the pages were written; what is left to wait for counts here.
        with progress.stage("draw"):
            staging.write_all(ASSETS_FOLDER, assets.result().items())
            for drawn in images:
                staging.write_all(CHARTS_FOLDER, drawn.result().items())
        with progress.stage("write"):
            staging.commit()
            reuse.save(staging.made)
            cache.drop_others()  # what older versions left: never read again
    report = BuildReport(
        out=target,
        documents=len(project.documents),
        events=len(project.events),
        figures=len(dataset.figures),
        curated=int(dataset.figures["curated"].sum()),
        seconds=dict(progress.seconds),
        warnings=(*mixed_units(dataset), *([warning] if warning else [])),
    )
    # Altair raises and catches exceptions of its own while it makes the charts, and their
    # tracebacks keep this frame alive, with everything it holds, until Python's cycle
    # collector comes by: 1.6 s after a build of 100,000 events. Let go of it all now.
    del project, dataset, texts, builder, site, plans, charts, images, reuse
    return report


def _chart_files(
    plan: ChartPlan, dataset: Dataset, staging: _Staging, reuse: Reuse, cache: Cache
) -> tuple[ChartMeta, str]:
    """Write a chart's spec, rows and page, taken from the previous build when made from
    the same inputs: the chart and its spec's text."""
    page = f"{CHARTS_FOLDER}/{plan.name}.html"
    inputs = plan.inputs()
    key = inputs_key(*inputs, dataset.title, dataset_citation(dataset, page))
    names = [f"{CHARTS_FOLDER}/{plan.name}{suffix}" for suffix in (".vl.json", ".csv", ".html")]
    # What pages tell of the chart is kept in the cache, its files in the previous output.
    told = cache.get("charts", key)
    if isinstance(told, dict) and staging.take_all(names, key, reuse):
        spec_text = (staging.folder / names[0]).read_text(encoding="utf-8").removesuffix("\n")
        return ChartMeta(plan.name, **told), spec_text
    chart = plan.make(*inputs)
    spec_text = spec_json(chart)
    files = chart_files(chart, dataset, spec_text)
    staging.write_all(CHARTS_FOLDER, files.items(), key)
    cache.put("charts", key, {"title": chart.title, "description": chart.description,
                              "marks": chart.marks})  # fmt: skip
    return chart.meta, spec_text  # not the chart: its tables are let go


# From this many pages, the data files and the pages are shared out among ``jobs`` processes.
PARALLEL_PAGES_FROM = 2_000
# What the forked processes read, set before they are forked: copied with the process,
# never pickled.
_SHARED: dict[str, Any] = {}


class _SiteWriter:
    """Writes the data files and the pages.

    For a large project they are shared out among ``jobs`` forked processes, started as
    soon as the dataset is there: they write the data and the pages that need no chart while
    this process makes the charts, then the pages that show them.
    """

    def __init__(
        self,
        builder: SiteBuilder,
        staging: _Staging,
        previous: dict[str, Any] | None,
        jobs: int,
        reuse: Reuse,
    ) -> None:
        self.builder, self.staging, self.previous, self.reuse = builder, staging, previous, reuse
        self.plans = builder.detail_plans()
        self.pool: ProcessPoolExecutor | None = None
        self.data: Future[tuple[str | None, str | None, dict[str, int], dict[str, Made]]] | None
        self.data = None
        self.parts: list[Future[dict[str, Made]]] = []
        if jobs > 1 and len(self.plans) >= PARALLEL_PAGES_FROM:
            shares = jobs * 4  # several per process, for an even load and a moving bar
            # Forked, the processes start with the dataset and the builder in memory.
            _SHARED.update(plans=self.plans, dataset=builder.dataset, staging=staging,
                           reuse=reuse)  # fmt: skip
            self.pool = ProcessPoolExecutor(jobs, mp_context=multiprocessing.get_context("fork"))
            self.data = self.pool.submit(_write_data_forked, previous)
            self.parts = [
                self.pool.submit(_write_pages_forked, share, shares) for share in range(shares)
            ]

    def __enter__(self) -> _SiteWriter:
        return self

    def __exit__(self, *exception: object) -> None:
        if self.pool is not None:
            self.pool.shutdown(cancel_futures=True)
        _SHARED.clear()

    def finish(self, charts: list[tuple[ChartMeta, str]], progress: Progress) -> str | None:
        """Write what is left once the charts are made; the release check's warning, if any."""
        builder, staging, reuse = self.builder, self.staging, self.reuse
        builder.charts = charts
        home = builder.home_plans()
        if self.data is None:
            error, warning, sizes, made = _write_data(builder.dataset, staging, self.previous,
                                                      reuse)  # fmt: skip
            plans = progress.items([*home, *self.plans], len(home) + len(self.plans), "pages")
            staging.write_pages(plans, reuse)
        else:
            staging.write_pages(home, reuse)
            for done in progress.items(as_completed(self.parts), len(self.parts), "pages"):
                staging.made.update(done.result())
            error, warning, sizes, made = self.data.result()
        staging.made.update(made)
        if error:
            raise BuildError(error)
        # The data page gives the files' sizes: it comes once they are written.
        builder.data_sizes = sizes
        staging.write_all("", [(DATA_PAGE, builder.data_page())])
        return warning


def _write_data(
    dataset: Dataset, staging: _Staging, previous: dict[str, Any] | None, reuse: Reuse
) -> tuple[str | None, str | None, dict[str, int], dict[str, Made]]:
    """Write the data folder, unless its version breaks the release rules: (error, warning,
    size of each file, what its files were made from)."""
    digests, package, made = write_data_files(dataset, staging.folder / DATA_FOLDER, reuse)
    error, warning = release_check(previous, package)
    if error:
        return error, None, {}, {}
    return None, warning, {name: size for name, (size, _) in digests.items()}, made


def _write_data_forked(
    previous: dict[str, Any] | None,
) -> tuple[str | None, str | None, dict[str, int], dict[str, Made]]:
    return _write_data(_SHARED["dataset"], _SHARED["staging"], previous, _SHARED["reuse"])


def _write_pages_forked(share: int, shares: int) -> dict[str, Made]:
    staging: _Staging = _SHARED["staging"]
    staging.made = {}  # what this share made only: the process may have written others
    staging.write_pages(_SHARED["plans"][share::shares], _SHARED["reuse"])
    return staging.made


def _check_target(folder: Path, target: Path) -> None:
    """Refuse an output folder whose replacement would destroy something else."""
    root, out = folder.resolve(), target.resolve()
    if out == root or out in root.parents:
        raise BuildError(
            f"the output folder {target} holds the project itself: choose a "
            "folder inside it or elsewhere (--out)"
        )
    if out.exists() and not out.is_dir():
        raise BuildError(f"{target} is a file: give a folder to build into (--out)")
    file = next((p for p in target.parents if p.exists() and not p.is_dir()), None)
    if file is not None:
        raise BuildError(
            f"cannot make the output folder {target} ({file} is a file): choose another "
            "folder (--out)"
        )
    ours = (out / DATA_FOLDER / "datapackage.json").is_file()
    if out.is_dir() and not ours and any(not p.name.startswith(".") for p in out.iterdir()):
        raise BuildError(
            f"{target} already holds files that timeline did not build: choose "
            "another folder (--out) or empty it"
        )
    added = _files_added_to(out) if ours else []
    if added:
        shown = ", ".join(added[:3]) + (f" and {len(added) - 3} more" if len(added) > 3 else "")
        raise BuildError(
            f"{target} holds files that timeline did not build ({shown}), which a rebuild "
            "would delete: move them elsewhere, or build into another folder (--out)"
        )


def _files_added_to(out: Path) -> list[str]:
    """Files of a previous output that its build did not write, as its manifest lists them
    (an output made before there were manifests has none, and is taken as it is)."""
    try:
        built = set((out / MANIFEST).read_text(encoding="utf-8").splitlines())
    except OSError:
        return []
    found = [
        relative
        for relative in _relative_files(out)
        if relative not in built and relative != MANIFEST
        and relative.rpartition("/")[2] not in _SYSTEM_FILES
    ]  # fmt: skip
    return sorted(found)


def _relative_files(folder: Path) -> list[str]:
    # Strings, not Path objects: a large output holds over a hundred thousand files.
    prefix = len(str(folder)) + 1
    return [
        (where + os.sep + name)[prefix:].replace(os.sep, "/")
        for where, _, names in os.walk(folder)
        for name in names
    ]


def _write_manifest(folder: Path) -> None:
    """List every file of a finished output, so that the next build can tell them from
    files someone added to it."""
    files = sorted(_relative_files(folder))
    (folder / MANIFEST).write_text("".join(f"{f}\n" for f in files), encoding="utf-8")


# The list of the files an output holds, written last by each build.
MANIFEST = ".timeline-files"
# Files that file managers leave in any folder they open.
_SYSTEM_FILES = {".DS_Store", "Thumbs.db", "desktop.ini"}


def _previous_package(target: Path) -> dict[str, object] | None:
    path = target / DATA_FOLDER / "datapackage.json"
    try:
        previous: dict[str, object] = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return previous


# Files of a previous output above which it is deleted by a process of its own, while this
# one ends: deleting a hundred thousand files takes seconds nobody needs to wait for.
REMOVE_LATER_ABOVE = 2_000


def _remove(folder: Path) -> None:
    """Delete ``folder``, a previous output already moved out of the way."""
    events = next(folder.glob("*/events"), None)
    if events is None or sum(1 for _ in os.scandir(events)) <= REMOVE_LATER_ABOVE:
        shutil.rmtree(folder, ignore_errors=True)
        return
    subprocess.Popen(
        [sys.executable, "-c", "import shutil, sys; shutil.rmtree(sys.argv[1], True)", folder],
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,  # not stopped with this process, nor by its Ctrl+C
    )


class _Staging:
    """A new folder beside ``target`` that replaces it on commit, or vanishes on failure."""

    def __init__(self, target: Path) -> None:
        self.target = target
        try:
            target.parent.mkdir(parents=True, exist_ok=True)
            self.folder = Path(tempfile.mkdtemp(prefix=f".{target.name}.build-", dir=target.parent))
        except OSError as error:
            # A file where a folder should be, a read-only disk, a missing permission.
            raise BuildError(
                f"cannot make the output folder {target} ({error.strerror or error}): choose "
                "another folder (--out)"
            ) from None
        self.root = os.fspath(self.folder)
        self.folders: set[str] = set()
        # The files made from known inputs, for the next build to take again.
        self.made: dict[str, Made] = {}

    def __enter__(self) -> _Staging:
        return self

    def __exit__(self, kind: object, error: object, trace: object) -> None:
        if self.folder.exists():  # not committed: a failure
            shutil.rmtree(self.folder, ignore_errors=True)
        if isinstance(error, OSError):
            raise BuildError(f"cannot write {self.target}: {error.strerror or error}") from None

    def write_all(
        self, folder: str, files: Iterable[tuple[str, bytes]], key: str | None = None
    ) -> None:
        """Write ``files`` (name, bytes) under ``folder``; ``key``: what they are made from."""
        for name, data in files:
            relative = f"{folder}/{name}" if folder else name
            path = self._path(relative)
            write_file(path, data)
            if key is not None:
                self.made[relative] = Made.of(key, path)

    def write_pages(self, plans: Iterable[PagePlan], reuse: Reuse) -> None:
        """Write each page, taken from the previous build when made from the same inputs."""
        for plan in plans:
            path = self._path(plan.path)
            if plan.inputs is None:
                write_file(path, plan.make(None))
                continue
            inputs = plan.inputs()
            key = reuse.page_key(inputs)
            made = reuse.take(plan.path, key, path, page=True)
            if made is None:
                write_file(path, plan.make(inputs))
                made = Made.of(key, path)
            self.made[plan.path] = made

    def take_all(self, paths: list[str], key: str, reuse: Reuse) -> bool:
        """Take every file of ``paths`` from the previous build, or none of them."""
        made: dict[str, Made] = {}
        for relative in paths:
            taken = reuse.take(relative, key, self._path(relative), page=False)
            if taken is None:
                for done in made:  # unlinked, never written through: a link shares its data
                    (self.folder / done).unlink()
                return False
            made[relative] = taken
        self.made.update(made)
        return True

    def _path(self, relative: str) -> str:
        # Text, not a Path: a large output has a hundred thousand files.
        folder = relative.rpartition("/")[0]
        if folder not in self.folders:
            (self.folder / folder).mkdir(parents=True, exist_ok=True)
            self.folders.add(folder)
        return f"{self.root}/{relative}"

    def commit(self) -> None:
        """Swap the staging folder in for the target, putting the old one back on failure."""
        _write_manifest(self.folder)
        self.folder.chmod(0o755)
        old = None
        if self.target.exists():
            old = Path(tempfile.mkdtemp(prefix=f".{self.target.name}.old-",
                                        dir=self.target.parent))  # fmt: skip
            self.target.rename(old / self.target.name)
        try:
            self.folder.rename(self.target)
        except OSError:
            if old is not None:
                (old / self.target.name).rename(self.target)
            raise
        if old is not None:
            _remove(old)
