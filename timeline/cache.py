"""A cache of work that does not change between builds, keyed by content and tool version."""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import tempfile
from functools import cache
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from typing import Any

from timeline import __version__

CACHE_FOLDER = ".timeline-cache"
# The name of a cache's folder: the tool's version, then a digest of its code.
_CACHE_NAME = re.compile(r"\d+\.\d+\.\d+(?:[-.+\w]*)")


# The packages whose code shapes what a build writes (charts, pages, figures, tables): an
# upgrade of any of them is other code too.
DEPENDENCIES = ("altair", "babel", "jinja2", "markupsafe", "numpy", "pandas",
                "python-slugify", "pyyaml", "vl-convert-python")  # fmt: skip


@cache
def code_digest() -> str:
    """A short digest of this package's code and templates, and of the versions of the
    packages it builds with."""
    return digest_of_code(Path(__file__).resolve().parent, dependency_versions())


def dependency_versions() -> str:
    """The installed version of each of DEPENDENCIES, as one line."""
    versions = []
    for name in DEPENDENCIES:
        try:
            versions.append(f"{name}=={version(name)}")
        except PackageNotFoundError:
            versions.append(f"{name} missing")
    return " ".join(versions)


def digest_of_code(package: Path, dependencies: str = "") -> str:
    """A short digest of the code and templates in the folder ``package``, and of the
    ``dependencies`` line."""
    digest = hashlib.sha256(dependencies.encode() + b"\0")
    for path in sorted(package.rglob("*")):
        if path.suffix in (".py", ".html", ".css", ".js") and path.is_file():
            digest.update(path.relative_to(package).as_posix().encode() + b"\0")
            digest.update(path.read_bytes())
    return digest.hexdigest()[:12]


class Cache:
    """Values stored by key under ``folder/<tool version>-<code digest>/<kind>/``: JSON, or
    bytes.

    The tool's version and a digest of its code are part of the path, so that other code
    (a new version, or an edited one) never reads what this one stored; keys are content
    hashes, so that a changed input is never served a stale value; and each entry begins
    with the sha256 of what it holds, so that a damaged entry is a miss, never a wrong
    value. A cache that cannot be read or written is skipped, never an error.
    """

    def __init__(self, folder: Path | None) -> None:
        self.folder = folder / f"{__version__}-{code_digest()}" if folder is not None else None
        self.hits = 0
        self.misses = 0

    @staticmethod
    def key(*parts: str) -> str:
        return hashlib.sha256("\0".join(parts).encode()).hexdigest()

    def drop_others(self) -> None:
        """Delete what other versions of the tool, or of its code, stored beside this cache:
        none of it will be read again by this one."""
        if self.folder is None or not self.folder.parent.is_dir():
            return
        for other in self.folder.parent.iterdir():
            if other != self.folder and _CACHE_NAME.fullmatch(other.name) and other.is_dir():
                shutil.rmtree(other, ignore_errors=True)

    def get(self, kind: str, key: str) -> Any:
        """The JSON value stored under ``key``, or None."""
        data = self._read(kind, f"{key}.json")
        try:
            return None if data is None else json.loads(data)
        except ValueError:  # cannot happen to a checked entry, unless the tool has a bug
            return None

    def put(self, kind: str, key: str, value: Any) -> None:
        data = json.dumps(value, ensure_ascii=False, separators=(",", ":")).encode()
        self._write(kind, f"{key}.json", data)

    def get_bytes(self, kind: str, key: str) -> bytes | None:
        """Bytes stored under ``key`` (renderings, bundles), or None."""
        return self._read(kind, key)

    def put_bytes(self, kind: str, key: str, data: bytes) -> None:
        self._write(kind, key, data)

    def _read(self, kind: str, name: str) -> bytes | None:
        if self.folder is None:
            return None
        try:
            stored = (self.folder / kind / name).read_bytes()
        except OSError:
            self.misses += 1
            return None
        digest, _, data = stored.partition(b"\n")
        if digest != hashlib.sha256(data).hexdigest().encode():
            self.misses += 1  # damaged or cut short: made again, and stored again
            return None
        self.hits += 1
        return data

    def _write(self, kind: str, name: str, data: bytes) -> None:
        if self.folder is None:
            return
        try:
            folder = self.folder / kind
            folder.mkdir(parents=True, exist_ok=True)
            # Write then rename, so that a build stopped midway leaves no half-written entry.
            handle, temporary = tempfile.mkstemp(dir=folder, suffix=".tmp")
            with os.fdopen(handle, "wb") as stream:
                stream.write(hashlib.sha256(data).hexdigest().encode() + b"\n")
                stream.write(data)
            Path(temporary).replace(folder / name)
        except OSError:
            pass


NO_CACHE = Cache(None)


def project_cache(folder: str | Path, use: bool = True) -> Cache:
    """The cache of the project in ``folder``, or none when ``use`` is false (--no-cache)."""
    return Cache(Path(folder) / CACHE_FOLDER) if use else NO_CACHE


def machine_cache(use: bool = True) -> Cache:
    """The cache that every project of this user shares, for what depends on no project
    (the Vega bundle): ``$XDG_CACHE_HOME/timeline``, by default ``~/.cache/timeline``."""
    if not use:
        return NO_CACHE
    base = os.environ.get("XDG_CACHE_HOME")
    try:
        return Cache((Path(base) if base else Path.home() / ".cache") / "timeline")
    except RuntimeError:  # no home folder to be found
        return NO_CACHE
