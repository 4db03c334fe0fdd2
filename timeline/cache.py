"""A cache of work that does not change between builds, keyed by content and tool version."""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from pathlib import Path
from typing import Any

from timeline import __version__

CACHE_FOLDER = ".timeline-cache"


class Cache:
    """JSON values stored by key under ``folder/<tool version>/<kind>/``.

    The tool's version is part of the path, so that a new version never reads what an older
    one stored; keys are content hashes, so that a changed input is never served a stale
    value. A cache that cannot be read or written is skipped, never an error.
    """

    def __init__(self, folder: Path | None) -> None:
        self.folder = folder / __version__ if folder is not None else None
        self.hits = 0
        self.misses = 0

    @staticmethod
    def key(*parts: str) -> str:
        return hashlib.sha256("\0".join(parts).encode()).hexdigest()

    def _path(self, kind: str, key: str) -> Path | None:
        return self.folder / kind / f"{key}.json" if self.folder is not None else None

    def get(self, kind: str, key: str) -> Any:
        path = self._path(kind, key)
        if path is None:
            return None
        try:
            value = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            self.misses += 1
            return None
        self.hits += 1
        return value

    def put(self, kind: str, key: str, value: Any) -> None:
        path = self._path(kind, key)
        if path is None:
            return
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            # Write then rename, so that a build stopped midway leaves no half-written entry.
            handle, temporary = tempfile.mkstemp(dir=path.parent, suffix=".tmp")
            with os.fdopen(handle, "w", encoding="utf-8") as stream:
                json.dump(value, stream, ensure_ascii=False, separators=(",", ":"))
            Path(temporary).replace(path)
        except OSError:
            pass

    def get_bytes(self, kind: str, key: str) -> bytes | None:
        """Bytes stored under ``key`` (renderings, bundles), or None."""
        if self.folder is None:
            return None
        try:
            data = (self.folder / kind / key).read_bytes()
        except OSError:
            self.misses += 1
            return None
        self.hits += 1
        return data

    def put_bytes(self, kind: str, key: str, data: bytes) -> None:
        if self.folder is None:
            return
        try:
            folder = self.folder / kind
            folder.mkdir(parents=True, exist_ok=True)
            handle, temporary = tempfile.mkstemp(dir=folder, suffix=".tmp")
            with os.fdopen(handle, "wb") as stream:
                stream.write(data)
            Path(temporary).replace(folder / key)
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
