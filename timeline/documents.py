"""Source documents: read a project's text files safely and describe them."""

from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path, PurePosixPath, PureWindowsPath

from timeline.dates import PartialDate
from timeline.quotes import TextIndex


@dataclass(frozen=True)
class Document:
    """A source document of the project and its metadata."""

    id: str
    path: str  # relative to the project folder, with forward slashes, as curated
    title: str | None
    published: PartialDate | None
    publisher: str | None
    url: str | None
    language: str
    text: str = field(repr=False)
    sha256: str

    @cached_property
    def index(self) -> TextIndex:
        """The text prepared for quote look-ups (built on first use, then kept)."""
        return TextIndex.of(self.text)


class DocumentError(ValueError):
    """A document path that cannot be used; the message says why and what to do."""


def resolve(root: Path, relative: str) -> Path:
    """The file that ``relative`` names inside ``root``; refuse anything leading out of it."""
    if (
        PurePosixPath(relative).is_absolute()
        or PureWindowsPath(relative).is_absolute()
        or PureWindowsPath(relative).drive
    ):
        raise DocumentError(
            f"'{relative}' is an absolute path: give a path relative to the project folder"
        )
    if "\\" in relative:
        raise DocumentError(f"'{relative}' uses backslashes: write the path with '/'")
    base = root.resolve()
    target = (base / relative).resolve()
    if target != base and base not in target.parents:
        how = "through a symbolic link " if ".." not in PurePosixPath(relative).parts else ""
        raise DocumentError(
            f"'{relative}' leads {how}outside the project folder: "
            "keep every file of the project inside its folder"
        )
    return target


def read_text(root: Path, relative: str) -> tuple[str, str]:
    """The UTF-8 text of a project file and the sha256 of its bytes."""
    target = resolve(root, relative)
    if not target.exists():
        raise DocumentError(
            f"file not found: '{relative}' (paths are relative to the project "
            "folder; check the spelling)"
        )
    if target.is_dir():
        raise DocumentError(f"'{relative}' is a folder, not a file: name a text file in it")
    try:
        data = target.read_bytes()
    except OSError as error:
        raise DocumentError(f"cannot read '{relative}': {error.strerror}") from None
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        raise DocumentError(
            f"'{relative}' is not valid UTF-8 (byte {error.start} is 0x{data[error.start]:02X}):"
            " save it as UTF-8"
        ) from None
    if not text.strip():
        raise DocumentError(f"'{relative}' is empty: a document must hold text")
    return text, hashlib.sha256(data).hexdigest()


def posix(relative: str) -> str:
    """A relative path in its canonical written form (``./a//b`` → ``a/b``)."""
    return os.path.normpath(relative).replace(os.sep, "/")
