"""One way to report bad input: a located warning typed ``homepage.<subtype>``.

Every module reports through :func:`warn`, so users can silence any class of
problem with ``suppress_warnings = ["homepage.<subtype>"]`` and every message
points at the file and line (or the BibTeX key) that caused it.
"""

from __future__ import annotations

from typing import Any

from sphinx.util import logging

logger = logging.getLogger("homepage")

#: The warning type; the subtype names the kind of problem (``frontmatter``, ``social``, ``image``, ``bibtex``, ...).
WARNING_TYPE = "homepage"


def warn(message: str, subtype: str, location: Any = None) -> None:
    """Log one warning of type ``homepage.<subtype>``.

    ``location`` is what Sphinx accepts: a node, a docname, ``(docname, lineno)``,
    or a ``"path:line"`` string for files that are not documents (a .bib file).
    """
    logger.warning(message, type=WARNING_TYPE, subtype=subtype, location=location)
