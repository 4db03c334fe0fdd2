"""Sentences and paragraphs of a text, as character spans."""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator
from dataclasses import dataclass

# A sentence ends at . ! ? or … followed by space and a capital, a digit or an opening
# quote; a line break ends one too (press texts put one paragraph per line).
_SENTENCE_END = re.compile(r"(?<=[.!?…])[\"»”’)\]]*\s+(?=[«\"“(\[]?\s*[A-ZÀ-ÖØ-Þ0-9])|\n+")
# Abbreviations after which a full stop does not end the sentence.
_ABBREVIATIONS = re.compile(
    r"(?:\b[A-Z]|\bM|\bMM|\bMme|\bMmes|\bDr|\bPr|\bSt|\bMr|\bMrs|\bMs|\bGen|\bCol|\bLt|\bNo|"
    r"\bn°|\bvol|\bp|\bart|\bal|\bcf|\bex|\bvs|\betc|\bU\.S|\bU\.N)\.$"
)
_LINE_BREAKS = re.compile(r"\n\s*")


@dataclass(frozen=True)
class Spans:
    """Sorted, non-overlapping ``[start, end)`` spans that cover a text."""

    starts: tuple[int, ...]
    ends: tuple[int, ...]

    def at(self, offset: int) -> int:
        """The number of the span that holds ``offset``."""
        return max(0, bisect.bisect_right(self.starts, offset) - 1)

    def span(self, offset: int) -> tuple[int, int]:
        """The span that holds ``offset``."""
        i = self.at(offset)
        return self.starts[i], self.ends[i]


def _spans(text: str, breaks: list[tuple[int, int]]) -> Spans:
    starts, ends = [], []
    position = 0
    for break_start, break_end in breaks:
        if break_start > position:
            starts.append(position)
            ends.append(break_start)
        position = break_end
    if position < len(text) or not starts:
        starts.append(position)
        ends.append(len(text))
    return Spans(tuple(starts), tuple(ends))


def sentences(text: str) -> Spans:
    """The sentences of ``text``, white space between them left out."""
    return _spans(text, list(_breaks(text, 0, len(text))))


def line_sentences(text: str, position: int) -> Spans:
    """The sentences of the line of ``text`` that holds ``position``, at their offsets in
    ``text``: those of :func:`sentences`, but for the white space around them (a line break
    always ends a sentence; what follows the line still decides where its last ones end)."""
    start = text.rfind("\n", 0, position) + 1
    end = text.find("\n", position)
    end = len(text) if end < 0 else end
    starts, ends = [], []
    at = start
    for break_start, break_end in _breaks(text, start, end):
        if break_start > at:
            starts.append(at)
            ends.append(break_start)
        at = break_end
    if at < end or not starts:
        starts.append(at)
        ends.append(end)
    return Spans(tuple(starts), tuple(ends))


def _breaks(text: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    """The spans between sentences that begin in ``[start, end]``, read in the whole text."""
    for match in _SENTENCE_END.finditer(text, start):
        if match.start() > end:
            return
        if "\n" not in match.group() and _ABBREVIATIONS.search(
            text[max(0, match.start() - 6) : match.start()]
        ):
            continue
        yield match.start(), match.end()


def paragraphs(text: str) -> Spans:
    """The paragraphs of ``text``: its lines, blank ones left out (press texts put one
    paragraph per line)."""
    return _spans(text, [(m.start(), m.end()) for m in _LINE_BREAKS.finditer(text)])
