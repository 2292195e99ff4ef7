"""The existing-accounts check: app accounts the first sync keeps, replaces or leaves archived."""

from oneroster_identity.existing._check import ACCOUNT_PREFIX, StudentWeights, check_existing
from oneroster_identity.existing._model import (
    AccountCheck,
    AccountOutcome,
    ContactChange,
    ContactSource,
    ExistingAccount,
    ExistingAccounts,
    ExistingCheck,
    StudentMergeCandidate,
)
from oneroster_identity.existing._read import (
    ACCOUNT_COLUMNS,
    read_existing_accounts,
    read_sample_existing,
)

__all__ = [
    "ACCOUNT_COLUMNS",
    "ACCOUNT_PREFIX",
    "AccountCheck",
    "AccountOutcome",
    "ContactChange",
    "ContactSource",
    "ExistingAccount",
    "ExistingAccounts",
    "ExistingCheck",
    "StudentMergeCandidate",
    "StudentWeights",
    "check_existing",
    "read_existing_accounts",
    "read_sample_existing",
]
