"""Preview thumbnails of publications, served like the profile photo: AVIF and WebP copies at the widths
the list's layout needs (:mod:`..images`), never fetched from another host, loaded lazily.

When a page is read, each preview it lists is measured and its copies are noted for the build
(:func:`register_preview`); when it is written, an HTML builder gets a ``<picture>``
(:class:`.nodes.publication_preview`) and every other builder the file itself as a plain image. An SVG is
shown as it is: it is sharp at every width, and the model let through only one that just draws.
"""

from __future__ import annotations

import functools
from pathlib import Path

from docutils import nodes
from sphinx.environment import BuildEnvironment

from ..images import ResponsiveImage, describe_image, register_image
from ..sitefiles import note_file_dependency
from .nodes import plain_preview, publication_preview

#: The aside column is 7.5rem wide (120 CSS pixels); below 576px the preview takes the whole column.
PREVIEW_SIZES = "(max-width: 576px) calc(100vw - 2rem), 7.5rem"
#: 120px at 1x, 1.5x, 2x, 3x; a phone's column at 1x to 2x.
PREVIEW_WIDTHS = (120, 180, 240, 360, 480, 720, 960)


@functools.lru_cache(maxsize=1024)
def _described(path: str, mtime_ns: int, size: int) -> ResponsiveImage | None:
    """The copies of one version of a file (a list and the selected papers read the same previews)."""
    try:
        return describe_image(Path(path), PREVIEW_WIDTHS)
    except OSError:
        # The model refused what cannot be read or is too large: what is left (a truncated file,
        # a strip too tall for WebP) is still shown, as the file it is.
        return None


def register_preview(env: BuildEnvironment, source_path: str) -> ResponsiveImage | None:
    """When the page is read: the page shows this image and depends on it. Returns its copies, or None
    where the file itself is shown (an SVG, or a file Pillow cannot copy)."""
    env.images.add_file(env.docname, source_path)  # the file itself, for builders other than HTML
    note_file_dependency(env, source_path)
    path = Path(env.srcdir, source_path)
    if path.suffix.lower() == ".svg":
        return None
    try:
        stat = path.stat()
    except OSError:  # removed since the .bib was read; the page depends on it and is read again
        return None
    image = _described(str(path), stat.st_mtime_ns, stat.st_size)
    if image is not None:
        register_image(env, env.docname, image)
    return image


def preview_image(source_path: str, image: ResponsiveImage | None) -> nodes.Element:
    """When the page is written: the preview with its copies, or the file itself (an SVG, a file Pillow
    cannot copy, or a build that writes no copies)."""
    if image is None:
        return plain_preview(source_path)
    return publication_preview(image=image, sizes=PREVIEW_SIZES, uri=source_path)
