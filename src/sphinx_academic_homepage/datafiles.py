"""A YAML data file of the site (a CV, al-folio's ``_data`` files) read in one way: bounded, only from inside the
site, and each reason it cannot be read one located warning.

A fault of the whole file (outside the site, unreadable) is reported where the file is asked for when a page asks
for it, naming the file, else at the file's first line; a fault in its text at the line it is on.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from .diagnostics import warn
from .sitefiles import OutsideTheSite, check_inside
from .yamlfile import DATA_FILE_LIMITS, YAML_LOAD_ERRORS, LineLoader, YAMLLimitError, load, read_text

#: What :func:`load_data_file` returns for a file it could not read (None is an empty file's data).
NOT_READ: Any = object()


def load_data_file(
    path: Path,
    shown: str,
    *,
    noun: str,
    subtype: str,
    consequence: str,
    site: tuple[Path, ...] | None,
    cited_at: Any = None,
) -> Any:
    """The data in ``path``, or :data:`NOT_READ` after one ``homepage.<subtype>`` warning.

    ``shown`` names the file in warnings, ``noun`` says what it is ("CV file"), ``consequence`` what the build
    does without its text ("no CV is shown"); ``site``, the folders the file must resolve into.
    """
    whole_file = cited_at if cited_at is not None else f"{shown}:1"
    named = f"{noun} {shown}" if cited_at is not None else noun
    try:
        if site is not None:
            check_inside(path, site)
        return load(read_text(path, DATA_FILE_LIMITS.chars), DATA_FILE_LIMITS, LineLoader)
    except OutsideTheSite as error:
        warn(f"the {named} {error}; it is not read", subtype, whole_file)
    except OSError as error:
        warn(f"cannot read the {named}: {error.strerror}", subtype, whole_file)
    except YAMLLimitError as error:
        warn(f"the {noun} {error.problem}; {consequence}", subtype, _line_of(shown, error))
    except YAML_LOAD_ERRORS as error:
        problem = getattr(error, "problem", None) or error
        warn(f"the {noun} is not valid YAML: {problem}; {consequence}", subtype, _line_of(shown, error))
    return NOT_READ


def _line_of(shown: str, error: Exception) -> str:
    # Always "path:line": Sphinx would read a bare path as a document name ("about/cv.yaml.rst").
    mark = getattr(error, "problem_mark", None)
    return f"{shown}:{mark.line + 1 if mark is not None else 1}"
