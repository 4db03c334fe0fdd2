"""The patterns figures are read with, per language: the words around a number (qualifiers,
scales, currencies, units) and the dates, times and names that are not figures."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache

from timeline.numbers import (
    DIGITS,
    NUMBER_WORDS,
    ROUND_NOUNS,
    SCALE_ABBREVIATIONS,
    SCALES,
    VAGUE_NOUNS,
    WORD_JOINERS,
)
from timeline.units import (
    CURRENCIES,
    DURATIONS,
    MEASURE_SYMBOLS,
    MEASURE_WORDS,
    PERCENT,
    STOPWORDS,
    SYMBOLS,
    alternation,
    currency_names,
)

# -- the words around a number ------------------------------------------------------------

_MONTHS = {
    "fr": "janvier|janv|février|fevrier|févr|fév|mars|avril|avr|mai|juin|juillet|juil|août|"
    "aout|septembre|sept|octobre|oct|novembre|nov|décembre|decembre|déc|dec",
    "en": "January|Jan|February|Feb|March|Mar|April|Apr|May|June|Jun|July|Jul|August|Aug|"
    "September|Sept|Sep|October|Oct|November|Nov|December|Dec",
}
_QUALIFIERS_BEFORE = {
    "fr": {
        "at_most": r"pas\s+plus\s+d[e'’]|tout\s+au\s+plus|au\s+plus|au\s+maximum|"
        r"jusqu['’]\s*(?:à|a|aux)|un\s+maximum\s+d[e'’]|n['’]excédant\s+pas",
        "more_than": r"(?:un\s+peu\s+|bien\s+|légèrement\s+|nettement\s+|largement\s+)?"
        r"plus\s+d[e'’]|au[-\s]delà\s+d[e'’]|supérieure?s?\s+à",
        "less_than": r"(?:un\s+peu\s+|bien\s+|légèrement\s+)?moins\s+d[e'’]|"
        r"(?:bien\s+)?en\s+dessous\s+d[e'’]|en\s+deçà\s+d[e'’]|inférieure?s?\s+à",
        "at_least": r"au\s+moins|au\s+bas\s+mot|au\s+minimum|pas\s+moins\s+d[e'’]|"
        r"un\s+minimum\s+d[e'’]",
        "approx": r"près\s+d[e'’]|environ|quelque|quasiment|presque|pratiquement|"
        r"autour\s+d[e'’]|approximativement|aux\s+alentours\s+d[e'’]|à\s+peu\s+près|"
        r"de\s+l['’]ordre\s+d[e'’]|grosso\s+modo|une\s+estimation\s+d[e'’]|estimée?s?\s+à",
    },
    "en": {
        "at_most": r"up\s+to|no\s+more\s+than|not\s+more\s+than|at\s+most|"
        r"a\s+maximum\s+of|as\s+many\s+as",
        "more_than": r"(?:just\s+|a\s+little\s+|slightly\s+|well\s+|far\s+)?"
        r"(?:more\s+than|over|above|upwards\s+of|in\s+excess\s+of|exceeding)",
        "less_than": r"(?:just\s+|slightly\s+|well\s+)?(?:less\s+than|fewer\s+than|under|below)",
        "at_least": r"at\s+least|no\s+fewer\s+than|no\s+less\s+than|not\s+less\s+than|"
        r"a\s+minimum\s+of",
        "approx": r"nearly|almost|about|around|some|roughly|approximately|close\s+to|"
        r"an\s+estimated|estimated|circa|approx\.|more\s+or\s+less",
    },
}
_QUALIFIERS_AFTER = {
    "fr": {
        "approx": r"environ|à\s+peu\s+près",
        "at_least": r"au\s+moins|au\s+minimum|ou\s+plus|et\s+plus|ou\s+davantage",
        "at_most": r"au\s+plus|tout\s+au\s+plus|au\s+maximum",
    },
    "en": {
        "approx": r"or\s+so|approximately|roughly",
        "at_least": r"at\s+least|or\s+more|and\s+(?:more|above|over)",
        "at_most": r"at\s+most|or\s+(?:fewer|less)",
    },
}
# Verbs of change: "est passé de 60 à 75" gives two figures, not a range.
_CHANGE_VERBS = {
    "fr": r"pass\w*|augment\w*|grimp\w*|bais\w*|chut\w*|diminu\w*|rédui\w*|port\w*|évolu\w*|"
    r"recul\w*|progress\w*|bondi\w*|tomb\w*|mont(?!ant)\w*|crû|croît|accru\w*|relev\w*|ramen\w*|"
    r"relèv\w*|ramèn\w*|élev\w*|élèv\w*|rehauss\w*|abaiss\w*|doubl\w*|multipli\w*|"
    r"allong\w*|prolong\w*|raccourci\w*|étend\w*|étendu\w*|gonfl\w*|envol\w*",
    "en": r"grew|grow\w*|grown|rose|rise\w*|risen|rising|increas\w*|fell|fall\w*|dropp?\w*|"
    r"declin\w*|climb\w*|jump\w*|went|go|goes|going|gone|rais\w*|cut|reduc\w*|expand\w*|"
    r"decreas\w*|shrank|shrunk|soar\w*|plunge\w*|doubl\w*|moved?|changed?|lift\w*|"
    r"lower\w*|boost\w*|extend\w*|slash\w*|trimm?\w*|swell\w*|swollen|surg\w*|tripl\w*",
}
# Words before a number that make it a name or a reference, not a quantity.
IDENTIFIER_WORDS = {
    "fr": """résolution résolutions article articles chapitre chapitres paragraphe alinéa
    section annexe page pages numéro no n° tome volume vol loi décret règlement directive
    catégorie niveau version point protocole rapport ligne lignes phase étape épisode saison
    acte grade stade classe échelon kilomètre numéroté numérotée numérotés numérotées""".split(),
    "en": """resolution resolutions article articles chapter chapters section paragraph
    annex page pages number no item category level version route flight room gate
    platform channel district rule amendment title grade tier protocol report phase stage
    episode season line lines exit junction milepost numbered""".split(),
}
_SYMBOL_ALTERNATION = alternation(SYMBOLS)
# Letters that say which dollar a "$" is, written before it ("C$", "HK $", "US $").
_DOLLAR_PREFIXES = "US|us|CA|C|c|HK|hk|AU|A|NZ|Mex|S"
_CODE_ALTERNATION = "|".join(CURRENCIES)


@dataclass(frozen=True)
class Grammar:
    """The compiled patterns of one language."""

    lang: str
    candidates: re.Pattern[str]
    not_figure_at: re.Pattern[str]
    not_figure_after: re.Pattern[str]
    duration_words: re.Pattern[str]
    phone_words: re.Pattern[str]
    month_first_date: re.Pattern[str]
    time_words: re.Pattern[str]
    hours: re.Pattern[str]
    references: re.Pattern[str]
    links: re.Pattern[str]
    qualifier_before: re.Pattern[str]
    qualifier_after: re.Pattern[str]
    symbol_before: re.Pattern[str]
    opener_before: re.Pattern[str]
    scale_after: re.Pattern[str]
    abbreviation_after: re.Pattern[str]
    money_after: re.Pattern[str]
    percent_after: re.Pattern[str]
    measure_symbol_after: re.Pattern[str]
    glued_degrees: re.Pattern[str]
    named_unit_after: re.Pattern[str]
    of_after: re.Pattern[str]
    word: re.Pattern[str]
    connector: re.Pattern[str]
    change_verb: re.Pattern[str]
    ratio_link: re.Pattern[str]
    one_in: re.Pattern[str]
    named_units: dict[str, str]
    excluded_nouns: frozenset[str]


def _cased(words: Iterable[str]) -> str:
    """An alternation of ``words`` as written, Capitalised and in CAPITALS.

    Patterns that scan a whole text are case-sensitive on purpose: the regex engine then
    skips ahead to the possible first letters, several times faster than IGNORECASE.
    """
    return alternation({v for w in words for v in (w, w[:1].upper() + w[1:], w.upper())})


@cache
def grammar_of(lang: str) -> Grammar:
    words = NUMBER_WORDS[lang]
    first_words = [w for w in words if w not in ("un", "une", "one")]
    joiner = WORD_JOINERS[lang]
    one = _cased(["un", "une"] if lang == "fr" else ["one", "a", "an"])
    scales = alternation(SCALES[lang])
    months = _MONTHS[lang]
    cased_months = _cased(months.split("|") + [m.lower() for m in months.split("|")])
    vague_nouns = _cased(VAGUE_NOUNS[lang])
    if lang == "fr":
        vague = (
            rf"(?<!\w)(?:{_cased(['des', 'plusieurs', 'quelques', 'les', 'aux'])}"
            rf"|[Dd]e\s+nombreu(?:x|ses))\s+(?:{vague_nouns})"
            r"(?:\s+de\s+(?:milliers|millions|milliards))?\b"
        )
        round_noun = rf"(?<!\w)(?:{one})\s+(?:bonne\s+|petite\s+)?(?:{_cased(ROUND_NOUNS)})\b"
    else:
        vague = (
            rf"(?<!\w)(?:(?:{_cased(['tens', 'hundreds'])})\s+of\s+)?(?:{vague_nouns})"
            rf"(?=\s+of\b)|(?<!\w)(?:{_cased(['several', 'a few', 'a couple of', 'many'])})"
            r"\s+(?:dozen|hundred|thousand|million|billion)s?\b"
        )
        round_noun = rf"(?<!\w)(?:{_cased(['a'])})\s+(?:good\s+)?dozen\b"
    # "un", "one", "a" start a number only before a scale ("un million", "a hundred"), or
    # before a half ("one and a half hours").
    one_before = scales if lang == "fr" else rf"{scales}|hundred|and\s+a\s+half"
    words_pattern = (
        rf"(?<![\w-])(?:(?:{_cased(first_words)})|(?:{one})(?=\s+(?:{one_before})\b))"
        rf"(?:{joiner}(?:{_cased(words)}))*\b(?!-)"
    )
    candidates = re.compile(
        rf"(?P<digits>(?<![\w.,])(?:{DIGITS}))|(?P<vague>{vague})|(?P<round>{round_noun})"
        rf"|(?P<words>{words_pattern})"
    )
    time_openers = _cased(["à", "vers", "dès", "avant", "après", "jusqu’à", "jusqu'à"])
    ordinal = r"(?:er|ᵉʳ)?" if lang == "fr" else r"(?:st|nd|rd|th)?"
    day_list = rf"\d{{1,2}}{ordinal}(?:\s*(?:,|et|au|à|-|–|and|to)\s*\d{{1,2}}{ordinal})*"
    # Numbers that start a date, a time, a phone number or a reference, matched where the
    # number starts: "2 juin 2015", "14 h 30", "10:30", "2014-2016", "01 23 45 67 89".
    not_figure_at = re.compile(
        rf"{day_list}\s+(?:of\s+)?(?:{cased_months})\b\.?(?:,?\s+\d{{4}}\b)?"
        r"|\d{4}-\d{2}-\d{2}\b|\d{1,2}[/.]\d{1,2}[/.]\d{2,4}\b|\d+/\d+\b"
        r"|(?:[01]?\d|2[0-4])(?!\d)\s?h\s?\d{2}\b|\d{1,2}:\d{2}(?::\d{2})?\b"
        # "14 h" is a time, "3 h de débats" a duration.
        r"|(?P<hour>(?:[01]?\d|2[0-4])(?!\d)\s?h\b(?!['’])(?!\s+(?:de|d['’])\s*[^\W\d_]))"
        r"|\d{1,2}(?:[:.]\d{2})?\s*(?:a\.m\.|p\.m\.|am\b|pm\b)|\d{1,2}\s+o['’]clock\b"
        r"|(?:1[5-9]\d\d|20\d\d)\s*[-–/]\s*(?:1[5-9]\d\d|20\d\d|\d\d)\b|\d{4}-\d+\b"
        r"|\d{1,2}[.)](?=\s+[a-zà-öø-ÿ])"
        # Addresses and French postcodes: "au 12, rue des Lilas", "Villeurbanne (69100)".
        + (
            r"|\d{1,4}(?:\s?(?:bis|ter))?,?\s+(?:rue|avenue|boulevard|bd|place|chemin|allée|"
            r"impasse|quai|route|cours)\b|(?<=\()\d{5}(?=\))"
            if lang == "fr"
            else r"|\d{1,5}\s+(?:[A-Z]\w+\s+){1,3}(?:Street|St|Avenue|Ave|Road|Rd|Boulevard|"
            r"Blvd|Lane|Drive|Way|Place|Square)\b"
        )
        # Phone numbers: no quantity starts with a zero ("01 42 75 80 00", "0800 555 111",
        # "0 800 130 000").
        + r"|0\d*[1-9]\d*(?:[\s.-]\d{2,})*\b|0[\s\u00a0\u202f]\d{3}(?:[\s\u00a0\u202f]\d{3})+\b"
    )
    # ...or that follow the words of one: "juin 2015", "June 2, 2015", "à 14 heures".
    not_figure_after = re.compile(
        rf"(?<!\w)(?:(?:{cased_months})\.?|(?P<year_word>{_cased(['années', 'an', 'the'])}))\s+$"
    )
    month_first_date = re.compile(rf"(?:{cased_months})\.?\s+{day_list}(?:,?\s+\d{{4}}\b)?")
    # ...unless a word of duration stands before it: "pendant 3 h", "en moins de 2 h".
    duration_words = re.compile(
        r"(?<!\w)(?:pendant|durant|en|environ|quelque|(?:plus|moins|près)\s+d[e'’]|for|in|"
        r"over|about|nearly|almost|(?:more|less)\s+than)\s*$",
        re.IGNORECASE,
    )
    time_words = re.compile(rf"(?<!\w)(?:{time_openers})\s+$" if lang == "fr" else r"(?<!\w)at\s+$")
    hours = re.compile(
        r"(?:[01]?\d|2[0-4])\s*(?:h|heures?|hours?)\b(?:\s*\d{2}\b)?"
        r"(?!\s+(?:de|d['’]|of)\b)"
    )
    references = re.compile(r"\[\d+(?:[,–-]\s*\d+)*\]|\+\s?\d{1,3}(?:[\s.-]?\(?\d{1,4}\)?){3,}")
    links = re.compile(r"https?://\S+|www\.\S+|[\w.+-]+@[\w-]+\.[\w.]+")

    def before(groups: dict[str, str]) -> re.Pattern[str]:
        return re.compile(
            r"(?<!\w)(?:" + "|".join(f"(?P<{k}>{v})" for k, v in groups.items()) + r")\s*$",
            re.IGNORECASE,
        )

    def after(groups: dict[str, str]) -> re.Pattern[str]:
        return re.compile(
            r"\s*,?\s*(?:" + "|".join(f"(?P<{k}>{v})" for k, v in groups.items()) + r")\b"
            # ...unless the words lead on to another number or mean something else
            # ("au plus bas", "and more than 200").
            r"(?!\s*(?:d[e'’]\s*|than\b|que\b|bas\b|haut\b|tard\b|tôt\b|loin\b)?\s*\d)"
            r"(?!\s*(?:than|que|bas|haut|tard|tôt|loin)\b)",
            re.IGNORECASE,
        )

    named_units = {
        **{name: code for name, code in currency_names(lang).items()},
        **{name: unit for name, unit in DURATIONS[lang].items()},
        **MEASURE_WORDS[lang],
    }
    percent_words = alternation(p for p in PERCENT if p != "%")
    return Grammar(
        lang=lang,
        candidates=candidates,
        not_figure_at=not_figure_at,
        not_figure_after=not_figure_after,
        duration_words=duration_words,
        phone_words=re.compile(
            r"(?<!\w)(?:appele[rz]\s+le|compose[rz]\s+le|tél\.?|téléphone\s*:|numéro\s+vert)\s*:?\s*$"
            if lang == "fr"
            else r"(?<!\w)(?:call|dial|phone|tel\.?|telephone|hotline|helpline)\s*:?\s*$",
            re.IGNORECASE,
        ),
        month_first_date=month_first_date,
        time_words=time_words,
        hours=hours,
        references=references,
        links=links,
        qualifier_before=before(_QUALIFIERS_BEFORE[lang]),
        qualifier_after=after(_QUALIFIERS_AFTER[lang]),
        symbol_before=re.compile(
            rf"(?:(?<![^\W\d_])(?P<country>{_DOLLAR_PREFIXES})\s?)?(?P<symbol>{_SYMBOL_ALTERNATION})"
            rf"\s?$|\b(?P<code>{_CODE_ALTERNATION})\s?$"
        ),
        opener_before=re.compile(
            r"(?<!\w)(?:(?P<between>entre|between)|(?P<from>de|d['’]|du|from))\s*$",
            re.IGNORECASE,
        ),
        scale_after=re.compile(rf"\s*(?:{scales})\b", re.IGNORECASE),
        abbreviation_after=re.compile(rf"\s?(?:{alternation(SCALE_ABBREVIATIONS)})(?![^\W\d_])"),
        money_after=re.compile(
            rf"\s?(?:(?P<symbol>{_SYMBOL_ALTERNATION})"
            rf"(?:\s?(?P<country>USD?|CAD?|C|HK|AUD?|usd|cad|hk|aud)\b)?|(?P<code>{_CODE_ALTERNATION})\b)"
        ),
        percent_after=re.compile(rf"\s?%|\s+(?:{percent_words})\b", re.IGNORECASE),
        measure_symbol_after=re.compile(rf"\s?(?:{alternation(MEASURE_SYMBOLS)})(?![^\W\d_]|['’])"),
        # The English press glues degrees to the number: "warming of 1.5C", "100F".
        glued_degrees=re.compile(r"[CF](?![\w'’-])" if lang == "en" else r"(?!)"),
        named_unit_after=re.compile(rf"\s*(?:{alternation(named_units)})\b", re.IGNORECASE),
        of_after=re.compile(
            r"\s+(?:de\s+|d['’]\s*|des\s+)" if lang == "fr" else r"\s+of\s+", re.IGNORECASE
        ),
        word=re.compile(r"\s*([^\W\d_]\w*(?:[-'’]\w+)*)"),
        connector=re.compile(
            r"\s*(?:(?P<and>et|and|ou|or)|(?P<to>à|au|to|through)|(?P<dash>[-–—]))\s*$",
            re.IGNORECASE,
        ),
        change_verb=re.compile(rf"\b(?:{_CHANGE_VERBS[lang]})\b[^.;!?]{{0,25}}$", re.IGNORECASE),
        # What stands between the two numbers of a ratio: "9 écoles sur 10", "9 in 10".
        ratio_link=re.compile(r"\s+sur\s+" if lang == "fr" else r"\s+(?:in|out\s+of)\s+"),
        one_in=re.compile(
            rf"(?<!\w)(?:{_cased(['un', 'une'] if lang == 'fr' else ['one', 'a'])})\s+"
            + (r"(?:[^\W\d_]+\s+)?sur\s+$" if lang == "fr" else r"(?:in|out\s+of)\s+$")
        ),
        named_units={k.lower(): v for k, v in named_units.items()},
        excluded_nouns=frozenset(
            set(STOPWORDS[lang])
            | set(NUMBER_WORDS[lang])
            | {m.lower() for m in months.split("|")}
            | set(SCALES[lang])
        ),
    )
