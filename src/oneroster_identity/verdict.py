"""The go/no-go of a check: what blocks the sync, what is only a warning.

One documented rule, shared by the API, the reports and the command line's exit code, so a
sync script never has to invent its own from nested summary keys:

================================================  ==========  ==========================
what                                              blocks      warns
================================================  ==========  ==========================
likely-same near-misses (people split)            always
likely-same items that make one account (a                    always
record with no email or SMS phone of its own is
not created)
findings of severity error                        always
reader diagnostics of severity error (rows lost)  always
shared contacts                                   under       under ``allowed`` (newer
                                                  ``unique-   app versions accept them)
                                                  required``
findings and diagnostics of severity warning                  always
existing accounts replaced unless updated                     always
================================================  ==========  ==========================
"""

from __future__ import annotations

from collections import Counter

import attrs

from oneroster_identity._memo import one_run
from oneroster_identity._usage import EXISTING_TAKES, RESULT_TAKES, require
from oneroster_identity.diagnostics import Severity
from oneroster_identity.existing import AccountOutcome, ExistingCheck
from oneroster_identity.match import MatchResult, NearMissKind
from oneroster_identity.policy import SharedCredentials

__all__ = ["Verdict", "verdict"]


@attrs.frozen(kw_only=True)
class Verdict:
    """Why the sync should wait (``blocking``) and what to look at (``warnings``)."""

    blocking: tuple[str, ...] = ()
    warnings: tuple[str, ...] = ()

    @property
    def status(self) -> str:
        """``blocked``, ``warnings`` or ``ok``."""
        return "blocked" if self.blocking else "warnings" if self.warnings else "ok"

    @property
    def may_sync(self) -> bool:
        """Nothing blocks the sync (warnings may remain)."""
        return not self.blocking

    def as_dict(self) -> dict[str, object]:
        """The ``verdict`` object of the JSON report."""
        return {
            "status": self.status,
            "blocking": list(self.blocking),
            "warnings": list(self.warnings),
        }


def _counted(counter: Counter[str], what: str) -> list[str]:
    return [f"{n} {what} {code}" for code, n in sorted(counter.items())]


@one_run
def verdict(result: MatchResult, existing: ExistingCheck | None = None) -> Verdict:
    """The verdict of a check under its policy (see the module's rule table).

    >>> from oneroster_identity import read_rest_users
    >>> from oneroster_identity.match import match
    >>> verdict(match(read_rest_users({"users": [{"sourcedId": "g1", "role": "parent",
    ...     "givenName": "Ana", "familyName": "Diaz", "email": "ana@gmail.com"}]}))).status
    'warnings'
    """
    require(result, MatchResult, "verdict()", RESULT_TAKES)
    require(existing, (ExistingCheck, type(None)), "verdict(existing=...)", EXISTING_TAKES)
    blocking: list[str] = []
    warnings: list[str] = []
    likely = sum(1 for n in result.near_misses if n.kind is NearMissKind.LIKELY_SAME)
    shared = result.shared_values()
    split, extra = result.split_accounts()
    if split:
        blocking.append(
            f"{split} people will probably get more than one account ({extra} extra account(s))"
        )
    if likely > split:
        # (a record with no email or SMS phone, or under unique-required none of its own,
        # is not created: one account, no split)
        warnings.append(
            f"{likely - split} likely-same item(s) make one account each, since a record "
            "of the person has no email or SMS phone of its own and is not created: retire "
            "it or give it the person's contacts"
        )
    if shared:
        line = f"{shared} emails or phones are shared by several accounts"
        if result.policy.shared_credentials is SharedCredentials.UNIQUE_REQUIRED:
            blocking.append(line + " (the app requires unique credentials)")
        else:
            warnings.append(line)
    findings = {s: Counter[str]() for s in Severity}
    for f in result.findings:
        findings[f.severity][f.code] += 1
    blocking += _counted(findings[Severity.ERROR], "finding(s)")
    warnings += _counted(findings[Severity.WARNING], "finding(s)")
    diagnostics = {s: Counter[str]() for s in Severity}
    for d in (*result.diagnostics, *(existing.diagnostics if existing else ())):
        diagnostics[d.severity][d.code] += 1
    blocking += _counted(diagnostics[Severity.ERROR], "reader diagnostic(s)")
    warnings += _counted(diagnostics[Severity.WARNING], "reader diagnostic(s)")
    if existing is not None:
        replaced = sum(
            1 for a in existing.accounts if a.outcome is AccountOutcome.NEW_UNLESS_UPDATED
        )
        if replaced:
            warnings.append(
                f"{replaced} existing app accounts will be replaced by new ones unless updated"
            )
    return Verdict(blocking=tuple(blocking), warnings=tuple(warnings))
