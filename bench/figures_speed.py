"""Throughput of figure extraction on one core, in MB of text per second.

    python bench/figures_speed.py [--mb 4]

Two corpora of about ``--mb`` MB each are built from the repository's own texts: "press"
repeats the two seed texts (about one figure per kilobyte, as in press releases) and
"dense" repeats the labelled evaluation sentences (a figure every 90 characters, a worst
case). Each is timed with timeline's extractor and, in the same run, with text2num's
``alpha2digit`` (which finds and converts number words, a part of the job) as a reference.
"""

from __future__ import annotations

import argparse
import json
import platform
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from text_to_num import alpha2digit  # noqa: E402

from timeline.figures import extract  # noqa: E402


def corpora(megabytes: float) -> dict[str, str]:
    seeds = "\n\n".join(p.read_text(encoding="utf-8") for p in sorted((ROOT / "seeds").iterdir()))
    sentences = []
    for path in sorted((ROOT / "tests" / "eval").glob("figures_fr*.jsonl")):
        sentences += [json.loads(line)["text"] for line in path.read_text("utf-8").splitlines()]
    dense = "\n".join(sentences)
    size = int(megabytes * 1e6)
    return {
        "press": "\n\n".join([seeds] * (size // len(seeds.encode()) + 1)),
        "dense": "\n".join([dense] * (size // len(dense.encode()) + 1)),
    }


def rate(function: Callable[[str], object], text: str, repeat: int = 3) -> tuple[float, float]:
    """Best time of ``repeat`` runs and the throughput in MB/s."""
    best = float("inf")
    for _ in range(repeat):
        started = time.perf_counter()
        function(text)
        best = min(best, time.perf_counter() - started)
    return best, len(text.encode()) / 1e6 / best


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mb", type=float, default=4.0, help="size of each corpus in MB")
    args = parser.parse_args()
    print(f"Python {platform.python_version()} on {platform.machine()}, one process, one core")
    print("| corpus | MB | tool | figures or numbers | seconds | MB/s |")
    print("|---|---|---|---|---|---|")
    for name, text in corpora(args.mb).items():
        megabytes = len(text.encode()) / 1e6
        extract(text[:20000], "fr")  # compile the patterns outside the timing
        seconds, speed = rate(lambda t: extract(t, "fr"), text)
        count = len(extract(text, "fr"))
        print(
            f"| {name} | {megabytes:.1f} | timeline extract | {count} | {seconds:.2f} | "
            f"{speed:.1f} |"
        )
        seconds, speed = rate(lambda t: alpha2digit(t, "fr"), text)
        print(
            f"| {name} | {megabytes:.1f} | text2num alpha2digit | | {seconds:.2f} | {speed:.1f} |"
        )


if __name__ == "__main__":
    main()
