"""al-folio's figure, video and audio includes (blog/media.py): the image pipeline, files published as they are,
links for what is on another host, one located warning for what cannot be shown, nothing read outside the site."""

from __future__ import annotations

import os
import random
import re
import shutil
from pathlib import Path
from types import SimpleNamespace

import pytest
from bs4 import BeautifulSoup
from PIL import Image

from buildutil import ROOTS, build, stylesheets
from sphinx_academic_homepage import images
from sphinx_academic_homepage.blog.media import audio_html, figure_html, video_html
from sphinx_academic_homepage.sanitiser import BODY, sanitise

POST = "blog/2026/post/index.html"


def _noise(path: Path, width: int, height: int) -> None:
    generator = random.Random(14)
    Image.frombytes("RGB", (width, height), generator.randbytes(width * height * 3)).save(path)


def make_site(tmp_path: Path) -> Path:
    srcdir = tmp_path / "site"
    shutil.copytree(ROOTS / "test-media", srcdir)
    images = srcdir / "assets" / "img"
    images.mkdir(parents=True)
    # A gradient: encoded in a fraction of the time noise takes.
    Image.linear_gradient("L").resize((1200, 800)).convert("RGB").save(images / "photo.png")
    (images / "drawing.svg").write_text('<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><rect width="10" height="10"/></svg>')
    (images / "bad.svg").write_text('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>')
    Image.new("P", (8, 8)).save(images / "anim.gif")
    _noise(tmp_path / "outside.png", 20, 20)
    os.symlink(tmp_path / "outside.png", images / "escape.png")
    for folder, name in (("video", "clip.mp4"), ("audio", "sound.mp3")):
        (srcdir / "assets" / folder).mkdir()
        (srcdir / "assets" / folder / name).write_bytes(b"\0media " + name.encode())
    return srcdir


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory):
    tmp_path = tmp_path_factory.mktemp("media")
    return build(make_site(tmp_path), tmp_path / "out")


def _figures(built) -> list:
    return built.page(POST).select("article figure, .bd-article figure") or built.page(POST).find_all("figure")


def test_figure_is_a_responsive_picture_with_its_caption(built):
    figure = _figures(built)[0]
    assert figure["class"] == ["homepage-figure"]
    picture = figure.find("picture")
    avif, img = picture.find("source"), picture.find("img")
    assert avif["type"] == "image/avif" and avif["sizes"] == img["sizes"] == "(min-width: 960px) 930px, calc(100vw - 2rem)"
    widths = [candidate.split()[1] for candidate in img["srcset"].split(", ")]
    # A post's column (blog.media.FIGURE_WIDTHS): a phone's at 1x and 2x, a laptop's at 1x; at most the source's width.
    assert widths == ["480w", "720w", "960w", "1200w"]
    assert img["src"].startswith("../../../_images/photo-") and img["src"].endswith("-1200w.webp")
    assert (img["width"], img["height"]) == ("1200", "800")
    assert img["loading"] == "lazy" and img["class"] == ["img-fluid", "rounded"]
    # The caption: its HTML kept to inline markup; the alt text is its text.
    caption = figure.find("figcaption")
    assert str(caption) == '<figcaption class="caption">A <em>noisy</em> photo, </figcaption>'
    assert img["alt"] == "A noisy photo,"
    for candidate in img["srcset"].split(", ") + avif["srcset"].split(", "):
        assert (built.outdir / POST).parent.joinpath(candidate.split()[0]).resolve().is_file()


def test_eager_and_zoomable_figure_links_to_its_largest_copy(built):
    figure = _figures(built)[1]
    link = figure.find("a", class_="homepage-figure__link")
    img = link.find("img")
    assert img["loading"] == "eager" and img["alt"] == "The same photo"
    assert link["href"] == img["src"] and not link.has_attr("aria-label")
    assert figure.find("figcaption") is None


def test_svg_and_gif_are_published_as_they_are(built):
    svg, gif = (figure.find("img") for figure in _figures(built)[2:4])
    assert svg["src"].startswith("../../../_images/drawing-") and svg["src"].endswith(".svg")
    assert gif["src"].endswith(".gif") and gif["style"] == "width: 50%"
    assert (gif["width"], gif["height"]) == ("8", "8")
    assert not svg.has_attr("srcset")
    page_dir = (built.outdir / POST).parent
    assert (page_dir / svg["src"]).read_bytes() == (built.srcdir / "assets/img/drawing.svg").read_bytes()


def test_what_cannot_be_shown_warns_once_at_its_line_and_the_post_goes_on(built):
    assert built.warnings == [
        "blog/2026/post/index.md:4: WARNING: figure caption: removed <script> [homepage.post]",
        "blog/2026/post/index.md:13: WARNING: the figure 'assets/img/missing.png' is not a file of the site; it is left out [homepage.post]",
        "blog/2026/post/index.md:15: WARNING: the figure '../outside.png' is not a file of the site; it is left out [homepage.post]",
        "blog/2026/post/index.md:17: WARNING: the figure 'assets/img/escape.png' is not a file of the site; it is left out [homepage.post]",
        "blog/2026/post/index.md:19: WARNING: the figure 'assets/img/bad.svg' is an SVG that does more than draw "
        "(it has a <script> element); it is left out [homepage.post]",
        "blog/2026/post/index.md:21: WARNING: the figure 'https://example.org/x.png' is on another host; it is shown as a "
        "link to it (pages load nothing from other hosts) [homepage.post]",
    ]
    soup = built.page(POST)
    missing = soup.find_all("figure", class_="homepage-figure--missing")
    assert [figure.get_text() for figure in missing] == ["Lost", "", "", ""]
    assert soup.find("a", class_="homepage-remote")["href"] == "https://example.org/x.png"
    assert "The end of the post." in soup.get_text()


def test_nothing_outside_the_site_is_read_or_published(built):
    published = [path for path in built.outdir.rglob("*") if path.is_file()]
    outside = (built.srcdir.parent / "outside.png").read_bytes()
    assert not any(path.read_bytes() == outside for path in published if path.suffix == ".png")
    assert not any(path.name.startswith(("outside", "escape", "bad")) for path in published)


def test_local_video_and_audio_play_here_remote_ones_are_links(built):
    soup = built.page(POST)
    video = soup.find("video")
    assert video["src"].startswith("../../../_media/clip-") and video["src"].endswith(".mp4")
    assert video.has_attr("controls") and video["preload"] == "metadata" and not video.has_attr("autoplay")
    assert (built.outdir / POST).parent.joinpath(video["src"]).read_bytes() == b"\0media clip.mp4"
    audio = soup.find("audio")
    assert audio["src"].startswith("../../../_media/sound-") and audio.has_attr("controls")
    embeds = soup.find_all("a", class_="homepage-embed")
    assert [(a["href"], a.get_text()) for a in embeds] == [
        ("https://www.youtube.com/watch?v=jNQXAC9IVRw", "A first video"),
        ("https://cdn.example.org/a.mp3", "Audio on cdn.example.org"),
    ]
    assert soup.find("iframe") is None


def test_no_request_to_another_host_and_the_stylesheet_only_where_media_show(built):
    soup = built.page(POST)
    for tag in soup.find_all(["img", "source", "video", "audio", "script", "iframe"]):
        for attribute in ("src", "srcset"):
            assert "//" not in tag.get(attribute, ""), tag
    # media.css's rules reach the post (inside the package's one stylesheet of that page), not a page without media.
    assert "media.css" in stylesheets(built.outdir, POST)
    assert "media.css" not in stylesheets(built.outdir, "plain.html")


class _Env(SimpleNamespace):
    def note_dependency(self, path: str) -> None:
        self.dependencies.append(path)


def _app(srcdir: Path) -> SimpleNamespace:
    """As much of a Sphinx application as the include writers use: the source folder, the environment, the builder."""
    builder = SimpleNamespace(get_target_uri=lambda docname: docname + ".html")
    return SimpleNamespace(srcdir=srcdir, env=_Env(dependencies=[]), builder=builder)


@pytest.mark.parametrize(
    ("writer", "attributes"),
    [
        (figure_html, {"path": "assets/img/photo.png", "class": "img-fluid", "caption": "A <a href='x.html'>link</a> & more", "zoomable": "true"}),
        (figure_html, {"path": "/assets/img/photo.png", "url": "https://example.org/"}),
        (figure_html, {"path": "assets/img/anim.gif", "alt": 'say "hi"', "width": "300", "height": "10em"}),
        (figure_html, {"path": "https://example.org/x.png"}),
        (figure_html, {"path": "assets/img/missing.png", "caption": "gone"}),
        (video_html, {"path": "assets/video/clip.mp4", "loop": "true", "muted": "true", "class": "img-fluid", "caption": "A clip"}),
        (video_html, {"path": "https://player.vimeo.com/video/524933864?h=1ac4fd9fb4&title=0"}),
        (audio_html, {"path": "assets/audio/sound.mp3", "controls": "true"}),
    ],
)
def test_the_sanitiser_keeps_exactly_what_media_writes(tmp_path, writer, attributes):
    written = writer(_app(make_site(tmp_path)), "blog/2026/post/index", attributes, ("blog/2026/post/index", 3))
    assert "\n" not in written and written.strip()
    result = sanitise(written, BODY, balanced=True)
    assert result.removed == ()
    assert BeautifulSoup(result.html, "html.parser") == BeautifulSoup(written, "html.parser")


def test_images_are_encoded_once_per_version(tmp_path, built):
    copies = sorted(path.name for path in (built.outdir / "_images").glob("photo-*"))
    stamps = {name: (built.outdir / "_images" / name).stat().st_mtime_ns for name in copies}
    again = build(built.srcdir, built.outdir.parent, freshenv=True)
    assert sorted(path.name for path in (again.outdir / "_images").glob("photo-*")) == copies
    assert {name: (again.outdir / "_images" / name).stat().st_mtime_ns for name in copies} == stamps


def test_a_clean_build_into_a_new_output_folder_encodes_no_image(tmp_path, built, monkeypatch):
    encoded = []
    encode = images._encode
    monkeypatch.setattr(images, "_encode", lambda image, variants, folder: encoded.append(variants) or encode(image, variants, folder))
    clean = build(built.srcdir, tmp_path / "elsewhere", freshenv=True)
    assert encoded == []
    # Every copy the first build made, with its bytes, taken from the site's cache (which git ignores).
    copies = {path.name: path.read_bytes() for path in (built.outdir / "_images").glob("photo-*")}
    assert len(copies) == 8 and {path.name: path.read_bytes() for path in (clean.outdir / "_images").glob("photo-*")} == copies
    cache = built.srcdir / images.CACHE_DIR
    assert {path.name for path in cache.glob("photo-*")} == set(copies)
    assert (cache / ".gitignore").read_text(encoding="utf-8").splitlines()[-1] == "*"
    assert sorted(clean.warnings) == sorted(built.warnings)


@pytest.fixture(scope="module")
def photo_replaced(tmp_path_factory: pytest.TempPathFactory) -> dict:
    """The media site built, its photo replaced by a smaller version, built again without cleaning: the cache
    and the post before (``first``, ``cached_before``, ``src_before``) and after (``again``)."""
    tmp_path = tmp_path_factory.mktemp("media-edited")
    srcdir = make_site(tmp_path)
    first = build(srcdir, tmp_path / "out")
    cached_before = sorted(path.name for path in (srcdir / images.CACHE_DIR).glob("photo-*"))
    src_before = first.page(POST).find("img", alt="The same photo")["src"]
    Image.linear_gradient("L").resize((900, 600)).convert("RGB").save(srcdir / "assets" / "img" / "photo.png")
    again = build(srcdir, tmp_path / "out", freshenv=False)
    return {"first": first, "cached_before": cached_before, "src_before": src_before, "again": again}


def test_a_new_version_of_an_image_leaves_the_cache_without_the_old_copies(photo_replaced):
    first, again, before = photo_replaced["first"], photo_replaced["again"], photo_replaced["cached_before"]
    after = sorted(path.name for path in (again.srcdir / images.CACHE_DIR).glob("photo-*"))
    assert before and after and not set(before) & set(after)
    assert after == sorted(path.name for path in (again.outdir / "_images").glob("photo-*"))
    assert first.outdir == again.outdir


def test_an_edited_image_updates_its_post_without_a_clean_build(photo_replaced):
    again, before = photo_replaced["again"], photo_replaced["src_before"]
    img = again.page(POST).find("img", alt="The same photo")
    assert img["src"] != before and img["src"].endswith("-900w.webp") and img["width"] == "900"
    # The copies of the earlier version are gone; the post was the only page read again.
    assert not (again.outdir / "_images" / Path(before).name).exists()
    status = re.sub(r"\x1b\[[0-9;]*m", "", again.status)
    assert "0 added, 1 changed, 0 removed" in status and "reading sources... [100%] blog/2026/post/index" in status


def test_parallel_reading_gives_the_same_post_and_copies(tmp_path, built):
    srcdir = make_site(tmp_path)
    for n in range(6):  # Sphinx reads in parallel from six documents on
        (srcdir / f"page{n}.md").write_text(f"# Page {n}\n", encoding="utf-8")
    parallel = build(srcdir, tmp_path / "out", parallel=2)
    assert not any("doing serial" in line for line in parallel.warnings)
    assert sorted(line for line in parallel.warnings if "[homepage." in line) == sorted(built.warnings)
    assert str(parallel.page(POST).find("article")) == str(built.page(POST).find("article"))
    assert sorted(path.name for path in (parallel.outdir / "_images").iterdir()) == sorted(
        path.name for path in (built.outdir / "_images").iterdir()
    )
    assert sorted(path.name for path in (parallel.outdir / "_media").iterdir()) == sorted(
        path.name for path in (built.outdir / "_media").iterdir()
    )
