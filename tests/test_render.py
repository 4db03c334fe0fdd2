"""Work on other processes (drawing helpers, forked page writers): the same files as on one."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.sitetools import synthetic_project
from timeline import __version__
from timeline import build as build_module
from timeline.build import build
from timeline.cache import NO_CACHE, Cache, code_digest, machine_cache
from timeline.render import Renderer, RenderError, draw

LINE = {
    "mark": "line",
    "data": {"values": [{"x": 1, "y": 3}, {"x": 2, "y": 1}]},
    "encoding": {"x": {"field": "x", "type": "quantitative"},
                 "y": {"field": "y", "type": "quantitative"}},
}  # fmt: skip


def _files(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*"))
            if p.is_file()}  # fmt: skip


def test_helpers_draw_what_this_process_draws() -> None:
    spec = json.dumps(LINE)
    with Renderer(helpers=2) as renderer:
        drawn = [renderer.draw(spec, locale) for locale in ("fr-FR", "en-US", "fr-FR")]
        results = [future.result(timeout=60) for future in drawn]
    assert results[0] == draw(spec, "fr-FR") == results[2]
    svg, png = results[1]
    assert svg.startswith(b"<svg")
    assert png.startswith(b"\x89PNG")


def test_a_chart_that_cannot_be_drawn_is_an_error_not_a_hang() -> None:
    with Renderer(helpers=1) as renderer:
        broken = renderer.draw('{"mark": "nonsense"}', "en-US")
        after = renderer.draw(json.dumps(LINE), "en-US")
        with pytest.raises(RenderError):
            broken.result(timeout=60)
        assert after.result(timeout=60)[0].startswith(b"<svg")  # the helper goes on


def test_a_helper_that_dies_fails_what_waits() -> None:
    renderer = Renderer(helpers=1)
    renderer._helpers[0].process.kill()
    with pytest.raises(RenderError, match="stopped"):
        renderer.draw(json.dumps(LINE), "en-US").result(timeout=60)
    renderer.close()


def test_the_bundle_is_made_once_per_machine_cache(tmp_path: Path) -> None:
    cache = Cache(tmp_path)
    with Renderer(helpers=1, cache=cache) as renderer:
        script = renderer.bundle().result(timeout=120)
    assert b"vegaEmbed" in script
    assert cache.misses == 1
    again = Cache(tmp_path)
    assert Renderer(cache=again).bundle().result() == script
    assert (again.hits, again.misses) == (1, 0)


def test_builds_on_one_or_several_processes_are_identical(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Drawing helpers, and pages and data files shared out among forked processes.
    monkeypatch.setattr(build_module, "PARALLEL_PAGES_FROM", 0)
    root = synthetic_project(tmp_path / "p", 30, n_documents=3)
    build(str(root), str(tmp_path / "one"), jobs=1, use_cache=False)
    build(str(root), str(tmp_path / "two"), jobs=2, use_cache=False)
    assert _files(tmp_path / "one") == _files(tmp_path / "two")


def test_a_build_draws_here_on_one_core_and_on_two_helpers_above(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    assert machine_cache().folder == tmp_path / "timeline" / f"{__version__}-{code_digest()}"
    assert machine_cache(use=False) is NO_CACHE
    assert Renderer.for_build(1, use_cache=True)._helpers == []
    with Renderer.for_build(8, use_cache=False) as renderer:
        assert len(renderer._helpers) == 2
        assert renderer._cache is NO_CACHE
