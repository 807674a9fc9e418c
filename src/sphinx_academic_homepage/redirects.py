"""Old addresses that still answer: a small page at each, sending the reader on to the page that moved.

On al-folio a page answers at its front matter's ``permalink:`` (``_pages/publications.md`` at
``/publications/``) and at every address of its ``redirect_from:`` (jekyll-redirect-from; one address or a
list). Here a page answers at its place (``papers/index.md`` at ``/papers/``), so each of those addresses that
is not the page's own gets a redirect page (``publications/index.html``): a meta refresh, a canonical link and a
visible link to the page, ``noindex``, left out of the sitemap and, being no document, of the search.
A meta refresh drops the address's ``#fragment``; a small script, the same on every redirect page and so
allowed by its hash under the Content-Security-Policy (:mod:`.csp` hashes the scripts of the templates), keeps
it; without scripts the refresh still goes to the page.

An address that is the place of a page of the site, or of a page the build makes, or that an earlier page
(in name order) already redirects from, is left to it: one warning (``homepage.page``) at the line that asks
for it. Links written as any of these addresses resolve to the page (:mod:`.site_addresses`).

The addresses are read from the front matter each page keeps (:mod:`.frontmatter`), so ``-j`` and incremental
builds see them as a full build does; the pages are generated pages (:mod:`.generated_pages`), left as they are
when their target did not change.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from urllib.parse import urljoin

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment

from .blog.discovery import address_docname, post_file
from .buildstate import build_state
from .diagnostics import warn
from .frontmatter import front_matter
from .generated_pages import GeneratedPage, add_generated_pages

#: The template every redirect page is written with.
REDIRECT_TEMPLATE = "homepage-redirect.html"
# What an address of the site may hold: a path of plain segments (no scheme, query, fragment or quote). Each
# segment but the last ends at its slash, so that a long address that fails is refused in linear time.
_ADDRESS = re.compile(r"/?(?:[\w.~%+@!,-]+/)*[\w.~%+@!,-]*")
# Pages Sphinx's HTML builder writes besides the documents.
_BUILDER_PAGES = frozenset({"genindex", "search", "py-modindex"})


@dataclass(frozen=True)
class Redirect:
    """An old address of a page: the page name it is written to, and the document it sends readers to."""

    pagename: str
    address: str
    docname: str
    #: The front matter key that asks for it (``permalink`` or ``redirect_from``), and where.
    key: str
    location: tuple[str, int | None]


def asked_addresses(env: BuildEnvironment, docname: str) -> Iterator[tuple[str, object]]:
    """``(key, address as written)`` for each address the page's front matter gives besides its place.

    A post's ``permalink`` names its document (:mod:`.blog.discovery`): it is its place, not an old address.
    """
    matter = front_matter(env, docname)
    permalink = matter.get("permalink")
    if permalink is not None and post_file(env, docname) is None:
        yield "permalink", permalink
    redirect_from = matter.get("redirect_from")
    if isinstance(redirect_from, list):
        for address in redirect_from:
            yield "redirect_from", address
    elif redirect_from is not None:
        yield "redirect_from", redirect_from


def redirect_pagename(address: object) -> str | None:
    """The page an address is written to (``/publications/`` -> ``publications/index``, ``/cv`` -> ``cv``), or
    None when it is no address of this site. The site's root is no redirect: it is always the home page."""
    if not isinstance(address, str) or ":" in address or not _ADDRESS.fullmatch(address.strip()):
        return None
    return address_docname(address.strip())


def _unreadable(key: str, address: object, location: tuple[str, int | None]) -> None:
    if key == "permalink" and isinstance(address, str) and ":" in address:
        # Jekyll's placeholders (":title") name no one page: nothing to redirect from, nothing lost.
        return
    if key == "permalink" and isinstance(address, str) and address.strip().strip("/") == "":
        return
    warn(
        f"{key} {address!r} is not an address of this site (a path such as /old/page/ or /old.html); "
        "no redirect is written for it",
        "page",
        location,
    )


def _asked_in_order(env: BuildEnvironment) -> list[tuple[str, str, object]]:
    """``(docname, key, address)`` of every page, permalinks first (each is where al-folio wrote its page, and
    wins over another page's ``redirect_from``), then in page name order and as each page lists them."""
    asked = [(docname, key, address) for docname in sorted(env.found_docs) for key, address in asked_addresses(env, docname)]
    return sorted(asked, key=lambda item: item[1] != "permalink")


def site_redirects(app: Sphinx) -> list[Redirect]:
    """Every redirect the pages ask for that the site can have, each bad or taken address warned about once."""
    env = app.env
    taken: dict[str, str] = {name: f"the page {name!r}" for name in env.found_docs | _BUILDER_PAGES}
    for made in build_state(app).made_pages.values():
        taken.update((page.name, f"the page {page.name!r}") for page in made)
    redirects: list[Redirect] = []
    for docname, key, address in _asked_in_order(env):
        location = front_matter(env, docname).location(key)
        pagename = redirect_pagename(address)
        if pagename is None:
            _unreadable(key, address, location)
        elif pagename in taken and pagename != docname:
            warn(
                f"{key} {address!r} is the address of {taken[pagename]}: it keeps it, and no redirect to "
                f"{docname!r} is written",
                "page",
                location,
            )
        elif pagename != docname:
            taken[pagename] = f"a redirect to {docname!r}"
            redirects.append(Redirect(pagename, address.strip(), docname, key, location))
    return redirects


def redirect_addresses(env: BuildEnvironment) -> dict[str, str]:
    """Each ``redirect_from`` address, as written, and the page it names; unchecked (a link written as an
    address resolves as the redirect page would send it)."""
    return {
        address: docname
        for docname, key, address in reversed(_asked_in_order(env))
        if key == "redirect_from" and redirect_pagename(address) is not None
    }


def redirect_page(app: Sphinx, redirect: Redirect) -> GeneratedPage:
    builder = app.builder
    title_node = app.env.titles.get(redirect.docname)
    title = title_node.astext() if title_node is not None else redirect.docname
    target = builder.get_relative_uri(redirect.pagename, redirect.docname)
    base = (app.config.html_baseurl or "").rstrip("/")
    canonical = urljoin(base + "/", builder.get_target_uri(redirect.docname)) if base else target
    return GeneratedPage(
        redirect.pagename,
        title,
        nodes.container(),
        context={"homepage_redirect_target": target, "homepage_redirect_canonical": canonical},
        template=REDIRECT_TEMPLATE,
        resolve=False,
        in_sitemap=False,
        inputs=(redirect.docname, target, canonical),
    )


def redirect_pages(app: Sphinx) -> Iterator[GeneratedPage]:
    for redirect in site_redirects(app):
        yield redirect_page(app, redirect)


def setup_redirects(app: Sphinx) -> None:
    # Set up after the modules whose pages an address could name, so that their pages are known first.
    add_generated_pages(app, redirect_pages)
