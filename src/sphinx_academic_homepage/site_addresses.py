"""Links written as addresses of the site, as al-folio's pages write them: ``[CV](/cv/)``, ``[papers](/publications/#2024)``.

On al-folio a page answers at its ``permalink`` (front matter) or at its folder's address, and pages link to each
other by those addresses. MyST reads such a link as a reference to a target it does not know, and warns. Here an
address that names a page of the site, by a ``permalink:`` in that page's front matter or by where the page is
(``/papers/`` is ``papers/index.md``, ``/teaching/`` or ``/teaching.html`` is ``teaching.md``), becomes a link
to the page, with its ``#fragment``; so does an old address of a page (``redirect_from:``, see :mod:`.redirects`).
Any other address is left to MyST, which warns as before.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from docutils import nodes
from sphinx import addnodes
from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment

from .buildstate import build_state
from .frontmatter import front_matter
from .navigation import made_navigation_pages
from .redirects import redirect_addresses
from .transforms import BuilderPostTransform, add_builder_post_transform


def normal_address(path: str) -> str:
    """``/papers/``, ``/papers``, ``/papers/index.html`` and ``/papers.html`` all as ``papers``; the root as ``""``."""
    path = path.strip().strip("/")
    for ending in ("index.html", "index.htm", ".html", ".htm"):
        if path == ending or path.endswith("/" + ending) or (ending.startswith(".") and path.endswith(ending)):
            path = path[: -len(ending)]
            break
    return path.strip("/")


def page_addresses(env: BuildEnvironment, made: Iterable[str] = ()) -> dict[str, str]:
    """Each address of the site that names a page (a source, or one of the pages ``made`` by the build), as
    :func:`normal_address` writes it, and the page.

    A ``permalink:`` wins over a page's place: al-folio's ``_pages/publications.md`` with ``permalink:
    /publications/`` answers there, whatever its file is called.
    """
    addresses: dict[str, str] = {}
    for docname in [*sorted(env.found_docs), *made]:
        place = docname.removesuffix("index").rstrip("/") if docname.split("/")[-1] == "index" else docname
        addresses.setdefault(normal_address(place), docname)
    # An old address (``redirect_from:``) names its page too, unless it is some page's place.
    for pagename, docname in redirect_addresses(env).items():
        addresses.setdefault(normal_address(pagename), docname)
    for docname in sorted(env.found_docs):
        permalink = front_matter(env, docname).get("permalink")
        if isinstance(permalink, str) and permalink.startswith("/") and ":" not in permalink:
            addresses[normal_address(permalink)] = docname
    return addresses


def site_addresses(app: Sphinx) -> dict[str, str]:
    """:func:`page_addresses` of the site as read, worked out once a build (pages are written once all are read;
    with ``-j`` each writing process works them out once, alike)."""
    state = build_state(app)
    if state.site_addresses is None:
        state.site_addresses = page_addresses(app.env, made_navigation_pages(app, app.env))
    return state.site_addresses


class SiteAddressLinks(BuilderPostTransform):
    """MyST's unresolved references whose target is an address of the site, made links to its page."""

    # Before MyST's resolver (9), which warns about every target it cannot find.
    default_priority = 8

    def run(self, **kwargs: Any) -> None:
        addresses: dict[str, str] | None = None
        for pending in list(self.document.findall(addnodes.pending_xref)):
            target = pending.get("reftarget", "")
            if pending.get("reftype") != "myst" or not target.startswith("/") or target.startswith("//"):
                continue
            if addresses is None:
                addresses = site_addresses(self.sphinx_app)
            path, _, fragment = target.partition("#")
            docname = addresses.get(normal_address(path.partition("?")[0]))
            if docname is None:
                continue
            uri = self.sphinx_app.builder.get_relative_uri(self.env.docname, docname) + (f"#{fragment}" if fragment else "")
            link = nodes.reference("", "", internal=True, refuri=uri)
            link.extend(child.deepcopy() for child in pending.children)
            pending.replace_self(link)


def setup_site_addresses(app: Sphinx) -> None:
    add_builder_post_transform(app, SiteAddressLinks)
