"""Numbers no text reaches, read across one person's records.

The app texts the SMS column. A record's value can show that its number takes no texts:
an extension (a desk phone behind a switchboard), a business line (toll-free, premium
rate), or a note beside it (``do not text``, ``landline``). That is a fact about the
number, not about the one value: the same number on the person's other record, plain
(``617-555-2368`` beside ``617-555-2368 x12``, ``6175552368.0``), is the switchboard or
the line the family asked not to text. So neither a likely-same item's fix
(``match._fixes``) nor a finding's repair on a record of the item
(:func:`held_back_beside_no_texts`) offers such a number for the SMS column (since
session 61: the fix copied the desk line, extension and all, onto the other record, and
the finding took its writing).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import attrs

from oneroster_identity.match._model import Finding, NearMiss, NearMissKind
from oneroster_identity.match._records import RecordFacts
from oneroster_identity.normalize import PhoneFlag, normalize_phone, takes_no_texts
from oneroster_identity.normalize._phone_repair import number_spans
from oneroster_identity.normalize._phones import UNTEXTABLE_TYPES
from oneroster_identity.policy import Policy

__all__ = ["held_back_beside_no_texts", "untextable_numbers"]

_UNREPAIRED_NO_TEXTS = frozenset({"no-texts", "desk-phone"})
"""Repair rules of an unusable phone value whose words say its number takes no texts
(``617-555-2368 do not text``, ``617-555-2368 x12 work``): no number is suggested for
it, and the number it holds is read from the value."""


def untextable_numbers(
    column: str, members: Sequence[RecordFacts], policy: Policy
) -> dict[str, list[str]]:
    """The numbers (E.164) that a member's value in the identity phone ``column`` shows
    the app's texts cannot reach (:func:`~oneroster_identity.normalize.takes_no_texts`:
    an extension, a business line, a note saying so; a repair that is a business line,
    ``1-800-555-1234 cell``; a value whose words say so, ``617-555-2368 do not text``).
    The number, not the value: ``617-555-2368 x12`` on one record makes
    ``617-555-2368`` on another a switchboard, no mobile either, and the family's ``do
    not text`` is not dropped by typing the number without it. Each number maps to the
    records (sourcedIds) whose value shows it."""
    found: dict[str, list[str]] = {}
    for f in members:
        phone = f.phone
        if f.phone_field != column:
            continue
        if takes_no_texts(phone) and phone.key is not None:
            found.setdefault(phone.key, []).append(f.sourced_id)
        elif phone.usable:
            continue
        elif phone.repaired_key is not None:
            if (
                PhoneFlag.NO_TEXTS in phone.flags
                or normalize_phone(phone.repaired_key, policy=policy).number_type
                in UNTEXTABLE_TYPES
            ):
                found.setdefault(phone.repaired_key, []).append(f.sourced_id)
        elif phone.repair is not None and phone.repair.rule in _UNREPAIRED_NO_TEXTS:
            for span in number_spans(phone.raw):
                key = normalize_phone(span, policy=policy).key
                if key is not None and f.sourced_id not in found.get(key, ()):
                    found.setdefault(key, []).append(f.sourced_id)
    return found


def held_back_beside_no_texts(
    findings: Sequence[Finding],
    near: Sequence[NearMiss],
    facts: Mapping[str, RecordFacts],
    policy: Policy,
) -> list[Finding]:
    """``findings`` without a suggested number for a record's identity phone column that
    another record of the same likely-same item shows takes no texts
    (:func:`untextable_numbers`): ``6175552368.0`` beside ``617.555.2368 x123`` is no
    longer repaired to the switchboard's number. The message says why and names the
    records (``related``)."""
    silent: dict[str, dict[str, list[str]]] = {}
    for item in near:
        if item.kind is not NearMissKind.LIKELY_SAME:
            continue
        members = [facts[sid] for sid in item.sourced_ids if sid in facts]
        for column in sorted({f.phone_field for f in members}):
            numbers = untextable_numbers(column, members, policy)
            for f in members:
                if numbers and f.phone_field == column:
                    held = silent.setdefault(f.sourced_id, {})
                    for number, sids in numbers.items():
                        held.setdefault(number, []).extend(sids)
    if not silent:
        return list(findings)
    out: list[Finding] = []
    for finding in findings:
        sid = finding.sourced_id or ""
        numbers = silent.get(sid, {})
        record = facts.get(sid)
        shown_by = (
            numbers.get(normalize_phone(finding.suggested, policy=policy).key or "", [])
            if numbers
            and record is not None
            and finding.suggested is not None
            and finding.field == record.phone_field
            else []
        )
        others = sorted(set(shown_by) - {sid})
        if others:
            head, said, tail = finding.message.partition("; suggested:")
            finding = attrs.evolve(
                finding,
                suggested=None,
                message=f"{head}; another record of this person ({', '.join(others)}) shows "
                "the number takes no texts (an extension: a desk phone behind a switchboard; "
                "a business line; a note saying so): no number is suggested; put the "
                f"person's mobile number in {finding.field}"
                + (")" if said and tail.endswith(")") else ""),
                related=tuple(sorted({*finding.related, *others})),
            )
        out.append(finding)
    return out
