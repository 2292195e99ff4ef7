"""District email domains read off the roster when the policy names none.

The app merges a teacher who is also a parent only when both records carry one email; a
staff record with a work address and a guardian record with a personal one is the most
common split of all (the app's own self-check guideline names it). Telling such a pair
from two people who happen to share a phone needs to know which addresses are work
addresses. Districts rarely configure that, but every roster shows it: most staff
records use one or two domains that almost no guardian uses. This module reads those
domains off the staff records, so the check gives the guideline's central case the right
message without a setting, and says what it inferred (an info finding) so a district can
confirm or override it (``Policy.district_domains``, ``Policy.infer_district_domains``).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from functools import lru_cache

import attrs

from oneroster_identity._memo import one_run, run_cache
from oneroster_identity.diagnostics import Severity
from oneroster_identity.match._model import Finding
from oneroster_identity.models import RoleFamily, Status, User, user_columns
from oneroster_identity.normalize import is_consumer_domain
from oneroster_identity.policy import Policy, email_domain

__all__ = [
    "DISTRICT_DOMAINS_INFERRED",
    "MIN_GUARDIAN_RATIO",
    "MIN_STAFF_RECORDS",
    "MIN_STAFF_SHARE",
    "DomainInference",
    "InferredDomain",
    "infer_district_domains",
]

DISTRICT_DOMAINS_INFERRED = "district-domains-inferred"
"""The code of the info finding that reports inferred domains."""

MIN_STAFF_SHARE = 0.2
"""A domain is a district's when at least this share of staff records with an email
use it (a district has one domain, or a few for schools or departments)."""

MIN_STAFF_RECORDS = 2
"""... and at least this many staff records use it (or every staff record, when fewer
have an email): in a small export, one staff member's own domain is no pattern (the public
1.2 sample's one ``testemail.com`` teacher among three staff)."""

MIN_GUARDIAN_RATIO = 5.0
"""... and its share among staff is at least this many times its share among guardians:
an internet provider's domain (one the bundled consumer list misses) is used by staff
and guardians alike, a district's by staff far more."""


@attrs.frozen(kw_only=True)
class InferredDomain:
    """One domain read as the district's, with the counts that justify it."""

    domain: str
    staff: int
    """Staff records with an email at this domain (or a subdomain of it)."""
    guardians: int
    """Guardian records with an email at this domain."""


@attrs.frozen(kw_only=True)
class DomainInference:
    """What the staff records show: the inferred domains and the totals they are shares of."""

    domains: tuple[InferredDomain, ...]
    staff_with_email: int
    guardians_with_email: int

    @property
    def names(self) -> tuple[str, ...]:
        """The inferred domains, sorted."""
        return tuple(d.domain for d in self.domains)

    def finding(self) -> Finding:
        """The info finding that tells a report's reader what was inferred and how to
        override it."""
        parts = ", ".join(
            f"{d.domain} ({d.staff} of {self.staff_with_email} staff emails, "
            f"{d.guardians} of {self.guardians_with_email} guardian emails)"
            for d in self.domains
        )
        return Finding(
            code=DISTRICT_DOMAINS_INFERRED,
            severity=Severity.INFO,
            field="email",
            value=", ".join(self.names),
            message=f"read as district (work) email domains: {parts}; a staff record's "
            "address there and a personal address elsewhere are compared as a work and a "
            "personal email of one person (set district_domains to choose the domains, "
            "or turn infer_district_domains off)",
        )


def _domain(email: str) -> str | None:
    """The domain of an address as written, or ``None`` when there is none to count (no
    ``@``, or text after it that is no domain: ``ann@x.org (mom)``)."""
    local, at, domain = email.strip().rpartition("@")
    if not at or not local:
        return None
    return _plain_domain(domain)


@run_cache
@lru_cache(maxsize=1 << 12)
def _plain_domain(text: str) -> str | None:
    """:func:`~oneroster_identity.policy.email_domain`, once per distinct text (a roster
    has a few hundred domains for a million addresses)."""
    return email_domain(text)


@one_run
def infer_district_domains(users: Iterable[User], policy: Policy) -> DomainInference:
    """The domains most staff emails use and few guardian emails do (a parent domain
    when the district gives each school a subdomain).

    Active records only; a record counts once per role family it holds (a teacher who is
    also a parent counts as staff and as a guardian). Never a consumer domain from the
    bundled list, a placeholder domain of ``policy``, or a domain that looks like a typo
    of a consumer one. Deterministic: counts do not depend on record order.

    >>> from oneroster_identity import read_rest_users
    >>> from oneroster_identity.policy import DEFAULT_POLICY
    >>> roster = read_rest_users({"users": [
    ...     {"sourcedId": "t1", "role": "teacher", "email": "ana@schools.example.us"},
    ...     {"sourcedId": "t2", "role": "teacher", "email": "dee@schools.example.us"},
    ...     {"sourcedId": "t3", "role": "teacher", "email": "bo@gmail.com"},
    ...     {"sourcedId": "g1", "role": "parent", "email": "cy@gmail.com"}]})
    >>> infer_district_domains(roster.users, DEFAULT_POLICY).names
    ('schools.example.us',)
    """
    staff: Counter[str] = Counter()
    guardians: Counter[str] = Counter()
    staff_total = guardian_total = 0
    rows = (
        user_columns(users, "email", "status", "families")
        if isinstance(users, Sequence)
        else ((u.email, u.status, u.families) for u in users)
    )
    active = Status.ACTIVE
    for email, status, families in rows:
        if not email or status is not active:
            continue
        is_staff = RoleFamily.STAFF in families
        is_guardian = RoleFamily.GUARDIAN in families
        if not (is_staff or is_guardian):
            continue
        domain = _domain(email)
        if domain is None:
            continue
        if is_staff:
            staff[domain] += 1
            staff_total += 1
        if is_guardian:
            guardians[domain] += 1
            guardian_total += 1
    # A district may give each school a subdomain (lincoln.district.org,
    # washington.district.org): each holds few staff, their parent most. Every domain is
    # counted under itself and each parent of two labels or more; the most specific
    # domains are judged first, and a parent only on the records no accepted subdomain
    # already covers (springfield.k12.nh.us accepted, k12.nh.us adds nothing).
    members: dict[str, list[str]] = {}
    for domain in staff:
        for suffix in _suffixes(domain):
            members.setdefault(suffix, []).append(domain)

    def passes(domains: list[str]) -> bool:
        count = sum(staff[d] for d in domains)
        held = sum(guardians[d] for d in domains)
        staff_share = count / staff_total
        guardian_share = held / guardian_total if guardian_total else 0.0
        return (
            count >= min(MIN_STAFF_RECORDS, staff_total)
            and staff_share >= MIN_STAFF_SHARE
            and staff_share >= MIN_GUARDIAN_RATIO * guardian_share
        )

    covered: set[str] = set()
    found: list[InferredDomain] = []
    for candidate in sorted(members, key=lambda d: (-d.count("."), d)):
        if candidate in policy.placeholder_email_domains or is_consumer_domain(candidate):
            continue
        held = members[candidate]
        left = [d for d in held if d not in covered]
        # A parent is judged on the records no accepted subdomain covers, or, when it
        # gathers several subdomains (lincoln. and washington.rivervalley.k12.or.us), on
        # all of them: then it replaces the subdomains it holds.
        if not left or not (passes(left) or (len(held) >= 2 and passes(held))):
            continue
        covered.update(held)
        found = [f for f in found if not f.domain.endswith("." + candidate)]
        found.append(
            InferredDomain(
                domain=candidate,
                staff=sum(staff[d] for d in held),
                guardians=sum(guardians[d] for d in held),
            )
        )
    found.sort(key=lambda d: d.domain)
    return DomainInference(
        domains=tuple(found), staff_with_email=staff_total, guardians_with_email=guardian_total
    )


def _suffixes(domain: str) -> list[str]:
    """``domain`` and each parent of two labels or more: ``a.b.org``, ``b.org``."""
    labels = domain.split(".")
    return [".".join(labels[i:]) for i in range(len(labels) - 1)]
