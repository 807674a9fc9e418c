"""al-folio's projects: a page per ``_projects/*.md`` at ``/projects/<name>/``, and a page of cards listing them.

Each project file is a document of its own, named by :mod:`.blog.discovery` (``_projects/1_project.md`` is
``projects/1_project/index``) and read as a post is (Liquid, then kramdown: :mod:`.blog.source`); its
``layout: page`` front matter gives its title and description (:mod:`.page_layout`). What its card shows is
read from the same front matter when the page is read and kept per document (``-j`` and incremental builds):

- ``title``, ``description``; ``img``, a picture of the site (``assets/img/1.jpg``) shown with its copies
  (:mod:`.images`); ``redirect``, an address the card links to instead of the project's page; ``github``,
  ``owner/name`` of its repository, linked (never a picture from another host);
- ``importance`` orders the cards (lower first; none last), then the title;
- ``category`` groups them, in the order of al-folio's ``display_categories`` (front matter of the site's
  projects page, the page whose ``permalink`` is ``/projects/``), the projects of other categories after;
  without ``display_categories`` the cards are one list, as on al-folio.

The cards are shown at ``/projects/``. When the site kept al-folio's projects page (a page at ``projects/``, or
whose ``permalink`` is ``/projects/``: its Liquid loop is what the cards replace), they go at the end of that
page, which is written again when a card changes; otherwise they are a page of their own, ``projects/index``,
made by the build (:mod:`.generated_pages`) and linked from the navbar once there is a project (as the blog is).
A value that cannot be used warns once (``homepage.project``) at its line, and the card is shown without it.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment

from .blog.discovery import project_file
from .blog.listing import section
from .blog.page import POST_CLASS, STYLESHEET as POST_STYLESHEET
from .diagnostics import warn
from .docstore import DocumentStore, SiteRecord
from .frontmatter import FrontMatter, front_matter
from .generated_pages import GeneratedPage, add_generated_pages
from .htmlnodes import add_html_node
from .images import ResponsiveImage, describe_image, picture_html, register_image
from .navigation import add_navigation_page
from .site_addresses import normal_address
from .sitefiles import OutsideTheSite, note_file_dependency, site_file
from .transforms import BuilderPostTransform, add_builder_post_transform
from .urls import is_external_url

PROJECTS_PAGE = "projects/index"
STYLESHEET = "projects.css"
#: A card is at most about 22rem wide (three columns on a wide screen, one on a phone).
CARD_SIZES = "(max-width: 576px) calc(100vw - 2rem), 22rem"
CARD_WIDTHS = (240, 360, 480, 720)
#: What marks the cards page for its stylesheet (a generated page's context key).
PROJECTS_CONTEXT = "homepage_projects_page"
_GITHUB_REPO = re.compile(r"[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})/[A-Za-z0-9._-]{1,100}")

#: Each project's card, by its document.
PROJECT_CARDS = DocumentStore("homepage_project_cards")
#: The site's own projects page (al-folio's), which shows the cards: written again when they change.
CARDS_HOSTS = DocumentStore("homepage_project_cards_hosts", set)
#: What the cards showed when last written.
SHOWN_CARDS = SiteRecord("homepage_project_cards_shown")


@dataclass(frozen=True)
class ProjectCard:
    docname: str
    title: str
    description: str = ""
    importance: float | None = None
    category: str = ""
    #: The picture as the site has it (srcdir-relative), and its copies (None: the file itself is shown).
    image_source: str = ""
    image: ResponsiveImage | None = None
    redirect: str = ""
    github: str = ""


class project_cards_here(nodes.General, nodes.Element):  # noqa: N801 - docutils node naming
    """Where the cards go on the site's own projects page; filled in by :class:`FillProjectCards` when it is written."""


class project_image(nodes.General, nodes.Element):  # noqa: N801 - docutils node naming
    """A card's picture as ``<picture>`` with its copies (``image``)."""


def _visit_project_image(self: Any, node: project_image) -> None:
    attributes = 'class="homepage-project__image" alt="" loading="lazy" decoding="async"'
    self.body.append(picture_html(node["image"], self.builder.imgpath + "/", CARD_SIZES, attributes))
    raise nodes.SkipNode


def _text(matter: FrontMatter, key: str) -> str:
    value = matter.get(key)
    if value is None:
        return ""
    if isinstance(value, (str, int, float)) and not isinstance(value, bool):
        return str(value).strip()
    warn(f"project {key} should be text, not {value!r}; left out", "project", matter.location(key))
    return ""


def _importance(matter: FrontMatter) -> float | None:
    value = matter.get("importance")
    if value is None:
        return None
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return float(value)
    warn(f"project importance should be a number, not {value!r}; the card goes last", "project", matter.location("importance"))
    return None


def _card_image(env: BuildEnvironment, matter: FrontMatter) -> tuple[str, ResponsiveImage | None]:
    """The picture's srcdir-relative path and copies; ``("", None)`` after a warning when it cannot be shown."""
    written = _text(matter, "img")
    if not written:
        return "", None
    relative = written.lstrip("/")
    path = Path(env.srcdir, relative)
    note_file_dependency(env, relative)
    try:
        found = site_file(path, (Path(env.srcdir).resolve(),))
    except OutsideTheSite as error:
        warn(f"project img {written!r} {error}; no picture shown", "project", matter.location("img"))
        return "", None
    if found is None:
        warn(f"project img {written!r} is not a file of the site; no picture shown", "project", matter.location("img"))
        return "", None
    env.images.add_file(env.docname, relative)  # the file itself, for an SVG and for builders other than HTML
    if path.suffix.lower() == ".svg":
        return relative, None
    try:
        image = describe_image(path, CARD_WIDTHS)
    except OSError as error:
        warn(f"project img {written!r} cannot be shown: {error}", "project", matter.location("img"))
        return "", None
    register_image(env, env.docname, image)
    return relative, image


def _link(matter: FrontMatter, key: str, accepts: Any, expected: str) -> str:
    written = _text(matter, key)
    if written and not accepts(written):
        warn(f"project {key} {written!r} should be {expected}; left out", "project", matter.location(key))
        return ""
    return written


def _record_card(app: Sphinx, doctree: nodes.document) -> None:
    env = app.env
    docname = env.docname
    if project_file(env, docname) is None:
        return
    # A project is reached from the cards page, not from a toctree.
    env.metadata[docname]["orphan"] = True
    # Its body is written as a post's (al-folio's rows of figures, captions, coloured blockquotes): styled alike.
    top = doctree.next_node(nodes.section)
    if top is not None:
        top["classes"].append(POST_CLASS)
    matter = front_matter(env, docname)
    title_node = env.titles.get(docname)
    image_source, image = _card_image(env, matter)
    PROJECT_CARDS.of(env)[docname] = ProjectCard(
        docname=docname,
        title=_text(matter, "title") or (title_node.astext() if title_node is not None else docname.split("/")[1]),
        description=_text(matter, "description"),
        importance=_importance(matter),
        category=_text(matter, "category"),
        image_source=image_source,
        image=image,
        redirect=_link(matter, "redirect", is_external_url, "an http(s) address"),
        github=_link(matter, "github", _GITHUB_REPO.fullmatch, "a GitHub repository (owner/name)"),
    )


def project_cards(env: BuildEnvironment) -> list[ProjectCard]:
    """Every project's card, by importance (none last), then title."""
    cards = [card for docname, card in PROJECT_CARDS.of(env).items() if docname in env.found_docs]
    return sorted(cards, key=lambda card: (card.importance is None, card.importance or 0.0, card.title.casefold(), card.docname))


def is_projects_page(env: BuildEnvironment, docname: str) -> bool:
    """Whether ``docname`` is the site's own projects page: at ``projects/``, or with ``permalink: /projects/``."""
    permalink = front_matter(env, docname).get("permalink")
    return docname == PROJECTS_PAGE or (isinstance(permalink, str) and normal_address(permalink) == "projects")


def cards_host(env: BuildEnvironment) -> str | None:
    """The site's own projects page, which shows the cards; None when the build makes one."""
    return min(CARDS_HOSTS.of(env) & env.found_docs, default=None)


def display_categories(env: BuildEnvironment) -> tuple[str, ...]:
    """al-folio's ``display_categories``, from the front matter of the site's projects page (if it kept one)."""
    host = cards_host(env)
    categories = front_matter(env, host).get("display_categories") if host else None
    return tuple(str(category) for category in categories) if isinstance(categories, list) else ()


def _add_cards_placeholder(app: Sphinx, doctree: nodes.document) -> None:
    env = app.env
    if not is_projects_page(env, env.docname) or project_file(env, env.docname) is not None:
        return
    top = doctree.next_node(nodes.section)
    (top if top is not None and top.parent is doctree else doctree).append(project_cards_here())
    CARDS_HOSTS.of(env).add(env.docname)


def _card(app: Sphinx, pagename: str, card: ProjectCard) -> nodes.container:
    box = nodes.container(classes=["homepage-project"])
    if card.image is not None:
        box += project_image(image=card.image)
    elif card.image_source:
        box += nodes.image(uri=card.image_source, candidates={"*": card.image_source}, alt="", classes=["homepage-project__image"])
    if card.redirect:
        title = nodes.reference("", card.title, refuri=card.redirect)
    else:
        uri = app.builder.get_relative_uri(pagename, card.docname)
        title = nodes.reference("", card.title, refuri=uri, internal=True)
    box += nodes.paragraph("", "", title, classes=["homepage-project__title"])
    if card.description:
        box += nodes.paragraph("", card.description, classes=["homepage-project__description"])
    if card.github:
        link = nodes.reference("", card.github, refuri=f"https://github.com/{card.github}")
        box += nodes.paragraph("", "", link, classes=["homepage-project__github"])
    return box


def _grid(app: Sphinx, pagename: str, cards: list[ProjectCard]) -> nodes.container:
    grid = nodes.container(classes=["homepage-projects"])
    grid.extend(_card(app, pagename, card) for card in cards)
    return grid


def grouped(cards: list[ProjectCard], categories: tuple[str, ...]) -> list[tuple[str, list[ProjectCard]]]:
    """The cards by category in ``categories``' order, the others after ("other"); one group without categories."""
    if not categories:
        return [("", cards)]
    groups = [(category, [card for card in cards if card.category == category]) for category in categories]
    others = [card for card in cards if card.category not in categories]
    return [group for group in [*groups, ("other", others)] if group[1]]


def cards_nodes(app: Sphinx, pagename: str) -> list[nodes.Element]:
    """The cards as ``pagename`` shows them: a grid, or a section of a grid per category."""
    env = app.env
    shown = []
    for category, cards in grouped(project_cards(env), display_categories(env)):
        grid = _grid(app, pagename, cards)
        shown.append(section(f"category-{category}", category, grid) if category else grid)
    return shown


class FillProjectCards(BuilderPostTransform):
    """Replace the placeholder on the site's projects page with the cards."""

    default_priority = 5

    def run(self, **kwargs: Any) -> None:
        for placeholder in list(self.document.findall(project_cards_here)):
            if self.sphinx_app.builder.format == "html":
                placeholder.replace_self(cards_nodes(self.sphinx_app, self.env.current_document.docname))
            else:
                placeholder.parent.remove(placeholder)


def _hosts_to_write(app: Sphinx, env: BuildEnvironment) -> list[str]:
    """The site's projects page, when the cards changed since it was written."""
    shown = (tuple(project_cards(env)), display_categories(env))
    previous = SHOWN_CARDS.set(env, shown)
    if previous is SiteRecord.MISSING or previous == shown:
        return []
    return sorted(CARDS_HOSTS.of(env) & env.found_docs)


def makes_projects_page(env: BuildEnvironment) -> bool:
    """Whether the build makes the cards page: there is a project, and the site has no projects page of its own."""
    return bool(PROJECT_CARDS.of(env).keys() & env.found_docs) and cards_host(env) is None


def projects_pages(app: Sphinx) -> Iterator[GeneratedPage]:
    env = app.env
    if not makes_projects_page(env) or PROJECTS_PAGE in env.found_docs:
        return
    yield GeneratedPage(
        PROJECTS_PAGE,
        "projects",
        lambda: section("projects", "projects", *cards_nodes(app, PROJECTS_PAGE)),
        context={PROJECTS_CONTEXT: True},
        resolve=False,
        inputs=(tuple(project_cards(env)), display_categories(env)),
    )


def _page_assets(app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any) -> None:
    if context.get(PROJECTS_CONTEXT) or pagename in CARDS_HOSTS.of(app.env):
        app.add_css_file(STYLESHEET)
    elif pagename in PROJECT_CARDS.of(app.env):
        app.add_css_file(POST_STYLESHEET)


def setup_projects(app: Sphinx) -> None:
    PROJECT_CARDS.connect(app)
    CARDS_HOSTS.connect(app)
    app.add_node(project_cards_here)
    add_html_node(app, project_image, _visit_project_image, None)
    app.connect("doctree-read", _record_card)
    app.connect("doctree-read", _add_cards_placeholder)
    add_builder_post_transform(app, FillProjectCards)
    app.connect("env-get-updated", _hosts_to_write)
    app.connect("html-page-context", _page_assets)
    add_generated_pages(app, projects_pages)
    add_navigation_page(app, PROJECTS_PAGE, "projects", makes_projects_page)
