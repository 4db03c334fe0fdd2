"""Figure extraction: the seeds, each supported form and trap, and properties of any text."""

from __future__ import annotations

import json
import random
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.conftest import REPO
from tests.eval.score import report, table_row
from timeline.figures import Figure, extract
from timeline.passages import sentences


def _tuples(figures: list[Figure]) -> list[tuple[object, ...]]:
    return [(f.text, f.value, f.value_max, f.unit, f.qualifier, f.vague) for f in figures]


def test_seed_figures_are_all_found_and_nothing_else() -> None:
    paris = (REPO / "seeds/003_ec8d6c7600c4db65.txt").read_text(encoding="utf-8")
    brussels = (REPO / "seeds/000_d2791ca394eb1f75.txt").read_text(encoding="utf-8")
    assert _tuples(extract(paris, "fr")) == [
        ("25 pays", 25.0, None, "pays", "exact", False),
        ("Plus de 60 pays", 60.0, None, "pays", "more_than", False),
        ("des millions de réfugiés", None, None, "réfugié", "approx", True),
        ("près de 3,7 milliards de dollars", 3.7e9, None, "USD", "approx", False),
        ("plus de 407 millions de dollars", 4.07e8, None, "USD", "more_than", False),
    ]
    assert _tuples(extract(brussels, "fr")) == [
        ("un peu plus de 100 heures", 100.0, None, "hour", "more_than", False),
        ("75 membres", 75.0, None, "membre", "exact", False),
    ]


def test_spans_are_offsets_into_the_text() -> None:
    text = "Préambule.\nLe fonds a reçu près de 3,7 milliards de dollars."
    (figure,) = extract(text, "fr")
    assert text[figure.start : figure.end] == figure.text == "près de 3,7 milliards de dollars"


FORMS = [
    # (language, sentence, expected (text, value, value_max, unit, qualifier))
    (
        "fr",
        "Le camp accueille 12\u202f500 personnes.",
        ("12\u202f500 personnes", 12500, None, "personne", "exact"),
    ),
    (
        "fr",
        "Un don de 1.250.000 euros a été versé.",
        ("1.250.000 euros", 1250000, None, "EUR", "exact"),
    ),
    ("fr", "L'agence a reçu 2,75 Md€ l'an dernier.", ("2,75 Md€", 2.75e9, None, "EUR", "exact")),
    ("fr", "Le plan coûte 12 M$ au total.", ("12 M$", 12e6, None, "USD", "exact")),
    (
        "fr",
        "La dette atteint 2 billions d'euros.",
        ("2 billions d'euros", 2e12, None, "EUR", "exact"),
    ),
    (
        "fr",
        "Quelque trois cents observateurs sont attendus.",
        ("Quelque trois cents observateurs", 300, None, "observateur", "approx"),
    ),
    ("fr", "Le vote a réuni vingt et un États.", ("vingt et un États", 21, None, "état", "exact")),
    ("fr", "La mission durera six mois environ.", ("six mois environ", 6, None, "month", "approx")),
    ("fr", "Il faudra de 4 à 6 semaines.", ("de 4 à 6 semaines", 4, 6, "week", "range")),
    ("fr", "Le convoi a parcouru 340 km hier.", ("340 km", 340, None, "km", "exact")),
    (
        "fr",
        "La participation a chuté de 12 pourcent.",
        ("12 pourcent", 12, None, "percent", "exact"),
    ),
    (
        "fr",
        "Pas plus de 40 navires pourront accoster.",
        ("Pas plus de 40 navires", 40, None, "navire", "at_most"),
    ),
    ("fr", "Le port a reçu 80 000 t de blé.", ("80 000 t", 80000, None, "t", "exact")),
    ("en", "The camp hosts 12,500 refugees.", ("12,500 refugees", 12500, None, "refugee", "exact")),
    (
        "en",
        "Officials expect between 2 and 3 million voters.",
        ("between 2 and 3 million voters", 2e6, 3e6, "voter", "range"),
    ),
    ("en", "The fund holds €450m in reserves.", ("€450m", 450e6, None, "EUR", "exact")),
    ("en", "Talks lasted twenty-two hours.", ("twenty-two hours", 22, None, "hour", "exact")),
    ("en", "Most of the 435 members voted.", ("435 members", 435, None, "member", "exact")),
    (
        "fr",
        "Le chantier a duré trois ans et demi.",
        ("trois ans et demi", 3.5, None, "year", "exact"),
    ),
    ("en", "Sales fell for 3 quarters in a row.", ("3 quarters", 3, None, "quarter", "exact")),
    ("en", "The firm has 1.2m customers.", ("1.2m customers", 1.2e6, None, "customer", "exact")),
    ("en", "A 1.2m wall was built.", ("1.2m", 1.2, None, "m", "exact")),
    (
        "fr",
        "Mille cinq cents bénévoles sont attendus.",
        ("Mille cinq cents bénévoles", 1500, None, "bénévole", "exact"),
    ),
    ("fr", "L'équipage a volé pendant 36 h sans escale.", ("36 h", 36, None, "hour", "exact")),
    (
        "en",
        "Two and a half million people fled.",
        ("Two and a half million people", 2.5e6, None, "person", "exact"),
    ),
    (
        "en",
        "They met one hundred and twenty delegates.",
        ("one hundred and twenty delegates", 120, None, "delegate", "exact"),
    ),
    ("en", "A hundred soldiers stayed.", ("A hundred soldiers", 100, None, "soldier", "exact")),
    (
        "fr",
        "Entre 30 et 40 000 manifestants ont défilé.",
        ("Entre 30 et 40 000 manifestants", 30000, 40000, "manifestant", "range"),
    ),
    (
        "fr",
        "Il faut entre 1 et 10 000 euros.",
        ("entre 1 et 10 000 euros", 1, 10000, "EUR", "range"),
    ),
    (
        "fr",
        "La frontière est gardée par 2 500 gardes-frontières.",
        ("2 500 gardes-frontières", 2500, None, "garde-frontière", "exact"),
    ),
    ("fr", "La marine aligne 4 sous-marins.", ("4 sous-marins", 4, None, "sous-marin", "exact")),
    (
        "fr",
        "Ils étaient au bas mot 2 000 manifestants.",
        ("au bas mot 2 000 manifestants", 2000, None, "manifestant", "at_least"),
    ),
    (
        "en",
        "More than half a million people fled.",
        ("More than half a million people", 5e5, None, "person", "more_than"),
    ),
    (
        "en",
        "Each of the five households owns a car.",
        ("five households", 5, None, "household", "exact"),
    ),
    (
        "fr",
        "Un million et demi de personnes ont défilé.",
        ("Un million et demi de personnes", 1.5e6, None, "personne", "exact"),
    ),
    (
        "en",
        "No fewer than 15 ships were inspected.",
        ("No fewer than 15 ships", 15, None, "ship", "at_least"),
    ),
    ("fr", "Les négociations ont duré 9 h d'affilée.", ("9 h", 9, None, "hour", "exact")),
    ("fr", "Le convoi a roulé pendant 4 h sans pause.", ("4 h", 4, None, "hour", "exact")),
    ("fr", "L'inflation a gagné 0,3 point sur un an.", ("0,3 point", 0.3, None, "point", "exact")),
    (
        "fr",
        "La nébuleuse est à 7 500 années-lumière.",
        ("7 500 années-lumière", 7500, None, "ly", "exact"),
    ),
    (
        "en",
        "The cluster is 2,000 light years away.",
        ("2,000 light years", 2000, None, "ly", "exact"),
    ),
    (
        "fr",
        "La mairie a logé 850 sans-abri cet hiver.",
        ("850 sans-abri", 850, None, "sans-abri", "exact"),
    ),
    ("en", "The vote drew 412 MPs to the chamber.", ("412 MPs", 412, None, "mp", "exact")),
    ("en", "Ministers agreed to hold warming to 1.5C.", ("1.5C", 1.5, None, "°C", "exact")),
    (
        "fr",
        "Elle a fini le parcours en un peu plus de trois heures.",
        ("un peu plus de trois heures", 3, None, "hour", "more_than"),
    ),
]


@pytest.mark.parametrize(("lang", "sentence", "expected"), FORMS, ids=[f[1][:30] for f in FORMS])
def test_supported_forms(lang: str, sentence: str, expected: tuple[object, ...]) -> None:
    found = [(f.text, f.value, f.value_max, f.unit, f.qualifier) for f in extract(sentence, lang)]
    text, value, value_max, unit, qualifier = expected
    assert found == [
        (
            text,
            float(value),
            None if value_max is None else float(value_max),  # type: ignore[arg-type]
            unit,
            qualifier,
        )
    ]


TRAPS = [
    ("fr", "Le sommet s'est tenu le 12 juillet 2016 à 14 h 30."),
    ("fr", "En 2015, la résolution 2254 a été adoptée."),
    ("fr", "La première réunion du G20 a eu lieu au XXe siècle."),
    ("fr", "Les F-16 et le Covid-19 ont dominé la 3e session [12]."),
    ("fr", "Un accord a été trouvé avec une délégation."),
    ("fr", "Appelez le +33 1 45 67 89 10 avant le 1er mars."),
    ("en", "The plan, known as ISIS 2.0, surfaced on June 2, 2015."),
    ("en", "The 21st summit opened at 10:30 a.m. under Article 5."),
    ("en", "Boeing 747 freighters landed in the 1990s."),
    ("en", "The 2016 accord replaced the one of the 1990 summit."),
    ("fr", "Les deux tiers des électeurs ont voté."),
    ("fr", "Les rafales ont atteint 130 km/h, soit 8 tonnes par hectare de débris."),
    ("en", "Three quarters of voters agreed."),
    ("fr", "Pour tout signalement, composez le 0 805 200 300."),
    ("en", "Dial 0345 600 7000 or 0117 496 0123 to book."),
    ("fr", "Les travaux de la ligne 15 et la phase 2 du projet avancent."),
    ("en", "Results of the stage 2 study were shown."),
    ("fr", "Le départ des 12 Heures de Sebring est donné."),
    ("fr", "Le guichet ouvre de 8 h à 12 h."),
    ("fr", "Près de 4 foyers sur 5 sont équipés."),
    ("fr", "Une commune sur 12 a voté contre."),
    ("en", "Roughly 7 in 10 households recycle."),
    ("en", "One in eight nurses left the service."),
    ("en", "Only 2 out of 9 bids were accepted."),
    ("fr", "Nantes a battu Rennes 2-0, puis a fait match nul 1-1."),
    ("en", "She won the final 7-5, 4-6, 6-2."),
    ("en", "The justices ruled 5-4 under Rule 12(b)(6)."),
    ("fr", "Vu l'article R. 4127-32 du code de la santé publique."),
    ("fr", "Le siège est au 8 bis, avenue Foch, à Nancy (54000)."),
    ("en", "Police were called to 221 Baker Street at 2:14:05."),
    ("en", "He was clocked at 112 mph."),
    ("fr", "On compte 54 cas pour 100 000 habitants."),
    ("en", "Infant deaths fell to 4 per 1,000 births."),
    ("fr", "La sortie numérotée 12 est fermée, au kilomètre 88."),
    ("en", "For bookings, call 555-0199 or dial 999."),
]


@pytest.mark.parametrize(("lang", "sentence"), TRAPS, ids=[t[1][:30] for t in TRAPS])
def test_traps_give_no_figure(lang: str, sentence: str) -> None:
    assert extract(sentence, lang) == []


@pytest.mark.parametrize(
    ("sentence", "qualifier", "text"),
    [
        ("Il a versé en plus de 3 millions d'euros une aide.", "exact", "3 millions d'euros"),
        ("Il ne reste plus que 3 jours.", "exact", "3 jours"),
        ("On compte 5 pays de plus.", "exact", "5 pays"),
        ("Pas plus de 5 pays ont signé.", "at_most", "Pas plus de 5 pays"),
    ],
)
def test_lookalikes_of_more_than(sentence: str, qualifier: str, text: str) -> None:
    (figure,) = extract(sentence, "fr")
    assert (figure.text, figure.qualifier) == (text, qualifier)


def test_unit_carries_over_within_a_sentence_only() -> None:
    found = extract(
        "Ils ont promis 3,7 milliards de dollars, dont 1,2 milliard pour l'Irak. "
        "Un autre texte cite 4 millions.",
        "fr",
    )
    assert [(f.text, f.unit) for f in found] == [
        ("3,7 milliards de dollars", "USD"),
        ("1,2 milliard", "USD"),
        ("4 millions", None),
    ]


def test_a_number_glued_to_a_word_takes_no_unit_from_before() -> None:
    found = extract("It took 18 months to write the 3,500-page report.", "en")
    assert [(f.text, f.unit) for f in found] == [("18 months", "month"), ("3,500", None)]


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("The grant paid $40 in 12 towns.", [("$40", "USD"), ("12 towns", "town")]),
        ("Wages rose 2% in 14 regions.", [("2%", "percent"), ("14 regions", "region")]),
        ("She ran 30 km in 3 hours.", [("30 km", "km"), ("3 hours", "hour")]),
        ("He set 4 records in 2021.", [("4 records", "record")]),
    ],
)
def test_what_only_looks_like_a_ratio(sentence: str, expected: list[tuple[str, str]]) -> None:
    assert [(f.text, f.unit) for f in extract(sentence, "en")] == expected


def test_people_counted_by_an_adjective() -> None:
    found = extract("The blast left at least 9 dead, 31 injured and 6 wounded officers.", "en")
    assert [(f.text, f.unit) for f in found] == [
        ("at least 9 dead", "dead"),
        ("31 injured", "injured"),
        ("6 wounded officers", "officer"),
    ]


def test_a_further_amount_is_in_the_same_unit() -> None:
    found = extract("Donors sent 2.4m vaccines, and a further 500,000 are due.", "en")
    assert [(f.text, f.unit) for f in found] == [
        ("2.4m vaccines", "vaccine"),
        ("500,000", "vaccine"),
    ]


@pytest.mark.parametrize(
    ("lang", "sentence", "expected"),
    [
        (
            "fr",
            "Devant 18 200 spectateurs, le club a gagné.",
            [("18 200 spectateurs", "spectateur")],
        ),
        ("en", "Despite 40 complaints, the show went on.", [("40 complaints", "complaint")]),
        (
            "en",
            "It reported 212 confirmed measles cases.",
            [("212 confirmed measles cases", "case")],
        ),
        ("fr", "Les randonneurs, âgés de 23 et 27 ans.", [("23", "year"), ("27 ans", "year")]),
        ("en", "Fares rose 6% over the year, to 3,150.", [("6%", "percent"), ("3,150", None)]),
        ("fr", "Une étude menée sur trois décennies.", [("trois décennies", "decade")]),
        ("fr", "Le taux d'alcool était de 0,9 g par litre.", []),
        ("fr", "Les ventes ont été 4 fois plus fortes.", [("4 fois", "times")]),
        ("en", "Exports grew 3.5 times in a decade.", [("3.5 times", "times")]),
    ],
)
def test_openers_compounds_shared_units_and_rates(
    lang: str, sentence: str, expected: list[tuple[str, str | None]]
) -> None:
    assert [(f.text, f.unit) for f in extract(sentence, lang)] == expected


def test_a_unit_and_scale_written_once_for_two_numbers() -> None:
    found = extract("The fund needs 3 or 4 million dollars.", "en")
    assert [(f.text, f.value, f.unit) for f in found] == [
        ("3", 3e6, "USD"),
        ("4 million dollars", 4e6, "USD"),
    ]


def test_a_count_after_call_is_not_a_phone_number() -> None:
    found = extract("The campaign will call 300 voters and text 40 donors.", "en")
    assert [(f.text, f.unit) for f in found] == [("300 voters", "voter"), ("40 donors", "donor")]


def test_a_vote_count_is_two_figures() -> None:
    found = extract("The chamber voted 301 to 219 for the bill.", "en")
    assert [(f.text, f.value) for f in found] == [("301", 301.0), ("219", 219.0)]


def test_raising_is_a_change() -> None:
    found = extract("The plan proposes raising the cap from 40 to 60 staff.", "en")
    assert [(f.value, f.unit, f.qualifier) for f in found] == [
        (40.0, "staff", "exact"),
        (60.0, "staff", "exact"),
    ]


def test_a_year_between_two_figures_does_not_stop_the_unit() -> None:
    found = extract("La compagnie a transporté 812 passagers en 2019, contre 640 en 2018.", "fr")
    assert [(f.text, f.unit) for f in found] == [("812 passagers", "passager"), ("640", "passager")]


@pytest.mark.parametrize(
    "sentence",
    ["Sales climbed 4.2 per cent to 18,300.", "Sales climbed 4.2 per cent, to 18,300."],
)
def test_a_level_after_a_change_in_percent_is_not_in_percent(sentence: str) -> None:
    found = extract(sentence, "en")
    assert [(f.text, f.unit, f.qualifier) for f in found] == [
        ("4.2 per cent", "percent", "exact"),
        ("18,300", None, "exact"),
    ]


@pytest.mark.parametrize(
    ("sentence", "unit"),
    [
        ("Le décret relève le plafond de 40 à 55 ans.", "year"),
        ("La loi ramène le délai de 12 à 8 mois.", "month"),
        ("The board lifted the cap from 30 to 45 days.", "day"),
    ],
)
def test_present_tense_changes_are_two_figures(sentence: str, unit: str) -> None:
    lang = "en" if sentence.startswith("The") else "fr"
    found = extract(sentence, lang)
    assert [(f.unit, f.qualifier) for f in found] == [(unit, "exact"), (unit, "exact")]


def test_an_amount_is_a_range_though_montant_looks_like_a_change() -> None:
    (figure,) = extract("Un montant de 20 à 25 millions d'euros est inscrit.", "fr")
    assert (figure.value, figure.value_max, figure.unit) == (2e7, 2.5e7, "EUR")


def test_change_is_two_figures_not_a_range() -> None:
    found = extract("Le nombre de membres est passé de 60 à 75 membres.", "fr")
    assert [(f.text, f.value, f.unit, f.qualifier) for f in found] == [
        ("60", 60.0, "membre", "exact"),
        ("75 membres", 75.0, "membre", "exact"),
    ]


def test_unknown_language_is_refused() -> None:
    with pytest.raises(ValueError, match="unsupported language 'de'"):
        extract("12 Länder", "de")


def test_labelled_sets_meet_the_goals() -> None:
    """Precision, recall and F1 on the hand-labelled sets (see tests/eval/README.md)."""
    for holdout in (False, True):
        for lang, score in report(holdout).items():
            assert score.value()[2] >= 0.95, (lang, holdout, score)
            assert score.tuple()[2] >= 0.90, (lang, holdout, score)


def test_the_readme_gives_the_scores_as_they_are() -> None:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    for holdout in (False, True):
        for lang, score in report(holdout).items():
            assert table_row(holdout, lang, score, found=False) in readme, (holdout, lang)


# -- properties ---------------------------------------------------------------------------


def _group(digits: str, separator: str) -> str:
    head = len(digits) % 3 or 3
    parts = [digits[:head]] + [digits[i : i + 3] for i in range(head, len(digits), 3)]
    return separator.join(parts)


@st.composite
def written_numbers(draw: st.DrawFn) -> tuple[str, str, Decimal]:
    """A number written the way French or English press writes it, and its value."""
    lang = draw(st.sampled_from(["fr", "en"]))
    whole = draw(st.integers(min_value=2, max_value=999_999_999))
    decimals = draw(st.sampled_from(["", "", "5", "25", "75"]))
    if lang == "fr":
        separator = draw(st.sampled_from([" ", "\u00a0", "\u202f", ".", "'", ""]))
        mark = ","
    else:
        separator = draw(st.sampled_from([",", " ", "\u00a0", ""]))
        mark = "."
    if separator in ".," and whole < 1000:
        separator = ""
    written = _group(str(whole), separator) if whole >= 1000 else str(whole)
    value = Decimal(whole)
    if decimals and separator not in (".", ","):
        written += mark + decimals
        value = Decimal(f"{whole}.{decimals}")
    scales = {
        "fr": [("", 1), (" millions", 10**6), (" milliards", 10**9), (" Md", 10**9)],
        "en": [("", 1), (" million", 10**6), (" billion", 10**9), ("bn", 10**9)],
    }
    if whole < 1000:
        suffix, multiplier = draw(st.sampled_from(scales[lang]))
        written += suffix
        value *= multiplier
    return lang, written, value


SENTENCES = {
    "fr": [
        "Le fonds a reçu {} de dollars pour la reconstruction.",
        "Selon le ministère, {} euros ont été engagés cette année.",
        "Les donateurs ont promis {} $ lors de la conférence.",
    ],
    "en": [
        "The fund received {} dollars for reconstruction.",
        "Officials said ${} had been committed this year.",
        "Donors pledged {} euros at the conference.",
    ],
}


@settings(max_examples=400, deadline=None)
@given(number=written_numbers(), template=st.integers(min_value=0, max_value=2))
def test_any_written_number_is_read_back(number: tuple[str, str, Decimal], template: int) -> None:
    lang, written, value = number
    sentence = SENTENCES[lang][template].format(written)
    if " de dollars" in sentence and not any(s in written for s in ("million", "milliard")):
        sentence = sentence.replace(" de dollars", " dollars")
    found = extract(sentence, lang)
    assert len(found) == 1, (sentence, found)
    assert found[0].value == pytest.approx(float(value)), sentence
    assert written.strip() in found[0].text


@settings(max_examples=300, deadline=None)
@given(text=st.text(), lang=st.sampled_from(["fr", "en"]))
def test_any_text_gives_well_formed_figures(text: str, lang: str) -> None:
    previous_end = 0
    for figure in extract(text, lang):
        assert text[figure.start : figure.end] == figure.text
        assert previous_end <= figure.start < figure.end
        previous_end = figure.end


PIECES = [
    "12",
    "3,5",
    "1 000",
    "millions",
    "de",
    "dollars",
    "plus de",
    "entre",
    "et",
    "à",
    "-",
    "%",
    "environ",
    "vingt",
    "cinq",
    "$",
    "€",
    "Md",
    "des",
    "centaines",
    "juin",
    "2015",
    " ",
    " ",
    ".",
    "\n",
    "une",
    "dizaine",
    "pays",
    "over",
    "million",
    "k",
]


@settings(max_examples=300, deadline=None)
@given(parts=st.lists(st.sampled_from(PIECES), max_size=30), lang=st.sampled_from(["fr", "en"]))
def test_number_soup_gives_well_formed_figures(parts: list[str], lang: str) -> None:
    text = " ".join(parts)
    previous_end = 0
    for figure in extract(text, lang):
        assert text[figure.start : figure.end] == figure.text
        assert previous_end <= figure.start < figure.end
        assert figure.vague == (figure.value is None)
        if figure.qualifier == "range":
            assert figure.value_max is not None
            assert figure.value is not None
            assert figure.value < figure.value_max
        previous_end = figure.end


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_a_figure_may_open_the_text(lang: str) -> None:
    (figure,) = extract("125 km", lang)
    assert (figure.start, figure.value, figure.unit) == (0, 125.0, "km")


def test_negative_numbers_and_ranges_with_a_dash() -> None:
    found = extract("Le PIB a reculé de -3,2 % ; il faudra 3 - 5 ans.", "fr")
    assert [(f.text, f.value, f.value_max) for f in found] == [
        ("-3,2 %", -3.2, None),
        ("3 - 5 ans", 3.0, 5.0),
    ]


def test_each_figure_knows_its_sentence() -> None:
    text = (
        "Le port est fermé. Plus de 60 navires   attendent,\n"
        "et 12 repartent. M. Roy compte 3 grues."
    )
    found = {f.text: f.sentence for f in extract(text)}
    assert found == {
        "Plus de 60 navires": "Plus de 60 navires attendent,",
        "12": "et 12 repartent.",
        "3 grues": "M. Roy compte 3 grues.",
    }


def test_sentences_are_those_of_the_whole_text_whatever_its_line_breaks() -> None:
    lines = [
        json.loads(line)["text"]
        for line in (REPO / "tests" / "eval" / "figures_en.jsonl").read_text("utf-8").splitlines()
    ]
    random.Random(4).shuffle(lines)
    # Among them what opens a quotation at a line's end: it ends the sentence before it.
    glue = [" ", "\n", "\r\n", "\n\n   ", ".\n", " M. Roy a dit. ", ". «\n", " (\n  “"]
    text = "".join(line + glue[i % len(glue)] for i, line in enumerate(lines))
    whole = sentences(text)
    found = extract(text, "en")
    assert len(found) > 100
    for figure in found:
        i = whole.at(figure.start)
        assert figure.sentence == " ".join(text[whole.starts[i] : whole.ends[i]].split())
