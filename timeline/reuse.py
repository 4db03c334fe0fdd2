"""Files of the previous output whose inputs did not change, taken again instead of made."""

from __future__ import annotations

import hashlib
import json
import marshal
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
        digest.update(_frame_digest(part) if isinstance(part, pd.DataFrame) else _encoded(part))
        digest.update(b"\0")
    return digest.hexdigest()


def _encoded(value: object) -> bytes:
    """``value`` as bytes that tell apart any two different values (1 from "1" and from
    True, None from "None").

    marshal is three times as fast as JSON, which matters at a hundred thousand pages; its
    version 0 marks neither shared nor interned objects, so that equal values give equal
    bytes. It writes a NumPy number (what a row of a typed column holds) as its bytes: the
    places that hold one hold the same type in every build, as a column has one type. What
    marshal refuses (pandas' NA, any object of another kind) goes through JSON, which
    refuses what it cannot tell apart either.
    """
    try:
        return b"m" + marshal.dumps(value, 0)  # type: ignore[arg-type]
    except ValueError:
        return b"j" + json.dumps(value, ensure_ascii=False, default=_plain).encode()


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
        # A slice at a time: the sentences of 400,000 figures make a text of 100 MB.
        for start in range(0, len(values), _VALUES_AT_ONCE):
            digest.update(_encoded(values[start : start + _VALUES_AT_ONCE]))
    return digest.digest()


_VALUES_AT_ONCE = 20_000


# Files by their paths as text: a large output has a hundred thousand, and making a Path
# object for each takes longer than copying the file.


def read_file(path: str | Path) -> bytes:
    """The bytes of the file at ``path``."""
    with open(path, "rb") as stream:  # noqa: PTH123 (see above)
        return stream.read()


def write_file(path: str | Path, data: bytes) -> None:
    """Write ``data`` into the file at ``path``."""
    with open(path, "wb") as stream:  # noqa: PTH123 (see above)
        stream.write(data)


def _status(path: str | Path) -> os.stat_result:
    return os.stat(path)  # noqa: PTH116 (see above)


@dataclass(frozen=True, slots=True)  # a large output has a hundred thousand
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
        cls,
        key: str,
        path: str | Path,
        sha256: str = "",
        parts: tuple[tuple[str, int, int], ...] = (),
    ) -> Made:
        status = _status(path)
        return cls(key, status.st_size, status.st_mtime_ns, status.st_ino, sha256, parts)

    @classmethod
    def parse(cls, line: str) -> Made:
        """A file as :meth:`line` wrote it."""
        key, size, mtime_ns, inode, sha256, parts = line.split("\t")
        return cls(
            key,
            int(size),
            int(mtime_ns),
            int(inode),
            sha256,
            tuple((k, int(a), int(b)) for k, a, b in (p.split(",") for p in parts.split(";") if p)),
        )

    def line(self) -> str:
        """The file as the record of an output writes it, after its path and a tab."""
        parts = ";".join(f"{k},{a},{b}" for k, a, b in self.parts)
        return f"{self.key}\t{self.size}\t{self.mtime_ns}\t{self.inode}\t{self.sha256}\t{parts}"

    def still_at(self, path: str | Path) -> bool:
        """True if the file at ``path`` is the one this was taken of: same size, date and
        inode."""
        status = _status(path)
        return (status.st_size, status.st_mtime_ns, status.st_ino) == (
            self.size, self.mtime_ns, self.inode)  # fmt: skip


class Reuse:
    """The files of the previous build of ``target``, as recorded in the cache.

    A file is taken again when its inputs key is the one recorded and the file is as it was
    written: hard-linked from the previous output when the build's footer is unchanged,
    copied with the new footer otherwise (every page names the sources' checksum, which
    any edit changes). Without a cache (``--no-cache``, another tool version) nothing is
    taken. ``salt`` is what every page shows but the footer: part of each page's key.
    """

    def __init__(self, cache: Cache, target: Path, footer: bytes, salt: str) -> None:
        self.cache, self.target, self.footer, self.salt = cache, target, footer, salt
        # Paths as text: pathlib's objects cost more than the copy of a page.
        self.root = os.fspath(target)
        self.where = Cache.key("outputs", str(target.resolve()))
        # A line per file: "path<tab>what Made.line() writes", read only when looked at.
        self.previous: dict[str, str] = {}
        self.old_footer = b""
        stored = cache.get_bytes("outputs", self.where)
        try:
            first, _, files = (stored or b"").decode().partition("\n")
            self.previous = dict(line.split("\t", 1) for line in files.splitlines())
            self.old_footer = str(json.loads(first)).encode() if first else b""
        except ValueError:  # checked by the cache, so never seen unless the code is wrong
            self.previous = {}

    def previous_file(self, path: str, key: str | None = None) -> tuple[Path, Made] | None:
        """The previous build's file at ``path`` (made from ``key``, if given), if it is
        still as that build wrote it."""
        found = self._previous(path, key)
        return None if found is None else (Path(found[0]), found[1])

    def _previous(self, path: str, key: str | None) -> tuple[str, Made] | None:
        line = self.previous.get(path)
        if line is None or (key is not None and not line.startswith(key + "\t")):
            return None
        try:
            made = Made.parse(line)
            source = f"{self.root}/{path}"
            return (source, made) if made.still_at(source) else None
        except (OSError, ValueError):  # gone, or a record the code cannot read
            return None

    def page_key(self, inputs: Any) -> str:
        """The key of a page made from ``inputs``."""
        return inputs_key(self.salt, inputs)

    def take(self, path: str, key: str, into: str | Path, page: bool) -> Made | None:
        """Put the previous file at ``path`` into ``into`` if its key is ``key``; a
        ``page`` gets the new footer."""
        previous = self._previous(path, key)
        if previous is None:
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
            data = read_file(source)
            if swap:
                if not self.old_footer or data.count(self.old_footer) != 1:
                    return None
                data = data.replace(self.old_footer, self.footer)
            write_file(into, data)
            return Made.of(key, into, made.sha256, made.parts)
        except OSError:
            return None

    def save(self, files: dict[str, Made]) -> None:
        """Record the files of the build just committed, for the next one."""
        if self.cache.folder is None:
            return
        lines = [json.dumps(self.footer.decode(), ensure_ascii=False)]
        # A path with a tab or a line break in it is left out, and made again next time.
        lines += [f"{path}\t{made.line()}" for path, made in files.items()
                  if "\t" not in path and "\n" not in path]  # fmt: skip
        self.cache.put_bytes("outputs", self.where, "\n".join(lines).encode())
