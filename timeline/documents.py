"""Source documents: read a project's text files safely and describe them."""

from __future__ import annotations

import hashlib
import os
import re
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path, PurePosixPath, PureWindowsPath

from timeline.dates import PartialDate
from timeline.quotes import TextIndex

# Characters that XML, hence HTML and SVG, cannot hold, even escaped.
CONTROL_CHARACTER = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


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
    """A document that cannot be used; the message says why and what to do. ``line`` and
    ``column`` are where the problem stands in the document, when it is in its text."""

    def __init__(self, message: str, line: int | None = None, column: int = 1) -> None:
        super().__init__(message)
        self.line = line
        self.column = column


def resolve(root: Path, relative: str) -> Path:
    """The file that ``relative`` names inside ``root``, a folder already resolved
    (``Path.resolve``, done once for the thousands of files of a project); refuse anything
    leading out of it."""
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
    target = (root / relative).resolve()
    if target != root and root not in target.parents:
        how = "through a symbolic link " if ".." not in PurePosixPath(relative).parts else ""
        raise DocumentError(
            f"'{relative}' leads {how}outside the project folder: "
            "keep every file of the project inside its folder"
        )
    return target


def read_text(root: Path, relative: str) -> tuple[str, str]:
    """The UTF-8 text of a project file and the sha256 of its bytes; ``root`` as
    :func:`resolve` takes it."""
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
    control = CONTROL_CHARACTER.search(text)
    if control:
        line = text.count("\n", 0, control.start()) + 1
        column = control.start() - text.rfind("\n", 0, control.start())
        raise DocumentError(
            f"control character U+{ord(control.group()):04X}, which no page can show: is this "
            "a text file? Remove the character, or save the document as plain text",
            line,
            column,
        )
    return text, hashlib.sha256(data).hexdigest()


def posix(relative: str) -> str:
    """A relative path in its canonical written form (``./a//b`` → ``a/b``)."""
    return os.path.normpath(relative).replace(os.sep, "/")
