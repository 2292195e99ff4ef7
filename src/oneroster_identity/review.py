"""Reviewed decisions: items a person has looked at, set aside in later checks.

A nightly check reports the same near-misses night after night. Once someone who knows
the families has decided that a likely-same item is two people (a mother and a
grandmother of one name), or that a shared address or a staff member's two accounts are
what the district wants, the item should stop blocking the verdict, yet never vanish
unseen. A district keeps those decisions in a CSV file (the fix list of ``check --format
csv`` with a ``decision`` column added serves); :func:`apply_decisions` moves the items
they name from the result's near-misses and findings to :attr:`MatchResult.set_aside`,
which every report lists. A decision that names no item of the check (its records
changed, or the problem was fixed) is reported, so it is reviewed again or deleted.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable, Iterator, Mapping, Sequence
from pathlib import Path

import attrs

from oneroster_identity._usage import (
    RESULT_TAKES,
    Fields,
    describe,
    require,
    require_fields,
    require_path,
)
from oneroster_identity.diagnostics import Diagnostic, Location, Severity
from oneroster_identity.errors import DecisionsError, UsageError
from oneroster_identity.io import (
    EncodingMismatch,
    binary_kind,
    is_utf8,
    lines_like_rows,
    wide_encoding,
)
from oneroster_identity.match import (
    ONE_OR_TWO_FINDINGS,
    Decision,
    Finding,
    MatchResult,
    NearMiss,
    NearMissKind,
    Review,
    SetAside,
)

__all__ = ["DECISION_COLUMNS", "apply_decisions", "read_decisions"]

DECISION_COLUMNS = ("item", "decision", "sourced_id", "field", "note")
"""The columns of a decisions file (``item`` and ``decision`` required; others ignored)."""
_FORMULA_GUARDED = frozenset("=+-@'")
"""First characters the CSV fix list guards with an apostrophe (``report.safe_cell``)."""

_FINDING = "finding:"
_TWO_PEOPLE_ON_SHARED = (
    "two-people applies to likely-same items only: a shared contact's records are already "
    "different people (use intended for a family address)"
)


_ITEM_ID = re.compile(r"NM-\w+|finding:[\w-]+")


def _error(
    path: str, line: int | None, column: str | None, message: str, code: str = "bad-decision"
) -> DecisionsError:
    return DecisionsError(
        Diagnostic(
            code=code,
            severity=Severity.ERROR,
            message=message,
            location=Location(file=path, line=line, column=column),
        )
    )


def _decisions_text(data: bytes, encoding: str) -> str:
    """The text of a decisions file as a spreadsheet saves it: UTF-16 when it starts with
    a byte order mark (Excel's "Unicode text") or its first bytes show it (see
    :func:`~oneroster_identity.io.wide_encoding`); under the default UTF-8, a UTF-8 byte order
    mark skipped, and a file that is no UTF-8 read as Windows-1252 (Excel's "CSV (Comma
    delimited)" on Windows: the fix list's accented names, saved back, are that). The
    columns read are ids and decisions, which either reading gives alike; raises
    :class:`UnicodeDecodeError` when neither reads it, and ``EncodingMismatch`` when the
    first bytes show an encoding other than the one asked for."""
    wide = wide_encoding(data, encoding)
    if wide is not None:
        return data.decode(wide.codec).removeprefix("\ufeff")
    if not is_utf8(encoding):
        return data.decode(encoding)
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        try:
            return data.decode("cp1252")
        except UnicodeDecodeError:
            raise exc from None


def read_decisions(path: str | Path, *, encoding: str = "utf-8") -> tuple[Decision, ...]:
    """The decisions of a CSV file, in file order.

    Columns (header names folded to lower case; the file as a spreadsheet saves it back,
    see :func:`_decisions_text`, comma-, semicolon- or tab-separated): ``item`` (or ``item_id``,
    as the CSV fix list names it: a near-miss id, ``NM-...``, or ``finding:<code>``),
    ``decision`` (``two-people`` or ``intended``; a
    row with it empty is not decided yet and is skipped, so the fix list can be filled in
    row by row), and optionally ``sourced_id`` and ``field`` (which finding) and ``note``.
    Other columns are ignored. A file that cannot be used raises :class:`DecisionsError`
    naming the file, line and column: an unknown decision, an item that is neither kind,
    or one item decided two ways.
    """
    require_path(path, "read_decisions()")
    name = str(path)
    try:
        data = Path(path).read_bytes()
    except OSError as exc:
        raise _error(name, None, None, f"cannot read the decisions file: {exc.strerror}") from None
    kind = binary_kind(data[:16])
    if kind is not None:  # (since session 55: the fix list filled in and saved as a workbook)
        raise _error(
            name,
            None,
            None,
            f"the file is {kind}, not a CSV file: save the sheet as 'CSV UTF-8' and pass that file",
        )
    try:
        text = _decisions_text(data, encoding)
    except UnicodeDecodeError as exc:
        raise _error(
            name,
            None,
            None,
            f"not {exc.encoding} text (byte offset {exc.start}): save the file as UTF-8",
        ) from None
    except EncodingMismatch as exc:
        raise _error(name, None, None, str(exc)) from None
    first = text.split("\n", 1)[0]
    # Excel saves CSV with the list separator of the computer's locale: a semicolon in
    # much of Europe and Latin America
    delimiter = next((d for d in (";", "\t") if "," not in first and d in first), ",")
    rows = _rows(text, delimiter)
    if not rows:
        raise _error(name, 1, None, "the decisions file is empty: it needs a header row")
    header = [h.strip().lstrip("\ufeff").casefold() for h in rows[0][1]]
    if "item" not in header and "item_id" in header:  # the CSV fix list's name for it
        header[header.index("item_id")] = "item"
    for required in ("item", "decision"):
        if required not in header:
            raise _error(name, 1, required, f"the header has no '{required}' column")
    at = {column: header.index(column) for column in DECISION_COLUMNS if column in header}
    _check_quotes(name, rows, header, at, delimiter)
    decided: dict[tuple[str, str, str], Decision] = {}
    out: list[Decision] = []
    header_again = [h.strip().lstrip("\ufeff").casefold() for h in rows[0][1]]
    for line, row in rows[1:]:
        if [c.strip().lstrip("\ufeff").casefold() for c in row] == header_again:
            continue  # two filled-in fix lists joined one after the other: no decision

        def cell(column: str, row: list[str] = row) -> str:
            index = at.get(column)
            text = row[index].strip() if index is not None and index < len(row) else ""
            # the fix list writes a cell that starts like a formula behind an apostrophe
            # (report.safe_cell): a sourcedId '-1042' comes back as "'-1042"
            return text[1:] if text[:1] == "'" and text[1:2] in _FORMULA_GUARDED else text

        item, said = cell("item"), cell("decision").casefold()
        if not said:
            continue
        try:
            review = Review(said)
        except ValueError:
            raise _error(
                name,
                line,
                "decision",
                f"'{said}' is not a decision: use two-people (a likely-same item's records "
                "are different people) or intended (as the district wants it)",
            ) from None
        if not item.startswith(("NM-", _FINDING)) or item in ("NM-", _FINDING):
            raise _error(
                name,
                line,
                "item",
                "an existing app account's update is not set aside: make it or leave it, "
                "and clear this row's decision"
                if item.startswith("account:")
                else "the item is neither a near-miss id (NM-...) nor finding:<code>, as the "
                "first column of the CSV fix list names them",
            )
        decision = Decision(
            item=item,
            review=review,
            sourced_id=cell("sourced_id") if item.startswith(_FINDING) else "",
            field=cell("field") if item.startswith(_FINDING) else "",
            note=cell("note"),
            where=f"{Path(name).name}:{line}",
        )
        key = (decision.item, decision.sourced_id, decision.field)
        earlier = decided.get(key)
        if earlier is not None:
            if earlier.review is not review:
                raise _error(
                    name,
                    line,
                    "decision",
                    f"{item} is decided {review.value} here and {earlier.review.value} at "
                    f"{earlier.where}: keep one",
                )
            continue  # one fix-list row per fix: the same decision repeated
        decided[key] = decision
        out.append(decision)
    return tuple(out)


def _rows(text: str, delimiter: str) -> list[tuple[int, list[str]]]:
    """The rows of a decisions file, each with the line it starts on (a note typed over
    two lines makes a row of two lines, so the rows after it are not at their index)."""
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    rows: list[tuple[int, list[str]]] = []
    end = 0
    for row in reader:
        rows.append((end + 1, row))
        end = reader.line_num
    return rows


def _looks_like_a_row(text: str, at: Mapping[str, int], delimiter: str) -> bool:
    """Whether a line read inside a cell is a decision row of its own: an item id in the
    item column and a decision (or nothing) in the decision column. A note over two lines
    whose second line begins with an id (``NM-3b99, called mom``) is not."""
    cells = [c.strip().strip('"') for c in text.split(delimiter)]
    item, said = at["item"], at["decision"]
    if max(item, said) >= len(cells) or not _ITEM_ID.fullmatch(cells[item]):
        return False
    return cells[said].casefold() in ("", *(r.value for r in Review))


def _check_quotes(
    path: str,
    rows: Sequence[tuple[int, list[str]]],
    header: Sequence[str],
    at: Mapping[str, int],
    delimiter: str,
) -> None:
    """Raise when a quote opened in a cell and never closed (``..., "Called mom``) read the
    decision rows after it into that cell: those decisions would be lost unseen. A note
    typed over two lines holds no line that reads as a decision row."""
    for position, (line, row) in enumerate(rows):
        found = lines_like_rows(row, lambda text: _looks_like_a_row(text, at, delimiter))
        if found is None:
            continue
        index, swallowed = found
        column = header[index] if index < len(header) else f"column {index + 1}"
        last = rows[position + 1][0] - 1 if position + 1 < len(rows) else None
        runs_to = (
            f" runs on to line {last}" if last is not None else " runs on to the end of the file"
        )
        raise _error(
            path,
            line,
            column,
            f"a quoted value opened in {column} on line {line}{runs_to}: "
            f"{swallowed} decision row(s) after it were read into this one value "
            "and would be lost; close the quote or remove it",
            code="unclosed-quote",
        )


_DECISION_TEXTS: Fields = tuple(
    (name, (str,), "a str ('' for none)") for name in ("sourced_id", "field", "note", "where")
)


def _require_decision(decision: object) -> None:
    """Raise :class:`UsageError` unless ``decision`` is a :class:`Decision` whose fields
    hold what :func:`apply_decisions` reads: a ``review`` written as a string would not be
    :class:`Review`'s ``TWO_PEOPLE``, so it set an item aside unchecked (``"nope"`` did)."""
    if not isinstance(decision, Decision):
        raise UsageError(
            f"apply_decisions(decisions=...) takes Decision objects, not {describe(decision)}"
        )
    where = f"decision for {decision.item!r}" if isinstance(decision.item, str) else "decision"
    if not isinstance(decision.item, str) or not decision.item.strip():
        raise UsageError(
            f"a Decision's item takes a near-miss id or finding:<code>, not {describe(decision.item)}"
        )
    if not isinstance(decision.review, Review):
        allowed = ", ".join(f"Review({r.value!r})" for r in Review)
        raise UsageError(f"{where}: review takes {allowed}, not {describe(decision.review)}")
    require_fields(decision, _DECISION_TEXTS, f"{where}: ")


def apply_decisions(result: MatchResult, decisions: Iterable[Decision]) -> MatchResult:
    """``result`` with the items ``decisions`` name set aside.

    A near-miss decision applies to the near-miss of that id; ``two-people`` only to a
    likely-same item (a shared contact is already different people). A finding decision
    applies to every finding of its code on its record and field (an empty ``sourced_id``
    or ``field`` matches any); only ``intended`` applies, and never to an error, which
    changes what the sync does and is fixed, not accepted. Each decision that matches
    nothing, or does not apply, is reported as a finding of its own
    (``decision-matches-nothing``, info; ``decision-does-not-apply``, warning), so a
    decision never silently stops or starts counting. Applying the same decisions again
    changes nothing.

    A shared-contact item of holders who share both an email and an SMS phone (one item
    since session 60, two before) is found by its own id or by its
    :attr:`~oneroster_identity.NearMiss.aliases`, the per-value ids of earlier versions:
    decisions on all of them set it aside; a decision on some only is reported
    (``decision-does-not-apply``) with the item's id to decide, since it said nothing of
    the other value.
    """
    require(result, MatchResult, "apply_decisions()", RESULT_TAKES)
    if isinstance(decisions, (str, bytes, Path)):
        raise UsageError(
            "apply_decisions(decisions=...) takes Decision objects; read_decisions(path) "
            f"reads a file of them, not {describe(decisions)}"
        )
    decisions = tuple(decisions)
    for decision in decisions:
        _require_decision(decision)
    if not decisions:
        return result
    kept_near = {n.id: n for n in result.near_misses}
    findings = list(result.findings)
    by_code: dict[str, list[tuple[int, Finding]]] = {}  # one pass, not one per decision
    for i, f in enumerate(findings):
        by_code.setdefault(f.code, []).append((i, f))
    earlier = result.set_aside
    set_aside = list(earlier)
    notes: list[Finding] = []
    taken: set[int] = set()
    joined_by = {alias: n for n in result.near_misses for alias in n.aliases}
    by_alias: dict[str, list[Decision]] = {}  # joined item id -> decisions on its old ids
    for decision in decisions:
        if decision.item.startswith(_FINDING):
            notes.extend(_apply_to_findings(decision, by_code, taken, set_aside, earlier))
            continue
        near = kept_near.get(decision.item)
        if near is None and decision.item in joined_by:
            by_alias.setdefault(joined_by[decision.item].id, []).append(decision)
            continue
        if near is None:
            if not any(s.item == decision.item or decision.item in s.aliases for s in earlier):
                notes.append(_matches_nothing(decision))
            continue
        if decision.review is Review.TWO_PEOPLE and near.kind is not NearMissKind.LIKELY_SAME:
            notes.append(_does_not_apply(decision, near.sourced_ids, _TWO_PEOPLE_ON_SHARED))
            continue
        del kept_near[decision.item]
        set_aside.append(_near_aside(near, decision))
    for item, named in sorted(by_alias.items()):
        notes.extend(_apply_to_joined(kept_near, item, named, set_aside))
    kept_findings = [f for i, f in enumerate(findings) if i not in taken]
    present = set(findings)
    # said by an earlier application: left out; the rest in an order of their own, so the
    # order of the decisions changes nothing (a stable sort then keeps it among ties)
    notes = sorted(
        (n for n in notes if n not in present),
        key=lambda n: (*n.sort_key(), n.value or "", n.message),
    )
    return attrs.evolve(
        result,
        near_misses=tuple(n for n in result.near_misses if n.id in kept_near),
        findings=tuple(sorted([*kept_findings, *notes], key=Finding.sort_key)),
        set_aside=tuple(sorted(set_aside, key=_aside_order)),
    )


def _aside_order(s: SetAside) -> tuple[str, tuple[str, ...], str]:
    return (s.item, s.sourced_ids, s.field)


def _near_aside(near: NearMiss, decision: Decision) -> SetAside:
    return SetAside(
        item=near.id,
        kind=near.kind.value,
        sourced_ids=near.sourced_ids,
        decision=decision,
        aliases=near.aliases,
    )


def _apply_to_joined(
    kept_near: dict[str, NearMiss],
    item: str,
    named: Sequence[Decision],
    set_aside: list[SetAside],
) -> Iterator[Finding]:
    """Decisions naming the per-value ids a joined shared-contact item ``item`` had in
    earlier versions (one item per shared email and per shared SMS phone, since session
    60 one for holders who share both). The item is set aside once every one of its old
    ids is decided ``intended``: a decision on one value says nothing of the other, which
    earlier versions went on reporting; until then each such decision is reported with the
    item's id to decide instead."""
    near = kept_near.get(item)
    if near is None:  # its own id was decided too: that decision set it aside
        return
    usable: list[Decision] = []
    for decision in named:
        if decision.review is Review.TWO_PEOPLE:
            yield _does_not_apply(decision, near.sourced_ids, _TWO_PEOPLE_ON_SHARED)
        else:
            usable.append(decision)
    decided = {d.item for d in usable}
    if decided == set(near.aliases):
        del kept_near[item]
        set_aside.append(_near_aside(near, min(usable, key=lambda d: near.aliases.index(d.item))))
        return
    for decision in usable:
        yield _does_not_apply(
            decision,
            near.sourced_ids,
            f"its holders share both an email and an SMS phone, now reported as one item, "
            f"{item}, where earlier versions reported one per value "
            f"({' and '.join(near.aliases)}); the decision names one of them only: decide "
            f"{item} (or both old ids) to set it aside",
        )


def _apply_to_findings(
    decision: Decision,
    by_code: Mapping[str, Sequence[tuple[int, Finding]]],
    taken: set[int],
    set_aside: list[SetAside],
    earlier: Sequence[SetAside],
) -> Iterator[Finding]:
    code = decision.item[len(_FINDING) :]
    matched = [
        (i, f)
        for i, f in by_code.get(code, ())
        if (not decision.sourced_id or f.sourced_id == decision.sourced_id)
        and (not decision.field or f.field == decision.field)
    ]
    ids = (decision.sourced_id,) if decision.sourced_id else ()
    if not matched:
        if not any(
            s.item == decision.item and (not ids or ids[0] in s.sourced_ids) for s in earlier
        ):
            yield _matches_nothing(decision)  # not set aside by an earlier application
        return
    # (a question whether two records are one person, ``two-people`` settles as it
    # settles a likely-same item; ``intended`` too: one person kept on two accounts)
    if decision.review is not Review.INTENDED and code not in ONE_OR_TWO_FINDINGS:
        yield _does_not_apply(
            decision,
            ids,
            "two-people applies to likely-same items and staff-guardian-same-name, "
            "staff-guardian-name-forms, staff-same-name and staff-name-forms findings "
            "only: use intended",
        )
        return
    if any(f.severity is Severity.ERROR for _, f in matched):
        yield _does_not_apply(
            decision,
            ids,
            "an error changes what the sync does (a record lost, a child merged into an "
            "adult): fix it in the SIS; it cannot be set aside",
        )
        return
    for i, f in matched:
        if i in taken:
            continue
        taken.add(i)
        set_aside.append(
            SetAside(
                item=decision.item,
                kind="finding",
                sourced_ids=(f.sourced_id,) if f.sourced_id else f.related,
                field=f.field or "",
                decision=decision,
            )
        )


def _matches_nothing(decision: Decision) -> Finding:
    return Finding(
        code="decision-matches-nothing",
        severity=Severity.INFO,
        sourced_id=decision.sourced_id or None,
        field=decision.field or None,
        value=decision.item,
        message=f"the decision at {decision.where or 'a decision'} ({decision.review.value}) "
        f"names {decision.item}, which this check does not report: its records or shared "
        "value changed, or the problem was fixed; review the item again or delete the row",
    )


def _does_not_apply(decision: Decision, ids: tuple[str, ...], why: str) -> Finding:
    return Finding(
        code="decision-does-not-apply",
        severity=Severity.WARNING,
        sourced_id=ids[0] if ids else None,
        field=decision.field or None,
        value=decision.item,
        related=ids,
        message=f"the decision at {decision.where or 'a decision'} on {decision.item} is not "
        f"applied: {why}",
    )
