"""A JSON file read in chunks: a top-level array one element at a time.

``json.loads`` needs the whole text and builds the whole document: for a million REST
users saved as a list of pages that is the file's bytes, its text and every user's dict
at once (several GB). A sync script saves what it paged through as one array of pages,
so :class:`JsonText` decodes the file a chunk at a time and hands out the array's
elements one by one (``json.JSONDecoder.raw_decode`` on the text buffered so far): only
one page is built at a time, and the text already read is dropped. Any other document
(one object) is read whole, as before.

Errors keep the locations ``json.loads`` gives: the line and column of a syntax error
in the whole file, the byte offset of bytes the encoding cannot decode.
"""

from __future__ import annotations

import codecs
import json
import re
from collections.abc import Iterator
from typing import Any, BinaryIO

from oneroster_identity.io._wide import EncodingMismatch, WideEncoding, wide_encoding

__all__ = ["CUT_SHORT", "JsonStreamError", "JsonText"]

CUT_SHORT = "json-cut-short"
"""The code of a :class:`JsonStreamError` for a file that ends inside a value."""

_CHUNK = 1 << 22
"""Bytes read at a time (4 MiB): a few hundred REST users."""
_SNIFF = 64
"""Bytes the first read takes at least, to tell UTF-16 or UTF-32 from their pattern."""
_WHITESPACE = re.compile(r"[ \t\n\r]*")
_TOO_DEEP = "arrays or objects nested too deeply (no OneRoster document nests so)"


class JsonStreamError(Exception):
    """The file is not valid JSON, or not valid in its encoding: ``code`` is the
    reader's diagnostic code, ``line`` the 1-based line of a syntax error."""

    def __init__(self, code: str, message: str, line: int | None = None) -> None:
        super().__init__(message)
        self.code = code
        self.message = message
        self.line = line


class JsonText:
    """The text of a JSON file, decoded a chunk at a time.

    :meth:`first` tells what the document is; for ``[``, :meth:`elements` yields the
    array's elements, each parsed when reached; otherwise :meth:`whole` parses it all.
    """

    def __init__(self, stream: BinaryIO, encoding: str, *, chunk: int = _CHUNK) -> None:
        self._stream = stream
        self._decoder = codecs.getincrementaldecoder(encoding)()
        self._encoding = encoding
        self.detected: WideEncoding | None = None
        """The UTF-16 or UTF-32 the file turned out to be in, read under the default UTF-8
        (``None`` otherwise): JSON text starts with ASCII, so its first bytes tell (a byte
        order mark, or NUL bytes beside them; see :func:`wide_encoding`)."""
        self._chunk = chunk
        self._json = json.JSONDecoder()
        self._buf = ""
        self._pos = 0
        self._eof = False
        self._started = False
        self._bytes = 0  # bytes handed to the decoder so far
        self._lines_before = 0  # newlines in the text dropped before the buffer
        self._column_before = 0  # characters after the last dropped newline
        self._dropped_json = False  # whether the dropped text held more than whitespace

    # -- reading ----------------------------------------------------------------------

    def _fill(self, at_least: int = 0) -> None:
        """Drop the text consumed so far and decode at least one more chunk (or
        ``at_least`` more bytes, so that an element longer than a chunk is parsed again
        only a logarithmic number of times)."""
        if self._eof:
            return
        dropped = self._buf[: self._pos]
        if dropped:
            self._dropped_json = self._dropped_json or not dropped.isspace()
            newlines = dropped.count("\n")
            if newlines:
                self._lines_before += newlines
                self._column_before = len(dropped) - dropped.rfind("\n") - 1
            else:
                self._column_before += len(dropped)
            self._buf = self._buf[self._pos :]
            self._pos = 0
        first = not self._bytes  # the file's first bytes: they tell UTF-16 or UTF-32
        if first:
            at_least = max(at_least, _SNIFF)  # however small the chunks
        data = self._stream.read(max(self._chunk, at_least))
        if first:
            try:
                wide = wide_encoding(data, self._encoding)
            except EncodingMismatch as exc:
                raise JsonStreamError("decode-error", str(exc)) from None
            if wide is not None:
                self._decoder = codecs.getincrementaldecoder(wide.codec)()
                self._encoding = wide.codec
                self.detected = wide if wide.note else None
        self._buf += self._decode(data, final=not data)
        if not data:
            self._eof = True
        if not self._started and (self._buf or self._eof):
            self._started = True
            self._buf = self._buf.lstrip("\ufeff")

    def _decode(self, data: bytes, *, final: bool) -> str:
        pending = len(self._decoder.getstate()[0])
        try:
            text = self._decoder.decode(data, final)
        except UnicodeDecodeError as exc:
            offset = self._bytes - pending + exc.start
            raise JsonStreamError(
                "decode-error",
                f"byte 0x{exc.object[exc.start]:02x} at byte offset {offset} is not valid "
                f"{self._encoding}",
            ) from None
        except UnicodeError as exc:  # a codec's own refusal ("does not start with BOM")
            raise JsonStreamError(
                "decode-error", f"the file cannot be read as {self._encoding}: {exc}"
            ) from None
        self._bytes += len(data)
        return text

    def _skip_whitespace(self) -> None:
        while True:
            self._pos = _WHITESPACE.match(self._buf, self._pos).end()  # type: ignore[union-attr]
            if self._pos < len(self._buf) or self._eof:
                return
            self._fill()

    def _peek(self) -> str:
        self._skip_whitespace()
        return self._buf[self._pos] if self._pos < len(self._buf) else ""

    # -- errors ------------------------------------------------------------------------

    def _error(
        self, message: str, position: int, lead: str = "not valid JSON", code: str = "bad-json"
    ) -> JsonStreamError:
        """A syntax error at ``position`` of the buffer, located in the whole file."""
        buf = self._buf
        line = self._lines_before + buf.count("\n", 0, position) + 1
        newline = buf.rfind("\n", 0, position)
        column = position - newline if newline >= 0 else self._column_before + position + 1
        return JsonStreamError(code, f"{lead}: {message} (line {line}, column {column})", line)

    def _syntax_error(self, message: str, position: int) -> JsonStreamError:
        """:meth:`_error` for the parser's ``message`` at ``position``; when the file
        ended where the parser wanted more (a value, a delimiter, a string's closing
        quote), the error is ``json-cut-short``: a script stopped while writing, a copy
        that stopped (since session 55), and the values before it stand."""
        rest = self._buf[position:]
        began = self._dropped_json or bool(self._buf[:position].strip())
        if self._eof and began and (not rest.strip() or message.startswith("Unterminated string")):
            return self._error(message, position, "the file ends inside a value", CUT_SHORT)
        return self._error(message, position)

    # -- the document ------------------------------------------------------------------

    def first(self) -> str:
        """The document's first character after a byte-order mark and whitespace (``""``
        for an empty file)."""
        if not self._started:
            self._fill()
        return self._peek()

    def whole(self) -> Any:
        """The document parsed at once (``json.loads`` of the whole text)."""
        while not self._eof:
            self._fill(len(self._buf))
        try:
            return json.loads(self._buf[self._pos :]) if self._pos else json.loads(self._buf)
        except json.JSONDecodeError as exc:
            raise self._syntax_error(exc.msg, exc.pos + self._pos) from None
        except RecursionError:
            raise self._error(_TOO_DEEP, self._pos, "cannot read the JSON") from None

    def elements(self) -> Iterator[Any]:
        """The elements of the top-level array (call after :meth:`first` gave ``[``),
        each parsed when the iteration reaches it; anything after the array but
        whitespace is an error, as for ``json.loads``."""
        if self.first() != "[":
            raise ValueError("the document is not an array")
        self._pos += 1
        if self._peek() == "]":
            self._pos += 1
            self._end()
            return
        while True:
            self._skip_whitespace()
            yield self._value()
            after = self._peek()
            if after == ",":
                self._pos += 1
                continue
            if after == "]":
                self._pos += 1
                self._end()
                return
            raise self._syntax_error("Expecting ',' delimiter", self._pos)

    def values(self) -> Iterator[Any]:
        """Each top-level value of a file that holds several one after another (JSON
        Lines: one a line; or concatenated JSON), each parsed when reached; one value for
        an ordinary document. A value within the chunk read (4 MiB: a page of a few
        hundred users) is parsed without reading further; a larger one is read whole and
        parsed once."""
        while self._peek():
            yield self._value(top=True)

    def _value(self, *, top: bool = False) -> Any:
        while True:
            try:
                value, end = self._json.raw_decode(self._buf, self._pos)
            except RecursionError:
                raise self._error(_TOO_DEEP, self._pos, "cannot read the JSON") from None
            except json.JSONDecodeError as exc:
                if self._eof:
                    raise self._syntax_error(exc.msg, exc.pos) from None
                if top:  # one document larger than a chunk: read it all, parse it once
                    while not self._eof:
                        self._fill(len(self._buf))
                else:
                    self._fill(len(self._buf) - self._pos)  # more of the element, then again
                continue
            after = _WHITESPACE.match(self._buf, end).end()  # type: ignore[union-attr]
            # (a top-level object or array is whole at its closing bracket; what follows
            # it is the next value, not a delimiter)
            whole = top and self._buf[self._pos] in "{["
            if not (self._eof or whole) and (
                after == len(self._buf) or self._buf[after] not in ",]"
            ):
                # A number may go on in the next chunk ("0." then "5"): an element is
                # whole only when its delimiter has been read (or the file has ended;
                # anything else there is reported by the caller).
                self._fill(len(self._buf) - self._pos)
                continue
            self._pos = end
            return value

    def _end(self) -> None:
        if self._peek():
            raise self._error("Extra data", self._pos)
