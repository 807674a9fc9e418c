"""Responsive copies of a photo: AVIF and WebP at a few widths, made once per version of the source.

A profile photo straight from a camera or al-folio's ``assets/img`` is often a
megabyte or more; a phone needs a few dozen kilobytes. The build writes copies
at the widths in :data:`TARGET_WIDTHS` (never wider than the source; paper previews,
:mod:`.publications.previews`, at widths of their own) into ``_images/``, and the page offers them with
``srcset``/``sizes`` (:func:`picture_html`) so the browser
fetches the smallest that is sharp on its screen: AVIF, about 45% lighter than
WebP at the same look (benchmarks/bench_images.py), to every browser since 2022,
and WebP to the rest. Without AVIF support in Pillow, only WebP copies are made.

Each copy's name holds a digest of the source's bytes: a copy is encoded only
when no file of that name exists, so an unchanged photo is never re-encoded,
a changed one gets new names (which also defeats stale browser caches), and
the copies of its earlier versions are removed. Encoding is the build's dearest
step (a post's figure is a few seconds of AVIF), so every copy is also kept in
:data:`CACHE_DIR`, a folder of the site that outlives the output folder: a clean
build (``make clean``, a new output folder, a fresh checkout's CI cache) takes its
copies from there and encodes none. The folder ignores itself in git.

Where the copies are needed is recorded per document at read time
(``env.homepage_images``, purged and merged for ``-j``); they are written on
``env-updated``, once per build, by HTML builders only.

An image file is someone's bytes: a 37 KB PNG can claim 13000x13000 pixels (a gigabyte once decoded),
EXIF data can be corrupt, a photo can be taller than WebP allows. :func:`describe_image` reads the
size from the header and refuses what is too large before decoding anything, then decodes a reduced
copy and turns it upright, so every failure of the file is reported with the page that shows it, as
an ``OSError``. An SVG runs its scripts when opened from the site's address: :func:`svg_hazard` says
why one must not be published.
"""

from __future__ import annotations

import hashlib
import html
import os
import re
import shutil
import warnings
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING
from xml.etree import ElementTree

from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment

from .diagnostics import warn
from .docstore import DocumentStore

if TYPE_CHECKING:
    from PIL import Image

#: Widths of the copies (CSS pixels x device pixel ratio): a 270px-wide photo at 1x, 1.5x, 2x..., a phone's width.
#: Steps of about 1.25x: Chromium takes the smaller of two candidates when it is nearly sharp enough, so a
#: 600w copy serves a 380px-wide phone column at 1.75x instead of the 760w one.
TARGET_WIDTHS = (240, 360, 480, 600, 720, 960, 1440)
#: A target this close to the source's width adds a copy barely smaller than the full-size one: skipped.
NEAR_SOURCE = 0.85
#: WebP quality: at 75 a portrait shows no visible artefacts (bytes per width: benchmarks/bench_images.py).
WEBP_QUALITY = 75
#: AVIF quality (Pillow's 0-100 scale): at 55 the owner's photo looks like the WebP one at twice its size,
#: at 55% of its bytes; at 50 foliage starts to smear.
AVIF_QUALITY = 55
#: AVIF encoder speed (0 slowest to 10): at 8 the copies are made 1.8x (the owner's photo) to 3.3x (a plot)
#: faster than at Pillow's default, 6, for 2-3% more bytes on the photo and 4-14% on a plot; 9 costs a plot
#: 14-33% more (benchmarks/README.md).
AVIF_SPEED = 8
#: WebP effort (0-6): the fallback of the few browsers without AVIF; 4 (Pillow's default) is 3-4x faster than
#: 6 for 3-12% more bytes.
WEBP_METHOD = 4
#: The most pixels a source may have: a 40-megapixel camera's photo; decoding more costs seconds and
#: hundreds of megabytes, and no page shows more than 1440 pixels of it.
MAX_PIXELS = 40_000_000
#: The longest side a WebP copy may have (the format's own limit).
WEBP_MAX_SIDE = 16_383
#: Folder of the HTML output that holds the copies (Sphinx's own images folder).
IMAGES_DIR = "_images"
#: Folder of the site (beside the pages) that keeps every copy made, so that a clean build encodes none.
CACHE_DIR = ".image-cache"
#: The photos each page shows: docname -> [:class:`ResponsiveImage`], their copies written on env-updated.
PAGE_IMAGES = DocumentStore("homepage_images")

# The names this module gives its copies: <stem>-<10 hex digits of the source's digest>-<width>w.(webp|avif)
_VARIANT_NAME = re.compile(r"^.+-[0-9a-f]{10}-[0-9]+w\.(?:webp|avif)$")


@cache
def has_avif() -> bool:
    """Whether Pillow can write AVIF (its wheels carry libavif from 11.2 on); without, pages get WebP copies."""
    # Pillow is imported when an image is first met: a build that meets none never loads it.
    from PIL import features

    return features.check("avif")


@dataclass(frozen=True)
class Variant:
    filename: str
    width: int
    height: int


@dataclass(frozen=True)
class ResponsiveImage:
    """A source image and the copies a page offers for it."""

    source: str
    width: int
    height: int
    #: The WebP copies: what ``<img>`` offers, readable by every browser that shows images.
    variants: tuple[Variant, ...]
    #: The AVIF copies, offered first by a ``<source type="image/avif">``; empty without AVIF support.
    avif_variants: tuple[Variant, ...] = ()

    @property
    def largest(self) -> Variant:
        return self.variants[-1]

    @property
    def all_variants(self) -> tuple[Variant, ...]:
        return self.variants + self.avif_variants

    def srcset(self, prefix: str, variants: tuple[Variant, ...] | None = None) -> str:
        chosen = self.variants if variants is None else variants
        return ", ".join(f"{prefix}{variant.filename} {variant.width}w" for variant in chosen)


def variant_widths(source_width: int, targets: tuple[int, ...] = TARGET_WIDTHS) -> list[int]:
    """The target widths well below the source's, and the source's own width capped at the largest target."""
    largest = min(source_width, targets[-1])
    return sorted({width for width in targets if width < largest * NEAR_SOURCE} | {largest})


def describe_image(path: Path, targets: tuple[int, ...] = TARGET_WIDTHS) -> ResponsiveImage:
    """Measure ``path`` and name its copies at the ``targets`` widths the layout needs (ascending); raises
    ``OSError`` when it is not a readable image.

    The size comes from the header and is checked before any pixel is decoded; the pixels are then
    decoded once here (a JPEG at an eighth of its size) and turned upright, so that a truncated or corrupt
    file is reported with the page that shows it rather than failing the build when its copies are written.
    """
    from PIL import Image, ImageOps

    digest = file_digest(path)
    try:
        with _opened(path) as image:
            too_large = _too_many_pixels(image)
            if too_large:
                raise OSError(too_large)
            width, height = _upright_size(image)
            image.draft(image.mode, (max(1, image.width // 8), max(1, image.height // 8)))
            image.load()
            ImageOps.exif_transpose(image)
    except OSError:
        raise
    except Image.DecompressionBombError as error:
        # Over twice Pillow's own limit (~179 megapixels) the header is refused before the check above.
        raise OSError(str(error)) from error
    except Exception as error:  # noqa: BLE001 - Pillow raises many types on bad bytes (SyntaxError, struct.error...)
        raise OSError(f"{type(error).__name__}: {error}") from error
    stem = safe_stem(path.stem)
    widths = variant_widths(width, targets)
    if max(1, round(height * widths[-1] / width)) > WEBP_MAX_SIDE:
        raise OSError(f"{width}x{height} pixels, too tall for its copies (WebP's limit is {WEBP_MAX_SIDE:,} pixels)")

    def copies(suffix: str) -> tuple[Variant, ...]:
        return tuple(Variant(f"{stem}-{digest}-{w}w.{suffix}", w, max(1, round(height * w / width))) for w in widths)

    return ResponsiveImage(
        source=str(path), width=width, height=height, variants=copies("webp"), avif_variants=copies("avif") if has_avif() else ()
    )


def picture_html(image: ResponsiveImage, prefix: str, sizes: str, attributes: str) -> str:
    """``<picture>`` offering the AVIF copies to browsers that read them and the WebP ones to the rest.

    ``prefix`` is the copies' folder as seen from the page (ending in ``/``), ``sizes`` how wide the
    image is shown, ``attributes`` the ``<img>``'s others (class, alt, loading...), already escaped.
    """
    largest = image.largest
    source = ""
    if image.avif_variants:
        avif = html.escape(image.srcset(prefix, image.avif_variants))
        source = f'<source type="image/avif" srcset="{avif}" sizes="{html.escape(sizes)}">\n'
    return (
        f"<picture>\n{source}"
        f'<img {attributes} src="{html.escape(prefix + largest.filename)}" '
        f'srcset="{html.escape(image.srcset(prefix))}" sizes="{html.escape(sizes)}" '
        f'width="{largest.width}" height="{largest.height}">\n</picture>\n'
    )


def write_variants(image: ResponsiveImage, images_dir: Path, cache_dir: Path | None = None) -> list[Path]:
    """Put in ``images_dir`` the copies it lacks: from ``cache_dir`` when it holds them, else encoded (and kept
    in ``cache_dir`` too). Return the paths of the copies encoded (empty when none had to be)."""
    missing = [v for v in image.all_variants if not (images_dir / v.filename).exists()]
    if not missing:
        return []
    images_dir.mkdir(parents=True, exist_ok=True)
    store = _usable_cache(cache_dir) or images_dir
    to_encode = [v for v in missing if not (store / v.filename).exists()]
    encoded = _encode(image, to_encode, store) if to_encode else []
    if store != images_dir:
        for variant in missing:
            _place(store / variant.filename, images_dir / variant.filename)
    return encoded


def _encode(image: ResponsiveImage, variants: list[Variant], folder: Path) -> list[Path]:
    """Encode ``variants`` of ``image`` into ``folder``; return their paths."""
    written = []
    # Every copy is resampled from the source shrunk once (a box filter, by a whole factor) to at least twice
    # the widest copy: the same look, and seconds instead of a minute for a 40-megapixel photo. A JPEG
    # is even decoded at that size.
    from PIL import Image, ImageOps

    sharp_enough = 2 * max(variant.width for variant in variants)
    with _opened(image.source) as opened:
        opened.draft("RGB", (sharp_enough, sharp_enough))
        upright = ImageOps.exif_transpose(opened)
        keep_alpha = upright.mode in ("RGBA", "LA") or "transparency" in upright.info
        upright = upright.convert("RGBA" if keep_alpha else "RGB")
        factor = upright.width // sharp_enough
        if factor >= 2:
            upright = upright.reduce(factor)
        for variant in variants:
            target = folder / variant.filename
            resized = upright.resize((variant.width, variant.height), Image.Resampling.LANCZOS)
            # Written under a temporary name and renamed: a build stopped half-way never leaves a truncated copy.
            partial = _partial(target)
            if variant.filename.endswith(".avif"):
                resized.save(partial, "AVIF", quality=AVIF_QUALITY, speed=AVIF_SPEED)
            else:
                resized.save(partial, "WEBP", quality=WEBP_QUALITY, method=WEBP_METHOD)
            os.replace(partial, target)
            written.append(target)
    return written


def _partial(target: Path) -> Path:
    return target.with_name(f".{target.name}.{os.getpid()}.part")


def _usable_cache(cache_dir: Path | None) -> Path | None:
    """``cache_dir``, made if needed (ignoring itself in git), or None when it cannot be written (a read-only
    checkout): the copies are then encoded into the output folder only."""
    if cache_dir is None:
        return None
    try:
        cache_dir.mkdir(parents=True, exist_ok=True)
        ignore = cache_dir / ".gitignore"
        if not ignore.exists():
            ignore.write_text("# Copies of the site's images, made by the build; kept out of git.\n*\n", encoding="utf-8")
    except OSError:
        return None
    return cache_dir if os.access(cache_dir, os.W_OK) else None


def _place(cached: Path, target: Path) -> None:
    """The cached copy at ``target``: a hard link (no bytes copied) where the two folders share a disk."""
    partial = _partial(target)
    try:
        os.link(cached, partial)
    except OSError:
        shutil.copyfile(cached, partial)
    os.replace(partial, target)


def _too_many_pixels(image: Image.Image) -> str | None:
    """What is wrong with the size the header of ``image`` claims, if it is more than :data:`MAX_PIXELS`."""
    if image.width * image.height <= MAX_PIXELS:
        return None
    return f"{image.width}x{image.height} pixels, more than the {MAX_PIXELS // 1_000_000} megapixels an image may have"


def image_hazard(path: Path) -> str | None:
    """Why the picture ``path`` must not be published as it is (the end of a sentence about it), or None.

    For a paper's preview, checked when the bibliography is read: an SVG (published as it is) that does
    more than draw (:func:`svg_hazard`), a file that is no image, or one whose header claims more pixels
    than :data:`MAX_PIXELS`, which the build, or every visitor's browser, would decode.
    """
    if path.suffix.lower() == ".svg":
        hazard = svg_hazard(path)
        return f"is an SVG that does more than draw ({hazard})" if hazard else None
    try:
        with _opened(path) as image:
            too_large = _too_many_pixels(image)
    except Exception as error:  # noqa: BLE001 - as in describe_image: Pillow's many error types on bad bytes
        return f"could not be read as an image ({error})"
    return f"is {too_large}" if too_large else None


def header_size(path: Path) -> tuple[int, int] | None:
    """The width and height the header of a raster image claims (nothing decoded), or None when it is not one.

    For a file published as it is (a GIF), so that its ``<img>`` reserves its space before it loads.
    """
    try:
        with _opened(path) as image:
            return image.size
    except Exception:  # noqa: BLE001 - as in describe_image: Pillow's many error types on bad bytes
        return None


@contextmanager
def _opened(path: str | Path) -> Iterator[Image.Image]:
    """The image at ``path``, with Pillow's warnings (corrupt EXIF, large images) kept off the console:
    what matters is reported with the page that shows it."""
    from PIL import Image

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        with Image.open(path) as image:
            yield image


def remove_stale_variants(images_dir: Path, keep: set[str]) -> None:
    """Delete copies made from earlier versions of the sources (their digest is no longer current)."""
    if not images_dir.is_dir():
        return
    for path in images_dir.iterdir():
        if _VARIANT_NAME.match(path.name) and path.name not in keep:
            path.unlink(missing_ok=True)


def svg_hazard(path: Path) -> str | None:
    """Why the SVG file ``path`` must not be published (scripts, event handlers, links out, embedded
    documents, external styles), or None when it only draws.

    An SVG opened at its own address in ``_images/`` is a document of the site: its scripts run with
    the site's origin, which no Content-Security-Policy of the pages covers. Read with an XML parser
    (entities and encodings decoded as a browser decodes them); a document type is refused, since its
    entities could hide anything (and expand without end).
    """
    try:
        with path.open("rb") as file:
            data = file.read(MAX_SVG_BYTES + 1)
        if len(data) > MAX_SVG_BYTES:
            return f"it is larger than {MAX_SVG_BYTES // 1024 // 1024} MB"
        if b"<!DOCTYPE" in data.upper() or b"<!ENTITY" in data.upper():
            return "it declares a document type"
        root = ElementTree.fromstring(data)
    except (OSError, ElementTree.ParseError, ValueError) as error:
        return f"it is not readable XML ({error})"
    for element in root.iter():
        tag = element.tag.rpartition("}")[2].lower() if isinstance(element.tag, str) else ""
        if tag in _SVG_ACTIVE_ELEMENTS:
            return f"it has a <{tag}> element"
        for name, value in element.attrib.items():
            attribute = name.rpartition("}")[2].lower()
            if attribute.startswith("on"):
                return f"it has an event handler ({attribute})"
            if attribute == "href" and not _is_embedded_picture(value):
                return f"it links to {value.strip()[:60]!r}"
            if _SVG_EXTERNAL_STYLE.search(value):
                return "its styles load another file"
        if tag == "style" and _SVG_EXTERNAL_STYLE.search(element.text or ""):
            return "its styles load another file"
    return None


#: The largest SVG read: a drawing with a few embedded pictures is well under it.
MAX_SVG_BYTES = 5 * 1024 * 1024
#: Elements that run code, embed another document, or change what a link or attribute says when animated.
_SVG_ACTIVE_ELEMENTS = frozenset(
    "script foreignobject iframe embed object handler listener set animate animatemotion animatetransform "
    "discard".split()
)
#: ``@import`` or ``url(...)`` of anything but a fragment of the same file (a gradient) or embedded pixels.
_SVG_EXTERNAL_STYLE = re.compile(r"@import|url\(\s*['\"]?\s*(?!#|data:image/(?:png|jpeg|gif|webp)[;,])", re.I)


def _is_embedded_picture(href: str) -> bool:
    """A reference to a part of the same file (``#id``) or to pixels embedded in it (``data:image/png``)."""
    value = "".join(href.split()).lower()
    return value.startswith("#") or re.match(r"data:image/(?:png|jpeg|gif|webp)[;,]", value) is not None


def _upright_size(image: Image.Image) -> tuple[int, int]:
    """The size as shown: EXIF orientations 5-8 (a phone held upright) swap width and height."""
    orientation = image.getexif().get(0x0112, 1)
    width, height = image.size
    return (height, width) if orientation in (5, 6, 7, 8) else (width, height)


def file_digest(path: Path) -> str:
    """10 hex digits of the SHA-256 of the file's bytes: what names its copies, so a new version gets new names."""
    with path.open("rb") as file:
        return hashlib.file_digest(file, "sha256").hexdigest()[:10]


def safe_stem(stem: str) -> str:
    """A file-name stem safe in a URL and a srcset (no spaces or commas)."""
    cleaned = "".join(c if c.isalnum() or c in "-_" else "-" for c in stem)
    return cleaned.strip("-") or "image"


# -- Build integration ----------------------------------------------------------


def register_image(env: BuildEnvironment, docname: str, image: ResponsiveImage) -> None:
    """Note that ``docname`` shows ``image``: its copies are written before pages are, and editing it re-reads the page."""
    PAGE_IMAGES.of(env).setdefault(docname, []).append(image)
    env.note_dependency(image.source)


def _write_all_variants(app: Sphinx, env: BuildEnvironment) -> None:
    if app.builder.format != "html":
        return
    images_dir = Path(app.outdir) / IMAGES_DIR
    cache_dir = Path(app.srcdir) / CACHE_DIR
    current: dict[str, ResponsiveImage] = {}
    for images in PAGE_IMAGES.of(env).values():
        for image in images:
            current.setdefault(image.largest.filename, image)
    shown_on = {image.source: docname for docname, images in sorted(PAGE_IMAGES.of(env).items()) for image in images}
    for image in current.values():
        try:
            write_variants(image, images_dir, cache_dir)
        except (OSError, ValueError) as error:
            # describe_image read this file already; it changed since, or an encoder refused it.
            warn(f"copies of the image {Path(image.source).name!r} could not be written ({error})", "image", shown_on[image.source])
    keep = {v.filename for image in current.values() for v in image.all_variants}
    remove_stale_variants(images_dir, keep)
    remove_stale_variants(cache_dir, keep)


def setup_images(app: Sphinx) -> None:
    PAGE_IMAGES.connect(app)
    app.connect("env-updated", _write_all_variants)
