"""Settings of the publication lists (``conf.py``), registered once and validated on ``config-inited``.

A value of the wrong type warns (``homepage.config``) and falls back to its default.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sphinx.application import Sphinx
from sphinx.config import Config

from ..diagnostics import warn


@dataclass(frozen=True)
class Setting:
    default: Any
    types: tuple[type, ...]
    check: Any = None  # callable(value) -> bool for values of the right type
    expected: str = ""


SETTINGS: dict[str, Setting] = {
    # The owner's names as written in BibTeX or as "First Last"; empty: conf.py's ``author``.
    "homepage_author_names": Setting([], (list, tuple), lambda v: all(isinstance(n, str) for n in v), "a list of names"),
    # The page {cite} links to and the "selected publications" heading points at.
    "homepage_publications_page": Setting("papers/index", (str,), None, "a document name"),
    # Folders (relative to the source directory) for al-folio's preview={file} and pdf={file}...
    "homepage_publication_previews": Setting("assets/img/publication_preview", (str,), None, "a folder"),
    "homepage_publication_files": Setting("assets/pdf", (str,), None, "a folder"),
    # al-folio's max_author_limit; None shows every author.
    "homepage_max_author_limit": Setting(None, (int, type(None)), lambda v: v is None or v > 0, "a positive number or None"),
    # Show the BibTeX of every entry (an entry's bibtex_show={false} hides its own).
    "homepage_bibtex_show": Setting(True, (bool,), None, "True or False"),
    # Fields left out of the BibTeX shown, besides al-folio's display fields.
    "homepage_bibtex_hidden_fields": Setting([], (list, tuple), lambda v: all(isinstance(n, str) for n in v), "a list of field names"),
}


def _is_valid(value: Any, setting: Setting) -> bool:
    # bool is an int to Python, not to a reader: True is no author limit.
    if isinstance(value, bool) != (bool in setting.types):
        return False
    return isinstance(value, setting.types) and (setting.check is None or setting.check(value))


def _validate(app: Sphinx, config: Config) -> None:
    # sphinxcontrib-bibtex stops the build without bibtex_bibfiles; a site without publications is fine.
    if config.bibtex_bibfiles is None:
        config.bibtex_bibfiles = []
    for name, setting in SETTINGS.items():
        value = config[name]
        if _is_valid(value, setting):
            continue
        warn(f"{name} should be {setting.expected}, not {value!r}; using {setting.default!r}", "config")
        config[name] = setting.default


def author_names(config: Config) -> list[str]:
    names = list(config.homepage_author_names)
    if not names and config.author and config.author != "unknown":
        names = [config.author]
    return names


def setup_config(app: Sphinx) -> None:
    for name, setting in SETTINGS.items():
        app.add_config_value(name, setting.default, "env")
    app.connect("config-inited", _validate)
