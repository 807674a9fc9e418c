"""al-folio's ``_config.yml`` and ``_data/socials.yml`` as this site's settings (``conf.py`` assignments).

Each key read is noted in the migration notes as carried or changed; keys that name a part of al-folio this site
has no counterpart for (analytics, comments, the theme's colours) are not listed one by one: ``MIGRATION.md``
says the rest of ``_config.yml`` was left out, and names the settings a reader would look for.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from ..social import ALIASES, PLATFORMS
from .migration import MigrationLog
from .source import SourceTree

CONFIG = "_config.yml"
SOCIALS = "_data/socials.yml"
#: The blog's defaults here, which are al-folio's: a setting equal to one is not written.
_DEFAULT_PERMALINK = "/blog/:year/:title/"
_DEFAULT_PER_PAGE = 10
#: Keys of ``_config.yml`` with a counterpart a reader would look for, which this site gives another way.
_NO_SETTING = {
    "enable_darkmode": "the theme always offers a light and a dark mode (its switch in the navbar)",
    "google_analytics": "this site loads nothing from other hosts",
    "disqus_shortname": "this site loads nothing from other hosts (no comments widget)",
    "giscus": "this site loads nothing from other hosts (no comments widget)",
    "description": "each page's meta description is its own front matter's `description`, or its first words",
    "keywords": "search engines no longer read a keywords tag",
    "icon": "the tab's icon is `html_favicon` in `conf.py`, an image file",
    "footer_text": "the theme writes the footer",
    "last_updated": "the extension shows when a page last changed",
    "search_enabled": "the theme's search is always there",
}


def _text(value: Any) -> str:
    return "" if value is None else str(value).strip()


def _names(value: Any) -> list[str]:
    if isinstance(value, (list, tuple)):
        return [_text(item) for item in value if _text(item)]
    return [_text(value)] if _text(value) else []


def owner_name(config: Mapping[str, Any]) -> str:
    """The owner's full name as al-folio writes it in the navbar: first, middle and last name."""
    return " ".join(_text(config.get(key)) for key in ("first_name", "middle_name", "last_name") if _text(config.get(key)))


def site_values(config: Mapping[str, Any]) -> dict[str, str]:
    """``_config.yml``'s text values, for the ``{{ site.<key> }}`` a page writes; ``baseurl`` is the site's root."""
    values = {key: _text(value) for key, value in config.items() if isinstance(value, (str, int, float)) and not isinstance(value, bool)}
    values["baseurl"] = ""
    return values


def base_path(config: Mapping[str, Any]) -> str:
    """``baseurl``, the site's sub-path (``/al-folio``), without a closing slash; ``""`` at a host's root."""
    base = _text(config.get("baseurl")).strip("/")
    return f"/{base}" if base else ""


def html_baseurl(config: Mapping[str, Any]) -> str:
    url = _text(config.get("url")).rstrip("/")
    if not url.startswith(("https://", "http://")):
        return ""
    base = _text(config.get("baseurl")).strip("/")
    return f"{url}/{base}/" if base else f"{url}/"


def author_names(config: Mapping[str, Any], log: MigrationLog) -> list[str]:
    """``scholar: last_name/first_name`` as full names (every first name with every last name), and the owner's.

    al-folio's template names Albert Einstein there; a site that never changed it still has its owner's name
    highlighted here, which al-folio would not have done: that is said in the notes.
    """
    scholar = config.get("scholar") if isinstance(config.get("scholar"), Mapping) else {}
    lasts, firsts = _names(scholar.get("last_name")), _names(scholar.get("first_name"))
    names = [f"{first} {last}" for last in lasts for first in firsts] or lasts
    if names:
        log.carried(CONFIG, "`scholar:` `last_name`/`first_name` -> `homepage_author_names`")
    owner = owner_name(config)
    if owner and not any(_text(config.get("last_name")) in name for name in names):
        names.insert(0, owner)
        if lasts:
            log.changed(CONFIG, "`homepage_author_names` starts with your name, which `scholar:` does not give")
    return names


def _social_value(key: str, value: Any, where: str, log: MigrationLog) -> tuple[str, Any] | None:
    if isinstance(value, Mapping):
        if not _text(value.get("url")):
            log.left_out(where, f"`{key}`: a custom profile without a `url`")
            return None
        entry = {"url": _text(value["url"]), "title": _text(value.get("title")) or key}
        if value.get("logo"):
            log.changed(where, f"`{key}`: its `logo` is not shown (the icon of a link is used): no image from another host")
        return key, entry
    if value is None or value is False or _text(value) == "":
        return None
    if key in ALIASES:
        log.changed(where, f"`{key}` written as `{ALIASES[key]}`, the key that replaced it")
        key = ALIASES[key]
    if key not in PLATFORMS:
        log.left_out(where, f"`{key}`: a profile this site has no icon for")
        return None
    return key, True if value is True else _text(value)


def social_setting(source: SourceTree, config: Mapping[str, Any], log: MigrationLog, has_feed: bool) -> dict[str, Any]:
    """``homepage_social``: ``_data/socials.yml`` in its order, else the profiles written inline in ``_config.yml``.

    ``rss_icon`` links the site's feed, which this site writes only for posts or news (``has_feed``).
    """
    socials = source.yaml(SOCIALS) if source.is_file(SOCIALS) else None
    where, entries = (SOCIALS, socials) if isinstance(socials, Mapping) else (CONFIG, config)
    social: dict[str, Any] = {}
    for key, value in entries.items():
        key = str(key)
        if where == CONFIG and key not in PLATFORMS and key not in ALIASES:
            continue  # the rest of _config.yml is not about profiles
        found = _social_value(key, value, where, log)
        if found and found[0] == "rss_icon" and not has_feed:
            log.left_out(where, "`rss_icon`: this site writes a feed of its posts or news, and it has neither")
        elif found:
            social[found[0]] = found[1]
    if social:
        log.carried(where, f"the profiles ({', '.join(f'`{key}`' for key in social)}) -> `homepage_social` in `conf.py`")
    return social


def _scholar_limit(config: Mapping[str, Any]) -> Any:
    scholar = config.get("scholar") if isinstance(config.get("scholar"), Mapping) else {}
    return config.get("max_author_limit", scholar.get("max_author_limit"))


def blog_settings(config: Mapping[str, Any], log: MigrationLog) -> dict[str, Any]:
    settings: dict[str, Any] = {}
    permalink = _text(config.get("permalink"))
    if permalink and permalink != _DEFAULT_PERMALINK and ":" in permalink:
        settings["homepage_blog_permalink"] = permalink
        log.carried(CONFIG, f"`permalink: {permalink}` -> `homepage_blog_permalink`")
    pagination = config.get("pagination") if isinstance(config.get("pagination"), Mapping) else {}
    per_page = pagination.get("per_page")
    if isinstance(per_page, int) and not isinstance(per_page, bool) and per_page > 0 and per_page != _DEFAULT_PER_PAGE:
        settings["homepage_blog_per_page"] = per_page
        log.carried(CONFIG, f"`pagination.per_page: {per_page}` -> `homepage_blog_per_page`")
    return settings


def limits(config: Mapping[str, Any], log: MigrationLog) -> dict[str, Any]:
    """``max_author_limit`` and the news limit, when they are numbers."""
    settings: dict[str, Any] = {}
    for key, setting in (("max_author_limit", "homepage_max_author_limit"), ("news_limit", "homepage_news_limit")):
        value = _scholar_limit(config) if key == "max_author_limit" else config.get(key)
        if isinstance(value, int) and not isinstance(value, bool) and value > 0:
            settings[setting] = value
            log.carried(CONFIG, f"`{key}: {value}` -> `{setting}`")
    return settings


def language(config: Mapping[str, Any], log: MigrationLog) -> dict[str, Any]:
    """``lang`` -> ``language``, when it is not English (the frame's default)."""
    lang = _text(config.get("lang"))
    if not lang or lang == "en":
        return {}
    log.carried(CONFIG, f"`lang: {lang}` -> `language`")
    return {"language": lang}


def note_settings_without_counterpart(config: Mapping[str, Any], log: MigrationLog) -> None:
    for key, why in _NO_SETTING.items():
        if key in config and config[key] not in (None, False, ""):
            log.left_out(CONFIG, f"`{key}`: {why}")
    log.left_out(CONFIG, "the other settings (the theme's, Jekyll's, plugins'): this site's `conf.py` has its own")
