"""oneroster-identity: predict the accounts a OneRoster sync will create.

The matcher itself is `oneroster_identity.match.match` (not re-exported here, where it
would shadow the `oneroster_identity.match` subpackage).
"""

from __future__ import annotations

from importlib import metadata as _metadata

from oneroster_identity._malloc import limit_heap_retention
from oneroster_identity.advice import (
    FixListOutcome,
    apply_fixes,
    check_fix_list,
    choice_fixes,
    decided_fixes,
    repair_findings,
)
from oneroster_identity.diagnostics import Diagnostic, Location, Severity
from oneroster_identity.errors import (
    DecisionsError,
    ExistingAccountsError,
    OneRosterIdentityError,
    PolicyError,
    RosterReadError,
    StrictModeError,
    UsageError,
)
from oneroster_identity.existing import ExistingCheck, check_existing, read_existing_accounts
from oneroster_identity.io import read_rest_users, read_roster, read_sample, write_csv_roster
from oneroster_identity.match import Decision, MatchResult, NearMiss, NearMissKind, Person, Review
from oneroster_identity.models import (
    Org,
    Provenance,
    Role,
    RoleAssignment,
    RoleFamily,
    RoleType,
    Roster,
    Status,
    User,
    UserId,
)
from oneroster_identity.policy import Policy
from oneroster_identity.review import apply_decisions, read_decisions
from oneroster_identity.verdict import Verdict, verdict

try:
    __version__ = _metadata.version("oneroster-identity")
except _metadata.PackageNotFoundError:  # pragma: no cover - running from a source tree
    __version__ = "0.0.0+unknown"

__all__ = [
    "Decision",
    "DecisionsError",
    "Diagnostic",
    "ExistingAccountsError",
    "ExistingCheck",
    "FixListOutcome",
    "Location",
    "MatchResult",
    "NearMiss",
    "NearMissKind",
    "OneRosterIdentityError",
    "Org",
    "Person",
    "Policy",
    "PolicyError",
    "Provenance",
    "Review",
    "Role",
    "RoleAssignment",
    "RoleFamily",
    "RoleType",
    "Roster",
    "RosterReadError",
    "Severity",
    "Status",
    "StrictModeError",
    "UsageError",
    "User",
    "UserId",
    "Verdict",
    "__version__",
    "apply_decisions",
    "apply_fixes",
    "check_existing",
    "check_fix_list",
    "choice_fixes",
    "decided_fixes",
    "limit_heap_retention",
    "read_decisions",
    "read_existing_accounts",
    "read_rest_users",
    "read_roster",
    "read_sample",
    "repair_findings",
    "verdict",
    "write_csv_roster",
]


def __dir__() -> list[str]:
    """The public API only (not the modules' import machinery)."""
    return sorted(__all__)
