"""Helpers for the site tests: synthetic projects and a crawl of links and anchors."""

from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

SENTENCES = [
    "Le conseil a réuni {n} délégations à Genève pour la session {k}.",
    "Près de {n} millions d’euros ont été promis pour la reconstruction.",
    "Plus de {n} observateurs seront déployés dans la région {k}.",
    "Les ministres ont adopté une déclaration commune sur le point {k}.",
]


def synthetic_project(root: Path, n_events: int, n_documents: int = 5,
                      title_prefix: str = "Événement") -> Path:  # fmt: skip
    """A project of ``n_events`` events citing ``n_documents`` documents of our own text."""
    (root / "docs").mkdir(parents=True, exist_ok=True)
    per_document = max(1, n_events // n_documents + 1)
    lines = ["project: {title: Projet de test, language: fr}", "documents:"]
    for d in range(n_documents):
        paragraphs = [
            SENTENCES[(d + i) % len(SENTENCES)].format(n=10 + i, k=f"{d}-{i}")
            for i in range(per_document)
        ]
        (root / "docs" / f"d{d}.txt").write_text("\n\n".join(paragraphs) + "\n", encoding="utf-8")
        lines.append(f"  - {{id: d{d}, path: docs/d{d}.txt, published: 2020-0{1 + d % 9}}}")
    lines.append("events:")
    for e in range(n_events):
        d, i = e % n_documents, e // n_documents
        quote = SENTENCES[(d + i) % len(SENTENCES)].format(n=10 + i, k=f"{d}-{i}")
        precision = ["2019-03-14", "2019-07", "2020", "2021-11-02"][e % 4]
        approximate = "true" if e % 7 == 0 else "false"
        lines.append(
            f"  - {{id: e{e}, date: {precision}, approximate: {approximate}, "
            f'title: "{title_prefix} {e}", category: cat{e % 4}, place: Lieu {e % 5}, '
            f'sources: [{{document: d{d}, quote: "{quote}"}}]}}'
        )
    (root / "events.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return root


def split_into_included_file(root: Path) -> Path:
    """Move the events of a project into an included file, as large projects do; the path
    of that file."""
    text = (root / "events.yaml").read_text(encoding="utf-8")
    head, events = text.split("events:\n", 1)
    (root / "more").mkdir()
    (root / "more" / "events.yaml").write_text("events:\n" + events, encoding="utf-8")
    (root / "events.yaml").write_text(head + "include:\n  - more/*.yaml\n", encoding="utf-8")
    return root / "more" / "events.yaml"


class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.links: list[str] = []
        self.ids: set[str] = set()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if values.get("id"):
            self.ids.add(str(values["id"]))
        for name in ("href", "src"):
            if values.get(name) and not (tag == "link" and values.get("rel") == "canonical"):
                self.links.append(str(values[name]))


def parse(page: Path) -> _Links:
    parser = _Links()
    parser.feed(page.read_text(encoding="utf-8"))
    return parser


def broken_links(site: Path) -> list[str]:
    """Every internal link or anchor of the site's pages that leads nowhere."""
    pages = {p.resolve(): parse(p) for p in site.rglob("*.html")}
    broken = []
    for page, parsed in pages.items():
        for link in parsed.links:
            parts = urlsplit(link)
            if parts.scheme or link.startswith("//"):
                continue  # an external link (the original article): not ours to check
            target = (page.parent / unquote(parts.path)).resolve() if parts.path else page
            if not target.exists():
                broken.append(f"{page.relative_to(site.resolve())}: {link}")
                continue
            if parts.fragment and target.suffix == ".html":
                ids = pages[target].ids if target in pages else parse(target).ids
                if unquote(parts.fragment) not in ids:
                    broken.append(f"{page.relative_to(site.resolve())}: {link} (no such anchor)")
    return broken
