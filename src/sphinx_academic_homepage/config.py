"""The extension's settings: every ``homepage_*`` value of ``conf.py`` declared once, checked once, read one way.

Each field of :class:`HomepageConfig` is one setting (``owner_name`` is ``homepage_owner_name``); its metadata
holds what the setting is: when a change rebuilds (``env``: every page is read again; ``html``: pages are
written again), a one-line description (the README's table is made from it) and the check its value must pass.

One ``config-inited`` handler reads them all. A value that fails its check warns once (``homepage.config``,
at its line in ``conf.py``) and the default is used; a setting whose entries other modules understand (the
social links, the Person data, the navbar) then has them read by that module's reader, given to
:func:`setup_config`, which warns about each bad entry and leaves it out. Modules read the result, typed,
through :func:`homepage_config`; none reads ``config.homepage_*`` itself.

``python -m homepage.config`` prints the README's settings table.
"""

from __future__ import annotations

import weakref
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, fields, replace
from pathlib import Path
from typing import Any

from sphinx.application import Sphinx
from sphinx.config import Config
from sphinx.environment import BuildEnvironment

from .diagnostics import ConfLines, warn
from .priorities import PRIORITY

#: The prefix of every setting's name in ``conf.py``.
PREFIX = "homepage_"


# -- Checks: a test of a value's type, and how a message says what was expected ---------------------------------


@dataclass(frozen=True)
class Check:
    expected: str  # the end of "homepage_x should be ..."
    accepts: Callable[[Any], bool]


def _is_text_list(value: Any) -> bool:
    return isinstance(value, (list, tuple)) and all(isinstance(item, str) for item in value)


def is_positive_int(value: Any) -> bool:
    # bool is an int to Python, not to a reader: True is no number.
    return isinstance(value, int) and not isinstance(value, bool) and value > 0


#: How a yes or a no is written where values are text (a directive's option, a BibTeX field).
TRUE_WORDS = frozenset({"true", "yes", "1", "on"})
FALSE_WORDS = frozenset({"false", "no", "0", "off"})


def text_flag(text: str) -> bool | None:
    """``text`` read as a yes or a no, in any case; None when it is neither (the caller says so, and where)."""
    word = text.strip().lower()
    return True if word in TRUE_WORDS else False if word in FALSE_WORDS else None


def _is_pair_list(value: Any) -> bool:
    return isinstance(value, (list, tuple)) and all(isinstance(e, (list, tuple)) and len(e) == 2 for e in value)


BOOLEAN = Check("True or False", lambda value: isinstance(value, bool))
TEXT = Check("text", lambda value: isinstance(value, str))
FOLDER = Check("a folder name", lambda value: isinstance(value, str))
DOCUMENT = Check("a document name", lambda value: isinstance(value, str))
NON_NEGATIVE = Check(
    "a whole number, 0 or more", lambda value: isinstance(value, int) and not isinstance(value, bool) and value >= 0
)
POSITIVE_OR_NONE = Check("a positive number or None", lambda value: value is None or is_positive_int(value))


def text_list(expected: str) -> Check:
    return Check(expected, _is_text_list)


def _as_is(value: Any, config: Config) -> Any:
    return tuple(value) if isinstance(value, list) else value


def _folder(value: str | None, config: Config) -> str:
    return (value or "").strip("/")


def _names_or_author(value: list[str], config: Config) -> tuple[str, ...]:
    # None given: conf.py's author, unless it is Sphinx's own placeholder.
    if not value and isinstance(config.author, str) and config.author and config.author != "unknown":
        return (config.author,)
    return tuple(value)


def _lower_case(value: list[str], config: Config) -> frozenset[str]:
    return frozenset(item.lower() for item in value)


def setting(
    default: Any,
    rebuild: str,
    description: str,
    check: Check,
    fallback: str = "",
    normal: Callable[[Any, Config], Any] = _as_is,
) -> Any:
    """A field of :class:`HomepageConfig` that is a setting of ``conf.py``.

    ``fallback`` says in the warning what is used instead of a bad value when the default's own text would not
    tell a reader (``""`` for the owner's name means ``author``); ``normal`` turns a value that passed its
    check into the form modules read (lists become tuples, so the result stays unchangeable).
    """
    metadata = {"rebuild": rebuild, "description": description, "check": check, "fallback": fallback, "normal": normal}
    if isinstance(default, (list, dict)):
        return field(default_factory=lambda: type(default)(default), metadata=metadata)
    return field(default=default, metadata=metadata)


# -- The settings -------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class HomepageConfig:
    """The ``homepage_*`` settings, checked; after the settings, what the extension knows of ``conf.py`` itself."""

    owner_name: str = setting(
        "", "env", "The name the home page is headed with (and the photo's alt text); empty: `author`.", TEXT, "author"
    )
    # The three settings typed Any are read by the module that knows their entries (see setup_config):
    # navigation.NavEntry tuples, social.SocialSetting, and the Person data as a read-only mapping.
    navigation: Any = setting(
        [], "env", 'The navbar\'s pages: document names, or `"Label <docname>"` as in a toctree.',
        Check("a list of document names", lambda value: isinstance(value, (list, tuple))),
    )
    social: Any = setting(
        {}, "env", "Your profiles, with al-folio's keys (`github_username`, ...) or custom entries, in icon order.",
        Check("a dict of al-folio social keys to values", lambda value: isinstance(value, dict) or _is_pair_list(value)),
    )
    social_navbar: bool = setting(False, "html", "Show the social links in the navbar too.", BOOLEAN)
    person: Any = setting(
        {}, "html", "schema.org `Person` data for the home page (`job_title`, `affiliation`, `alumni_of`, ...).",
        Check("a dict", lambda value: isinstance(value, dict)),
    )
    news_dir: str = setting("news", "env", "The folder of news items (one Markdown file each).", FOLDER, normal=_folder)
    news_limit: int | None = setting(
        5, "env", "How many news items a page with `news: true` lists; None: all.", POSITIVE_OR_NONE
    )
    news_scrollable: bool = setting(True, "env", "Whether a list of more than three news items scrolls.", BOOLEAN)
    news_date_format: str = setting("%b %d, %Y", "env", "How news dates are written (Babel's `format_date`).", TEXT)
    author_names: tuple[str, ...] = setting(
        [], "env", "Your names as written in BibTeX, highlighted in author lists; empty: `author`.",
        text_list("a list of names"), normal=_names_or_author,
    )
    publications_page: str = setting(
        "papers/index", "env", "The page `{cite}` links to and the selected publications point at.", DOCUMENT
    )
    publication_previews: str = setting(
        "assets/img/publication_preview", "env", "The folder of al-folio's `preview={file}` images.", FOLDER,
        normal=_folder,
    )
    publication_files: str = setting(
        "assets/pdf", "env", "The folder of local `pdf`, `supp`, `poster`, `slides` and `html` files.", FOLDER,
        normal=_folder,
    )
    max_author_limit: int | None = setting(
        None, "env", "al-folio's `max_author_limit`: authors shown before \"and N more\"; None: all.", POSITIVE_OR_NONE
    )
    bibtex_show: bool = setting(True, "env", "Show every entry's BibTeX (an entry's `bibtex_show` wins).", BOOLEAN)
    bibtex_hidden_fields: frozenset[str] = setting(
        [], "env", "BibTeX fields left out of the BibTeX shown, besides al-folio's display fields.",
        text_list("a list of field names"), normal=_lower_case,
    )
    # Long publication lists: how much of a list grouped by year is open when its page loads.
    publications_open_entries: int = setting(
        50, "html",
        "A list grouped by year shows its newest years open until this many entries are on show; older years are"
        " collapsed under their headings. 0: every year open.",
        NON_NEGATIVE,
    )
    paper_pages: str = setting(
        "papers", "html", "The folder of the paper pages (one per entry); None or empty: no paper pages.",
        Check("a folder name, or None for no paper pages", lambda value: value is None or isinstance(value, str)),
        normal=_folder,
    )
    trim_css: bool = setting(True, "html", "Trim stylesheets to the rules some page can match.", BOOLEAN)
    csp: bool = setting(True, "html", "Give every page a Content-Security-Policy.", BOOLEAN)
    # The blog's posts: where they are and the address each gets.
    posts_dir: str = setting(
        "_posts", "env", "The folder of al-folio's posts (`YYYY-MM-DD-title.md`); empty: no posts.", FOLDER,
        normal=_folder,
    )
    blog_permalink: str = setting(
        "/blog/:year/:title/", "env",
        "al-folio's `permalink`: a post's address (`:year`, `:month`, `:day`, `:title`), which names its page.", TEXT,
    )
    # The blog's index, archives and feed.
    blog_per_page: int = setting(
        10, "html", "Posts a page of the blog's index lists (al-folio's `pagination.per_page`).",
        Check("a positive number", is_positive_int),
    )
    blog_date_format: str = setting("%B %d, %Y", "env", "How post dates are written (Babel's `format_date`).", TEXT)
    # al-folio's data and projects: co-authors, venues, repositories (data_dir), project pages (projects_dir).
    data_dir: str = setting(
        "_data", "env", "The folder of al-folio's `coauthors.yml`, `venues.yml` and `repositories.yml`; empty: none.",
        FOLDER, normal=_folder,
    )
    projects_dir: str = setting(
        "_projects", "env", "The folder of al-folio's projects (one Markdown file each); empty: no projects.", FOLDER,
        normal=_folder,
    )

    #: The folder of ``conf.py``, which ``html_static_path`` is relative to (neither config nor env records it).
    confdir: Path | None = None
    #: The owner's static folders, before extensions add their own (sphinx-design's, and ours on
    #: ``builder-inited``): a photo is looked for, and said to be missing from, the site's folders only.
    site_static_path: tuple[str, ...] = ()


def settings() -> list:
    """The fields of :class:`HomepageConfig` that are settings, in the order above."""
    return [item for item in fields(HomepageConfig) if "check" in item.metadata]


def setting_name(item: Any) -> str:
    return PREFIX + item.name


def _default(item: Any) -> Any:
    return item.default_factory() if callable(item.default_factory) else item.default


# -- Reading ------------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class SettingSource:
    """What an entry reader is given besides the value: where things are in ``conf.py``, the rest of it, and
    whether the value is the default put in place of a bad one (warned about already)."""

    confdir: Path | None
    conf: ConfLines
    config: Config
    replaced: bool = False


#: Reads the entries of a setting whose type is right: warns about each bad one, returns what the modules use.
EntryReader = Callable[[Any, SettingSource], Any]

# The checked settings of each configuration Sphinx has loaded; a Config is made once per build.
_CHECKED: weakref.WeakKeyDictionary[Config, HomepageConfig] = weakref.WeakKeyDictionary()


def read_settings(confdir: str | Path | None, config: Config, readers: Mapping[str, EntryReader]) -> HomepageConfig:
    """Check every setting of ``config`` (one warning per bad value, and its default used), and return them typed.

    ``config`` is left holding the checked values too, so that Sphinx compares what is used between builds.
    """
    confdir = Path(confdir) if confdir else None
    source = SettingSource(confdir, ConfLines(confdir), config)
    values: dict[str, Any] = {}
    for item in settings():
        name = setting_name(item)
        value = config[name]
        check: Check = item.metadata["check"]
        replaced = not check.accepts(value)
        if replaced:
            default = _default(item)
            fallback = item.metadata["fallback"] or repr(default)
            warn(f"{name} should be {check.expected}, not {value!r}; using {fallback}", "config", source.conf.setting(name))
            value = default
            config[name] = value
        reader = readers.get(name)
        if reader:
            values[item.name] = reader(value, replace(source, replaced=replaced))
        else:
            values[item.name] = item.metadata["normal"](value, config)
    return HomepageConfig(
        **values,
        confdir=confdir,
        site_static_path=tuple(config.html_static_path),
    )


def homepage_config(source: Sphinx | BuildEnvironment | Config) -> HomepageConfig:
    """The checked settings of an app, an environment or a configuration."""
    config = source if isinstance(source, Config) else source.config
    try:
        return _CHECKED[config]
    except KeyError:
        raise LookupError("homepage_config() asked for a configuration that no config-inited has read") from None


def setup_config(app: Sphinx, readers: Mapping[str, EntryReader]) -> None:
    """Declare every setting; ``readers`` (setting name -> reader) read the entries of those that have them."""
    for item in settings():
        # types=Any: our own check is the type check, with the line in conf.py that Sphinx's would not give.
        app.add_config_value(
            setting_name(item), _default(item), item.metadata["rebuild"], types=Any,
            description=item.metadata["description"],
        )

    def _read(app: Sphinx, config: Config) -> None:
        _CHECKED[config] = read_settings(app.confdir, config, readers)

    app.connect("config-inited", _read, priority=PRIORITY.read_settings)


# -- The README's table -----------------------------------------------------------------------------------------------

TABLE_START = "<!-- settings table: made by `python scripts/make_settings_table.py` from src/sphinx_academic_homepage/config.py; do not edit by hand -->"
TABLE_END = "<!-- end of settings table -->"


def settings_table() -> str:
    """Every setting as a Markdown table: name, default, when a change rebuilds, what it is."""
    rows = [
        "| Setting | Default | A change rebuilds | What it is |",
        "| --- | --- | --- | --- |",
    ]
    rebuilds = {"env": "every page", "html": "the HTML"}
    for item in settings():
        description = item.metadata["description"].replace("|", "\\|")
        rows.append(
            f"| `{setting_name(item)}` | `{_default(item)!r}` | {rebuilds[item.metadata['rebuild']]} | {description} |"
        )
    return "\n".join(rows)


def readme_with_table(readme: str) -> str:
    """``readme`` with the text between its two table markers replaced by :func:`settings_table`."""
    head, found, rest = readme.partition(TABLE_START)
    _, found_end, tail = rest.partition(TABLE_END)
    if not (found and found_end):
        raise ValueError("the README has no settings table markers")
    return f"{head}{TABLE_START}\n{settings_table()}\n{TABLE_END}{tail}"


if __name__ == "__main__":
    print(settings_table())
