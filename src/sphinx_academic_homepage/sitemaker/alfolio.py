"""``make import-alfolio``: an al-folio checkout read into a new site of this project's layout.

:func:`import_alfolio` reads SRC (any of al-folio's content folders may be missing; its layouts, includes and
styles are not read) and writes DEST:

============================================  ============================================================
al-folio                                      here
============================================  ============================================================
``_pages/*.md`` with ``layout: about``        ``index.md`` (front matter as it is)
the publications page (``/publications/``)    ``papers/index.md`` (front matter as it is; the list made
                                              by the ``publications`` directive)
the CV page (``layout: cv``)                  ``cv/index.md``, the ``cv`` directive on ``_data/cv.yml`` or
                                              ``assets/json/resume.json``
other pages (``_pages/talks.md``)             the folder their ``permalink`` names (``talk/index.md``),
                                              else the file's name; front matter as it is
the projects page (``/projects/``)            ``projects/index.md`` (the cards added by the extension)
the blog, news and repositories pages         made by the extension from the posts, news and data
``_bibliography/papers.bib``                  ``papers/papers.bib``
``_news/``, ``_posts/``, ``_projects/``       ``news/``, ``_posts/``, ``_projects/``
``_data/{cv,coauthors,venues,repositories}``  ``_data/`` (where the extension reads them)
``assets/`` (images, PDFs, media, resume)     ``assets/``, but for the theme's ``css/``, ``js/``, fonts
``_config.yml``, ``_data/socials.yml``        settings of ``conf.py`` (written by :mod:`.frame`)
============================================  ============================================================

Liquid this site cannot carry is taken out (:mod:`.liquid`), what a script or another host gave a page is made
into what this site shows (:mod:`.markup`), and every change and omission is written to ``DEST/MIGRATION.md``
(:mod:`.migration`). SRC is read through :mod:`.source`, which never leaves it; ``_config.yml`` and the
profiles become settings in :mod:`.alfolio_config`. Everything is decided before anything is written: an error
(SRC is no al-folio site, DEST is not empty) leaves no file behind. Files are read and written in sorted
order with nothing taken from the clock, so two imports of one checkout give identical trees.

SRC is an al-folio site when it holds at least one of ``_config.yml``, a ``_pages/`` folder with a Markdown
page, or ``_bibliography/papers.bib``: a checkout reduced to its content folders still counts.
"""

from __future__ import annotations

import re
import shutil
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..profile import PROFILE_KEYS
from ..typos import one_edit_apart
from ..yamlfile import FRONT_MATTER_LIMITS, YAML_LOAD_ERRORS, load
from . import alfolio_config as config_reading
from .bibfix import check_bibliography, fix_bibliography, how_to_fix
from .liquid import clean_liquid
from .markup import carried_markup
from .migration import MigrationLog
from .source import SourceTree

from .frame import SiteSettings, require_empty, write_frame


#: What SRC must hold (one of them) to be read as an al-folio site.
MARKERS = ("_config.yml", "_pages/*.md", "_bibliography/papers.bib")
#: The data files of ``_data/`` the extension reads where al-folio keeps them.
DATA_FILES = ("coauthors.yml", "venues.yml", "repositories.yml", "cv.yml")
#: What is read at the top of a checkout; anything else there is named in MIGRATION.md as left out.
READ_ENTRIES = frozenset({"_config.yml", "_pages", "_bibliography", "_news", "_posts", "_data", "_projects", "assets"})
#: What al-folio's theme and Jekyll's tooling keep at the top of a checkout, and why none of it is needed here.
THEME_ENTRIES = {
    "_layouts": "the theme's layouts: this site's theme takes their place",
    "_includes": "the theme's includes: this site's theme and extension take their place",
    "_sass": "the theme's styles: this site's theme takes their place",
    "_plugins": "Jekyll's plugins: the extension does what they did",
    "_site": "Jekyll's built site: `make html` builds this one",
}
#: Folders of ``assets/`` that are al-folio's theme (styles, scripts, fonts), not the owner's files.
THEME_ASSETS = frozenset({"css", "js", "fonts", "webfonts", "sass", "scss"})
#: Folders of DEST a page of the same name would collide with.
_RESERVED = frozenset({"index", "papers", "cv", "news", "blog", "projects", "repositories", "assets", "_static",
                       "_data", "_posts", "_projects", "_build", "tests", "src"})
# A file of the site a page names: a Markdown link or image, an HTML src/href, an include's path.
_SITE_FILE = re.compile(r"""(?:\]\(|\b(?:src|href|path)=["'])(?:\{\{ *site\.baseurl *\}\})?/?(?P<path>assets/[^)"'\s#?]+)""")
# A permalink that names a folder of plain names (``/talk/``, ``/teaching/fall/``).
_FOLDER_ADDRESS = re.compile(r"[\w-]+(?:/[\w-]+)*")
_FRONT_MATTER = re.compile(r"\A---[ \t]*\r?\n(?P<yaml>.*?\r?\n)?---[ \t]*(\r?\n|\Z)", re.S)
_DEFAULT_PUBLICATIONS_PAGE = "---\nlayout: page\ntitle: publications\npermalink: /publications/\nnav: true\n---\n\n"
_BIBLIOGRAPHY_TAG = re.compile(r"\{%-?\s*bibliography\b.*?-?%\}", re.S)
_PUBLICATIONS = "```{publications}\n:group-by: year\n```\n"


#: Front matter keys that switch on what al-folio's layouts load for a page (a widget, a script), which this site
#: does not: kept in the file, where they do nothing, and named in MIGRATION.md.
SCRIPT_KEYS = {
    "giscus_comments": "the giscus comments widget (another host's)",
    "disqus_comments": "the Disqus comments widget (another host's)",
    "related_posts": "the list of related posts",
    "pretty_table": "bootstrap-table's sorting and search",
    "mermaid": "the script that draws `mermaid` diagrams",
    "chart": "the scripts that draw charts",
    "map": "the script that draws maps",
    "code_diff": "the script that draws code diffs",
    "tikzjax": "the script that draws TikZ",
    "typograms": "the script that draws typograms",
    "pseudocode": "the script that typesets pseudocode",
    "images": "the image sliders, comparisons and lightboxes",
    "tabs": "the script that switches tabs",
    "_styles": "the page's own CSS (this site's pages carry no style of their own)",
}


class NotAnAlfolioSite(Exception):
    """SRC holds none of the files that make an al-folio site."""


@dataclass
class ImportReport:
    """What an import wrote: the settings given to the frame writer, the files, and the counts of each kind."""

    dest: Path
    site: SiteSettings
    #: Paths written, relative to DEST, sorted.
    written: list[str]
    #: "pages", "news", "posts", "projects" -> how many files of that kind were written.
    counts: dict[str, int]
    #: Links in SRC that lead out of it, skipped.
    skipped_links: list[str]
    #: (source file, what) for everything left out, as MIGRATION.md lists it.
    left_out: list[tuple[str, str]]


@dataclass
class _Plan:
    source: SourceTree
    config: dict[str, Any]
    log: MigrationLog = field(default_factory=MigrationLog)
    texts: dict[str, str] = field(default_factory=dict)
    copies: dict[str, Path] = field(default_factory=dict)
    counts: dict[str, int] = field(default_factory=lambda: {"pages": 0, "news": 0, "posts": 0, "projects": 0})
    #: (nav_order, source file, docname) of the pages al-folio shows in its navbar.
    navbar: list[tuple[float, str, str]] = field(default_factory=list)

    def copy(self, relative: str, target: str) -> None:
        path = self.source.path(relative)
        if path is not None:
            self.copies[target] = path


def _check_source(source: SourceTree) -> None:
    if source.root.is_dir() and (
        source.is_file("_config.yml") or source.files("_pages", (".md",)) or source.is_file("_bibliography/papers.bib")
    ):
        return
    raise NotAnAlfolioSite(f"{source.root} is not an al-folio site: it holds none of {', '.join(MARKERS)}")


# -- Pages --------------------------------------------------------------------------------------------------------


def split_front_matter(text: str) -> tuple[str, dict[str, Any], str]:
    """The front matter block as written (with its ``---`` lines), its values, and the body."""
    match = _FRONT_MATTER.match(text)
    if not match:
        return "", {}, text
    try:
        values = load(match["yaml"] or "", FRONT_MATTER_LIMITS)
    except YAML_LOAD_ERRORS:
        values = None
    return match.group(0), values if isinstance(values, dict) else {}, text[match.end() :]


def _page_kind(values: dict[str, Any], body: str) -> str:
    """Which of al-folio's pages this is: about, publications, cv, blog, news, projects, repositories, 404, page."""
    permalink = str(values.get("permalink") or "").strip("/").removesuffix(".html")
    layout = str(values.get("layout") or "")
    if layout == "about":
        return "about"
    if layout == "cv" or permalink == "cv":
        return "cv"
    if _BIBLIOGRAPHY_TAG.search(body) or permalink == "publications":
        return "publications"
    if values.get("pagination") or permalink == "blog":
        return "blog"
    if permalink in ("news", "repositories", "404"):
        return permalink
    if values.get("dropdown"):
        return "dropdown"
    if permalink == "projects":
        return "projects"  # kept: the extension puts the project cards at its end
    return "page"


#: Pages the extension makes itself, and why they are not copied.
_MADE_HERE = {
    "blog": ("blog/index", "the blog's index is made from `_posts/` by the extension"),
    "news": ("news/index", "the news page is made from `news/` by the extension"),
    "repositories": ("", "the repositories page is made from `_data/repositories.yml` by the extension "
                     "(in the navbar once the file lists one)"),
    "404": ("", "the site has its own page for addresses that name nothing"),
    "dropdown": ("", "a navbar menu of other pages; each of its pages is in the navbar here"),
}


def _note_missing_files(plan: _Plan, source: str, values: dict[str, Any], body: str) -> None:
    """Name the files of the site that a page shows or links and the checkout does not hold (its photo, a PDF)."""
    named = [match["path"] for match in _SITE_FILE.finditer(body)]
    photo = values.get("profile", {}).get("image") if isinstance(values.get("profile"), dict) else None
    if isinstance(photo, str) and photo.strip():
        named.append(photo.strip().lstrip("/") if "/" in photo else f"assets/img/{photo.strip()}")
    for path in dict.fromkeys(named):
        if not plan.source.is_file(path):
            plan.log.left_out(source, f"`{path}`, which it shows or links: not in the checkout (put it there by hand)")


def _note_script_keys(plan: _Plan, source: str, values: dict[str, Any]) -> None:
    for key, what in SCRIPT_KEYS.items():
        if values.get(key) not in (None, False, "", {}, []):
            plan.log.left_out(source, f"`{key}:` in the front matter, {what}: this site loads no script for a page")


def _body(plan: _Plan, source: str, body: str, post: bool = False) -> str:
    cleaned = clean_liquid(body, config_reading.site_values(plan.config), post=post)
    for text in cleaned.changed:
        plan.log.changed(source, text)
    for text in cleaned.left_out:
        plan.log.left_out(source, text)
    return carried_markup(cleaned.text, source, plan.log, config_reading.base_path(plan.config))


def _page_folder(values: dict[str, Any], stem: str) -> str:
    """Where a page goes: the folder its ``permalink`` names (``/talk/`` -> ``talk``), so that the page itself
    answers at its old address; else the file's name (``_pages/teaching.md`` -> ``teaching``)."""
    address = str(values.get("permalink") or "").strip().strip("/").removesuffix(".html").removesuffix("/index")
    usable = _FOLDER_ADDRESS.fullmatch(address) and address.split("/")[0].lower() not in _RESERVED
    return address if usable else stem


def _page_target(plan: _Plan, name: str) -> str:
    folder = name if name.lower() not in _RESERVED else f"{name}-page"
    while f"{folder}/index.md" in plan.texts:
        folder += "-page"
    return f"{folder}/index.md"


def _orphan(front_matter: str) -> str:
    """The front matter with ``orphan: true``: a page outside the navbar, reached by its address and links."""
    if not front_matter:
        return "---\norphan: true\n---\n"
    closing = front_matter.rstrip().rfind("---")
    return front_matter[:closing] + "orphan: true\n" + front_matter[closing:]


def _note_navbar(plan: _Plan, source: str, values: dict[str, Any], docname: str) -> bool:
    if values.get("nav") is not True or not docname:
        return False
    order = values.get("nav_order")
    order = float(order) if isinstance(order, (int, float)) and not isinstance(order, bool) else float("inf")
    plan.navbar.append((order, source, docname))
    return True


def _cv_body(plan: _Plan) -> str:
    for data in ("_data/cv.yml", "assets/json/resume.json"):
        if plan.source.is_file(data):
            return f"\n```{{cv}} /{data}\n```\n"
    return ""


def _mend_profile_keys(plan: _Plan, source: str, target: str, front_matter: str, values: dict[str, Any]) -> str:
    """The about page's ``profile:`` keys: one a letter away from a key al-folio's about layout reads is that key
    (al-folio ignored it: the value is its default's, or the owner meant it); any other is named to fix."""
    profile = values.get("profile")
    for key in profile if isinstance(profile, dict) else ():
        if not isinstance(key, str) or key in PROFILE_KEYS:
            continue
        written = re.compile(rf"^([ \t]+){re.escape(key)}(?=[ \t]*:)", re.M)
        near = [known for known in PROFILE_KEYS if one_edit_apart(key, known) and known not in profile]
        if len(near) == 1:
            front_matter = written.sub(rf"\g<1>{near[0]}", front_matter, count=1)
            plan.log.changed(source, f"`profile.{key}` as `profile.{near[0]}`, the key al-folio's about layout reads")
        elif found := written.search(front_matter):
            line = front_matter.count("\n", 0, found.start()) + 1
            plan.log.to_fix(source, f"`{target}:{line}`: unknown front matter key 'profile.{key}' is ignored "
                                    "[homepage.frontmatter] — delete it (al-folio's about layout does not read it either)")
    return front_matter


def _read_page(plan: _Plan, source: str) -> None:
    text = plan.source.text(source)
    if text is None:
        plan.log.left_out(source, "the file: it is not UTF-8 text this importer can read")
        return
    front_matter, values, body = split_front_matter(text)
    kind = _page_kind(values, body)
    if kind in _MADE_HERE:
        docname, why = _MADE_HERE[kind]
        made = docname and (plan.source.files("_posts", (".md",)) if kind == "blog" else plan.source.files("_news"))
        if made:
            _note_navbar(plan, source, values, docname)
        plan.log.left_out(source, f"the page: {why}")
        return
    target = {"about": "index.md", "publications": "papers/index.md", "cv": "cv/index.md", "projects": "projects/index.md"}.get(kind)
    if target in plan.texts:  # a second page of that kind is a page of its own
        kind, target = "page", None
    target = target or _page_target(plan, _page_folder(values, Path(source).stem))
    if kind == "publications" and _BIBLIOGRAPHY_TAG.search(body):
        body = _BIBLIOGRAPHY_TAG.sub("", body)
        plan.log.changed(source, "`{% bibliography %}` is the `publications` directive, at the end of the page")
    if kind == "about":
        front_matter = _mend_profile_keys(plan, source, target, front_matter, values)
    _note_missing_files(plan, source, values, body)
    body = _body(plan, source, body)
    _note_script_keys(plan, source, values)
    if kind == "publications":
        body = body.rstrip() + "\n\n" + _PUBLICATIONS
    elif kind == "cv":
        body = body.rstrip() + "\n" + _cv_body(plan)
    elif kind == "projects":
        plan.log.changed(source, "the project cards are put at the end of the page by the extension, from `_projects/`")
    layout = str(values.get("layout") or "page")
    if layout not in ("about", "page", "cv"):
        plan.log.left_out(source, f"the layout `{layout}`: shown as a page")
    in_navbar = kind == "about" or _note_navbar(plan, source, values, target.removesuffix(".md"))
    if not in_navbar:
        front_matter = _orphan(front_matter)
        plan.log.changed(source, "`orphan: true` in its front matter: not in the navbar, reached by its address")
    plan.texts[target] = front_matter + body
    plan.counts["pages"] += 1
    plan.log.carried(source, f"-> `{target}`")


def _navigation(plan: _Plan) -> list[str]:
    entries = ["index"] if "index.md" in plan.texts else []
    entries += [docname for _, _, docname in sorted(plan.navbar) if docname not in entries]
    return entries


# -- Collections, data and files ------------------------------------------------------------------------------------


def _read_posts(plan: _Plan) -> None:
    for source in plan.source.files("_posts"):
        name = source.removeprefix("_posts/")
        if not source.endswith(".md"):
            plan.log.left_out(source, "the file: only Markdown posts are read here")
            continue
        text = plan.source.text(source)
        if text is None:
            plan.log.left_out(source, "the file: not UTF-8 text")
            continue
        front_matter, values, body = split_front_matter(text)
        if values.get("layout") not in (None, "post"):
            front_matter = re.sub(r"(?m)^layout:.*$", "layout: post", front_matter, count=1)
            plan.log.changed(source, f"`layout: {values['layout']}` read as `layout: post`")
        _note_missing_files(plan, source, values, body)
        plan.texts[f"_posts/{name}"] = front_matter + _body(plan, source, body, post=True)
        _note_script_keys(plan, source, values)
        plan.counts["posts"] += 1
        plan.log.carried(source, f"-> `_posts/{name}`")


def _read_news(plan: _Plan) -> None:
    for source in plan.source.files("_news"):
        name = source.removeprefix("_news/")
        text = plan.source.text(source) if source.endswith(".md") else None
        if text is None:
            plan.log.left_out(source, "the file: news items are Markdown files here")
            continue
        front_matter, values, body = split_front_matter(text)
        _note_missing_files(plan, source, values, body)
        plan.texts[f"news/{name}"] = front_matter + _body(plan, source, body)
        _note_script_keys(plan, source, values)
        plan.counts["news"] += 1
        plan.log.carried(source, f"-> `news/{name}`")


def _copy_folder(plan: _Plan, folder: str, target: str, note: str) -> int:
    files = plan.source.files(folder)
    for source in files:
        plan.copy(source, target + source.removeprefix(folder))
    if files:
        plan.log.carried(folder + "/", f"{len(files)} files -> `{target}/`{note}")
    return len(files)


def _read_data(plan: _Plan) -> None:
    for source in plan.source.files("_data"):
        name = source.removeprefix("_data/")
        if name in DATA_FILES:
            plan.copy(source, source)
            plan.log.carried(source, f"-> `{source}`")
        elif name != "socials.yml":
            plan.log.left_out(source, "the file: no page of this site reads it")
    plan.counts["projects"] = _copy_folder(plan, "_projects", "_projects", " (the projects page and its cards)")


def _read_files(plan: _Plan) -> None:
    if plan.source.is_file("_bibliography/papers.bib"):
        _read_bibliography(plan)
        if "papers/index.md" not in plan.texts:
            plan.texts["papers/index.md"] = _DEFAULT_PUBLICATIONS_PAGE + _PUBLICATIONS
            plan.navbar.append((float("inf"), "_bibliography/papers.bib", "papers/index"))
            plan.log.changed("_bibliography/papers.bib", "listed on `papers/index.md` (at `/publications/`), "
                             "al-folio's publications page, which `_pages/` does not hold")
    for source in plan.source.files("_bibliography"):
        if source != "_bibliography/papers.bib":
            plan.log.left_out(source, "the file: the papers page lists `papers.bib`")
    for source in plan.source.files("assets"):
        folder = source.split("/")[1] if source.count("/") > 1 else ""
        if folder in THEME_ASSETS:
            plan.log.left_out(f"assets/{folder}/", "the theme's files: this site's theme and extension take their place")
        else:
            plan.copy(source, source)
    for source in sorted({source.rpartition("/")[0] for source in plan.copies if source.startswith("assets/")}):
        plan.log.carried(f"{source}/", f"-> `{source}/`")


def _read_bibliography(plan: _Plan) -> None:
    text = plan.source.text("_bibliography/papers.bib")
    plan.log.carried("_bibliography/papers.bib", "-> `papers/papers.bib`")
    if text is None:
        plan.copy("_bibliography/papers.bib", "papers/papers.bib")  # as it is: the build says what it cannot read
        return
    plan.texts["papers/papers.bib"], changes = fix_bibliography(text)
    for change in changes:
        plan.log.changed("_bibliography/papers.bib", change)


def _note_bibliography_warnings(dest: Path, plan: _Plan) -> None:
    """What the new site's build warns about in the bibliography the import left as it was, with how to fix it,
    and the entries it shows without an author or a year."""
    if (dest / "papers/papers.bib").is_file():
        check = check_bibliography(dest / "papers/papers.bib", dest)
        for line, message in check.warnings:
            plan.log.to_fix("_bibliography/papers.bib", f"`papers/papers.bib:{line}`: {message} — {how_to_fix(message)}")
        for line, note in check.worth_a_look:
            plan.log.worth_a_look("_bibliography/papers.bib", f"`papers/papers.bib:{line}`: {note}")


def _note_unread(plan: _Plan) -> None:
    for name in plan.source.entries():
        if name in READ_ENTRIES:
            continue
        why = THEME_ENTRIES.get(name, "not read by the import (if it is part of your site, copy it over by hand)")
        plan.log.left_out(name + ("/" if plan.source.is_dir(name) else ""), why)


# -- Settings ---------------------------------------------------------------------------------------------------------


def _site_settings(plan: _Plan) -> SiteSettings:
    config, log = plan.config, plan.log
    name = config_reading.owner_name(config)
    title = str(config.get("title") or "").strip()
    # al-folio's `title` is the site's, "blank" meaning the owner's name.
    project = (title if title != "blank" else "") or name or "Your Name"
    if name:
        log.carried("_config.yml", "`first_name`/`last_name` -> `homepage_owner_name` (and `project` unless `title` names the site)")
    else:
        log.left_out("_config.yml", "your name (no `first_name`/`last_name`): write it in `conf.py`'s `project`")
    settings: dict[str, object] = {"homepage_owner_name": name or project}
    settings.update(config_reading.language(config, log))
    names = config_reading.author_names(config, log)
    if names:
        settings["homepage_author_names"] = names
    settings["homepage_social"] = config_reading.social_setting(
        plan.source, config, log, has_feed=bool(plan.counts["posts"] or plan.counts["news"])
    )
    settings["homepage_navigation"] = _navigation(plan)
    if "papers/papers.bib" in plan.copies or "papers/papers.bib" in plan.texts:
        settings["bibtex_bibfiles"] = ["papers/papers.bib"]
        # al-folio shows an entry's BibTeX only when the entry says bibtex_show={true}.
        settings["homepage_bibtex_show"] = False
    settings.update(config_reading.limits(config, log))
    settings.update(config_reading.blog_settings(config, log))
    config_reading.note_settings_without_counterpart(config, log) if config else None
    baseurl = config_reading.html_baseurl(config)
    if baseurl:
        log.carried("_config.yml", f"`url`/`baseurl` -> `html_baseurl = {baseurl!r}`")
    return SiteSettings(project=project, html_baseurl=baseurl, settings=settings)


# -- Import -----------------------------------------------------------------------------------------------------------


def _plan(source: SourceTree) -> _Plan:
    config = source.yaml("_config.yml") if source.is_file("_config.yml") else None
    plan = _Plan(source, config if isinstance(config, dict) else {})
    if config is not None and not isinstance(config, dict):
        plan.log.left_out("_config.yml", "the file: it is not YAML this importer can read")
    for page in source.files("_pages"):
        if page.endswith(".md"):
            _read_page(plan, page)
        else:
            plan.log.left_out(page, "the file: pages are Markdown here")
    _read_news(plan)
    _read_posts(plan)
    _read_data(plan)
    _read_files(plan)
    _note_unread(plan)
    return plan


def _write(dest: Path, plan: _Plan, site: SiteSettings) -> list[str]:
    for link in plan.source.skipped_links:
        plan.log.left_out(link, "the link: it leads out of the al-folio checkout, which the import never leaves")
    dest.mkdir(parents=True, exist_ok=True)
    for relative in sorted(plan.texts):
        target = dest / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(plan.texts[relative], encoding="utf-8")
    for relative in sorted(plan.copies):
        target = dest / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(plan.copies[relative], target)
    # Last: it names what the build of the files written warns about.
    _note_bibliography_warnings(dest, plan)
    (dest / "MIGRATION.md").write_text(plan.log.markdown(site.project), encoding="utf-8")
    return sorted([*plan.texts, *plan.copies, "MIGRATION.md"])


def import_alfolio(src: Path, dest: Path, *, frame: bool = True) -> ImportReport:
    """Read the al-folio checkout ``src`` into the new folder ``dest``; nothing is written when it raises.

    ``frame=False`` writes the content only, not the files around it (``conf.py``, the ``Makefile``, the
    package's wheel...): for a caller that writes its own, as tests do that build many imports.
    """
    source = SourceTree(Path(src))
    _check_source(source)
    dest = Path(dest).absolute()
    require_empty(dest)
    plan = _plan(source)
    site = _site_settings(plan)
    written = _write(dest, plan, site)
    if frame:
        written = sorted({*written, *(path.relative_to(dest).as_posix() for path in write_frame(dest, site))})
    return ImportReport(dest, site, written, plan.counts, list(source.skipped_links), plan.log.left_out_everywhere())
