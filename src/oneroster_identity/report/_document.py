"""The report as JSON-ready data: one function per section, items yielded lazily.

Every format is written from these sections, so the text, HTML, CSV and JSON
reports can never disagree.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import Any

from oneroster_identity._usage import EXISTING_TAKES, RESULT_TAKES, require
from oneroster_identity.advice import FixListOutcome
from oneroster_identity.diagnostics import Diagnostic
from oneroster_identity.existing import AccountCheck, ExistingCheck, StudentMergeCandidate
from oneroster_identity.match import (
    Choice,
    FieldEvidence,
    Finding,
    Fix,
    MatchResult,
    NearMiss,
    NearMissKind,
    Person,
    SetAside,
)
from oneroster_identity.models import RoleFamily, is_multi_role
from oneroster_identity.report._redact import (
    Redaction,
    RedactSetting,
    as_redaction,
    mask_text,
    mask_value,
)
from oneroster_identity.verdict import verdict

SCHEMA_VERSION = "1.17"

__all__ = [
    "SCHEMA_VERSION",
    "account_item",
    "after_fixes_item",
    "after_fixes_lines",
    "diagnostic_item",
    "finding_item",
    "header",
    "near_miss_item",
    "person_item",
    "person_json",
    "require_report_args",
    "review_row",
    "sections",
    "set_aside_item",
    "student_candidate_item",
]


_AFTER_TAKES = "a FixListOutcome (advice.check_fix_list(roster, result)) or None"


def require_report_args(
    function: str,
    result: object,
    existing: object,
    redact: RedactSetting,
    after: object = None,
) -> Redaction | bool:
    """``redact`` as a :class:`Redaction`, or ``False`` when it masks nothing (so that the
    writers' ``if redact`` per value stays a plain truth test, not a ``__bool__`` call:
    0.2% of a check's instructions), after raising
    :class:`~oneroster_identity.errors.UsageError` unless ``result`` is a
    :class:`MatchResult` and ``existing`` an :class:`ExistingCheck` or ``None``: a report
    is written from them, and anything else would fail halfway through the output."""
    require(result, MatchResult, f"{function}()", RESULT_TAKES)
    require(existing, (ExistingCheck, type(None)), f"{function}(existing=...)", EXISTING_TAKES)
    require(after, (FixListOutcome, type(None)), f"{function}(after=...)", _AFTER_TAKES)
    redaction = as_redaction(redact)
    return redaction if redaction else False


def header(
    result: MatchResult,
    *,
    source: str,
    version: str,
    existing: ExistingCheck | None = None,
    after: FixListOutcome | None = None,
    redact: bool | Redaction = False,
) -> dict[str, Any]:
    """The top-level fields written before the lists."""
    from oneroster_identity import __version__

    return {
        "schema_version": SCHEMA_VERSION,
        "generator": {"name": "oneroster-identity", "version": __version__},
        "roster": {
            "source": source,
            "oneroster_version": version,
            "export_date": None if result.export_date is None else result.export_date.isoformat(),
        },
        "policy": result.policy.to_dict(),
        "summary": result.summary(),
        "verdict": verdict(result, existing).as_dict(),
        "existing_summary": (
            None if existing is None else {"source": existing.source, **existing.summary()}
        ),
        "after_fixes": None if after is None else after_fixes_item(after, redact=redact),
    }


def after_fixes_item(after: FixListOutcome, *, redact: bool | Redaction) -> dict[str, Any]:
    """The JSON of :func:`~oneroster_identity.advice.check_fix_list`'s outcome (since
    schema 1.16): counts, item ids and sourcedIds, and the flagged findings (their values
    masked as the report's)."""
    return {
        "fixes_typed": after.fixes,
        "refused": after.refused,
        "accounts_before": after.accounts_before,
        "accounts_after": after.accounts_after,
        "people_split_before": after.split_before,
        "people_split_after": after.split_after,
        "items_joined": list(after.joined),
        "items_left": list(after.left),
        "unexpected_merges": [list(group) for group in after.unexpected],
        "items_revealed": [list(group) for group in after.revealed],
        "flagged": [finding_item(f, redact=redact) for f in after.flagged],
    }


def after_fixes_lines(after: FixListOutcome) -> list[str]:
    """The text and HTML reports' lines for the outcome of typing the fix list: what it
    changes, then a warning for each sign of harm (sourcedIds and codes only, no
    values)."""
    if after.refused:
        return [f"the fix list cannot be typed as one list: {after.refused}"]
    items = len(after.joined) + len(after.left)
    lines = [
        f"{after.fixes} roster set row(s) typed: accounts created {after.accounts_before} -> "
        f"{after.accounts_after}, people split {after.split_before} -> {after.split_after}; "
        f"likely-same items made one person {len(after.joined)} of "
        f"{items}, left {len(after.left)} for a person (their choices, or work with no "
        "value to type)"
        + (
            f"; the next check finds {len(after.revealed)} more likely-same item(s) among "
            "records the typed values bring together: check again once the rows are typed"
            if after.revealed
            else ""
        )
    ]
    if after.unexpected:
        groups = "; ".join(" + ".join(group) for group in after.unexpected[:10])
        more = f" and {len(after.unexpected) - 10} more" if len(after.unexpected) > 10 else ""
        lines.append(
            f"!! typed, the rows would join records no likely-same item calls one person "
            f"({groups}{more}): check those records before typing their rows"
        )
    if after.flagged:
        said = "; ".join(f"{f.sourced_id}.{f.field} {f.code}" for f in after.flagged[:10])
        more = f" and {len(after.flagged) - 10} more" if len(after.flagged) > 10 else ""
        lines.append(
            f"!! typed, the rows would give values the next check flags ({said}{more}): "
            "check those rows before typing them"
        )
    return lines


_FAMILY_NAMES: dict[frozenset[RoleFamily], tuple[tuple[str, ...], bool]] = {}
"""Bounded (at most 2**4 family combinations) and immutable: every item gets its own list."""


def _families(families: frozenset[RoleFamily]) -> tuple[tuple[str, ...], bool]:
    """Sorted family names and whether they make a multi-role person (a roster has a
    handful of family combinations; the writer meets them a million times)."""
    found = _FAMILY_NAMES.get(families)
    if found is None:
        names = tuple(sorted(f.value for f in families))
        found = _FAMILY_NAMES[families] = (
            names,
            is_multi_role(families),
        )
    return found


def person_item(person: Person, *, redact: bool | Redaction) -> dict[str, Any]:
    """One person: the account the sync will create."""
    names, multi_role = _families(person.families)
    return {
        "id": person.id,
        "sourced_ids": person.sourced_ids,
        "roles": person.roles,
        "role_families": list(names),
        "given_name": _show("givenName", person.given_name, redact),
        "family_name": _show("familyName", person.family_name, redact),
        "email": _show("email", person.email, redact),
        "phone": _show("phone", person.phone, redact),
        "has_contact": person.has_contact,
        "will_be_created": person.will_be_created,
        "multi_role": multi_role,
        **_hashes(person, redact),
        "fragile": [
            {
                "field": d.field,
                "values": [
                    {"sourced_id": sid, "value": _show(d.field, v, redact)} for sid, v in d.values
                ],
            }
            for d in person.fragile
        ]
        if person.fragile
        else [],
    }


def _hashes(person: Person, redact: bool | Redaction) -> dict[str, Any]:
    """``contact_hashes`` of a person when contacts are masked under a hash key."""
    if not isinstance(redact, Redaction) or not redact.hash_key or not redact.contacts:
        return {}
    return {
        "contact_hashes": {
            "email": redact.contact_hash(person.email),
            "phone": redact.contact_hash(person.phone),
        }
    }


def _show(field: str | None, value: str, redact: bool | Redaction) -> str:
    return mask_value(field, value, redact) if redact else value


def _evidence_items(
    evidence: Iterable[FieldEvidence], redact: bool | Redaction
) -> list[dict[str, Any]]:
    return [
        {
            "field": e.field,
            "kind": e.kind,
            "sourced_ids": list(e.sourced_ids),
            "values": [_show(e.field, v, redact) for v in e.values],
        }
        for e in evidence
    ]


def _fix_items(fixes: Iterable[Fix], redact: bool | Redaction) -> list[dict[str, Any]]:
    return [
        {
            "sourced_id": f.sourced_id,
            "field": f.field,
            "current": _show(f.field, f.current, redact),
            "suggested": _show(f.field, f.suggested, redact),
            "reason": f.reason,
            "rule": f.rule,
        }
        for f in fixes
    ]


def _choice_items(choices: Iterable[Choice], redact: bool | Redaction) -> list[dict[str, Any]]:
    return [
        {
            "field": c.field,
            "reason": c.reason,
            "options": [
                {
                    "value": _show(c.field, o.value, redact),
                    "sourced_ids": list(o.sourced_ids),
                    "note": o.note,
                    "sets": {k: _show(k, v, redact) for k, v in c.assignments(o).items()},
                }
                for o in c.options
            ],
        }
        for c in choices
    ]


_quote = json.encoder.encode_basestring  # what JSONEncoder(ensure_ascii=False) uses


def _strings(values: Sequence[str]) -> str:
    if len(values) == 1:  # nearly every person's roles and records: half the time
        return f"[{_quote(values[0])}]"
    return "[" + ", ".join(map(_quote, values)) + "]"


def person_json(person: Person, *, redact: bool | Redaction) -> str | None:
    """:func:`person_item` already encoded as the JSON writer would (sorted keys, default
    separators), for persons without fragile fields (nearly all), else ``None``.

    A 1M-user report writes a million persons; building each as a dict and encoding it
    cost more than writing the string directly. Tests compare both for every person of the
    sample and of generated rosters.
    """
    if person.fragile or (isinstance(redact, Redaction) and redact.hash_key):
        return None
    names, multi_role = _families(person.families)
    email = _show("email", person.email, redact)
    phone = _show("phone", person.phone, redact)
    given = _show("givenName", person.given_name, redact)
    family = _show("familyName", person.family_name, redact)
    return (
        f'{{"email": {_quote(email)}, "family_name": {_quote(family)}, '
        f'"fragile": [], "given_name": {_quote(given)}, '
        f'"has_contact": {"true" if person.has_contact else "false"}, '
        f'"id": {_quote(person.id)}, "multi_role": {"true" if multi_role else "false"}, '
        f'"phone": {_quote(phone)}, "role_families": {_strings(names)}, '
        f'"roles": {_strings(person.roles)}, "sourced_ids": {_strings(person.sourced_ids)}, '
        f'"will_be_created": {"true" if person.will_be_created else "false"}}}'
    )


def near_miss_item(near: NearMiss, *, redact: bool | Redaction) -> dict[str, Any]:
    """One near-miss with its evidence and fixes."""
    return {
        "id": near.id,
        "aliases": list(near.aliases),
        "kind": near.kind.value,
        "confidence": near.confidence,
        "sourced_ids": list(near.sourced_ids),
        "person_ids": list(near.person_ids),
        "tags": list(near.tags),
        "summary": near.summary,
        "evidence": _evidence_items(near.evidence, redact),
        "fixes": _fix_items(near.fixes, redact),
        "choices": _choice_items(near.choices, redact),
        "enrollments": dict(near.enrollments),
        "keep": near.keep,
    }


def review_row(item: dict[str, Any]) -> dict[str, Any] | None:
    """The fix-list row of a near-miss item (:func:`near_miss_item`) that has no value to
    type: a likely-same item with no fix or choice (a student entered twice, an initial
    between two co-parents), and since session 60 every shared-contact item (a family
    address a district keeps, or a value to give each holder of their own: the summary
    says which). Action ``review``, its records, its summary as what to do, and for a
    shared contact its field(s) and the value(s) shared, so that a reviewer can fill in
    the decision (``intended``: a family address) in the same file. ``None`` for any other
    item. The CSV fix list and the ``fixes`` DataFrame both carry it."""
    field = current = ""
    if item["kind"] == NearMissKind.SHARED_CONTACT.value:
        evidence = item["evidence"]
        field = " ".join(dict.fromkeys(e["field"] for e in evidence))
        current = " | ".join(dict.fromkeys(v for e in evidence for v in e["values"]))
    elif item["fixes"] or item["choices"]:
        return None
    return {
        "item_id": item["id"],
        "confidence": item["confidence"],
        "action": "review",
        "sourced_id": " ".join(item["sourced_ids"]),
        "field": field,
        "current": current,
        "suggested": "",
        "reason": item["summary"],
        "rule": "",
    }


def finding_item(finding: Finding, *, redact: bool | Redaction) -> dict[str, Any]:
    """One finding."""
    value = finding.value
    message = finding.message
    suggested = finding.suggested
    if value is not None and redact:
        message = mask_text(message, finding.field, value, redact)
        value = mask_value(finding.field, value, redact)
        if suggested is not None:
            suggested = mask_value(finding.field, suggested, redact)
    return {
        "sourced_id": finding.sourced_id,
        "field": finding.field,
        "code": finding.code,
        "severity": finding.severity.value,
        "message": message,
        "value": value,
        "person_id": finding.person_id,
        "related": list(finding.related),
        "suggested": suggested,
    }


def diagnostic_item(diagnostic: Diagnostic, *, redact: bool | Redaction) -> dict[str, Any]:
    """One reader diagnostic; values are dropped when redacting."""
    loc = diagnostic.location
    message = diagnostic.message
    if redact and diagnostic.value:
        field = loc.column or (loc.path or "").rpartition(".")[2]
        message = mask_text(message, field, diagnostic.value, redact)
    return {
        "code": diagnostic.code,
        "severity": diagnostic.severity.value,
        "message": message,
        "file": loc.file,
        "line": loc.line,
        "column": loc.column,
        "path": loc.path,
        "sourced_id": diagnostic.sourced_id,
        "value": None if redact else diagnostic.value,
    }


def account_item(check: AccountCheck, *, redact: bool | Redaction) -> dict[str, Any]:
    """One existing guardian or staff account and what the sync does to it."""
    return {
        "account_id": check.account_id,
        "outcome": check.outcome.value,
        "role_family": check.family.value,
        "person_id": check.person_id,
        "sourced_ids": list(check.sourced_ids),
        "confidence": check.confidence,
        "message": check.message,
        "evidence": _evidence_items(check.evidence, redact),
        "updates": _fix_items(check.updates, redact),
        "choices": _choice_items(check.choices, redact),
        "contact_changes": [
            {
                "field": c.field,
                "app_value": _show(c.field, c.app_value, redact),
                "sis_value": _show(c.field, c.sis_value, redact),
                "winner": c.winner.value,
            }
            for c in check.contact_changes
        ],
        "shares_contact_with": list(check.shares_contact_with),
    }


def student_candidate_item(
    candidate: StudentMergeCandidate, *, redact: bool | Redaction
) -> dict[str, Any]:
    """One old-student account that may be merged with a roster student after the sync
    (names, grades and schools only: redaction leaves them as they are)."""
    return {
        "account_id": candidate.account_id,
        "sourced_id": candidate.sourced_id,
        "person_id": candidate.person_id,
        "confidence": candidate.confidence,
        "evidence": _evidence_items(candidate.evidence, redact),
        "entered_twice": candidate.entered_twice,
        "merge_into": candidate.merge_into,
        "note": candidate.note,
    }


def set_aside_item(aside: SetAside, *, redact: bool | Redaction) -> dict[str, Any]:
    """One item a reviewed decision set aside, with the decision and where it was read.
    The reviewer's note is free text that may name a family: a redacted report leaves it
    out."""
    decision = aside.decision
    return {
        "item": aside.item,
        "kind": aside.kind,
        "sourced_ids": list(aside.sourced_ids),
        "field": aside.field or None,
        "decision": decision.review.value,
        "note": "" if as_redaction(redact) else decision.note,
        "where": decision.where,
        "aliases": list(aside.aliases),
    }


def sections(
    result: MatchResult,
    *,
    redact: bool | Redaction,
    encode: Callable[[object], str],
    existing: ExistingCheck | None = None,
) -> Iterator[tuple[str, Iterator[str]]]:
    """The list sections of the JSON report, in order, each a lazy iterator of encoded
    items. Persons, the largest list, are written by :func:`person_json` when it can."""
    yield (
        "persons",
        (
            person_json(p, redact=redact) or encode(person_item(p, redact=redact))
            for p in result.persons
        ),
    )
    items: list[tuple[str, Iterable[object]]] = [
        ("near_misses", (near_miss_item(n, redact=redact) for n in result.near_misses)),
        ("findings", (finding_item(f, redact=redact) for f in result.findings)),
        ("diagnostics", (diagnostic_item(d, redact=redact) for d in result.diagnostics)),
        (
            "excluded",
            ({"sourced_id": e.sourced_id, "reason": e.reason} for e in result.excluded),
        ),
        (
            "existing_accounts",
            (account_item(a, redact=redact) for a in (existing.accounts if existing else ())),
        ),
        (
            "student_merge_candidates",
            (
                student_candidate_item(c, redact=redact)
                for c in (existing.student_candidates if existing else ())
            ),
        ),
        (
            "existing_diagnostics",
            (diagnostic_item(d, redact=redact) for d in (existing.diagnostics if existing else ())),
        ),
        ("set_aside", (set_aside_item(a, redact=redact) for a in result.set_aside)),
    ]
    for name, section in items:
        yield name, map(encode, section)
