"""Sentences and paragraphs of a text, as character spans."""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable, Iterator
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


def _spans(breaks: Iterable[tuple[int, int]], start: int, end: int) -> Spans:
    """The spans of ``[start, end)`` between ``breaks``, sorted ``(start, end)`` pairs."""
    starts, ends = [], []
    position = start
    for break_start, break_end in breaks:
        if break_start > position:
            starts.append(position)
            ends.append(break_start)
        position = break_end
    if position < end or not starts:
        starts.append(position)
        ends.append(end)
    return Spans(tuple(starts), tuple(ends))


def sentences(text: str) -> Spans:
    """The sentences of ``text``, white space between them left out."""
    return _spans(_breaks(text, 0, len(text)), 0, len(text))


class SentenceFinder:
    """The sentences of ``text`` around positions asked about: those of :func:`sentences`,
    found line by line (a line break always ends a sentence), only in the lines asked
    about, the whole text still deciding where a line's last sentence ends."""

    def __init__(self, text: str) -> None:
        self.text = text
        self._lines: dict[int, tuple[Spans, dict[int, str]]] = {}

    def number(self, position: int) -> tuple[int, int]:
        """Which sentence holds ``position``: where its line starts, its rank in the line."""
        line = self.text.rfind("\n", 0, position) + 1
        if line not in self._lines:
            self._lines[line] = (self._line_sentences(line), {})
        return line, self._lines[line][0].at(position)

    def text_at(self, position: int) -> str:
        """The sentence that holds ``position``, its white space folded to single spaces."""
        line, i = self.number(position)
        spans, written = self._lines[line]
        if i not in written:  # figures of one sentence share its text
            written[i] = " ".join(self.text[spans.starts[i] : spans.ends[i]].split())
        return written[i]

    def _line_sentences(self, start: int) -> Spans:
        end = self.text.find("\n", start)
        end = len(self.text) if end < 0 else end
        return _spans(_breaks(self.text, start, end), start, end)


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
    breaks = ((m.start(), m.end()) for m in _LINE_BREAKS.finditer(text))
    return _spans(breaks, 0, len(text))
