"""Score the figure extractor against the hand-labelled sets: precision, recall and F1.

    python -m tests.eval.score            # development sets
    python -m tests.eval.score --holdout  # the held-out sets (for final figures only)
    python -m tests.eval.score --errors   # also list every miss and false alarm

Two measures: "value" counts a found figure as right when its span overlaps a labelled one
and the values agree (upper bounds included); "tuple" also asks for the same unit,
qualifier and vagueness.
"""

from __future__ import annotations

import argparse
import json
import math
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from timeline.figures import Figure, extract

HERE = Path(__file__).resolve().parent


@dataclass(frozen=True)
class Gold:
    start: int
    end: int
    value: float | None
    value_max: float | None
    unit: str | None
    qualifier: str
    vague: bool


@dataclass
class Score:
    found: int = 0
    labelled: int = 0
    value_hits: int = 0
    tuple_hits: int = 0

    @staticmethod
    def _f1(hits: int, found: int, labelled: int) -> tuple[float, float, float]:
        precision = hits / found if found else 1.0
        recall = hits / labelled if labelled else 1.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        return precision, recall, f1

    def value(self) -> tuple[float, float, float]:
        return self._f1(self.value_hits, self.found, self.labelled)

    def tuple(self) -> tuple[float, float, float]:
        return self._f1(self.tuple_hits, self.found, self.labelled)


def load(path: Path) -> list[tuple[str, str, list[Gold]]]:
    """(id, sentence, labelled figures) for each line of a JSON Lines file."""
    cases = []
    for line in path.read_text(encoding="utf-8").splitlines():
        item: dict[str, Any] = json.loads(line)
        text: str = item["text"]
        golds = []
        for figure in item["figures"]:
            start = -1
            for _ in range(figure.get("nth", 1)):
                start = text.find(figure["text"], start + 1)
            golds.append(
                Gold(
                    start,
                    start + len(figure["text"]),
                    figure["value"],
                    figure["value_max"],
                    figure["unit"],
                    figure["qualifier"],
                    figure["vague"],
                )
            )
        cases.append((item["id"], text, golds))
    return cases


def _same(a: float | None, b: float | None) -> bool:
    if a is None or b is None:
        return a is b
    return math.isclose(a, b, rel_tol=1e-9)


def value_match(gold: Gold, found: Figure) -> bool:
    overlap = found.start < gold.end and gold.start < found.end
    return overlap and _same(gold.value, found.value) and _same(gold.value_max, found.value_max)


def tuple_match(gold: Gold, found: Figure) -> bool:
    return (
        value_match(gold, found)
        and gold.unit == found.unit
        and gold.qualifier == found.qualifier
        and gold.vague == found.vague
    )


def _pairs(golds: list[Gold], found: list[Figure], match: Any) -> int:
    used: set[int] = set()
    hits = 0
    for gold in golds:
        for i, figure in enumerate(found):
            if i not in used and match(gold, figure):
                used.add(i)
                hits += 1
                break
    return hits


def score(path: Path, lang: str, errors: list[str] | None = None) -> Score:
    """Score one labelled file; append a line per disagreement to ``errors``."""
    total = Score()
    for ident, text, golds in load(path):
        found = extract(text, lang)
        total.found += len(found)
        total.labelled += len(golds)
        value_hits = _pairs(golds, found, value_match)
        tuple_hits = _pairs(golds, found, tuple_match)
        total.value_hits += value_hits
        total.tuple_hits += tuple_hits
        if errors is not None and (tuple_hits < len(golds) or tuple_hits < len(found)):
            want = [
                (text[g.start : g.end], g.value, g.value_max, g.unit, g.qualifier) for g in golds
            ]
            got = [(f.text, f.value, f.value_max, f.unit, f.qualifier) for f in found]
            errors.append(f"{ident}: {text}\n  want {want}\n  got  {got}")
    return total


def report(holdout: bool = False, errors: list[str] | None = None) -> dict[str, Score]:
    """Scores per language for the development (or held-out) sets."""
    suffix = "_holdout" if holdout else ""
    return {
        lang: score(HERE / f"figures_{lang}{suffix}.jsonl", lang, errors) for lang in ("fr", "en")
    }


def table_row(holdout: bool, lang: str, result: Score, found: bool = True) -> str:
    """A Markdown row of scores: set, language, figures labelled (and found), value and
    full-tuple precision / recall / F1."""
    cells = ["held out" if holdout else "development", lang, str(result.labelled)]
    if found:
        cells.append(str(result.found))
    for p, r, f in (result.value(), result.tuple()):
        cells.append(f"{p:.3f} / {r:.3f} / {f:.3f}")
    return f"| {' | '.join(cells)} |"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--holdout", action="store_true", help="score the held-out sets")
    parser.add_argument("--errors", action="store_true", help="list every disagreement")
    args = parser.parse_args()
    errors: list[str] | None = [] if args.errors else None
    scores = report(args.holdout, errors)
    print(
        "| set | language | figures labelled | found | value P / R / F1 | full tuple P / R / F1 |"
    )
    print("|---|---|---|---|---|---|")
    for lang, result in scores.items():
        print(table_row(args.holdout, lang, result))
    for line in errors or []:
        print(line)


if __name__ == "__main__":
    main()
