"""The examples in docstrings and in docs/ run and print what they say."""

from __future__ import annotations

import doctest
import importlib
from pathlib import Path

import pytest

MODULES = [
    "oneroster_identity.synthetic",
    "oneroster_identity.report._writers",
    "oneroster_identity.policy",
    "oneroster_identity.match._engine",
    "oneroster_identity.match._keys",
    "oneroster_identity.io",
    "oneroster_identity.normalize._names",
    "oneroster_identity.normalize._phones",
    "oneroster_identity.normalize._emails",
]
DOCS = Path(__file__).resolve().parents[1] / "docs"


def _every_module() -> list[str]:
    import pkgutil

    import oneroster_identity

    return sorted(
        m.name
        for m in pkgutil.walk_packages(oneroster_identity.__path__, "oneroster_identity.")
        if not m.name.endswith("__main__")
    )


@pytest.mark.parametrize("name", MODULES)
def test_module_doctests(name: str) -> None:
    result = doctest.testmod(importlib.import_module(name), optionflags=doctest.ELLIPSIS)
    assert result.attempted > 0 and result.failed == 0


@pytest.mark.parametrize("name", _every_module())
def test_every_modules_examples_run(name: str) -> None:
    """Every module's examples, not only the listed ones: an example nobody runs goes
    stale (one in ``match._domains`` did, when a domain came to need two staff records)."""
    result = doctest.testmod(importlib.import_module(name), optionflags=doctest.ELLIPSIS)
    assert result.failed == 0


@pytest.mark.parametrize("page", sorted(p.name for p in DOCS.glob("*.md")))
def test_docs_examples(page: str) -> None:
    result = doctest.testfile(str(DOCS / page), module_relative=False, optionflags=doctest.ELLIPSIS)
    assert result.failed == 0
