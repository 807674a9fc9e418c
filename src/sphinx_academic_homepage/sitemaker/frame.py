"""The files around a site's pages: what makes a folder of pages a site that builds, tests and publishes itself.

:func:`write_frame` writes them into a site's folder, the same bytes for the same :class:`SiteSettings` (no
date, no path of this machine):

- ``conf.py``: the site's settings as Python literals, in the order given (a value that cannot be one, a date,
  is refused), each ``homepage_*`` one with its description from the settings schema; the Markdown syntax
  al-folio pages use; ``html_baseurl`` from Read the Docs where it builds, else the given address.
- ``Makefile`` (``html``, ``test``, ``linkcheck``, ``livehtml``, ``clean``), ``requirements.txt`` and
  ``requirements-test.txt``: the packages pinned at the versions installed here (:mod:`.pins`), and this
  package as a wheel in ``vendor/`` (:mod:`.wheel`), named by its relative path, since no package index has it.
- ``.readthedocs.yaml`` and ``.github/workflows/pages.yml``: Read the Docs and GitHub Pages build ``make html``'s
  site.
- ``tests/test_site.py``: the built site checked by :mod:`sphinx_academic_homepage.sitecheck`, so that the
  checks grow with the package.
- ``.gitignore`` and a short ``README.md``.

A setting given in :attr:`SiteSettings.settings` under the name of one of the frame's own (``exclude_patterns``,
``html_static_path``, ...) takes that one's place.
"""

from __future__ import annotations

import ast
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from ..config import setting_name, settings
from .pins import distributions_of, pinned
from .wheel import wheel_name, write_wheel

#: The extensions every site loads (the homepage extension loads MyST and sphinxcontrib-bibtex itself).
DEFAULT_EXTENSIONS = ("sphinx_design", "notfound.extension", "sphinx_academic_homepage")
#: What the tests and ``make livehtml`` install on top of the site's packages.
TEST_PACKAGES = ("pytest", "sphinx-autobuild")
#: The frame's files copied as they are (the project's name put in), by their place in the site.
FIXED_FILES = {
    "Makefile": "Makefile",
    "README.md": "README.md",
    ".gitignore": "gitignore",
    ".readthedocs.yaml": "readthedocs.yaml",
    ".github/workflows/pages.yml": "pages.yml",
    "tests/test_site.py": "test_site.py",
}
PROJECT_MARK = "@PROJECT@"
#: Where a setting's value is broken into one item a line.
LINE_LENGTH = 100


class DestinationNotEmpty(ValueError):
    """The folder a site is to be written into holds files already: they are never overwritten."""


@dataclass(frozen=True)
class SiteSettings:
    project: str  # project/author/copyright
    html_baseurl: str  # "" when unknown
    settings: dict[str, object]  # other conf.py assignments in order: "homepage_social": {...}, ...
    extensions: tuple[str, ...] = ()  # extra extensions beyond DEFAULT_EXTENSIONS


class DestinationInsideASite(ValueError):
    """The folder a site is to be written into lies in another Sphinx project, whose pages it would join."""


def require_empty(dest: Path) -> None:
    """Refuse a ``dest`` that exists and is not an empty folder."""
    if dest.exists() and (not dest.is_dir() or any(dest.iterdir())):
        raise DestinationNotEmpty(f"{dest} exists and is not empty; name a new folder")


def require_outside_sites(dest: Path) -> None:
    """Refuse a ``dest`` inside a folder with a ``conf.py``: that project's next build would read the new site's
    pages as its own."""
    for folder in Path(dest).absolute().parents:
        if (folder / "conf.py").is_file():
            raise DestinationInsideASite(f"{dest} is inside the Sphinx project {folder}; name a folder outside it")


# -- conf.py ------------------------------------------------------------------------------------------------------

#: Why the settings other than the extension's are there (the extension's own say it in the schema).
SETTING_COMMENTS = {
    "bibtex_bibfiles": "Your publications, read by sphinxcontrib-bibtex and listed by the `publications` directive.",
    "bibtex_default_style": "How sphinxcontrib-bibtex formats a citation's entry.",
    "myst_enable_extensions": "The Markdown syntax your pages use beyond CommonMark (al-folio pages carry HTML).",
    "myst_heading_anchors": "Headings down to this level get anchors that links can name.",
    "exclude_patterns": "Only the pages are sources: not the tooling around them, nor hidden folders (.venv, caches).",
    "html_static_path": "Files published as they are (your photo, your CV's PDF); the folder may be absent.",
    "html_favicon": "The icon browsers show in the tab.",
    "extensions": "The homepage extension loads MyST (the pages are Markdown) and sphinxcontrib-bibtex itself.",
    "html_copy_source": "Pages are published as HTML only, without their Markdown.",
    "html_use_index": "A homepage has no index of terms.",
    "html_baseurl": (
        "Where the site is served (https://you.github.io/ on GitHub Pages); Read the Docs says so itself.\n"
        "# Canonical links and the 404 page use it."
    ),
    "notfound_urls_prefix": "The 404 page links its files from the site's root path, so it works at any depth.",
}


def _frame_settings(site: SiteSettings) -> list[tuple[str, list[tuple[str, str]]]]:
    """The sections of ``conf.py`` as (heading, [(name, Python source of the value)])."""
    extensions = list(dict.fromkeys((*DEFAULT_EXTENSIONS[:-1], *site.extensions, DEFAULT_EXTENSIONS[-1])))
    myst = ["attrs_inline", "colon_fence", "deflist", "dollarmath", "html_image", "smartquotes"]
    excluded = [".*", "_build", "vendor", "tests", "README.md", "MIGRATION.md"]
    return [
        ("Project", [
            ("project", repr(site.project)), ("author", "project"), ("copyright", "project"), ("language", "'en'"),
        ]),
        ("Extensions", [
            ("extensions", _literal(extensions)),
            ("myst_enable_extensions", _literal(myst)),
            ("myst_heading_anchors", "3"),
        ]),
        ("Sources", [("root_doc", "'index'"), ("exclude_patterns", _literal(excluded))]),
        ("HTML", [
            ("html_theme", "'pydata_sphinx_theme'"),
            ("html_static_path", "['_static'] if (Path(__file__).parent / '_static').is_dir() else []"),
            ("html_show_sourcelink", "False"),
            ("html_copy_source", "False"),
            ("html_use_index", "False"),
            ("html_baseurl", f"os.environ.get('READTHEDOCS_CANONICAL_URL') or {site.html_baseurl!r}"),
            ("notfound_urls_prefix", "urlsplit(html_baseurl).path or '/'"),
        ]),
    ]


def _literal(value: object, indent: int = 0, used: int = 0) -> str:
    """``value`` as Python source, for a line whose first ``used`` columns are taken: on that line where it fits,
    else one item a line, indented by four more than ``indent``."""
    one_line = repr(value)
    if used + len(one_line) <= LINE_LENGTH or not isinstance(value, (dict, list, tuple)) or not value:
        return one_line
    inner = indent + 4
    if isinstance(value, dict):
        keys = [f"{' ' * inner}{key!r}: " for key in value]
        items = [f"{key}{_literal(item, inner, len(key))}," for key, item in zip(keys, value.values())]
        brackets = "{}"
    else:
        items = [f"{' ' * inner}{_literal(item, inner, inner)}," for item in value]
        brackets = "[]" if isinstance(value, list) else "()"
    return "\n".join([brackets[0], *items, " " * indent + brackets[1]])


def _setting_source(name: str, value: object) -> str:
    source = _literal(value, used=len(f"{name} = "))
    try:
        same = ast.literal_eval(source) == value
    except (ValueError, SyntaxError):
        same = False
    if not same:
        raise ValueError(f"the setting {name} = {value!r} cannot be written as a Python literal")
    return source


def _heading(text: str) -> str:
    return f"\n# -- {text} {'-' * (74 - len(text))}\n"


def _comment(name: str) -> str:
    descriptions = {setting_name(item): item.metadata["description"] for item in settings()}
    text = descriptions.get(name) or SETTING_COMMENTS.get(name)
    return f"# {text}\n" if text else ""


def conf_py(site: SiteSettings) -> str:
    for name in site.settings:
        if not name.isidentifier():
            raise ValueError(f"{name!r} cannot be a setting of conf.py")
    given = dict(site.settings)
    lines = [
        '"""Sphinx configuration of this homepage.\n\n'
        "The pages are beside this file; the sphinx-academic-homepage extension reads their al-folio front matter\n"
        "and brings the look (theme options, navbar, footer, stylesheets). Everything here is yours to edit.\n"
        '"""\n\nimport os\nfrom pathlib import Path\nfrom urllib.parse import urlsplit\n',
    ]
    for heading, assignments in _frame_settings(site):
        lines.append(_heading(heading))
        for name, source in assignments:
            if name in given:
                source = _setting_source(name, given.pop(name))
            lines.append(f"{_comment(name)}{name} = {source}\n")
    if given:
        lines.append(_heading("The site"))
        lines += [f"{_comment(name)}{name} = {_setting_source(name, value)}\n" for name, value in given.items()]
    return "".join(lines)


# -- Requirements -------------------------------------------------------------------------------------------------

REQUIREMENTS_HEADER = """\
# The packages the site builds with, pinned at the versions it was made with. The homepage extension is not on a
# package index: it is installed from the wheel in vendor/ (its own dependencies are pinned below).
"""
TEST_REQUIREMENTS_HEADER = """\
# What `make test` and `make livehtml` need on top of the site's packages, pinned.
-r requirements.txt
"""


def _pin_lines(pins: dict[str, str]) -> str:
    return "".join(f"{name}=={version}\n" for name, version in pins.items())


def requirement_files(site: SiteSettings, wheel: str) -> dict[str, str]:
    """``requirements.txt`` and ``requirements-test.txt``, by name."""
    extensions = [*DEFAULT_EXTENSIONS[:-1], *site.extensions]
    roots = ["sphinx-academic-homepage", *distributions_of(extensions)]
    site_pins = pinned(roots)
    site_pins.pop("sphinx-academic-homepage")
    test_pins = pinned(TEST_PACKAGES, leave_out=site_pins.keys() | {"sphinx-academic-homepage"})
    return {
        "requirements.txt": f"{REQUIREMENTS_HEADER}./vendor/{wheel}\n{_pin_lines(site_pins)}",
        "requirements-test.txt": f"{TEST_REQUIREMENTS_HEADER}{_pin_lines(test_pins)}",
    }


# -- Writing ------------------------------------------------------------------------------------------------------


def _fixed_file(name: str, project: str) -> str:
    text = resources.files(__package__).joinpath("files", name).read_text(encoding="utf-8")
    # The name on one line: it goes into a heading and a comment.
    return text.replace(PROJECT_MARK, " ".join(project.split()))


def write_frame(dest: Path, site: SiteSettings) -> list[Path]:
    """Write the files around the site's pages into ``dest`` (made if missing); return their paths, sorted.

    Settings that cannot be written and packages that are not installed are found before anything is written."""
    texts = {"conf.py": conf_py(site), **requirement_files(site, wheel_name())}
    texts |= {place: _fixed_file(name, site.project) for place, name in FIXED_FILES.items()}
    written = [write_wheel(dest / "vendor")]
    for place, text in texts.items():
        target = dest / place
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8", newline="\n")
        written.append(target)
    return sorted(written)
