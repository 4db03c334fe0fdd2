"""Typed reading of YAML mappings, collecting a located problem for every mistake."""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass

import yaml

from timeline.dates import DateError, PartialDate
from timeline.documents import CONTROL_CHARACTER
from timeline.errors import Location, Problem
from timeline.yamlfile import INT, NULL, STR, TIMESTAMP, YamlFile, as_bool, as_int, kind

# An alias lets a few bytes repeat a long list many times (a "billion laughs"); reading
# such a list once per reference could take unbounded time, so long lists are read once.
_MAX_REPEATED_ITEMS = 100
_STANDARD_TAG = "tag:yaml.org,2002:"
_STANDARD_TYPES = {"str", "int", "float", "bool", "null", "timestamp", "seq", "map"}
_WEB_ADDRESS = re.compile(r"^https?://[^\s/]+")


@dataclass(frozen=True)
class Entry:
    """One ``key: value`` pair of a mapping, both nodes kept for their positions."""

    key: yaml.ScalarNode
    value: yaml.Node


def did_you_mean(word: str, choices: list[str] | tuple[str, ...]) -> str:
    """`` did you mean 'x'?`` when one of ``choices`` is close to ``word``, else ''."""
    close = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.6)
    return f" did you mean '{close[0]}'?" if close else ""


class Reader:
    """Reads the nodes of one YAML file, recording problems instead of raising."""

    def __init__(self, file: YamlFile, problems: list[Problem]) -> None:
        self.file = file
        self.problems = problems
        self._read: set[int] = set()

    def at(self, node: yaml.Node) -> Location:
        return self.file.at(node)

    def problem(self, node: yaml.Node, message: str) -> None:
        self.problems.append(Problem(self.at(node), message))

    def mapping(
        self, node: yaml.Node, what: str, required: tuple[str, ...], optional: tuple[str, ...]
    ) -> dict[str, Entry] | None:
        """The entries of a mapping whose keys must be among ``required`` and ``optional``."""
        if not isinstance(node, yaml.MappingNode):
            self.problem(node, f"{what} must be a mapping of keys to values, not {kind(node)}")
            return None
        if id(node) in self._read and len(node.value) > _MAX_REPEATED_ITEMS:
            self.problem(
                node,
                "this mapping repeats one given earlier through a YAML alias: "
                "write it out where it is needed",
            )
            return None
        self._read.add(id(node))
        allowed = required + optional
        entries: dict[str, Entry] = {}
        for key, value in node.value:
            if not isinstance(key, yaml.ScalarNode) or key.tag == NULL:
                self.problem(key, f"a key of {what} must be a plain word, not {kind(key)}")
                continue
            name = key.value
            if name in entries:
                line = self.at(entries[name].key).line
                self.problem(
                    key, f"'{name}' is given twice in {what} (first at line {line}): keep one"
                )
                continue
            if name not in allowed:
                self.problem(
                    key,
                    f"unknown key '{name}' in {what}:{did_you_mean(name, allowed)} "
                    f"Allowed keys: {', '.join(allowed)}",
                )
                continue
            entries[name] = Entry(key, value)
        for name in required:
            if name not in entries:
                self.problem(node, f"{what} is missing the required key '{name}'")
        return entries

    def sequence(self, entry: Entry, what: str) -> list[yaml.Node]:
        """The items of a list value (a lone value is an error, an empty list is fine)."""
        node = entry.value
        if isinstance(node, yaml.ScalarNode) and node.tag == NULL:
            return []
        if not isinstance(node, yaml.SequenceNode):
            self.problem(
                node,
                f"'{entry.key.value}' must be a list of {what}, not {kind(node)}"
                f" (write each item on its own line starting with '- ')",
            )
            return []
        if id(node) in self._read and len(node.value) > _MAX_REPEATED_ITEMS:
            self.problem(
                node,
                f"this list of {len(node.value)} items repeats one given earlier "
                "through a YAML alias: write it out where it is needed",
            )
            return []
        self._read.add(id(node))
        return list(node.value)

    def text(self, entries: dict[str, Entry], name: str, required: bool = False) -> str | None:
        """A text value; numbers and dates are taken as written, lists and mappings refused."""
        entry = entries.get(name)
        if entry is None:
            return None
        node = entry.value
        if self._tagged(node, name):
            return None
        if not isinstance(node, yaml.ScalarNode):
            self.problem(node, f"'{name}' must be text, not {kind(node)}")
            return None
        if node.tag == NULL or not node.value.strip():
            if required:
                self.problem(node, f"'{name}' is empty: give it a value")
            return None
        if not self._printable(node, name):
            return None
        return str(node.value).strip()

    def url(self, entries: dict[str, Entry], name: str, what: str) -> str | None:
        """A web address: ``http://`` or ``https://``, never ``javascript:`` or a file path."""
        url = self.text(entries, name)
        if url is not None and not _WEB_ADDRESS.match(url):
            self.problem(
                entries[name].value,
                f"'{name}' must be {what}, starting with https:// (or http://), not '{url}'",
            )
            return None
        return url

    def _tagged(self, node: yaml.Node, name: str) -> bool:
        """True, with a problem, for a value with a tag of its own ("!foo", "!!python/…"):
        the tag would be ignored without a word."""
        tagged = node.tag.removeprefix(_STANDARD_TAG) not in _STANDARD_TYPES
        if tagged:
            self.problem(
                node,
                f"'{name}' carries the YAML tag '{node.tag.replace(_STANDARD_TAG, '!!')}', "
                "which timeline does not read: remove the tag",
            )
        return tagged

    def _printable(self, node: yaml.ScalarNode, name: str) -> bool:
        """False, with a problem, for text holding a control character (written with a YAML
        escape such as "\\0"): no page, chart or data file can carry it."""
        control = CONTROL_CHARACTER.search(node.value)
        if control:
            self.problem(
                node,
                f"'{name}' holds the control character U+{ord(control.group()):04X}: remove it",
            )
        return control is None

    def texts(self, entries: dict[str, Entry], name: str) -> tuple[str, ...]:
        """A list of texts (``[a, b]`` or one item per line)."""
        entry = entries.get(name)
        if entry is None:
            return ()
        values = []
        for item in self.sequence(entry, "texts"):
            if self._tagged(item, name):
                continue
            if not isinstance(item, yaml.ScalarNode) or item.tag == NULL or not item.value.strip():
                self.problem(item, f"each item of '{name}' must be text, not {kind(item)}")
                continue
            if not self._printable(item, name):
                continue
            values.append(str(item.value).strip())
        return tuple(values)

    def date(
        self, entries: dict[str, Entry], name: str, required: bool = False
    ) -> PartialDate | None:
        """A partial date: YAML's own dates, a bare year and quoted text are all accepted."""
        entry = entries.get(name)
        if entry is None:
            return None
        node = entry.value
        if not isinstance(node, yaml.ScalarNode) or node.tag not in (STR, INT, TIMESTAMP, NULL):
            self.problem(
                node, f"'{name}' must be a date (YYYY, YYYY-MM or YYYY-MM-DD), not {kind(node)}"
            )
            return None
        if node.tag == NULL:
            if required:
                self.problem(node, f"'{name}' is empty: give a date as YYYY, YYYY-MM or YYYY-MM-DD")
            return None
        try:
            return PartialDate.parse(node.value)
        except DateError as error:
            self.problem(node, f"'{name}': {error}")
            return None

    def boolean(self, entries: dict[str, Entry], name: str) -> bool | None:
        entry = entries.get(name)
        if entry is None:
            return None
        node = entry.value
        value = as_bool(node) if isinstance(node, yaml.ScalarNode) else None
        if value is None:
            shown = f"'{node.value}'" if isinstance(node, yaml.ScalarNode) else kind(node)
            self.problem(node, f"'{name}' must be true or false, not {shown}")
        return value

    def positive_int(self, entries: dict[str, Entry], name: str) -> int | None:
        entry = entries.get(name)
        if entry is None:
            return None
        node = entry.value
        value = as_int(node) if isinstance(node, yaml.ScalarNode) else None
        if value is None or value < 1:
            shown = node.value if isinstance(node, yaml.ScalarNode) else kind(node)
            self.problem(node, f"'{name}' must be a whole number from 1 up, not {shown}")
            return None
        return value

    def choice(self, entries: dict[str, Entry], name: str, choices: tuple[str, ...]) -> str | None:
        value = self.text(entries, name)
        if value is not None and value not in choices:
            self.problem(
                entries[name].value,
                f"'{name}' must be one of {', '.join(choices)},"
                f" not '{value}'.{did_you_mean(value, choices)}".rstrip("."),
            )
            return None
        return value
