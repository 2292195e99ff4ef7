"""The package's seams (issue 15): the layers built on the matcher (``existing``,
``compare``, ``batch``, ``report``, the CLI) reach the other subpackages through their
public APIs, never a private module. Session 58's ``office_address`` and session 61's
``untextable_numbers`` / ``unused_addresses`` were imported by ``existing`` from
``match._contacts`` and ``match._out_of_use`` until session 62, and ``report`` took its
text helpers from ``normalize._text``: a rename inside ``match`` or ``normalize`` broke a
layer the subpackage does not know of."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

import oneroster_identity

PACKAGE = Path(oneroster_identity.__file__).parent
SUBPACKAGES = sorted(p.name for p in PACKAGE.iterdir() if (p / "__init__.py").is_file())
LAYERS = [
    "existing",
    "compare",
    "report",
    "batch.py",
    "cli.py",
    "_roster_checks.py",
    "frames.py",
    "advice.py",
]


def _modules(layer: str) -> list[Path]:
    path = PACKAGE / layer
    return sorted(path.rglob("*.py")) if path.is_dir() else [path]


def private_imports(module: Path) -> list[str]:
    """The private modules of another subpackage that ``module`` imports."""
    parts = module.relative_to(PACKAGE).parts
    return private_imports_in(
        module.read_text(encoding="utf-8"), parts[0] if len(parts) > 1 else None
    )


def private_imports_in(source: str, home: str | None) -> list[str]:
    """The private modules of a subpackage other than ``home`` that ``source`` imports,
    at any depth (a function's deferred import counts)."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.ImportFrom) and node.module:
            names = [node.module]
        elif isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        else:
            continue
        for name in names:
            parts = name.split(".")
            if (
                parts[0] == "oneroster_identity"
                and len(parts) > 2
                and parts[1] in SUBPACKAGES
                and parts[1] != home
                and any(p.startswith("_") for p in parts[2:])
            ):
                found.append(name)
    return sorted(found)


def test_the_scan_sees_a_private_import() -> None:
    """The scan itself (one that finds nothing would pass every layer): a deferred
    import of another subpackage's private module is found; a public import, a module of
    the package root and the subpackage's own private modules are not."""
    source = (
        "import oneroster_identity.io._csvbulk\n"
        "from oneroster_identity.match import judge\n"
        "from oneroster_identity._gc import paused\n"
        "from oneroster_identity.existing._model import ExistingCheck\n"
        "def f():\n"
        "    from oneroster_identity.match._pairs import judge\n"
    )
    assert private_imports_in(source, "existing") == [
        "oneroster_identity.io._csvbulk",
        "oneroster_identity.match._pairs",
    ]
    assert private_imports_in(source, None) == [
        "oneroster_identity.existing._model",
        "oneroster_identity.io._csvbulk",
        "oneroster_identity.match._pairs",
    ]


@pytest.mark.parametrize("layer", LAYERS)
def test_a_layer_uses_only_the_public_api_of_other_subpackages(layer: str) -> None:
    offending = {
        str(m.relative_to(PACKAGE)): imports
        for m in _modules(layer)
        if (imports := private_imports(m))
    }
    assert offending == {}


def test_the_scan_reads_the_package_files() -> None:
    """``private_imports`` on a module of the package that does import a sibling's private
    module (the generator draws on ``normalize``'s name tables; it is no layer built on
    the matcher). ``frames`` built its tables from ``report``'s private item builders
    until session 64; it takes ``report.report_tables`` now, and is among the layers."""
    found = private_imports(PACKAGE / "synthetic.py")
    assert found and all(name.startswith("oneroster_identity.normalize._") for name in found)


def test_the_names_the_layers_import_are_public() -> None:
    from oneroster_identity import match, normalize

    for name in ("office_address", "untextable_numbers", "unused_addresses"):
        assert name in match.__all__ and callable(getattr(match, name))
    for name in ("visible", "escape_invisible", "strip_invisible"):
        assert name in normalize.__all__ and callable(getattr(normalize, name))
