"""Links to PDFs (a CV, slides, a syllabus) that point at a file the site has.

al-folio pages link their PDFs as ``/assets/pdf/<name>.pdf``. A Markdown link to a
PDF that is missing would otherwise be a dead link on the page and a generic
"cross-reference target not found" from MyST. Here each one gets one warning
``homepage.pdf`` naming the page, line and the place the file is looked for, the
link text stays on the page as plain text, and the page is read again once the
file appears. An al-folio ``/assets/pdf/<name>.pdf`` link finds ``<name>.pdf`` in
the site's static folder (``_static/``), or in ``assets/pdf/`` where a site copied from al-folio keeps it.

A PDF the build writes itself (the CV PDF, :mod:`.cv.pdf`) is at the same address in the built site,
``assets/pdf/<name>.pdf``: a page that will write one notes it (:func:`offer_generated_pdf`), and a link to
``/assets/pdf/<name>.pdf`` with no file of that name in the static folder goes to it. Which pages write
which PDFs is known once every page is read, so such a link is resolved when its page is written
(:func:`resolve_pdf_links`); with no PDF of that name, it gets the warning and keeps its words then.

Any link or image may name a file; Sphinx publishes whatever file it names, wherever it is.
A file that leads out of the site (``../../private.pdf``, a link to ``/etc``) is not published:
one warning (``homepage.file`` or ``homepage.image``), and the page keeps the link's words. A name
longer than any file system allows (over 255 bytes) is taken out of the Markdown before MyST reads
it: MyST would ask the file system about it and stop the build on its answer.
"""

from __future__ import annotations

import posixpath
import re
from pathlib import Path

from docutils import nodes
from sphinx import addnodes
from sphinx.application import Sphinx
from sphinx.util.osutil import relative_uri

from .diagnostics import warn
from .docstore import DocumentStore
from .node_kinds import holds
from .priorities import PRIORITY
from .sitefiles import OutsideTheSite, check_inside, note_file_dependency, site_file, site_folders, static_folder_names
from .urls import url_scheme

ALFOLIO_PDF_DIR = "assets/pdf/"

#: Page name -> the PDFs (paths in the built site, ``assets/pdf/<name>.pdf``) the build writes for that page.
GENERATED_PDFS = DocumentStore("homepage_generated_pdfs")
#: Page name -> the PDFs that page would have the build write but cannot (no typst): links to them go to the page.
PDF_STAND_INS = DocumentStore("homepage_pdf_stand_ins")


class pending_pdf_link(nodes.Inline, nodes.TextElement):  # noqa: N801 (docutils names nodes in lower case)
    """A link to ``assets/pdf/<name>.pdf`` that only a PDF the build writes can satisfy; resolved on writing.

    ``pdf``: the path in the built site; ``written``: the link's target as written; ``expected``: where a file
    of the user's would be (``_static/<name>.pdf``), for the warning when no page writes it either.
    """


def user_pdf_candidates(env, name: str) -> list[str]:
    """Where the user's PDF ``name`` (a name in al-folio's PDF folder: what follows ``/assets/pdf/`` in a link,
    or a ``cv_pdf``) is looked for, in order, as paths in the source folder: each static folder, then
    ``assets/pdf/`` itself, where a site copied from al-folio keeps its PDFs."""
    return [f"{static}/{name}" for static in static_folder_names(env)] + [ALFOLIO_PDF_DIR + name]


def generated_pdf_path(name: str) -> str:
    """Where a PDF the build writes is in the built site: al-folio's address for it."""
    return ALFOLIO_PDF_DIR + posixpath.basename(name)


def offer_generated_pdf(env, docname: str, name: str, words: str, classes: list[str]) -> nodes.Node:
    """Note that ``docname`` has the build write the PDF ``name``; a link to it with ``words``."""
    pdf = generated_pdf_path(name)
    GENERATED_PDFS.of(env)[docname] = (pdf,)
    return pending_pdf_link("", words, pdf=pdf, written=f"/{pdf}", expected="", classes=classes)


def offer_pdf_stand_in(env, docname: str, name: str) -> None:
    """Note that ``docname`` would have the build write the PDF ``name`` and cannot (it has warned why): links to
    that PDF go to ``docname`` itself (the HTML CV for its PDF), with no second warning."""
    PDF_STAND_INS.of(env)[docname] = (generated_pdf_path(name),)


def resolve_pdf_links(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """Each :class:`pending_pdf_link`: a link to the PDF the build writes (or to the page standing in for it), or
    its words after one warning."""
    if not holds(doctree, pending_pdf_link):
        return
    written = {pdf for pdfs in GENERATED_PDFS.of(app.env).values() for pdf in pdfs}
    stand_ins = {pdf: page for page, pdfs in PDF_STAND_INS.of(app.env).items() for pdf in pdfs}
    for node in list(doctree.findall(pending_pdf_link)):
        words = [child.deepcopy() for child in node.children]
        here = app.builder.get_target_uri(docname)
        if node["pdf"] in written or node["pdf"] in stand_ins:
            target = node["pdf"] if node["pdf"] in written else app.builder.get_target_uri(stand_ins[node["pdf"]])
            node.replace_self(
                nodes.reference("", "", *words, refuri=relative_uri(here, target), classes=node["classes"])
            )
        else:
            warn(
                f"links to the PDF {node['written']!r}, which is not there: put the file at {node['expected']}",
                "pdf",
                node,
            )
            node.replace_self(nodes.inline("", "", *words))


def _pdf_path(target: str) -> str | None:
    """The path part of a local link to a PDF, or None for anything else."""
    if url_scheme(target):
        return None
    path = target.split("#", 1)[0].split("?", 1)[0]
    return path if path.lower().endswith(".pdf") else None


def check_pdf_links(app: Sphinx, doctree: nodes.document) -> None:
    env = app.env
    docname = env.docname
    for xref in list(doctree.findall(addnodes.pending_xref)):
        # MyST leaves a link to a file it did not find as an unresolved "myst" reference.
        if xref.get("reftype") != "myst" or xref.get("refdomain"):
            continue
        path = _pdf_path(xref.get("reftarget", ""))
        if path is None:
            continue
        name = path.lstrip("/").removeprefix(ALFOLIO_PDF_DIR) if path.lstrip("/").startswith(ALFOLIO_PDF_DIR) else None
        candidates = user_pdf_candidates(env, name) if name else []
        for candidate in candidates:
            note_file_dependency(env, candidate)  # read again once the file is there
            try:
                found = site_file(Path(env.srcdir, candidate), site_folders(env))
            except OutsideTheSite as error:
                warn(f"links to the PDF {path!r}, which {error}; the file is not published", "file", xref)
                xref.replace_self(nodes.inline("", "", *[child.deepcopy() for child in xref.children]))
                break
            if found is not None:
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
                note_file_dependency(env, expected)
            else:
                # A PDF of that name that the build writes may satisfy it: known once every page is read.
                pending = pending_pdf_link("", "", *xref.children, pdf=generated_pdf_path(name), written=path,
                                           expected=expected)
                pending.source, pending.line = xref.source, xref.line
                xref.replace_self(pending)
                continue
            warn(
                f"links to the PDF {path!r}, which is not there: put the file at {expected}",
                "pdf",
                xref,
            )
            # Keep the words, drop the dead link.
            xref.replace_self(nodes.inline("", "", *[child.deepcopy() for child in xref.children]))


def drop_files_outside(app: Sphinx, doctree: nodes.document) -> None:
    """Links and images whose file is outside the site: warned, the link's words kept, the image left out."""
    env = app.env
    site = site_folders(env)
    outside = []
    for node in doctree.findall(lambda n: isinstance(n, (addnodes.download_reference, nodes.image))):
        target = node.get("reftarget", "") if isinstance(node, addnodes.download_reference) else node.get("uri", "")
        if not target or url_scheme(target) or target.startswith("//"):
            continue
        try:
            check_inside(env.relfn2path(target, env.docname)[1], site)
        except OutsideTheSite as error:
            outside.append((node, target, str(error)))
    for node, target, reason in outside:
        if isinstance(node, nodes.image):
            warn(f"shows the image {target!r}, which {reason}; the image is left out", "image", node)
            node.parent.remove(node)
        else:
            warn(f"links to the file {target!r}, which {reason}; the file is not published", "file", node)
            node.replace_self(nodes.inline("", "", *[child.deepcopy() for child in node.children]))


#: The longest name of one file or folder that file systems allow, in bytes.
NAME_MAX = 255
# A Markdown link or image, inline ("[words](target "title")") or a reference definition ("[id]: target").
# Neither spans lines, so taking one out leaves the line numbers of the rest as written.
_INLINE_LINK = re.compile(r"(!?)\[([^\]\n]*)\]\([ \t]*(<[^>\n]*>|[^)\s]+)(?:[ \t]+(?:\"[^\"\n]*\"|'[^'\n]*'))?[ \t]*\)")
_LINK_DEFINITION = re.compile(r"^[ ]{0,3}\[[^\]\n]+\]:[ \t]*(<[^>\n]*>|\S+).*$", re.M)


def _name_too_long(target: str) -> bool:
    target = target.strip("<>")
    if url_scheme(target):
        return False
    path = target.split("#", 1)[0].split("?", 1)[0]
    return any(len(part.encode("utf-8")) > NAME_MAX for part in path.split("/"))


def drop_impossible_names(app: Sphinx, docname: str, source: list[str]) -> None:
    """Take out of a Markdown page the links and images to a name no file can have; one warning each."""
    markdown = app.config.source_suffix.get(app.env.doc2path(docname).suffix) == "markdown"
    # A quick look first: no run of characters that could make such a name (four bytes a character at most).
    if not markdown or not re.search(rf"[^/\s]{{{NAME_MAX // 4 + 1},}}", source[0]):
        return

    def report(match: re.Match, target: str) -> None:
        line = match.string.count("\n", 0, match.start()) + 1
        shown = target.strip("<>")
        warn(
            f"links to {shown[:40]}..., a name longer than the {NAME_MAX} bytes a file may have; the link is left out",
            "file",
            (docname, line),
        )

    def without_link(match: re.Match) -> str:
        if not _name_too_long(match.group(3)):
            return match.group(0)
        report(match, match.group(3))
        return "" if match.group(1) else match.group(2)

    def without_definition(match: re.Match) -> str:
        if not _name_too_long(match.group(1)):
            return match.group(0)
        report(match, match.group(1))
        return ""

    source[0] = _LINK_DEFINITION.sub(without_definition, _INLINE_LINK.sub(without_link, source[0]))


def setup_pdflinks(app: Sphinx) -> None:
    GENERATED_PDFS.connect(app)
    PDF_STAND_INS.connect(app)
    app.add_node(pending_pdf_link)
    app.connect("doctree-resolved", resolve_pdf_links)
    # Before MyST parses the page (it asks the file system about every link target).
    app.connect("source-read", drop_impossible_names)
    app.connect("doctree-read", check_pdf_links, priority=PRIORITY.check_pdf_links)
    app.connect("doctree-read", drop_files_outside, priority=PRIORITY.drop_files_outside)
