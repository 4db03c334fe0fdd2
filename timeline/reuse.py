"""Files of the previous output whose inputs did not change, taken again instead of made."""

from __future__ import annotations

import hashlib
import json
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from timeline.cache import Cache


def inputs_key(*parts: Any) -> str:
    """A digest of everything a file is made from: JSON-like values and tables.

    Anything else is refused rather than guessed at, so that no input can be left out of a
    key by mistake (an object whose text omits part of its content would make a stale file
    look fresh).
    """
    digest = hashlib.blake2b(digest_size=20)
    for part in parts:
        if isinstance(part, pd.DataFrame):
            digest.update(_frame_digest(part))
        else:
            digest.update(json.dumps(part, ensure_ascii=False, default=_plain).encode())
        digest.update(b"\0")
    return digest.hexdigest()


def _plain(value: object) -> object:
    if isinstance(value, np.generic):
        return value.item()
    if value is pd.NA:  # missing, as None is: written alike in every file
        return None
    raise TypeError(f"{type(value).__name__} cannot be part of an inputs key")


def _frame_digest(frame: pd.DataFrame) -> bytes:
    """A digest of a table's columns, types and every cell."""
    digest = hashlib.blake2b(digest_size=20)
    columns = [[str(c), str(t)] for c, t in frame.dtypes.items()]
    digest.update(json.dumps([len(frame), columns]).encode())  # where each column ends
    for name in frame.columns:
        column = frame[name]
        kind = column.dtype
        if isinstance(kind, np.dtype) and kind.kind in "fiub":
            digest.update(column.to_numpy().tobytes())  # the bits of every number, NaN too
            continue
        # Else as JSON, which tells 1 from "1" and None from "None" (pandas' own hashing
        # does not, and takes four times as long on text).
        values = column.tolist()
        digest.update(json.dumps(values, ensure_ascii=False, default=_plain).encode())
    return digest.digest()


@dataclass(frozen=True)
class Made:
    """A file of an output: the key of its inputs and what its file looked like once
    written, so that a file changed since (by hand, by another build) is never taken."""

    key: str
    size: int
    mtime_ns: int
    inode: int
    sha256: str = ""  # of a data file, which datapackage.json gives
    parts: tuple[tuple[str, int, int], ...] = ()  # of a file made of parts: key, start, end

    @classmethod
    def of(
        cls, key: str, path: Path, sha256: str = "", parts: tuple[tuple[str, int, int], ...] = ()
    ) -> Made:
        status = path.stat()
        return cls(key, status.st_size, status.st_mtime_ns, status.st_ino, sha256, parts)

    @classmethod
    def stored(cls, value: list[Any]) -> Made:
        key, size, mtime_ns, inode, *more = value
        sha256 = more[0] if more else ""
        parts = tuple((str(k), int(a), int(b)) for k, a, b in more[1]) if len(more) > 1 else ()
        return cls(str(key), int(size), int(mtime_ns), int(inode), str(sha256), parts)

    def stat_equal(self, other: Made) -> bool:
        return (self.key, self.size, self.mtime_ns, self.inode) == (
            other.key, other.size, other.mtime_ns, other.inode)  # fmt: skip

    def stored_value(self) -> list[Any]:
        return [self.key, self.size, self.mtime_ns, self.inode, self.sha256,
                [list(part) for part in self.parts]]  # fmt: skip


class Reuse:
    """The files of the previous build of ``target``, as recorded in the cache.

    A file is taken again when its inputs key is the one recorded and the file is as it was
    written: hard-linked from the previous output when the build's footer is unchanged,
    copied with the new footer otherwise (every page names the sources' checksum, which
    any edit changes). Without a cache (``--no-cache``, another tool version) nothing is
    taken.
    """

    def __init__(self, cache: Cache, target: Path, footer: bytes) -> None:
        self.cache, self.target, self.footer = cache, target, footer
        self.where = Cache.key("outputs", str(target.resolve()))
        stored = cache.get("outputs", self.where) if cache.folder is not None else None
        # Kept as read: most entries are looked at once, if at all.
        self.previous: dict[str, list[Any]] = {}
        self.old_footer = b""
        if isinstance(stored, dict) and isinstance(stored.get("files"), dict):
            self.old_footer = str(stored.get("footer", "")).encode()
            self.previous = stored["files"]

    def previous_file(self, path: str) -> tuple[Path, Made] | None:
        """The previous build's file at ``path``, if it is still as that build wrote it."""
        if path not in self.previous:
            return None
        try:
            made = Made.stored(self.previous[path])
            source = self.target / path
            return (source, made) if Made.of(made.key, source).stat_equal(made) else None
        except (OSError, TypeError, ValueError):  # gone, or a record from another layout
            return None

    def take(self, path: str, key: str, into: Path, page: bool) -> Made | None:
        """Put the previous file at ``path`` into ``into`` if its key is ``key``; a
        ``page`` gets the new footer."""
        previous = self.previous_file(path)
        if previous is None or previous[1].key != key:
            return None
        source, made = previous
        try:
            swap = page and self.old_footer != self.footer
            if not swap:
                try:
                    os.link(source, into)
                    return made
                except OSError:  # a file system without hard links: copied instead
                    pass
            data = source.read_bytes()
            if swap:
                if not self.old_footer or data.count(self.old_footer) != 1:
                    return None
                data = data.replace(self.old_footer, self.footer)
            into.write_bytes(data)
            return Made.of(key, into, made.sha256, made.parts)
        except OSError:
            return None

    def save(self, files: dict[str, Made]) -> None:
        """Record the files of the build just committed, for the next one."""
        if self.cache.folder is None:
            return
        self.cache.put("outputs", self.where, {
            "footer": self.footer.decode(),
            "files": {path: made.stored_value() for path, made in files.items()},
        })  # fmt: skip
