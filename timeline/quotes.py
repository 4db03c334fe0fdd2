"""Find a curated quote in a document's text, forgiving spaces, quote marks and Unicode forms."""

from __future__ import annotations

import difflib
import re
import unicodedata
from dataclasses import dataclass
from functools import cached_property

import numpy as np
import numpy.typing as npt

# Characters a person may type for one another when copying a passage: every kind of
# apostrophe, of double quote and of dash folds to one plain form. The mapping is one
# character to one character, so offsets survive it.
_FOLD = str.maketrans(
    {
        **dict.fromkeys("\u2019\u2018\u201b\u02bc\u0060\u00b4\u2032", "'"),
        **dict.fromkeys("\u00ab\u00bb\u201c\u201d\u201e\u201f\u2033\u2039\u203a", '"'),
        **dict.fromkeys("\u2010\u2011\u2012\u2013\u2014\u2015\u2212", "-"),
    }
)
# White space is ignored altogether (its presence as well as its kind), together with the
# invisible characters that word processors leave in copied text.
_IGNORED = r"\s\u200b\u200c\u200d\u2060\ufeff\u00ad"
_IGNORED_RUN = re.compile(f"[{_IGNORED}]+")
# The same characters as code points, to find them in a whole text at once. Python's \s
# is str.isspace(), whose characters all lie below U+3001.
_IGNORED_CODES = np.array(
    sorted({c for c in range(0x3001) if chr(c).isspace()} | {ord(c) for c in
            "\u200b\u200c\u200d\u2060\ufeff\u00ad"}), dtype=np.uint32
)  # fmt: skip


def normalise(text: str) -> str:
    """The form in which quotes are compared: NFC, folded punctuation, no white space."""
    return _IGNORED_RUN.sub("", unicodedata.normalize("NFC", text).translate(_FOLD))


@dataclass(frozen=True, eq=False)
class TextIndex:
    """A document's text in comparison form, with the way back to original offsets.

    ``norm`` is the text in the form of :func:`normalise`. Each character of ``norm`` comes
    from the original span ``[starts[i], ends[i])``. When the text needed no Unicode
    normalisation (the usual case) that span is one character, ``kept[i]``.
    """

    text: str
    norm: str
    _kept: npt.NDArray[np.int64] | None = None
    _starts: tuple[int, ...] = ()
    _ends: tuple[int, ...] = ()

    @classmethod
    def of(cls, text: str) -> TextIndex:
        if not unicodedata.is_normalized("NFC", text):
            return cls._of_unnormalised(text, text.translate(_FOLD))
        # Done on arrays of code points: str.translate and a Python loop over the words of
        # 40 MB of documents took seconds.
        codes = np.frombuffer(text.encode("utf-32-le"), dtype=np.uint32).copy()
        for source, target in _FOLD.items():
            codes[codes == source] = ord(target)
        kept = np.flatnonzero(~np.isin(codes, _IGNORED_CODES))
        return cls(text, codes[kept].tobytes().decode("utf-32-le"), kept)

    @classmethod
    def _of_unnormalised(cls, text: str, folded: str) -> TextIndex:
        # Rare path: normalise cluster by cluster (a base character and its combining
        # marks), so that every normalised character knows the cluster it came from.
        parts: list[str] = []
        starts: list[int] = []
        ends: list[int] = []
        i = 0
        while i < len(folded):
            j = i + 1
            while j < len(folded) and unicodedata.combining(folded[j]):
                j += 1
            piece = normalise(folded[i:j])
            parts.append(piece)
            starts.extend([i] * len(piece))
            ends.extend([j] * len(piece))
            i = j
        return cls(text, "".join(parts), None, tuple(starts), tuple(ends))

    def span(self, norm_start: int, norm_end: int) -> tuple[int, int]:
        """Original ``[start, end)`` of the normalised characters ``[norm_start, norm_end)``."""
        if self._kept is not None:
            return int(self._kept[norm_start]), int(self._kept[norm_end - 1]) + 1
        return self._starts[norm_start], self._ends[norm_end - 1]

    def find_all(self, quote: str) -> list[tuple[int, int]]:
        """Every original span where ``quote`` stands, overlapping ones included, in order."""
        needle = normalise(quote)
        if not needle:
            return []
        if len(needle) >= _GRAM and len(self.norm) >= INDEXED_FROM:
            return [
                self.span(at, at + len(needle))
                for at in self._grams.starts(needle)
                if self.norm.startswith(needle, at)
            ]
        found = []
        at = self.norm.find(needle)
        while at >= 0:
            found.append(self.span(at, at + len(needle)))
            at = self.norm.find(needle, at + 1)
        return found

    @cached_property
    def _grams(self) -> _Grams:
        return _Grams.of(self.norm)

    def closest(self, quote: str, context: int = 0) -> str:
        """The passage of the text most like ``quote``, to show when it is not found."""
        needle = normalise(quote)
        if not needle or not self.norm:
            return ""
        matcher = difflib.SequenceMatcher(None, self.norm, needle, autojunk=False)
        best = matcher.find_longest_match(0, len(self.norm), 0, len(needle))
        first = max(0, best.a - best.b)
        last = min(len(self.norm), first + len(needle)) - 1
        start, _ = self.span(first, first + 1)
        _, end = self.span(last, last + 1)
        start, end = _widen_to_words(self.text, start, end)
        return " ".join(self.text[start:end].split())


# From this many characters on, a document's quotes are looked up in an index of its text:
# scanning the whole text once per quote took 4 s for the 10,000 quotes of a 3.6 MB report.
INDEXED_FROM = 200_000
# The characters that key the index: a quote as short as this is looked up by a scan.
_GRAM = 16
_BASE = 0x9E3779B1  # odd, with well-mixed bits
_MASK = 2**32 - 1


@dataclass(frozen=True)
class _Grams:
    """Where each run of ``_GRAM`` characters of a text may start: positions sorted by a
    hash of the run (positions of one hash in increasing order). Two runs may share a
    hash, so a candidate is checked against the text."""

    hashes: npt.NDArray[np.uint32]
    positions: npt.NDArray[np.int32]

    @classmethod
    def of(cls, text: str) -> _Grams:
        codes = np.frombuffer(text.encode("utf-32-le"), dtype=np.uint32)
        count = max(0, len(codes) - _GRAM + 1)
        hashes = np.zeros(count, dtype=np.uint32)
        for j in range(_GRAM):  # arithmetic modulo 2**32: the arrays wrap around
            hashes = hashes * np.uint32(_BASE) + codes[j : j + count]
        order = np.argsort(hashes, kind="stable")
        return cls(hashes[order], order.astype(np.int32))

    def starts(self, needle: str) -> list[int]:
        """Where ``needle`` may start, in order: where the rarest of its runs stands.

        The first words of quotes are often common ones ("Le ministre a"), repeated all over
        a long text; a run further in usually stands once.
        """
        last = len(needle) - _GRAM
        offsets = sorted({*range(0, last + 1, _GRAM // 2), last})
        best = (0, 0, len(self.positions) + 1)
        for offset in offsets:
            key = 0
            for character in needle[offset : offset + _GRAM]:
                key = (key * _BASE + ord(character)) & _MASK
            # As a NumPy number of the array's type: a Python int would have the whole
            # array converted at every look-up.
            typed = np.uint32(key)
            low = int(np.searchsorted(self.hashes, typed, side="left"))
            high = int(np.searchsorted(self.hashes, typed, side="right"))
            if high - low < best[2] - best[1]:
                best = (offset, low, high)
                if high - low <= 1:
                    break
        offset, low, high = best
        return [at - offset for at in self.positions[low:high].tolist() if at >= offset]


def _widen_to_words(text: str, start: int, end: int) -> tuple[int, int]:
    while start > 0 and not text[start - 1].isspace():
        start -= 1
    while end < len(text) and not text[end].isspace():
        end += 1
    return start, end
