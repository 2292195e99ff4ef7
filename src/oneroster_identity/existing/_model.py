"""Models of the existing-accounts check: app accounts and what the sync does to each."""

from __future__ import annotations

import datetime as dt
import enum

import attrs

from oneroster_identity.diagnostics import Diagnostic
from oneroster_identity.match import Choice, FieldEvidence, Fix
from oneroster_identity.models import Provenance, RoleFamily

__all__ = [
    "AccountCheck",
    "AccountOutcome",
    "ContactChange",
    "ContactSource",
    "ExistingAccount",
    "ExistingAccounts",
    "ExistingCheck",
    "StudentMergeCandidate",
]


@attrs.frozen(kw_only=True)
class ExistingAccount:
    """One account already in the app, from the district's export (before the first sync)."""

    account_id: str
    first_name: str
    last_name: str
    email: str = ""
    phone: str = ""
    """The account's SMS/login phone."""
    family: RoleFamily
    role_raw: str = ""
    joined: bool = True
    """Whether the person already joined (an active account). Contact details of joined
    accounts are not updated by the sync unless the district allows it."""
    grade: str = ""
    school: str = ""
    birth_date: dt.date | None = None
    """An old student account's birth date, when the export has the optional column."""
    provenance: Provenance


@attrs.frozen(kw_only=True)
class ExistingAccounts:
    """The accounts read from an export, and the located problems found while reading."""

    accounts: tuple[ExistingAccount, ...]
    diagnostics: tuple[Diagnostic, ...] = ()
    source: str = ""
    rejected_rows: int = 0


class AccountOutcome(enum.Enum):
    """What the first sync does to an existing guardian or staff account."""

    KEPT = "kept"
    """The roster has a person with exactly the account's name, email and phone."""
    NEW_UNLESS_UPDATED = "new-unless-updated"
    """A roster person is probably this account but differs: the sync creates a new
    account unless the SIS (or the app account) is updated as listed."""
    ANOTHER_ACCOUNT_KEPT = "another-account-kept"
    """A roster person is probably this account's, but another existing account has
    exactly that person's name, email and phone and is kept: the app keeps one account
    per person, so this one stays archived, and no update is listed (one would undo the
    other account's match)."""
    NO_MATCH = "no-match"
    """No roster person is likely the account's person; it stays archived."""


class ContactSource(enum.Enum):
    """Whose value an account holds after the sync when the SIS and the app differ."""

    SIS = "sis"
    APP = "app"


@attrs.frozen(kw_only=True)
class ContactChange:
    """A contact field whose app value and SIS value differ for a matched account."""

    field: str
    app_value: str
    sis_value: str
    winner: ContactSource


@attrs.frozen(kw_only=True)
class AccountCheck:
    """The prediction for one existing guardian or staff account."""

    account_id: str
    outcome: AccountOutcome
    family: RoleFamily
    person_id: str | None = None
    sourced_ids: tuple[str, ...] = ()
    confidence: float | None = None
    evidence: tuple[FieldEvidence, ...] = ()
    updates: tuple[Fix, ...] = ()
    """Changes that keep the account: to the app account (``sourced_id`` ``account:<id>``,
    the default: the SIS stays the source of truth) or to SIS records (when the account's
    value is the better one)."""
    choices: tuple[Choice, ...] = ()
    """A joined account's login email or phone that differs from the SIS: update the
    account (the login changes) or the SIS (the login stays); a person chooses. The first
    option is the SIS value, held by the SIS records; the second the account's, held by
    ``account:<id>``. The other kind: the spellings of one value the SIS records write
    apart, one option each. (An account value the SIS writes beside a note naming another
    person, ``617-555-2368 (dad's cell)``, is neither an update nor a choice: the message
    says to ask the family.)"""
    contact_changes: tuple[ContactChange, ...] = ()
    shares_contact_with: tuple[str, ...] = ()
    """Person ids that use one of the account's credentials but are not this account."""
    message: str = ""


@attrs.frozen(kw_only=True)
class StudentMergeCandidate:
    """An old student account that may be the same child as a roster student."""

    account_id: str
    sourced_id: str
    person_id: str
    confidence: float
    evidence: tuple[FieldEvidence, ...]
    entered_twice: str | None = None
    """The likely-same item (``NM-...``) saying the roster student is a student entered
    twice, when one does: the old account belongs with the record the SIS keeps."""
    merge_into: str | None = None
    """The record to merge the old account into, when the item calls its records one child
    and the roster says which to keep (:attr:`NearMiss.keep`): this record or another."""
    note: str = ""
    """What the item means for the merge, in words (sourcedIds only)."""


@attrs.frozen(kw_only=True)
class ExistingCheck:
    """The existing-accounts section of the report."""

    source: str
    allow_contact_updates: bool
    accounts: tuple[AccountCheck, ...]
    student_candidates: tuple[StudentMergeCandidate, ...]
    students_read: int
    diagnostics: tuple[Diagnostic, ...] = ()
    rejected_rows: int = 0

    def _repr_html_(self) -> str:
        """Notebook display: outcome counts and the accounts needing an update."""
        import html

        rows = "".join(
            f"<tr><td>{html.escape(a.account_id)}</td><td>{a.outcome.value}</td>"
            f"<td>{html.escape(a.person_id or '')}</td><td>{len(a.updates)}</td></tr>"
            for a in self.accounts
            if a.outcome is AccountOutcome.NEW_UNLESS_UPDATED
        )
        counts = html.escape(str(self.summary()["outcomes"]))
        return (
            f"<div><p>existing accounts ({html.escape(self.source)}): {counts}</p>"
            "<table><tr><th>account</th><th>outcome</th><th>person</th><th>updates</th></tr>"
            f"{rows}</table></div>"
        )

    @property
    def has_problems(self) -> bool:
        """An account that will be replaced unless updated, or a reader warning."""
        return any(a.outcome is AccountOutcome.NEW_UNLESS_UPDATED for a in self.accounts) or any(
            d.severity.value != "info" for d in self.diagnostics
        )

    @property
    def accounts_read(self) -> int:
        """Rows of the export: guardian and staff accounts, student accounts, rejected rows."""
        return len(self.accounts) + self.students_read + self.rejected_rows

    @property
    def students_with_merge_candidates(self) -> int:
        """Old student accounts with at least one roster student to merge them with."""
        return len({c.account_id for c in self.student_candidates})

    def outcomes(self) -> dict[AccountOutcome, int]:
        """How many guardian and staff accounts have each outcome (every outcome listed)."""
        counts = dict.fromkeys(AccountOutcome, 0)
        for a in self.accounts:
            counts[a.outcome] += 1
        return counts

    def summary(self) -> dict[str, object]:
        """Counts per outcome; the ``existing_accounts.summary`` object of the JSON report."""
        return {
            "accounts_read": self.accounts_read,
            "adult_accounts": len(self.accounts),
            "student_accounts": self.students_read,
            "rejected_rows": self.rejected_rows,
            "outcomes": {o.value: n for o, n in self.outcomes().items()},
            "students_with_merge_candidates": self.students_with_merge_candidates,
            "allow_contact_updates": self.allow_contact_updates,
        }
