"""Benchmark timeline from 10 to 100,000 events and write bench/RESULTS.md.

    python bench/run.py [--sizes 10,1000,10000,100000] [--work DIR] [--no-browser]

For each size it generates a project (bench/generate.py: documents at a tenth of the events,
at least 2; events split into included files of 1,000 above 1,000 events), builds it in a
fresh process and records, per stage and in total, wall time, peak memory (RSS), output
sizes and figures found per second. It also times, in the same run: the floor of the stack
(a fresh Python that imports altair and pandas and saves one small chart as HTML, SVG and
PNG), the embedded project's cold build, a rebuild after editing one event's title, and the
time headless Chromium takes to render the charts of the home page and of the heaviest chart
page. Results go to bench/RESULTS.md (and to standard output).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import shutil
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
sys.path.insert(0, str(ROOT))

# What follows this line in RESULTS.md is written by hand, and kept when the tables are redone.
NOTES = "<!-- Notes below are written by hand: bench/run.py keeps them. -->"

FLOOR = """
import altair as alt, pandas as pd
chart = alt.Chart(pd.DataFrame({"x": [1, 2, 3], "y": [3, 1, 2]})).mark_line().encode(x="x", y="y")
for name in ("floor.html", "floor.svg", "floor.png"):
    chart.save(OUT + name)
"""


def _machine() -> str:
    model = "unknown processor"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
        memory = next(int(line.split()[1]) for line in Path("/proc/meminfo").read_text()
                      .splitlines() if line.startswith("MemTotal"))  # fmt: skip
    except (OSError, StopIteration):
        memory = 0
    return (
        f"{model}, {os.cpu_count()} cores, {memory / 2**20:.0f} GiB of memory, "
        f"{platform.system()} {platform.release()}, Python {platform.python_version()}"
    )


def _run(command: list[str], env: dict[str, str] | None = None) -> tuple[float, str]:
    # The gigabyte the previous build wrote is still being flushed to disk: a run timed
    # meanwhile would pay for it.
    os.sync()
    started = time.perf_counter()
    result = subprocess.run(command, capture_output=True, text=True, check=False,
                            stdin=subprocess.DEVNULL, cwd=ROOT,
                            env={**os.environ, **(env or {})})  # fmt: skip
    seconds = time.perf_counter() - started
    if result.returncode != 0:
        raise SystemExit(f"{' '.join(command)} failed:\n{result.stderr[-3000:]}")
    return seconds, result.stdout


def build_once(project: str, out: str, jobs: int, use_cache: bool) -> None:
    """Build in this process and print what it cost, as JSON (used by the benchmark)."""
    from timeline.build import build

    report = build(project, out, jobs=jobs, use_cache=use_cache)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
    # The largest of the processes it started: extraction workers, forked page writers,
    # drawing helpers.
    helpers = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss * 1024
    print(json.dumps({"stages": report.seconds, "peak_rss": peak, "helper_rss": helpers,
                      "documents": report.documents, "events": report.events,
                      "figures": report.figures}))  # fmt: skip


def _measured_build(project: Path, out: Path, jobs: int | None = None,
                    use_cache: bool = True) -> dict[str, Any]:  # fmt: skip
    command = [sys.executable, str(BENCH / "run.py"), "--one", str(project), str(out)]
    if jobs:
        command += ["--jobs", str(jobs)]
    if not use_cache:
        command.append("--no-cache")
    seconds, stdout = _run(command)
    result: dict[str, Any] = json.loads(stdout.strip().splitlines()[-1])
    result["wall"] = seconds
    return result


def _sizes(out: Path) -> dict[str, int]:
    files = [p for p in out.rglob("*") if p.is_file()]
    pages = [p for p in files if p.suffix == ".html"]
    return {
        "total": sum(p.stat().st_size for p in files),
        "files": len(files),
        "home": (out / "index.html").stat().st_size,
        "largest_page": max(p.stat().st_size for p in pages),
        "largest_spec": max((p.stat().st_size for p in out.glob("charts/*.vl.json")), default=0),
    }


def _heaviest_chart_page(out: Path) -> Path:
    return max(out.glob("charts/*.html"), key=lambda p: p.stat().st_size)


def _render_times(pages: list[Path]) -> list[float | None]:
    """Seconds from navigation to all charts rendered, per page, in headless Chromium."""
    executable = shutil.which("chromium")
    if executable is None:
        return [None for _ in pages]
    from playwright.sync_api import sync_playwright

    times: list[float | None] = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=executable,
            args=["--no-sandbox", "--disable-gpu", "--disable-background-networking"],
        )
        for page_path in pages:
            page = browser.new_page(viewport={"width": 1280, "height": 900})
            page.goto(page_path.as_uri())
            page.wait_for_function("window.timelineRenderedAt !== undefined", timeout=60000)
            times.append(page.evaluate("window.timelineRenderedAt") / 1000)
            page.close()
        browser.close()
    return times


def _edit_one_title(project: Path) -> None:
    """Change the title of one event, as a curator fixing a typo would."""
    target = sorted((project / "events").glob("*.yaml"))[0] if (project / "events").is_dir() \
        else project / "events.yaml"  # fmt: skip
    text = target.read_text(encoding="utf-8")
    marker = '    title: "'
    at = text.index(marker) + len(marker)
    target.write_text(text[:at] + "Titre corrigé — " + text[at:], encoding="utf-8")


def _mb(size: int) -> str:
    return f"{size / 1e6:.1f} MB" if size >= 1e5 else f"{size / 1e3:.0f} kB"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--sizes",
        default="10,1000,10000,100000",
        help="event counts, comma-separated (default: 10,1000,10000,100000)",
    )
    parser.add_argument(
        "--work",
        type=Path,
        default=BENCH / ".work",
        help="where projects and outputs go (default: bench/.work)",
    )
    parser.add_argument("--no-browser", action="store_true", help="skip the render timings")
    parser.add_argument("--one", nargs=2, metavar=("PROJECT", "OUT"), help=argparse.SUPPRESS)
    parser.add_argument("--jobs", type=int, default=0, help=argparse.SUPPRESS)
    parser.add_argument("--no-cache", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.one:
        build_once(args.one[0], args.one[1], args.jobs or (os.cpu_count() or 1),
                   not args.no_cache)  # fmt: skip
        return
    sys.path.insert(0, str(BENCH))
    from generate import generate

    args.work.mkdir(parents=True, exist_ok=True)
    floor_out = args.work / "floor-"
    floor, _ = _run([sys.executable, "-c", f"OUT = {str(floor_out)!r}\n" + FLOOR])
    # The embedded project, copied so that its cache starts empty, with a machine cache of
    # its own: a build with nothing cached at all; one with an empty project cache but the
    # Vega bundle in the machine's cache, as for any new project on a machine that built
    # one before; then one that finds everything of the previous build in the cache.
    copy = args.work / "embedded-project"
    machine = args.work / "machine-cache"
    for folder in (copy, machine):
        shutil.rmtree(folder, ignore_errors=True)
    copy.mkdir()
    shutil.copy(ROOT / "events.yaml", copy)
    shutil.copytree(ROOT / "seeds", copy / "seeds")
    embedded_command = [sys.executable, "-m", "timeline", "build", str(copy), "--quiet"]
    env = {"XDG_CACHE_HOME": str(machine)}
    embedded_bare, _ = _run(embedded_command, env)
    shutil.rmtree(copy / ".timeline-cache")
    embedded, _ = _run(embedded_command, env)
    embedded_warm, _ = _run(embedded_command, env)
    rows = []
    for size in (int(s) for s in args.sizes.split(",")):
        project = args.work / f"project-{size}"
        shutil.rmtree(project, ignore_errors=True)
        generate(project, size, max(2, size // 10), seed=1, split=1000 if size > 1000 else 0)
        out = args.work / f"out-{size}"
        shutil.rmtree(out, ignore_errors=True)
        cold = _measured_build(project, out)
        sizes = _sizes(out)
        renders = (
            [None, None]
            if args.no_browser
            else _render_times([out / "index.html", _heaviest_chart_page(out)])
        )
        # Extraction on one core against all, both without the cache.
        one_job = _measured_build(project, args.work / f"out-{size}-1", jobs=1, use_cache=False)
        all_jobs = _measured_build(project, args.work / f"out-{size}-n", use_cache=False)
        for folder in ("1", "n"):
            shutil.rmtree(args.work / f"out-{size}-{folder}", ignore_errors=True)
        _edit_one_title(project)
        rebuild = _measured_build(project, out)
        rows.append({"size": size, "cold": cold, "sizes": sizes, "renders": renders,
                     "rebuild": rebuild, "one_job": one_job, "all_jobs": all_jobs})  # fmt: skip
        print(f"{size} events: cold build {cold['wall']:.1f} s", file=sys.stderr)
    report = _report(rows, floor, (embedded_bare, embedded, embedded_warm))
    results = BENCH / "RESULTS.md"
    notes = results.read_text(encoding="utf-8").partition(NOTES)[2] if results.exists() else ""
    results.write_text(report + (f"\n{NOTES}{notes}" if notes else ""), encoding="utf-8")
    print(report)


def _report(rows: list[dict[str, Any]], floor: float,
            embedded: tuple[float, float, float]) -> str:  # fmt: skip
    stages = ["load", "extract", "dataset", "charts", "site", "draw", "write"]
    bare, empty, warm = embedded
    lines = [
        "# Benchmark results", "",
        f"Measured by `python bench/run.py` on {time.strftime('%Y-%m-%d')}: {_machine()}.", "",
        "## The embedded project against the floor of the stack", "",
        "| run | seconds |", "|---|---|",
        f"| floor: fresh Python, import altair and pandas, save one chart as HTML, SVG, PNG | "
        f"{floor:.2f} |",
        f"| `timeline build` of the embedded project, cold process, nothing cached | "
        f"{bare:.2f} (× {bare / floor:.2f}) |",
        f"| the same, empty project cache, the Vega bundle in the machine's cache | "
        f"{empty:.2f} (× {empty / floor:.2f}) |",
        f"| the same, cold process, cache of the previous build | {warm:.2f} "
        f"(× {warm / floor:.2f}) |", "",
        "## Builds by size", "",
        "First builds of a new project (empty cache) in a fresh process, with every core "
        "(`--jobs` default); stage times in seconds.", "",
        "| events | documents | figures | " + " | ".join(stages) +
        " | total (process) | peak RSS: build / largest helper | output | largest page "
        "| figures/s |",
        "|" + "---|" * (len(stages) + 8),
    ]  # fmt: skip
    for row in rows:
        cold = row["cold"]
        extract = cold["stages"].get("extract", 0) or 1e-9
        lines.append(
            f"| {row['size']:,} | {cold['documents']:,} | {cold['figures']:,} | "
            + " | ".join(f"{cold['stages'].get(s, 0):.2f}" for s in stages)
            + f" | {cold['wall']:.1f} | {cold['peak_rss'] / 2**20:.0f} / "
            f"{cold.get('helper_rss', 0) / 2**20:.0f} MiB | "
            f"{_mb(row['sizes']['total'])} in {row['sizes']['files']:,} files | "
            f"{_mb(row['sizes']['largest_page'])} | {cold['figures'] / extract:,.0f} |"
        )
    lines += ["", "## Rebuilds, one core against all, and rendering in Chromium", "",
              "| events | rebuild after one title edit, with the cache (process) | "
              "extraction without cache, --jobs 1 → all cores | whole build without cache, "
              "--jobs 1 → all cores | home page charts rendered | "
              "heaviest chart page rendered |", "|---|---|---|---|---|---|"]  # fmt: skip
    for row in rows:
        home, heaviest = row["renders"]
        one = row["one_job"]["stages"].get("extract", 0)
        many = row["all_jobs"]["stages"].get("extract", 0)
        speedup = f"{one:.2f} s → {many:.2f} s (×{one / many:.1f})" if many else "—"
        whole_one, whole_many = row["one_job"]["wall"], row["all_jobs"]["wall"]
        whole = f"{whole_one:.1f} s → {whole_many:.1f} s (×{whole_one / whole_many:.1f})"
        lines.append(
            f"| {row['size']:,} | {row['rebuild']['wall']:.1f} s | {speedup} | {whole} | "
            + (f"{home:.2f} s" if home is not None else "not measured")
            + " | "
            + (f"{heaviest:.2f} s" if heaviest is not None else "not measured")
            + " |"
        )
    lines.append("")
    return "\n".join(lines)


if __name__ == "__main__":
    main()
