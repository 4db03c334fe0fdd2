"""Numbers as the French and English press writes them: digits, words, scales, round nouns."""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation
from functools import lru_cache

from text_to_num import text2num

# Spaces that separate groups of thousands: space, no-break space, narrow no-break space.
GROUP_SPACES = " \u00a0\u202f"
# One number written with digits: groups of three after 1 to 3 digits (separated by a
# space of some kind or an apostrophe), or a run of digits; then decimals or more groups.
DIGITS = r"(?:\d{1,3}(?:[ \u00a0\u202f'’]\d{3}(?!\d))+|\d+)(?:[.,]\d+)*"

SCALES = {
    "fr": {"mille": 10**3, "million": 10**6, "millions": 10**6, "milliard": 10**9,
           "milliards": 10**9, "billion": 10**12, "billions": 10**12, "trillion": 10**18,
           "trillions": 10**18},
    "en": {"thousand": 10**3, "thousands": 10**3, "million": 10**6, "millions": 10**6,
           "billion": 10**9, "billions": 10**9, "trillion": 10**12, "trillions": 10**12},
}  # fmt: skip
# Abbreviated scales, written right after the number ("407 M€", "3,7 Md$", "$5bn", "15k").
# "M" and "m" also mean metres, so the extractor takes them as millions only beside money.
SCALE_ABBREVIATIONS = {
    "k": 10**3, "K": 10**3, "M": 10**6, "m": 10**6, "mn": 10**6, "mln": 10**6,
    "Md": 10**9, "Mds": 10**9, "Mrd": 10**9, "Mrds": 10**9, "bn": 10**9, "Bn": 10**9,
    "md": 10**9, "tn": 10**12,
}  # fmt: skip

# Words for numbers, given to text2num once a run of them is found.
NUMBER_WORDS = {
    "fr": """zéro un une deux trois quatre cinq six sept huit neuf dix onze douze treize
    quatorze quinze seize vingt vingts trente quarante cinquante soixante cent cents
    mille""".split(),
    "en": """zero one two three four five six seven eight nine ten eleven twelve thirteen
    fourteen fifteen sixteen seventeen eighteen nineteen twenty thirty forty fifty sixty
    seventy eighty ninety hundred thousand""".split(),
}
# "et" and "and" join number words only where a number is written with them ("vingt et
# un", "three hundred and twelve"); elsewhere they join two numbers ("trois et quatre").
WORD_JOINERS = {
    "fr": r"(?:-et-|\s+et\s+(?=(?:un|une|onze)\b)|-|\s+)",
    "en": r"(?:(?<=hundred)\s+and\s+|(?<=thousand)\s+and\s+|-|\s+)",
}
# A run of number words ending in one of these keeps it as a multiplier that the other
# end of a range may share ("six à dix mille" is 6,000 to 10,000).
TRAILING_MULTIPLIERS = {"mille": 1000, "thousand": 1000, "cents": 100, "cent": 100, "hundred": 100}

# Round nouns: a value with the qualifier "approx" ("une dizaine de pays": about 10).
ROUND_NOUNS = {
    "dizaine": 10, "douzaine": 12, "quinzaine": 15, "vingtaine": 20, "trentaine": 30,
    "quarantaine": 40, "cinquantaine": 50, "soixantaine": 60, "centaine": 100,
    "millier": 1000, "dozen": 12,
}  # fmt: skip
# Plural round nouns and scales with no number are vague ("des milliers de réfugiés").
VAGUE_NOUNS = {
    "fr": """dizaines douzaines vingtaines centaines milliers millions milliards""".split(),
    "en": """dozens scores hundreds thousands millions billions""".split(),
}


def parse_digits(written: str, lang: str) -> Decimal | None:
    """The value of a number written with digits, read the way ``lang`` writes numbers.

    >>> parse_digits("3,7", "fr"), parse_digits("4.000", "fr"), parse_digits("1,234.5", "en")
    (Decimal('3.7'), Decimal('4000'), Decimal('1234.5'))
    """
    plain = written
    for space in GROUP_SPACES + "'’":
        plain = plain.replace(space, "")
    commas, points = plain.count(","), plain.count(".")
    if commas and points:
        decimal = "," if plain.rfind(",") > plain.rfind(".") else "."
        group = "." if decimal == "," else ","
        if plain.count(decimal) > 1:
            return None
        plain = plain.replace(group, "").replace(decimal, ".")
    elif commas or points:
        mark = "," if commas else "."
        parts = plain.split(mark)
        grouped = all(len(p) == 3 for p in parts[1:]) and len(parts[0]) <= 3
        native_decimal = "," if lang == "fr" else "."
        if len(parts) > 2:
            if not grouped:
                return None
            plain = "".join(parts)
        elif grouped and mark != native_decimal:
            plain = "".join(parts)  # "4.000" in French, "4,000" in English
        else:
            plain = ".".join(parts)
    try:
        return Decimal(plain)
    except InvalidOperation:
        return None


@lru_cache(maxsize=4096)
def parse_words(written: str, lang: str) -> int | None:
    """The value of a run of number words ("vingt-cinq", "two hundred"), or None."""
    words = " ".join(written.split())
    if lang == "en":
        words = re.sub(r"^an?\b", "one", words, flags=re.IGNORECASE)  # "a hundred"
    try:
        return int(text2num(words, lang))
    except ValueError:
        return None
