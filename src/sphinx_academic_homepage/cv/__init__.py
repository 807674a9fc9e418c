"""The CV: one data file (al-folio's older ``cv.yml``, RenderCV's YAML or JSON Resume) gives the CV page and the CV PDF.

- :mod:`.model`: the CV as the page draws it, whatever the format;
- :mod:`.fields`, :mod:`.alfolio`, :mod:`.rendercv`, :mod:`.jsonresume`, :mod:`.reading`: the file read into it;
- :mod:`.html`: the model as nodes; :mod:`.pdf`: the model and the selected papers as a PDF (``cv.typ``);
- :mod:`.directive`: the ``{cv}`` directive.
"""

from __future__ import annotations

from .directive import setup_cv
from .reading import load_cv, read_cv

__all__ = ["load_cv", "read_cv", "setup_cv"]
