"""The site in a real browser: headless Debian Chromium driven by Playwright."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, sync_playwright

from tests.conftest import REPO, VALID_YAML
from tests.sitetools import synthetic_project
from timeline.build import build

ARTEFACTS = REPO / "tests" / "artefacts"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update",
                 "--disable-sync"]  # fmt: skip


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    executable = shutil.which("chromium")
    if executable is None:
        if os.environ.get("CI"):
            pytest.fail("chromium is missing: .ci/run installs it with apt-get")
        pytest.skip("chromium is not installed (apt-get install chromium)")
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        yield launched
        launched.close()


@pytest.fixture(scope="module")
def embedded_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("browser") / "out"
    build(str(REPO), str(out))
    return out


@pytest.fixture(scope="module")
def generated_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = synthetic_project(tmp_path_factory.mktemp("generated") / "project", 300,
                             n_documents=12)  # fmt: skip
    build(str(root), str(root / "output"))
    return root / "output"


class Visit:
    """A page opened from disk, with its console errors and requests outside the site."""

    def __init__(self, browser: Browser, path: Path, width: int = 1280) -> None:
        self.page: Page = browser.new_page(viewport={"width": width, "height": 900})
        self.errors: list[str] = []
        self.outside: list[str] = []
        self.dialogs: list[str] = []
        self.page.on("console", lambda m: self.errors.append(m.text) if m.type == "error" else None)
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))
        self.page.on("request", lambda r: None if r.url.startswith(("file://", "data:"))
                     else self.outside.append(r.url))  # fmt: skip
        self.page.on("dialog", lambda d: (self.dialogs.append(d.message), d.dismiss()))
        self.page.goto(path.as_uri())

    def charts_rendered(self) -> None:
        """Wait until every chart of the page says it rendered (or failed)."""
        self.page.wait_for_function(
            "Array.from(document.querySelectorAll('.vega, #chart'))"
            ".every(e => e.dataset.rendered || document.body.dataset.rendered)",
            timeout=15000)  # fmt: skip
        states = self.page.eval_on_selector_all(
            ".vega", "els => els.map(e => e.dataset.rendered)")  # fmt: skip
        assert all(s == "true" for s in states), states

    def close(self) -> None:
        self.page.close()


def _pages(site: Path) -> list[Path]:
    return sorted(p for p in site.rglob("*.html"))


def test_every_page_loads_cleanly(browser: Browser, embedded_site: Path) -> None:
    for path in _pages(embedded_site):
        visit = Visit(browser, path)
        if path.name == "index.html" and path.parent == embedded_site:
            visit.charts_rendered()
        if path.parent.name == "charts":
            visit.page.wait_for_function("document.body.dataset.rendered", timeout=15000)
            assert visit.page.evaluate("document.body.dataset.rendered") == "true"
        assert visit.errors == [], (path, visit.errors)
        assert visit.outside == [], (path, visit.outside)
        visit.close()


def test_generated_project_pages_load_cleanly(browser: Browser, generated_site: Path) -> None:
    sample = [generated_site / "index.html", generated_site / "data" / "index.html",
              generated_site / "about.html", generated_site / "events" / "e0.html",
              generated_site / "events" / "e299.html", generated_site / "documents" / "d3.html",
              *sorted((generated_site / "charts").glob("*.html"))]  # fmt: skip
    for path in sample:
        visit = Visit(browser, path)
        if path.parent.name == "charts":
            visit.page.wait_for_function("document.body.dataset.rendered", timeout=15000)
        elif path.name == "index.html" and path.parent == generated_site:
            visit.charts_rendered()
        assert visit.errors == [], (path, visit.errors)
        assert visit.outside == [], (path, visit.outside)
        visit.close()


def _timeline_marks(page: Page) -> int:
    count: int = page.evaluate(
        "document.querySelectorAll('#chart-timeline g.mark-symbol.role-mark path, "
        "#chart-timeline g.mark-rect.role-mark path').length")  # fmt: skip
    return count


def test_timeline_draws_one_mark_per_event(browser: Browser, embedded_site: Path,
                                           generated_site: Path) -> None:  # fmt: skip
    for site, events in ((embedded_site, 9), (generated_site, 300)):
        visit = Visit(browser, site / "index.html")
        visit.charts_rendered()
        assert _timeline_marks(visit.page) == events
        visit.close()


def test_filter_narrows_the_list(browser: Browser, generated_site: Path) -> None:
    visit = Visit(browser, generated_site / "index.html")
    page = visit.page
    rows = "#events tbody tr"
    assert page.locator(f"{rows}:visible").count() == 300
    page.fill("#filter-text", "Événement 12")  # 12, 112, 120 to 129, 212
    assert page.locator(f"{rows}:visible").count() == 13
    page.fill("#filter-text", "evenement 12")  # accents and case do not matter
    assert page.locator(f"{rows}:visible").count() == 13
    page.fill("#filter-text", "")
    page.select_option("#filter-category", "cat1")
    assert page.locator(f"{rows}:visible").count() == 75
    assert page.locator("#filter-count").inner_text().startswith("75 ")
    # The filter is usable with the keyboard alone.
    page.select_option("#filter-category", "")
    page.focus("#filter-text")
    page.keyboard.type("299")
    assert page.locator(f"{rows}:visible").count() == 1
    assert page.locator("#filter-count").inner_text() == "1 événement affiché"
    page.fill("#filter-text", "zzz")
    assert page.locator("#filter-count").inner_text() == "0 événement affiché"
    visit.close()


def test_filter_folds_apostrophes(browser: Browser, embedded_site: Path) -> None:
    visit = Visit(browser, embedded_site / "index.html")
    page = visit.page
    rows = "#events tbody tr"
    typed = page.locator(f"{rows}:visible")
    page.fill("#filter-text", "l'otan")  # the titles write "l’OTAN"
    with_straight = typed.count()
    page.fill("#filter-text", "l’otan")
    assert with_straight == typed.count() > 0
    visit.close()


def test_quote_link_lands_on_the_highlighted_passage(browser: Browser, embedded_site: Path) -> None:
    visit = Visit(browser, embedded_site / "events" / "reunion-paris-groupe-restreint.html")
    page = visit.page
    page.click("figure.quote figcaption a >> nth=0")
    page.wait_for_load_state()
    assert "documents/share-america-paris.html#q-reunion-paris-groupe-restreint-" in page.url
    current = page.locator("mark.quote.current")
    assert current.count() >= 1
    assert current.first.is_visible()
    box = current.first.bounding_box()
    assert box is not None
    assert box["y"] + box["height"] > 0
    assert box["y"] < 900
    visit.close()


def test_hostile_project_executes_nothing(browser: Browser, tmp_path: Path) -> None:
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "a.txt").write_text(
        "Le Conseil a réuni 12 délégations à Genève le 4 mars.\n"
        "<script>window.__pwned = 1</script> Plus de 300 observateurs seront déployés.\n",
        encoding="utf-8")  # fmt: skip
    (tmp_path / "docs" / "b.txt").write_text("The summit opened. Leaders pledged $2 billion.\n",
                                             encoding="utf-8")  # fmt: skip
    hostile = VALID_YAML.replace(
        "Réunion du Conseil à Genève",
        '"<script>window.__pwned = 2</script><img src=x onerror=alert(1)>"',
    ).replace(
        '"Plus de 300 observateurs seront déployés"',
        '"<script>window.__pwned = 1</script> Plus de 300 observateurs"',
    )
    (tmp_path / "events.yaml").write_text(hostile, encoding="utf-8")
    build(str(tmp_path), str(tmp_path / "output"))
    for path in _pages(tmp_path / "output"):
        visit = Visit(browser, path)
        if path == tmp_path / "output" / "index.html":
            visit.charts_rendered()
            visit.page.hover("#chart-timeline g.mark-symbol.role-mark path >> nth=0", force=True)
        assert visit.page.evaluate("window.__pwned") is None, path
        assert visit.dialogs == [], path
        visit.close()
    visit = Visit(browser, tmp_path / "output" / "index.html")
    assert "<script>window.__pwned = 2</script>" in visit.page.inner_text("#events")
    visit.close()


def test_screenshots_for_review(browser: Browser, embedded_site: Path) -> None:
    ARTEFACTS.mkdir(exist_ok=True)
    for name, width in (("desktop", 1280), ("phone", 390)):
        visit = Visit(browser, embedded_site / "index.html", width=width)
        visit.charts_rendered()
        path = ARTEFACTS / f"home-{name}.png"
        visit.page.screenshot(path=str(path), full_page=True)
        assert path.stat().st_size > 10_000
        visit.close()
