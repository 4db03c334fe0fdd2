"""The embedded coalition project: valid, dated as curated, every quote where it says."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from tests.conftest import REPO
from timeline.events import load_project
from timeline.model import Project
from timeline.quotes import normalise

SHARED_SEEDS = REPO.parent / "shared" / "seeds"


@pytest.fixture(scope="module")
def project() -> Project:
    return load_project(REPO)


def test_seeds_are_byte_for_byte_copies() -> None:
    if not SHARED_SEEDS.is_dir():
        pytest.skip("../shared/seeds is not beside this clone")
    for original in sorted(SHARED_SEEDS.iterdir()):
        copy = REPO / "seeds" / original.name
        assert copy.read_bytes() == original.read_bytes(), original.name


def test_dates_follow_the_public_record(project: Project) -> None:
    dates = {
        e.id: (str(e.date), str(e.end) if e.end else None, e.approximate) for e in project.events
    }
    assert dates == {
        "plan-anbar": ("2015-05-19", None, False),
        "reunion-paris-groupe-restreint": ("2015-06-02", None, False),
        "aide-humanitaire-americaine-2015": ("2015-06", None, False),
        "irak-territoire-libere": ("2017-12-09", None, False),
        "principes-directeurs-koweit": ("2018-02-13", None, False),
        "offensive-fds-phase-deux-roundup": ("2018-06-03", None, True),
        "otan-mission-formation-irak": ("2018-06-07", None, False),
        "reunion-ministres-defense-otan": ("2018-06-07", "2018-06-08", False),
        "mattis-coalition-bruxelles": ("2018-06-08", None, False),
    }


def test_every_quote_stands_at_its_span(project: Project) -> None:
    quotes = [q for e in project.events for q in e.sources]
    quotes += [f.quote for e in project.events for f in e.figures]
    for quote in quotes:
        text = project.document(quote.document_id).text
        assert normalise(text[quote.start : quote.end]) == normalise(quote.quote)


def test_documents_are_described(project: Project) -> None:
    for document in project.documents:
        data = (REPO / document.path).read_bytes()
        assert document.sha256 == hashlib.sha256(data).hexdigest()
        assert document.title
        assert document.published
        assert document.language == "fr"


def test_curated_figures(project: Project) -> None:
    figures = {(e.id, f.measure): f.quote.quote for e in project.events for f in e.figures}
    assert set(figures) == {
        ("reunion-paris-groupe-restreint", "paris_meeting_countries"),
        ("reunion-paris-groupe-restreint", "coalition_members"),
        ("aide-humanitaire-americaine-2015", "us_aid_syria"),
        ("aide-humanitaire-americaine-2015", "us_aid_iraq"),
        ("mattis-coalition-bruxelles", "coalition_members"),
    }


def test_readme_example_is_a_valid_project(tmp_path: Path) -> None:
    """The complete example of the README's format reference validates against the seeds."""
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    example = readme.split("<!-- example:events.yaml -->\n```yaml\n", 1)[1].split("```", 1)[0]
    (tmp_path / "seeds").mkdir()
    for seed in (REPO / "seeds").iterdir():
        (tmp_path / "seeds" / seed.name).write_bytes(seed.read_bytes())
    (tmp_path / "events.yaml").write_text(example, encoding="utf-8")
    load_project(tmp_path)
