"""Site navigation: the navbar's pages, declared once in ``conf.py``.

al-folio builds its navbar from page front matter; Sphinx builds it from the root
document's toctree. So that ``index.md`` can stay exactly the al-folio page it
came from, the toctree is added here from ``homepage_navigation`` instead of
being written into the page.

Each entry is a document name, or ``"Label <docname>"`` as in a toctree. The root
document may be listed too (al-folio's "about" link to the home page). A link's
label is, in order: the label written in the entry, the page's front matter
``title`` (al-folio's navbar label), or the page's first heading.

A page the build makes itself (the blog's index, the news page) can have a navbar link too, while the site
has what it shows: its module names it with :func:`add_navigation_page`. It goes where ``homepage_navigation``
lists it, else after the site's own entries (the blog, as al-folio's navbar has it) or nowhere (the news page,
which al-folio keeps off the navbar unless asked). Sphinx's toctree only holds documents, so such a link is given to
the theme's navbar alone (which reads the root document's toctree entries), not to the sidebar.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable, Iterable
from typing import NamedTuple
from weakref import WeakKeyDictionary

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


class GeneratedNavPage(NamedTuple):
    label: str
    #: Whether the page is made in this build (the blog's index, once there is a post).
    shown: Callable[[BuildEnvironment], bool]
    #: Linked only where ``homepage_navigation`` lists it.
    listed_only: bool = False


# Each application's generated pages with a navbar link: page name -> GeneratedNavPage.
_GENERATED_PAGES: WeakKeyDictionary[Sphinx, dict[str, GeneratedNavPage]] = WeakKeyDictionary()


def add_navigation_page(
    app: Sphinx, pagename: str, label: str, shown: Callable[[BuildEnvironment], bool], listed_only: bool = False
) -> None:
    """Link the generated page ``pagename`` from the navbar, labelled ``label``, in builds where ``shown(env)``
    (with ``listed_only``, only where ``homepage_navigation`` lists it)."""
    _GENERATED_PAGES.setdefault(app, {})[pagename] = GeneratedNavPage(label, shown, listed_only)


def _generated_pages(app: Sphinx) -> dict[str, GeneratedNavPage]:
    return _GENERATED_PAGES.get(app, {})


def _made_pages(app: Sphinx, env: BuildEnvironment) -> dict[str, GeneratedNavPage]:
    """The generated pages with a navbar link that this build makes (a source of the same name wins)."""
    return {name: page for name, page in _generated_pages(app).items() if name not in env.found_docs and page.shown(env)}


def made_navigation_pages(app: Sphinx, env: BuildEnvironment) -> list[str]:
    """The names of the generated pages with a navbar link that this build makes (the blog's index,
    ``repositories/index``...)."""
    return sorted(_made_pages(app, env))


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
        if entry.docname in _generated_pages(app) and entry.docname not in env.found_docs:
            continue  # not a document: linked from the navbar by _label_links
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
    generated = _made_pages(app, env)
    labels = []
    for entry in navigation_entries(app.config):
        if entry.docname in generated:
            page = generated.pop(entry.docname)
            labels.append((entry.docname, entry.label or page.label))
            continue
        if entry.docname not in env.found_docs:
            continue
        label = entry.label
        if label is None:
            title = front_matter(env, entry.docname).get("title")
            if isinstance(title, str) and title.strip():
                label = title.strip()
        labels.append((entry.docname, label))
    # Those the setting does not place come after the site's own pages.
    return labels + [(name, page.label) for name, page in generated.items() if not page.listed_only]


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
    root = app.config.root_doc
    toc = env.tocs.get(root)
    if toc is not None:
        for toctree in toc.findall(addnodes.toctree):
            if toctree.get("homepage_navigation"):
                toctree["entries"] = [
                    (_navbar_html(env, label, docname), "self" if docname == root else docname)
                    for docname, label in labels
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
