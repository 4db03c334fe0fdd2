"""Extraction on a Dask cluster gives the same figures, in the same order, as on one machine."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from distributed import LocalCluster

from tests.conftest import Run
from tests.sitetools import synthetic_project
from timeline.events import load_project
from timeline.extraction import document_figures


@pytest.fixture(scope="module")
def scheduler() -> Iterator[str]:
    # Threads rather than processes: the workers share this test's Python and its imports.
    with LocalCluster(n_workers=2, threads_per_worker=1, processes=False,
                      dashboard_address=None) as cluster:  # fmt: skip
        yield cluster.scheduler_address


def test_dask_matches_local_extraction(scheduler: str, tmp_path: Path) -> None:
    project = load_project(synthetic_project(tmp_path / "p", 80, n_documents=16))
    local = document_figures(project, jobs=1)
    distributed = document_figures(project, scheduler=scheduler)
    assert list(distributed) == list(local)
    assert distributed == local


def test_build_with_a_scheduler(scheduler: str, make_project: Callable[..., Path],
                                cli: Callable[..., Run], tmp_path: Path) -> None:  # fmt: skip
    root = make_project()
    assert cli("build", str(root), "--quiet", "--no-cache", "--out", str(tmp_path / "a")).code == 0
    result = cli("build", str(root), "--quiet", "--no-cache", "--scheduler", scheduler,
                 "--out", str(tmp_path / "b"))  # fmt: skip
    assert result.code == 0, result.err
    for name in ("figures.csv", "events.csv", "datapackage.json"):
        assert (tmp_path / "a" / "data" / name).read_bytes() == (
            tmp_path / "b" / "data" / name
        ).read_bytes()


def test_unreachable_scheduler_is_a_clear_error(make_project: Callable[..., Path],
                                                cli: Callable[..., Run]) -> None:  # fmt: skip
    result = cli("build", str(make_project()), "--no-cache", "--scheduler", "tcp://127.0.0.1:9")
    assert result.code == 1
    assert "cannot reach the Dask scheduler at tcp://127.0.0.1:9" in result.err
    result = cli("build", str(make_project()), "--no-cache", "--scheduler", "tcp://no-port")
    assert result.code == 1
    assert "cannot reach the Dask scheduler at tcp://no-port: " in result.err


@pytest.mark.parametrize("address", ["nonsense", "tcp://a host:8786", "http:/x:1", "a:b"])
def test_a_malformed_address_is_a_usage_error(
    address: str, make_project: Callable[..., Path], cli: Callable[..., Run]
) -> None:
    result = cli("build", str(make_project()), "--scheduler", address)
    assert result.code == 2
    assert f"'{address}' is not a scheduler address: write PROTOCOL://HOST:PORT" in result.err
