"""One change to a record's value, however many rules ask for it.

A record's invalid SMS value (``6178305512@vtext.com``) has a finding whose repair is the
number alone, ``6178305512``; the same record in a likely-same item has a fix setting the
number the other record writes, ``617-830-5512``. Both are one number, but typed one
after the other the finding's writing undoes the fix's, which made the two records equal
value for value. The finding takes the fix's writing (:func:`in_the_fixes_writing`), so
every report, and a script applying the JSON's suggestions, types one value.

So for a name: ``Garcia,`` has a finding whose repair drops the comma, ``Garcia``, and
the fix that makes it the person's other records' ``García`` (rule ``diacritics``); the
fix list gave both as rows to type into one field until session 65, the second undoing
the first. The finding takes the fix's value, the same letters (:func:`same_value`). A
fix that sets the field to another value still (none is known) leaves the finding with
no repair of its own: the item's fix decides what the field holds. So does a choice:
``Katherine,`` beside ``Kate`` is a choice of ``Katherine`` or ``Kate``, and the
finding's ``Katherine``, typed after the person picked ``Kate``, undid the pick.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

import attrs

from oneroster_identity.match._model import Finding, NearMiss
from oneroster_identity.normalize import loose_name, normalize_email, normalize_phone
from oneroster_identity.policy import Policy

_CONTACT_FIELDS = frozenset({"sms", "phone", "email"})
_NAME_FIELDS = frozenset({"givenName", "familyName", "middleName"})


def same_contact(field: str, a: str, b: str, policy: Policy) -> bool:
    """Whether ``a`` and ``b`` are one number (their E.164 forms and extensions) or one
    address (their keys) written two ways; ``False`` for any other field, whose values are one only as
    the same string."""
    if field == "email":
        key = normalize_email(a, policy=policy).key
        return key is not None and key == normalize_email(b, policy=policy).key
    if field in ("sms", "phone"):
        one, other = normalize_phone(a, policy=policy), normalize_phone(b, policy=policy)
        # (a desk phone's extension makes another line: since session 61 a finding's
        # number alone never takes a writing with an extension)
        return one.e164 is not None and (one.e164, one.extension) == (
            other.e164,
            other.extension,
        )
    return False


def same_value(field: str, a: str, b: str, policy: Policy) -> bool:
    """Whether ``a`` and ``b`` are one value of ``field`` written two ways: one contact
    (:func:`same_contact`), or one name's letters (case, spacing, punctuation and accents
    aside: ``Garcia`` and ``García``)."""
    if field in _NAME_FIELDS:
        return loose_name(a) == loose_name(b) != ""
    return same_contact(field, a, b, policy)


def in_the_fixes_writing(
    findings: Sequence[Finding], near: Iterable[NearMiss], policy: Policy
) -> list[Finding]:
    """``findings`` with each suggested value that a near-miss's fix sets on the same
    record and field, written another way, in the fix's writing; a suggestion a fix sets
    to another value is dropped (the fix decides the field), and so is one on a field an
    item's choice sets (the person's pick decides it; since session 65)."""
    fixed: dict[tuple[str, str], list[str]] = {}
    chosen: set[tuple[str, str]] = set()
    for item in near:
        for fix in item.fixes:
            fixed.setdefault((fix.sourced_id, fix.field), []).append(fix.suggested)
        chosen.update(item.chosen_fields)
    if not fixed and not chosen:
        return list(findings)
    out: list[Finding] = []
    for finding in findings:
        key = (finding.sourced_id or "", finding.field or "")
        if finding.suggested is not None and key in chosen and key not in fixed:
            # a choice sets the field: its options offer each value as meant (the name
            # without the mark this finding drops), and a second row would undo the pick
            out.append(attrs.evolve(finding, suggested=None))
            continue
        values = fixed.get(key)
        suggested = finding.suggested
        if values and suggested is not None and suggested not in values:
            written = next(
                (v for v in values if same_value(finding.field or "", v, suggested, policy)),
                None,
            )
            finding = attrs.evolve(finding, suggested=written)
        out.append(finding)
    return out
