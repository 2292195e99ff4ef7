"""The generator's name pool: made-up names fit to show a district (session 59)."""

from __future__ import annotations

from oneroster_identity._names import _UNFIT, _fit_to_show, name_pool
from oneroster_identity.synthetic import FAMILY, GIVEN


def test_no_made_up_name_spells_an_obscenity_or_a_slur() -> None:
    pool = name_pool(GIVEN, FAMILY)
    made_up = [*pool.given[len(GIVEN) :], *pool.family]
    assert not [n for n in made_up if n not in FAMILY and _UNFIT.search(n.casefold())]


def test_every_name_of_the_pool_is_shown_once() -> None:
    pool = name_pool(GIVEN, FAMILY)
    made_up = pool.given[len(GIVEN) :]
    assert len({n.casefold() for n in made_up}) == len(made_up) == 4000


def test_an_unfit_name_changes_a_vowel_and_keeps_its_shape() -> None:
    """A vowel of the matched letters changes (no random draw is spent, so the pool's
    other names stay those drawn before); a name already shown gets a letter added."""
    assert _fit_to_show("Cuntoul", set()) == "Centoul"
    assert _fit_to_show("Centoul", {"centoul"}) == "Centoule"
    assert _fit_to_show("Brennal", set()) == "Brennal"  # a clean name is kept as drawn
    assert _fit_to_show("Brennal", {"brennal"}) == "Brennale"


def test_the_pool_keeps_the_draws_of_names_that_were_fit(monkeypatch: object) -> None:
    """The pool drawn with every name kept as drawn differs from the pool only where a
    name was unfit: no random draw is spent on a change, so no other name moves."""
    import pytest

    from oneroster_identity import _names

    fitted = _names.NamePool(GIVEN, FAMILY)
    assert isinstance(monkeypatch, pytest.MonkeyPatch)
    monkeypatch.setattr(_names, "_fit_to_show", lambda name, taken: name)
    drawn = _names.NamePool(GIVEN, FAMILY)
    for ours, theirs in ((fitted.given, drawn.given), (fitted.family, drawn.family)):
        assert len(ours) == len(theirs)
        changed = [(a, b) for a, b in zip(ours, theirs, strict=True) if a != b]
        # (a clean name another's change took first gets a letter added: `Ceckthyse`)
        assert changed and all(_UNFIT.search(b.casefold()) or a.startswith(b) for a, b in changed)
