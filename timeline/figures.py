"""Figures: find every quantity in a French or English text, with value, unit and qualifier."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from decimal import Decimal

from timeline.grammar import IDENTIFIER_WORDS, Grammar, grammar_of
from timeline.numbers import (
    ROUND_NOUNS,
    SCALE_ABBREVIATIONS,
    SCALES,
    TRAILING_MULTIPLIERS,
    parse_digits,
    parse_words,
)
from timeline.passages import SentenceFinder
from timeline.units import (
    CURRENCIES,
    MEASURE_SYMBOLS,
    SYMBOLS,
    is_adjective_before_noun,
    lemma,
    looks_plural,
)

EXTRACTOR_VERSION = "5"
LANGUAGES = ("fr", "en")
QUALIFIERS = ("exact", "approx", "more_than", "less_than", "at_least", "at_most", "range")


@dataclass(frozen=True, slots=True)
class Figure:
    """A quantity as it stands in a text: ``text == source[start:end]``, in ``sentence``
    (the sentence that holds it, its white space folded to single spaces)."""

    start: int
    end: int
    text: str
    value: float | None
    value_max: float | None
    unit: str | None
    qualifier: str
    vague: bool
    sentence: str


# -- reading one quantity -----------------------------------------------------------------


@dataclass(frozen=True)
class _Quantity:
    """A quantity being read: the number's own span and what was found around it."""

    start: int  # where the figure's text starts (qualifier or symbol included)
    end: int  # where it ends (unit or qualifier after included)
    core_start: int
    core_end: int  # end of the number and its scale
    number: Decimal | None  # the number as written, before its multiplier
    multiplier: int
    unit: str | None
    qualifier: str
    vague: bool
    scaled: bool  # a scale word or abbreviation followed the number
    opener: str | None  # "between" or "from" right before it
    opener_start: int
    kind: str  # digits, words, round, vague, range
    year_like: bool
    high: Decimal | None = None  # the upper bound of a range

    @property
    def value(self) -> Decimal | None:
        return None if self.number is None else self.number * self.multiplier


def extract(text: str, lang: str = "fr") -> list[Figure]:
    """Every figure of ``text`` (written in ``lang``: ``fr`` or ``en``), in order of ``start``.

    >>> [(f.text, f.value, f.unit, f.qualifier) for f in extract("Plus de 60 pays ont signé.")]
    [('Plus de 60 pays', 60.0, 'pays', 'more_than')]
    """
    if lang not in LANGUAGES:
        raise ValueError(f"unsupported language {lang!r}: use one of {', '.join(LANGUAGES)}")
    grammar = grammar_of(lang)
    links = [m.span() for m in grammar.links.finditer(text)] if _HAS_LINK.search(text) else []
    quantities = []
    masked_until = 0
    name_end = -1  # where the last number read as part of a name or reference ends
    for match in grammar.candidates.finditer(text):
        start = match.start()
        if start < masked_until:
            continue
        if match.lastgroup == "digits":
            masked_until = _not_a_figure(text, start, grammar, links)
            if masked_until > start:
                continue
            if text[name_end:start] in _NAME_JOINERS:  # "L. 761-1", "n° 2022-417"
                name_end = match.end()
                continue
        quantity = _read(text, match, grammar)
        if quantity is not None:
            quantities.append(quantity)
        elif match.lastgroup == "digits":
            name_end = match.end()
    quantities = _drop_ratios(text, quantities, grammar)
    quantities = _join_ranges(text, quantities, grammar)
    if not quantities:
        return []
    sentence = SentenceFinder(text)
    quantities = _carry_units(text, quantities, grammar, sentence)
    kept: list[_Quantity] = []
    for quantity in quantities:
        if not _is_figure(quantity):
            continue
        if kept and quantity.start < kept[-1].end:
            # A symbol or word between two numbers was read as part of both ("12 $ 12"):
            # the first keeps it.
            if kept[-1].end > quantity.core_start:
                continue
            start = kept[-1].end
            while text[start].isspace():
                start += 1
            quantity = replace(quantity, start=start, qualifier="exact")
        kept.append(quantity)
    return [_figure(text, quantity, sentence.text_at(quantity.start)) for quantity in kept]


_HAS_LINK = re.compile(r"://|www\.|@")
_NAME_JOINERS = ("-", "–", ".", "/")
_YEAR_WRITTEN = re.compile(r"1\d{3}|20\d{2}|2100")
_WORD_BEFORE = re.compile(r"([^\W\d_][\w.°'’-]*)\s*$")
_NOUN_BEFORE = re.compile(r"([^\W\d_]+)\s+$")
_APOSTROPHE = re.compile(r"['’]")
_LETTER_AND_DOT = re.compile(r"[A-Z]\.")
_COUNTED_AFTER = re.compile(r"\s+(?!(?:or|ou|and|et|for|pour)\b)[^\W\d_]")
_PHONE_NUMBER = re.compile(r"\d(?:[\d.()-]|\s(?=\d))*")
_MEASURE_UNITS = set(MEASURE_SYMBOLS.values()) - {"°C", "°F"}
# What turns a measure into a rate: "km/h", "t/ha", "par heure", "per second".
_PER_UNIT = re.compile(
    r"\s*/\s*[^\W\d_]|\s+(?:par|per|an|à\s+l['’])\s*(?:heure|hour|h|seconde|second|jour|day|"
    r"hectare|ha|habitant|capita|litre|liter|l|kilo|kg|mètre|metre|meter|m)\b"
)
# Units of speed written as one word: "140 mph", "30 nœuds".
_SPEED_AFTER = re.compile(r"\s?(?:mph|kph|kmh|km/h|knots|nœuds)\b", re.IGNORECASE)
# The denominator of a rate: "312 cas pour 100 000 habitants", "8 per 1,000 births".
_PER_BETWEEN = re.compile(r"\s*(?:pour|per|sur)\s+", re.IGNORECASE)
_POPULATIONS = {"habitant", "inhabitant", "person", "people", "resident", "naissance", "birth",
                "patient", "élève", "pupil", "student", "adult", "adulte", "enfant", "child",
                "personne", None}  # fmt: skip
# Counted nouns that make the number before them a fraction (as lemmas).
_FRACTIONS = {
    "fr": {"tier", "tiers", "quart", "cinquième", "sixième", "septième", "huitième",
           "neuvième", "dixième", "centième", "millième"},
    "en": {"third", "quarter", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth",
           "hundredth", "thousandth", "half", "halve"},
}  # fmt: skip
# Units that "et demi" may follow: "trois ans et demi", "deux heures et demie".
_HALVES_OF = {"year", "month", "week", "day", "hour", "minute", "second", "km", "m", "kg", "t",
              "l", "ha"}  # fmt: skip
_AND_A_HALF = {"fr": re.compile(r"\s+et\s+demie?\b"), "en": re.compile(r"(?!)")}
# English puts the half before the scale or unit: "two and a half million", "2 and a half
# years".
_HALF_BEFORE_UNIT = {"fr": re.compile(r"(?!)"), "en": re.compile(r"\s+and\s+a\s+half\b")}
_YEAR = re.compile(r"(?:1[5-9]\d\d|20\d\d|2100)(?![\d,.]\d)")


def _not_a_figure(text: str, start: int, grammar: Grammar, links: list[tuple[int, int]]) -> int:
    """Where the date, time, phone number or reference that starts at ``start`` ends.

    Returns ``start`` itself when the number at ``start`` begins none of them. Checking
    at each number, rather than scanning the text for each kind, keeps extraction fast.
    """
    found = grammar.not_figure_at.match(text, start)
    window = text[max(0, start - 16) : start]
    if found and not (found.lastgroup == "hour" and grammar.duration_words.search(window)):
        return found.end()
    before = grammar.not_figure_after.search(window)
    # After a month, a date; after "the", "an" or "années", only a year: "the 1990s", "l'an
    # 2000" (but "the 435 members" is a count).
    if before and (not before.group("year_word") or _YEAR.match(text, start)):
        date = grammar.month_first_date.match(text, start - len(window) + before.start())
        return max(date.end() if date else 0, start + 1)
    phone = _PHONE_NUMBER.match(text, start) if grammar.phone_words.search(window) else None
    # "call 555-0142", "dial 999 or 112", but "call 300 voters" counts voters.
    if phone and not _COUNTED_AFTER.match(text, phone.end()):
        return phone.end()
    if grammar.time_words.search(window):
        time = grammar.hours.match(text, start)
        if time:
            return time.end()
    if window[-2:].strip() in ("[", "+") or window.endswith("+ "):
        opening = start - len(window) + max(window.rfind("["), window.rfind("+"))
        reference = grammar.references.match(text, opening)
        if reference and reference.end() > start:
            return reference.end()
    if _at_line_start(text, start) and re.match(r"\d{1,2}[.)]\s", text[start : start + 4]):
        return start + 1  # list numbering
    for link_start, link_end in links:
        if link_start <= start < link_end:
            return link_end
    return start


def _at_line_start(text: str, start: int) -> bool:
    line_start = text.rfind("\n", 0, start) + 1
    return not text[line_start:start].strip()


def _read(text: str, match: re.Match[str], grammar: Grammar) -> _Quantity | None:
    kind = match.lastgroup or ""
    start, end = match.span()
    written = match.group()
    number: Decimal | None
    multiplier = 1
    vague = False
    qualifier = "exact"
    if kind == "digits":
        if _is_identifier(text, start, end, grammar):
            return None
        number = parse_digits(written, grammar.lang)
        if number is None:
            return None
        if _NEGATIVE.search(text, max(0, start - 8), start):
            number, start = -number, start - 1  # "-3,2 %", but not the dash of "3 - 5"
    elif kind == "words":
        if any(part[:1].isupper() for part in re.split(r"[-\s]+", written)[1:]):
            return None  # "les Vingt-Sept": a name
        if (
            written.lower().startswith("cent")
            and text[max(0, start - 5) : start].lower() == "pour "
        ):
            return None  # "pour cent" is a percent sign
        number, multiplier, end = _read_words(written, start, grammar.lang)
        if number is None:
            return None
        half = _HALF_A.search(text, max(0, start - 6), start) if grammar.lang == "en" else None
        if half and written.lower() in ("a", "an"):
            number, start = number / 2, half.start()  # "half a million"
    elif kind == "round":
        noun = written.split()[-1].lower()
        number, qualifier = Decimal(ROUND_NOUNS[noun]), "approx"
    else:
        number, qualifier, vague = None, "approx", True

    if (
        number is not None
        and multiplier == 1
        and (half := _HALF_BEFORE_UNIT[grammar.lang].match(text, end))
    ):
        number, end = number + Decimal("0.5"), half.end()  # "two and a half million"
    scaled = multiplier > 1
    if kind in ("digits", "words"):
        scale = grammar.scale_after.match(text, end)
        if scale:
            multiplier *= SCALES[grammar.lang][scale.group().strip().lower()]
            end, scaled = scale.end(), True
    if scaled and number is not None and (half := _AND_A_HALF[grammar.lang].match(text, end)):
        number, end = number + Decimal("0.5"), half.end()  # "un million et demi"

    symbol = grammar.symbol_before.search(text, max(0, start - 8), start)
    unit = _currency(symbol) if symbol else None
    if kind == "digits" and not scaled:
        abbreviation = grammar.abbreviation_after.match(text, end)
        if abbreviation:
            short = abbreviation.group().strip()
            money_follows = grammar.money_after.match(text, abbreviation.end())
            # "1.2m customers" counts millions; "a 1.2m wall" measures metres.
            counted_follows = (
                short == "m"
                and grammar.lang == "en"
                and _counted_noun(text, abbreviation.end(), grammar, plural=True)[0] is not None
            )
            if short not in ("M", "m") or unit or money_follows or counted_follows:
                multiplier *= SCALE_ABBREVIATIONS[short]
                end, scaled = abbreviation.end(), True
    core_end = end
    if unit is None:
        year_like = kind == "digits" and _YEAR_WRITTEN.fullmatch(written)
        value = None if number is None else number * multiplier
        noun = "none" if year_like else "singular" if value is not None and value < 2 else "plural"
        unit, end = _unit_after(text, end, grammar, scaled or kind in ("round", "vague"), noun)
    elif kind == "digits" and (money := grammar.money_after.match(text, end)):
        end = money.end()  # "$ 5 USD": the code after repeats the symbol before
    if unit in _DURATION_UNITS and _names_something(text[core_end:end].strip()):
        return None  # "les 24 Heures du Mans": a capitalised duration names something
    if unit in _MEASURE_UNITS and _PER_UNIT.match(text, end):
        return None  # "90 km/h", "3 tonnes par hectare": a rate, out of scope
    if unit is None and kind == "digits" and _SPEED_AFTER.match(text, end):
        return None  # "140 mph": a speed, a rate too
    if kind == "words" and unit in _FRACTIONS[grammar.lang]:
        return None  # "les deux tiers", "three quarters": a fraction, out of scope
    if (
        number is not None
        and multiplier == 1
        and unit in _HALVES_OF
        and (half := _AND_A_HALF[grammar.lang].match(text, end))
    ):
        number, end = number + Decimal("0.5"), half.end()  # "trois ans et demi"

    left = symbol.start() if symbol else start
    window = text[max(0, left - 40) : left]
    before = grammar.qualifier_before.search(window)
    if before and not _is_lookalike(window, before, grammar.lang, unit):
        qualifier = before.lastgroup or qualifier
        left -= len(window) - before.start()
    else:
        after = grammar.qualifier_after.match(text, end)
        if after and not vague:
            qualifier = after.lastgroup or qualifier
            end = after.end()
    opener = grammar.opener_before.search(text[max(0, left - 10) : left])
    return _Quantity(
        start=left,
        end=end,
        core_start=start,
        core_end=core_end,
        number=number,
        multiplier=multiplier,
        unit=unit,
        qualifier=qualifier,
        vague=vague,
        scaled=scaled,
        opener=opener.lastgroup if opener else None,
        opener_start=left - (min(10, left) - opener.start()) if opener else left,
        kind=kind,
        year_like=(kind == "digits" and _YEAR_WRITTEN.fullmatch(written) is not None),
    )


def _names_something(written: str) -> bool:
    return written[:1].isupper() and not written.isupper()


def _read_words(written: str, start: int, lang: str) -> tuple[Decimal | None, int, int]:
    """Value, trailing multiplier and end of a run of number words (shortened until valid)."""
    parts = re.split(r"(\s+|-)", written)
    while parts:
        phrase = "".join(parts)
        head, _, last = phrase.rpartition(" ")
        multiplier = TRAILING_MULTIPLIERS.get(last.lower(), 1) if head else 1
        value = parse_words(head if multiplier > 1 else phrase, lang)
        if multiplier > 1 and value is not None and value >= multiplier:
            # Not a multiplier of what comes before: "mille cinq cents" is 1,500.
            multiplier, value = 1, parse_words(phrase, lang)
        if value is not None:
            return Decimal(value), multiplier, start + len(phrase)
        parts = parts[:-2]
    return None, 1, start


def _is_identifier(text: str, start: int, end: int, grammar: Grammar) -> bool:
    """True when digits are part of a name or reference: F-16, G20, ISIS 2.0, article 5, 2e."""
    before = text[start - 1] if start else " "
    if before.isalpha() or before in "_#§°/№":
        return True
    if text[max(0, start - 2) : start] in ("№ ", "# "):
        return True  # "№ 7", "# 3"
    if before == "(" and start > 1 and (text[start - 2].isalnum() or text[start - 2] == ")"):
        return True  # "Section 230(c)(1)", "art. 5(2)"
    if before in "-‑" and start > 1 and text[start - 2].isalpha():
        return True
    if end < len(text) and text[end].isalpha():
        # Letters glued to the digits: a unit or scale ("15k", "20km") or a name ("A400M",
        # "1990s") or an ordinal ("2e", "21st").
        return not (
            grammar.abbreviation_after.match(text, end)
            or grammar.measure_symbol_after.match(text, end)
            or grammar.glued_degrees.match(text, end)
        )
    previous = _WORD_BEFORE.search(text, max(0, start - 30), start)
    if not previous:
        return False
    word = _APOSTROPHE.split(previous.group(1))[-1]
    low = word.lower().rstrip(".")
    if low in IDENTIFIER_WORDS[grammar.lang]:
        return True
    if _LETTER_AND_DOT.fullmatch(previous.group(1)):
        return True  # the articles of a French code: "L. 761-1", "R. 4127"
    if not word[:1].isupper() or word in CURRENCIES or low in grammar.excluded_nouns:
        return False
    if grammar.qualifier_before.search(word) or low in _SENTENCE_OPENERS:
        return False
    if len(word) > 1 and word.isupper():
        return True  # an acronym: "ISIS 2.0", "G7 2024"
    # A capitalised word before a number names something ("Boeing 747", "Mission 2030"),
    # even at the start of a sentence; the words that open sentences are excluded above.
    return True


# Capitalised at the start of a sentence, these words stand before a number as any other.
_SENTENCE_OPENERS = set(
    """plus moins près seuls seules seul seule désormais aujourd hier demain ensuite enfin
    actuellement aussi over under nearly almost only just some about around another today
    yesterday now currently overall altogether devant parmi malgré outre durant hormis
    despite amid among beyond besides following""".split()
)


def _is_lookalike(window: str, found: re.Match[str], lang: str, unit: str | None) -> bool:
    """True for words that look like a qualifier but are not one here.

    "en plus de 3 millions" adds to a figure rather than bounding it; "over three years"
    says when, not how many.
    """
    if found.lastgroup != "more_than":
        return False
    if lang == "en":
        return found.group().strip().lower() == "over" and unit in _DURATION_UNITS
    return (
        found.group().lower().startswith("plus")  # but "en un peu plus de deux heures"
        and re.search(r"\ben\s+$", window[: found.start()], re.IGNORECASE) is not None
    )


_DURATION_UNITS = {"hour", "day", "week", "month", "year", "minute", "second", "decade"}


def _unit_after(
    text: str, end: int, grammar: Grammar, allow_of: bool, noun: str
) -> tuple[str | None, int]:
    """The unit written after a number (and where it ends), or ``(None, end)``."""
    percent = grammar.percent_after.match(text, end)
    if percent:
        return "percent", percent.end()
    money = grammar.money_after.match(text, end)
    position = end
    if allow_of and not money:
        of = grammar.of_after.match(text, end)
        if of:
            position = of.end()  # "3 millions de dollars", "des milliers de $"
            money = grammar.money_after.match(text, position)
    if money:
        return _currency(money), money.end()
    named = grammar.named_unit_after.match(text, position)
    if named:
        return grammar.named_units[" ".join(named.group().split()).lower()], named.end()
    symbol = grammar.measure_symbol_after.match(text, position)
    if symbol and position == end:
        return MEASURE_SYMBOLS[symbol.group().strip()], symbol.end()
    degrees = grammar.glued_degrees.match(text, end)
    if degrees:
        return f"°{degrees.group()}", degrees.end()
    hyphenated = _HYPHENATED_UNIT.match(text, end)
    if hyphenated:  # "a 12-year-old", "2,5-km"
        word = hyphenated.group(1)
        unit = grammar.named_units.get(word.lower()) or MEASURE_SYMBOLS.get(word)
        if unit:
            return unit, hyphenated.end()
    if noun == "none":
        return None, end
    counted, counted_end = _counted_noun(text, position, grammar, plural=noun == "plural")
    if counted is None:
        return None, end
    return counted, counted_end


_NEGATIVE = re.compile(r"(?:^|(?<=[\s(])(?<![\d%]\s)(?<![\d%]))[-−]$")
_HYPHENATED_UNIT = re.compile(r"-([^\W\d_]+[²³]?)\b")
_DOLLAR_COUNTRIES = {
    "us": "USD",
    "usd": "USD",
    "ca": "CAD",
    "cad": "CAD",
    "c": "CAD",
    "hk": "HKD",
    "au": "AUD",
    "aud": "AUD",
    "a": "AUD",
    "nz": "NZD",
    "mex": "MXN",
    "s": "SGD",
}


def _currency(found: re.Match[str]) -> str:
    """The ISO code of a currency symbol or code, "$ CA" and "$US" included."""
    if found.group("code"):
        return found.group("code").upper()
    symbol, country = found.group("symbol"), found.group("country")
    if symbol == "$" and country:
        return _DOLLAR_COUNTRIES[country.lower()]
    return SYMBOLS.get(symbol, SYMBOLS.get(symbol.upper(), "USD"))


def _counted_noun(
    text: str, position: int, grammar: Grammar, plural: bool
) -> tuple[str | None, int]:
    """The noun a number counts ("25 pays", "3,000 American soldiers"), as a lemma.

    After a number of two or more, the noun is in the plural: a word that is not ("children
    under five suffer") is a verb or an adjective, not the thing counted.
    """
    lang = grammar.lang
    for _ in range(2 if lang == "fr" else 4):
        found = grammar.word.match(text, position)
        if not found or found.group(1).lower() in grammar.excluded_nouns:
            return None, position
        word = found.group(1)
        position = found.end()
        if lang == "fr" and is_adjective_before_noun(word, lang):
            continue
        if lang == "en" and word.lower() in _PEOPLE_ADJECTIVES:
            # "14 dead", "200 injured": the people are counted by an adjective, unless a
            # noun follows it ("14 wounded soldiers").
            following = grammar.word.match(text, position)
            if not (following and looks_plural(following.group(1), lang)):
                return word.lower(), position
            continue
        if not plural or looks_plural(word, lang):
            modifier = not looks_plural(word, lang) or word.lower() in _PLURAL_LOOKING_MODIFIERS
            if lang == "en" and modifier:
                # "police officers", "health workers": the last noun of the compound (but
                # "households owns": the plural noun comes first, a verb after it).
                following = grammar.word.match(text, position)
                if (
                    following
                    and following.group(1).lower() not in grammar.excluded_nouns
                    and looks_plural(following.group(1), lang)
                    and not following.group(1).lower().endswith("ed")
                ):
                    word, position = following.group(1), following.end()
            return lemma(word, lang), position
        if lang == "fr":
            return None, position
    return None, position


# -- ranges and units shared between figures ----------------------------------------------


def _join_ranges(text: str, quantities: list[_Quantity], grammar: Grammar) -> list[_Quantity]:
    """Make "entre 15 et 40 milliards" one figure, and "passé de 60 à 75" two."""
    joined: list[_Quantity] = []
    i = 0
    while i < len(quantities):
        low = quantities[i]
        high = quantities[i + 1] if i + 1 < len(quantities) else None
        if high is None or low.vague or high.vague or low.number is None or high.number is None:
            joined.append(low)
            i += 1
            continue
        between = text[low.end : high.start]
        link = grammar.connector.match(between)
        if not link or (link.lastgroup == "and" and low.opener != "between"):
            if link and high.unit and low.unit is None and not (low.year_like or high.year_like):
                # "âgés de 19 et 22 ans", "3 ou 4 millions de dollars": the unit (and the
                # scale) written once, after the second.
                shared = high.multiplier if high.scaled and not low.scaled else low.multiplier
                joined.append(replace(low, unit=high.unit, multiplier=shared))
            else:
                joined.append(low)
            i += 1
            continue
        if low.year_like and high.year_like:
            i += 2  # "de 2014 à 2016": years, not figures
            continue
        if (low.unit and high.unit and low.unit != high.unit) or (
            low.unit and not high.unit and low.end > low.core_end and link.lastgroup == "to"
        ):
            # Not a range: two units, or a unit written after the low end only ("rose 1.5
            # per cent to 472,400").
            joined.append(low)
            i += 1
            continue
        multiplier = low.multiplier
        if not low.scaled and high.scaled and low.number < high.number:
            multiplier = high.multiplier  # "entre 15 et 40 milliards": a shared multiplier
        elif _THOUSANDS_SAID_ONCE[grammar.lang] and _thousands_said_once(low, high):
            multiplier = 1000  # "entre 30 et 40 000 manifestants": 30,000 to 40,000
        unit = high.unit or low.unit
        changed = low.opener == "from" and grammar.change_verb.search(
            text[max(0, low.opener_start - 40) : low.opener_start]
        )
        if changed:
            joined.append(replace(low, multiplier=multiplier, unit=unit))
            joined.append(replace(high, unit=unit))
            i += 2
            continue
        low_value = low.number * multiplier
        high_value = high.value
        if high_value is None or low_value >= high_value:
            joined.append(low)
            i += 1
            continue
        start = low.opener_start if low.opener else low.start
        joined.append(
            replace(
                low,
                start=start,
                end=high.end,
                multiplier=multiplier,
                unit=unit,
                qualifier="range",
                kind="range",
                year_like=False,
                high=high_value,
            )
        )
        i += 2
    return joined


def _drop_ratios(text: str, quantities: list[_Quantity], grammar: Grammar) -> list[_Quantity]:
    """Leave out both numbers of a ratio ("9 écoles sur 10", "one in five adults", "3 out of
    4"), of a rate given per a round number ("312 cas pour 100 000 habitants") and of a score
    ("3-1", "104-98"): proportions and results, not quantities."""
    dropped: set[int] = set()
    previous: _Quantity | None = None
    for i, quantity in enumerate(quantities):
        if (
            previous is not None
            and _is_count(previous)
            and _is_count(quantity)
            and grammar.ratio_link.fullmatch(text, previous.end, quantity.start)
            and (previous.value or 0) < (quantity.value or 0)
        ):
            dropped.update((i - 1, i))
        if _is_score(text, quantity):
            dropped.add(i)
            if previous is not None and text[previous.end : quantity.start] in ("-", "–"):
                dropped.add(i - 1)
        elif previous is not None and _is_denominator(text, previous, quantity):
            dropped.update((i - 1, i))
        elif _is_count(quantity) and grammar.one_in.search(
            text, max(0, quantity.start - 40), quantity.start
        ):
            dropped.add(i)  # "one in five": "one" is no figure of its own
        previous = quantity
    return [q for i, q in enumerate(quantities) if i not in dropped]


def _is_score(text: str, second: _Quantity) -> bool:
    """True for the second number of a score: two numbers glued by a dash, the first not
    below the second ("3-1", "104-98", "2-2": a range goes up), or a pair in a list of them
    ("6-4, 3-6, 7-6")."""
    if second.kind != "digits" or second.qualifier != "exact" or not _is_count(second):
        return False
    dash = _SCORE_DASH.search(text, max(0, second.start - 4), second.start)
    if dash is None:
        return False
    return (
        Decimal(dash.group(1)) >= (second.number or 0)
        or _SCORE_BEFORE.search(text, max(0, dash.start() - 12), dash.start()) is not None
        or _SCORE_AFTER.match(text, second.end) is not None
    )


_SCORE_DASH = re.compile(r"(?<![\d.,])(\d{1,3})[-–]$")
_SCORE_BEFORE = re.compile(r"(?<![\d.,])\d{1,3}[-–]\d{1,3},\s*$")
_SCORE_AFTER = re.compile(r",\s*\d{1,3}[-–]\d{1,3}(?![\d.,])")


def _is_denominator(text: str, rate: _Quantity, quantity: _Quantity) -> bool:
    """True when ``quantity`` is what ``rate`` is counted per: "pour 100 000 habitants"."""
    return (
        quantity.kind == "digits"
        and quantity.unit in _POPULATIONS
        and quantity.value in _ROUND_DENOMINATORS
        and _PER_BETWEEN.fullmatch(text, rate.end, quantity.start) is not None
    )


_ROUND_DENOMINATORS = {10, 100, 1_000, 10_000, 100_000, 1_000_000}


def _is_count(quantity: _Quantity) -> bool:
    """A whole number counting things, with no scale: what a ratio is made of."""
    return (
        quantity.kind in ("digits", "words")
        and not quantity.scaled
        and quantity.qualifier in ("exact", "approx")
        and quantity.number is not None
        and quantity.number == quantity.number.to_integral_value()
        and not quantity.year_like
        and (quantity.unit is None or quantity.unit not in _NOT_COUNTED)
    )


_NOT_COUNTED = {"percent", *_DURATION_UNITS, *MEASURE_SYMBOLS.values(), *CURRENCIES}


# French says "entre 30 et 40 000" for 30,000 to 40,000; English writes both in full.
_THOUSANDS_SAID_ONCE = {"fr": True, "en": False}


def _thousands_said_once(low: _Quantity, high: _Quantity) -> bool:
    """True when the low end of a range leaves out the thousands the high end writes: a
    whole number below 1,000 that, times 1,000, falls within a tenth of the high end."""
    if low.scaled or low.kind != "digits" or high.kind != "digits" or high.scaled:
        return False
    assert low.number is not None
    assert high.number is not None
    if low.number != low.number.to_integral_value() or not 0 < low.number < 1000:
        return False
    return high.number % 1000 == 0 and high.number / 10 < low.number * 1000 < high.number


def _follows_a_noun(text: str, start: int, grammar: Grammar) -> bool:
    """True when a number qualifies the noun just before it ("children under five")."""
    previous = _NOUN_BEFORE.search(text, max(0, start - 30), start)
    if not previous:
        return False
    word = previous.group(1).lower()
    return (
        word not in grammar.excluded_nouns
        and word not in _MORE_OF_THE_SAME
        and not word.endswith(("ment", "ly"))
    )


# Words before a number that add to the figure before it: "1.3m doses, and a further
# 700,000", "un supplément de", "another 300".
_MORE_OF_THE_SAME = {"further", "additional", "extra", "another", "supplémentaires"}
# English adjectives that count people on their own.
_PEOPLE_ADJECTIVES = {"dead", "injured", "wounded", "missing", "displaced", "homeless",
                      "unemployed", "killed", "hurt", "detained", "arrested"}  # fmt: skip


def _carry_units(
    text: str, quantities: list[_Quantity], grammar: Grammar, sentence: SentenceFinder
) -> list[_Quantity]:
    """Give a figure without unit the unit of the figure before it in the same sentence.

    "3,7 milliards de dollars, dont 1,2 milliard": 1,2 milliard is in dollars too; "97 pays
    ont voté pour, 12 contre": 12 countries.
    """
    if not any(q.unit is None for q in quantities):
        return quantities
    carried = []
    previous: _Quantity | None = None
    for quantity in quantities:
        if (
            quantity.unit is None
            and previous is not None
            and previous.unit is not None
            and not quantity.vague
            and not quantity.year_like
            and sentence.number(previous.start) == sentence.number(quantity.start)
            and not _follows_a_noun(text, quantity.start, grammar)
            and not _HYPHEN_AFTER.match(text, quantity.end)  # "the 3,500-page report"
            and not (
                previous.unit == "percent"
                and _LEVEL_REACHED.search(text[previous.end : quantity.start])
            )
        ):
            quantity = replace(quantity, unit=previous.unit)
        carried.append(quantity)
        if quantity.year_like and quantity.unit is None:
            continue  # "735 avions en 2023, contre 661": the year passes on no unit
        previous = quantity
    return carried


# English nouns that look plural but modify the noun after them: "1,900 police officers",
# "3 news agencies", "40 arms dealers".
_PLURAL_LOOKING_MODIFIERS = {"police", "news", "sales", "arms", "goods", "sports", "customs",
                             "savings", "earnings", "measles", "mumps", "diabetes", "rabies",
                             "physics", "economics", "politics"}  # fmt: skip
_HALF_A = re.compile(r"(?<!\w)[Hh]alf\s+$")
_HYPHEN_AFTER = re.compile(r"-[^\W\d_]")
# A level reached after a change in percent, right after it or after a comma: "rose 1.5 per
# cent to 472,400", "rose 14% in the week, to 2,316".
_LEVEL_REACHED = re.compile(
    r"(?:^\s*,?|,)\s*(?:to|à|pour\s+atteindre|to\s+reach)\s+$", re.IGNORECASE
)


def _is_figure(quantity: _Quantity) -> bool:
    """Drop what looked like a number but is not a figure: years, lone number words."""
    if quantity.unit is not None or quantity.vague or quantity.kind == "range":
        return True
    if quantity.year_like:
        return False
    if quantity.kind == "words":
        # "les deux", "l'un": words with no unit are rarely quantities; digits are.
        return quantity.scaled or quantity.qualifier != "exact"
    return True


def _figure(text: str, quantity: _Quantity, sentence: str) -> Figure:
    value = quantity.value
    high = quantity.high
    return Figure(
        start=quantity.start,
        end=quantity.end,
        text=text[quantity.start : quantity.end],
        value=None if value is None else float(value),
        value_max=None if high is None else float(high),
        unit=quantity.unit,
        qualifier=quantity.qualifier,
        vague=quantity.vague,
        sentence=sentence,
    )
