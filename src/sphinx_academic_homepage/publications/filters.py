"""``:filter:`` conditions of the publications directive: small, safe, and readable.

A filter is one or more conditions separated by blanks; an entry is listed when all of them hold::

    keywords=science-of-ai              the field holds this value (list fields: one of their items)
    keywords=science-of-ai|ai-for-science   any of these values
    type!=misc                          the field does not hold this value
    journal~=phys                       the field contains this text
    year>=2022                          numeric comparison: > >= < <=
    selected                            the field is present and not false, no, 0 or empty
    journal="Phys. Rev. Lett."          quote values that contain blanks

Field names are BibTeX fields (any case) plus ``type`` (the entry type) and ``key``. Values compare
without regard to case. List fields (``keywords``) split on commas and semicolons.
"""

from __future__ import annotations

import re
import shlex
from collections.abc import Callable, Mapping
from dataclasses import dataclass

_CONDITION = re.compile(r"^([A-Za-z_][\w-]*)\s*(!=|~=|>=|<=|=|>|<)?\s*(.*)$", re.S)
_LIST_FIELDS = {"keywords"}
_FALSY = {"", "false", "no", "0", "off"}


class FilterError(ValueError):
    """A filter that cannot be read; the message says which part and why."""


@dataclass(frozen=True)
class Condition:
    field: str
    operator: str  # "" (present), "=", "!=", "~=", ">", ">=", "<", "<="
    values: tuple[str, ...]

    def holds(self, fields: Mapping[str, str]) -> bool:
        actual = fields.get(self.field)
        if self.operator == "":
            return actual is not None and actual.strip().strip("{}").lower() not in _FALSY
        if actual is None:
            return self.operator == "!="
        if self.operator in {">", ">=", "<", "<="}:
            number = re.match(r"\s*(-?\d+(\.\d+)?)", actual)
            if not number:
                return False
            left, right = float(number.group(1)), float(self.values[0])
            return {">": left > right, ">=": left >= right, "<": left < right, "<=": left <= right}[
                self.operator
            ]
        if self.field in _LIST_FIELDS:
            items = {item.strip().lower() for item in re.split(r"[,;]", actual)}
        else:
            items = {actual.strip().lower()}
        wanted = {value.lower() for value in self.values}
        if self.operator == "=":
            return bool(items & wanted)
        if self.operator == "!=":
            return not items & wanted
        return any(value in item for item in items for value in wanted)  # "~="


def parse_filter(text: str) -> Callable[[Mapping[str, str]], bool]:
    """A predicate over an entry's fields (lower-case names); raises :class:`FilterError`."""
    try:
        words = shlex.split(text)
    except ValueError as error:
        raise FilterError(f"{error} in {text!r}") from None
    conditions: list[Condition] = []
    for word in words:
        match = _CONDITION.match(word)
        if not match:
            raise FilterError(f"cannot read {word!r}: expected field=value, field!=value, field~=text, field>=number or field")
        name, operator, value = match.group(1).lower(), match.group(2) or "", match.group(3)
        if not operator and value:
            raise FilterError(f"cannot read {word!r}: expected an operator after {name!r}")
        if operator and not value:
            raise FilterError(f"{word!r} has no value after {operator!r}")
        if operator in {">", ">=", "<", "<="}:
            if not re.fullmatch(r"-?\d+(\.\d+)?", value):
                raise FilterError(f"{word!r} compares with {value!r}, which is not a number")
            values: tuple[str, ...] = (value,)
        else:
            values = tuple(part for part in value.split("|") if part) if operator else ()
        conditions.append(Condition(name, operator, values))
    if not conditions:
        raise FilterError("the filter is empty")
    return lambda fields: all(condition.holds(fields) for condition in conditions)
