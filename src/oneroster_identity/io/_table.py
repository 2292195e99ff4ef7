"""One CSV member of an export opened for streaming: decoding, delimiter, header.

A file that a quick byte scan finds clean (UTF-8, no byte order mark, no NUL byte) is
parsed by the csv module straight from a C text decoder; any other file goes through
:func:`decoded_lines`, which decodes each line on its own so that a decoding failure names
its line and byte offset. :class:`Table` resolves the header to OneRoster's column names
(case, known misspellings and vendor names) and streams rows with their line numbers,
reporting rows that cannot be parsed.
"""

from __future__ import annotations

import codecs
import csv
import io
import itertools
import re
from collections.abc import Callable, Iterator, Mapping, Sequence
from operator import itemgetter
from typing import IO, Any

from rapidfuzz import process

from oneroster_identity.diagnostics import Location, Severity
from oneroster_identity.io._collect import DiagnosticCollector
from oneroster_identity.io._fields import MAX_FIELD_CHARS
from oneroster_identity.io._source import CsvSource
from oneroster_identity.io._wide import EncodingMismatch, is_utf8, is_wide, wide_encoding

__all__ = [
    "COLUMN_ALIASES",
    "Table",
    "binary_kind",
    "decoded_lines",
    "encoding_problem",
    "is_plain_utf8",
    "lines_like_rows",
    "swallowed_rows",
    "unclosed_quote_message",
    "unwrapped",
]

# Misspellings and vendor names seen in real exports, accepted with an info diagnostic.
COLUMN_ALIASES: Mapping[str, str] = {
    "prefferedgivenname": "preferredGivenName",
    "prefferedmiddlename": "preferredMiddleName",
    "prefferedfamilyname": "preferredFamilyName",
    "datalastmodified": "dateLastModified",
    "userid": "userIds",
    "agents": "agentSourcedIds",
    "orgsourcedid": "orgSourcedIds",
    "primaryorg": "primaryOrgSourcedId",
    "usersourcedid": "sourcedId",  # demographics.csv in a vendor's 1.1-like export
    "firstname": "givenName",
    "first_name": "givenName",
    "lastname": "familyName",
    "last_name": "familyName",
    "surname": "familyName",
    "middlename": "middleName",
}


def decoded_lines(
    stream: IO[bytes], file: str, encoding: str, collector: DiagnosticCollector
) -> Iterator[str]:
    """Decode ``stream`` line by line, naming the byte offset of undecodable bytes.

    A file in UTF-16 (a byte order mark, the ``encoding`` asked for, or, under the default
    UTF-8, a first line with a NUL byte beside every letter: SQL Server's ``bcp -w`` and
    some Windows tools write UTF-16 without a mark) is decoded whole and then split: its
    line breaks are two bytes, and splitting on one would cut characters in two."""
    offset = 0
    utf8 = is_utf8(encoding)
    for number, raw in enumerate(stream, start=1):
        if number == 1:
            kind = binary_kind(raw)
            if kind is not None:
                raise collector.fatal(
                    "not-csv",
                    f"the file is {kind}, not a CSV file: save the sheet as 'CSV UTF-8' and "
                    "check that file",
                    Location(file=file),
                )
            try:
                wide = wide_encoding(raw, encoding)
            except EncodingMismatch as exc:
                raise collector.fatal(
                    "decode-error", str(exc), Location(file=file, line=1)
                ) from None
            if wide is not None:
                if wide.note:
                    collector.add(
                        wide.family, Severity.INFO, wide.note, Location(file=file, line=1)
                    )
                try:
                    text = (raw + stream.read()).decode(wide.codec)
                except UnicodeDecodeError as exc:
                    name = wide.codec.upper()
                    raise collector.fatal(
                        "decode-error",
                        f"file reads as {name} but byte offset {exc.start} is not valid {name}",
                        Location(file=file),
                    ) from None
                yield from text.removeprefix("\ufeff").splitlines(keepends=True)
                return
        if number == 1 and raw.startswith(b"\xef\xbb\xbf"):
            if utf8:
                collector.add(
                    "utf8-bom",
                    Severity.INFO,
                    "file starts with a UTF-8 byte order mark; it was skipped",
                    Location(file=file, line=1),
                )
            raw = raw[3:]
            offset += 3
        try:
            text = raw.decode("utf-8" if utf8 else encoding)
        except UnicodeDecodeError as exc:
            bad = raw[exc.start]
            raise collector.fatal(
                "decode-error",
                f"byte 0x{bad:02x} at byte offset {offset + exc.start} is not valid {encoding}; "
                + _other_encoding(raw),
                Location(file=file, line=number),
            ) from None
        if "\x00" in text:
            collector.add(
                "nul-byte",
                Severity.WARNING,
                "line contains NUL bytes; they were removed",
                Location(file=file, line=number),
            )
            text = text.replace("\x00", "")
        offset += len(raw)
        yield text


_PROBE = b"sourcedId,givenName,familyName\r\n"


_BINARY = (
    (b"PK\x03\x04", "a zip file (an Excel workbook, .xlsx, saved under a .csv name?)"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "an old Excel workbook (.xls) or another Office file"),
    (b"%PDF-", "a PDF file"),
)
"""The first bytes of files a CSV name is given by mistake, and what they are."""


def binary_kind(first: bytes) -> str | None:
    """What a file is when its first bytes are those of a workbook, a zip or a PDF
    (:data:`_BINARY`), else ``None``: decoding it as text, under any encoding, reads
    nothing, and the advice to read it as Windows-1252 would be wrong (since session
    55)."""
    for signature, kind in _BINARY:
        if first.startswith(signature):
            return kind
    return None


def encoding_problem(encoding: str) -> str | None:
    """Why ``encoding`` cannot read a CSV or JSON export, or ``None`` when it can: it must
    be a text encoding Python knows that reads ASCII as ASCII (every encoding a roster is
    exported in, Latin-1 and Windows-1252 included), or UTF-16 or UTF-32. ``punycode``,
    ``undefined``, EBCDIC code pages and byte codecs such as ``base64`` are refused here,
    with this reason, rather than failing on the first line."""
    try:
        info = codecs.lookup(encoding)
        "".encode(encoding)
    except LookupError:
        return f"unknown encoding {encoding!r}"
    except UnicodeError:  # 'undefined' refuses every text
        return f"encoding {encoding!r} reads no text"
    if is_wide(info.name):
        return None
    try:
        ascii_alike = _PROBE.decode(info.name) == _PROBE.decode("ascii")
    except UnicodeError:
        ascii_alike = False
    if not ascii_alike:
        return f"encoding {encoding!r} does not read plain ASCII as ASCII; it cannot be a roster's"
    return None


def _other_encoding(line: bytes) -> str:
    """What to read a line that is no UTF-8 with: Windows-1252, as Excel on Windows saves
    "CSV (Comma delimited)", when the line reads so (its typographic quotes and dashes,
    bytes 0x80-0x9F, are Windows-1252's letters, where ISO-8859-1 reads control
    characters into the names); ISO-8859-1, which reads any byte, when it does not (since
    session 49: ISO-8859-1 was suggested first)."""
    try:
        line.decode("cp1252")
    except UnicodeDecodeError:
        return (
            "if the file was exported as ISO-8859-1 (Latin-1), read it with "
            "encoding='iso-8859-1' (command line: --encoding iso-8859-1)"
        )
    return (
        "the file is likely Windows-1252, as Excel on Windows saves 'CSV (Comma "
        "delimited)': read it with encoding='cp1252' (command line: --encoding cp1252), "
        "or save it as 'CSV UTF-8'"
    )


_DELIMITER_HINT = re.compile(r"sep=\S?", re.IGNORECASE)
"""Excel's delimiter hint line (``sep=,``; the comma itself splits off as a cell)."""


_MARKUP = re.compile(r"\s*<(?:!doctype|html|\?xml|head|body|!--)", re.IGNORECASE)
"""The start of an HTML or XML page: a sign-in or error page a browser or a script saved
under the export's name."""


_FORMULA = re.compile(r'\s*="(.*)"\s*', re.DOTALL)
"""A spreadsheet's text formula around a cell (``="0123"``), which exports meant for
Excel write to keep leading zeros and long numbers as text; a quote inside is doubled."""


def unwrapped(cell: str) -> str:
    """The text inside a spreadsheet's text formula (``="0123"`` -> ``0123``, a doubled
    quote inside read as one), else the cell as it is.

    >>> unwrapped('="00123"'), unwrapped('="O""Brien"'), unwrapped("Ana")
    ('00123', 'O"Brien', 'Ana')
    """
    if '="' not in cell:
        return cell
    match = _FORMULA.fullmatch(cell)
    return match[1].replace('""', '"') if match is not None else cell


def _wrapped_throughout(cells: Sequence[str]) -> bool:
    """Whether a row (or a header) is written as an export meant for Excel writes every
    value: two or more cells, and at least half of those not empty, in a text formula.
    A file that wraps only its IDs (``="00123"``, for the leading zeros) is not."""
    filled = [cell for cell in cells if cell.strip() and cell.strip() != '=""']
    formulas = sum(1 for cell in filled if '="' in cell and _FORMULA.fullmatch(cell))
    return formulas >= 2 and 2 * formulas >= len(filled)


def _names_no_column(cells: list[str], by_fold: Mapping[str, str]) -> bool:
    """Whether a header's cells name no column of their table, even inside a cell (a
    header of another delimiter is one cell holding several names): a data row read as
    the header. One word that is a column name (``role`` in ``r1-role``) may be chance."""
    words = (w for cell in cells for w in re.split(r"[^0-9A-Za-z_.]+", cell.casefold()) if w)
    return sum(w in by_fold or w in COLUMN_ALIASES for w in words) <= 1


def _column_key(cell: str, by_fold: Mapping[str, str]) -> str | None:
    """The name a header cell gives its column: the canonical OneRoster name (case and
    :data:`COLUMN_ALIASES` forgiven), else the cell casefolded (an extension), ``None``
    for an empty cell. Two headers name a column alike when their keys are equal. A byte
    order mark before the cell (a second file's, joined after the first) is no part of
    its name."""
    folded = cell.strip().lstrip("\ufeff").casefold()
    if not folded:
        return None
    canonical = by_fold.get(folded)
    if canonical is None:
        alias = COLUMN_ALIASES.get(folded)
        if alias is not None and alias.casefold() in by_fold:
            canonical = alias
    return canonical if canonical is not None else folded


class _Layout:
    """How the rows under one header line sit: its width, where the sourcedId is, its
    column names by position, and the picks that put a row in line 1's column order
    (``None`` for line 1's own header, or a header again in its order)."""

    __slots__ = ("id_at", "names", "picks", "unnamed", "width")

    def __init__(
        self,
        width: int,
        id_at: int | None,
        names: dict[int, str],
        unnamed: frozenset[int],
        picks: list[int] | None,
    ) -> None:
        self.width = width
        self.id_at = id_at
        self.names = names
        self.unnamed = unnamed
        self.picks = picks


_SCAN_CHUNK = 1 << 20


def is_plain_utf8(source: CsvSource, name: str, encoding: str) -> bool:
    """Whether member ``name`` can skip the line-by-line decoder: the encoding is UTF-8,
    and one pass over its bytes (in C: ``memchr`` and the UTF-8 decoder, about 0.1 s per
    100 MB) finds no byte order mark, no NUL byte and no invalid byte. Such a file has
    nothing :func:`decoded_lines` would report."""
    if not is_utf8(encoding):
        return False
    decoder = codecs.getincrementaldecoder("utf-8")()
    with source.open(name) as stream:
        first = True
        while chunk := stream.read(_SCAN_CHUNK):
            if first and (
                chunk.startswith((b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff"))
                or binary_kind(chunk) is not None  # (decoded_lines names it)
            ):
                return False
            first = False
            if b"\x00" in chunk:
                return False
            try:
                decoder.decode(chunk)
            except UnicodeDecodeError:
                return False
        try:
            decoder.decode(b"", final=True)
        except UnicodeDecodeError:
            return False
    return True


def swallowed_rows(cells: Sequence[str], delimiter: str, width: int) -> tuple[int, int] | None:
    """``(position, count)`` for the first value of a parsed row that holds lines looking
    like rows of their own (as many ``delimiter`` as half a ``width``-cell row has, two
    at least), else ``None``.

    A quote opened and not closed (``1,"Ana,Diaz,...``) makes the csv module, as any CSV
    reader, the app's sync too, read every line up to the next quote into one value, and
    the rows in those lines are read by no one. A value typed over two lines (``"Ana`` /
    ``Maria"``) holds no such line.

    >>> swallowed_rows(["u1", "Ana,Diaz,a@x.org\\nu2,Bo,Li,b@x.org\\n"], ",", 5)
    (1, 1)
    >>> swallowed_rows(["u1", "Ana\\nMaria", "Diaz"], ",", 5) is None
    True
    """
    enough = max(2, (width - 1) // 2)
    return lines_like_rows(cells, lambda text: text.count(delimiter) >= enough)


def lines_like_rows(cells: Sequence[str], is_row: Callable[[str], bool]) -> tuple[int, int] | None:
    """``(position, count)`` for the first value of a parsed row whose lines after its
    first one include ``count`` that ``is_row`` takes for rows of their own, else
    ``None``: the test behind :func:`swallowed_rows`, for a reader with its own idea of a
    row (the decisions file: an item id and a decision)."""
    for position, cell in enumerate(cells):
        if "\n" not in cell and "\r" not in cell:
            continue
        rows = sum(1 for text in cell.splitlines()[1:] if is_row(text))
        if rows:
            return position, rows
    return None


def unclosed_quote_message(column: str, line: int, end: int, rows: int, outcome: str) -> str:
    """The message of an ``unclosed-quote`` error (:func:`swallowed_rows`): the row
    starting on ``line`` in ``column`` and read on to line ``end`` was ``outcome``."""
    return (
        f"a quoted value opened in {column} on line {line} runs on to line {end}: the lines "
        f"after it were read into this one value, {rows} of them looking like rows of their "
        f"own (a sync reads the file the same way); the row was {outcome}: remove the stray "
        "quote or close it, and export again"
    )


class Table:
    """A CSV member opened for streaming, with its header resolved to canonical names."""

    def __init__(
        self,
        source: CsvSource,
        name: str,
        known: tuple[str, ...],
        required: tuple[str, ...],
        encoding: str,
        collector: DiagnosticCollector,
    ) -> None:
        self.file = source.actual_name(name)
        self.collector = collector
        self._stream = source.open(name)
        self._lines: Iterator[str]
        if is_plain_utf8(source, name, encoding):
            self._lines = io.TextIOWrapper(self._stream, encoding="utf-8", newline="")
        else:
            self._lines = decoded_lines(self._stream, self.file, encoding, collector)
        self._reader = self._sniffed_reader(required)
        self.index: dict[str, int] = {}
        self.names: dict[int, str] = {}
        self.extensions: list[tuple[int, str]] = []
        self.width = 0
        self._unnamed: list[int] = []
        self._unnamed_set: frozenset[int] = frozenset()
        self._by_fold: dict[str, str] = {k.casefold(): k for k in known}
        self._required = required
        self._line_one = _Layout(0, None, {}, frozenset(), None)
        self._layout = self._line_one
        """The header in force: line 1's, or the last header again (:meth:`_header_again`)."""
        self.rejected = 0
        self._last_short: int | None = None
        """The line of the last row read with cells missing (``ragged-row``)."""
        self._short_rows = 0
        self._wrapped: bool | None = None
        """Whether the file writes its values in spreadsheet text formulas (read without
        them); ``None`` until its header or first row says (:meth:`_wrapping`)."""
        try:
            header = next(self._reader)
        except StopIteration:
            raise collector.fatal(
                "empty-file", "file is empty: it has no header row", Location(file=self.file)
            ) from None
        except csv.Error as exc:
            raise collector.fatal(
                "csv-syntax", f"header cannot be parsed: {exc}", Location(file=self.file, line=1)
            ) from None
        if _wrapped_throughout(header):
            header = [unwrapped(cell) for cell in header]
            self._wrapping(1)
        self._whole_rows = 0
        """Rows read that were one quoted value holding a whole row (:meth:`_line_in_one`)."""
        self._first_whole = 0
        inner = self._line_in_one(header, required=required)
        if inner is not None:
            header = inner
            self.collector.add(
                "row-in-one-value",
                Severity.ERROR,
                "line 1 is one quoted value holding the whole header (each line of the file "
                "quoted whole?): read here by splitting it, but a sync finds no column in "
                "it: export the file again without quotes around each line",
                Location(file=self.file, line=1),
            )
        self._resolve(header, known, required)

    def _wrapping(self, line: int) -> bool:
        """Say once that the file's values are in spreadsheet text formulas (from ``line``
        on), and read them without: ``True``."""
        self._wrapped = True
        self.collector.add(
            "spreadsheet-formulas",
            Severity.WARNING,
            "the file's values are wrapped in a spreadsheet's text formula (=\"...\", as an "
            "export meant for Excel writes them): they are read here without the marks. A "
            "sync that reads this file takes them as written, every sourcedId, name, email "
            "and link with its marks: if it does, export the roster again as plain CSV",
            Location(file=self.file, line=line),
        )
        return True

    def _sniffed_reader(self, required: tuple[str, ...]) -> Any:
        """A csv reader with the file's delimiter: a comma, or a tab or semicolon when the
        header has no comma but splits into the required columns on one (an info
        diagnostic says so); otherwise the comma, and a missing column names the header."""
        first = next(self._lines, None)
        if first is None:
            return csv.reader(iter(()))
        lines = itertools.chain([first], self._lines)
        if "," not in first:
            for delimiter, label in (("\t", "tab"), (";", "semicolon")):
                cells = {c.strip().casefold() for c in first.split(delimiter)}
                if delimiter in first and all(r.casefold() in cells for r in required):
                    self.collector.add(
                        "csv-delimiter",
                        Severity.INFO,
                        f"file is {label}-delimited; read with that delimiter",
                        Location(file=self.file, line=1),
                    )
                    return csv.reader(lines, delimiter=delimiter)
        return csv.reader(lines)

    def _resolve(
        self, header: list[str], known: tuple[str, ...], required: tuple[str, ...]
    ) -> None:
        by_fold = {k.casefold(): k for k in known}
        self.width = len(header)
        for position, cell in enumerate(header):
            raw = cell.strip()
            loc = Location(file=self.file, line=1, column=raw or f"#{position + 1}")
            if not raw:
                self._unnamed.append(position)
                continue
            folded = raw.casefold()
            canonical = by_fold.get(folded)
            if canonical is None and folded in COLUMN_ALIASES:
                canonical = COLUMN_ALIASES[folded]
                if canonical.casefold() in by_fold:
                    self.collector.add(
                        "column-alias",
                        Severity.INFO,
                        f"column '{raw}' read as '{canonical}'",
                        loc,
                    )
                else:
                    canonical = None
            if canonical is None:
                self.extensions.append((position, raw))
                if not folded.startswith(("ext_", "metadata.")):
                    self.collector.add(
                        "unknown-column",
                        Severity.INFO,
                        f"column '{raw}' is not a OneRoster column; kept as an extension",
                        loc,
                    )
                continue
            if canonical != raw and canonical.casefold() == folded:
                self.collector.add(
                    "column-case",
                    Severity.INFO,
                    f"column '{raw}' read as '{canonical}'",
                    loc,
                )
            if canonical in self.index:
                self.collector.add(
                    "duplicate-column",
                    Severity.WARNING,
                    f"column '{canonical}' appears twice; the first is used",
                    loc,
                )
                continue
            self.index[canonical] = position
        self.names = {position: name for name, position in self.index.items()}
        self._keys = [_column_key(cell, by_fold) for cell in header]
        """Line 1's column names by position (:func:`_column_key`)."""
        spellings = [*header, *known, *by_fold, *COLUMN_ALIASES, *(c.strip() for c in header)]
        self._header_cells = frozenset([*spellings, *("\ufeff" + s for s in spellings)])
        """Header cells' spellings: a row holding one where the sourcedId belongs, or first,
        may be the header again (line 1's, or another export's, a byte order mark before
        it when files that each begin with one were joined)."""
        self.names.update((position, name) for position, name in self.extensions)
        self._unnamed_set = frozenset(self._unnamed)
        self._line_one = _Layout(
            self.width, self.index.get("sourcedId"), dict(self.names), self._unnamed_set, None
        )
        self._layout = self._line_one
        if self._unnamed:
            self.collector.add(
                "empty-header-cell",
                Severity.INFO,
                f"header has {len(self._unnamed)} empty cell(s); those columns are ignored",
                Location(file=self.file, line=1),
            )
        missing = [c for c in required if c not in self.index]
        if missing:
            found = [c.strip() for c in header if c.strip()]
            hints = []
            if not found:
                # a byte-order mark alone, blank lines, or blank lines before the header
                advice = (
                    "; line 1 is blank: a OneRoster CSV file starts with its header (is the "
                    "file empty, or are there blank lines before the header?)"
                )
            elif len(found) == 1 and _DELIMITER_HINT.fullmatch(found[0]):
                # Excel's delimiter hint, which some tools write above the header
                advice = (
                    "; line 1 is a spreadsheet's delimiter hint ('sep=...'), not the header: "
                    "delete that line so the file starts with its header"
                )
            elif found and not self.index and _MARKUP.match(found[0]):
                advice = (
                    "; line 1 starts an HTML or XML page, not a CSV header: a sign-in or error "
                    "page saved in place of the export? Download the export again"
                )
            elif found and not self.index and _names_no_column(found, by_fold):
                # a data row where the header belongs: close spellings would be nonsense
                below = self._header_below(required)
                advice = (
                    f"; line 1 names no OneRoster column, and line {below} is the header: "
                    f"delete the line(s) above it (a report's title?), so that the file "
                    "starts with its header"
                    if below is not None
                    else "; line 1 names no OneRoster column at all: is the header line "
                    "missing? (a OneRoster CSV file starts with one)"
                )
            else:
                for column in missing:
                    close = process.extractOne(
                        column.casefold(), [f.casefold() for f in found], score_cutoff=60
                    )
                    if close is not None:
                        hints.append(f"'{found[close[2]]}' for {column}?")
                advice = f"; did you mean {' '.join(hints)}" if hints else ""
            raise self.collector.fatal(
                "missing-column",
                f"required column(s) {', '.join(missing)} missing from the header"
                + (f" (found: {', '.join(found[:20])})" if found else "")
                + advice,
                Location(file=self.file, line=1),
            )

    def rows(self) -> Iterator[tuple[int, list[str]]]:
        """``(first line, cells)`` per record, padded to the header width; bad rows reported."""
        return self._records(clean=False)

    def _records(self, *, clean: bool) -> Iterator[tuple[int, list[str]]]:
        # One loop for rows() and clean_rows(): a generator layer costs about 0.6 us a row.
        reader = self._reader
        unnamed = self._unnamed
        id_at = self.index.get("sourcedId")
        header_cells = self._header_cells
        strip = str.strip
        joined = "".join
        layout = self._layout
        width, id_in_row, picks = layout.width, layout.id_at, layout.picks
        wrapped = self._wrapped
        while True:
            start = reader.line_num + 1
            try:
                cells = next(reader)
            except StopIteration:
                break
            except csv.Error as exc:
                self._unparsable(exc, start, Severity.ERROR, "rejected")
                continue
            if not cells or (len(cells) == 1 and not cells[0].strip()):
                continue
            if reader.line_num != start and self._swallowed(cells, start, id_in_row):
                continue
            if wrapped is not False:
                if wrapped is None:  # the first row says
                    wrapped = _wrapped_throughout(cells) and self._wrapping(start)
                    self._wrapped = wrapped
                if wrapped:  # (before the header test: a header again is wrapped too)
                    cells = [unwrapped(cell) for cell in cells]
            if len(cells) != width:
                # (a header again of another width: first cells are column names)
                if (
                    cells[0] in header_cells
                    or (
                        id_in_row is not None
                        and id_in_row < len(cells)
                        and cells[id_in_row] in header_cells
                    )
                ) and self._header_again(cells, start):
                    layout = self._layout
                    width, id_in_row, picks = layout.width, layout.id_at, layout.picks
                    continue
                cells = self._fix_width(cells, start)
            elif (
                id_in_row is not None
                and cells[id_in_row] in header_cells
                and self._header_again(cells, start)
            ):
                layout = self._layout
                width, id_in_row, picks = layout.width, layout.id_at, layout.picks
                continue
            if picks is not None:
                cells.append("")
                cells = [cells[position] for position in picks]
            for position in unnamed:
                if cells[position].strip():
                    self.collector.add_once(
                        "unnamed-column-value",
                        Severity.WARNING,
                        f"a value sits under an empty header cell (column {position + 1}); ignored",
                        Location(file=self.file, line=start),
                        key=str(position),
                    )
            if clean:
                cells = list(map(strip, cells))
                # (no cell can be longer than the row: one join is 6x cheaper than max())
                if len(joined(cells)) > MAX_FIELD_CHARS:
                    self._drop_oversized(cells, start, id_at)
                cells.append("")
            yield start, cells
        self._said_whole_rows()
        if self._short_rows == 1 and self._last_short == reader.line_num:
            # The file's last line, and no other, is a row with cells missing: what a
            # file cut short (an export or a copy that stopped) leaves, and the root of
            # the warnings of every record that names a row past it (since session 53).
            # (A tool that leaves out trailing empty cells makes many short rows.)
            self.collector.add(
                "file-cut-short",
                Severity.WARNING,
                "the file ends on a row with cells missing: it may have been cut short (an "
                "export or a copy that stopped); rows after it would be missing, and other "
                "files' rows naming their users would point at no one",
                Location(file=self.file, line=self._last_short),
            )
        self._stream.close()

    def _header_again(self, cells: list[str], line: int) -> bool:
        """Whether a row is a header again, as files joined one after the other leave
        (``cat`` of two exports, a spreadsheet's append, two schools' exports of other
        versions): skipped, no record, and the rows after it read by it.

        A header naming line 1's columns in line 1's order (case, spacing and aliases
        forgiven) is a warning. One in another order, or with other columns, is an error:
        the rows after it are read by it here, in their own order, so that the check
        sees their people, but a sync reads them by line 1's header, their values under
        other columns. A column line 1 lacks is not read (said); one it lacks is empty."""
        keys = [_column_key(cell, self._by_fold) for cell in cells]
        columns: dict[str, int] = {}
        for position, key in enumerate(keys):
            if key is not None:
                columns.setdefault(key, position)
        if not all(column in columns for column in self._required):
            return False
        width = len(cells)
        line_one = self._keys
        picks = [columns.get(key, width) if key is not None else width for key in line_one]
        location = Location(file=self.file, line=line)
        in_order = width == len(line_one) and all(
            key is None or pick == position
            for position, (key, pick) in enumerate(zip(line_one, picks, strict=True))
        )
        if in_order:
            self._layout = self._line_one
            self.collector.add(
                "repeated-header",
                Severity.WARNING,
                "the header again (files joined one after the other?); skipped, no record",
                location,
            )
            return True
        names = {position: cells[position].strip() for position in columns.values()}
        self._layout = _Layout(
            width,
            columns.get("sourcedId"),
            names,
            frozenset(p for p, key in enumerate(keys) if key is None),
            picks,
        )
        known = {key for key in line_one if key is not None}
        added = [names[p] for key, p in columns.items() if key not in known]
        missing = [
            self.names[p]
            for p, key in enumerate(line_one)
            if key is not None and key not in columns and p in self.names
        ]
        parts = [
            f"with {', '.join(added)}, which line 1's header lacks (not read here)"
            if added
            else "",
            f"without {', '.join(missing)} (read as empty)" if missing else "",
        ]
        how = " and ".join(p for p in parts if p) or "with its columns in another order"
        self.collector.add(
            "repeated-header",
            Severity.ERROR,
            f"the header again {how} (files joined one after the other?); skipped. The "
            "rows after it are read by it here, but a sync reads them by line 1's header, "
            "their values under other columns: join the exports under one header",
            location,
        )
        return True

    def _swallowed(
        self,
        cells: list[str],
        line: int,
        id_at: int | None,
        severity: Severity = Severity.ERROR,
        outcome: str = "rejected",
    ) -> bool:
        """Whether a row that spans lines swallowed rows of its own (:func:`swallowed_rows`);
        if so, it is reported and counted in :attr:`rejected`."""
        found = swallowed_rows(cells, self._reader.dialect.delimiter, self._layout.width)
        if found is None:
            return False
        position, rows = found
        column = self._layout.names.get(position, f"#{position + 1}")
        self.collector.add(
            "unclosed-quote",
            severity,
            unclosed_quote_message(column, line, int(self._reader.line_num), rows, outcome),
            Location(file=self.file, line=line, column=column),
            value=cells[position][:60],
            sourced_id=(cells[id_at] or None) if id_at is not None and id_at < len(cells) else None,
        )
        self.rejected += 1
        return True

    def _header_below(self, required: tuple[str, ...]) -> int | None:
        """The line of the header when one of the next few lines is it (a report's title
        or a blank line above it; since session 55), else ``None``: read only to say so,
        when line 1 is no header."""
        wanted = {r.casefold() for r in required}
        for _ in range(5):
            try:
                cells = next(self._reader)
            except (StopIteration, csv.Error):
                return None
            if wanted <= {cell.strip().lstrip("\ufeff").casefold() for cell in cells}:
                return int(self._reader.line_num)
        return None

    def _line_in_one(self, cells: list[str], *, required: tuple[str, ...] = ()) -> list[str] | None:
        """The cells of a row that is one quoted value holding a whole row
        (``"g1,parent,Ana,Diaz,ana@gmail.com"``, as a tool that quotes each line whole
        writes it), when split there are as many as the header has (or, for the header
        itself, the ``required`` columns are among them); else ``None``."""
        delimiter = self._reader.dialect.delimiter
        if len(cells) != 1 or delimiter not in cells[0]:
            return None
        if "\n" in cells[0] or "\r" in cells[0]:
            return None  # (a quote left open that ran on over lines: no row quoted whole)
        try:
            inner = next(csv.reader([cells[0]], delimiter=delimiter), [])
        except csv.Error:
            return None
        if required:
            named = {cell.strip().casefold() for cell in inner}
            return inner if all(r.casefold() in named for r in required) else None
        return inner if len(inner) == self._layout.width else None

    def _said_whole_rows(self) -> None:
        """Say, once a file is read, how many rows were one quoted value each."""
        if not self._whole_rows:
            return
        self.collector.add(
            "row-in-one-value",
            Severity.ERROR,
            f"{self._whole_rows} row(s) are each one quoted value holding a whole row (the "
            f"first on line {self._first_whole}): read here by splitting them, but a sync "
            "reads each as one value, its first column's, so their users are lost to it: "
            "export the file again without quotes around each row",
            Location(file=self.file, line=self._first_whole),
        )

    def _fix_width(self, cells: list[str], line: int) -> list[str]:
        inner = self._line_in_one(cells)
        if inner is not None:  # (since session 55)
            self._whole_rows += 1
            self._first_whole = self._first_whole or line
            return inner
        width = self._layout.width
        if len(cells) < width:
            if all(position in self._layout.unnamed for position in range(len(cells), width)):
                return cells + [""] * (width - len(cells))
            self.collector.add(
                "ragged-row",
                Severity.WARNING,
                f"row has {len(cells)} cells, the header has {width}; missing cells read as empty",
                Location(file=self.file, line=line),
            )
            self._last_short = line
            self._short_rows += 1
            return cells + [""] * (width - len(cells))
        extra = [c for c in cells[width:] if c.strip()]
        if extra:
            self.collector.add(
                "ragged-row",
                Severity.WARNING,
                f"row has {len(cells)} cells, the header has {width}; extra cells ignored",
                Location(file=self.file, line=line),
            )
        return cells[:width]

    def position(self, column: str) -> int:
        """The position of a canonical column in :meth:`clean_rows` rows; an absent column
        points at the trailing empty cell."""
        return self.index.get(column, self.width)

    def clean_rows(self) -> Iterator[tuple[int, list[str]]]:
        """:meth:`rows` with every cell stripped once, oversized cells reported and
        emptied, and one trailing empty cell for absent columns (see :meth:`position`)."""
        return self._records(clean=True)

    def picked(self, *columns: str) -> Iterator[tuple[str, ...]]:
        """The raw (unstripped) cells of two or more ``columns`` per row, ``""`` for a
        column the header lacks or a short row leaves out: the lean path for a file of
        millions of rows of which a few columns are read (enrollments), rows that are not
        records of people: one that cannot be parsed, or whose quote left open swallowed
        the rows after it (``unclosed-quote``), is a warning (skipped and counted in
        :attr:`rejected`), not an error; blank rows are skipped.
        :attr:`line` is the line the last row yielded ends on."""
        if len(columns) < 2:
            raise ValueError("picked() reads two columns or more")
        reader = self._reader
        header_cells = self._header_cells
        # an absent column reads as a trailing empty cell, added to every row then
        wanted = [self.index.get(c, self.width) for c in columns]
        width, get, whole, blank = self._picking(wanted)
        id_at = self.index.get("sourcedId")
        wrapped = self._wrapped
        while True:
            try:
                cells = next(reader)
            except StopIteration:
                break
            except csv.Error as exc:  # (at the line the reader found it on)
                self._unparsable(exc, reader.line_num, Severity.WARNING, "skipped")
                continue
            if wrapped is not False and cells:
                if wrapped is None and (len(cells) > 1 or cells[0].strip()):  # the first row
                    wrapped = _wrapped_throughout(cells) and self._wrapping(reader.line_num)
                    self._wrapped = wrapped
                if wrapped:  # (before the header test: a header again is wrapped too)
                    cells = [unwrapped(cell) for cell in cells]
            row_cells = cells
            if not whole or len(cells) != width:
                if not cells or (len(cells) == 1 and not cells[0].strip()):
                    continue
                if len(cells) != width:
                    # A quote left open reads the rows after it into one cell, and the row
                    # then has another width (unless by chance): looked for only here, since
                    # counting lines on every row costs a tenth of this loop. The row began
                    # as many lines back as its cells hold line breaks (less the last line's
                    # own, read into the cell when the quote runs on to the end of the file).
                    breaks = sum(cell.count("\n") for cell in cells)
                    start = reader.line_num - breaks + cells[-1].endswith("\n")
                    if breaks and self._swallowed(cells, start, id_at, Severity.WARNING, "skipped"):
                        continue
                    if cells[0] in header_cells and self._header_again(cells, reader.line_num):
                        width, get, whole, blank = self._picking(wanted)
                        id_at = self._layout.id_at
                        continue
                    inner = self._line_in_one(cells)
                    if inner is not None:
                        self._whole_rows += 1
                        self._first_whole = self._first_whole or reader.line_num
                        cells = inner
                cells = (cells + blank)[: width + 1]
            row = get(cells)
            # (the first column picked, a header's cell on the header again: tested on the
            # row as read, not padded for an absent column)
            if row[0] in header_cells and self._header_again(row_cells, reader.line_num):
                width, get, whole, blank = self._picking(wanted)
                id_at = self._layout.id_at
                continue
            yield row
        self._said_whole_rows()
        self._stream.close()

    def _picking(
        self, wanted: list[int]
    ) -> tuple[int, Callable[[list[str]], tuple[str, ...]], bool, list[str]]:
        """:meth:`picked`'s row width, getter, whether a row of that width needs no
        padding, and the padding, for line 1's ``wanted`` positions under the header in
        force (after a header again in another order, its own positions)."""
        layout = self._layout
        width = layout.width
        if layout.picks is None:
            positions = wanted
        else:
            picks = [*layout.picks, width]
            positions = [picks[p] for p in wanted]
        return width, itemgetter(*positions), width not in positions, ["", *[""] * width]

    def _unparsable(self, exc: csv.Error, line: int, severity: Severity, outcome: str) -> None:
        """Report a row the csv module cannot parse, and count it in :attr:`rejected`."""
        self.collector.add(
            "csv-syntax",
            severity,
            f"row cannot be parsed and was {outcome}: {exc}",
            Location(file=self.file, line=line),
        )
        self.rejected += 1

    @property
    def line(self) -> int:
        """The line the reader has reached."""
        return int(self._reader.line_num)

    def _drop_oversized(self, values: list[str], line: int, id_at: int | None) -> None:
        for position, value in enumerate(values):
            if len(value) > MAX_FIELD_CHARS:
                self.collector.add(
                    "oversized-field",
                    Severity.ERROR,
                    f"value is {len(value)} characters long (limit {MAX_FIELD_CHARS}); "
                    "it was dropped",
                    Location(
                        file=self.file,
                        line=line,
                        column=self.names.get(position, f"#{position + 1}"),
                    ),
                    value=value[:60],
                    sourced_id=values[id_at] or None if id_at is not None else None,
                )
                values[position] = ""
