"""Which files are posts, and the document name of each: its al-folio address.

Jekyll makes a post of every ``YYYY-MM-DD-slug.md`` in ``_posts/`` (``homepage_posts_dir``), at the address its
``permalink`` (``homepage_blog_permalink``, al-folio's ``/blog/:year/:title/``) gives. Here that address is the
document's name: ``_posts/2026-01-20-physics-of-ai.md`` is the document ``blog/2026/physics-of-ai/index``,
written to ``blog/2026/physics-of-ai/index.html``, so every printed link to a post still answers. Search,
toctrees, ``{doc}``, incremental and ``-j`` builds then treat a post like any page.

Sphinx maps files to document names in its ``Project`` (``path2doc``/``discover``), made after ``config-inited``:
on ``builder-inited``, before the environment looks for files, it is replaced by :class:`PostsProject`, which
names the files of the posts folder this way. The placeholders ``:year``, ``:month``, ``:day`` come from the
front matter's ``date`` when it has one (as in Jekyll, the date as written, in its own offset), else from the
file name; a post's own ``permalink:`` wins, as in Jekyll. A post with ``published: false`` is no document.
A file of the folder that is not named like a post, or a second post at an address already taken, warns
(``homepage.post``) and is left out; the real site, without the folder, is named as before.

al-folio's projects are a collection of the same kind: ``_projects/1_project.md`` (``homepage_projects_dir``)
answers at ``/projects/1_project/``, so it is the document ``projects/1_project/index`` (:mod:`..projects`).
"""

from __future__ import annotations

import posixpath
import re
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path, PurePosixPath
from typing import Any

from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment
from sphinx.project import Project

from ..config import homepage_config
from ..dates import parse_date
from ..diagnostics import warn
from ..docstore import SiteRecord
from ..yamlfile import FRONT_MATTER_LIMITS, YAML_LOAD_ERRORS, YAMLLimitError, load, read_text

# Jekyll's post file name: a date (month and day may be unpadded) and the slug.
_POST_NAME = re.compile(r"(?P<year>\d{4})-(?P<month>\d{1,2})-(?P<day>\d{1,2})-(?P<slug>.+)")
#: A post's front matter block, its YAML in group 1.
FRONT_MATTER = re.compile(r"\A---[ \t]*\r?\n(.*?\r?\n)?---[ \t]*(\r?\n|\Z)", re.S)
# Past this size the file is read by Sphinx, which reports it; naming it needs only its front matter.
_MAX_POST_BYTES = 16 * 1024 * 1024
# Jekyll's placeholders that a post's date or name fills; any other ":word" is left as written.
_PLACEHOLDER = re.compile(r":(year|short_year|month|i_month|day|i_day|title|slug)\b")


@dataclass(frozen=True)
class PostFile:
    """What a post's file says before it is read: where it is, its slug and the date that names it."""

    source: str  # srcdir-relative, posix
    slug: str
    date: datetime  # the file name's, used when the front matter gives none


#: What names a post, of its front matter: ``published``, ``date`` and ``permalink`` as written.
NamingValues = tuple[Any, Any, Any]
#: Each post file's naming values, with the modification time and size they were read at: posts are named on
#: every build, a no-op one too, and reading a hundred front matters as YAML takes a third of a second.
NAMING_VALUES = SiteRecord("homepage_post_naming_values")


def _front_matter_values(path: Path) -> dict[str, Any]:
    """The front matter's values, or an empty mapping when there is none or it cannot be read (reading the
    page reports that, with its line)."""
    try:
        text = read_text(path, _MAX_POST_BYTES)
    except OSError:
        return {}
    match = FRONT_MATTER.match(text)
    if not match or not match.group(1):
        return {}
    try:
        values = load(match.group(1), FRONT_MATTER_LIMITS)
    except (YAMLLimitError, *YAML_LOAD_ERRORS):
        return {}
    return values if isinstance(values, dict) else {}


def permalink_path(permalink: str, slug: str, date: datetime) -> str:
    """The address ``permalink`` gives a post, without the leading ``/``."""
    values = {
        "year": f"{date.year:04d}",
        "short_year": f"{date.year % 100:02d}",
        "month": f"{date.month:02d}",
        "i_month": str(date.month),
        "day": f"{date.day:02d}",
        "i_day": str(date.day),
        "title": slug,
        "slug": slug,
    }
    return _PLACEHOLDER.sub(lambda match: values[match.group(1)], permalink).lstrip("/")


def address_docname(address: str) -> str | None:
    """The document an address is written to: ``blog/2026/x/`` -> ``blog/2026/x/index``, ``a/b.html`` -> ``a/b``."""
    address = posixpath.normpath("/" + address.split("#", 1)[0].split("?", 1)[0]).lstrip("/") + (
        "/" if address.endswith("/") else ""
    )
    if not address.strip("/") or address.startswith(".."):
        return None
    if address.endswith("/"):
        return address + "index"
    return address.removesuffix(".html")


class PostsProject(Project):
    """Sphinx's ``Project``, naming the posts folder's files by their al-folio addresses."""

    def __init__(
        self,
        project: Project,
        posts_dir: str,
        permalink: str,
        known: dict[str, tuple[int, int, NamingValues]] | None = None,
        projects_dir: str = "",
    ) -> None:
        super().__init__(project.srcdir, project.source_suffix)
        self.restore(project)
        self.posts_dir = PurePosixPath(posts_dir)
        self.projects_dir = PurePosixPath(projects_dir)
        #: docname -> the project's file (srcdir-relative, posix), for the documents that are projects.
        self.project_files: dict[str, str] = {}
        self.permalink = permalink
        #: docname -> the post's file, for the documents that are posts.
        self.post_files: dict[str, PostFile] = {}
        # The address each file took during the current discovery: a second post at one of them is left out.
        self._claimed: dict[str, str] = {}
        #: Post file (srcdir-relative) -> its modification time, size and naming values: the last build's, then this one's.
        self.known_values = dict(known or {})
        self.naming_values: dict[str, tuple[int, int, NamingValues]] = {}

    def _relative_in(self, folder: PurePosixPath, filename: Any) -> PurePosixPath | None:
        path = Path(filename)
        if path.is_absolute():
            try:
                path = path.relative_to(self.srcdir)
            except ValueError:
                return None
        posix = PurePosixPath(path.as_posix())
        return posix if folder.parts and posix.parts[: len(folder.parts)] == folder.parts else None

    def discover(self, exclude_paths: Any = (), include_paths: Any = ("**",)) -> set[str]:
        self.post_files = {}
        self.project_files = {}
        self._claimed = {}
        self.naming_values = {}
        return super().discover(exclude_paths, include_paths)

    def _naming_values(self, relative: PurePosixPath) -> NamingValues:
        """The post's ``published``, ``date`` and ``permalink``, read again only when its file changed."""
        path = self.srcdir / relative
        try:
            stat = path.stat()
        except OSError:
            return (None, None, None)
        key = relative.as_posix()
        known = self.known_values.get(key)
        if known is not None and known[:2] == (stat.st_mtime_ns, stat.st_size):
            values = known[2]
        else:
            front = _front_matter_values(path)
            values = (front.get("published"), front.get("date"), front.get("permalink"))
        self.naming_values[key] = (stat.st_mtime_ns, stat.st_size, values)
        return values

    def path2doc(self, filename: Any) -> str | None:
        relative = self._relative_in(self.posts_dir, filename)
        in_projects = relative is None and self._relative_in(self.projects_dir, filename)
        if relative is None and not in_projects:
            return super().path2doc(filename)
        known = self._path_to_docname.get(Path(relative or in_projects))
        if known is not None:
            return known
        return self._post_docname(relative) if relative is not None else self._project_docname(in_projects)

    def _project_docname(self, relative: PurePosixPath) -> str | None:
        suffix = next((suffix for suffix in self.source_suffix if relative.name.endswith(suffix)), None)
        if suffix is None or len(relative.parts) != len(self.projects_dir.parts) + 1:
            return None  # an image beside the projects, or a file in a folder of theirs (Jekyll's :path has no folder)
        if self._naming_values(relative)[0] is False:
            return None
        docname = f"projects/{relative.name.removesuffix(suffix)}/index"
        self.project_files[docname] = relative.as_posix()
        return docname

    def _post_docname(self, relative: PurePosixPath) -> str | None:
        suffix = next((suffix for suffix in self.source_suffix if relative.name.endswith(suffix)), None)
        if suffix is None:
            return None  # an image or a data file beside the posts
        location = f"{self.srcdir / relative}:1"
        named = _POST_NAME.fullmatch(relative.name.removesuffix(suffix))
        file_date = _file_date(named)
        if file_date is None:
            warn("a post's file name should be YYYY-MM-DD-title (as Jekyll's); this file is left out", "post", location)
            return None
        published, written_date, own = self._naming_values(relative)
        if published is False:
            return None
        slug = named["slug"]
        date = parse_date(written_date) or file_date
        docname = address_docname(permalink_path(own if isinstance(own, str) else self.permalink, slug, date))
        if docname is None:
            warn(f"the post's address {self.permalink!r} names no page; this post is left out", "post", location)
            return None
        taken = self._claimed.get(docname)
        if taken is not None and taken != relative.as_posix():
            warn(f"{taken} has this post's address already ({docname}); this post is left out", "post", location)
            return None
        self._claimed[docname] = relative.as_posix()
        self.post_files[docname] = PostFile(relative.as_posix(), slug, file_date)
        return docname


def _file_date(named: re.Match | None) -> datetime | None:
    if named is None:
        return None
    try:
        return datetime(int(named["year"]), int(named["month"]), int(named["day"]))
    except ValueError:
        return None


def post_file(env: BuildEnvironment, docname: str) -> PostFile | None:
    """The file of the post ``docname``, or None when the document is no post."""
    project = env.project
    return project.post_files.get(docname) if isinstance(project, PostsProject) else None


def project_file(env: BuildEnvironment, docname: str) -> str | None:
    """The file of the al-folio project ``docname`` (srcdir-relative), or None when the document is no project."""
    project = env.project
    return project.project_files.get(docname) if isinstance(project, PostsProject) else None


def is_jekyll_page(env: BuildEnvironment, docname: str) -> bool:
    """Whether ``docname`` is written as Jekyll reads it (Liquid, then kramdown): a post or a project."""
    return post_file(env, docname) is not None or project_file(env, docname) is not None


def _adapt_project(app: Sphinx) -> None:
    settings = homepage_config(app)
    if not settings.posts_dir and not settings.projects_dir:
        return
    project = PostsProject(
        app.project, settings.posts_dir, settings.blog_permalink, NAMING_VALUES.get(app.env), settings.projects_dir
    )
    app.project = project
    app.env.project = project


def _keep_naming_values(app: Sphinx, env: BuildEnvironment, added: set[str], changed: set[str], removed: set[str]) -> list[str]:
    # After the files were found, before a build that reads anything saves the environment: the values of the
    # posts there are now (a build that reads nothing keeps the last saved ones, as current as then).
    project = env.project
    if isinstance(project, PostsProject):
        NAMING_VALUES.set(env, project.naming_values)
    return []


def setup_discovery(app: Sphinx) -> None:
    app.connect("builder-inited", _adapt_project)
    app.connect("env-get-outdated", _keep_naming_values)
