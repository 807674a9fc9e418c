"""Responsive WebP copies of the profile photo: sizes, orientation, transparency, and made once per version."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from PIL import Image

from conftest import PROJECT_ROOT, SHARED, needs_shared
from test_profile import card_of, page, warnings_of

from sphinx_academic_homepage.images import describe_image, remove_stale_variants, variant_widths, write_variants

REAL_PHOTO = SHARED / "assets" / "rosegarden.png"


def gradient(width: int, height: int, mode: str = "RGB") -> Image.Image:
    image = Image.new(mode, (width, height))
    image.putdata(
        [(x * 255 // width, y * 255 // height, 128, x * 255 // width)[: len(mode)] for y in range(height) for x in range(width)]
    )
    return image


def test_widths_follow_the_source():
    assert variant_widths(760) == [240, 360, 480, 600, 760]  # 720 is too close to 760 to be worth a copy
    assert variant_widths(4000) == [240, 360, 480, 600, 720, 960, 1440]
    assert variant_widths(500) == [240, 360, 500]
    assert variant_widths(200) == [200]


def test_copies_are_avif_and_webp_at_each_width_and_made_once(tmp_path):
    source = tmp_path / "my photo, 2024.png"
    gradient(1000, 800).save(source)
    image = describe_image(source)
    assert (image.width, image.height) == (1000, 800)
    sizes = [(240, 192), (360, 288), (480, 384), (600, 480), (720, 576), (1000, 800)]
    assert [(v.width, v.height) for v in image.variants] == sizes
    assert [(v.width, v.height) for v in image.avif_variants] == sizes  # Pillow's wheels carry libavif
    for variant in image.all_variants:
        assert " " not in variant.filename and "," not in variant.filename  # safe inside a srcset

    out = tmp_path / "_images"
    written = write_variants(image, out)
    assert sorted(p.name for p in written) == sorted(v.filename for v in image.all_variants)
    for variants, image_format in ((image.variants, "WEBP"), (image.avif_variants, "AVIF")):
        for variant in variants:
            with Image.open(out / variant.filename) as copy:
                assert (copy.format, copy.size) == (image_format, (variant.width, variant.height))
    stamps = {p.name: p.stat().st_mtime_ns for p in out.iterdir()}

    # The same source again: nothing is encoded, nothing is touched.
    assert write_variants(describe_image(source), out) == []
    assert {p.name: p.stat().st_mtime_ns for p in out.iterdir()} == stamps


def test_a_changed_source_gets_new_copies_and_the_old_ones_go(tmp_path):
    source = tmp_path / "photo.png"
    out = tmp_path / "_images"
    gradient(400, 300).save(source)
    before = describe_image(source)
    write_variants(before, out)
    unrelated = out / "diagram.webp"  # a file of the site's own, not a copy
    unrelated.write_bytes(b"keep")

    gradient(400, 300).transpose(Image.Transpose.FLIP_LEFT_RIGHT).save(source)
    after = describe_image(source)
    assert {v.filename for v in after.all_variants}.isdisjoint(v.filename for v in before.all_variants)
    write_variants(after, out)
    remove_stale_variants(out, {v.filename for v in after.all_variants})
    assert sorted(p.name for p in out.iterdir()) == sorted([*(v.filename for v in after.all_variants), "diagram.webp"])


def test_exif_orientation_is_applied(tmp_path):
    """A phone photo stored sideways with an orientation tag is shown, measured and resized upright."""
    source = tmp_path / "phone.jpg"
    exif = Image.Exif()
    exif[0x0112] = 6  # rotate 90 degrees clockwise to display
    gradient(600, 400).save(source, exif=exif)
    image = describe_image(source)
    assert (image.width, image.height) == (400, 600)
    write_variants(image, tmp_path / "out")
    with Image.open(tmp_path / "out" / image.largest.filename) as copy:
        assert copy.size == (400, 600)


def test_transparency_is_kept(tmp_path):
    source = tmp_path / "cutout.png"
    gradient(300, 300, "RGBA").save(source)
    image = describe_image(source)
    write_variants(image, tmp_path / "out")
    with Image.open(tmp_path / "out" / image.largest.filename) as copy:
        assert copy.mode == "RGBA"


def test_a_file_that_is_not_an_image_raises_oserror(tmp_path):
    source = tmp_path / "photo.png"
    source.write_text("not an image")
    with pytest.raises(OSError):
        describe_image(source)


@needs_shared("assets/rosegarden.png", "the owner's real photo")
def test_real_photo_copies_are_a_fraction_of_it(tmp_path):
    """The owner's 1.3 MB photo, read in place: every copy is about a tenth of it at most, and AVIF well under WebP."""
    image = describe_image(REAL_PHOTO)
    assert [v.width for v in image.variants] == [v.width for v in image.avif_variants] == [240, 360, 480, 600, 760]
    write_variants(image, tmp_path)
    source_bytes = REAL_PHOTO.stat().st_size
    webp = [(tmp_path / v.filename).stat().st_size for v in image.variants]
    avif = [(tmp_path / v.filename).stat().st_size for v in image.avif_variants]
    assert webp == sorted(webp) and avif == sorted(avif)
    # WebP at effort 4 (images.WEBP_METHOD): 3x faster than 6 for 2-5% more bytes, 10.0% of the source at 760w.
    assert webp[-1] < source_bytes / 9
    # The copy a 412px phone at 1.75x takes (600w, see TARGET_WIDTHS) fits the page-weight budget.
    assert avif[3] < 0.7 * webp[3] and avif[3] < 60_000


def test_build_remakes_copies_only_when_the_photo_changes(make_app, rootdir, tmp_path):
    srcdir = tmp_path / "src"
    shutil.copytree(rootdir / "test-profile-circular", srcdir)
    shutil.copy(PROJECT_ROOT / "_static" / "rosegarden.png", srcdir / "photo.png")
    index = srcdir / "index.md"
    index.write_text(index.read_text(encoding="utf-8").replace("rosegarden.png", "photo.png"), encoding="utf-8")
    builddir = tmp_path / "build"

    def build():
        app = make_app("html", srcdir=srcdir, builddir=builddir)
        app.build()
        assert warnings_of(app) == []
        card = card_of(page(app, "index.html"))
        srcset = card.select_one("img")["srcset"] + ", " + card.select_one('source[type="image/avif"]')["srcset"]
        copies = {p.name: p.stat().st_mtime_ns for p in Path(app.outdir, "_images").glob("*.*") if p.suffix in (".webp", ".avif")}
        app.cleanup()
        return srcset, copies

    first_srcset, first_copies = build()
    assert len(first_copies) == 10  # 5 widths, AVIF and WebP
    second_srcset, second_copies = build()
    assert (second_srcset, second_copies) == (first_srcset, first_copies)  # nothing re-encoded

    with Image.open(srcdir / "photo.png") as photo:
        photo.transpose(Image.Transpose.FLIP_LEFT_RIGHT).save(srcdir / "photo.png")
    third_srcset, third_copies = build()
    # The page was read again (the photo is one of its dependencies) and points at the new copies only.
    assert third_srcset != first_srcset
    assert set(third_copies).isdisjoint(first_copies) and len(third_copies) == 10
    for candidate in third_srcset.split(","):
        assert Path(candidate.split()[0]).name in third_copies
