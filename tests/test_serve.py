"""`timeline serve`: builds, serves on localhost, rebuilds when a source changes."""

from __future__ import annotations

import subprocess
import sys
import time
import urllib.request
from collections.abc import Callable
from pathlib import Path

from tests.conftest import REPO, VALID_YAML


def _fetch(url: str) -> str:
    with urllib.request.urlopen(url, timeout=5) as response:
        text: str = response.read().decode("utf-8")
        return text


def test_serve_rebuilds_on_change(make_project: Callable[..., Path], tmp_path: Path) -> None:
    root = make_project()
    process = subprocess.Popen(
        [sys.executable, "-m", "timeline", "serve", str(root), "--port", "0", "--quiet",
         "--out", str(tmp_path / "site")],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, stdin=subprocess.DEVNULL, text=True,
        cwd=REPO,
    )  # fmt: skip
    try:
        assert process.stdout is not None
        line = process.stdout.readline()  # printed once the first build is served
        assert line.startswith("Serving http://127.0.0.1:"), line
        url = line.split()[1]
        assert "Réunion du Conseil à Genève" in _fetch(url)
        (root / "events.yaml").write_text(
            VALID_YAML.replace("Réunion du Conseil à Genève", "Conseil extraordinaire"),
            encoding="utf-8")  # fmt: skip
        deadline = time.monotonic() + 60
        page = ""
        while time.monotonic() < deadline:
            page = _fetch(url)
            if "Conseil extraordinaire" in page:
                break
            time.sleep(0.5)
        assert "Conseil extraordinaire" in page
        # A broken project keeps the last good site served.
        (root / "events.yaml").write_text("project: [", encoding="utf-8")
        time.sleep(2)
        assert "Conseil extraordinaire" in _fetch(url)
    finally:
        process.terminate()
        process.wait(timeout=10)
