"""Write the dataset as files: CSV tables, dataset.json, datapackage.json and the codebook."""

from __future__ import annotations

import csv
import hashlib
import io
import json
import math
import re
from collections.abc import Callable, Iterator
from functools import partial
from json.encoder import encode_basestring as _json_string
from pathlib import Path
from typing import Any, BinaryIO

import pandas as pd
from slugify import slugify

from timeline import __version__
from timeline.dataset import MERGE_RULE, Dataset
from timeline.i18n import text
from timeline.reuse import Made, Reuse, inputs_key
from timeline.tables import SCHEMA_VERSION, TABLES, Table

DATA_FOLDER = "data"
CSV_DIALECT = {"delimiter": ",", "lineTerminator": "\r\n", "quoteChar": '"',
               "doubleQuote": True, "header": True}  # fmt: skip
_LICENSES = {
    "CC-BY-4.0": ("Creative Commons Attribution 4.0",
                  "https://creativecommons.org/licenses/by/4.0/"),
    "CC-BY-SA-4.0": ("Creative Commons Attribution-ShareAlike 4.0",
                     "https://creativecommons.org/licenses/by-sa/4.0/"),
    "CC0-1.0": ("Creative Commons Zero 1.0", "https://creativecommons.org/publicdomain/zero/1.0/"),
    "ODbL-1.0": ("Open Data Commons Open Database License 1.0",
                 "https://opendatacommons.org/licenses/odbl/1-0/"),
    "ODC-BY-1.0": ("Open Data Commons Attribution License 1.0",
                   "https://opendatacommons.org/licenses/by/1-0/"),
}  # fmt: skip


def cell(value: Any) -> str:
    """A value as written in a CSV cell: empty for null, true/false, numbers without noise."""
    if value is None or value is pd.NA or (isinstance(value, float) and math.isnan(value)):
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        if value.is_integer() and abs(value) < 1e16:
            return str(int(value))
        return repr(value)
    return str(value)


def _python_values(column: pd.Series) -> list[Any]:
    values: list[Any] = column.astype(object).where(column.notna(), None).tolist()
    return values


# Tables are written column by column, a slice of rows at a time: each column's values are
# turned into text in one pass, rows only join texts, and no file is ever whole in memory
# (the figures of a large project make hundreds of megabytes of CSV and JSON).
ROWS_AT_ONCE = 50_000


class _Digest:
    """A binary stream that counts what goes through it, and hashes it if ``hashed``."""

    def __init__(self, stream: BinaryIO, hashed: bool = True) -> None:
        self.stream = stream
        self.size = 0
        self.sha256 = hashlib.sha256() if hashed else None

    def write(self, data: bytes) -> None:
        self.stream.write(data)
        self.size += len(data)
        if self.sha256 is not None:
            self.sha256.update(data)

    def hexdigest(self) -> str:
        return self.sha256.hexdigest() if self.sha256 is not None else ""


def _slices(frame: pd.DataFrame) -> Iterator[pd.DataFrame]:
    for start in range(0, len(frame), ROWS_AT_ONCE):
        yield frame.iloc[start : start + ROWS_AT_ONCE]


def write_csv(frame: pd.DataFrame, stream: BinaryIO | _Digest) -> None:
    """A table as RFC 4180 CSV: UTF-8, comma, CRLF, a header row, no index."""
    for i, part in enumerate(_slices(frame) if len(frame) else [frame]):
        buffer = io.StringIO(newline="")
        writer = csv.writer(buffer, lineterminator="\r\n")
        if i == 0:
            writer.writerow(frame.columns)
        columns = [
            [v if type(v) is str else cell(v) for v in _python_values(part[name])]
            for name in part.columns
        ]
        writer.writerows(zip(*columns, strict=True))
        stream.write(buffer.getvalue().encode("utf-8"))


def csv_bytes(frame: pd.DataFrame) -> bytes:
    """A table as CSV bytes (see write_csv)."""
    buffer = io.BytesIO()
    write_csv(frame, buffer)
    return buffer.getvalue()


def _json_value(value: Any) -> str:
    if value is None or (isinstance(value, float) and not math.isfinite(value)):
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return _json_string(value)
    return json.dumps(value)


def json_lines(frame: pd.DataFrame) -> list[str]:
    """A table's rows as JSON objects, one string per row, keys in column order."""
    columns = []
    for name in frame.columns:
        key = _json_string(str(name)) + ":"
        columns.append([
            key + (_json_string(v) if type(v) is str else _json_value(v))
            for v in _python_values(frame[name])
        ])  # fmt: skip
    return ["{" + ",".join(row) + "}" for row in zip(*columns, strict=True)]


# Parts of a file: the key of what each was made from, and where it starts and ends.
Parts = tuple[tuple[str, int, int], ...]


def write_dataset_json(
    dataset: Dataset,
    stream: _Digest,
    keys: dict[str, str] | None = None,
    previous: tuple[Path, Made] | None = None,
) -> Parts:
    """All four tables as one JSON document, one row per line; where each table's rows
    start and end, with the key of the table (``keys``, by path).

    A table whose key is the one it had in the ``previous`` file is copied from it rather
    than written again: in a large project, tens of megabytes of JSON.
    """
    keys = keys or {}
    source, old = (previous[0], previous[1].parts) if previous is not None else (None, ())
    title, version = json.dumps(dataset.title, ensure_ascii=False), json.dumps(dataset.version)
    stream.write(f'{{\n"title":{title},\n"version":{version},\n'.encode())
    parts = []
    for i, table in enumerate(TABLES):
        key = keys.get(table.path, "")
        start = stream.size
        if source is not None and key and len(old) == len(TABLES) and old[i][0] == key:
            _copy(source, old[i][1], old[i][2], stream)
        else:
            stream.write(f'"{table.name}":[\n'.encode())
            for j, part in enumerate(_slices(dataset.table(table))):
                rows = ",\n".join(json_lines(part))
                stream.write(((",\n" if j else "") + rows).encode("utf-8"))
            stream.write(("\n]" + ("," if i < len(TABLES) - 1 else "") + "\n").encode())
        parts.append((key, start, stream.size))
    stream.write(b"}\n")
    return tuple(parts)


def _copy(path: Path, start: int, end: int, stream: _Digest) -> None:
    with path.open("rb") as source:
        source.seek(start)
        left = end - start
        while left > 0:
            chunk = source.read(min(left, 1 << 24))
            if not chunk:
                raise OSError(f"{path} is shorter than it was written")
            stream.write(chunk)
            left -= len(chunk)


def _license(name: str) -> dict[str, str]:
    title, path = _LICENSES.get(name, (name, ""))
    license_ = {"name": name, "title": title}
    if path:
        license_["path"] = path
    return license_


def package_name(title: str) -> str:
    """A Data Package name (lower case, digits, - . _) made from the project's title."""
    return slugify(title) or "timeline-dataset"


# A written file's size in bytes and its sha256, by name.
Digests = dict[str, tuple[int, str]]


def datapackage(dataset: Dataset, digests: Digests) -> dict[str, Any]:
    """The Frictionless Data Package descriptor of the dataset's CSV files."""
    resources = []
    for table in TABLES:
        size, sha256 = digests[table.path]
        resources.append({
            "name": table.name,
            "title": table.title,
            "description": f"One row per {table.row}.",
            "path": table.path,
            "profile": "tabular-data-resource",
            "format": "csv",
            "mediatype": "text/csv",
            "encoding": "utf-8",
            "bytes": size,
            "hash": f"sha256:{sha256}",
            "dialect": CSV_DIALECT,
            "schema": table.schema(),
        })  # fmt: skip
    documents = dataset.documents
    package: dict[str, Any] = {
        "profile": "tabular-data-package",
        "name": package_name(dataset.title),
        "title": dataset.title,
        "version": dataset.version,
        "licenses": [_license(dataset.license)],
        "sources": [
            {"title": row.title or row.path, "path": row.url or row.path}
            for row in documents.itertuples(index=False)
        ],
        "resources": resources,
        "timeline": {
            "tool_version": __version__,
            "schema_version": ".".join(map(str, SCHEMA_VERSION)),
            "source_checksum": dataset.checksum,
            "language": dataset.language,
            "measures": [
                {"name": m.id, "label": m.label, "description": m.description}
                for m in dataset.measures
            ],
        },
    }
    if dataset.description:
        package["description"] = dataset.description
    if dataset.url:
        package["homepage"] = dataset.url
    return package


def page_address(dataset: Dataset, path: str) -> str:
    """The address of a page of the site: absolute when the project says where it is
    published, else its path within the site."""
    return f"{dataset.url.rstrip('/')}/{path}" if dataset.url else path


def dataset_citation(dataset: Dataset, path: str) -> str:
    """How to cite the dataset from the page at ``path``, in the dataset's language."""
    return text(dataset.language, "cite_dataset", project=dataset.title,
                version=dataset.version, license=dataset.license,
                where=page_address(dataset, path))  # fmt: skip


def citation(dataset: Dataset) -> str:
    """How to cite the dataset, in one line."""
    where = f" {dataset.url.rstrip('/')}/{DATA_FOLDER}/" if dataset.url else ""
    return (
        f"{dataset.title}, version {dataset.version} [dataset], licence {dataset.license}.{where}"
    )


def codebook(dataset: Dataset, digests: Digests) -> str:
    """The codebook for people, in Markdown: files, every column, the rules, citation."""
    lines = [f"# {dataset.title}: codebook", ""]
    if dataset.description:
        lines += [dataset.description, ""]
    lines += [
        f"Version {dataset.version} of the dataset, licence {dataset.license}; built by "
        f"timeline {__version__} from sources with checksum `{dataset.checksum[:16]}`.", "",
        "## Files", "",
        "| file | rows | bytes | sha256 |", "|---|---|---|---|",
    ]  # fmt: skip
    for table in TABLES:
        size, sha256 = digests[table.path]
        lines.append(f"| {table.path} | {len(dataset.table(table))} | {size} | `{sha256}` |")
    lines += [
        "", "The same tables are in `dataset.json`; `datapackage.json` describes them for "
        "software (Frictionless Data Package: `frictionless validate datapackage.json`).", "",
        "CSV files are UTF-8, comma-separated, with a header row and CRLF line ends. Dates are "
        "ISO 8601, numbers use a `.` decimal point and no thousands separator, booleans are "
        "`true` or `false`, and an empty cell means no value.", "",
    ]  # fmt: skip
    for table in TABLES:
        lines += _table_section(table)
    lines += [
        "## How figures are merged with events", "", MERGE_RULE, "",
        "## Dates", "",
        "An event's `date` is written as curated: `2015`, `2015-06` or `2015-06-02`; its form "
        "is its precision (`date_precision`: year, month or day). `date_start` and `date_end` "
        "give the whole period the date stands for (2015-06 → 2015-06-01 to 2015-06-30), as "
        "UCDP's Georeferenced Event Dataset does, never a made-up middle day; an event with an "
        "end runs to the last day of its end. `approximate` is true when the date itself is an "
        "estimate. A figure takes its event's dates, else its document's publication date.", "",
        "## Qualifiers and bounds", "",
        "| qualifier | written as | lower | upper |", "|---|---|---|---|",
        "| exact | 75 membres | value | value |",
        "| approx | près de 3,7 milliards, une dizaine | | |",
        "| more_than | plus de 60 pays | value | |",
        "| at_least | au moins 20 morts | value | |",
        "| less_than | moins de 9 heures | | value |",
        "| at_most | jusqu'à 300 soldats | | value |",
        "| range | entre 15 et 40 milliards | value | value_max |", "",
        "A vague figure (\"des millions de réfugiés\") has no value and no bounds. Offsets "
        "(`start`, `end`) count characters of the document's text (Python string indices, "
        "end excluded): `text` is always the document's text from `start` to `end`.", "",
        "## Measures", "",
    ]  # fmt: skip
    if dataset.measures:
        lines += ["| measure | label | description |", "|---|---|---|"]
        lines += [f"| {m.id} | {m.label} | {m.description or ''} |" for m in dataset.measures]
    else:
        lines.append("The project curates no measure.")
    lines += ["", "## How to cite", "", citation(dataset), ""]
    return "\n".join(lines)


def _table_section(table: Table) -> list[str]:
    keys = ", ".join(f"`{k}`" for k in table.primary_key)
    lines = [f"## {table.path}", "", f"One row per {table.row}. Key: {keys}.", "",
             "| column | type | required | description |", "|---|---|---|---|"]  # fmt: skip
    for column in table.columns:
        notes = [column.description]
        if column.enum:
            notes.append("One of: " + ", ".join(f"`{v}`" for v in column.enum) + ".")
        lines.append(
            f"| `{column.name}` | {column.type} | {'yes' if column.required else ''} | "
            f"{' '.join(notes)} |"
        )
    for key in table.foreign_keys:
        lines.append("")
        lines.append(f"`{key.fields}` refers to `{key.reference}` of {key.resource}.csv.")
    lines.append("")
    return lines


def write_data_files(
    dataset: Dataset, folder: Path, reuse: Reuse | None = None
) -> tuple[Digests, dict[str, Any], dict[str, Made]]:
    """Write every file of the data folder into ``folder``; return their sizes and hashes
    by name, the data package descriptor, and what the tables were made from.

    With ``reuse``, a table whose rows did not change since the previous build is taken
    from it: its CSV file, and its part of dataset.json.
    """
    folder.mkdir(parents=True, exist_ok=True)
    digests: Digests = {}
    made: dict[str, Made] = {}
    keys = {t.path: inputs_key(dataset.table(t)) for t in TABLES} if reuse is not None else {}

    def write(name: str, content: Callable[[_Digest], Any], hashed: bool = True) -> Any:
        """Write the file ``name`` with ``content``; what ``content`` returns."""
        path = folder / name
        # A file taken from the previous build is a hard link: written through, it would
        # change the previous output too.
        path.unlink(missing_ok=True)
        with path.open("xb") as stream:
            digest = _Digest(stream, hashed)
            result = content(digest)
        digests[name] = (digest.size, digest.hexdigest())
        return result

    for table in TABLES:
        name = f"{DATA_FOLDER}/{table.path}"
        taken = None
        if reuse is not None:
            taken = reuse.take(name, keys[table.path], folder / table.path, page=False)
        if taken is not None and taken.sha256:
            digests[table.path] = (taken.size, taken.sha256)
            made[name] = taken
            continue
        write(table.path, partial(write_csv, dataset.table(table)))
        if reuse is not None:
            made[name] = Made.of(keys[table.path], folder / table.path, digests[table.path][1])
    name = f"{DATA_FOLDER}/dataset.json"
    previous = reuse.previous_file(name) if reuse is not None else None
    # Its size is shown, its hash nowhere: hundreds of megabytes are not hashed for nothing.
    parts = write("dataset.json", partial(write_dataset_json, dataset, keys=keys,
                                          previous=previous), hashed=False)  # fmt: skip
    if reuse is not None:
        made[name] = Made.of("", folder / "dataset.json", parts=parts)
    package = datapackage(dataset, digests)
    text = json.dumps(package, ensure_ascii=False, indent=2) + "\n"
    write("datapackage.json", lambda stream: stream.write(text.encode()))
    readme = codebook(dataset, digests)
    write("README.md", lambda stream: stream.write(readme.encode("utf-8")))
    return digests, package, made


# -- versions -------------------------------------------------------------------------------


def _semver(version: str) -> tuple[int, int, int]:
    major, minor, patch = (int(p) for p in re.findall(r"\d+", version)[:3])
    return major, minor, patch


def release_check(
    previous: dict[str, Any] | None, package: dict[str, Any]
) -> tuple[str | None, str | None]:
    """(error, warning) about ``package``'s version against the previous build's descriptor.

    The Frictionless versioning recipe: a removed, renamed, retyped or moved column needs a
    new MAJOR version; added columns or changed data need a higher version.
    """
    if not previous or "version" not in previous:
        return None, None
    old, new = _semver(str(previous["version"])), _semver(str(package["version"]))
    old_fields = {r["name"]: [(f["name"], f["type"]) for f in r["schema"]["fields"]]
                  for r in previous.get("resources", [])}  # fmt: skip
    new_fields = {r["name"]: [(f["name"], f["type"]) for f in r["schema"]["fields"]]
                  for r in package["resources"]}  # fmt: skip
    broken = [
        name for name, fields in old_fields.items()
        if name not in new_fields or new_fields[name][: len(fields)] != fields
    ]  # fmt: skip
    if broken and new[0] <= old[0]:
        return (
            f"the columns of {', '.join(broken)} changed in a way that breaks existing users "
            f"(a column removed, renamed, retyped or moved): set project.version to "
            f"{old[0] + 1}.0.0 in events.yaml",
            None,
        )
    old_hashes = {r["name"]: r.get("hash") for r in previous.get("resources", [])}
    changed = old_fields != new_fields or any(
        old_hashes.get(r["name"]) != r["hash"] for r in package["resources"]
    )
    if changed and new <= old:
        return None, (
            f"the data changed since version {previous['version']} but the version did not: "
            f"set project.version to {old[0]}.{old[1] + 1}.0 in events.yaml before you "
            "publish this build"
        )
    return None, None
