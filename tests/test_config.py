"""The extension's settings: declared once (homepage/config.py), each bad value warned at its conf.py line and
replaced by its default, every value read back typed through one getter, and the README's table made from them."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from test_profile import warnings_of

from sphinx_academic_homepage import ENV_VERSION
from sphinx_academic_homepage.config import HomepageConfig, homepage_config, readme_with_table, setting_name, settings
from sphinx_academic_homepage.navigation import NavEntry

PROJECT_ROOT = Path(__file__).resolve().parent.parent
EXTENSION = PROJECT_ROOT / "src" / "sphinx_academic_homepage"


def _checked(app) -> dict:
    """The checked settings, by name without the prefix."""
    checked = homepage_config(app)
    return {item.name: getattr(checked, item.name) for item in settings()}


@pytest.mark.sphinx("html", testroot="config-wrong", freshenv=True)
def test_every_wrong_value_warns_once_at_its_line_and_its_default_is_used(app):
    app.build()
    assert warnings_of(app) == [
        f"conf.py:{line}: WARNING: {text} [homepage.config]"
        for line, text in [
            (5, "homepage_owner_name should be text, not 42; using author"),
            (6, "homepage_navigation should be a list of document names, not 'index'; using []"),
            (7, "homepage_social should be a dict of al-folio social keys to values, not 'github_username: ada'; using {}"),
            (8, "homepage_social_navbar should be True or False, not 'yes'; using False"),
            (9, "homepage_person should be a dict, not ['Ada']; using {}"),
            (10, "homepage_news_dir should be a folder name, not 7; using 'news'"),
            (11, "homepage_news_limit should be a positive number or None, not 0; using 5"),
            (12, "homepage_news_scrollable should be True or False, not 'no'; using True"),
            (13, "homepage_news_date_format should be text, not None; using '%b %d, %Y'"),
            (14, "homepage_author_names should be a list of names, not 'Ada Lovelace'; using []"),
            (15, "homepage_publications_page should be a document name, not 3; using 'papers/index'"),
            (16, "homepage_publication_previews should be a folder name, not ['img']; using "
             "'assets/img/publication_preview'"),
            (17, "homepage_publication_files should be a folder name, not False; using 'assets/pdf'"),
            (18, "homepage_max_author_limit should be a positive number or None, not True; using None"),
            (19, "homepage_bibtex_show should be True or False, not 1; using True"),
            (20, "homepage_bibtex_hidden_fields should be a list of field names, not 'abstract'; using []"),
            (24, "homepage_publications_open_entries should be a whole number, 0 or more, not -1; using 50"),
            (21, "homepage_paper_pages should be a folder name, or None for no paper pages, not 42; using 'papers'"),
            (22, "homepage_trim_css should be True or False, not 'no'; using True"),
            (23, "homepage_csp should be True or False, not 'no'; using True"),
        ]
    ]
    assert _checked(app) == {
        "owner_name": "",
        "navigation": (),
        "social": ((), True),  # given, if wrongly: pages asking for the links are not warned again
        "social_navbar": False,
        "person": {},
        "news_dir": "news",
        "news_limit": 5,
        "news_scrollable": True,
        "news_date_format": "%b %d, %Y",
        "author_names": ("Ada Lovelace",),  # the default: conf.py's author
        "publications_page": "papers/index",
        "publication_previews": "assets/img/publication_preview",
        "publication_files": "assets/pdf",
        "max_author_limit": None,
        "bibtex_show": True,
        "bibtex_hidden_fields": frozenset(),
        "publications_open_entries": 50,
        "paper_pages": "papers",
        "trim_css": True,
        "csp": True,
        "posts_dir": "_posts",
        "blog_permalink": "/blog/:year/:title/",
        "blog_per_page": 10,
        "blog_date_format": "%B %d, %Y",
        "data_dir": "_data",
        "projects_dir": "_projects",
    }
    # What Sphinx compares between builds is what is used.
    assert app.config.homepage_csp is True and app.config.homepage_news_limit == 5
    # The defaults at work: the page is headed with the author's name and carries its Content-Security-Policy.
    home = BeautifulSoup((Path(app.outdir) / "index.html").read_text(encoding="utf-8"), "html.parser")
    assert home.select_one('meta[http-equiv="Content-Security-Policy"]') is not None


@pytest.mark.sphinx("html", testroot="config-right", freshenv=True)
def test_every_right_value_is_read_back_typed(app):
    app.build()
    assert warnings_of(app) == []
    checked = _checked(app)
    links = checked.pop("social")
    assert [link.url for link in links.links] == ["https://github.com/ada"] and links.given
    assert checked == {
        "owner_name": "Ada King",
        "navigation": (NavEntry("talks", "Talks"), NavEntry("index", None)),
        "social_navbar": True,
        "person": {"job_title": "Analyst", "alumni_of": ("Home schooling",)},
        "news_dir": "updates",
        "news_limit": 2,
        "news_scrollable": False,
        "news_date_format": "%Y-%m-%d",
        "author_names": ("Ada Lovelace", "A. King"),
        "publications_page": "talks",
        "publication_previews": "img/previews",
        "publication_files": "files",
        "max_author_limit": 3,
        "bibtex_show": False,
        "bibtex_hidden_fields": frozenset({"abstract", "note"}),
        "publications_open_entries": 0,
        "paper_pages": "",
        "trim_css": False,
        "csp": False,
        "posts_dir": "_posts",
        "blog_permalink": "/blog/:year/:title/",
        "blog_per_page": 10,
        "blog_date_format": "%B %d, %Y",
        "data_dir": "_data",
        "projects_dir": "_projects",
    }
    assert homepage_config(app) is homepage_config(app.env) is homepage_config(app.config)
    # The environment records the extension's env_version, so a changed shape of what it keeps rereads every page.
    assert app.env.version["sphinx_academic_homepage"] == ENV_VERSION
    home = BeautifulSoup((Path(app.outdir) / "index.html").read_text(encoding="utf-8"), "html.parser")
    assert home.select_one('meta[http-equiv="Content-Security-Policy"]') is None
    navbar = home.select_one("header.bd-header")
    assert [link.get_text(strip=True) for link in navbar.select("ul.navbar-nav a.nav-link")] == ["Talks", "Ada Lovelace"]
    assert [link["href"] for link in navbar.select("a.homepage-social__link, .navbar-icon-links a")] == [
        "https://github.com/ada"
    ]


def test_every_setting_is_declared_in_the_schema_only():
    """No module registers a setting of its own or reads one from the raw configuration."""
    registered, read_raw = [], []
    for path in EXTENSION.rglob("*.py"):
        text = path.read_text(encoding="utf-8")
        if path.name != "config.py" or path.parent != EXTENSION:
            registered += [path.name for _ in re.finditer(r"add_config_value\(", text)]
            raw = re.finditer(r"config\._?homepage_\w+|config, \"_?homepage_\w+\"", text)
            read_raw += [f"{path.name}: {match[0]}" for match in raw]
    assert registered == [] and read_raw == []
    assert all(item.metadata["description"] and item.metadata["rebuild"] in ("env", "html") for item in settings())
    assert len({setting_name(item) for item in settings()}) == 26
    assert HomepageConfig.__dataclass_params__.frozen


def test_readme_table_is_the_one_the_schema_makes():
    readme = (PROJECT_ROOT / "README.md").read_text(encoding="utf-8")
    assert readme_with_table(readme) == readme, (
        "README.md's settings table differs from src/sphinx_academic_homepage/config.py: run `python scripts/make_settings_table.py`"
    )


def test_a_yes_or_a_no_written_as_text():
    from sphinx_academic_homepage.config import text_flag

    assert [text_flag(word) for word in ("true", " Yes ", "1", "ON")] == [True] * 4
    assert [text_flag(word) for word in ("false", "No", "0", "off")] == [False] * 4
    assert [text_flag(word) for word in ("", "maybe", "truee")] == [None] * 3
