"""Numbers no text reaches and addresses out of use, read across one person's records.

The app texts the SMS column and mails the email column. A record's value can show that
its number takes no texts: an extension (a desk phone behind a switchboard), a business
line (toll-free, premium rate), or a note beside it (``do not text``, ``landline``); or
that its address is out of use (``ana@gmail.com (bounced)``, ``(old)``, ``do not
email``). That is a fact about the number or the address, not about the one value: the
same number on the person's other record, plain (``617-555-2368`` beside
``617-555-2368 x12``, ``6175552368.0``), is the switchboard or the line the family asked
not to text, and the same address plain is the one that bounces. So neither a
likely-same item's fix (``match._fixes``) nor a finding's repair on a record of the item
(:func:`held_back_beside_out_of_use`) offers one (since session 61; before, the fix copied the
desk line, extension and all, onto the other record, and the finding took its writing;
``ana@gmail.com (bounced)`` was to become the address without its note).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping, Sequence

import attrs

from oneroster_identity.diagnostics import Severity
from oneroster_identity.match._findings import _NOT_TEXTABLE
from oneroster_identity.match._model import Finding, NearMiss, NearMissKind
from oneroster_identity.match._records import RecordFacts
from oneroster_identity.normalize import (
    NormalizedPhone,
    PhoneFlag,
    normalize_email,
    normalize_phone,
    takes_no_texts,
)
from oneroster_identity.normalize._email_repair import addresses_in
from oneroster_identity.normalize._phone_repair import number_spans
from oneroster_identity.normalize._phones import UNTEXTABLE_TYPES
from oneroster_identity.policy import Policy

__all__ = [
    "held_back_beside_out_of_use",
    "out_of_use_elsewhere",
    "untextable_numbers",
    "unused_addresses",
    "why_no_texts",
]

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


def unused_addresses(members: Sequence[RecordFacts], policy: Policy) -> dict[str, list[str]]:
    """The addresses (keys) that a member's email value notes are out of use (repair rule
    ``address-not-in-use``: ``old``, ``bounced``, ``do not email``, ``opted out``), each
    mapped to the records (sourcedIds) whose value says so."""
    found: dict[str, list[str]] = {}
    for f in members:
        email = f.email
        if email.repair is None or email.repair.rule != "address-not-in-use":
            continue
        for address in addresses_in(email.raw):
            key = normalize_email(address, policy=policy).key
            if key is not None and f.sourced_id not in found.get(key, ()):
                found.setdefault(key, []).append(f.sourced_id)
    return found


_NO_TEXTS_SAID = (
    "shows the number takes no texts ({why}): no number is suggested; put the person's "
    "mobile number in {field}"
)
_UNUSED_SAID = (
    "notes the address is out of use (old, bounced, do not email): no address is "
    "suggested; ask the family for the address they use"
)


def held_back_beside_out_of_use(
    findings: Sequence[Finding],
    near: Sequence[NearMiss],
    facts: Mapping[str, RecordFacts],
    policy: Policy,
) -> list[Finding]:
    """``findings`` without a suggested number for a record's identity phone column, or a
    suggested address, that another record of the same likely-same item shows is out of
    use (:func:`untextable_numbers`, :func:`unused_addresses`): ``6175552368.0`` beside
    ``617.555.2368 x123`` is no longer repaired to the switchboard's number, nor
    ``ana@gmial.com`` beside ``ana@gmail.com (bounced)`` to the address that bounces. The
    message says why and names the records (``related``)."""
    silent: dict[tuple[str, str], dict[str, list[str]]] = {}
    for item in near:
        if item.kind is not NearMissKind.LIKELY_SAME:
            continue
        members = [facts[sid] for sid in item.sourced_ids if sid in facts]
        for field, by_key in _shown_out_of_use(members, policy).items():
            for f in members:
                if field == "email" or f.phone_field == field:
                    held = silent.setdefault((f.sourced_id, field), {})
                    for key, sids in by_key.items():
                        held.setdefault(key, []).extend(sids)
    if not silent:
        return list(findings)
    out: list[Finding] = []
    for finding in findings:
        sid, field = finding.sourced_id or "", finding.field or ""
        values = silent.get((sid, field))
        if not values or finding.suggested is None:
            out.append(finding)
            continue
        meant = (
            normalize_email(finding.suggested, policy=policy).key
            if field == "email"
            else normalize_phone(finding.suggested, policy=policy).key
        )
        others = sorted(set(values.get(meant or "", ())) - {sid})
        if others:
            head, said, tail = finding.message.partition("; suggested:")
            why = (
                _UNUSED_SAID
                if field == "email"
                else _NO_TEXTS_SAID.format(why=_reasons(others, facts), field=field)
            )
            finding = attrs.evolve(
                finding,
                suggested=None,
                message=f"{head}; another record of this person ({', '.join(others)}) {why}"
                + (")" if said and tail.endswith(")") else ""),
                related=tuple(sorted({*finding.related, *others})),
            )
        out.append(finding)
    return out


def _signal(f: RecordFacts) -> bool:
    """Whether a record's value may show a number or an address out of use (what
    :func:`untextable_numbers` and :func:`unused_addresses` read): a cheap test that
    spares the reading of nearly every person's records."""
    phone, email = f.phone, f.email
    return (
        (email.repair is not None and email.repair.rule == "address-not-in-use")
        or takes_no_texts(phone)
        or (not phone.usable and phone.repair is not None)
    )


def _shown_out_of_use(
    members: Sequence[RecordFacts], policy: Policy
) -> dict[str, dict[str, list[str]]]:
    """For one person's records: per field (each identity phone column, ``email``), the
    numbers or addresses a record's value shows are out of use, each with the records
    whose value shows it (:func:`untextable_numbers`, :func:`unused_addresses`); empty
    for the nearly every person none of whose values can show it."""
    if not any(map(_signal, members)):
        return {}
    shown: dict[str, dict[str, list[str]]] = {}
    for column in sorted({f.phone_field for f in members}):
        numbers = untextable_numbers(column, members, policy)
        if numbers:
            shown[column] = numbers
    addresses = unused_addresses(members, policy)
    if addresses:
        shown["email"] = addresses
    return shown


def why_no_texts(phone: NormalizedPhone) -> str:
    """What a record's value shows about its number, in words (no value quoted): an
    extension, a number type, or a note beside it. For a value whose number takes no
    texts (:func:`~oneroster_identity.normalize.takes_no_texts`); the existing-accounts
    check names an account's or a SIS record's reason with it (since session 63)."""
    if (phone.usable and phone.extension) or (
        phone.repair is not None and phone.repair.rule == "desk-phone"
    ):
        return "written with an extension: a desk phone behind a switchboard"
    number_type = phone.number_type
    if not phone.usable and phone.repaired_key is not None:
        number_type = normalize_phone(phone.repaired_key).number_type
    if number_type in _NOT_TEXTABLE:
        return f"it is {_NOT_TEXTABLE[number_type]}"
    return "a note beside it says so"


def _reasons(sourced_ids: Iterable[str], facts: Mapping[str, RecordFacts]) -> str:
    """What the named records' values show about their number (:func:`why_no_texts`),
    each reason once: the held-back repair and the plain record's finding name the same
    ones (since session 62; the held-back repair listed every reason a number may take
    no texts)."""
    return "; ".join(sorted({why_no_texts(facts[sid].phone) for sid in sourced_ids}))


def out_of_use_elsewhere(
    groups: Iterable[Sequence[str]], facts: Mapping[str, RecordFacts], policy: Policy
) -> Iterator[Finding]:
    """Findings on a record whose value, as written, another record of the same person
    (``groups``: a likely-same item's or a merged person's sourcedIds) shows is out of
    use (since session 61; before, nothing was said of it): ``sms-not-textable`` on
    ``617-555-2368`` beside ``617-555-2368 do not text`` or ``617-555-2368 x12`` (the
    app texts the family's declined line or a switchboard), ``email-out-of-use`` on
    ``ana@gmail.com`` beside ``ana@gmail.com (bounced)`` (the app signs the person in
    with it and mails it). Each record is named once, in the order of ``groups``."""
    said: set[tuple[str, str]] = set()
    for group in groups:
        members = [facts[sid] for sid in group if sid in facts]
        shown = _shown_out_of_use(members, policy) if len(members) > 1 else {}
        addresses = shown.pop("email", {})
        for column, numbers in shown.items():
            for f in members:
                phone = f.phone
                if f.phone_field != column or phone.key is None or takes_no_texts(phone):
                    continue
                others = sorted(set(numbers.get(phone.key, ())) - {f.sourced_id})
                if others and (f.sourced_id, column) not in said:
                    said.add((f.sourced_id, column))
                    yield Finding(
                        code="sms-not-textable",
                        severity=Severity.WARNING,
                        sourced_id=f.sourced_id,
                        field=column,
                        value=phone.raw,
                        message=f"{column} is a number that another record of this person "
                        f"({', '.join(others)}) shows takes no texts ({_reasons(others, facts)}"
                        "), and the app texts it: put the person's mobile number in "
                        f"{column}, on every record of the person",
                        related=tuple(others),
                    )
        for f in members:
            email = f.email
            others = sorted(set(addresses.get(email.key or "", ())) - {f.sourced_id})
            if email.key is not None and others and (f.sourced_id, "email") not in said:
                said.add((f.sourced_id, "email"))
                yield Finding(
                    code="email-out-of-use",
                    severity=Severity.WARNING,
                    sourced_id=f.sourced_id,
                    field="email",
                    value=email.raw,
                    message="email is an address that another record of this person "
                    f"({', '.join(others)}) notes is out of use (old, bounced, do not "
                    "email), and the app signs the person in with it and mails it: ask "
                    "the family for the address they use, and type it on every record of "
                    "the person",
                    related=tuple(others),
                )
