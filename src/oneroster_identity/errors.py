"""The exception hierarchy: every error this library raises derives from one base.

Problems *in the data* are values (:class:`~oneroster_identity.Diagnostic`,
findings in a report) that are collected and returned. Exceptions are raised only
when a roster cannot be read at all, when a caller asked for strict reading, or when a
program calls the library with something it does not take (:class:`UsageError`).
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
    "UsageError",
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


class UsageError(OneRosterIdentityError, TypeError, ValueError):
    """A program called the library with something it does not take: a list of users
    where a :class:`~oneroster_identity.Roster` goes, a user whose name is ``None`` or
    NaN (a DataFrame's empty cell), a status written as a string, two users of one
    sourcedId in a roster it built.

    Data read from an export never raises it: the readers turn such values into located
    diagnostics. The message names the argument, or the user's sourcedId, position and
    field, and what goes there; it never quotes a name, email or phone (roster values are
    PII). It is a ``TypeError`` and a ``ValueError``, so code catching either still works.
    """


class DecisionsError(OneRosterIdentityError, ValueError):
    """A file of reviewed decisions cannot be read (a missing column, a decision that is
    not one of the known ones, two rows deciding one item two ways)."""

    def __init__(self, diagnostic: Diagnostic) -> None:
        super().__init__(diagnostic.format())
        self.diagnostic = diagnostic

    def __reduce__(self) -> tuple[type[Exception], tuple[Diagnostic]]:
        return type(self), (self.diagnostic,)
