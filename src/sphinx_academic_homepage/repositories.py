"""al-folio's repositories page, from ``repositories.yml``: plain links to GitHub profiles and repositories.

al-folio shows each as a card of statistics drawn by another host (github-readme-stats); a page here asks no
other host for anything (:mod:`.csp`), so each is a link: the profiles, then the repositories, as the file
lists them. The page is ``repositories/index``, al-folio's address, made by the build (:mod:`.generated_pages`)
and linked from the navbar once the file has an entry, as al-folio's navbar has it.
"""

from __future__ import annotations

from collections.abc import Iterator

from docutils import nodes
from sphinx.application import Sphinx

from .blog.listing import section
from .generated_pages import GeneratedPage, add_generated_pages
from .navigation import add_navigation_page
from .sitedata import Repositories, site_data

REPOSITORIES_PAGE = "repositories/index"
GITHUB = "https://github.com/"


def _links(names: tuple[str, ...], classes: str) -> nodes.bullet_list:
    found = nodes.bullet_list(classes=[classes])
    for name in names:
        link = nodes.reference("", name, refuri=GITHUB + name)
        found += nodes.list_item("", nodes.paragraph("", "", link))
    return found


def repositories_body(repositories: Repositories) -> nodes.section:
    body = section("repositories", "repositories")
    if repositories.users:
        body += section("github-users", "GitHub users", _links(repositories.users, "homepage-repositories__users"))
    if repositories.repos:
        body += section("github-repositories", "GitHub repositories", _links(repositories.repos, "homepage-repositories__repos"))
    return body


def has_repositories(app: Sphinx) -> bool:
    repositories = site_data(app).repositories
    return bool(repositories.users or repositories.repos) and REPOSITORIES_PAGE not in app.env.found_docs


def repositories_pages(app: Sphinx) -> Iterator[GeneratedPage]:
    """The page, when the file has an entry and the site has no page of that name of its own."""
    if not has_repositories(app):
        return
    repositories = site_data(app).repositories
    yield GeneratedPage(
        REPOSITORIES_PAGE,
        "repositories",
        repositories_body(repositories),
        resolve=False,
        inputs=(repositories,),
    )


def setup_repositories(app: Sphinx) -> None:
    add_generated_pages(app, repositories_pages)
    add_navigation_page(app, REPOSITORIES_PAGE, "repositories", lambda env: has_repositories(app))
