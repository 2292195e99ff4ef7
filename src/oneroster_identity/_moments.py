"""Moments (``dateLastModified``) compared whatever built them.

A reader's moments are aware, in UTC; a program building users or a base roster itself
may give naive ones. Python will not order a naive moment against an aware one, so every
comparison of two records' moments reads them through :func:`as_utc` (since session 47:
a naive base roster beside a delta read from CSV, or a likely-same item of such records,
raised ``TypeError``).
"""

from __future__ import annotations

import datetime as dt

__all__ = ["as_utc"]


def as_utc(moment: dt.datetime) -> dt.datetime:
    """An aware moment in UTC; a naive one is read as UTC.

    >>> as_utc(dt.datetime(2026, 9, 1, 12)).isoformat()
    '2026-09-01T12:00:00+00:00'
    >>> as_utc(dt.datetime(2026, 9, 1, 7, tzinfo=dt.timezone(dt.timedelta(hours=-5)))).hour
    12
    """
    return moment.replace(tzinfo=dt.UTC) if moment.tzinfo is None else moment.astimezone(dt.UTC)
