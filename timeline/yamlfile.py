"""Read a YAML file safely into nodes that remember their line and column."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

import yaml

from timeline.errors import Location, Problem

try:  # libyaml is about ten times faster and keeps the node marks we need for messages.
    _Loader: type = yaml.CSafeLoader
except AttributeError:  # pragma: no cover - PyYAML built without libyaml
    _Loader = yaml.SafeLoader

# A hostile or mistaken file (a 100 MB dump, say) must fail fast rather than eat the
# machine; projects larger than this split their events with `include:`.
MAX_BYTES = 64 * 1024 * 1024

STR = "tag:yaml.org,2002:str"
INT = "tag:yaml.org,2002:int"
FLOAT = "tag:yaml.org,2002:float"
BOOL = "tag:yaml.org,2002:bool"
NULL = "tag:yaml.org,2002:null"
TIMESTAMP = "tag:yaml.org,2002:timestamp"

_BOOLS = yaml.constructor.SafeConstructor.bool_values


@dataclass(frozen=True)
class YamlFile:
    """A parsed YAML file: the path as the user typed it and its root node."""

    shown: str
    root: yaml.Node
    sha256: str  # of the file's bytes, for the build's source checksum

    def at(self, node: yaml.Node) -> Location:
        """Where ``node`` stands, for a message."""
        mark = node.start_mark
        return Location(self.shown, mark.line + 1, mark.column + 1)


def load(path: Path, shown: str) -> tuple[YamlFile | None, list[Problem]]:
    """Parse ``path`` into nodes; return the problems instead of raising on bad input."""
    top = Location(shown)
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            return None, [
                Problem(
                    top,
                    f"the file is {size / 1e6:.1f} MB, more than the {MAX_BYTES // 2**20} MiB "
                    "a YAML file may hold: split the events over several files with include:",
                )
            ]
        data = path.read_bytes()
    except OSError as error:
        return None, [Problem(top, f"cannot read the file: {error.strerror}")]
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        line = data.count(b"\n", 0, error.start) + 1
        column = error.start - (data.rfind(b"\n", 0, error.start) + 1) + 1
        return None, [
            Problem(
                Location(shown, line, column),
                f"the file is not valid UTF-8 (byte {error.start} is "
                f"0x{data[error.start]:02X}): save it as UTF-8",
            )
        ]
    if not text.strip():
        return None, [Problem(top, "the file is empty: see the README for the format")]
    try:
        root = yaml.compose(text, Loader=_Loader)
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        where = Location(shown, mark.line + 1, mark.column + 1) if mark else top
        what = " ".join(str(error.problem or error.context or "invalid YAML").split())
        if mark and text[mark.index : mark.index + 1] == "\t":
            what += " (a tab: YAML indents with spaces only)"
        return None, [Problem(where, f"YAML syntax error: {what}")]
    except yaml.YAMLError as error:
        return None, [Problem(top, f"YAML error: {' '.join(str(error).split())}")]
    except RecursionError:
        return None, [Problem(top, "the YAML is nested too deeply to be a project file")]
    if root is None:
        return None, [Problem(top, "the file holds no YAML document: see the README")]
    return YamlFile(shown, root, hashlib.sha256(data).hexdigest()), []


def read_bytes(path: Path) -> bytes | None:
    """The bytes ``load`` would read, or None when it could not (``load`` then says why)."""
    try:
        if path.stat().st_size > MAX_BYTES:
            return None
        return path.read_bytes()
    except OSError:
        return None


def as_bool(node: yaml.ScalarNode) -> bool | None:
    """The boolean a scalar stands for, or None when it is not ``true`` or ``false``."""
    if node.tag != BOOL:
        return None
    return bool(_BOOLS[node.value.lower()])


def as_int(node: yaml.ScalarNode) -> int | None:
    """The integer a scalar stands for, or None."""
    if node.tag != INT:
        return None
    try:
        return int(node.value.replace("_", ""), 0)
    except ValueError:
        return None


def kind(node: yaml.Node) -> str:
    """What a node is, in words for a message."""
    if isinstance(node, yaml.MappingNode):
        return "a mapping (key: value pairs)"
    if isinstance(node, yaml.SequenceNode):
        return "a list"
    return {
        BOOL: "true/false",
        INT: "a number",
        FLOAT: "a number",
        NULL: "empty",
        TIMESTAMP: "a date",
    }.get(node.tag, "text")
