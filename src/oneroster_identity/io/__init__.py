"""Roster readers and writers: OneRoster CSV (directory or zip) and REST JSON.

The reading API is three functions: :func:`read_roster` for any path,
:func:`read_rest_users` for JSON documents a sync script already fetched, and
:func:`write_csv_roster` for writing a roster back out.
"""

from __future__ import annotations

import zipfile
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

import attrs

from oneroster_identity._gc import paused_gc
from oneroster_identity._memo import roster_run
from oneroster_identity._usage import describe, require_path
from oneroster_identity.diagnostics import Diagnostic, Location, Severity
from oneroster_identity.errors import RosterReadError, UsageError
from oneroster_identity.io._collect import DiagnosticCollector
from oneroster_identity.io._csvbulk import read_csv_bulk
from oneroster_identity.io._delta import apply_delta
from oneroster_identity.io._enrollments import ENROLLMENTS_COLUMNS
from oneroster_identity.io._fields import MAX_FIELD_CHARS, parse_date
from oneroster_identity.io._rest import read_rest_documents, read_rest_file, read_rest_folder
from oneroster_identity.io._source import (
    REST_SUFFIXES,
    CsvSource,
    directory_source,
    json_files,
    one_export,
    rosters_below,
    rosters_listed,
    single_file_source,
    zip_source,
)
from oneroster_identity.io._table import (
    binary_kind,
    decoded_lines,
    encoding_problem,
    lines_like_rows,
    swallowed_rows,
    unclosed_quote_message,
)
from oneroster_identity.io._wide import EncodingMismatch, WideEncoding, is_utf8, wide_encoding
from oneroster_identity.io._writer import rest_user, write_csv_roster, write_rest_roster
from oneroster_identity.models import Roster

__all__ = [
    "ENCODING_FALLBACK",
    "ENROLLMENTS_COLUMNS",
    "MAX_FIELD_CHARS",
    "REST_SUFFIXES",
    "DiagnosticCollector",
    "EncodingMismatch",
    "WideEncoding",
    "apply_delta",
    "binary_kind",
    "decoded_lines",
    "encoding_problem",
    "find_rosters",
    "is_utf8",
    "lines_like_rows",
    "parse_date",
    "read_rest_users",
    "read_roster",
    "read_sample",
    "rest_user",
    "swallowed_rows",
    "unclosed_quote_message",
    "wide_encoding",
    "write_csv_roster",
    "write_rest_roster",
]


def read_roster(
    path: Path | str,
    *,
    encoding: str = "utf-8",
    strict: bool = False,
    base: Path | str | Roster | None = None,
    fallback_encoding: str | None = None,
) -> Roster:
    """Read a roster from a CSV directory, a ``.zip``, a ``users.csv`` or a REST ``.json`` file.

    With ``base`` (a path or an already read :class:`Roster`), ``path`` is a delta export
    applied to it (:func:`apply_delta`): the result is the roster the next sync will see.

    Lenient by default: problems are returned in ``roster.diagnostics`` and reading
    goes on. With ``strict=True`` any warning or error raises one
    :class:`~oneroster_identity.StrictModeError` listing all of them. A roster that
    cannot be read at all raises :class:`~oneroster_identity.RosterReadError`.

    ``encoding`` must be ASCII-compatible; SFTP exports in ISO-8859-1 are read
    with ``encoding="iso-8859-1"``. With ``fallback_encoding`` (``"cp1252"``: a file Excel
    on Windows saved), a roster whose bytes are not valid in ``encoding`` is read again in
    it, and an ``info`` diagnostic ``encoding-fallback`` says so (since session 53); the
    base of a delta falls back the same way, on its own.

    >>> roster = read_roster("district-export.zip")  # doctest: +SKIP
    >>> len(roster.users), [d.format() for d in roster.diagnostics][:1]  # doctest: +SKIP
    """
    require_path(path, "read_roster()")
    if base is not None and not isinstance(base, Roster):
        require_path(base, "read_roster(base=...)")
    if fallback_encoding is not None:
        problem = encoding_problem(fallback_encoding)
        if problem is not None:
            raise UsageError(f"read_roster(fallback_encoding=...): {problem}")
    with paused_gc(), roster_run():
        roster = _read_falling_back(Path(path), encoding, fallback_encoding, strict)
        if base is None:
            return roster
        if not isinstance(base, Roster):
            base = _read_falling_back(Path(base), encoding, fallback_encoding, strict)
        return apply_delta(base, roster)


ENCODING_FALLBACK = "encoding-fallback"
"""The code of the ``info`` diagnostic of a roster read in its fallback encoding."""


def _read_falling_back(p: Path, encoding: str, fallback: str | None, strict: bool) -> Roster:
    """:func:`_read` in ``encoding``, or, when the bytes are not valid in it, in
    ``fallback`` with a diagnostic saying so. When neither reads it, the error says
    what each found."""
    try:
        return _read(p, encoding, strict)
    except RosterReadError as exc:
        if fallback is None or exc.diagnostic.code != "decode-error":
            raise
        first = exc.diagnostic
    try:
        roster = _read(p, fallback, strict)
    except RosterReadError as exc:
        raise RosterReadError(
            attrs.evolve(
                exc.diagnostic,
                message=f"{exc.diagnostic.message} (read as {fallback}, the fallback "
                f"encoding, after {encoding} failed: {first.message})",
            )
        ) from None
    note = Diagnostic(
        code=ENCODING_FALLBACK,
        severity=Severity.INFO,
        message=f"the file is not valid {encoding}, so the roster was read as {fallback}, "
        "the fallback encoding; if accented names look wrong in this report, name the "
        "file's encoding",
        location=first.location,
    )
    diagnostics = tuple(sorted((*roster.diagnostics, note), key=Diagnostic.sort_key))
    return attrs.evolve(roster, diagnostics=diagnostics)


def _read(p: Path, encoding: str, strict: bool) -> Roster:
    collector = DiagnosticCollector(strict=strict)
    problem = encoding_problem(encoding)
    if problem is not None:
        raise collector.fatal("bad-encoding", problem, Location(file=str(p)))
    if p.is_dir():
        source = _roster_folder(p, collector)
        if not source.has("users.csv"):
            folder = Path(source.label)
            pages = json_files(folder)
            if pages and one_export(pages):  # (since session 55: pages saved one file each)
                return read_rest_folder(folder, pages, encoding=encoding, collector=collector)
            if pages:
                shown = ", ".join(pages[:10]) + (
                    f" and {len(pages) - 10} more" if len(pages) > 10 else ""
                )
                raise collector.fatal(
                    "several-rosters",
                    f"users.csv not found here, and its JSON files ({shown}) are not one "
                    "export's pages (names alike but for their numbers): check each REST "
                    "roster as a file of its own, or all of them with check-many",
                    Location(file=str(folder)),
                )
        return read_csv_bulk(source, encoding=encoding, collector=collector)
    if not p.exists():
        raise collector.fatal("missing-file", "no such file or directory", Location(file=str(p)))
    suffix = p.suffix.casefold()
    if suffix in REST_SUFFIXES:
        return read_rest_file(p, encoding=encoding, collector=collector)
    if suffix == ".zip" or zipfile.is_zipfile(p):
        source, archive = zip_source(p, collector)
        with archive:
            return read_csv_bulk(source, encoding=encoding, collector=collector)
    if suffix in (".csv", ".tsv", ".txt"):  # (a tab-delimited export named .tsv or .txt too)
        export = _export_folder(p)
        if export is not None:
            # the users.csv of an export folder: the user means the export (its roles,
            # orgs and demographics are the users' roles, schools and birth dates)
            members, beside = export
            collector.add(
                "export-folder-read",
                Severity.INFO,
                f"{p.name} sits in an export folder beside {', '.join(beside)}: the folder "
                "was read (to check this file alone, copy it out of the folder)",
                Location(file=str(p)),
            )
            return read_csv_bulk(members, encoding=encoding, collector=collector)
        return read_csv_bulk(single_file_source(p), encoding=encoding, collector=collector)
    raise collector.fatal(
        "unknown-format",
        "not a roster: expected a directory, a .zip, a users.csv (.tsv, .txt) or a .json "
        "(.jsonl) file",
        Location(file=str(p)),
    )


def find_rosters(path: Path | str) -> list[Path]:
    """The rosters ``path`` holds: ``[path]`` for a file or a folder with ``users.csv``
    (and for anything :func:`read_roster` should report on, such as a missing path), else
    the rosters below it, sorted: the ``.zip`` files in it and the folders holding a
    ``users.csv`` two levels down at most (a portfolio folder of district exports).

    :func:`read_roster` reads a folder whose one roster sits below it; ``check-many``
    expands a folder of several (give the list to
    :func:`oneroster_identity.batch.check_many`).
    """
    p = Path(path)
    if not p.is_dir() or directory_source(p).has("users.csv"):
        return [p]
    return rosters_below(p) or [p]


_EXPORT_FILES = ("manifest.csv", "roles.csv", "orgs.csv", "demographics.csv", "enrollments.csv")
"""The files of a OneRoster bulk export that describe its users.csv."""


def _export_folder(p: Path) -> tuple[CsvSource, list[str]] | None:
    """The folder of ``p`` and the export files in it beside ``p``, when ``p`` is a
    ``users.csv`` (any case) read by name in a folder holding some: the folder is the
    export, and ``p`` alone lacks its roles, schools and birth dates. ``None`` for a file
    of another name (a users file on its own) or alone in its folder."""
    if p.name.casefold() != "users.csv":
        return None
    folder = directory_source(p.parent)
    beside = [name for name in _EXPORT_FILES if folder.has(name)]
    return (folder, beside) if beside else None


def _roster_folder(p: Path, collector: DiagnosticCollector) -> CsvSource:
    """The CSV files of the directory ``p``, or of the one folder below it that holds a
    roster (an export unzipped into its own folder), as a zip's one common folder is read.
    Several rosters below ``p`` are an error naming them: which one to check is the
    user's choice, and ``check-many`` checks them all."""
    source = directory_source(p)
    if source.has("users.csv"):
        return source
    found = rosters_below(p)
    if len(found) == 1 and found[0].is_dir():
        collector.add(
            "roster-subfolder",
            Severity.INFO,
            f"{p} has no users.csv; the roster in its subfolder "
            f"{found[0].relative_to(p).as_posix()} was read",
            Location(file=str(found[0])),
        )
        return directory_source(found[0])
    if found:
        shown = [f.relative_to(p).as_posix() for f in found]
        raise collector.fatal(
            "several-rosters",
            f"users.csv not found here; the roster(s) below it: {rosters_listed(shown)}; "
            "check one of them, or all of them with check-many "
            "(oneroster_identity.batch.check_many)",
            Location(file=str(p)),
        )
    return source


def read_sample() -> Roster:
    """The bundled sample roster (a generated district with every kind of case), as
    ``oneroster-identity check --sample`` reads it.

    >>> len(read_sample().users) > 400
    True
    """
    from importlib.resources import as_file, files

    with as_file(files("oneroster_identity.data").joinpath("sample")) as path:
        return read_roster(path)


def read_rest_users(
    documents: Iterable[Mapping[str, Any]] | Mapping[str, Any],
    *,
    source: str = "<rest>",
    strict: bool = False,
) -> Roster:
    """Build a roster from REST JSON already parsed into dicts (pages, envelopes or users).

    A sync script that pages through ``GET /users`` passes the pages it got:

    >>> roster = read_rest_users([{"users": [{"sourcedId": "u1", "role": "parent",
    ...     "givenName": "Ana", "familyName": "Diaz"}]}])
    >>> roster.users[0].given_name
    'Ana'

    Each page is read when the iteration reaches it and is not kept (the users are kept
    as columns, as for a CSV export), so a generator that fetches the next page only
    when asked holds one page at a time, however large the district.
    """
    if isinstance(documents, (str, bytes)) or not isinstance(documents, (Mapping, Iterable)):
        raise UsageError(
            "read_rest_users() takes parsed JSON, a page dict or an iterable of them "
            f"(json.loads(text); read_roster(path) reads a .json file), not {describe(documents)}"
        )
    docs = [documents] if isinstance(documents, Mapping) else documents
    collector = DiagnosticCollector(strict=strict)
    with paused_gc(), roster_run():
        return read_rest_documents(docs, file=source, collector=collector)
