"""pandas DataFrames of a check, for notebooks (optional extra: ``pip install
oneroster-identity[pandas]``).

The frames are built from the same JSON-ready items as every report format, so a
notebook sees exactly what the JSON report says; ``redact=True`` masks emails and
phones the same way.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from oneroster_identity._memo import one_run
from oneroster_identity.errors import MissingExtraError
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

if TYPE_CHECKING:  # pragma: no cover
    import pandas

__all__ = ["MissingExtraError", "to_dataframes"]


def _pandas() -> Any:
    try:
        import pandas
    except ImportError:
        raise MissingExtraError(
            "DataFrames need pandas: pip install 'oneroster-identity[pandas]'"
        ) from None
    return pandas


def _frame(pd: Any, rows: Iterable[dict[str, Any]], columns: list[str]) -> pandas.DataFrame:
    frame: pandas.DataFrame = pd.DataFrame(list(rows), columns=columns)
    return frame


@one_run
def to_dataframes(
    result: MatchResult, *, existing: ExistingCheck | None = None, redact: RedactSetting = False
) -> dict[str, pandas.DataFrame]:
    """One DataFrame per report section: ``persons``, ``near_misses``, ``fixes`` (one row
    per field change), ``evidence``, ``findings``, ``diagnostics``, ``set_aside`` (items
    reviewed decisions set aside), and with ``existing``
    also ``existing_accounts``, ``account_updates`` and ``student_merge_candidates``.

    Column names are those of the JSON report and the CSV fix list (a fix's near-miss is
    ``item_id`` everywhere); list-valued cells (sourced ids, roles, tags) stay Python
    lists (``df.explode("sourced_ids")`` gives one row per id), and a near-miss's
    ``enrollments`` a dict (sourcedId -> class enrollments). Nested lists of objects
    (evidence, fixes) are frames of their own.
    """
    redact = require_report_args("to_dataframes", result, existing, redact)
    pd = _pandas()

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
    frames = {
        "persons": _frame(
            pd,
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
        "near_misses": _frame(
            pd,
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
        "fixes": _frame(
            pd,
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
        "evidence": _frame(
            pd,
            evidence,
            ["item_id", "field", "kind", "sourced_id_a", "sourced_id_b", "value_a", "value_b"],
        ),
        "findings": _frame(
            pd,
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
        "diagnostics": _frame(
            pd,
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
        "set_aside": _frame(
            pd,
            (flat(set_aside_item(a, redact=redact)) for a in result.set_aside),
            ["item", "kind", "sourced_ids", "field", "decision", "note", "where", "aliases"],
        ),
    }
    if existing is not None:
        accounts = [account_item(a, redact=redact) for a in existing.accounts]
        frames["existing_accounts"] = _frame(
            pd,
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
        frames["account_updates"] = _frame(
            pd,
            ({"account_id": a["account_id"], **u} for a in accounts for u in a["updates"]),
            ["account_id", "sourced_id", "field", "current", "suggested", "reason", "rule"],
        )
        frames["student_merge_candidates"] = _frame(
            pd,
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
    return frames
