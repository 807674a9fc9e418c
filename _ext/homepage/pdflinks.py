"""Links to PDFs (a CV, slides, a syllabus) that point at a file the site has.

al-folio pages link their PDFs as ``/assets/pdf/<name>.pdf``. A Markdown link to a
PDF that is missing would otherwise be a dead link on the page and a generic
"cross-reference target not found" from MyST. Here each one gets one warning
``homepage.pdf`` naming the page, line and the place the file is looked for, the
link text stays on the page as plain text, and the page is read again once the
file appears. An al-folio ``/assets/pdf/<name>.pdf`` link finds ``<name>.pdf`` in
the site's static folder (``_static/``), as al-folio's own layout would.
"""

from __future__ import annotations

import posixpath
from pathlib import Path

from docutils import nodes
from sphinx import addnodes
from sphinx.application import Sphinx

from .cv import site_static_dirs
from .diagnostics import warn
from .urls import url_scheme

ALFOLIO_PDF_DIR = "assets/pdf/"


def _pdf_path(target: str) -> str | None:
    """The path part of a local link to a PDF, or None for anything else."""
    if url_scheme(target):
        return None
    path = target.split("#", 1)[0].split("?", 1)[0]
    return path if path.lower().endswith(".pdf") else None


def check_pdf_links(app: Sphinx, doctree: nodes.document) -> None:
    env = app.env
    docname = env.docname
    static_dirs = site_static_dirs(app.config.html_static_path)
    for xref in list(doctree.findall(addnodes.pending_xref)):
        # MyST leaves a link to a file it did not find as an unresolved "myst" reference.
        if xref.get("reftype") != "myst" or xref.get("refdomain"):
            continue
        path = _pdf_path(xref.get("reftarget", ""))
        if path is None:
            continue
        name = path.lstrip("/").removeprefix(ALFOLIO_PDF_DIR) if path.lstrip("/").startswith(ALFOLIO_PDF_DIR) else None
        candidates = [f"{static}/{name}" for static in static_dirs] if name else []
        for candidate in candidates:
            env.note_dependency(candidate)  # read again once the file is there
            if Path(env.srcdir, candidate).is_file():
                xref.replace_self(
                    addnodes.download_reference(
                        "",
                        "",
                        *xref.children,
                        reftarget=f"/{candidate}",
                        refdoc=docname,
                        refexplicit=xref.get("refexplicit", True),
                    )
                )
                break
        else:
            expected = candidates[0] if candidates else posixpath.normpath(
                path.lstrip("/") if path.startswith("/") else posixpath.join(posixpath.dirname(docname), path)
            )
            if not candidates:
                env.note_dependency(expected)
            warn(
                f"links to the PDF {path!r}, which is not there: put the file at {expected}",
                "pdf",
                xref,
            )
            # Keep the words, drop the dead link.
            xref.replace_self(nodes.inline("", "", *[child.deepcopy() for child in xref.children]))


def setup_pdflinks(app: Sphinx) -> None:
    # Before Sphinx's download collector (priority 500), which must see the download links made here.
    app.connect("doctree-read", check_pdf_links, priority=450)
