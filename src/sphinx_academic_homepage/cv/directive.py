"""``{cv} path``: the CV page's sections, from a CV file in any of the three formats (:mod:`.reading`).

The page's al-folio front matter ``cv_pdf: name.pdf`` (or ``/assets/pdf/name.pdf``) offers the PDF for download:
the user's own once ``name.pdf`` is in a static folder (``_static/``) or in al-folio's ``assets/pdf/``, otherwise
the one the build writes (:mod:`.pdf`).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from docutils import nodes
from sphinx import addnodes
from sphinx.application import Sphinx
from sphinx.util.docutils import SphinxDirective

from ..diagnostics import warn
from ..frontmatter import front_matter
from ..node_kinds import page_holds
from ..pdflinks import ALFOLIO_PDF_DIR, offer_generated_pdf, offer_pdf_stand_in, user_pdf_candidates
from ..sitefiles import note_file_dependency, site_folders
from .html import SECTION_CLASS, cv_sections
from .model import CV
from .pdf import CV_PDFS, CVPdf, setup_cv_pdf, typst_available
from .reading import read_cv

class CVDirective(SphinxDirective):
    """``{cv} path/to/cv.yaml``: the CV's sections. Every warning points at the CV file and the line of its value."""

    required_arguments = 1
    final_argument_whitespace = True
    has_content = False

    def run(self) -> list[nodes.Node]:
        relpath, abspath = self.env.relfn2path(self.arguments[0], self.env.docname)
        note_file_dependency(self.env, relpath)
        cv = read_cv(Path(abspath), relpath, self.get_location(), site_folders(self.env))
        return [*self._pdf_download(cv), *cv_sections(cv, self.state.document)]

    def _pdf_download(self, cv: CV) -> list[nodes.Node]:
        """al-folio's ``cv_pdf``: a download link once the PDF is in a static folder or in ``assets/pdf/``."""
        page = front_matter(self.env, self.env.docname)
        name = page.get("cv_pdf")
        if name is None:
            return []
        if not isinstance(name, str) or not name.strip() or not name.lower().endswith(".pdf"):
            warn(f"cv_pdf should name a PDF file, not {name!r}", "cv", page.location("cv_pdf"))
            return []
        name = name.strip().lstrip("/").removeprefix(ALFOLIO_PDF_DIR)
        for relative in user_pdf_candidates(self.env, name):
            # Noted even while missing: the page is read again once the file is there.
            note_file_dependency(self.env, relative)
            if Path(self.env.srcdir, relative).is_file():
                return [download_paragraph(f"/{relative}", self.env.docname)]
        return self._generated_pdf(name, cv, page.location("cv_pdf"))


    def _generated_pdf(self, name: str, cv: CV, where: Any) -> list[nodes.Node]:
        """The PDF the build writes from ``cv``; none, after one warning, without the tool that writes it."""
        if not typst_available():
            warn(
                f"cv_pdf {name} is not in _static/ and the typst package that would write it is not installed "
                "(pip install typst); the CV page offers no PDF, and links to it come here",
                "cv",
                where,
            )
            offer_pdf_stand_in(self.env, self.env.docname, name)
            return []
        link = offer_generated_pdf(self.env, self.env.docname, name, "Download the CV (PDF)", ["homepage-cv__pdf-link"])
        CV_PDFS.of(self.env)[self.env.docname] = CVPdf(link["pdf"], cv)
        return [nodes.paragraph("", "", link, classes=["homepage-cv__pdf"])]


def download_paragraph(target: str, docname: str) -> nodes.paragraph:
    """The CV page's "Download the CV (PDF)" link to ``target``, a file of the site."""
    words = "Download the CV (PDF)"
    link = addnodes.download_reference(
        "", "", nodes.inline(words, words), reftarget=target, refdoc=docname, refexplicit=True,
        classes=["homepage-cv__pdf-link"],
    )
    return nodes.paragraph("", "", link, classes=["homepage-cv__pdf"])


def _add_stylesheet(app: Sphinx, pagename: str, templatename: str, context: dict, doctree) -> None:
    # Only the CV page pays for the CV's styles.
    if page_holds(app, doctree, nodes.section, SECTION_CLASS):
        app.add_css_file("cv.css")


def setup_cv(app: Sphinx) -> None:
    app.add_directive("cv", CVDirective)
    setup_cv_pdf(app)
    app.connect("html-page-context", _add_stylesheet)
