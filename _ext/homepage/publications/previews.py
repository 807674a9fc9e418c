"""Preview thumbnails of publications.

TEMPORARY, FOR THE INTEGRATOR: the profile photo goes through ``homepage/images.py`` (responsive, cached
WebP copies), written on a parallel branch. Until the branches meet, a preview is a plain Sphinx image
node, which Sphinx copies to ``_images/`` like any other local image: served by the site, never fetched
from another host, loaded lazily. Replace the body of :func:`preview_image` with a call into
``images.py`` once it is merged; the publication code calls nothing else.
"""

from __future__ import annotations

from docutils import nodes


def preview_image(source_path: str) -> nodes.image:
    """An ``img.homepage-pub__preview`` for a file given relative to the source directory.

    The alt text is empty on purpose: the title next to the image says what it shows.
    """
    return nodes.image(
        uri="/" + source_path,
        alt="",
        loading="lazy",
        classes=["homepage-pub__preview"],
    )
