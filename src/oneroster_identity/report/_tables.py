"""The report's sections as tables: rows of the JSON report's items under the column
names of the JSON report and the CSV fix list, for any tabular tool (pandas through
:func:`oneroster_identity.frames.to_dataframes`, a database, a spreadsheet)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import attrs

from oneroster_identity._memo import one_run
from oneroster_identity.existing import ExistingCheck
from oneroster_identity.match import MatchResult
from oneroster_identity.report._document import (
    account_item,
    diagnostic_item,
    finding_item,
    near_miss_item,
    person_item,
    require_report_args,
    review_row,
    set_aside_item,
    student_candidate_item,
)
from oneroster_identity.report._redact import RedactSetting

__all__ = ["ReportTable", "report_tables"]


@attrs.frozen
class ReportTable:
    """One section of the report as rows: ``rows`` are dicts keyed by ``columns`` (a
    row lacks a column's key only where the JSON report has no such value)."""

    columns: tuple[str, ...]
    rows: tuple[dict[str, Any], ...]


def _table(rows: Iterable[dict[str, Any]], columns: list[str]) -> ReportTable:
    """The rows with the table's columns only (an item's other keys are left to the JSON
    report), in the columns' order."""
    return ReportTable(
        columns=tuple(columns),
        rows=tuple({c: row[c] for c in columns if c in row} for row in rows),
    )


@one_run
def report_tables(
    result: MatchResult,
    *,
    existing: ExistingCheck | None = None,
    redact: RedactSetting = False,
    caller: str = "report_tables",
) -> dict[str, ReportTable]:
    """One table per report section: ``persons``, ``near_misses``, ``fixes`` (one row per
    field change, per choice option, and per likely-same item with no value to type, as
    in the CSV fix list), ``evidence``, ``findings``, ``diagnostics``, ``set_aside``
    (items reviewed decisions set aside), and with ``existing`` also
    ``existing_accounts``, ``account_updates`` and ``student_merge_candidates``.

    Column names are those of the JSON report and the CSV fix list (a fix's near-miss is
    ``item_id`` everywhere); list-valued cells (sourced ids, roles, tags) are Python
    lists, and a near-miss's ``enrollments`` a dict (sourcedId -> class enrollments).
    Nested lists of objects (evidence, fixes) are tables of their own. ``redact`` masks
    values as every report writer does (:class:`Redaction`); ``caller`` names the
    function in the error a wrong argument raises.
    """
    redact = require_report_args(caller, result, existing, redact)

    def flat(item: dict[str, Any]) -> dict[str, Any]:
        return {
            k: list(v) if isinstance(v, tuple) else v
            for k, v in item.items()
            if not (isinstance(v, list) and v and isinstance(v[0], dict))
        }

    persons = [flat(person_item(p, redact=redact)) for p in result.persons]
    near = [near_miss_item(n, redact=redact) for n in result.near_misses]
    fixes = (
        [
            {"item_id": n["id"], "confidence": n["confidence"], "action": "set", **f}
            for n in near
            for f in n["fixes"]
        ]
        + [
            {
                "item_id": n["id"],
                "confidence": n["confidence"],
                "action": "choose-one",
                "sourced_id": " ".join(o["sourced_ids"]),
                "field": c["field"],
                "current": o["value"],
                "suggested": o["value"],
                "reason": c["reason"],
                "rule": "choose-one",
            }
            for n in near
            for c in n["choices"]
            for o in c["options"]
        ]
        # a likely-same item with no value to type, as in the CSV fix list
        + [row for row in map(review_row, near) if row is not None]
    )
    evidence = [
        {
            "item_id": n["id"],
            "field": e["field"],
            "kind": e["kind"],
            "sourced_id_a": e["sourced_ids"][0],
            "sourced_id_b": e["sourced_ids"][1],
            "value_a": e["values"][0],
            "value_b": e["values"][1],
        }
        for n in near
        for e in n["evidence"]
    ]
    tables = {
        "persons": _table(
            persons,
            [
                "id",
                "sourced_ids",
                "roles",
                "role_families",
                "given_name",
                "family_name",
                "email",
                "phone",
                "has_contact",
                "will_be_created",
                "multi_role",
            ],
        ),
        "near_misses": _table(
            (flat(n) for n in near),
            [
                "id",
                "aliases",
                "kind",
                "confidence",
                "sourced_ids",
                "person_ids",
                "tags",
                "summary",
                "enrollments",
                "keep",
            ],
        ),
        "fixes": _table(
            fixes,
            [
                "item_id",
                "confidence",
                "action",
                "sourced_id",
                "field",
                "current",
                "suggested",
                "reason",
                "rule",
            ],
        ),
        "evidence": _table(
            evidence,
            ["item_id", "field", "kind", "sourced_id_a", "sourced_id_b", "value_a", "value_b"],
        ),
        "findings": _table(
            (flat(finding_item(f, redact=redact)) for f in result.findings),
            [
                "sourced_id",
                "field",
                "code",
                "severity",
                "message",
                "value",
                "suggested",
                "person_id",
                "related",
            ],
        ),
        "diagnostics": _table(
            (diagnostic_item(d, redact=redact) for d in result.diagnostics),
            [
                "code",
                "severity",
                "message",
                "file",
                "line",
                "column",
                "path",
                "sourced_id",
                "value",
            ],
        ),
        "set_aside": _table(
            (flat(set_aside_item(a, redact=redact)) for a in result.set_aside),
            ["item", "kind", "sourced_ids", "field", "decision", "note", "where", "aliases"],
        ),
    }
    if existing is not None:
        accounts = [account_item(a, redact=redact) for a in existing.accounts]
        tables["existing_accounts"] = _table(
            (flat(a) for a in accounts),
            [
                "account_id",
                "outcome",
                "role_family",
                "person_id",
                "sourced_ids",
                "confidence",
                "message",
                "shares_contact_with",
            ],
        )
        tables["account_updates"] = _table(
            ({"account_id": a["account_id"], **u} for a in accounts for u in a["updates"]),
            ["account_id", "sourced_id", "field", "current", "suggested", "reason", "rule"],
        )
        tables["student_merge_candidates"] = _table(
            (
                {
                    **flat(c),
                    **{
                        f"{e['field']}_kind": e["kind"]
                        for e in student_candidate_item(cand, redact=redact)["evidence"]
                    },
                }
                for cand in existing.student_candidates
                for c in [student_candidate_item(cand, redact=redact)]
            ),
            [
                "account_id",
                "sourced_id",
                "person_id",
                "confidence",
                "givenName_kind",
                "familyName_kind",
                "grades_kind",
                "school_kind",
                "entered_twice",
                "merge_into",
                "note",
            ],
        )
    return tables
