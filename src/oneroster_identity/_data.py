"""The bundled word lists of ``oneroster_identity.data``, read line by line."""

from __future__ import annotations

from importlib.resources import files

__all__ = ["data_words"]


def data_words(name: str) -> list[list[str]]:
    """The words of each line of the bundled data file ``name``, with ``#`` comments
    dropped and lines left with no word skipped: the format of the word lists written for
    this project (``spellings.txt``, ``gendered_names.txt``, ``given_names.txt``...).

    >>> data_words("gendered_names.txt")[0]
    ['toni', 'tony']
    """
    text = files("oneroster_identity.data").joinpath(name).read_text("utf-8")
    lines = (line.split("#", 1)[0].split() for line in text.splitlines())
    return [words for words in lines if words]
