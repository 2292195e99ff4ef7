"""Candidate pairs by blocking, and the field-by-field verdict on each pair.

No all-pairs comparison: persons are compared only when they share a blocking
key (email, SMS phone, home phone, mailbox, name, loosened name, email local
part, corrected email). Blocks are built one key type at a time so memory holds
one index at once. The score is a sum of per-field log-odds weights (Fellegi-Sunter
style, in the spirit of Splink's comparison levels), so every confidence can be
explained field by field.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Callable, Iterator, Mapping, Sequence

import attrs

from oneroster_identity.match._records import RecordFacts
from oneroster_identity.models import RoleFamily
from oneroster_identity.normalize import (
    EmailDifference,
    EmailFlag,
    NameComparison,
    NameDifference,
    PhoneDifference,
    compare_emails,
    compare_names,
    compare_phones,
)
from oneroster_identity.normalize._text import strip_diacritics, strip_punctuation
from oneroster_identity.policy import Policy, StaffGuardianPolicy

__all__ = ["PairVerdict", "Weights", "candidate_pairs", "judge"]


@attrs.frozen(kw_only=True)
class Weights:
    """Log-odds contributions of each comparison level; documented in docs/matching.md."""

    prior: float = -4.5
    name: Mapping[NameDifference, float] = attrs.field(
        factory=lambda: {
            NameDifference.IDENTICAL: 4.0,
            NameDifference.BENIGN: 4.0,
            NameDifference.PUNCTUATION: 3.5,
            NameDifference.DIACRITICS: 3.5,
            NameDifference.PREFERRED_NAME: 3.0,
            NameDifference.NICKNAME: 3.0,
            NameDifference.MIDDLE_NAME: 3.0,
            NameDifference.COMPOUND_SURNAME: 2.5,
            NameDifference.SWAPPED: 2.5,
            NameDifference.TYPO: 2.5,
            NameDifference.INITIAL: 1.5,
            NameDifference.MISSING: 0.0,
            NameDifference.DIFFERENT: -6.0,
        }
    )
    email: Mapping[EmailDifference, float] = attrs.field(
        factory=lambda: {
            EmailDifference.IDENTICAL: 4.0,
            EmailDifference.BENIGN: 4.0,
            EmailDifference.SAME_MAILBOX: 4.0,
            EmailDifference.DOMAIN_TYPO: 3.5,
            EmailDifference.LOCAL_TYPO: 2.5,
            EmailDifference.OTHER_DOMAIN: 1.5,
            EmailDifference.MISSING: 0.0,
            EmailDifference.DIFFERENT: -1.5,
        }
    )
    phone: Mapping[PhoneDifference, float] = attrs.field(
        factory=lambda: {
            PhoneDifference.IDENTICAL: 3.0,
            PhoneDifference.BENIGN: 3.0,
            PhoneDifference.EXTENSION: 2.5,
            PhoneDifference.TYPO: 2.0,
            PhoneDifference.MISSING: 0.0,
            PhoneDifference.DIFFERENT: -1.5,
        }
    )
    home_phone_equal: float = 1.0
    work_vs_personal_email: float = -0.5
    """Replaces the email penalty for a staff record's district address vs a personal one."""
    staff_guardian_unique_name: float = 1.5
    """A staff and a guardian record with a name no one else in the roster has."""
    common_name: float = -1.0
    """The exact name is held by three or more persons."""


DEFAULT_WEIGHTS = Weights()


@attrs.frozen(kw_only=True)
class PairVerdict:
    """The comparison of two persons' representative records."""

    a: int
    b: int
    name: NameComparison
    email: EmailDifference
    phone: PhoneDifference
    home_phone_equal: bool
    score: float
    confidence: float
    likely_same: bool
    parent_child: bool
    staff_guardian: bool


def _loose_name(f: RecordFacts) -> tuple[str, ...] | None:
    given = strip_diacritics(strip_punctuation(f.name_key[0]))
    family = strip_diacritics(strip_punctuation(f.name_key[1]))
    if not given or not family:
        return None
    return tuple(sorted((given, family)))


def _local(f: RecordFacts) -> str | None:
    if f.email.local and EmailFlag.PLACEHOLDER not in f.email.flags and len(f.email.local) >= 5:
        return f.email.local.casefold()
    return None


def _corrected(f: RecordFacts) -> str | None:
    if f.email.suggested_domain:
        return f"{f.email.local.casefold()}@{f.email.suggested_domain}"
    if f.email.usable:
        return f"{f.email.local.casefold()}@{f.email.domain}"
    return None


BLOCK_KEYS: tuple[tuple[str, Callable[[RecordFacts], object]], ...] = (
    ("email", lambda f: f.email.key),
    ("sms", lambda f: f.phone.key),
    ("home-phone", lambda f: f.home_phone.key),
    ("mailbox", lambda f: f.email.mailbox_key if f.email.usable else None),
    ("name", lambda f: f.name_key if all(f.name_key) else None),
    ("loose-name", _loose_name),
    ("email-local", _local),
    ("corrected-email", _corrected),
)


def candidate_pairs(reps: Sequence[RecordFacts], policy: Policy) -> Iterator[tuple[int, int]]:
    """Pairs of person indices sharing a blocking key, each once, in sorted order.

    A block larger than ``policy.max_block_size`` (a placeholder-like value used by
    hundreds of records, a very common name) is skipped; its members still meet
    through their other keys.
    """
    seen: set[tuple[int, int]] = set()
    for _, key_of in BLOCK_KEYS:
        blocks: dict[object, list[int]] = {}
        for i, f in enumerate(reps):
            key = key_of(f)
            if key is not None:
                blocks.setdefault(key, []).append(i)
        for members in blocks.values():
            if len(members) < 2 or len(members) > policy.max_block_size:
                continue
            for x in range(len(members)):
                for y in range(x + 1, len(members)):
                    seen.add((members[x], members[y]))
        del blocks
    yield from sorted(seen)


def _sigmoid(x: float) -> float:
    return 1.0 / (1.0 + math.exp(-x))


def _only(families: frozenset[RoleFamily], family: RoleFamily) -> bool:
    return family in families and not families - {family, RoleFamily.UNKNOWN}


def judge(
    a_index: int,
    b_index: int,
    a: RecordFacts,
    b: RecordFacts,
    *,
    name_counts: Counter[tuple[str, str]],
    linked: Callable[[str, str], bool],
    families: tuple[frozenset[RoleFamily], frozenset[RoleFamily]],
    policy: Policy,
    weights: Weights = DEFAULT_WEIGHTS,
) -> PairVerdict:
    """Compare two persons field by field and score how likely they are one person."""
    name = compare_names(a.name, b.name, policy=policy)
    email = compare_emails(a.email, b.email, policy=policy)
    phone = compare_phones(a.phone, b.phone, policy=policy)
    home_equal = a.home_phone.usable and a.home_phone.key == b.home_phone.key
    fa, fb = families
    staff_guardian = (_only(fa, RoleFamily.STAFF) and _only(fb, RoleFamily.GUARDIAN)) or (
        _only(fb, RoleFamily.STAFF) and _only(fa, RoleFamily.GUARDIAN)
    )
    score = weights.prior + weights.name[name.kind] + weights.phone[phone]
    if (
        email is EmailDifference.DIFFERENT
        and staff_guardian
        and (EmailFlag.DISTRICT in a.email.flags) != (EmailFlag.DISTRICT in b.email.flags)
    ):
        score += weights.work_vs_personal_email
    else:
        score += weights.email[email]
    if home_equal:
        score += weights.home_phone_equal
    if name.kind.is_equal:
        count = name_counts[a.name_key]
        if count >= 3:
            score += weights.common_name
        elif staff_guardian and policy.staff_guardian is StaffGuardianPolicy.MERGE:
            score += weights.staff_guardian_unique_name
    confidence = round(_sigmoid(score), 3)
    student_pair = (RoleFamily.STUDENT in fa) != (RoleFamily.STUDENT in fb)
    parent_child = student_pair and any(
        linked(x.sourced_id, y.sourced_id) for x, y in ((a, b), (b, a))
    )
    likely = (
        confidence >= policy.likely_same_threshold
        and name.kind is not NameDifference.DIFFERENT
        and not parent_child
        and not (staff_guardian and policy.staff_guardian is StaffGuardianPolicy.SEPARATE)
    )
    return PairVerdict(
        a=a_index,
        b=b_index,
        name=name,
        email=email,
        phone=phone,
        home_phone_equal=home_equal,
        score=score,
        confidence=confidence,
        likely_same=likely,
        parent_child=parent_child,
        staff_guardian=staff_guardian,
    )
