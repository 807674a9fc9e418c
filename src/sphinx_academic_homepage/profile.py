"""The profile card: the owner's photo beside the bio, with a few lines of contact details.

Two ways to ask for it:

- al-folio front matter, unchanged: ``profile.image``, ``profile.align``,
  ``profile.image_circular``, ``profile.title`` (a line of text under the photo, as some al-folio
  forks show it: "PhD Student @ NYU"), ``profile.more_info`` (HTML; ``profile.address`` is its
  older name), with ``subtitle`` (or ``description``) under the page heading. As in
  al-folio's ``about`` layout, the page heading is the owner's name
  (``homepage_owner_name``) while the front matter ``title`` stays the page's label
  in the navigation.
- the ``profile`` directive, in MyST or reST, whose body is the more-info lines::

      ```{profile} rosegarden.png
      :align: right
      :circular:
      :alt: Ada Lovelace

      Ada Lovelace (Augusta Ada King)
      ```

Bad front matter (a misspelt key, a null, a value of the wrong type, a photo that is
not there) warns once with its line and the card keeps whatever is valid. The photo
is served as responsive AVIF and WebP copies (:mod:`.images`), the AVIF ones to browsers that read them.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from docutils import nodes
from docutils.parsers.rst import directives
from sphinx.application import Sphinx
from sphinx.config import Config
from sphinx.environment import BuildEnvironment
from sphinx.transforms import SphinxTransform
from sphinx.util.docutils import SphinxDirective

from .assets import STATIC_DIR, add_stylesheet
from .config import homepage_config, text_flag
from .diagnostics import warn
from .frontmatter import FrontMatter, front_matter
from .images import ResponsiveImage, describe_image, picture_html, register_image
from .priorities import PRIORITY
from .safehtml import HTML_FIELD
from .sitefiles import OutsideTheSite, note_file_dependency, site_file, site_folders, static_folders
from .urls import url_scheme

ALIGNMENTS = ("right", "left", "center")
#: The ``profile`` keys al-folio reads (``address`` is the older name of ``more_info``; ``title``, the line under
#: the photo, is its forks').
PROFILE_KEYS = ("align", "image", "image_circular", "title", "more_info", "address")
#: How wide the photo is drawn (profile.css): 30% of the ~900px column on wide screens; on phones the column
#: (the viewport less 1rem of padding each side), at most 20rem.
PHOTO_SIZES = "(min-width: 960px) 270px, (min-width: 576px) 30vw, (min-width: 352px) 20rem, calc(100vw - 2rem)"
#: al-folio keeps photos in assets/img; a site copied from al-folio keeps working.
ALFOLIO_IMAGE_DIR = "assets/img"

_HTML_MARKUP = re.compile(r"<[A-Za-z!/]|&#?\w+;")


@dataclass
class ProfileSettings:
    """What a card shows, once every value has been checked."""

    align: str = "right"
    circular: bool = False
    image: str | None = None
    #: (docname, line) of the image's name, for the warning when the file is missing.
    image_location: Any = None
    alt: str = ""
    #: the line under the photo, shown as text
    title: str | None = None
    more_info_html: str | None = None


# -- Configuration ---------------------------------------------------------------------


def owner_name(config: Config) -> str:
    """The name the home page is headed with: ``homepage_owner_name``, else ``author``, else ``project``."""
    for candidate in (homepage_config(config).owner_name, config.author, config.project):
        if isinstance(candidate, str) and candidate.strip():
            return candidate.strip()
    return ""


# -- al-folio front matter ---------------------------------------------------------------


def is_about_page(front: FrontMatter) -> bool:
    """A page laid out like al-folio's ``about``: the owner's name, subtitle and profile card on top."""
    return front.get("layout") == "about" or front.has("profile")


def read_profile(front: FrontMatter, alt: str) -> ProfileSettings | None:
    """The card described by ``profile:``, or None when there is none; each bad value warns once."""
    if not front.has("profile"):
        return None
    profile = front.get("profile")
    if not isinstance(profile, dict):
        what = "empty" if profile is None else f"{_describe(profile)}, not a mapping of keys"
        warn(f"front matter 'profile' is {what}; no profile card is shown", "frontmatter", front.location("profile"))
        return None
    front.warn_unknown_keys("profile", PROFILE_KEYS)
    settings = ProfileSettings(alt=alt)

    align = _text(front, "profile.align")
    if align is not None:
        # As in al-folio, anything but "left" (and our "center") floats right.
        align = {"centre": "center"}.get(align.lower(), align.lower())
        settings.align = align if align in ALIGNMENTS else "right"

    settings.circular = front.flag("profile.image_circular", False)

    settings.image = _text(front, "profile.image")
    settings.image_location = front.location("profile.image")
    title = _text(front, "profile.title", blank_is_unset=True)
    settings.title = title.strip() if title is not None else None

    more_info = _text(front, "profile.more_info", blank_is_unset=True)
    address = _text(front, "profile.address", blank_is_unset=True)
    if more_info is not None and address is not None:
        warn(
            "front matter has both 'profile.more_info' and its older name 'profile.address'; showing more_info",
            "frontmatter",
            front.location("profile.address"),
        )
    settings.more_info_html = more_info if more_info is not None else address
    return settings


def read_subtitle(front: FrontMatter) -> str | None:
    """``subtitle``, else ``description`` (al-folio's two names for the line under the heading).

    An empty or null subtitle is al-folio's template default (``subtitle:``), so it is not a mistake.
    """
    for key in ("subtitle", "description"):
        value = front.get(key)
        if value is None:
            continue
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            value = str(value)
        if not isinstance(value, str):
            warn(
                f"front matter {key!r} should be text, not {_describe(value)}; it is not shown",
                "frontmatter",
                front.location(key),
            )
            continue
        if value.strip():
            return value.strip()
    return None


def _text(front: FrontMatter, key: str, blank_is_unset: bool = False) -> str | None:
    """A text value of the front matter; null, empty and non-text values warn and give None.

    ``blank_is_unset``: null, empty or only HTML comments is no value, silently. al-folio's template writes
    ``more_info: >`` (or ``address:``) followed by its example lines commented out, and shows nothing for it.
    """
    if not front.has(key):
        return None
    value = front.get(key)
    location = front.location(key)
    if value is None:
        if blank_is_unset:
            return None
        warn(f"front matter {key!r} is empty (null); it is ignored", "frontmatter", location)
        return None
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        value = str(value)
    if not isinstance(value, str):
        warn(f"front matter {key!r} should be text, not {_describe(value)}; it is ignored", "frontmatter", location)
        return None
    visible = re.sub(r"<!--.*?-->", "", value, flags=re.S) if blank_is_unset else value
    if not visible.strip():
        if blank_is_unset:
            return None
        warn(f"front matter {key!r} is empty; it is ignored", "frontmatter", location)
        return None
    return value.strip()


def _describe(value: Any) -> str:
    if isinstance(value, str):
        return repr(value)
    if isinstance(value, bool):
        return str(value).lower()
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    return repr(value)


# -- The photo ----------------------------------------------------------------------------


def find_image(env: BuildEnvironment, docname: str, name: str) -> tuple[Path | None, list[str]]:
    """The file ``name`` stands for, and the folders looked in (for the warning when it is in none).

    Like Sphinx's image directive, ``/x.png`` is relative to the source folder and ``x.png`` to
    the page; like al-folio, a bare name is also looked for in the static folders and ``assets/img``.
    Raises :class:`~sphinx_academic_homepage.sitefiles.OutsideTheSite` for a name that leads out of the site.
    """
    srcdir = Path(env.srcdir)
    if name.startswith("/"):
        folders = [srcdir]
        name = name.lstrip("/")
    else:
        page_dir = Path(env.doc2path(docname)).parent
        static_dirs = [folder for folder in static_folders(env) if folder != STATIC_DIR]
        folders = [page_dir, *static_dirs, srcdir / ALFOLIO_IMAGE_DIR]
    seen = []
    site = site_folders(env)
    for folder in folders:
        if folder in seen:
            continue
        seen.append(folder)
        candidate = site_file(folder / name, site)
        if candidate is not None:
            return candidate, []
    return None, [_display_dir(folder, srcdir) for folder in seen]


def _display_dir(folder: Path, srcdir: Path) -> str:
    try:
        relative = folder.resolve().relative_to(srcdir.resolve()).as_posix()
    except ValueError:
        return str(folder)
    return "the source folder" if relative == "." else relative + "/"


def load_photo(env: BuildEnvironment, docname: str, name: str, location: Any) -> ResponsiveImage | None:
    """The photo with its responsive copies registered for the build, or None (after one warning)."""
    if url_scheme(name):
        warn(
            f"profile image {name!r} is a URL; name a file of the site instead (served and resized with it, "
            "no request to another site); no photo is shown",
            "image",
            location,
        )
        return None
    try:
        path, looked_in = find_image(env, docname, name)
    except OutsideTheSite as error:
        warn(f"profile image {name!r} {error}; no photo is shown", "image", location)
        return None
    if path is None:
        # The page is read again once the photo is added, and picks it up.
        note_file_dependency(env, Path(env.doc2path(docname)).parent / name.lstrip("/"))
        warn(f"profile image {name!r} not found (looked in {', '.join(looked_in)}); no photo is shown", "image", location)
        return None
    try:
        image = describe_image(path)
    except OSError as error:
        env.note_dependency(str(path))
        warn(f"profile image {name!r} could not be read as an image ({error}); no photo is shown", "image", location)
        return None
    register_image(env, docname, image)
    return image


# -- Nodes --------------------------------------------------------------------------------


class profile_card(nodes.General, nodes.Element):  # noqa: N801 - docutils names nodes in lower case
    """The card: ``align``, ``circular``, ``photo`` (a ResponsiveImage or None), ``alt``; children: more info."""


class profile_more_info(nodes.General, nodes.Element):  # noqa: N801
    """The lines under the photo."""


def build_card(settings: ProfileSettings, photo: ResponsiveImage | None) -> profile_card:
    card = profile_card(align=settings.align, circular=settings.circular, photo=photo, alt=settings.alt)
    if settings.title:
        card += nodes.paragraph(settings.title, settings.title, classes=["homepage-profile__title"])
    if settings.more_info_html is not None:
        more_info = profile_more_info()
        more_info += nodes.raw("", settings.more_info_html, format="html")
        card += more_info
    return card


def visit_profile_card_html(self, node: profile_card) -> None:
    classes = ["homepage-profile", f"homepage-profile--{node['align']}"]
    if node["circular"]:
        classes.append("homepage-profile--circular")
    classes.extend(node["classes"])
    self.body.append(f'<div class="{html.escape(" ".join(classes))}">\n')
    photo: ResponsiveImage | None = node["photo"]
    if photo is not None:
        # The page's largest image, above the fold: fetched first, never lazily.
        attributes = (
            f'class="homepage-profile__photo" alt="{html.escape(node["alt"])}" '
            'loading="eager" fetchpriority="high" decoding="async"'
        )
        self.body.append(picture_html(photo, self.builder.imgpath + "/", PHOTO_SIZES, attributes))


def depart_profile_card_html(self, node: profile_card) -> None:
    self.body.append("</div>\n")


def visit_more_info_html(self, node: profile_more_info) -> None:
    self.body.append('<div class="homepage-profile__more-info">\n')


def depart_more_info_html(self, node: profile_more_info) -> None:
    self.body.append("</div>\n")


def _plain_card_for_other_builders(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """Builders other than HTML keep the card's text (the more-info lines) and drop the photo."""
    if app.builder.format == "html":
        return
    for node in list(doctree.findall(profile_more_info)):
        node.replace_self(node.children)
    for node in list(doctree.findall(profile_card)):
        node.replace_self(node.children)


# -- The directive ----------------------------------------------------------------------------


def _align_option(value: str | None) -> str:
    return (value or "").strip().lower()


class ProfileDirective(SphinxDirective):
    """``profile [image]``: the card at this place of the page; the body gives the more-info lines."""

    optional_arguments = 1
    final_argument_whitespace = True
    has_content = True
    option_spec = {
        "align": _align_option,
        "circular": directives.unchanged,
        "alt": directives.unchanged,
        "class": directives.class_option,
    }

    def run(self) -> list[nodes.Node]:
        location = self.get_location()
        settings = ProfileSettings(alt=self.options.get("alt", owner_name(self.config)))
        align = self.options.get("align")
        if align:
            if align in ALIGNMENTS:
                settings.align = align
            else:
                warn(f"profile: align should be left, right or center, not {align!r}; using right", "profile", location)
        if "circular" in self.options:
            settings.circular = self._circular(location)

        photo = None
        if self.arguments:
            photo = load_photo(self.env, self.env.docname, self.arguments[0].strip(), location)
        elif not self.content:
            warn("profile: give a photo, more-info lines, or both", "profile", location)

        card = build_card(settings, photo)
        card["classes"].extend(self.options.get("class", []))
        self.set_source_info(card)
        if self.content:
            more_info = profile_more_info()
            self.state.nested_parse(self.content, self.content_offset, more_info)
            card += more_info
        return [card]

    def _circular(self, location: Any) -> bool:
        value = (self.options["circular"] or "").strip().lower()
        if not value:
            return True  # a flag option, given without a value
        circular = text_flag(value)
        if circular is not None:
            return circular
        warn(f"profile: circular takes no value (or true/false), not {value!r}; not circular", "profile", location)
        return False


# -- Front matter to page --------------------------------------------------------------------

#: On a page headed by the owner's name: the front matter title, which labels the page in the navigation.
NAV_LABEL = "homepage_nav_label"


class ProfileFromFrontMatter(SphinxTransform):
    """An al-folio about page: the owner's name as heading, the subtitle, then the card, then the body."""

    default_priority = 500

    def apply(self, **kwargs: Any) -> None:
        front = front_matter(self.env, self.env.docname)
        if not is_about_page(front):
            return
        name = owner_name(self.config)
        settings = read_profile(front, alt=name)
        subtitle = read_subtitle(front)

        section = _titled_section(self.document)
        if section is None and name:
            section = self._owner_section(name, front)
        if section is not None:
            container, position = section, 1  # after the section's title
        else:
            container, position = self.document, _body_start(self.document)

        added: list[nodes.Node] = []
        if subtitle is not None:
            node = _subtitle_node(subtitle)
            key = "subtitle" if subtitle == _stripped(front.get("subtitle")) else "description"
            _mark_html_field(node, front, key, str(self.env.doc2path(self.env.docname)))
            added.append(node)
        if settings is not None:
            photo = None
            if settings.image is not None:
                photo = load_photo(self.env, self.env.docname, settings.image, settings.image_location)
            card = build_card(settings, photo)
            card.source, card.line = str(self.env.doc2path(self.env.docname)), front.location("profile")[1]
            key = "profile.more_info" if settings.more_info_html == _stripped(front.get("profile.more_info")) else "profile.address"
            _mark_html_field(card, front, key, card.source)
            added.append(card)
        container[position:position] = added

    def _owner_section(self, name: str, front: FrontMatter) -> nodes.section:
        """Wrap the whole page in a section headed by the owner's name, as al-folio's about layout does."""
        section = nodes.section()
        section += nodes.title(name, name)
        # The front matter's docinfo stays first in the document, where Sphinx takes it out as metadata.
        start = _body_start(self.document)
        body = self.document.children[start:]
        del self.document.children[start:]
        section.extend(body)
        self.document += section
        section["names"].append(nodes.fully_normalize_name(name))
        self.document.note_implicit_target(section, section)
        title = front.get("title")
        if isinstance(title, str) and title.strip():
            # The <title> and the navigation say what the page is ("about"); the heading says whose site it is.
            self.document["title"] = title.strip()
            self.document[NAV_LABEL] = title.strip()
        return section


def _stripped(value: Any) -> str | None:
    return value.strip() if isinstance(value, str) else None


def _mark_html_field(node: nodes.Element, front: FrontMatter, key: str, source: str) -> None:
    """Mark the raw HTML of an al-folio HTML field, so :mod:`.safehtml` checks it and names its line."""
    for raw in node.findall(nodes.raw):
        raw[HTML_FIELD] = key
        raw.source, raw.line = source, front.location(key)[1]


def _body_start(document: nodes.document) -> int:
    """The index of the first child after the docinfo (myst-parser's front matter), if any."""
    for index, child in enumerate(document.children):
        if isinstance(child, nodes.docinfo):
            return index + 1
        if not isinstance(child, nodes.PreBibliographic):
            break
    return 0


def _titled_section(document: nodes.document) -> nodes.section | None:
    """The page's own top-level section when the page starts with its own heading."""
    for child in document.children[_body_start(document):]:
        if isinstance(child, (nodes.PreBibliographic, nodes.target, nodes.substitution_definition)):
            continue
        if isinstance(child, nodes.raw) and child.astext().strip().startswith("<!--"):
            continue
        return child if isinstance(child, nodes.section) else None
    return None


def _subtitle_node(subtitle: str) -> nodes.Element:
    if _HTML_MARKUP.search(subtitle):
        holder = nodes.container(classes=["homepage-subtitle"])
        holder += nodes.raw("", subtitle, format="html")
        return holder
    return nodes.paragraph(subtitle, subtitle, classes=["homepage-subtitle"])


def _label_page_in_navigation(app: Sphinx, doctree: nodes.document) -> None:
    """Name the page by its front matter title wherever Sphinx would use its first heading.

    Runs after Sphinx's title and toctree collectors (priority 500), which took the heading, the owner's name.
    """
    label = doctree.get(NAV_LABEL)
    if not label:
        return
    env = app.env
    docname = env.current_document.docname
    env.titles[docname] = nodes.title(label, label)
    toc = env.tocs.get(docname)
    if toc is None:
        return
    for reference in toc.findall(nodes.reference):
        if not reference.get("anchorname"):  # the entry of the page itself, not of one of its sections
            reference[:] = [nodes.Text(label)]
            break


def setup_profile(app: Sphinx) -> None:
    app.add_node(profile_card, html=(visit_profile_card_html, depart_profile_card_html))
    app.add_node(profile_more_info, html=(visit_more_info_html, depart_more_info_html))
    app.add_directive("profile", ProfileDirective)
    app.add_transform(ProfileFromFrontMatter)
    app.connect("doctree-resolved", _plain_card_for_other_builders)
    app.connect("doctree-read", _label_page_in_navigation, priority=PRIORITY.label_page_in_navigation)
    add_stylesheet(app, "profile.css")
