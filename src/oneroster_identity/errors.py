"""The exception hierarchy: every error this library raises derives from one base.

Problems *in the data* are values (:class:`~oneroster_identity.Diagnostic`,
findings in a report) that are collected and returned. Exceptions are raised only
when a roster cannot be read at all, or when a caller asked for strict reading.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from oneroster_identity.diagnostics import Diagnostic

__all__ = [
    "DecisionsError",
    "ExistingAccountsError",
    "MissingExtraError",
    "OneRosterIdentityError",
    "PolicyError",
    "RosterReadError",
    "StrictModeError",
]


class OneRosterIdentityError(Exception):
    """Base class of every error raised by oneroster-identity."""


class RosterReadError(OneRosterIdentityError, ValueError):
    """A roster cannot be read at all (missing file, missing required column, bad zip...).

    It carries the :class:`Diagnostic` that explains where and why, so that a
    command line can print one located line and no traceback.
    """

    def __init__(self, diagnostic: Diagnostic) -> None:
        super().__init__(diagnostic.format())
        self.diagnostic = diagnostic

    def __reduce__(self) -> tuple[type[Exception], tuple[Diagnostic]]:
        # Raised in a worker process (batch, compare --jobs) and re-raised in the caller.
        return type(self), (self.diagnostic,)


class StrictModeError(OneRosterIdentityError, ValueError):
    """Strict reading found problems; every one of them is in :attr:`diagnostics`."""

    def __init__(self, diagnostics: Sequence[Diagnostic]) -> None:
        self.diagnostics = tuple(diagnostics)
        lines = [d.format() for d in self.diagnostics]
        head = f"{len(lines)} problem(s) found while reading the roster in strict mode"
        super().__init__("\n".join([head, *("  " + line for line in lines)]))

    def __reduce__(self) -> tuple[type[Exception], tuple[tuple[Diagnostic, ...]]]:
        return type(self), (self.diagnostics,)


class MissingExtraError(OneRosterIdentityError, ImportError):
    """An optional extra (pandas for DataFrames, dask for batches on a cluster) is not
    installed; the message names the ``pip install`` that adds it."""


class PolicyError(OneRosterIdentityError, ValueError):
    """A policy setting has a value that is not allowed."""


class ExistingAccountsError(OneRosterIdentityError, ValueError):
    """The export of existing app accounts cannot be read."""

    def __init__(self, diagnostic: Diagnostic) -> None:
        super().__init__(diagnostic.format())
        self.diagnostic = diagnostic

    def __reduce__(self) -> tuple[type[Exception], tuple[Diagnostic]]:
        # Raised in a worker process (batch, compare --jobs) and re-raised in the caller.
        return type(self), (self.diagnostic,)


class DecisionsError(OneRosterIdentityError, ValueError):
    """A file of reviewed decisions cannot be read (a missing column, a decision that is
    not one of the known ones, two rows deciding one item two ways)."""

    def __init__(self, diagnostic: Diagnostic) -> None:
        super().__init__(diagnostic.format())
        self.diagnostic = diagnostic

    def __reduce__(self) -> tuple[type[Exception], tuple[Diagnostic]]:
        return type(self), (self.diagnostic,)
