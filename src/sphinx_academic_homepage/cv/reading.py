"""A CV file read into the CV model, its format told from its content.

A list of sections is al-folio's older ``cv.yml``; a mapping with ``cv`` is RenderCV's YAML; a mapping with
``basics`` or any JSON Resume section is JSON Resume (JSON is read as YAML, which keeps each value's line).
The file is read with bounded work (:mod:`~sphinx_academic_homepage.yamlfile`); anything it cannot be gives
one warning at its line, and the CV is left empty.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from ..datafiles import NOT_READ, load_data_file
from ..diagnostics import warn
from .alfolio import checked_sections, read_alfolio
from .fields import Fields
from .jsonresume import is_json_resume, read_json_resume
from .model import CV
from .rendercv import is_rendercv, read_rendercv

def load_data(path: Path, display_path: str, cited_at: Any = None, site: tuple[Path, ...] | None = None) -> Any:
    """The CV file's data, or ``NOT_READ`` after one warning when it cannot be read.

    ``display_path`` names the file in warnings; ``cited_at`` is where the page asks for it; ``site``, the
    folders a file must be in to be read (:func:`~sphinx_academic_homepage.sitefiles.site_folders`).
    """
    return load_data_file(
        path, display_path, noun="CV file", subtype="cv", consequence="no CV is shown", site=site, cited_at=cited_at
    )


def read_cv(path: Path, display_path: str, cited_at: Any = None, site: tuple[Path, ...] | None = None) -> CV:
    """The CV in ``path``, whichever of the three formats holds it; what cannot be shown warns and is left out."""
    data = load_data(path, display_path, cited_at, site)
    fields = Fields(display_path)
    if data is NOT_READ:
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
