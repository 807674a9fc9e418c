"""Social links: the owner's profiles, listed once in ``conf.py``, shown as a row of icons.

``homepage_social`` is al-folio's ``_data/socials.yml`` written as a Python dict: the
same keys (``scholar_userid``, ``github_username``, ...), in the order the icons
appear, plus custom entries with a ``url``, ``title`` and ``icon``. It is checked
once, on ``config-inited``; a bad entry warns (``homepage.social``, with its line in
``conf.py``) and is left out, the others stay.

The row appears where a page has the ``social-links`` directive, and at the very
end of any page whose front matter says ``social: true`` (al-folio's about page),
below everything else, including what other handlers append. With
``homepage_social_navbar = True`` the same entries also become pydata-sphinx-theme's
navbar ``icon_links``, so there is one list to keep up to date; a site whose own
``navbar_end`` leaves out the theme's ``navbar-icon-links`` gets it added at the end.

Every icon is inline SVG (:mod:`.social_icons`), so the row costs no
request; every link is named for screen readers ("Google Scholar") and links to
the owner's own accounts carry ``rel="me"``, which Mastodon and IndieAuth read
as proof that the accounts and this site belong to the same person.
"""

from __future__ import annotations

import html
import posixpath
import re
from dataclasses import dataclass, replace
from functools import partial
from pathlib import Path
from typing import Any, NamedTuple
from urllib.parse import quote

from docutils import nodes
from docutils.parsers.rst import directives
from sphinx import addnodes
from sphinx.application import Sphinx
from sphinx.config import Config
from sphinx.environment import BuildEnvironment
from sphinx.transforms import SphinxTransform
from sphinx.util.docutils import SphinxDirective
from sphinx.util.osutil import relative_uri

from .assets import add_stylesheet
from .atom import site_feed
from .config import BOOLEAN, SettingSource, homepage_config
from .diagnostics import ConfLines, warn
from .frontmatter import front_matter, nearest_key
from .node_kinds import holds
from .priorities import PRIORITY
from .sitefiles import static_folders_of
from .social_icons import ICONS, NAVBAR_STAND_INS
from .urls import is_disguised_host, is_external_url, is_network_path, is_safe_url, is_site_path, url_scheme

#: The link a custom entry gets when it names no icon.
DEFAULT_ICON = "link"
IMAGE_SUFFIXES = (".svg", ".png", ".jpg", ".jpeg", ".gif", ".webp")
ALIGNMENTS = ("center", "left", "right")


@dataclass(frozen=True)
class Platform:
    """A service al-folio knows: its key in ``socials.yml``, its name, its profile URL and icon."""

    key: str
    title: str
    #: ``{}`` stands for the (URL-quoted) value; ``None``: the value is the URL itself.
    url: str | None
    icon: str
    #: The link is one of the owner's own accounts (``rel="me"``), not a feed, file or chat invitation.
    identity: bool = True


# The keys, URL patterns and order of al-folio's socials (the jekyll-socials plugin al-folio uses, and
# the older _config.yml keys), with names written as the services write them. Weibo, Zhihu and Bilibili,
# which Chinese academics link and al-folio has no key for, have keys of the same form.
PLATFORMS: dict[str, Platform] = {
    platform.key: platform
    for platform in (
        Platform("email", "Email", "mailto:{}", "envelope"),
        Platform("academia_edu", "Academia.edu", "https://{organization}.academia.edu/{username}", "building-columns"),
        Platform("acm_id", "ACM Digital Library", "https://dl.acm.org/profile/{}/", "book"),
        Platform("arxiv_id", "arXiv", "https://arxiv.org/a/{}.html", "arxiv"),
        Platform("bilibili_id", "Bilibili", "https://space.bilibili.com/{}", "bilibili"),
        Platform("blogger_url", "Blogger", None, "blogger-b"),
        Platform("bluesky_url", "Bluesky", "https://bsky.app/profile/{}", "bluesky"),
        Platform("cv_pdf", "CV", None, "file-pdf", identity=False),
        Platform("dblp_url", "DBLP", None, "dblp"),
        Platform("discord_id", "Discord", "https://discord.com/users/{}", "discord"),
        Platform("facebook_id", "Facebook", "https://facebook.com/{}", "facebook"),
        Platform("flickr_id", "Flickr", "https://www.flickr.com/{}", "flickr"),
        Platform("github_username", "GitHub", "https://github.com/{}", "github"),
        Platform("gitlab_username", "GitLab", "https://gitlab.com/{}", "gitlab"),
        Platform("hal_id", "HAL", "https://cv.hal.science/{}", "box-archive"),
        Platform("ieee_id", "IEEE Xplore", "https://ieeexplore.ieee.org/author/{}/", "microchip"),
        Platform("inspirehep_id", "INSPIRE-HEP", "https://inspirehep.net/authors/{}", "inspire"),
        Platform("instagram_id", "Instagram", "https://instagram.com/{}", "instagram"),
        Platform("kaggle_id", "Kaggle", "https://www.kaggle.com/{}", "kaggle"),
        Platform("keybase_username", "Keybase", "https://keybase.io/{}", "keybase"),
        Platform("lastfm_id", "Last.fm", "https://www.last.fm/user/{}", "lastfm"),
        Platform("lattes_id", "Lattes", "https://lattes.cnpq.br/{}", "id-card"),
        Platform("leetcode_id", "LeetCode", "https://leetcode.com/u/{}/", "leetcode"),
        Platform("letterboxd_id", "Letterboxd", "https://letterboxd.com/{}", "letterboxd"),
        Platform("linkedin_username", "LinkedIn", "https://www.linkedin.com/in/{}", "linkedin"),
        Platform("mastodon_username", "Mastodon", "https://{}", "mastodon"),
        Platform("medium_username", "Medium", "https://medium.com/@{}", "medium"),
        Platform("orcid_id", "ORCID", "https://orcid.org/{}", "orcid"),
        Platform("osf_id", "Open Science Framework", "https://osf.io/{}/", "lock-open"),
        Platform("pinterest_id", "Pinterest", "https://www.pinterest.com/{}", "pinterest"),
        Platform("publons_id", "Publons", "https://publons.com/a/{}/", "clipboard-check"),
        Platform("quora_username", "Quora", "https://www.quora.com/profile/{}", "quora"),
        Platform("reddit_username", "Reddit", "https://www.reddit.com/user/{}", "reddit"),
        Platform("research_gate_profile", "ResearchGate", "https://www.researchgate.net/profile/{}/", "researchgate"),
        Platform("rss_icon", "RSS feed", None, "square-rss", identity=False),
        Platform("scholar_userid", "Google Scholar", "https://scholar.google.com/citations?user={}", "google-scholar"),
        Platform("scopus_id", "Scopus", "https://www.scopus.com/authid/detail.uri?authorId={}", "magnifying-glass"),
        Platform("semanticscholar_id", "Semantic Scholar", "https://www.semanticscholar.org/author/{}", "semantic-scholar"),
        Platform("spotify_id", "Spotify", "https://open.spotify.com/user/{}", "spotify"),
        Platform("stackoverflow_id", "Stack Overflow", "https://stackoverflow.com/users/{}", "stack-overflow"),
        Platform("strava_userid", "Strava", "https://www.strava.com/athletes/{}", "strava"),
        Platform("telegram_username", "Telegram", "https://telegram.me/{}", "telegram"),
        Platform("tiktok_username", "TikTok", "https://www.tiktok.com/@{}", "tiktok"),
        Platform("tumblr_username", "Tumblr", "https://{}.tumblr.com", "tumblr"),
        Platform("twitch_username", "Twitch", "https://www.twitch.tv/{}", "twitch"),
        Platform("unsplash_id", "Unsplash", "https://unsplash.com/@{}", "unsplash"),
        Platform("wechat_qr", "WeChat", None, "weixin", identity=False),
        Platform("wechat_username", "WeChat", "weixin://dl/chat?{}", "weixin", identity=False),
        Platform("weibo_id", "Weibo", "https://weibo.com/{}", "weibo"),
        Platform("whatsapp_number", "WhatsApp", "https://wa.me/{}", "whatsapp", identity=False),
        Platform("wikidata_id", "Wikidata", "https://www.wikidata.org/wiki/{}", "barcode"),
        Platform("wikipedia_id", "Wikipedia", "https://wikipedia.org/wiki/User:{}", "wikipedia-w"),
        Platform("work_url", "Work", None, "briefcase", identity=False),
        Platform("x_username", "X (Twitter)", "https://x.com/{}", "x-twitter"),
        Platform("youtube_id", "YouTube", "https://youtube.com/@{}", "youtube"),
        Platform("zhihu_id", "Zhihu", "https://www.zhihu.com/people/{}", "zhihu"),
        Platform("zotero_username", "Zotero", "https://www.zotero.org/{}", "book-bookmark"),
    )
}

#: Keys of older al-folio configs, read as the key that replaced them.
ALIASES: dict[str, str] = {"twitter_username": "x_username"}

#: Where al-folio's feed is; ``rss_icon: true`` links the feed this build writes instead (:func:`_with_site_feed`).
AL_FOLIO_FEED = "feed.xml"

# Keys whose value names a file of the site (served from html_static_path) rather than a remote profile.
_SITE_FILE_KEYS = frozenset({"cv_pdf", "wechat_qr"})
# Characters kept as they are when a user name or id goes into a URL pattern.
_URL_SAFE = "@/:+.-_~!$'()*,;=?&%"


@dataclass(frozen=True)
class SocialLink:
    """One resolved entry: everything a page needs to draw the link."""

    key: str
    title: str
    url: str
    #: A name in :data:`ICONS`, or the path of an image under the site's static folder.
    icon: str
    rel_me: bool = False
    #: ``url`` is a path inside the built site (``feed.xml``, ``_static/cv.pdf``), made relative on each page.
    on_site: bool = False
    #: al-folio's ``rss_icon: true``: the site's own feed, whichever the build writes (:func:`.atom.site_feed`).
    site_feed: bool = False

    @property
    def icon_is_image(self) -> bool:
        return self.icon.lower().endswith(IMAGE_SUFFIXES)


# -- Reading the setting -----------------------------------------------------------


def read_social_setting(
    value: Any, confdir: str | Path | None = None, static_dirs: list[Path] | None = None
) -> list[SocialLink]:
    """The links of ``homepage_social``, in order; each bad entry warns once and is left out.

    ``static_dirs`` (the folders of ``html_static_path``) are where icon images must be; None: not checked.
    A value that is neither a dict nor a list of pairs gives no links (in a build, :mod:`.config` has
    warned about it and the setting is then empty).
    """
    conf = ConfLines(confdir)
    if isinstance(value, dict):
        entries = list(value.items())
    elif isinstance(value, (list, tuple)) and all(isinstance(e, (list, tuple)) and len(e) == 2 for e in value):
        entries = [tuple(e) for e in value]
    else:
        return []
    links = []
    for key, entry in entries:
        # Located only when there is something to say: a search per entry would cost every entry a read of conf.py.
        where = partial(conf.entry, "homepage_social", str(key))
        link = _read_entry(str(key), entry, where)
        if link is not None and link.icon_is_image and static_dirs is not None:
            link = _with_existing_icon(link, static_dirs, where)
        if link is not None:
            links.append(link)
    return links


def _read_entry(key: str, entry: Any, where) -> SocialLink | None:
    # An empty value is how al-folio's _config.yml and socials.yml switch a service off: skip it quietly.
    if entry is None or entry is False or entry == "":
        return None
    platform = PLATFORMS.get(ALIASES.get(key, key))
    overrides: dict[str, Any] = {}
    if isinstance(entry, dict):
        overrides = entry
        if platform is None or key == "academia_edu":
            value = entry
        else:
            value = entry.get("value", entry.get(key))
    else:
        value = entry

    if platform is None:
        if not isinstance(entry, dict) or "url" not in entry:
            message = f"unknown social platform {key!r}"
            nearest = nearest_key(key, PLATFORMS)
            if nearest:
                message += f"; did you mean {nearest!r}?"
            else:
                message += "; a custom entry needs a dict with 'url', 'title' and 'icon'"
            warn(message + " (left out)", "social", where())
            return None
        return _custom_link(key, entry, where)

    url = _platform_url(platform, value, where)
    if url is None:
        return None
    title = overrides.get("title", platform.title)
    if not isinstance(title, str) or not title.strip():
        warn(f"social entry {key!r}: 'title' should be text; using {platform.title!r}", "social", where("title"))
        title = platform.title
    icon = _icon(key, overrides.get("icon", overrides.get("logo")), platform.icon, where)
    rel_me = _bool_option(key, overrides, "me", platform.identity, where)
    link = _link(platform.key, title, url, icon, rel_me)
    return replace(link, site_feed=True) if key == "rss_icon" and value is True else link


def _link(key: str, title: str, url: str, icon: str, rel_me: bool) -> SocialLink:
    # A relative URL names a file of the built site ("feed.xml", "/assets/cv.pdf"): relative to its root.
    on_site = is_site_path(url)
    return SocialLink(key, title.strip(), url.lstrip("/") if on_site else url, icon, rel_me=rel_me, on_site=on_site)


def _unsafe_url(key: str, url: str, where, *needles: str) -> bool:
    """True (after a warning) for a URL that is not http(s), mailto or relative: ``javascript:``, ``data:``...,
    or another host written as a path (``\\\\evil.example``)."""
    if is_safe_url(url):
        return False
    if is_disguised_host(url):
        reason = "which browsers read as the address of another site (//host), not a path of the site"
    else:
        reason = "which is not http(s), mailto or a path of the site"
    warn(f"social entry {key!r} has the URL {url!r}, {reason} (left out)", "social", where(*needles))
    return True


def _platform_url(platform: Platform, value: Any, where) -> str | None:
    key = platform.key
    if key == "rss_icon" and value is True:
        return AL_FOLIO_FEED  # the site's feed, found when pages are written
    if key == "academia_edu":
        if not isinstance(value, dict) or not all(isinstance(value.get(k), str) for k in ("organization", "username")):
            warn(
                "social entry 'academia_edu' should be a dict with 'organization' and 'username' (left out)",
                "social",
                where(),
            )
            return None
        return platform.url.format(
            organization=quote(value["organization"], safe=""), username=quote(value["username"], safe="")
        )
    if isinstance(value, bool) or not isinstance(value, (str, int)):
        warn(
            f"social entry {key!r} should be text (a user name, id or URL), not {_type_name(value)} (left out)",
            "social",
            where(),
        )
        return None
    value = str(value).strip()
    if not value:
        return None
    if platform.url is None or (key == "bluesky_url" and is_external_url(value)) or key == "rss_icon":
        # The value is the URL itself (al-folio's *_url keys, cv_pdf, rss_icon: a feed URL).
        if _unsafe_url(key, value, where):
            return None
        return _site_path(value) if key in _SITE_FILE_KEYS and is_site_path(value) else value
    if key == "email":
        return "mailto:" + quote(value.removeprefix("mailto:"), safe="@+.-_")
    return platform.url.format(quote(value.removeprefix("@") if key == "mastodon_username" else value, safe=_URL_SAFE))


def _site_path(value: str) -> str:
    """A file named by al-folio relative to its assets folder; here, relative to ``_static``."""
    value = value.lstrip("/")
    return value if value.startswith("_static/") else posixpath.join("_static", value)


def _custom_link(key: str, entry: dict[str, Any], where) -> SocialLink | None:
    url = entry["url"]
    if not isinstance(url, str) or not url.strip():
        warn(f"social entry {key!r}: 'url' should be text (left out)", "social", where("url"))
        return None
    url = url.strip()
    if _unsafe_url(key, url, where, "url"):
        return None
    title = entry.get("title")
    if not isinstance(title, str) or not title.strip():
        fallback = key.replace("_", " ").strip().capitalize()
        warn(f"social entry {key!r} has no 'title' (its accessible name); using {fallback!r}", "social", where())
        title = fallback
    icon = _icon(key, entry.get("icon", entry.get("logo")), DEFAULT_ICON, where)
    rel_me = _bool_option(key, entry, "me", False, where)
    return _link(key, title, url, icon, rel_me)


def _icon(key: str, requested: Any, default: str, where) -> str:
    """An icon name of :data:`ICONS` (al-folio's ``fa-brands fa-x`` classes accepted) or a static image path."""
    if requested is None:
        return default
    if isinstance(requested, str) and requested.strip():
        requested = requested.strip()
        if requested.lower().endswith(IMAGE_SUFFIXES):
            if url_scheme(requested) or is_network_path(requested):
                warn(
                    f"social entry {key!r}: the icon {requested!r} is on another site, which every visitor's "
                    f"browser would contact; save it under _static/ instead (using the {default!r} icon)",
                    "social",
                    where("icon", "logo"),
                )
                return default
            return _site_path(requested)
        # "fa-brands fa-github", "fab fa-github", "github" -> "github"; Academicons' "ai ai-dblp" -> "dblp"
        name = requested.split()[-1].removeprefix("fa-").removeprefix("ai-")
        if name in ICONS:
            return name
        if requested in PLATFORMS:
            return PLATFORMS[requested].icon
        hint = nearest_key(name, ICONS)
        warn(
            f"social entry {key!r}: unknown icon {requested!r}"
            + (f"; did you mean {hint!r}?" if hint else "")
            + f" (using {default!r})",
            "social",
            where("icon", "logo"),
        )
        return default
    warn(f"social entry {key!r}: 'icon' should be text (using {default!r})", "social", where("icon", "logo"))
    return default


def _with_existing_icon(link: SocialLink, static_dirs: list[Path], where) -> SocialLink:
    """The link, or (after a warning) the link with the default icon when its icon image is not in a static folder."""
    relative = link.icon.removeprefix("_static/")
    if any((folder / relative).is_file() for folder in static_dirs):
        return link
    default = PLATFORMS[link.key].icon if link.key in PLATFORMS else DEFAULT_ICON
    warn(
        f"social entry {link.key!r}: the icon {relative!r} is not in html_static_path (using {default!r})",
        "social",
        where("icon", "logo"),
    )
    return replace(link, icon=default)


def _bool_option(key: str, entry: dict[str, Any], option: str, default: bool, where) -> bool:
    value = entry.get(option, default) if isinstance(entry, dict) else default
    if BOOLEAN.accepts(value):
        return value
    warn(f"social entry {key!r}: {option!r} should be {BOOLEAN.expected} (using {default})", "social", where(option))
    return default


def _type_name(value: Any) -> str:
    names = {dict: "a dict", list: "a list", bool: "true/false", float: "a number", type(None): "nothing"}
    return names.get(type(value), type(value).__name__)


class SocialSetting(NamedTuple):
    """``homepage_social`` as read: its usable links, and whether it listed anything at all (if every entry
    was bad, each has had its warning already and pages asking for the links need not warn again)."""

    links: tuple[SocialLink, ...]
    given: bool


def read_social(setting: dict | list | tuple, source: SettingSource) -> SocialSetting:
    static_dirs = list(static_folders_of(source.confdir, source.config.html_static_path))
    links = read_social_setting(setting, source.confdir, static_dirs)
    return SocialSetting(tuple(links), given=bool(setting) or source.replaced)


def social_links(config: Config) -> tuple[SocialLink, ...]:
    """The links read from ``homepage_social`` when the configuration was loaded."""
    return homepage_config(config).social.links


def _links_in_navbar(app: Sphinx, config: Config) -> None:
    if homepage_config(config).social_navbar:
        _feed_navbar_icon_links(config, social_links(config))


def _feed_navbar_icon_links(config: Config, links: list[SocialLink]) -> None:
    """The same entries as pydata-sphinx-theme ``icon_links`` (icons there come from the theme's own font)."""
    theme_options = dict(config.html_theme_options or {})
    icon_links = list(theme_options.get("icon_links", []))
    for link in links:
        if link.on_site:
            continue  # icon_links' URLs are used as written, so a site path would break below the root page.
        attributes = {"rel": "me noopener"} if link.rel_me else {}
        # The theme's template writes names and URLs into its HTML as they are: escaped here.
        name, url = html.escape(link.title), html.escape(link.url)
        if link.icon_is_image:
            entry = {"name": name, "url": url, "icon": link.icon, "type": "local"}
        else:
            icon = NAVBAR_STAND_INS.get(link.icon, link.icon)
            entry = {"name": name, "url": url, "icon": f"fa-{ICONS[icon][0]} fa-{icon}", "type": "fontawesome"}
        if attributes:
            entry["attributes"] = attributes
        icon_links.append(entry)
    theme_options["icon_links"] = icon_links
    _give_icon_links_a_slot(theme_options)
    config.html_theme_options = theme_options


#: pydata-sphinx-theme's navbar slots, each a list of templates (or a comma-separated string of them).
NAVBAR_SLOTS = ("navbar_start", "navbar_center", "navbar_end", "navbar_persistent")
ICON_LINKS_TEMPLATE = "navbar-icon-links"


def _templates(value: Any) -> list[str]:
    if isinstance(value, str):
        return [name.strip() for name in value.split(",") if name.strip()]
    return list(value or [])


def _give_icon_links_a_slot(theme_options: dict[str, Any]) -> None:
    """Put the theme's icon links at the end of the navbar when the site's own slots leave them out.

    The theme's default ``navbar_end`` holds them; a site that lists its own ``navbar_end`` (this one: the colour
    switch alone) drops them, and the entries added above would then be on no page.
    """
    if "navbar_end" not in theme_options:
        return
    if any(ICON_LINKS_TEMPLATE in _templates(theme_options.get(slot)) for slot in NAVBAR_SLOTS):
        return
    theme_options["navbar_end"] = [*_templates(theme_options["navbar_end"]), ICON_LINKS_TEMPLATE]


# -- The icon row --------------------------------------------------------------------


class social_links_node(nodes.General, nodes.Element):  # noqa: N801 - docutils names nodes in lower case
    """A row of social links; ``links`` holds :class:`SocialLink` values, ``align`` the row's alignment."""


def make_row(links: list[SocialLink], align: str = "center", classes: list[str] | None = None) -> social_links_node:
    return social_links_node(links=list(links), align=align, classes=list(classes or []))


def svg_icon(name: str) -> str:
    _, width, height, path = ICONS[name]
    return (
        f'<svg class="homepage-social__icon" viewBox="0 0 {width} {height}" aria-hidden="true" '
        f'focusable="false"><path d="{path}"/></svg>'
    )


def visit_social_links_html(self, node: social_links_node) -> None:
    classes = ["homepage-social", f"homepage-social--{node['align']}", *node["classes"]]
    page = self.builder.get_target_uri(self.builder.current_docname)
    self.body.append(
        f'<nav class="{html.escape(" ".join(classes))}" aria-label="Social links">\n<ul class="homepage-social__list">\n'
    )
    for link in node["links"]:
        href = relative_uri(page, link.url) if link.on_site else link.url
        rel = ' rel="me"' if link.rel_me else ""
        if link.icon_is_image:
            icon = (
                f'<img class="homepage-social__icon" src="{html.escape(relative_uri(page, link.icon))}" alt="" '
                'width="32" height="32" aria-hidden="true">'
            )
        else:
            icon = svg_icon(link.icon)
        title = html.escape(link.title)
        self.body.append(
            f'<li><a class="homepage-social__link" href="{html.escape(href)}"{rel} title="{title}">'
            f'{icon}<span class="homepage-social__label">{title}</span></a></li>\n'
        )
    self.body.append("</ul>\n</nav>\n")
    raise nodes.SkipNode


def plain_row(links: list[SocialLink]) -> nodes.Node:
    """The row for builders other than HTML: a list of named links."""
    items = nodes.bullet_list(classes=["homepage-social"])
    for link in links:
        paragraph = nodes.paragraph()
        paragraph += nodes.reference(link.title, link.title, refuri=link.url)
        items += nodes.list_item("", paragraph)
    return items




# -- Directive and front matter -----------------------------------------------------------


class SocialLinksDirective(SphinxDirective):
    """``social-links [key ...]``: the icon row, all of ``homepage_social`` or the entries named."""

    optional_arguments = 1
    final_argument_whitespace = True
    option_spec = {"align": directives.unchanged, "class": directives.class_option}

    def run(self) -> list[nodes.Node]:
        location = self.get_location()
        links = social_links(self.config)
        if self.arguments:
            by_key = {link.key: link for link in links}
            chosen = []
            for key in re.split(r"[\s,]+", self.arguments[0].strip()):
                if key in by_key:
                    chosen.append(by_key[key])
                    continue
                hint = nearest_key(key, by_key)
                warn(
                    f"social-links: {key!r} is not an entry of homepage_social"
                    + (f"; did you mean {hint!r}?" if hint else "")
                    + " (left out)",
                    "social",
                    location,
                )
            links = chosen
        elif not links:
            if not homepage_config(self.config).social.given:
                warn("social-links: homepage_social in conf.py lists no social links", "social", location)
            return []
        align = self.options.get("align", "center").strip() or "center"
        if align not in ALIGNMENTS:
            warn(f"social-links: align should be one of {', '.join(ALIGNMENTS)}, not {align!r}; using center", "social", location)
            align = "center"
        row = make_row(links, align, self.options.get("class"))
        self.set_source_info(row)
        return [row]


class social_row_at_page_end(nodes.Invisible, nodes.Element):  # noqa: N801 - docutils names nodes in lower case
    """Left at the end of a document whose front matter says ``social: true``: the row goes there, last.

    A node rather than a flag on the document: singlehtml (like latex and texinfo) inlines every document
    into the root document's tree, keeping each one's nodes in a ``start_of_file`` node but not the
    attributes of its ``document`` node, so a flag would be lost for every page but the root.
    """


class SocialFromFrontMatter(SphinxTransform):
    """al-folio's ``social: true``: remember to put the row at the end of the page once everything else is there."""

    default_priority = 500

    def apply(self, **kwargs: Any) -> None:
        front = front_matter(self.env, self.env.docname)
        if not front.flag("social", default=False):
            return
        if not social_links(self.config):
            if homepage_config(self.config).social.given:
                return  # the setting was given but nothing in it was usable: warned on reading it
            warn(
                "front matter 'social: true' asks for social links, but homepage_social in conf.py lists none",
                "social",
                front.location("social"),
            )
            return
        self.document += social_row_at_page_end()


def _pages_of(doctree: nodes.document) -> list[nodes.Element]:
    """The tree itself and, when the builder inlined other documents into it, each of those documents."""
    return [doctree, *(doctree.findall(addnodes.start_of_file) if holds(doctree, addnodes.start_of_file) else ())]


def _append_row_at_page_end(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    # doctree-resolved, late: after every other extension has added its sections, so the row is last.
    # singlehtml emits it once, for the root document's tree holding every page: each page that asked
    # gets its row at the end of its own part of that tree (the root's part ends the whole tree).
    for page in _pages_of(doctree):
        # An inlined page's top-level nodes still name its old document as their parent: search the
        # page's own children and remove through the page.
        markers = [child for child in page.children if isinstance(child, social_row_at_page_end)]
        for marker in markers:
            page.remove(marker)
        if markers:
            page += make_row(list(social_links(app.config)), "center", ["homepage-social--page-end"])
    # Worked out only for a page whose row has al-folio's rss_icon: this runs for every page written.
    shown = doctree.findall(social_links_node) if holds(doctree, social_links_node) else ()
    rows = [row for row in shown if any(link.site_feed for link in row["links"])]
    feed = site_feed(app) if rows else None
    for row in rows:
        row["links"] = _with_site_feed(row["links"], feed)
    if app.builder.format != "html":
        # Other builders have no visitor for the row: they get a plain list of named links.
        for row in list(doctree.findall(social_links_node)):
            row.replace_self(plain_row(row["links"]))


def _with_site_feed(links: list[SocialLink], feed: str | None) -> list[SocialLink]:
    """``rss_icon: true`` links the feed this build writes; without one it is left out (:func:`_check_site_feed`)."""
    return [
        replace(link, url=feed) if link.site_feed else link
        for link in links
        if not link.site_feed or feed is not None
    ]


def _check_site_feed(app: Sphinx, env: BuildEnvironment) -> None:
    """Once a build, when the pages are read: ``rss_icon: true`` with no feed to link."""
    if any(link.site_feed for link in social_links(app.config)) and site_feed(app) is None:
        warn(
            "social entry 'rss_icon' links the site's feed, but this site writes none (it has no blog posts and "
            "no news); left out",
            "social",
            ConfLines(app.confdir).entry("homepage_social", "rss_icon"),
        )


def setup_social(app: Sphinx) -> None:
    # After the settings are read (PRIORITY.read_settings), before Sphinx checks the theme's options.
    app.connect("config-inited", _links_in_navbar)
    app.add_node(social_links_node, html=(visit_social_links_html, None))
    app.add_node(social_row_at_page_end)
    app.add_directive("social-links", SocialLinksDirective)
    app.add_transform(SocialFromFrontMatter)
    app.connect("doctree-resolved", _append_row_at_page_end, priority=PRIORITY.social_row_at_page_end)
    app.connect("env-updated", _check_site_feed)
    add_stylesheet(app, "social.css")
