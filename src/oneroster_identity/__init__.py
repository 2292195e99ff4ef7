"""oneroster-identity: predict the accounts a OneRoster sync will create."""

from __future__ import annotations

from importlib.metadata import PackageNotFoundError, version

from oneroster_identity.diagnostics import Diagnostic, Location, Severity
from oneroster_identity.errors import (
    ExistingAccountsError,
    OneRosterIdentityError,
    PolicyError,
    RosterReadError,
    StrictModeError,
)
from oneroster_identity.io import read_rest_users, read_roster, write_csv_roster
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

try:
    __version__ = version("oneroster-identity")
except PackageNotFoundError:  # pragma: no cover - running from a source tree
    __version__ = "0.0.0+unknown"

__all__ = [
    "Diagnostic",
    "ExistingAccountsError",
    "Location",
    "OneRosterIdentityError",
    "Org",
    "PolicyError",
    "Provenance",
    "Role",
    "RoleAssignment",
    "RoleFamily",
    "RoleType",
    "Roster",
    "RosterReadError",
    "Severity",
    "Status",
    "StrictModeError",
    "User",
    "UserId",
    "__version__",
    "read_rest_users",
    "read_roster",
    "write_csv_roster",
]
