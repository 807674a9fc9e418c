"""Preview thumbnails of publications.

TEMPORARY, FOR THE INTEGRATOR: the profile photo goes through ``homepage/images.py`` (responsive, cached
WebP copies), written on a parallel branch. Until the branches meet, a preview is a plain Sphinx image
node, which Sphinx copies to ``_images/`` like any other local image: served by the site, never fetched
from another host, loaded lazily. Replace the body of :func:`preview_image` with a call into
``images.py`` once it is merged; the publication code calls nothing else.
"""

from __future__ import annotations

from docutils import nodes
from sphinx.environment import BuildEnvironment


def register_preview(env: BuildEnvironment, source_path: str) -> None:
    """When the page is read: the page uses this image (Sphinx copies it) and depends on it."""
    env.images.add_file(env.docname, source_path)
    env.note_dependency(source_path)


def preview_image(source_path: str) -> nodes.image:
    """When the page is written: an ``img.homepage-pub__preview`` for a file of the source directory.

    ``uri`` and ``candidates`` are what Sphinx's image collector would have set; the HTML builder
    then maps the file to its copy in ``_images/``. The alt text is empty on purpose: the title next
    to the image says what it shows.
    """
    return nodes.image(
        uri=source_path,
        candidates={"*": source_path},
        alt="",
        loading="lazy",
        classes=["homepage-pub__preview"],
    )
