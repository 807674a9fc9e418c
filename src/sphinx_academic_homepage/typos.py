"""Whether a word that is not known is a slip of the pen for one that is: one letter added, taken out or changed.

Used where a close miss has one likely meaning (``@artcle`` for ``@article``, ``image_cicular`` for
``image_circular``); a word two edits away is too far to guess.
"""

from __future__ import annotations


def one_edit_apart(typed: str, known: str) -> bool:
    """Whether ``known`` is ``typed`` with one letter added, taken out or changed."""
    if typed == known or abs(len(typed) - len(known)) > 1:
        return False
    if len(typed) == len(known):
        return sum(a != b for a, b in zip(typed, known, strict=True)) == 1
    shorter, longer = sorted((typed, known), key=len)
    return any(longer[:index] + longer[index + 1 :] == shorter for index in range(len(longer)))
