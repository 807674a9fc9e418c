"""Site navigation: the navbar's pages, declared once in ``conf.py``.

al-folio builds its navbar from page front matter; Sphinx builds it from the root
document's toctree. So that ``index.md`` can stay exactly the al-folio page it
came from, the toctree is added here from ``homepage_navigation`` instead of
being written into the page.

Each entry is a document name, or ``"Label <docname>"`` as in a toctree. The root
document may be listed too (al-folio's "about" link to the home page). A link's
label is, in order: the label written in the entry, the page's front matter
``title`` (al-folio's navbar label), or the page's first heading.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable
from typing import NamedTuple

from docutils import nodes
from sphinx import addnodes
from sphinx.application import Sphinx
from sphinx.config import Config
from sphinx.environment import BuildEnvironment

from .assets import add_stylesheet
from .config import SettingSource, homepage_config
from .diagnostics import warn
from .docstore import SiteRecord
from .frontmatter import front_matter
from .priorities import PRIORITY

#: The navbar's labels as the last build made them: when they change, every page (each has the navbar) is written.
NAVIGATION_LABELS = SiteRecord("homepage_navigation_labels")

# The toctree's own "Title <target>" syntax.
_EXPLICIT_LABEL = re.compile(r"^(?P<label>.+?)\s*<(?P<docname>[^<>]+)>$", re.S)


class NavEntry(NamedTuple):
    docname: str
    label: str | None  # written in conf.py; None: from the page


def parse_entry(entry: str) -> NavEntry:
    """``"research/index"`` or ``"Research <research/index>"``."""
    match = _EXPLICIT_LABEL.match(entry.strip())
    if match:
        return NavEntry(match["docname"].strip(), match["label"].strip())
    return NavEntry(entry.strip(), None)


def navigation_entries(config: Config) -> tuple[NavEntry, ...]:
    return homepage_config(config).navigation


def read_navigation(entries: list | tuple, source: SettingSource) -> tuple[NavEntry, ...]:
    """The entries of ``homepage_navigation`` that name a page; warn once about each that does not."""
    valid = []
    for entry in entries:
        if isinstance(entry, str) and parse_entry(entry).docname:
            valid.append(parse_entry(entry))
        else:
            warn(f"homepage_navigation: {entry!r} is not a document name; left out of the navbar", "config")
    return tuple(valid)


def add_navigation_toctree(app: Sphinx, doctree: nodes.document) -> None:
    env = app.env
    root = app.config.root_doc
    if env.docname != root:
        return
    entries = []
    for entry in navigation_entries(app.config):
        if entry.docname not in env.found_docs:
            warn(
                f"homepage_navigation names {entry.docname!r}, which is not a document",
                "config",
                (env.docname, None),
            )
            continue
        # Sphinx's name for "this page" in a toctree; the theme links it to the root document.
        entries.append((entry.label, "self" if entry.docname == root else entry.docname))
    toctree = addnodes.toctree()
    toctree["parent"] = env.docname
    toctree["entries"] = entries
    toctree["includefiles"] = [docname for _, docname in entries if docname != "self"]
    toctree["maxdepth"] = -1
    toctree["caption"] = None
    toctree["glob"] = False
    toctree["hidden"] = True
    toctree["includehidden"] = False
    toctree["numbered"] = 0
    toctree["titlesonly"] = False
    toctree["homepage_navigation"] = True
    wrapper = nodes.compound(classes=["toctree-wrapper"])
    wrapper += toctree
    doctree += wrapper


def navigation_labels(app: Sphinx, env: BuildEnvironment) -> list[tuple[str, str | None]]:
    """``(docname, label)`` for every navbar link; label None leaves the page's heading."""
    labels = []
    for entry in navigation_entries(app.config):
        if entry.docname not in env.found_docs:
            continue
        label = entry.label
        if label is None:
            title = front_matter(env, entry.docname).get("title")
            if isinstance(title, str) and title.strip():
                label = title.strip()
        labels.append((entry.docname, label))
    return labels


def _navbar_html(env: BuildEnvironment, label: str | None, docname: str) -> str | None:
    """The label as pydata-sphinx-theme needs it: HTML, since its navbar writes entry titles unescaped.

    Without a label of its own, the page's heading (which the theme would otherwise write as raw text too).
    """
    if label is None and docname in env.titles:
        label = env.titles[docname].astext()
    return html.escape(label, quote=False) if label else None


def _label_links(app: Sphinx, env: BuildEnvironment) -> Iterable[str]:
    """Give each navbar entry its label, now that every page's front matter has been read.

    The navbar is on every page, so when a label changes every page is written again.
    """
    labels = navigation_labels(app, env)
    by_docname = dict(labels)
    root = app.config.root_doc
    toc = env.tocs.get(root)
    if toc is not None:
        for toctree in toc.findall(addnodes.toctree):
            if toctree.get("homepage_navigation"):
                toctree["entries"] = [
                    (_navbar_html(env, by_docname.get(root if ref == "self" else ref), root if ref == "self" else ref), ref)
                    for _, ref in toctree["entries"]
                ]
    previous = NAVIGATION_LABELS.set(env, labels)
    if previous is not SiteRecord.MISSING and previous != labels:
        return sorted(env.found_docs)
    return []


def setup_navigation(app: Sphinx) -> None:
    app.connect("doctree-read", add_navigation_toctree, priority=PRIORITY.navigation_toctree)
    app.connect("env-updated", _label_links)
    # The theme underlines the link of the section a page belongs to (``li.current``), found from the page's
    # parents in the toctree; the home page has none, so its own link ("about") would never be marked, as
    # al-folio marks it. navigation.css marks the link of the page being shown (``aria-current="page"``), on
    # section pages the link the theme marks already. A stylesheet rule, not an inline <style>: the search
    # page reads other pages for its summaries, and their inline styles would break its Content-Security-Policy.
    add_stylesheet(app, "navigation.css")
