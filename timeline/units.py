"""The words that follow a number: currencies, percentages, durations, measures, counted nouns."""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import cache

from babel import Locale
from babel.numbers import get_currency_name

# Currency codes whose names and symbols are looked for in text. Babel (CLDR) knows some
# 300 currencies, most of them historical; their names would mostly add false matches.
CURRENCIES = (
    "USD", "EUR", "GBP", "CHF", "JPY", "CNY", "CAD", "AUD", "NZD", "HKD", "SEK", "NOK",
    "DKK", "RUB", "INR", "BRL", "MXN", "ZAR", "TRY", "SAR", "AED", "QAR", "KWD", "IQD",
    "SYP", "LBP", "JOD", "EGP", "MAD", "DZD", "TND", "XOF", "XAF", "NGN", "KES", "ILS",
    "IRR", "PKR", "AFN", "UAH", "PLN", "CZK", "HUF", "KRW", "SGD",
)  # fmt: skip

# Symbols written before or after a number. "$" alone is the US dollar, as in the
# press that this tool reads; other dollars carry a prefix (C$, A$, HK$).
SYMBOLS = {
    "US$": "USD", "$US": "USD", "$": "USD", "C$": "CAD", "CA$": "CAD", "A$": "AUD",
    "AU$": "AUD", "NZ$": "NZD", "HK$": "HKD", "€": "EUR", "£": "GBP", "¥": "JPY",
    "₹": "INR", "₽": "RUB", "₺": "TRY", "₪": "ILS", "₩": "KRW", "R$": "BRL",
}  # fmt: skip

# Names that CLDR words differently from the press ("dollars des États-Unis").
_EXTRA_NAMES = {
    "fr": {
        "dollar": "USD", "dollars": "USD", "dollars américains": "USD", "dollars us": "USD",
        "dollar américain": "USD", "euro": "EUR", "euros": "EUR", "livre sterling": "GBP",
        "livres sterling": "GBP", "franc suisse": "CHF", "francs suisses": "CHF",
        "franc cfa": "XOF", "francs cfa": "XOF", "yen": "JPY", "yens": "JPY", "yuan": "CNY",
        "yuans": "CNY", "rouble": "RUB", "roubles": "RUB", "roupie": "INR", "roupies": "INR",
        "dinar irakien": "IQD", "dinars irakiens": "IQD", "dirham": "MAD", "dirhams": "MAD",
    },
    "en": {
        "dollar": "USD", "dollars": "USD", "us dollars": "USD", "u.s. dollars": "USD",
        "american dollars": "USD", "euro": "EUR", "euros": "EUR", "pound": "GBP",
        "pounds": "GBP", "pounds sterling": "GBP", "sterling": "GBP", "swiss francs": "CHF",
        "cfa francs": "XOF", "yen": "JPY", "yuan": "CNY", "renminbi": "CNY", "roubles": "RUB",
        "rubles": "RUB", "rupees": "INR", "iraqi dinars": "IQD",
    },
}  # fmt: skip

PERCENT = {"%", "pour cent", "pourcent", "pourcents", "pour-cent", "percent", "per cent", "pct"}

DURATIONS = {
    "fr": {
        "heure": "hour", "heures": "hour", "jour": "day", "jours": "day", "journée": "day",
        "journées": "day", "semaine": "week", "semaines": "week", "mois": "month",
        "an": "year", "ans": "year", "année": "year", "années": "year", "minute": "minute",
        "minutes": "minute", "seconde": "second", "secondes": "second", "décennie": "decade",
        "décennies": "decade",
        # Symbols, once the times of day are set aside ("à 14 h"): "pendant 36 h", "45 min".
        "h": "hour", "min": "minute",
    },
    "en": {
        "hour": "hour", "hours": "hour", "hr": "hour", "hrs": "hour", "day": "day",
        "days": "day", "week": "week", "weeks": "week", "month": "month", "months": "month",
        "year": "year", "years": "year", "minute": "minute", "minutes": "minute",
        "second": "second", "seconds": "second", "h": "hour", "min": "minute",
        "decade": "decade", "decades": "decade",
    },
}  # fmt: skip

# Measures, written as abbreviations (any language) or as words.
MEASURE_SYMBOLS = {
    "km": "km", "m": "m", "cm": "cm", "mm": "mm", "kg": "kg", "g": "g", "t": "t",
    "l": "l", "L": "l", "ml": "ml", "ha": "ha", "km²": "km2", "km2": "km2", "m²": "m2",
    "m2": "m2", "mi": "mi", "°C": "°C", "°F": "°F", "MW": "MW", "GW": "GW", "kW": "kW",
    "kWh": "kWh", "MWh": "MWh", "GWh": "GWh", "TWh": "TWh", "Mt": "Mt", "nmi": "nmi",
    "dm": "dm", "hm": "hm", "mg": "mg", "µg": "µg", "cl": "cl", "dl": "dl", "hl": "hl",
    "m³": "m3", "m3": "m3", "kt": "kt", "lb": "lb", "lbs": "lb", "oz": "oz", "ft": "ft",
    "yd": "yd",
}  # fmt: skip
MEASURE_WORDS = {
    "fr": {
        "kilomètre": "km", "kilomètres": "km", "mètre": "m", "mètres": "m",
        "centimètre": "cm", "centimètres": "cm", "millimètre": "mm", "millimètres": "mm",
        "kilogramme": "kg", "kilogrammes": "kg", "kilo": "kg", "kilos": "kg",
        "gramme": "g", "grammes": "g", "tonne": "t", "tonnes": "t", "litre": "l",
        "litres": "l", "hectare": "ha", "hectares": "ha", "kilomètres carrés": "km2",
        "kilomètre carré": "km2", "mètres carrés": "m2", "mètre carré": "m2",
        "degrés celsius": "°C", "degrés": "°C", "milles nautiques": "nmi",
        "mégawatts": "MW", "gigawatts": "GW", "mile": "mi", "miles": "mi",
        "décimètre": "dm", "décimètres": "dm", "hectomètre": "hm", "hectomètres": "hm",
        "milligramme": "mg", "milligrammes": "mg", "microgramme": "µg",
        "microgrammes": "µg", "centilitre": "cl", "centilitres": "cl", "millilitre": "ml",
        "millilitres": "ml", "hectolitre": "hl", "hectolitres": "hl", "mètres cubes": "m3",
        "mètre cube": "m3", "année-lumière": "ly", "années-lumière": "ly",
        # A multiple: "3 fois plus", "multiplié par 2,5" is not one.
        "fois": "times",
    },
    "en": {
        "kilometre": "km", "kilometres": "km", "kilometer": "km", "kilometers": "km",
        "metre": "m", "metres": "m", "meter": "m", "meters": "m", "centimetres": "cm",
        "centimeters": "cm", "millimetres": "mm", "millimeters": "mm", "kilogram": "kg",
        "kilograms": "kg", "kilogrammes": "kg", "kilos": "kg", "grams": "g", "tonne": "t",
        "tonnes": "t", "ton": "t", "tons": "t", "litre": "l", "litres": "l", "liter": "l",
        "liters": "l", "hectare": "ha", "hectares": "ha", "square kilometres": "km2",
        "square kilometers": "km2", "square metres": "m2", "square meters": "m2",
        "mile": "mi", "miles": "mi", "square miles": "mi2", "nautical miles": "nmi",
        "degrees celsius": "°C", "degrees": "°C", "megawatts": "MW", "gigawatts": "GW",
        "milligrams": "mg", "micrograms": "µg", "millilitres": "ml", "milliliters": "ml",
        "cubic metres": "m3", "cubic meters": "m3", "feet": "ft", "foot": "ft",
        "inches": "in", "inch": "in", "yards": "yd", "ounces": "oz", "barrels": "barrel",
        "light-year": "ly", "light-years": "ly", "light year": "ly", "light years": "ly",
        "times": "times",
    },
}  # fmt: skip


# The units that are not counts of things (money, percentages, durations, measures): each
# has a scale of its own, which no other unit shares.
SCALED_UNITS = frozenset(
    {*CURRENCIES, "percent"}
    | {unit for words in DURATIONS.values() for unit in words.values()}
    | set(MEASURE_SYMBOLS.values())
    | {unit for words in MEASURE_WORDS.values() for unit in words.values()}
)


def share_a_scale(units: Iterable[str | None]) -> bool:
    """Whether figures in ``units`` can be drawn on one axis: all counts (counted nouns such
    as "pays" and "membre", or bare numbers), or all in one unit of money, percentage,
    duration or measure."""
    return len({unit if unit in SCALED_UNITS else "count" for unit in units}) <= 1


@cache
def currency_names(lang: str) -> dict[str, str]:
    """Lower-case currency names of ``lang``, singular and plural, to their ISO codes.

    The names come from Babel's CLDR data ("dollars canadiens", "couronnes suédoises"),
    completed with the forms the press uses that CLDR words otherwise.
    """
    locale = Locale.parse(lang)
    names: dict[str, str] = {}
    for code in CURRENCIES:
        for count in (1, 2):
            name = get_currency_name(code, count=count, locale=locale).lower()
            if name and name != code.lower() and not any(c in name for c in "()"):
                names.setdefault(name, code)
    names.update(_EXTRA_NAMES[lang])
    return names


def alternation(words: Iterable[str]) -> str:
    """A regex alternation of ``words``, longest first so that the longest form wins."""
    return "|".join(re.escape(w) for w in sorted(words, key=lambda w: (-len(w), w)))


# -- counted nouns ------------------------------------------------------------------------

STOPWORDS = {
    "fr": set(
        """le la les l un une des du de d au aux à a en et ou mais dont que qu qui quoi ce cet
        cette ces son sa ses leur leurs notre nos votre vos mon ma mes ton ta tes il elle ils
        elles on nous vous je tu se s y ne n pas plus moins très trop bien aussi avec sans pour
        par sur sous dans entre vers chez contre selon depuis pendant avant après dès jusqu lors
        est sont était étaient été être ont avait avaient avoir fait font sera seront serait
        seraient va vont peut peuvent doit doivent déjà encore toujours environ près presque
        quelque quelques plusieurs chaque tout tous toute toutes même comme si ainsi alors
        donc car puis soit seulement notamment respectivement contre supplémentaires
        auparavant hier aujourd demain fois ci là ici cela ça celui celle ceux celles où
        chacun chacune aucun aucune quand comment pourquoi lequel laquelle lesquels
        lesquelles dernier dernière derniers dernières prochain prochaine prochains
        prochaines passé passés passée passées suivants suivantes précédents""".split()
    ),
    "en": set(
        """the a an of in on at to for from by with and or but as than that which who whom
        whose this these those it its their his her our your my is are was were be been being
        has have had do does did will would shall should can could may might must not no more
        less about around nearly some over under between per each every all both other such
        only also just already still yet they them he she we you i there here then so if
        because while when where how what why into onto out up down off across through
        during before after since until against among within without toward towards upon
        including plus minus last next earlier later ago again ahead""".split()
    ),
}

# French adjectives that stand before the noun they qualify ("25 nouveaux pays").
_FR_ADJECTIVES_BEFORE = set(
    """nouveaux nouvelles nouvel nouveau nouvelle autres anciens anciennes jeunes petits
    petites grands grandes gros vrais seuls seules principaux principales premiers premières
    véritables simples""".split()
)
_FR_INVARIANT = set(
    """pays mois fois corps bras temps prix voix croix choix poids repas cas colis procès
    abus avis virus bus campus discours secours concours recours parcours bois gaz fils
    mars français anglais colis souris permis compromis tapis consensus processus corpus
    bonus terminus prospectus obus""".split()
)
_EN_IRREGULAR = {
    "people": "person", "persons": "person", "men": "man", "women": "woman",
    "children": "child", "feet": "foot", "teeth": "tooth", "lives": "life",
    "wives": "wife", "personnel": "personnel", "police": "police", "staff": "staff",
    "aircraft": "aircraft", "sheep": "sheep", "fish": "fish", "series": "series",
    "species": "species", "headquarters": "headquarters", "news": "news",
}  # fmt: skip


# First parts of French compounds that never take the plural.
_FR_INVARIANT_PREFIXES = {"sous", "après", "avant", "arrière", "non", "demi", "semi", "mi",
                          "vice", "ex", "pré", "post", "anti", "contre", "haut"}  # fmt: skip


def lemma(word: str, lang: str) -> str:
    """The lower-case singular of a counted noun: "réfugiés" → "réfugié", "countries" →
    "country"."""
    low = word.lower()
    if len(word) > 2 and word.endswith("s") and word[:-1].isupper():
        return low[:-1]  # an acronym in the plural: "MPs", "NGOs"
    if lang == "fr" and low.startswith("sans-"):
        return low  # "sans-abri", "sans-papiers": the same in the plural
    if lang == "fr" and "-" in low and low not in _FR_INVARIANT:
        first, rest = low.split("-", 1)
        if first in _FR_INVARIANT_PREFIXES:  # "sous-marins" → "sous-marin"
            return f"{first}-{lemma(rest, lang)}"
        if first.endswith(("s", "x")) and len(first) > 3:
            # Both nouns of the compound carry the plural: "gardes-frontières".
            return "-".join(lemma(part, lang) for part in low.split("-"))
        return low  # the first part is a verb: "porte-avions" is singular too
    if lang == "fr":
        if low in _FR_INVARIANT or len(low) <= 3:
            return low
        if low == "yeux":
            return "œil"
        if low == "travaux":
            return "travail"
        if low.endswith("eaux"):
            return low[:-1]
        if low.endswith("aux"):
            return low[:-3] + "al"
        if low.endswith(("s", "x")) and not low.endswith(("ss", "ès")):
            return low[:-1]
        return low
    if low in _EN_IRREGULAR:
        return _EN_IRREGULAR[low]
    if len(low) <= 3 or low.endswith(("ss", "us", "is")):
        return low
    if low.endswith("ies"):
        return low[:-3] + "y"
    if low.endswith(("sses", "xes", "zes", "ches", "shes")):
        return low[:-2]
    if low.endswith("s"):
        return low[:-1]
    return low


def looks_plural(word: str, lang: str) -> bool:
    """True for a noun in the plural ("soldats", "pays", "troops", "people")."""
    low = word.lower()
    if lang == "fr":
        return low.endswith(("s", "x", "z")) or low in _FR_INVARIANT or low.startswith("sans-")
    return (low.endswith("s") and not low.endswith(("ss", "us", "is"))) or low in _EN_IRREGULAR


def is_adjective_before_noun(word: str, lang: str) -> bool:
    """True for words that may stand between a number and the noun it counts."""
    if lang == "fr":
        return word.lower() in _FR_ADJECTIVES_BEFORE
    # English puts adjectives first: nationalities, participles, a few common ones.
    low = word.lower()
    return (
        word[:1].isupper()
        or low.endswith(("ed", "ing"))
        or low
        in {
            "new",
            "more",
            "other",
            "additional",
            "extra",
            "young",
            "old",
            "small",
            "large",
            "big",
            "full",
            "armed",
            "local",
            "foreign",
            "military",
            "civilian",
        }
    )
