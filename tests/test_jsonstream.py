"""``io._jsonstream``: a JSON file read in chunks gives what ``json.loads`` gives.

The property tests read generated and mutated documents with chunks of a few bytes, so
every element, string, number and error straddles chunk boundaries somewhere.
"""

from __future__ import annotations

import io
import itertools
import json
from typing import Any

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from oneroster_identity.io._jsonstream import JsonStreamError, JsonText

SCALARS = st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text()
VALUES = st.recursive(
    SCALARS,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(), inner, max_size=4),
    max_leaves=12,
)


def _read(raw: bytes, chunk: int, encoding: str = "utf-8") -> tuple[str, Any]:
    """("ok", document) or ("error", (code, message, line)), read the streaming way."""
    text = JsonText(io.BytesIO(raw), encoding, chunk=chunk)
    try:
        if text.first() == "[":
            return "ok", list(text.elements())
        return "ok", text.whole()
    except JsonStreamError as exc:
        return "error", (exc.code, exc.message, exc.line)


def _expected(raw: bytes, encoding: str = "utf-8") -> tuple[str, Any]:
    """The same, read the whole-file way (``bytes.decode`` and ``json.loads``)."""
    try:
        document = json.loads(raw.decode(encoding).lstrip("\ufeff"))
    except UnicodeDecodeError as exc:
        return "error", (
            "decode-error",
            f"byte 0x{raw[exc.start]:02x} at byte offset {exc.start} is not valid {encoding}",
            None,
        )
    except json.JSONDecodeError as exc:
        text = raw.decode(encoding).lstrip("\ufeff")
        if text[: exc.pos].strip() and (
            not text[exc.pos :].strip() or exc.msg.startswith("Unterminated string")
        ):  # (since session 55: the file ends inside a value)
            return "error", (
                "json-cut-short",
                f"the file ends inside a value: {exc.msg} (line {exc.lineno}, column {exc.colno})",
                exc.lineno,
            )
        return "error", (
            "bad-json",
            f"not valid JSON: {exc.msg} (line {exc.lineno}, column {exc.colno})",
            exc.lineno,
        )
    return "ok", document


@settings(max_examples=150, deadline=None)
@given(
    st.lists(VALUES, max_size=6),
    st.sampled_from([None, 0, 1, 2]),
    st.integers(min_value=1, max_value=17),
    st.booleans(),
)
def test_elements_are_what_json_loads_gives(
    items: list[Any], indent: int | None, chunk: int, bom: bool
) -> None:
    raw = ("\ufeff" if bom else "").encode() + json.dumps(items, indent=indent).encode()
    assert _read(raw, chunk) == ("ok", items)


@settings(max_examples=150, deadline=None)
@given(
    st.lists(VALUES, min_size=1, max_size=6),
    st.sampled_from(["\n", "\r\n", " ", ""]),
    st.integers(min_value=1, max_value=17),
)
def test_values_one_after_another_are_each_what_json_loads_gives(
    items: list[Any], separator: str, chunk: int
) -> None:
    """JSON Lines (or concatenated JSON): ``values`` gives each value as ``json.loads``
    gives it, read in chunks of a few bytes. Values that cannot stand side by side without
    a separator (two numbers, a number and a literal) get a newline between them."""
    parts = [json.dumps(item) for item in items]
    raw = parts[0]
    for before, part in itertools.pairwise(parts):
        joined = separator or ("" if before[-1] in ']}"' or part[0] in '[{"' else "\n")
        raw += joined + part
    text = JsonText(io.BytesIO((raw + separator).encode()), "utf-8", chunk=chunk)
    assert list(text.values()) == items


def test_json_lines_are_parsed_one_value_at_a_time() -> None:
    """A page of JSON Lines is whole at its closing brace: the next line is not read to
    find a delimiter (a file of a million users' pages never sits in memory at once). A
    top-level value larger than a chunk is read whole and parsed once, as one large
    document was before JSON Lines were read (parsing it again at each chunk cost a
    third more time)."""
    page = json.dumps({"users": [{"sourcedId": f"u{i}"} for i in range(200)]})
    stream = io.BytesIO(("\n".join([page] * 50) + "\n").encode())
    values = JsonText(stream, "utf-8", chunk=2 * len(page)).values()
    assert next(values) == json.loads(page)
    assert stream.tell() <= 2 * len(page)
    assert sum(1 for _ in values) == 49
    big = io.BytesIO(("\n".join([page] * 3)).encode())
    assert len(list(JsonText(big, "utf-8", chunk=len(page) // 3).values())) == 3


@settings(max_examples=300, deadline=None)
@given(
    st.lists(VALUES, max_size=5),
    st.integers(min_value=1, max_value=13),
    st.data(),
)
@example([[1, 2]], 1, None)  # a number split across chunks reads whole
def test_a_mutated_document_fails_or_reads_as_json_loads_reads_it(
    items: list[Any], chunk: int, data: st.DataObject | None
) -> None:
    text = json.dumps(items, indent=1, ensure_ascii=False)
    if data is not None and text:
        at = data.draw(st.integers(min_value=0, max_value=len(text)))
        cut = data.draw(st.integers(min_value=0, max_value=3))
        insert = data.draw(st.sampled_from(["", ",", "]", "[", "{", '"', " ", "\n", "1", "x"]))
        text = text[:at] + insert + text[at + cut :]
    raw = text.encode()
    assert _read(raw, chunk) == _expected(raw)


@pytest.mark.parametrize(
    "text",
    [
        "",
        "   ",
        "[",
        "[1",
        "[1,]",
        "[1 2]",
        "[1]]",
        "[1] x",
        '[{"a": }]',
        '[\n  {"a": 1},\n  {"b": tru}\n]',
        '{"users": [\n{"sourcedId": }]}',
        "[12345678901234567890]",
        '["\\u00e9", "\\ud83d\\ude00"]',
    ],
)
@pytest.mark.parametrize("chunk", [1, 2, 5, 1 << 20])
def test_edge_cases_agree_with_json_loads(text: str, chunk: int) -> None:
    raw = text.encode()
    assert _read(raw, chunk) == _expected(raw)


@pytest.mark.parametrize("chunk", [1, 3, 64])
def test_a_bad_byte_is_located_by_its_offset(chunk: int) -> None:
    raw = '[{"givenName": "Jos\u00e9"}, {"givenName": "Ana"}]'.encode()
    raw = raw[:30] + b"\xff" + raw[30:]
    assert _read(raw, chunk) == _expected(raw)
    assert _read(raw, chunk)[1][1] == "byte 0xff at byte offset 30 is not valid utf-8"


def test_other_encodings_and_a_character_split_across_chunks() -> None:
    text = '[{"familyName": "Nguy\u1ec5n"}, {"familyName": "P\u00e9rez"}]'
    for encoding in ("utf-8", "utf-16", "iso-8859-1"):
        if encoding == "iso-8859-1":
            text = text.replace("\u1ec5", "e")
        raw = text.encode(encoding)
        for chunk in (1, 2, 3):
            assert _read(raw, chunk, encoding) == _expected(raw, encoding)


def test_elements_are_parsed_one_at_a_time() -> None:
    """The second element is not parsed before the first has been handed out, and a
    long element is read through chunks that grow (not one chunk per retry)."""
    big = {"users": [{"sourcedId": f"u{i}", "givenName": "x" * 50} for i in range(2000)]}
    bigger = {"users": big["users"] * 4}
    raw = b"[" + json.dumps(big).encode() + b", " + json.dumps(bigger).encode()
    raw += b', "tail", {"broken": ]'
    stream = io.BytesIO(raw)
    text = JsonText(stream, "utf-8", chunk=64)
    elements = text.elements()
    assert text.first() == "["
    assert next(elements) == big
    assert stream.tell() < len(raw) / 2  # the rest of the file is not read yet
    assert next(elements) == bigger
    assert next(elements) == "tail"
    with pytest.raises(JsonStreamError) as info:
        next(elements)
    assert info.value.code == "bad-json"
    assert info.value.message.startswith("not valid JSON: Expecting value")


_DEEP = "[" * 100_000 + "]" * 100_000


@pytest.mark.parametrize(
    ("text", "read", "line"),
    [
        (_DEEP, JsonText.whole, 1),  # the document itself
        ('[{"users": ' + _DEEP + "}]", lambda t: list(t.elements()), 1),  # an element
        ('{"users": []}\n{"users": ' + _DEEP + "}", lambda t: list(t.values()), 2),  # a line
    ],
)
@pytest.mark.parametrize("chunk", [7, 1 << 20])
def test_nesting_too_deep_is_a_located_error_not_a_crash(
    text: str, read: Any, line: int, chunk: int
) -> None:
    """``json`` raises RecursionError on deep nesting; it is reported as bad JSON at the
    value that nests so."""
    stream = JsonText(io.BytesIO(text.encode()), "utf-8", chunk=chunk)
    stream.first()
    with pytest.raises(JsonStreamError) as info:
        read(stream)
    assert info.value.code == "bad-json"
    assert "nested too deeply" in info.value.message
    assert info.value.line == line
