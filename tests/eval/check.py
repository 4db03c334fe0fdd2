#!/usr/bin/env python3
"""Validate the hand-labelled figure evaluation sets (stdlib only).

Usage: python3 tests/eval/check.py [FILE.jsonl ...]
Without arguments, every figures_*.jsonl file next to this script is checked.
Exits with status 1 if any line breaks the format described in README.md.
"""

import json
import sys
from collections import Counter
from pathlib import Path

QUALIFIERS = {"exact", "approx", "more_than", "less_than", "at_least", "at_most", "range"}
FIGURE_KEYS = {"text", "value", "value_max", "unit", "qualifier", "vague"}
OPTIONAL_KEYS = {"nth"}
LINE_KEYS = {"id", "text", "figures"}


def is_number(x):
    return isinstance(x, (int, float)) and not isinstance(x, bool)


def occurrences(text, sub):
    """Start offsets of every (possibly overlapping) occurrence of sub in text."""
    out, i = [], text.find(sub)
    while i != -1:
        out.append(i)
        i = text.find(sub, i + 1)
    return out


def check_figure(fig, sentence, where, errors):
    """Validate one figure; return its start offset in the sentence, or None."""
    if not isinstance(fig, dict):
        errors.append(f"{where}: figure is not an object")
        return None
    missing = FIGURE_KEYS - fig.keys()
    extra = fig.keys() - FIGURE_KEYS - OPTIONAL_KEYS
    if missing:
        errors.append(f"{where}: missing keys {sorted(missing)}")
    if extra:
        errors.append(f"{where}: unknown keys {sorted(extra)}")
    if missing:
        return None

    span = fig["text"]
    pos = None
    if not isinstance(span, str) or not span:
        errors.append(f"{where}: text must be a non-empty string")
    else:
        occ = occurrences(sentence, span)
        if not occ:
            errors.append(f"{where}: text {span!r} does not occur in the sentence")
        elif "nth" in fig:
            nth = fig["nth"]
            if not isinstance(nth, int) or isinstance(nth, bool) or not 1 <= nth <= len(occ):
                errors.append(f"{where}: nth={nth!r} invalid, {span!r} occurs {len(occ)} time(s)")
            elif len(occ) == 1:
                errors.append(f"{where}: nth given but {span!r} occurs only once")
            else:
                pos = occ[nth - 1]
        elif len(occ) > 1:
            errors.append(f"{where}: {span!r} occurs {len(occ)} times, nth required")
        else:
            pos = occ[0]

    value, vmax, unit = fig["value"], fig["value_max"], fig["unit"]
    qual, vague = fig["qualifier"], fig["vague"]
    if value is not None and not is_number(value):
        errors.append(f"{where}: value must be a number or null")
    if vmax is not None and not is_number(vmax):
        errors.append(f"{where}: value_max must be a number or null")
    if unit is not None and (not isinstance(unit, str) or not unit):
        errors.append(f"{where}: unit must be a non-empty string or null")
    if qual not in QUALIFIERS:
        errors.append(f"{where}: qualifier {qual!r} not in {sorted(QUALIFIERS)}")
    if not isinstance(vague, bool):
        errors.append(f"{where}: vague must be a boolean")

    if vague is True:
        if value is not None or vmax is not None:
            errors.append(f"{where}: vague figure must have value and value_max null")
        if qual != "approx":
            errors.append(f"{where}: vague figure must have qualifier 'approx'")
    elif value is None:
        errors.append(f"{where}: non-vague figure needs a value")

    if qual == "range":
        if not (is_number(vmax) and is_number(value) and vmax > value):
            errors.append(f"{where}: range needs value_max > value")
    elif vmax is not None:
        errors.append(f"{where}: value_max must be null unless qualifier is 'range'")
    return pos


def check_file(path, errors, seen_ids):
    stats = {
        "sentences": 0,
        "figures": 0,
        "no_figure": 0,
        "vague": 0,
        "qualifier": Counter(),
        "unit": Counter(),
    }
    with path.open(encoding="utf-8") as fh:
        for lineno, line in enumerate(fh, 1):
            where = f"{path.name}:{lineno}"
            if not line.strip():
                errors.append(f"{where}: empty line")
                continue
            try:
                row = json.loads(line)
            except json.JSONDecodeError as exc:
                errors.append(f"{where}: invalid JSON ({exc})")
                continue
            if not isinstance(row, dict) or set(row) != LINE_KEYS:
                errors.append(f"{where}: line must be an object with exactly {sorted(LINE_KEYS)}")
                continue
            rid, text, figures = row["id"], row["text"], row["figures"]
            if not isinstance(rid, str) or not rid:
                errors.append(f"{where}: id must be a non-empty string")
            elif rid in seen_ids:
                errors.append(f"{where}: duplicate id {rid!r}")
            seen_ids.add(rid)
            where = f"{path.name}:{lineno} ({rid})"
            if not isinstance(text, str) or not text.strip():
                errors.append(f"{where}: text must be a non-empty string")
                continue
            if not isinstance(figures, list):
                errors.append(f"{where}: figures must be a list")
                continue
            stats["sentences"] += 1
            if not figures:
                stats["no_figure"] += 1
            last = -1
            for k, fig in enumerate(figures, 1):
                pos = check_figure(fig, text, f"{where} figure {k}", errors)
                if pos is not None:
                    if pos <= last:
                        errors.append(f"{where} figure {k}: figures not in order of appearance")
                    last = pos
                if isinstance(fig, dict):
                    stats["figures"] += 1
                    stats["qualifier"][fig.get("qualifier")] += 1
                    stats["unit"][fig.get("unit")] += 1
                    stats["vague"] += fig.get("vague") is True
    return stats


def main(argv):
    here = Path(__file__).resolve().parent
    paths = [Path(p) for p in argv] or sorted(here.glob("figures_*.jsonl"))
    if not paths:
        print("no figures_*.jsonl file found", file=sys.stderr)
        return 1
    errors, seen_ids = [], set()
    for path in paths:
        st = check_file(path, errors, seen_ids)
        print(
            f"== {path.name}: {st['sentences']} sentences, {st['figures']} figures, "
            f"{st['no_figure']} without figure, {st['vague']} vague"
        )
        print("   qualifiers: " + ", ".join(f"{q}={n}" for q, n in sorted(st["qualifier"].items())))
        units = sorted(st["unit"].items(), key=lambda kv: (-kv[1], str(kv[0])))
        print("   units: " + ", ".join(f"{u}={n}" for u, n in units))
    if errors:
        for e in errors:
            print("ERROR", e, file=sys.stderr)
        print(f"{len(errors)} error(s)", file=sys.stderr)
        return 1
    print("OK")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
