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
e-mail addresses and http(s) URLs in a ``map`` made links.

The page's al-folio front matter ``cv_pdf: name.pdf`` offers the PDF for download
once ``name.pdf`` is in a static folder (``_static/``); until then the page offers
none and the build says so (not a warning: the PDF is expected to come later).
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import yaml
from docutils import nodes
from sphinx import addnodes
from sphinx.application import Sphinx
from sphinx.util import logging
from sphinx.util.docutils import SphinxDirective

from .diagnostics import warn
from .frontmatter import YAML_LOAD_ERRORS, front_matter
from .sitefiles import OutsideTheSite, check_inside, site_folders
from .urls import is_external_url, is_safe_url
from .yamlfile import DATA_FILE_LIMITS, BoundedLoader, YAMLLimitError, load, read_text

logger = logging.getLogger(__name__)

SECTION_TYPES = ("map", "time_table", "list", "nested_list")
_EMAIL = re.compile(r"^[^@\s<>]+@[^@\s<>]+\.[^@\s<>]+$")


class _LineDict(dict):
    """A YAML mapping that remembers the 1-based line it starts on."""

    line = 0


class _LineLoader(BoundedLoader):
    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> _LineDict:
        mapping = _LineDict(super().construct_mapping(node, deep=True))
        mapping.line = node.start_mark.line + 1
        return mapping


_LineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _LineLoader.construct_mapping)


def load_cv(
    path: Path, display_path: str, cited_at: Any = None, site: tuple[Path, ...] | None = None
) -> list[_LineDict]:
    """The CV's sections, each checked; a bad section or entry warns (``homepage.cv``) and is left out.

    ``display_path`` names the file in warnings; ``cited_at`` is where the page asks for it; ``site``, the
    folders a file must be in to be read (:func:`~homepage.sitefiles.site_folders`).
    """
    try:
        if site is not None:
            check_inside(path, site)
        data = load(read_text(path, DATA_FILE_LIMITS.chars), DATA_FILE_LIMITS, _LineLoader)
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
        where = f"{display_path}:{mark.line + 1}" if mark is not None else display_path
        warn(f"the CV file is not valid YAML: {getattr(error, 'problem', None) or error}", "cv", where)
        return []
    if data is None:
        return []
    if not isinstance(data, list):
        warn("the CV file should be a list of sections (title, type, contents)", "cv", f"{display_path}:1")
        return []
    sections = []
    for section in data:
        line = getattr(section, "line", 1)
        where = f"{display_path}:{line}"
        if not isinstance(section, dict):
            warn(f"a CV section should be a mapping with title, type and contents, not {section!r}", "cv", where)
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


def site_static_dirs(html_static_path: list[str]) -> list[str]:
    """The site's own static folders (relative to the source folder), not extensions' asset folders."""
    return [Path(static).as_posix().strip("/") for static in html_static_path if not Path(static).is_absolute()]


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


def _text(value: Any) -> str:
    return "" if value is None else str(value).strip()


def _paragraph(text: str, css_class: str) -> nodes.paragraph:
    return nodes.paragraph(text, text, classes=[css_class])


def _value_node(value: str) -> nodes.Node:
    """A ``map`` value: a link for an e-mail address or a web address, text otherwise."""
    if _EMAIL.match(value):
        return nodes.reference(value, value, refuri=f"mailto:{value}")
    if is_external_url(value) and is_safe_url(value):
        return nodes.reference(value, value, refuri=value)
    return nodes.Text(value)


def _item_list(items: list[Any], where: str, css_class: str) -> nodes.bullet_list:
    """al-folio's ``description``/``items``: strings, or ``{title, contents}`` for a nested list."""
    bullets = nodes.bullet_list(classes=[css_class])
    for item in items:
        entry = nodes.list_item()
        if isinstance(item, dict):
            entry += _paragraph(_text(item.get("title")), "homepage-cv__item-title")
            contents = item.get("contents") or []
            if isinstance(contents, list) and contents:
                entry += _item_list(contents, where, "homepage-cv__subitems")
        elif isinstance(item, str | int | float):
            entry += _paragraph(_text(item), "homepage-cv__item")
        else:
            warn(f"a CV item should be text or a title with contents, not {item!r}; left out", "cv", where)
            continue
        bullets += entry
    return bullets


class CVDirective(SphinxDirective):
    """``{cv} path/to/cv.yaml``: the CV's sections, rendered from al-folio's CV data format."""

    required_arguments = 1
    final_argument_whitespace = True
    has_content = False

    def run(self) -> list[nodes.Node]:
        relpath, abspath = self.env.relfn2path(self.arguments[0], self.env.docname)
        self.env.note_dependency(relpath)
        self.display_path = relpath
        output: list[nodes.Node] = []
        output.extend(self._pdf_download())
        for section in load_cv(Path(abspath), relpath, self.get_location(), site_folders(self.env)):
            output.append(self._section(section))
        return output

    def _where(self, mapping: Any) -> str:
        return f"{self.display_path}:{getattr(mapping, 'line', 1)}"

    def _section(self, data: dict) -> nodes.section:
        title = _text(data["title"])
        section = nodes.section(classes=["homepage-cv__section", f"homepage-cv__section--{data['type']}"])
        section["names"].append(nodes.fully_normalize_name(title))
        section += nodes.title(title, title)
        self.state.document.note_implicit_target(section, section)
        render = getattr(self, f"_render_{data['type']}")
        body = render(data["contents"], self._where(data))
        if body is not None:
            section += body
        return section

    def _render_map(self, contents: list, where: str) -> nodes.definition_list:
        pairs = nodes.definition_list(classes=["homepage-cv__map"])
        for entry in contents:
            if not isinstance(entry, dict) or not _text(entry.get("name")):
                location = self._where(entry) if isinstance(entry, dict) else where
                warn(f"a map entry needs a name and a value, not {entry!r}; left out", "cv", location)
                continue
            name, value = _text(entry.get("name")), _text(entry.get("value"))
            item = nodes.definition_list_item()
            item += nodes.term(name, name)
            definition = nodes.definition()
            paragraph = nodes.paragraph()
            paragraph += _value_node(value)
            definition += paragraph
            item += definition
            pairs += item
        return pairs

    def _render_time_table(self, contents: list, where: str) -> nodes.bullet_list:
        entries = nodes.bullet_list(classes=["homepage-cv__entries"])
        for entry in contents:
            if not isinstance(entry, dict):
                warn(
                    f"a time_table entry should be a mapping (title, institution, year...), not {entry!r}; left out",
                    "cv",
                    where,
                )
                continue
            entry_where = self._where(entry)
            item = nodes.list_item(classes=["homepage-cv__entry"])
            if _text(entry.get("year")):
                item += _paragraph(_text(entry.get("year")), "homepage-cv__year")
            details = nodes.container(classes=["homepage-cv__details"])
            if _text(entry.get("title")):
                heading = nodes.paragraph(classes=["homepage-cv__title"])
                heading += nodes.strong(_text(entry.get("title")), _text(entry.get("title")))
                details += heading
            for key in ("institution", "department", "location"):
                if _text(entry.get(key)):
                    details += _paragraph(_text(entry.get(key)), f"homepage-cv__{key}")
            for key in ("description", "items"):
                items = entry.get(key)
                if isinstance(items, list) and items:
                    details += _item_list(items, entry_where, "homepage-cv__items")
                elif items:
                    warn(f"a time_table entry's {key!r} should be a list; left out", "cv", entry_where)
            item += details
            entries += item
        return entries

    def _render_list(self, contents: list, where: str) -> nodes.bullet_list:
        return _item_list(contents, where, "homepage-cv__list")

    def _render_nested_list(self, contents: list, where: str) -> nodes.bullet_list:
        groups = nodes.bullet_list(classes=["homepage-cv__list"])
        for group in contents:
            if not isinstance(group, dict) or not _text(group.get("title")):
                location = self._where(group) if isinstance(group, dict) else where
                warn(f"a nested_list entry needs a title and items, not {group!r}; left out", "cv", location)
                continue
            item = nodes.list_item()
            title = nodes.paragraph(classes=["homepage-cv__item-title"])
            title += nodes.strong(_text(group["title"]), _text(group["title"]))
            item += title
            if isinstance(group.get("items"), list) and group["items"]:
                item += _item_list(group["items"], self._where(group), "homepage-cv__subitems")
            groups += item
        return groups

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
        static_dirs = site_static_dirs(self.config.html_static_path)
        for static in static_dirs:
            relative = f"{static}/{name}"
            # Noted even while missing: Sphinx reads the page again until the file is there.
            self.env.note_dependency(relative)
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
