"""al-folio's ``figure``, ``video`` and ``audio`` includes of a post, as one line of HTML each.

The posts' converter calls :func:`figure_html`, :func:`video_html` and :func:`audio_html` when a post is
read, with the include's parameters as written (``path``, ``class``, ``caption``, ``alt``, ``zoomable``...),
and puts the line in place of the include (one line, so the post keeps its line numbers). What cannot be
shown gives one ``homepage.post`` warning at the include's line; the rest of the post is untouched.

Figures go through the image pipeline (:mod:`..images`): a post's 3 MB PNG reaches a phone as an AVIF or WebP
copy the width of its column, with ``width``/``height`` (no layout shift) and ``loading="lazy"`` unless the
include says ``loading="eager"``. The copies are noted for the page when it is read, so ``-j`` and
incremental builds know them, and written once per version of the image. SVG and GIF files (drawings that are
sharp at every width, animations) are published as they are, an SVG only if it just draws
(:func:`..images.svg_hazard`). ``zoomable=true`` makes the picture a link to its largest copy: no script.

A caption is HTML, as al-folio pastes it into the page (Markdown in it is not read, as kramdown does not
read it in an HTML block), reduced to inline markup and links (:data:`..sanitiser.FIELD`).

Videos and audio files of the site are copied as they are and shown with the browser's controls, loading
only their metadata until played (``autoplay`` is not carried: a page load downloads no video). A video or
sound on another host (a YouTube or Vimeo player) becomes a link to it: a page loads nothing from other
hosts.

Paths are al-folio's (``assets/img/x.jpg`` or ``/assets/img/x.jpg``, from the site's root) and must name a
file inside the site: nothing outside the source folder, and nothing in a hidden folder, is read.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path
from typing import Any

from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment
from sphinx.util.osutil import relative_uri

from ..diagnostics import warn
from ..docstore import DocumentStore
from ..images import (
    IMAGES_DIR,
    ResponsiveImage,
    describe_image,
    file_digest,
    header_size,
    image_hazard,
    picture_html,
    register_image,
    safe_stem,
)
from ..sanitiser import FIELD, browser_url, is_remote, sanitise
from ..urls import is_safe_url

#: How wide a figure is shown: the post's column, 928 px on a laptop's screen (1280 px), the screen less the
#: column's padding (1rem each side) on a phone (358 of 390 px). Measured in Chromium; a figure in a row of
#: al-folio's columns is narrower, and gets a copy sharper than it needs.
FIGURE_SIZES = "(min-width: 960px) 930px, calc(100vw - 2rem)"
#: Widths of a figure's copies, for that column: a phone's at 1.5x to 2x (720 px; 480 at 1x), a laptop's at 1x
#: (960) and at 1.5x or more (1440, the widest copy any image gets). The photo's finer steps
#: (:data:`..images.TARGET_WIDTHS`) would add three copies per figure that no common screen picks.
FIGURE_WIDTHS = (480, 720, 960, 1440)
#: Published as they are: sharp at any width (SVG), or animated (GIF).
AS_IS = frozenset({".svg", ".gif"})
#: Folder of the HTML output holding the videos and sounds posts show.
MEDIA_DIR = "_media"
#: Files a page publishes as they are: docname -> [(source path, path in the output)], copied on env-updated.
PAGE_FILES = DocumentStore("homepage_media_files")

_FALSE = frozenset({"false", "no", "0", "nil", "off"})
# A CSS length as al-folio's includes take it ("100%", "300px", "20em"); a bare number is pixels.
_CSS_LENGTH = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*(px|%|em|rem|vw|vh)?\s*$")


def _flag(attributes: dict[str, str], name: str) -> bool:
    """An include's yes/no parameter: present and not ``false`` (Liquid's ``zoomable=true``, ``controls``)."""
    value = attributes.get(name)
    return value is not None and value.strip().lower() not in _FALSE


def _attribute_text(value: str) -> str:
    """A value written in a double-quoted attribute, on one line, escaped as the sanitiser writes it."""
    value = " ".join(value.replace("\0", "").split())
    return value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")


def _attributes(**values: str | None) -> str:
    """`` name="value"`` for each value given (``class_`` for ``class``); None leaves the attribute out."""
    return "".join(
        f' {name.rstrip("_").replace("_", "-")}="{_attribute_text(value)}"' for name, value in values.items() if value is not None
    )


def _style(attributes: dict[str, str]) -> str | None:
    """``width``/``height`` given as CSS lengths, as a style (the intrinsic size stays in the attributes)."""
    declarations = []
    for name in ("width", "height"):
        match = _CSS_LENGTH.match(attributes.get(name, ""))
        if match:
            declarations.append(f"{name}: {match.group(1)}{match.group(2) or 'px'}")
    return "; ".join(declarations) or None


def _link(href: str, css_class: str, content: str, aria_label: str | None = None) -> str:
    """``<a>`` around ``content`` (HTML); a link to another host carries ``rel="noopener"``, as every such link does."""
    rel = "noopener" if is_remote(href) else None
    return f"<a{_attributes(class_=css_class, href=href, aria_label=aria_label, rel=rel)}>{content}</a>"


# -- Files of the site -----------------------------------------------------------------------------------------


def site_file(app: Sphinx, path: str) -> Path | None:
    """The file ``path`` names inside the site (al-folio's paths start at the site's root), or None.

    None for anything outside the source folder (``..``, an absolute path elsewhere, a link pointing out),
    in a hidden folder, or not a file.
    """
    relative = browser_url(path).split("?", 1)[0].split("#", 1)[0].lstrip("/")
    if not relative or any(part.startswith(".") for part in Path(relative).parts):
        return None
    srcdir = Path(app.srcdir).resolve()
    try:
        resolved = (srcdir / relative).resolve()
    except (OSError, RuntimeError):
        return None
    if not resolved.is_relative_to(srcdir) or not resolved.is_file():
        return None
    return resolved


def _publish(app: Sphinx, docname: str, path: Path, folder: str) -> str:
    """Note that ``docname`` publishes ``path`` as it is; the URL of its copy from the page.

    The copy's name holds a digest of the file, so a changed file gets a new name (browsers' caches) and an
    unchanged one is copied once.
    """
    target = f"{folder}/{safe_stem(path.stem)}-{file_digest(path)}{path.suffix.lower()}"
    PAGE_FILES.of(app.env).setdefault(docname, []).append((str(path), target))
    app.env.note_dependency(str(path))
    return _page_prefix(app, docname) + target


def _page_prefix(app: Sphinx, docname: str) -> str:
    """The site's root as seen from the page of ``docname`` (``../../../`` for ``blog/2026/x/index``)."""
    return relative_uri(app.builder.get_target_uri(docname), "")


def _copy_published_files(app: Sphinx, env: BuildEnvironment) -> None:
    if app.builder.format != "html":
        return
    outdir = Path(app.outdir)
    copies = {target: source for files in PAGE_FILES.of(env).values() for source, target in files}
    for target, source in sorted(copies.items()):
        destination = outdir / target
        if destination.exists():
            continue
        destination.parent.mkdir(parents=True, exist_ok=True)
        try:
            shutil.copyfile(source, destination)
        except OSError as error:  # removed since the page was read: the page is read again next build
            shown_on = next(docname for docname, files in PAGE_FILES.of(env).items() if (source, target) in files)
            warn(f"the file {Path(source).name!r} could not be published ({error})", "post", shown_on)


# -- Figures -------------------------------------------------------------------------------------------------


def _caption(attributes: dict[str, str], location: Any) -> str:
    caption = attributes.get("caption")
    if not caption or not caption.strip():
        return ""
    result = sanitise(" ".join(caption.split()), FIELD, balanced=True)
    if result.removed:
        warn(f"figure caption: {result.summary()}", "post", location)
    return f'<figcaption class="caption">{result.html}</figcaption>'


def _alt(attributes: dict[str, str]) -> str:
    """al-folio's ``alt``, else its ``title``, else the caption's text (a figure's image is what it shows)."""
    for name in ("alt", "title"):
        if attributes.get(name):
            return attributes[name]
    caption = sanitise(attributes.get("caption") or "", FIELD, balanced=True).html
    return re.sub(r"<[^>]*>", "", caption).replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")


def _picture(app: Sphinx, docname: str, path: Path, attributes: dict[str, str], location: Any) -> tuple[str, str] | None:
    """The figure's ``<picture>`` (or ``<img>`` of the file as it is) and the URL of its largest version."""
    img = _attributes(
        class_=attributes.get("class"),
        alt=_alt(attributes),
        title=attributes.get("title"),
        loading="eager" if (attributes.get("loading") or "").strip() == "eager" else "lazy",
        decoding="async",
        style=_style(attributes),
    ).lstrip()
    if path.suffix.lower() in AS_IS:
        hazard = image_hazard(path)
        if hazard:
            warn(f"the figure {attributes.get('path')!r} {hazard}; it is left out", "post", location)
            return None
        url = _publish(app, docname, path, IMAGES_DIR)
        size = header_size(path) if path.suffix.lower() != ".svg" else None
        dimensions = f' width="{size[0]}" height="{size[1]}"' if size else ""
        return f'<img {img} src="{_attribute_text(url)}"{dimensions}>', url
    try:
        image: ResponsiveImage = describe_image(path, FIGURE_WIDTHS)
    except OSError as error:
        warn(f"the figure {attributes.get('path')!r} could not be read as an image ({error}); it is left out", "post", location)
        return None
    register_image(app.env, docname, image)
    prefix = _page_prefix(app, docname) + IMAGES_DIR + "/"
    picture = picture_html(image, prefix, FIGURE_SIZES, img).replace("\n", "")
    return picture, prefix + image.largest.filename


def figure_html(app: Sphinx, docname: str, attributes: dict[str, str], location: Any) -> str:
    """al-folio's ``{% include figure.liquid path=... %}`` as one line of HTML (never empty)."""
    written = attributes.get("path") or ""
    caption = _caption(attributes, location)
    if is_remote(written):
        warn(f"the figure {written!r} is on another host; it is shown as a link to it (pages load nothing from other hosts)", "post", location)
        link = _link(browser_url(written), "homepage-remote", _attribute_text(_alt(attributes) or written))
        return f'<figure class="homepage-figure">{link}{caption}</figure>'
    path = site_file(app, written)
    if path is None:
        warn(f"the figure {written!r} is not a file of the site; it is left out", "post", location)
    picture = _picture(app, docname, path, attributes, location) if path is not None else None
    if picture is None:
        return f'<figure class="homepage-figure homepage-figure--missing">{caption}</figure>'
    html, largest = picture
    target = _link_target(attributes, largest, location)
    if target:
        # The image's alt text names the link; without one, the link says where it leads.
        name = None if _alt(attributes) else ("Full-size image" if target == largest else target)
        html = _link(target, "homepage-figure__link", html, name)
    return f'<figure class="homepage-figure">{html}{caption}</figure>'


def _link_target(attributes: dict[str, str], largest: str, location: Any) -> str | None:
    """Where the picture leads: al-folio's ``url``, else its largest copy when ``zoomable``, else nowhere."""
    url = attributes.get("url")
    if url and not is_safe_url(url):
        warn(f"the figure's url {url[:60]!r} is not a link a page may have; the figure links nowhere", "post", location)
        url = None
    return url or (largest if _flag(attributes, "zoomable") else None)


# -- Video and audio -----------------------------------------------------------------------------------------


def _media_html(app: Sphinx, docname: str, attributes: dict[str, str], location: Any, kind: str) -> str:
    written = attributes.get("path") or attributes.get("src") or ""
    caption = _caption(attributes, location)
    label = "Video" if kind == "video" else "Audio"
    if is_remote(written):
        # A player from another host would load as the page does: the reader follows a link instead.
        url = watch_url(browser_url(written))
        text = attributes.get("title") or f"{label} on {_host(url)}"
        body = _link(url, "homepage-embed", _attribute_text(text))
        return f'<figure class="homepage-{kind}">{body}{caption}</figure>'
    path = site_file(app, written)
    if path is None:
        warn(f"the {kind} {written!r} is not a file of the site; it is left out", "post", location)
        return f'<figure class="homepage-{kind} homepage-figure--missing">{caption}</figure>'
    url = _publish(app, docname, path, MEDIA_DIR)
    flags = "".join(f' {name}=""' for name in ("loop", "muted") if _flag(attributes, name))
    extra = _attributes(class_=attributes.get("class"), title=attributes.get("title"), style=_style(attributes))
    size = ' playsinline=""' if kind == "video" else ""
    element = f'<{kind} controls=""{flags}{size} preload="metadata"{extra} src="{_attribute_text(url)}"></{kind}>'
    return f'<figure class="homepage-{kind}">{element}{caption}</figure>'


# Players al-folio posts embed, and the page of the same video that a reader can open.
_PLAYERS = (
    (re.compile(r"^https?://(?:www\.)?youtube(?:-nocookie)?\.com/embed/([\w-]+)", re.I), "https://www.youtube.com/watch?v={}"),
    (re.compile(r"^https?://player\.vimeo\.com/video/(\d+)", re.I), "https://vimeo.com/{}"),
)


def watch_url(url: str) -> str:
    """The video's own page for a YouTube or Vimeo player's address (a player alone is a bare frame); else ``url``."""
    for player, page in _PLAYERS:
        match = player.match(url)
        if match:
            return page.format(match.group(1))
    return url


def _host(url: str) -> str:
    match = re.match(r"^[a-z]+://([^/?#:]+)", url, re.I)
    return match.group(1) if match else "another site"


def video_html(app: Sphinx, docname: str, attributes: dict[str, str], location: Any) -> str:
    """al-folio's ``{% include video.liquid path=... %}`` as one line of HTML (never empty)."""
    return _media_html(app, docname, attributes, location, "video")


def audio_html(app: Sphinx, docname: str, attributes: dict[str, str], location: Any) -> str:
    """al-folio's ``{% include audio.liquid path=... %}`` as one line of HTML (never empty)."""
    return _media_html(app, docname, attributes, location, "audio")


# -- Build integration ---------------------------------------------------------------------------------------

#: Linked from the pages that show a figure, video or sound of a post.
STYLESHEET = "media.css"


def _add_stylesheet(app: Sphinx, pagename: str, templatename: str, context: dict, doctree: Any) -> None:
    body = context.get("body")
    if isinstance(body, str) and re.search(r'class="homepage-(?:figure|video|audio)\b', body):
        app.add_css_file(STYLESHEET)


def setup_media(app: Sphinx) -> None:
    PAGE_FILES.connect(app)
    app.connect("env-updated", _copy_published_files)
    app.connect("html-page-context", _add_stylesheet)
