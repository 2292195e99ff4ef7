"""Located problems found while reading input: what, where, and how bad.

A :class:`Diagnostic` names the file, line, column and offending value, a stable
machine-readable ``code`` and a sentence a person can act on. The codes are listed
in ``docs/diagnostics.md``; they never change meaning once released.
"""

from __future__ import annotations

import enum

import attrs

__all__ = ["Diagnostic", "Location", "Severity"]

_VALUE_PREVIEW = 60


class Severity(enum.Enum):
    """How bad a problem is. Ordered: ``ERROR`` > ``WARNING`` > ``INFO``."""

    INFO = "info"
    WARNING = "warning"
    ERROR = "error"

    @property
    def rank(self) -> int:
        """0 for info, 1 for warning, 2 for error; for sorting worst first."""
        return {"info": 0, "warning": 1, "error": 2}[self.value]


@attrs.frozen(kw_only=True)
class Location:
    """Where a value came from: a file, a 1-based physical line, a column or JSON path."""

    file: str
    line: int | None = None
    column: str | None = None
    path: str | None = None

    def format(self) -> str:
        """``users.csv:17.email`` or ``users.json $.users[3].email``."""
        text = self.file
        if self.line is not None:
            text += f":{self.line}"
        if self.column:
            text += f".{self.column}"
        if self.path:
            text += f" {self.path}"
        return text


@attrs.frozen(kw_only=True)
class Diagnostic:
    """One problem found in the input, with its location and a stable code."""

    code: str
    severity: Severity
    message: str
    location: Location
    value: str | None = None
    sourced_id: str | None = None

    def format(self, *, show_value: bool = False) -> str:
        """One line: ``error[duplicate-sourced-id] message @ users.csv:17.sourcedId``.

        Raw values are left out unless ``show_value`` is set, because rosters are PII.
        """
        text = f"{self.severity.value}[{self.code}] {self.message} @ {self.location.format()}"
        if show_value and self.value is not None:
            preview = self.value if len(self.value) <= _VALUE_PREVIEW else self.value[:57] + "..."
            text += f" (value: {preview!r})"
        return text

    def sort_key(self) -> tuple[int, str, int, str, str]:
        """Worst first, then by file, line, column and code: a stable report order."""
        loc = self.location
        return (-self.severity.rank, loc.file, loc.line or 0, loc.column or "", self.code)
