"""One CSV member of an export: decoded, its header resolved, its records read in blocks.

A file that a quick byte scan finds clean (UTF-8, no byte order mark, no NUL byte) is
parsed by the csv module straight from a C text decoder; any other file goes through
:func:`decoded_lines`, which decodes each line on its own so that a decoding failure
names its line and byte offset. Records come out in blocks of columns
(:meth:`CsvTable.blocks`) so that readers check and convert whole columns at C speed and
go row by row only where a block holds something to report.
"""

from __future__ import annotations

import codecs
import csv
import io
import itertools
from collections.abc import Iterator, Mapping, Sequence
from typing import IO, Any

from rapidfuzz import process

from oneroster_identity.diagnostics import Location, Severity
from oneroster_identity.io._collect import DiagnosticCollector
from oneroster_identity.io._fields import MAX_FIELD_CHARS
from oneroster_identity.io._source import CsvSource

BLOCK_ROWS = 4096
"""Records per :class:`Block`: large enough that per-block work is noise, small enough
that a block's cells (a few MB) never count in a roster's peak memory."""

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

_UTF8 = frozenset({"utf-8", "utf8", "utf_8", "utf-8-sig", "utf_8_sig"})


def decoded_lines(
    stream: IO[bytes], file: str, encoding: str, collector: DiagnosticCollector
) -> Iterator[str]:
    """Decode ``stream`` line by line, naming the byte offset of undecodable bytes."""
    offset = 0
    is_utf8 = encoding.casefold().replace("_", "-") in _UTF8
    for number, raw in enumerate(stream, start=1):
        if number == 1 and raw.startswith((b"\xff\xfe", b"\xfe\xff")):
            # UTF-16 with a byte order mark: Excel's "Unicode text". Line splitting on bytes
            # would cut its characters in two, so the file is decoded whole (such exports
            # are small) and then split.
            collector.add(
                "utf16",
                Severity.INFO,
                "file is UTF-16 with a byte order mark (Excel 'Unicode text'); read as UTF-16",
                Location(file=file, line=1),
            )
            try:
                text = (raw + stream.read()).decode("utf-16")
            except UnicodeDecodeError as exc:
                raise collector.fatal(
                    "decode-error",
                    f"file starts like UTF-16 but byte offset {exc.start} is not valid UTF-16",
                    Location(file=file),
                ) from None
            yield from text.splitlines(keepends=True)
            return
        if number == 1 and raw.startswith(b"\xef\xbb\xbf"):
            if is_utf8:
                collector.add(
                    "utf8-bom",
                    Severity.INFO,
                    "file starts with a UTF-8 byte order mark; it was skipped",
                    Location(file=file, line=1),
                )
            raw = raw[3:]
            offset += 3
        try:
            text = raw.decode("utf-8" if is_utf8 else encoding)
        except UnicodeDecodeError as exc:
            bad = raw[exc.start]
            raise collector.fatal(
                "decode-error",
                f"byte 0x{bad:02x} at byte offset {offset + exc.start} is not valid {encoding}; "
                "if the file was exported as ISO-8859-1 (Latin-1) or Windows-1252, read it with "
                "encoding='iso-8859-1' or 'cp1252' (command line: --encoding iso-8859-1)",
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


_SCAN_CHUNK = 1 << 20


def is_plain_utf8(source: CsvSource, name: str, encoding: str) -> bool:
    """Whether member ``name`` can skip the line-by-line decoder: the encoding is UTF-8,
    and one pass over its bytes (in C: ``memchr`` and the UTF-8 decoder, about 0.1 s per
    100 MB) finds no byte order mark, no NUL byte and no invalid byte. Such a file has
    nothing :func:`decoded_lines` would report."""
    if encoding.casefold().replace("_", "-") not in _UTF8:
        return False
    decoder = codecs.getincrementaldecoder("utf-8")()
    with source.open(name) as stream:
        first = True
        while chunk := stream.read(_SCAN_CHUNK):
            if first and chunk.startswith((b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff")):
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


class CsvTable:
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
        self.rejected = 0
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
        self._resolve(header, known, required)

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
        self.names.update((position, name) for position, name in self.extensions)
        self._unnamed_set = frozenset(self._unnamed)
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
            for column in missing:
                close = process.extractOne(
                    column.casefold(), [f.casefold() for f in found], score_cutoff=60
                )
                if close is not None:
                    hints.append(f"'{found[close[2]]}' for {column}?")
            raise self.collector.fatal(
                "missing-column",
                f"required column(s) {', '.join(missing)} missing from the header"
                + (f" (found: {', '.join(found[:20])})" if found else "")
                + (f"; did you mean {' '.join(hints)}" if hints else ""),
                Location(file=self.file, line=1),
            )

    def position(self, column: str) -> int:
        """The position of a canonical column in a :class:`Block`'s columns; an absent
        column points at the block's trailing column of empty cells."""
        return self.index.get(column, self.width)

    def rows(self) -> Iterator[tuple[int, Sequence[str]]]:
        """``(first line, cells)`` per record as parsed (not stripped), padded or cut to
        the header width; bad rows reported. For small files (the manifest)."""
        for block in self.blocks(clean=False):
            yield from zip(block.starts, block.rows(), strict=True)

    def clean_rows(self) -> Iterator[tuple[int, Sequence[str]]]:
        """``(first line, cells)`` per record, cleaned as :meth:`blocks` cleans them."""
        for block in self.blocks():
            yield from zip(block.starts, block.rows(), strict=True)

    def blocks(self, *, clean: bool = True) -> Iterator[Block]:
        """The records in blocks of up to :data:`BLOCK_ROWS`, as columns.

        Every cell is stripped once, an oversized cell is reported and emptied, a value
        under an empty header cell is reported once, blank rows are skipped and ragged
        rows reported and padded or cut. Those checks run over whole columns in C
        (``map``, ``any``, ``max``), so a block without problems costs no Python code
        per row; only a block with one goes row by row, to locate it. With
        ``clean=False`` the cells are left as parsed.
        """
        while True:
            starts, records = self._parsed(BLOCK_ROWS)
            if not records:
                break
            width = self.width
            if width < 2 or min(map(len, records)) != width or max(map(len, records)) != width:
                starts, records = self._fitted(starts, records)
            columns = (
                [list(c) for c in zip(*records, strict=True)]
                if records
                else [[] for _ in range(width)]
            )
            del records
            if self._unnamed:
                self._check_unnamed(starts, columns)
            if clean:
                strip = str.strip
                for position, column in enumerate(columns):
                    if any(column):  # an all-empty column has nothing to strip
                        column = columns[position] = list(map(strip, column))
                        if max(map(len, column)) > MAX_FIELD_CHARS:
                            self._drop_oversized(starts, columns, position)
            columns.append([""] * len(starts))
            yield Block(starts, columns)
        self._stream.close()

    def _parsed(self, size: int) -> tuple[list[int], list[list[str]]]:
        """Up to ``size`` records as the csv module parses them, with the first line of
        each; a record the csv module cannot parse is reported and rejected."""
        reader = self._reader
        starts: list[int] = []
        records: list[list[str]] = []
        mark, keep = starts.append, records.append
        while True:
            last = reader.line_num
            try:
                for cells in reader:
                    mark(last + 1)
                    keep(cells)
                    last = reader.line_num
                    if len(records) == size:
                        return starts, records
                return starts, records
            except csv.Error as exc:
                self.collector.add(
                    "csv-syntax",
                    Severity.ERROR,
                    f"row cannot be parsed and was rejected: {exc}",
                    Location(file=self.file, line=last + 1),
                )
                self.rejected += 1

    def _fitted(
        self, starts: list[int], records: list[list[str]]
    ) -> tuple[list[int], list[list[str]]]:
        """The records without blank rows, each padded or cut to the header width."""
        width = self.width
        kept_starts: list[int] = []
        kept: list[list[str]] = []
        for start, cells in zip(starts, records, strict=True):
            if not cells or (len(cells) == 1 and not cells[0].strip()):
                continue
            kept_starts.append(start)
            kept.append(cells if len(cells) == width else self._fix_width(cells, start))
        return kept_starts, kept

    def _check_unnamed(self, starts: list[int], columns: list[list[str]]) -> None:
        for position in self._unnamed:
            for row, cell in enumerate(columns[position]):
                if cell.strip():
                    self.collector.add_once(
                        "unnamed-column-value",
                        Severity.WARNING,
                        f"a value sits under an empty header cell (column {position + 1}); ignored",
                        Location(file=self.file, line=starts[row]),
                        key=str(position),
                    )
                    break

    def _fix_width(self, cells: list[str], line: int) -> list[str]:
        width = self.width
        if len(cells) < width:
            if all(position in self._unnamed_set for position in range(len(cells), width)):
                return cells + [""] * (width - len(cells))
            self.collector.add(
                "ragged-row",
                Severity.WARNING,
                f"row has {len(cells)} cells, the header has {width}; missing cells read as empty",
                Location(file=self.file, line=line),
            )
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

    def _drop_oversized(self, starts: list[int], columns: list[list[str]], position: int) -> None:
        """Report and empty the cells of one column longer than :data:`MAX_FIELD_CHARS`."""
        id_at = self.index.get("sourcedId")
        name = self.names.get(position, f"#{position + 1}")
        column = columns[position]
        for row, value in enumerate(column):
            if len(value) > MAX_FIELD_CHARS:
                self.collector.add(
                    "oversized-field",
                    Severity.ERROR,
                    f"value is {len(value)} characters long (limit {MAX_FIELD_CHARS}); "
                    "it was dropped",
                    Location(file=self.file, line=starts[row], column=name),
                    value=value[:60],
                    sourced_id=columns[id_at][row] or None if id_at is not None else None,
                )
                column[row] = ""


class Block:
    """Up to :data:`BLOCK_ROWS` records of one file, as columns.

    ``columns[p]`` holds the cells under header position ``p``; one more column of empty
    cells stands for every column absent from the header (see :meth:`CsvTable.position`).
    Readers work on whole columns where a column needs no per-row report, and go row by
    row (:meth:`rows`) where it might.
    """

    __slots__ = ("columns", "starts")

    def __init__(self, starts: list[int], columns: list[list[str]]) -> None:
        self.starts = starts
        """The first line of each record (a quoted cell may span lines)."""
        self.columns = columns

    def __len__(self) -> int:
        return len(self.starts)

    def rows(self) -> Iterator[tuple[str, ...]]:
        """The block's records, one tuple of cells each (with the trailing empty cell)."""
        return zip(*self.columns, strict=True)
