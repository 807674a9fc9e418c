"""Hostile files on the reading side: YAML that expands without end, images that explode when decoded,
names that lead out of the site. Each gives exactly one located warning, the build finishes in bounded
time and memory, and nothing from outside the site reaches the output.

Two scenarios, each built once for the module in a child process whose time and peak memory are measured
(``tests/bounded.py``):

- ``hostile-yaml``: front matter and ``cv.yaml`` files that are alias bombs, nested without end, ten
  megabytes long, a link to ``/dev/zero``, a pipe, not UTF-8, or outside the site;
- ``hostile-files``: profile photos and paper previews that are decompression bombs, taller than WebP
  allows, with corrupt EXIF, named by over-long names or from outside the site; SVGs with scripts;
  .bib ``pdf``/``preview`` fields and Markdown links that climb out to ``/etc/passwd``.

Measured on the same machine (two cores shared with other builds), each input alone in a site, before
these fixes, stopped at 90 s: the alias bomb in ``social:`` at 1.6 GB and growing, the nested mappings at
1.8 GB, the 13000x13000 PNG at 1 GB, the 10 MB front matter at 90 s (the issue: 239 s). After: all the YAML
inputs in one build, 17 s and 115 MiB; all the image and path inputs in one build, 8 s and 90 MiB.
"""

from __future__ import annotations

import io
import os
import struct
import zlib
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from PIL import Image

from bounded import build_bounded
from buildutil import copy_root

W = "WARNING: "
SECRET = "SECRET-FROM-OUTSIDE-THE-SITE"
#: Enough ".." to reach "/" from any temporary folder.
TO_ROOT = "../" * 30


def walk_output(outdir: Path):
    """Every file of the output, with its bytes."""
    for path in sorted(outdir.rglob("*")):
        if path.is_file():
            yield path, path.read_bytes()


def assert_nothing_from_outside(outdir: Path) -> None:
    """No file of the output holds the secret planted outside the site, nor /etc/passwd."""
    passwd = Path("/etc/passwd").read_bytes()
    for path, data in walk_output(outdir):
        assert SECRET.encode() not in data, path
        assert passwd not in data, path
        assert b"root:x:0:0" not in data, path


# -- YAML ------------------------------------------------------------------------------------------------

#: The refusal every front matter over a limit gets; the page is read without its front matter.
WITHOUT_IT = "the page is read without it [homepage.frontmatter]"

YAML_WARNINGS = {
    "alias-bomb": f"alias-bomb.md:7: {W}front matter holds more than 10,000 values, each alias counted as the value it stands for; {WITHOUT_IT}",
    "nested-aliases": f"nested-aliases.md:7: {W}front matter holds more than 10,000 values, each alias counted as the value it stands for; {WITHOUT_IT}",
    "deep": f"deep.md:3: {W}front matter nests deeper than 50 levels; {WITHOUT_IT}",
    "self-alias": f"self-alias.md:3: {W}front matter has an alias inside the value it names; {WITHOUT_IT}",
    "huge": f"huge.md:1: {W}front matter is 11,960,005 characters long, more than the 131,072 allowed; {WITHOUT_IT}",
    "cv-bomb": f"cv-bomb.yaml:18: {W}the CV file holds more than 200,000 values, each alias counted as the value it stands for; no CV is shown [homepage.cv]",
    "cv-fifo": f"cv-fifo.md:5: {W}cannot read the CV file cv-fifo.yaml: not a regular file (a device, a pipe or a folder) [homepage.cv]",
    "cv-latin1": f"cv-latin1.md:5: {W}cannot read the CV file cv-latin1.yaml: not UTF-8 text (byte 61, line 4) [homepage.cv]",
    "cv-outside": f"cv-outside.md:5: {W}the CV file ../outside-cv.yaml leads out of the site's folders; it is not read [homepage.cv]",
}


@pytest.fixture(scope="module")
def hostile_yaml(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("hostile-yaml")
    srcdir = copy_root("hostile-yaml", tmp)
    # Files a repository cannot hold: 10 MB of front matter, a link to a device, a pipe, a file outside the site.
    items = "".join(f"  - item number {i:06d} of a list far too long\n" for i in range(260_000))
    (srcdir / "huge.md").write_text(f"---\nbig:\n{items}---\n\n# Huge\n\nBody of huge.\n", encoding="utf-8")
    os.symlink("/dev/zero", srcdir / "cv-zero.yaml")
    os.mkfifo(srcdir / "cv-fifo.yaml")
    (tmp / "outside-cv.yaml").write_text(f"- title: {SECRET}\n  type: list\n  contents: [{SECRET}]\n", encoding="utf-8")
    return build_bounded(srcdir, tmp / "out", seconds=60, mib=400)


def test_yaml_build_is_bounded(hostile_yaml):
    """Measured: 17 s and 115 MiB (most of it the 12 MB page, read by Sphinx and MyST as any page is)."""
    assert hostile_yaml.returncode == 0, hostile_yaml.stderr
    assert hostile_yaml.stderr == ""
    assert hostile_yaml.seconds < 60
    assert hostile_yaml.peak_mib < 400


def test_yaml_warnings_are_exactly_one_per_file(hostile_yaml):
    # Sphinx names a linked file by where the link leads.
    zero = os.path.relpath("/dev/zero", hostile_yaml.srcdir)
    cv_zero = f"cv-zero.md:5: {W}the CV file {zero} leads out of the site's folders; it is not read [homepage.cv]"
    assert sorted(hostile_yaml.warnings) == sorted([*YAML_WARNINGS.values(), cv_zero])


@pytest.mark.parametrize("page", [name for name in YAML_WARNINGS if not name.startswith("cv-")] + ["cv-bomb", "cv-zero", "cv-fifo", "cv-latin1", "cv-outside"])
def test_yaml_page_keeps_its_body(hostile_yaml, page):
    soup = BeautifulSoup((hostile_yaml.outdir / f"{page}.html").read_text(encoding="utf-8"), "html.parser")
    assert f"Body of {page}." in soup.select_one("[role=main]").get_text()
    # Nothing of the refused values reaches the page (a billion "lol"s, the list of items).
    assert "lol" not in soup.get_text()
    assert "item number" not in soup.get_text()
    assert not soup.select(".homepage-cv__section")


def test_yaml_nothing_from_outside(hostile_yaml):
    assert_nothing_from_outside(hostile_yaml.outdir)


# -- Images and paths ------------------------------------------------------------------------------------


def bilevel_png(width: int, height: int) -> bytes:
    """A 1-bit PNG of ``width`` x ``height`` white pixels: a few kilobytes that decode to width*height pixels."""
    row = b"\0" + b"\0" * ((width + 7) // 8)
    compressor = zlib.compressobj(9)
    data = b"".join(compressor.compress(row) for _ in range(height)) + compressor.flush()

    def chunk(kind: bytes, body: bytes) -> bytes:
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))

    header = struct.pack(">IIBBBBB", width, height, 1, 0, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", data) + chunk(b"IEND", b"")


def photo_with_exif(fmt: str, exif: bytes) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (300, 200), "teal").save(out, fmt, exif=exif)
    return out.getvalue()


@pytest.fixture(scope="module")
def hostile_files(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("hostile-files")
    srcdir = copy_root("hostile-files", tmp)
    (srcdir / "bomb.png").write_bytes(bilevel_png(13_000, 13_000))
    tall = io.BytesIO()
    Image.new("RGB", (100, 20_000), "teal").save(tall, "PNG")
    (srcdir / "tall.png").write_bytes(tall.getvalue())
    (srcdir / "exif-garbage.webp").write_bytes(photo_with_exif("WEBP", b"garbage, not a TIFF header"))
    (srcdir / "exif-short.webp").write_bytes(photo_with_exif("WEBP", b"II\x2a\x00"))
    (srcdir / "exif-bad.jpg").write_bytes(photo_with_exif("JPEG", b"Exif\0\0MM\x00\x2a\xff\xff\xff\xff"))
    # What lies outside the site: a photo, a text and a PDF holding the secret.
    elsewhere = tmp / "elsewhere"
    elsewhere.mkdir()
    private = io.BytesIO()
    Image.new("RGB", (400, 400), "red").save(private, "PNG")
    (elsewhere / "private.png").write_bytes(private.getvalue() + SECRET.encode())  # bytes after IEND: still a PNG
    (elsewhere / "secret.txt").write_text(SECRET, encoding="utf-8")
    (elsewhere / "secret.pdf").write_text(f"%PDF-1.4\n% {SECRET}\n", encoding="utf-8")
    os.symlink(elsewhere / "private.png", srcdir / "linked.png")
    previews = srcdir / "assets/img/publication_preview"
    (previews / "bomb.png").write_bytes(bilevel_png(13_000, 13_000))
    (previews / "notes.png").write_text("Not a picture: notes that Sphinx would publish as they are.\n", encoding="utf-8")
    return build_bounded(srcdir, tmp / "out", seconds=60, mib=400)


def test_files_build_is_bounded(hostile_files):
    """Measured: 8 s and 90 MiB (the 13000x13000 PNG alone was stopped at 90 s and 1 GB)."""
    assert hostile_files.returncode == 0, hostile_files.stderr
    assert hostile_files.stderr == "", hostile_files.stderr
    assert hostile_files.seconds < 60
    assert hostile_files.peak_mib < 400


def test_files_nothing_from_outside(hostile_files):
    assert_nothing_from_outside(hostile_files.outdir)


LONG = "a" * 300
OUT = "leads out of the site's folders"
NOT_READ = "could not be read as an image"
NO_PHOTO = "no photo is shown [homepage.image]"
NO_PREVIEW = "no preview shown [homepage.image]"
NOT_DRAWING = "is an SVG that does more than draw"
LEFT_OUT = "the link is left out [homepage.bibtex]"

FILES_WARNINGS = [
    # Profile photos: decompression bomb, too tall for WebP, corrupt EXIF, over-long name, outside, linked outside.
    f"photo-bomb.md:4: {W}profile image 'bomb.png' {NOT_READ} (13000x13000 pixels, more than the 40 megapixels an image may have); {NO_PHOTO}",
    f"photo-tall.md:4: {W}profile image 'tall.png' {NOT_READ} (100x20000 pixels, too tall for its copies (WebP's limit is 16,383 pixels)); {NO_PHOTO}",
    f"photo-exif-webp.md:4: {W}profile image 'exif-garbage.webp' {NOT_READ} (SyntaxError: not a TIFF file (header b'garbage,' not valid)); {NO_PHOTO}",
    f"photo-exif-short.md:4: {W}profile image 'exif-short.webp' {NOT_READ} (error: unpack requires a buffer of 4 bytes); {NO_PHOTO}",
    f"photo-long-name.md:4: {W}profile image '{LONG}.png' not found (looked in the source folder, _static/, assets/img/); {NO_PHOTO}",
    f"photo-outside.md:4: {W}profile image '../elsewhere/private.png' {OUT}; {NO_PHOTO}",
    f"photo-symlink.md:4: {W}profile image 'linked.png' {OUT}; {NO_PHOTO}",
    # Markdown links and images.
    f"links.md:5: {W}links to {'a' * 40}..., a name longer than the 255 bytes a file may have; the link is left out [homepage.file]",
    f"links.md:5: {W}links to the file '../elsewhere/secret.txt', which {OUT}; the file is not published [homepage.file]",
    f"links.md:5: {W}shows the image '../elsewhere/private.png', which {OUT}; the image is left out [homepage.image]",
    f"links.md:7: {W}links to the PDF '/assets/pdf/../../elsewhere/secret.pdf', which {OUT}; the file is not published [homepage.file]",
    f"links.md:11: {W}links to {'a' * 40}..., a name longer than the 255 bytes a file may have; the link is left out [homepage.file]",
    f"links.md:13: {W}links to the file '../elsewhere/secret.txt', which {OUT}; the file is not published [homepage.file]",
    f"links.md:15: {W}shows the image '../elsewhere/private.png', which {OUT}; the image is left out [homepage.image]",
    # The CV page's al-folio cv_pdf, looked for in _static/.
    f"cv-pdf.md:9: {W}links to the file '/_static/../../elsewhere/secret.pdf', which {OUT}; the file is not published [homepage.file]",
    # .bib pdf and preview fields.
    f"refs.bib:1: {W}passwd: pdf file '{TO_ROOT}etc/passwd' {OUT}; {LEFT_OUT}",
    f"refs.bib:9: {W}secretpdf: pdf file '../../../elsewhere/secret.pdf' {OUT}; {LEFT_OUT}",
    f"refs.bib:17: {W}longpdf: pdf file '{LONG}.pdf' is not in assets/pdf/; {LEFT_OUT}",
    f"refs.bib:25: {W}previewpasswd: preview '{TO_ROOT}etc/passwd' {OUT}; {NO_PREVIEW}",
    f"refs.bib:33: {W}previewoutside: preview '../../../../elsewhere/private.png' {OUT}; {NO_PREVIEW}",
    f"refs.bib:41: {W}longpreview: preview '{LONG}.png' is not in assets/img/publication_preview/; {NO_PREVIEW}",
    f"refs.bib:49: {W}svgscript: preview 'script.svg' {NOT_DRAWING} (it has a <script> element); {NO_PREVIEW}",
    f"refs.bib:57: {W}svgonload: preview 'onload.svg' {NOT_DRAWING} (it has an event handler (onload)); {NO_PREVIEW}",
    f"refs.bib:65: {W}svgforeign: preview 'foreign.svg' {NOT_DRAWING} (it has a <foreignobject> element); {NO_PREVIEW}",
    f"refs.bib:73: {W}svgjavascript: preview 'javascript.svg' {NOT_DRAWING} (it links to 'javascript:alert(1)'); {NO_PREVIEW}",
    f"refs.bib:81: {W}svgset: preview 'set.svg' {NOT_DRAWING} (it has a <set> element); {NO_PREVIEW}",
    f"refs.bib:89: {W}svgimport: preview 'import.svg' {NOT_DRAWING} (its styles load another file); {NO_PREVIEW}",
    f"refs.bib:97: {W}svgentity: preview 'entity.svg' {NOT_DRAWING} (it declares a document type); {NO_PREVIEW}",
    f"refs.bib:114: {W}previewbomb: preview 'bomb.png' is 13000x13000 pixels, more than the 40 megapixels an image may have; {NO_PREVIEW}",
    f"refs.bib:122: {W}previewtext: preview 'notes.png' could not be read as an image (cannot identify image file 'assets/img/publication_preview/notes.png'); {NO_PREVIEW}",
]


def test_files_warnings_are_exactly_one_per_input(hostile_files):
    assert sorted(hostile_files.warnings) == sorted(FILES_WARNINGS)


def page(build, name: str) -> BeautifulSoup:
    return BeautifulSoup((build.outdir / name).read_text(encoding="utf-8"), "html.parser")


@pytest.mark.parametrize(
    "name", ["photo-bomb", "photo-tall", "photo-exif-webp", "photo-exif-short", "photo-long-name", "photo-outside", "photo-symlink"]
)
def test_refused_photo_leaves_the_card_and_the_body(hostile_files, name):
    soup = page(hostile_files, f"{name}.html")
    assert soup.select_one("div.homepage-profile") is not None
    assert soup.select_one(".homepage-profile__more-info").get_text(strip=True) == "kept"
    assert f"Body of {name}." in soup.select_one("[role=main]").get_text()
    assert soup.select("img.homepage-profile__photo") == []


def test_photo_with_exif_pillow_reads_past_is_shown(hostile_files):
    """A JPEG whose EXIF block is corrupt but whose pixels are fine: shown, upright as stored, no warning."""
    photo = page(hostile_files, "photo-exif-jpeg.html").select_one("img.homepage-profile__photo")
    assert (photo["width"], photo["height"]) == ("300", "200")
    assert (hostile_files.outdir / photo["src"]).is_file()


def test_links_keep_their_words_and_lose_their_target(hostile_files):
    soup = page(hostile_files, "links.html")
    text = " ".join(soup.select_one("[role=main]").get_text().split())
    assert "A long PDF and a secret and ." in text
    assert "A reference link and the end." not in text  # its definition is gone: shown as written
    assert "A download and a picture:" in text
    hrefs = [a.get("href", "") for a in soup.select("[role=main] a")]
    assert not [href for href in hrefs if "secret" in href or "aaaa" in href or "elsewhere" in href]
    assert soup.select("[role=main] img") == []
    # The site's own PDF is still published and linked.
    assert any(href.endswith("/real.pdf") for href in hrefs)


def test_cv_page_keeps_its_cv_without_the_pdf(hostile_files):
    soup = page(hostile_files, "cv-pdf.html")
    section = soup.select_one("section.homepage-cv__section")
    assert "Awards" in section.get_text() and "A prize" in section.get_text()
    assert soup.select(".homepage-cv__pdf a") == []  # the words stay, as for any link left out
    assert "Body of cv-pdf." in soup.get_text()


def test_papers_keep_their_entries_without_what_was_refused(hostile_files):
    soup = page(hostile_files, "papers.html")
    titles = {li["id"]: li for li in soup.select("li.homepage-pub")}
    assert len(titles) == 16
    previews = {key for key, li in titles.items() if li.select("img.homepage-pub__preview")}
    assert previews == {"good"}  # only the SVG that only draws
    pdfs = {key for key, li in titles.items() if li.find("a", string="PDF")}
    assert pdfs == {"good"}


def test_files_output_holds_only_the_site_files(hostile_files):
    """What was published from user paths: the clean SVG preview and the site's own PDF, nothing else."""
    published = sorted(path.name for path in (hostile_files.outdir / "_images").iterdir() if not path.name.endswith((".webp", ".avif")))
    downloads = sorted(path.name for path in (hostile_files.outdir / "_downloads").rglob("*") if path.is_file())
    assert published == ["clean.svg"]
    assert downloads == ["real.pdf"]


# -- The bounded reader on its own -----------------------------------------------------------------------


def test_anchors_used_within_the_limits_are_read():
    """Aliases are YAML's own way to repeat a value: a few uses are read as written."""
    from sphinx_academic_homepage.yamlfile import FRONT_MATTER_LIMITS, load

    text = "base: &base {image: prof_pic.jpg, align: right}\nprofile: {<<: *base, more_info: x}\nagain: [*base, *base]\n"
    assert load(text, FRONT_MATTER_LIMITS) == {
        "base": {"image": "prof_pic.jpg", "align": "right"},
        "profile": {"image": "prof_pic.jpg", "align": "right", "more_info": "x"},
        "again": [{"image": "prof_pic.jpg", "align": "right"}] * 2,
    }


@pytest.mark.parametrize(
    ("text", "problem", "line"),
    [
        ("a: " + "[" * 60 + "]" * 60, "nests deeper than 50 levels", 1),
        ("a: [" + ", ".join(["x"] * 10_000) + "]", "holds more than 10,000 values, each alias counted as the value it stands for", 1),
        ("a: &a [x, x]\nb: &b [*a, *a]\nc: {k: &c [*b, *b]}\nd: &d [*c, *c, *c, *c]\ne: [" + ", ".join(["*d"] * 400) + "]\n",
         "holds more than 10,000 values, each alias counted as the value it stands for", 5),
        ("a: &a {b: *a}", "has an alias inside the value it names", 1),
        ("x" * 200_000, "is 200,000 characters long, more than the 131,072 allowed", None),
    ],
)
def test_what_the_reader_refuses_and_where(text, problem, line):
    from sphinx_academic_homepage.yamlfile import FRONT_MATTER_LIMITS, YAMLLimitError, load

    with pytest.raises(YAMLLimitError) as refused:
        load(text, FRONT_MATTER_LIMITS)
    assert refused.value.problem == problem
    mark = refused.value.problem_mark
    assert (mark.line + 1 if mark is not None else None) == line


def test_files_the_reader_refuses(tmp_path):
    from sphinx_academic_homepage.yamlfile import UnreadableFile, read_text

    os.mkfifo(tmp_path / "pipe.yaml")
    (tmp_path / "big.yaml").write_text("x: y\n" * 1000, encoding="utf-8")
    (tmp_path / "latin1.yaml").write_bytes("a: b\nc: caf\xe9\n".encode("latin-1"))
    reasons = {}
    for name in ("/dev/zero", tmp_path / "pipe.yaml", tmp_path, tmp_path / "big.yaml", tmp_path / "latin1.yaml"):
        with pytest.raises(UnreadableFile) as refused:
            read_text(name, 4096)
        reasons[str(name).rpartition("/")[2]] = refused.value.strerror
    assert reasons == {
        "zero": "not a regular file (a device, a pipe or a folder)",
        "pipe.yaml": "not a regular file (a device, a pipe or a folder)",
        tmp_path.name: "not a regular file (a device, a pipe or a folder)",
        "big.yaml": "larger than 4,096 bytes",
        "latin1.yaml": "not UTF-8 text (byte 11, line 2)",
    }
