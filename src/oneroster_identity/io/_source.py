"""Where CSV files come from: a directory, a .zip read in memory, or a single file.

A zip is never extracted to disk; members with absolute paths, ``..`` segments or
drive letters are refused. File names are matched case-insensitively because
real exports write ``userprofiles.csv`` as often as ``userProfiles.csv``.
"""

from __future__ import annotations

import os
import re
import zipfile
from collections.abc import Callable, Sequence
from pathlib import Path, PurePosixPath
from typing import IO

from oneroster_identity.diagnostics import Location, Severity
from oneroster_identity.io._collect import DiagnosticCollector

Opener = Callable[[], IO[bytes]]


class CsvSource:
    """The CSV members of one roster, by lower-cased file name."""

    def __init__(self, label: str, members: dict[str, tuple[str, Opener]]) -> None:
        self.label = label
        self._members = members

    def has(self, name: str) -> bool:
        """Whether a member called ``name`` (any case) exists."""
        return name.casefold() in self._members

    def actual_name(self, name: str) -> str:
        """The member's name as written in the source."""
        return self._members[name.casefold()][0]

    def open(self, name: str) -> IO[bytes]:
        """A binary stream of the member (any case)."""
        return self._members[name.casefold()][1]()

    def names(self) -> list[str]:
        """Every member name, sorted."""
        return sorted(actual for actual, _ in self._members.values())


def _file_opener(path: Path) -> Opener:
    return lambda: path.open("rb")


def directory_source(path: Path) -> CsvSource:
    """The ``*.csv`` files directly inside ``path``."""
    members: dict[str, tuple[str, Opener]] = {}
    for entry in sorted(os.scandir(path), key=lambda e: e.name):
        if entry.is_file() and entry.name.casefold().endswith(".csv"):
            members[entry.name.casefold()] = (entry.name, _file_opener(Path(entry.path)))
    return CsvSource(str(path), members)


ROSTER_SEARCH_DEPTH = 2
"""How deep below a directory without ``users.csv`` rosters are looked for: an unzipped
export's own folder (``export/OneRoster/users.csv``) is two levels down at most."""


REST_SUFFIXES = (".json", ".jsonl", ".ndjson")
"""File name endings read as REST JSON (a document, a list of pages, or JSON Lines)."""


def json_files(folder: Path) -> list[str]:
    """The REST JSON files directly in ``folder`` (hidden ones skipped), in the order of
    their names with numbers read by value (``users_2.json`` before ``users_10.json``)."""
    try:
        names = [
            entry.name
            for entry in os.scandir(folder)
            if entry.is_file()
            and not entry.name.startswith(".")
            and entry.name.casefold().endswith(REST_SUFFIXES)
        ]
    except OSError:
        return []
    return sorted(names, key=_natural)


def _natural(name: str) -> tuple[tuple[int, int | str], ...]:
    """A name's sort key with each run of digits read as a number (decimal digits only:
    ``int`` reads no superscript, which ``isdigit`` counts)."""
    return tuple(
        (0, int(part)) if part.isdecimal() else (1, part.casefold())
        for part in re.split(r"(\d+)", name)
        if part
    )


def one_export(names: list[str]) -> bool:
    """Whether JSON files' names are one export's pages, as a sync script numbers the
    pages it saves (``users_1.json``, ``users_2.json``: alike but for their numbers; one
    file alone too), not several exports (``district-a.json``, ``district-b.json``)."""
    return len({re.sub(r"\d+", "#", name.casefold()) for name in names}) == 1


def rosters_below(path: Path, depth: int = ROSTER_SEARCH_DEPTH) -> list[Path]:
    """The rosters below the folder ``path``, sorted: the ``.zip`` files directly in it
    (a folder of downloaded exports) and the folders down to ``depth`` levels (hidden
    ones skipped) that hold a ``users.csv`` (any case). A folder that holds one is not
    searched further, so a roster's own subfolders never count as rosters. JSON files
    are not taken: a folder's JSON files may be saved reports (``check-many``'s own among
    them), so a REST roster is named as an argument of its own."""
    found: list[Path] = []
    try:
        found.extend(
            Path(e.path)
            for e in os.scandir(path)
            if e.name.casefold().endswith(".zip") and not e.name.startswith(".") and e.is_file()
        )
    except OSError:
        return []
    level = [path]
    for _ in range(depth):
        below: list[Path] = []
        for folder in level:
            try:
                entries = sorted(os.scandir(folder), key=lambda e: e.name)
            except OSError:
                continue
            for entry in entries:
                if entry.name.startswith((".", "__MACOSX")) or not entry.is_dir():
                    continue
                child = Path(entry.path)
                if _holds_users(child):
                    found.append(child)
                else:
                    below.append(child)
        level = below
    return sorted(found)


def _holds_users(folder: Path) -> bool:
    try:
        return any(e.name.casefold() == "users.csv" and e.is_file() for e in os.scandir(folder))
    except OSError:
        return False


def single_file_source(path: Path) -> CsvSource:
    """One CSV file, treated as the users file of a roster."""
    return CsvSource(str(path.parent), {"users.csv": (path.name, _file_opener(path))})


def _is_odd_member(name: str) -> bool:
    if name.startswith(("/", "\\")) or "\\" in name or "\x00" in name:
        return True
    parts = PurePosixPath(name).parts
    return any(p == ".." for p in parts) or (len(name) > 1 and name[1] == ":")


def _cut_zip_words(path: Path) -> str:
    """What to add when a zip that cannot be opened begins as a zip does: its end, which
    lists its files, is missing (since session 55)."""
    try:
        with path.open("rb") as stream:
            start = stream.read(4)
    except OSError:
        return ""
    if start != b"PK\x03\x04":
        return ""
    return (
        "; it begins as a zip but its end, which lists the files in it, is missing: a "
        "download or a copy that stopped? Download or copy it again"
    )


def zip_source(path: Path, collector: DiagnosticCollector) -> tuple[CsvSource, zipfile.ZipFile]:
    """The CSV members of a zip, at its top level or inside one common folder."""
    try:
        archive = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError) as exc:
        raise collector.fatal(
            "bad-zip",
            f"cannot open the zip file: {exc}" + _cut_zip_words(path),
            Location(file=str(path)),
        ) from None
    candidates: dict[str, list[zipfile.ZipInfo]] = {}
    for info in archive.infolist():
        if info.is_dir():
            continue
        if _is_odd_member(info.filename):
            collector.add(
                "zip-odd-member",
                Severity.ERROR,
                "zip member has an absolute or parent-relative path and was ignored",
                Location(file=str(path), column=None, path=info.filename),
            )
            continue
        pure = PurePosixPath(info.filename)
        if pure.name.startswith("._") or "__MACOSX" in pure.parts:
            continue
        if pure.suffix.casefold() == ".csv":
            folder = str(pure.parent)
            candidates.setdefault(folder, []).append(info)
    if not candidates:
        names = set(archive.namelist())
        archive.close()
        workbook = "[Content_Types].xml" in names and any(n.startswith("xl/") for n in names)
        raise collector.fatal(
            "not-a-roster",
            "the file is an Excel workbook (.xlsx), not a CSV file or an export zip: save "
            "each sheet as 'CSV UTF-8' (or export the roster again) and check those files"
            if workbook
            else "the zip holds no CSV files; a OneRoster bulk export has users.csv at its "
            "top level",
            Location(file=str(path)),
        )

    # Prefer the folder that holds users.csv, the shallowest first.
    def rank(folder: str) -> tuple[int, int, str]:
        has_users = any(
            PurePosixPath(i.filename).name.casefold() == "users.csv" for i in candidates[folder]
        )
        depth = 0 if folder == "." else len(PurePosixPath(folder).parts)
        return (0 if has_users else 1, depth, folder)

    chosen = sorted(candidates, key=rank)[0]
    others = _other_rosters(chosen, candidates)
    if others:
        archive.close()
        raise collector.fatal(
            "several-rosters",
            "the zip holds users.csv in several folders, none at its top: "
            f"{rosters_listed([chosen, *others])}; which to check is yours to say: unzip it "
            "and check one folder, or all of them with check-many "
            "(oneroster_identity.batch.check_many)",
            Location(file=str(path)),
        )
    members: dict[str, tuple[str, Opener]] = {}
    for info in candidates[chosen]:
        name = PurePosixPath(info.filename).name

        def opener(info: zipfile.ZipInfo = info) -> IO[bytes]:
            return archive.open(info)

        members[name.casefold()] = (name, opener)
    return CsvSource(str(path), members), archive


def rosters_listed(names: Sequence[str]) -> str:
    """Rosters named in a ``several-rosters`` message: the first ten, how many more, and
    the count (``north, south (2)``)."""
    more = f" and {len(names) - 10} more" if len(names) > 10 else ""
    return f"{', '.join(names[:10])}{more} ({len(names)})"


def _other_rosters(chosen: str, candidates: dict[str, list[zipfile.ZipInfo]]) -> list[str]:
    """The zip's other folders holding ``users.csv`` beside the ``chosen`` one, not below
    it (sorted): a zip of several exports (one per school or year, made on a district's
    shared drive) is several rosters. Before session 67 the first folder by name was read
    alone, and the others' records were left out unsaid. As for a folder on disk, a roster
    at the top is read as it is, whatever lies below it (an ``old/`` copy), and one below
    it alone is read (the usual zip of one export folder)."""
    if chosen == ".":
        return []
    top = PurePosixPath(chosen)
    return sorted(
        folder
        for folder, infos in candidates.items()
        if folder != chosen
        and any(PurePosixPath(i.filename).name.casefold() == "users.csv" for i in infos)
        and top not in PurePosixPath(folder).parents
    )
