"""A CV file read into the CV model, its format told from its content.

A list of sections is al-folio's older ``cv.yml``; a mapping with ``cv`` is RenderCV's YAML; a mapping with
``basics`` or any JSON Resume section is JSON Resume (JSON is read as YAML, which keeps each value's line).
The file is read with bounded work (:mod:`~sphinx_academic_homepage.yamlfile`); anything it cannot be gives
one warning at its line, and the CV is left empty.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from ..diagnostics import warn
from ..sitefiles import OutsideTheSite, check_inside
from ..yamlfile import DATA_FILE_LIMITS, YAML_LOAD_ERRORS, LineLoader, YAMLLimitError, load, read_text
from .alfolio import checked_sections, read_alfolio
from .fields import Fields
from .jsonresume import is_json_resume, read_json_resume
from .model import CV
from .rendercv import is_rendercv, read_rendercv

_NOT_READ = object()


def load_data(path: Path, display_path: str, cited_at: Any = None, site: tuple[Path, ...] | None = None) -> Any:
    """The CV file's data, or ``_NOT_READ`` after one warning when it cannot be read.

    ``display_path`` names the file in warnings; ``cited_at`` is where the page asks for it; ``site``, the
    folders a file must be in to be read (:func:`~sphinx_academic_homepage.sitefiles.site_folders`).
    """
    try:
        if site is not None:
            check_inside(path, site)
        return load(read_text(path, DATA_FILE_LIMITS.chars), DATA_FILE_LIMITS, LineLoader)
    except OutsideTheSite as error:
        warn(f"the CV file {display_path} {error}; it is not read", "cv", cited_at)
    except OSError as error:
        warn(f"cannot read the CV file {display_path}: {error.strerror}", "cv", cited_at)
    except YAMLLimitError as error:
        where = f"{display_path}:{error.problem_mark.line + 1}" if error.problem_mark is not None else display_path
        warn(f"the CV file {error.problem}; no CV is shown", "cv", where)
    except YAML_LOAD_ERRORS as error:
        mark = getattr(error, "problem_mark", None)
        # Always "path:line": Sphinx would read a bare path as a document name ("about/cv.yaml.rst").
        where = f"{display_path}:{mark.line + 1 if mark is not None else 1}"
        warn(f"the CV file is not valid YAML: {getattr(error, 'problem', None) or error}", "cv", where)
    return _NOT_READ


def read_cv(path: Path, display_path: str, cited_at: Any = None, site: tuple[Path, ...] | None = None) -> CV:
    """The CV in ``path``, whichever of the three formats holds it; what cannot be shown warns and is left out."""
    data = load_data(path, display_path, cited_at, site)
    fields = Fields(display_path)
    if data is _NOT_READ:
        return CV()
    if data is None:
        warn("the CV file is empty; no CV is shown", "cv", f"{display_path}:1")
        return CV()
    if isinstance(data, list):
        return CV(read_alfolio(data, fields))
    if is_rendercv(data):
        return CV(read_rendercv(data, Fields(display_path, markdown=True)))
    if is_json_resume(data):
        return CV(read_json_resume(data, fields))
    warn(
        "the CV file should be a list of sections (title, type, contents), RenderCV's 'cv:' or a JSON Resume",
        "cv",
        f"{display_path}:1",
    )
    return CV()


def load_cv(path: Path, display_path: str, cited_at: Any = None, site: tuple[Path, ...] | None = None) -> list[dict]:
    """The sections of an al-folio ``cv.yml``, each with a title, a known type and a list of contents."""
    data = load_data(path, display_path, cited_at, site)
    return checked_sections(data, Fields(display_path)) if isinstance(data, list) else []
