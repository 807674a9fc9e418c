"""The CV page, built from al-folio's ``_data/cv.yml`` format.

``{cv} cv.yaml`` reads a YAML list of sections, each ``title``, ``type`` and
``contents``, with al-folio's four types:

- ``map``: ``name``/``value`` pairs (general information);
- ``time_table``: entries with ``title``, ``institution``, ``department``,
  ``location``, ``year`` and ``description``/``items`` (strings, or
  ``{title, contents}`` for a nested list);
- ``list``: strings;
- ``nested_list``: ``{title, items}``.

An al-folio user's ``cv.yml`` therefore works as it is. Each section becomes a
real section (heading, anchor, page contents); everything is text, escaped, with
e-mail addresses and http(s) URLs in a ``map`` made links. A value of another kind
where text is expected (a list, a mapping, a set) warns at its line and is left out
rather than shown as Python would print it; lists nest at most :data:`MAX_DEPTH` deep.

The page's al-folio front matter ``cv_pdf: name.pdf`` offers the PDF for download
once ``name.pdf`` is in a static folder (``_static/``); until then the page offers
none and the build says so (not a warning: the PDF is expected to come later).
"""

from __future__ import annotations

import datetime
import re
import reprlib
from pathlib import Path
from typing import Any

from docutils import nodes
from sphinx import addnodes
from sphinx.application import Sphinx
from sphinx.util import logging
from sphinx.util.docutils import SphinxDirective

from .diagnostics import warn
from .frontmatter import front_matter
from .sitefiles import OutsideTheSite, check_inside, note_file_dependency, site_folders, static_folder_names
from .urls import is_safe_url, url_scheme
from .yamlfile import DATA_FILE_LIMITS, YAML_LOAD_ERRORS, LineDict, LineList, LineLoader, YAMLLimitError, load, read_text

logger = logging.getLogger(__name__)

SECTION_TYPES = ("map", "time_table", "list", "nested_list")
_EMAIL = re.compile(r"^[^@\s<>]+@[^@\s<>]+\.[^@\s<>]+$")


def load_cv(
    path: Path, display_path: str, cited_at: Any = None, site: tuple[Path, ...] | None = None
) -> list[LineDict]:
    """The CV's sections, each checked; a bad section or entry warns (``homepage.cv``) and is left out.

    ``display_path`` names the file in warnings; ``cited_at`` is where the page asks for it; ``site``, the
    folders a file must be in to be read (:func:`~sphinx_academic_homepage.sitefiles.site_folders`).
    """
    try:
        if site is not None:
            check_inside(path, site)
        data = load(read_text(path, DATA_FILE_LIMITS.chars), DATA_FILE_LIMITS, LineLoader)
    except OutsideTheSite as error:
        warn(f"the CV file {display_path} {error}; it is not read", "cv", cited_at)
        return []
    except OSError as error:
        warn(f"cannot read the CV file {display_path}: {error.strerror}", "cv", cited_at)
        return []
    except YAMLLimitError as error:
        where = f"{display_path}:{error.problem_mark.line + 1}" if error.problem_mark is not None else display_path
        warn(f"the CV file {error.problem}; no CV is shown", "cv", where)
        return []
    except YAML_LOAD_ERRORS as error:
        mark = getattr(error, "problem_mark", None)
        # Always "path:line": Sphinx would read a bare path as a document name ("about/cv.yaml.rst").
        where = f"{display_path}:{mark.line + 1 if mark is not None else 1}"
        warn(f"the CV file is not valid YAML: {getattr(error, 'problem', None) or error}", "cv", where)
        return []
    if data is None:
        return []
    if not isinstance(data, list):
        warn("the CV file should be a list of sections (title, type, contents)", "cv", f"{display_path}:1")
        return []
    sections = []
    for index, section in enumerate(data):
        line = data.lines[index] if isinstance(data, LineList) else getattr(section, "line", 1)
        where = f"{display_path}:{line}"
        if not isinstance(section, dict):
            warn(
                f"a CV section should be a mapping with title, type and contents, not {_describe(section)}", "cv", where
            )
            continue
        title, kind, contents = section.get("title"), section.get("type"), section.get("contents")
        if not isinstance(title, str) or not title.strip():
            warn("a CV section has no title; left out", "cv", where)
            continue
        if kind not in SECTION_TYPES:
            warn(
                f"CV section {title!r} has type {kind!r}; expected one of {', '.join(SECTION_TYPES)}; left out",
                "cv",
                where,
            )
            continue
        if not isinstance(contents, list):
            warn(f"CV section {title!r} should have a list of contents; left out", "cv", where)
            continue
        sections.append(section)
    return sections


def _has_cv(doctree: nodes.document | None) -> bool:
    if doctree is None:
        return False
    return doctree.next_node(
        lambda node: isinstance(node, nodes.section) and "homepage-cv__section" in node["classes"]
    ) is not None


def _add_stylesheet(app: Sphinx, pagename: str, templatename: str, context: dict, doctree) -> None:
    # Only the CV page pays for the CV's styles.
    if _has_cv(doctree):
        app.add_css_file("cv.css")


#: How deep the CV's lists may nest (an item's ``contents`` holding items with their own ``contents``...).
#: al-folio's CVs use two levels; Sphinx saves each page's tree recursively, and a list nested a hundred
#: deep would exceed Python's recursion limit and stop the build.
MAX_DEPTH = 8

# Values of these types are shown as text; anything else (a list, a mapping, a set, bytes) where text is
# expected warns and is left out, rather than shown as Python would print it (a set's order changes between runs).
_TEXT_TYPES = (str, int, float, datetime.date)

# Warnings quote what they refuse, but never more than a line of it, however large or deep it is.
_SHORT = reprlib.Repr()
_SHORT.maxlevel, _SHORT.maxstring, _SHORT.maxother = 2, 60, 60
_SHORT.maxdict = _SHORT.maxlist = _SHORT.maxset = _SHORT.maxtuple = 4


def _describe(value: Any) -> str:
    """A value as a warning quotes it: bounded in size and depth, and the same on every run (sets sorted)."""
    return _SHORT.repr(value)


def _blank(value: Any) -> bool:
    """Missing, or text with nothing in it."""
    return value is None or (isinstance(value, _TEXT_TYPES) and not str(value).strip())


def _paragraph(text: str, css_class: str) -> nodes.paragraph:
    return nodes.paragraph(text, text, classes=[css_class])


def _value_node(value: str) -> nodes.Node:
    """A ``map`` value: a link for an e-mail address or a web address, text otherwise."""
    if _EMAIL.match(value):
        return nodes.reference(value, value, refuri=f"mailto:{value}")
    if url_scheme(value) in ("http", "https") and is_safe_url(value):
        return nodes.reference(value, value, refuri=value)
    return nodes.Text(value)


class CVDirective(SphinxDirective):
    """``{cv} path/to/cv.yaml``: the CV's sections, rendered from al-folio's CV data format.

    Every warning points at the CV file and the line of the value it is about.
    """

    required_arguments = 1
    final_argument_whitespace = True
    has_content = False

    def run(self) -> list[nodes.Node]:
        relpath, abspath = self.env.relfn2path(self.arguments[0], self.env.docname)
        note_file_dependency(self.env, relpath)
        self.display_path = relpath
        output: list[nodes.Node] = []
        output.extend(self._pdf_download())
        for section in load_cv(Path(abspath), relpath, self.get_location(), site_folders(self.env)):
            output.append(self._section(section))
        return output

    # -- Reading values ---------------------------------------------------------------------------------

    def _where(self, container: Any, key: Any = None) -> str:
        """``path:line`` of ``container[key]`` (a mapping's value or a list's item), or of the container itself."""
        line = getattr(container, "line", 1)
        if isinstance(container, LineDict):
            line = container.lines.get(key, line)
        elif isinstance(container, LineList) and isinstance(key, int) and key < len(container.lines):
            line = container.lines[key]
        return f"{self.display_path}:{line}"

    def _text(self, mapping: dict, key: str) -> str:
        """``mapping[key]`` as text; ``""`` when absent, or (after a warning) when it is not text."""
        value = mapping.get(key)
        if value is None:
            return ""
        if isinstance(value, _TEXT_TYPES):
            return str(value).strip()
        warn(f"CV field {key!r} should be text, not {_describe(value)}; left out", "cv", self._where(mapping, key))
        return ""

    def _heading(self, entry: dict, key: str, needs: str) -> str:
        """The text an entry is known by (``name``, ``title``); "" after one warning when it has none."""
        text = self._text(entry, key)
        if not text and _blank(entry.get(key)):  # a value that is not text has had its warning
            warn(f"{needs}, not {_describe(entry)}; left out", "cv", self._where(entry))
        return text

    def _list(self, mapping: dict, key: str) -> list:
        """``mapping[key]`` as a list; ``[]`` when absent or empty, or (after a warning) when it is not a list."""
        value = mapping.get(key)
        if isinstance(value, list):
            return value
        if value not in (None, ""):
            message = f"CV field {key!r} should be a list, not {_describe(value)}; left out"
            warn(message, "cv", self._where(mapping, key))
        return []

    # -- Sections ---------------------------------------------------------------------------------------

    def _section(self, data: dict) -> nodes.section:
        title = str(data["title"]).strip()
        section = nodes.section(classes=["homepage-cv__section", f"homepage-cv__section--{data['type']}"])
        section["names"].append(nodes.fully_normalize_name(title))
        section += nodes.title(title, title)
        self.state.document.note_implicit_target(section, section)
        render = getattr(self, f"_render_{data['type']}")
        section += render(data["contents"])
        return section

    def _entries(self, contents: list, kind: str, needs: str):
        """Each mapping of a section's contents; anything else warns (at its own line) and is left out."""
        for index, entry in enumerate(contents):
            if isinstance(entry, dict):
                yield entry
            else:
                warn(f"a {kind} entry should be a mapping ({needs}), not {_describe(entry)}; left out", "cv",
                     self._where(contents, index))

    def _named_entries(self, contents: list, kind: str, key: str, fields: str, needs: str):
        """Each mapping of a section's contents with the text it is known by (``key``); one without it warns."""
        for entry in self._entries(contents, kind, fields):
            if name := self._heading(entry, key, needs):
                yield entry, name

    def _render_map(self, contents: list) -> nodes.definition_list:
        pairs = nodes.definition_list(classes=["homepage-cv__map"])
        for entry, name in self._named_entries(contents, "map", "name", "name, value", "a map entry needs a name and a value"):
            value = self._text(entry, "value")
            item = nodes.definition_list_item()
            item += nodes.term(name, name)
            definition = nodes.definition()
            paragraph = nodes.paragraph()
            paragraph += _value_node(value)
            definition += paragraph
            item += definition
            pairs += item
        return pairs

    def _render_time_table(self, contents: list) -> nodes.bullet_list:
        entries = nodes.bullet_list(classes=["homepage-cv__entries"])
        for entry in self._entries(contents, "time_table", "title, institution, year..."):
            item = nodes.list_item(classes=["homepage-cv__entry"])
            year = self._text(entry, "year")
            if year:
                item += _paragraph(year, "homepage-cv__year")
            details = nodes.container(classes=["homepage-cv__details"])
            title = self._text(entry, "title")
            if title:
                heading = nodes.paragraph(classes=["homepage-cv__title"])
                heading += nodes.strong(title, title)
                details += heading
            for key in ("institution", "department", "location"):
                text = self._text(entry, key)
                if text:
                    details += _paragraph(text, f"homepage-cv__{key}")
            for key in ("description", "items"):
                items = self._list(entry, key)
                if items:
                    details += self._item_list(items, "homepage-cv__items", depth=1)
            item += details
            entries += item
        return entries

    def _render_list(self, contents: list) -> nodes.bullet_list:
        return self._item_list(contents, "homepage-cv__list", depth=0)

    def _render_nested_list(self, contents: list) -> nodes.bullet_list:
        groups = nodes.bullet_list(classes=["homepage-cv__list"])
        for group, title in self._named_entries(contents, "nested_list", "title", "title, items", "a nested_list entry needs a title and items"):
            item = nodes.list_item()
            heading = nodes.paragraph(classes=["homepage-cv__item-title"])
            heading += nodes.strong(title, title)
            item += heading
            items = self._list(group, "items")
            if items:
                item += self._item_list(items, "homepage-cv__subitems", depth=1)
            groups += item
        return groups

    def _item_list(self, items: list, css_class: str, depth: int) -> nodes.bullet_list:
        """al-folio's ``description``/``items``: text, or ``{title, contents}`` for a nested list."""
        bullets = nodes.bullet_list(classes=[css_class])
        for index, item in enumerate(items):
            entry = nodes.list_item()
            if isinstance(item, dict):
                entry += _paragraph(self._text(item, "title"), "homepage-cv__item-title")
                contents = self._list(item, "contents")
                if contents and depth + 1 >= MAX_DEPTH:
                    warn(
                        f"the CV's lists nest more than {MAX_DEPTH} deep here; the deeper items are left out",
                        "cv",
                        self._where(item, "contents"),
                    )
                elif contents:
                    entry += self._item_list(contents, "homepage-cv__subitems", depth + 1)
            elif isinstance(item, _TEXT_TYPES):
                entry += _paragraph(str(item).strip(), "homepage-cv__item")
            else:
                warn(
                    f"a CV item should be text or a title with contents, not {_describe(item)}; left out",
                    "cv",
                    self._where(items, index),
                )
                continue
            bullets += entry
        return bullets

    def _pdf_download(self) -> list[nodes.Node]:
        """al-folio's ``cv_pdf``: a download link once the PDF is in a static folder."""
        page = front_matter(self.env, self.env.docname)
        name = page.get("cv_pdf")
        if name is None:
            return []
        if not isinstance(name, str) or not name.strip() or not name.lower().endswith(".pdf"):
            warn(f"cv_pdf should name a PDF file, not {name!r}", "cv", page.location("cv_pdf"))
            return []
        name = name.strip().lstrip("/")
        static_dirs = static_folder_names(self.env)
        for static in static_dirs:
            relative = f"{static}/{name}"
            # Noted even while missing: the page is read again once the file is there.
            note_file_dependency(self.env, relative)
            if Path(self.env.srcdir, relative).is_file():
                link = addnodes.download_reference(
                    "",
                    "",
                    nodes.inline("Download the CV (PDF)", "Download the CV (PDF)"),
                    reftarget=f"/{relative}",
                    refdoc=self.env.docname,
                    refexplicit=True,
                    classes=["homepage-cv__pdf-link"],
                )
                paragraph = nodes.paragraph(classes=["homepage-cv__pdf"])
                paragraph += link
                return [paragraph]
        logger.info(
            "cv_pdf %s is not in %s yet; the CV page offers no PDF until it is",
            name,
            " or ".join(f"{static}/" for static in static_dirs) or "html_static_path",
            location=page.location("cv_pdf"),
        )
        return []


def setup_cv(app: Sphinx) -> None:
    app.add_directive("cv", CVDirective)
    app.connect("html-page-context", _add_stylesheet)
