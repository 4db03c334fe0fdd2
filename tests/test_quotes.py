"""Quote look-up: any passage, re-typed with other spaces, apostrophes and forms, is found."""

from __future__ import annotations

import random
import unicodedata

from hypothesis import given, settings
from hypothesis import strategies as st

from timeline import quotes
from timeline.quotes import TextIndex

SEED = "seeds/003_ec8d6c7600c4db65.txt"

APOSTROPHES = ["'", "\u2019", "\u2018", "\u02bc"]
DOUBLE_QUOTES = ['"', "\u00ab", "\u00bb", "\u201c", "\u201d"]
SPACES = [" ", "  ", "\u00a0", "\u202f", "\n", "\t", ""]


def test_exact_passage_gives_its_span() -> None:
    text = "Le sommet s’est ouvert à Lisbonne. Il a duré deux jours."
    index = TextIndex.of(text)
    assert index.find_all("s'est ouvert à Lisbonne") == [(10, 33)]


def test_spaces_apostrophes_and_quotes_are_forgiven() -> None:
    text = "Il a dit : « Nous resterons\u00a0unis »,\n  puis il est parti."
    found = TextIndex.of(text).find_all('dit: "Nous resterons unis", puis')
    assert len(found) == 1
    start, end = found[0]
    assert text[start:end] == "dit : « Nous resterons\u00a0unis »,\n  puis"


def test_unicode_forms_are_forgiven_both_ways() -> None:
    composed = "Le délégué a signé."
    decomposed = unicodedata.normalize("NFD", composed)
    assert TextIndex.of(composed).find_all(decomposed) == [(0, len(composed))]
    start, end = TextIndex.of(decomposed).find_all("délégué")[0]
    assert unicodedata.normalize("NFC", decomposed[start:end]) == "délégué"


def test_every_occurrence_is_listed() -> None:
    assert TextIndex.of("aba aba").find_all("aba") == [(0, 3), (4, 7)]


def test_other_letters_do_not_match() -> None:
    assert TextIndex.of("Les ministres ont adopté le plan.").find_all("adopte") == []


def test_closest_passage_for_a_typo() -> None:
    index = TextIndex.of("Le groupe a émis une déclaration ministérielle réaffirmant sa stratégie.")
    assert index.closest("une déclaraton ministérielle") == "une déclaration ministérielle"


def _retype(passage: str, choices: list[int]) -> str:
    """Change the spacing and the apostrophes and quote marks of a passage."""
    out = []
    for i, char in enumerate(passage):
        pick = choices[i % len(choices)]
        if char.isspace():
            out.append(SPACES[pick % len(SPACES)] or " ")
        elif char in "'\u2019":
            out.append(APOSTROPHES[pick % len(APOSTROPHES)])
        elif char in '"«»\u201c\u201d':
            out.append(DOUBLE_QUOTES[pick % len(DOUBLE_QUOTES)])
        else:
            out.append(char)
        if pick % 7 == 0:
            out.append(SPACES[pick % len(SPACES)])
    return "".join(out)


def _seed_text() -> str:
    from tests.conftest import REPO

    return (REPO / SEED).read_text(encoding="utf-8")


@settings(max_examples=300, deadline=None)
@given(
    data=st.data(),
    choices=st.lists(st.integers(min_value=0, max_value=1000), min_size=1, max_size=20),
)
def test_any_retyped_passage_is_found_at_its_span(data: st.DataObject, choices: list[int]) -> None:
    text = _seed_text()
    index = TextIndex.of(text)
    start = data.draw(st.integers(min_value=0, max_value=len(text) - 40))
    length = data.draw(st.integers(min_value=25, max_value=200))
    end = min(len(text), start + length)
    # A quote starts and ends on visible characters, as a curator would select it.
    while text[start].isspace():
        start += 1
    while text[end - 1].isspace():
        end -= 1
    retyped = _retype(text[start:end], choices)
    spans = index.find_all(retyped)
    assert (start, end) in spans
    for found_start, found_end in spans:
        assert found_end - found_start >= len(retyped.split()[0])


@settings(max_examples=200, deadline=None)
@given(text=st.text(), quote=st.text())
def test_no_text_crashes_the_lookup(text: str, quote: str) -> None:
    index = TextIndex.of(text)
    for start, end in index.find_all(quote):
        assert 0 <= start < end <= len(text)
    index.closest(quote)


def test_dashes_and_invisible_characters_are_forgiven() -> None:
    """The README promises it: dashes fold to one, soft hyphens and zero-width spaces vanish."""
    text = "Le plan 2015\u20132016 est sou\u00admis au vote\u200b aujourd’hui."
    (span,) = TextIndex.of(text).find_all("plan 2015-2016 est soumis au vote aujourd'hui")
    assert text[span[0] : span[1]] == text[3:-1]


def test_a_long_document_is_searched_through_its_index_with_the_same_results() -> None:
    rng = random.Random(5)
    words = ["le", "conseil", "a", "réuni", "12", "délégations", "à", "Genève", "—", "puis"]
    text = " ".join(rng.choice(words) for _ in range(60_000)) + " zzzzzzzzzzzzzzzzzzzzzzzzz"
    index, scanned = TextIndex.of(text), TextIndex.of(text)
    assert len(index.norm) >= quotes.INDEXED_FROM
    starts = [rng.randrange(len(text) - 80) for _ in range(300)]
    asked = [text[s : s + rng.randint(5, 80)] for s in starts]
    asked += ["zzzzzzzzzzzzzzzzzzzz", "conseil  a\nréuni 12 délégations", "absent de ce texte-ci"]
    for quote in asked:
        expected = _scanned(scanned, quote)
        assert index.find_all(quote) == expected, quote
    assert len(index.find_all("zzzzzzzzzzzzzzzzzzzz")) == 6  # overlapping ones too
    assert "_grams" in vars(index)  # looked up in the index, not by a scan


def _scanned(index: TextIndex, quote: str) -> list[tuple[int, int]]:
    """What find_all gives by scanning the text, as for a short document."""
    needle, found = quotes.normalise(quote), []
    at = index.norm.find(needle)
    while at >= 0:
        found.append(index.span(at, at + len(needle)))
        at = index.norm.find(needle, at + 1)
    return found
