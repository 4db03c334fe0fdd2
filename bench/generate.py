"""Write a synthetic project of N events and D documents, deterministic for a given seed.

    python bench/generate.py OUT_FOLDER --events 10000 [--documents 1000] [--seed 1]
                                        [--split 1000]

Documents are made of press-like French sentences written for this benchmark from templates:
figures of every supported form (money, counts, durations, percentages, ranges, round and
vague quantities, number words), dates and traps (years, ordinals, identifiers). Events cite
real sentences of those documents, with every date precision, ranges (end), approximate
dates, several categories, and curated figures. With --split, events go into included
files of that many events each (events/0000.yaml, ...), as large projects do.
"""

from __future__ import annotations

import argparse
import random
from pathlib import Path

# Our own sentences, written for this benchmark. {i} makes each sentence unique.
TEMPLATES = [
    "Le conseil a réuni {n} délégations à Genève pour la session {i}, a indiqué le porte-parole.",
    "Près de {m},{d} milliards de dollars ont été promis lors de la conférence {i} des donateurs.",
    "Plus de {n} observateurs seront déployés dans la zone {i} avant la fin de l'été.",
    "Le programme {i} prévoit entre {n} et {n2} millions d'euros sur {k} ans.",
    "Une vingtaine de pays ont rejoint l'initiative {i}, selon le communiqué publié le {day} mars.",
    "Le taux de participation a atteint {n},{d} % dans la circonscription {i}.",
    "Des milliers de réfugiés ont traversé la frontière au poste {i} depuis le début de l'année.",
    "Vingt-cinq experts du groupe {i} se réuniront pendant {k} jours à Vienne.",
    "La résolution {year} du comité {i} a été adoptée à l'unanimité lors de la {k}e séance.",
    "Au moins {n} personnes ont été évacuées du quartier {i}, a précisé la protection civile.",
    "Le convoi {i} a parcouru {n2} km en moins de {k} heures.",
    "Le budget de la mission {i} s'élève à {n} M€ pour l'exercice {year}-{year2}.",
    "Quelque {n} 000 soldats participent à l'exercice {i}, le plus important depuis {year}.",
    "Les ministres ont adopté une déclaration commune sur le dossier {i}.",
    "Un accord a été trouvé avec les partenaires du projet {i} après de longues discussions.",
    "Jusqu'à {n} navires pourront accoster au port {i} d'ici {year2}.",
]
CATEGORIES = ["réunion", "décision", "aide humanitaire", "opération militaire", "élection",
              "accord", "crise", "rapport"]  # fmt: skip
PLACES = ["Paris, France", "Genève, Suisse", "Bruxelles, Belgique", "Bagdad, Irak",
          "Amman, Jordanie", "New York, États-Unis", "Koweït", "Vienne, Autriche"]  # fmt: skip
MEASURES = {"delegations": ("Délégations présentes", 0), "pledges": ("Promesses de dons", 1),
            "observers": ("Observateurs déployés", 2)}  # fmt: skip


def _sentence(rng: random.Random, template: int, i: str) -> str:
    n = rng.randint(12, 95)
    return TEMPLATES[template].format(
        n=n, n2=n + rng.randint(5, 40), m=rng.randint(1, 9), d=rng.randint(1, 9),
        k=rng.randint(2, 9), day=rng.randint(1, 28), year=rng.randint(1990, 2020),
        year2=rng.randint(2021, 2030), i=i)  # fmt: skip


def _date(rng: random.Random, index: int) -> tuple[str, str | None, bool]:
    year = 2000 + rng.randint(0, 24)
    month, day = rng.randint(1, 12), rng.randint(1, 28)
    kind = index % 10
    if kind < 6:
        return f"{year}-{month:02d}-{day:02d}", None, kind == 5
    if kind < 8:
        return f"{year}-{month:02d}", None, False
    if kind == 8:
        return f"{year}", None, False
    end_day = min(28, day + rng.randint(1, 5))
    return f"{year}-{month:02d}-{day:02d}", f"{year}-{month:02d}-{end_day:02d}", False


def _quoted(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def generate(out: Path, events: int, documents: int, seed: int = 1, split: int = 0) -> None:
    rng = random.Random(seed)
    (out / "docs").mkdir(parents=True, exist_ok=True)
    per_document = max(1, -(-events // documents))
    sentences: list[list[tuple[int, str]]] = []
    for d in range(documents):
        lines = []
        count = max(per_document + 4, 42)
        for s in range(count):
            template = rng.randrange(len(TEMPLATES))
            # "D12S3" names the sentence: letters glued to digits make no figure.
            lines.append((template, _sentence(rng, template, f"D{d}S{s:03d}")))
        paragraphs = [" ".join(t for _, t in lines[i : i + 2]) for i in range(0, len(lines), 2)]
        (out / "docs" / f"doc{d:05d}.txt").write_text("\n\n".join(paragraphs) + "\n",
                                                      encoding="utf-8")  # fmt: skip
        sentences.append(lines)
    head = [
        "project:",
        f"  title: Projet synthétique de {events} événements",
        "  language: fr",
        "documents:",
    ]
    for d in range(documents):
        head.append(f"  - {{id: doc{d:05d}, path: docs/doc{d:05d}.txt, "
                    f"published: {2000 + d % 25}-{1 + d % 12:02d}}}")  # fmt: skip
    head.append("measures:")
    head += [f"  {name}: {{label: {label}}}" for name, (label, _) in MEASURES.items()]
    entries = []
    for e in range(events):
        d = e % documents
        template, sentence = sentences[d][e // documents]
        date, end, approximate = _date(rng, e)
        category = CATEGORIES[e % len(CATEGORIES)]
        title = f"{category.capitalize()} {e}: {sentence[:60]}"
        lines = [
            f"  - id: e{e:06d}",
            f"    date: {date}",
            f"    title: {_quoted(title)}",
            f"    category: {category}",
            f"    place: {PLACES[rng.randrange(len(PLACES))]}",
            f"    actors: [Acteur {e % 50}, Acteur {(e + 7) % 50}]",
            "    sources:",
            f"      - document: doc{d:05d}",
            f"        quote: {_quoted(sentence)}",
        ]  # fmt: skip
        if end:
            lines.insert(2, f"    end: {end}")
        if approximate:
            lines.insert(2, "    approximate: true")
        measure = next((m for m, (_, t) in MEASURES.items() if t == template), None)
        if measure is not None and e % 3 == 0:
            # The quote holds the figure and the sentence's name, so it stands once only.
            quote = {"delegations": sentence.split(",")[0],
                     "pledges": sentence.split(" des donateurs")[0],
                     "observers": sentence.split(" avant")[0]}[measure]  # fmt: skip
            lines += ["    figures:", f"      - measure: {measure}",
                      f"        quote: {_quoted(quote)}"]  # fmt: skip
        entries.append("\n".join(lines))
    if split and events > split:
        (out / "events").mkdir(exist_ok=True)
        for part, start in enumerate(range(0, events, split)):
            chunk = entries[start : start + split]
            (out / "events" / f"{part:04d}.yaml").write_text(
                "events:\n" + "\n".join(chunk) + "\n", encoding="utf-8")  # fmt: skip
        body = "include:\n  - events/*.yaml\n"
    else:
        body = "events:\n" + "\n".join(entries) + "\n"
    (out / "events.yaml").write_text("\n".join(head) + "\n" + body, encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path, help="folder to write the project into")
    parser.add_argument("--events", type=int, default=1000)
    parser.add_argument("--documents", type=int, help="default: a tenth of the events, at least 2")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument(
        "--split",
        type=int,
        default=0,
        help="events per included file (default: all in events.yaml)",
    )
    args = parser.parse_args()
    documents = args.documents or max(2, args.events // 10)
    generate(args.out, args.events, documents, args.seed, args.split)


if __name__ == "__main__":
    main()
