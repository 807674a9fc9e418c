"""``{cv} path``: the CV page's sections, from a CV file in any of the three formats (:mod:`.reading`).

The page's al-folio front matter ``cv_pdf: name.pdf`` offers the PDF for download once ``name.pdf`` is in a
static folder (``_static/``); until then the page offers none and the build says so (not a warning: the PDF is
expected to come later).
"""

from __future__ import annotations

from pathlib import Path

from docutils import nodes
from sphinx import addnodes
from sphinx.application import Sphinx
from sphinx.util import logging
from sphinx.util.docutils import SphinxDirective

from ..diagnostics import warn
from ..frontmatter import front_matter
from ..sitefiles import note_file_dependency, site_folders, static_folder_names
from .html import SECTION_CLASS, cv_sections
from .reading import read_cv

logger = logging.getLogger(__name__)


class CVDirective(SphinxDirective):
    """``{cv} path/to/cv.yaml``: the CV's sections. Every warning points at the CV file and the line of its value."""

    required_arguments = 1
    final_argument_whitespace = True
    has_content = False

    def run(self) -> list[nodes.Node]:
        relpath, abspath = self.env.relfn2path(self.arguments[0], self.env.docname)
        note_file_dependency(self.env, relpath)
        cv = read_cv(Path(abspath), relpath, self.get_location(), site_folders(self.env))
        return [*self._pdf_download(), *cv_sections(cv, self.state.document)]

    def _pdf_download(self) -> list[nodes.Node]:
        """al-folio's ``cv_pdf``: a download link once the PDF is in a static folder."""
        page = front_matter(self.env, self.env.docname)
        name = page.get("cv_pdf")
        if name is None:
            return []
        if not isinstance(name, str) or not name.strip() or not name.lower().endswith(".pdf"):
            warn(f"cv_pdf should name a PDF file, not {name!r}", "cv", page.location("cv_pdf"))
            return []
        name = name.strip().lstrip("/")
        static_dirs = static_folder_names(self.env)
        for static in static_dirs:
            relative = f"{static}/{name}"
            # Noted even while missing: the page is read again once the file is there.
            note_file_dependency(self.env, relative)
            if Path(self.env.srcdir, relative).is_file():
                return [download_paragraph(f"/{relative}", self.env.docname)]
        logger.info(
            "cv_pdf %s is not in %s yet; the CV page offers no PDF until it is",
            name,
            " or ".join(f"{static}/" for static in static_dirs) or "html_static_path",
            location=page.location("cv_pdf"),
        )
        return []


def download_paragraph(target: str, docname: str) -> nodes.paragraph:
    """The CV page's "Download the CV (PDF)" link to ``target``, a file of the site."""
    words = "Download the CV (PDF)"
    link = addnodes.download_reference(
        "", "", nodes.inline(words, words), reftarget=target, refdoc=docname, refexplicit=True,
        classes=["homepage-cv__pdf-link"],
    )
    return nodes.paragraph("", "", link, classes=["homepage-cv__pdf"])


def _has_cv(doctree: nodes.document | None) -> bool:
    if doctree is None:
        return False
    return doctree.next_node(
        lambda node: isinstance(node, nodes.section) and SECTION_CLASS in node["classes"]
    ) is not None


def _add_stylesheet(app: Sphinx, pagename: str, templatename: str, context: dict, doctree) -> None:
    # Only the CV page pays for the CV's styles.
    if _has_cv(doctree):
        app.add_css_file("cv.css")


def setup_cv(app: Sphinx) -> None:
    app.add_directive("cv", CVDirective)
    app.connect("html-page-context", _add_stylesheet)
