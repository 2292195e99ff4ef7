"""Collects diagnostics while reading; raises for fatal problems and in strict mode."""

from __future__ import annotations

from oneroster_identity.diagnostics import Diagnostic, Location, Severity
from oneroster_identity.errors import RosterReadError, StrictModeError


class DiagnosticCollector:
    """Accumulates the diagnostics of one read, in the order they were found."""

    def __init__(self, *, strict: bool = False) -> None:
        self.strict = strict
        self.items: list[Diagnostic] = []
        self._seen_once: set[tuple[str, str, str]] = set()

    def add(
        self,
        code: str,
        severity: Severity,
        message: str,
        location: Location,
        *,
        value: str | None = None,
        sourced_id: str | None = None,
    ) -> None:
        """Record one problem."""
        self.items.append(
            Diagnostic(
                code=code,
                severity=severity,
                message=message,
                location=location,
                value=value,
                sourced_id=sourced_id,
            )
        )

    def add_once(
        self, code: str, severity: Severity, message: str, location: Location, *, key: str = ""
    ) -> None:
        """Record a problem only the first time it is seen for this file and key."""
        marker = (code, location.file, key)
        if marker in self._seen_once:
            return
        self._seen_once.add(marker)
        self.add(code, severity, message, location)

    def fatal(
        self, code: str, message: str, location: Location, *, value: str | None = None
    ) -> RosterReadError:
        """A :class:`RosterReadError` for a problem that stops reading."""
        return RosterReadError(
            Diagnostic(
                code=code, severity=Severity.ERROR, message=message, location=location, value=value
            )
        )

    def ignored(self, exc: RosterReadError, name: str) -> None:
        """Record what stopped the read of an optional file (``demographics.csv``,
        ``enrollments.csv``) as a warning, where it was found: the file is ignored and the
        roster read without it, since such files only add evidence or advice."""
        d = exc.diagnostic
        self.add(d.code, Severity.WARNING, f"{d.message}; {name} was ignored", d.location)

    def finish(self) -> tuple[Diagnostic, ...]:
        """The diagnostics sorted worst first; raises :class:`StrictModeError` in strict mode."""
        ordered = tuple(sorted(self.items, key=Diagnostic.sort_key))
        if self.strict:
            problems = [d for d in ordered if d.severity is not Severity.INFO]
            if problems:
                raise StrictModeError(problems)
        return ordered
