"""One change to a record's contact value, however many rules ask for it.

A record's invalid SMS value (``6178305512@vtext.com``) has a finding whose repair is the
number alone, ``6178305512``; the same record in a likely-same item has a fix setting the
number the other record writes, ``617-830-5512``. Both are one number, but typed one
after the other the finding's writing undoes the fix's, which made the two records equal
value for value. The finding takes the fix's writing (:func:`in_the_fixes_writing`), so
every report, and a script applying the JSON's suggestions, types one value.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

import attrs

from oneroster_identity.match._model import Finding, NearMiss
from oneroster_identity.normalize import normalize_email, normalize_phone
from oneroster_identity.policy import Policy

_CONTACT_FIELDS = frozenset({"sms", "phone", "email"})


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


def in_the_fixes_writing(
    findings: Sequence[Finding], near: Iterable[NearMiss], policy: Policy
) -> list[Finding]:
    """``findings`` with each suggested contact value that a near-miss's fix sets on the
    same record and field, written another way, in the fix's writing."""
    fixed: dict[tuple[str, str], list[str]] = {}
    for item in near:
        for fix in item.fixes:
            if fix.field in _CONTACT_FIELDS:
                fixed.setdefault((fix.sourced_id, fix.field), []).append(fix.suggested)
    if not fixed:
        return list(findings)
    out: list[Finding] = []
    for finding in findings:
        values = fixed.get((finding.sourced_id or "", finding.field or ""))
        suggested = finding.suggested
        if values and suggested is not None and suggested not in values:
            written = next(
                (v for v in values if same_contact(finding.field or "", v, suggested, policy)),
                None,
            )
            if written is not None:
                finding = attrs.evolve(finding, suggested=written)
        out.append(finding)
    return out
