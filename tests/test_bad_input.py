"""Bad input, one mistake at a time: each gives its exact warning, the build finishes, and nothing else is lost.

Four scenarios, each built once for the module (``tests/roots/test-bad-*``):

- ``bad-frontmatter``: one page per mistake in al-folio front matter and profile photos (images that
  are not images, truncated, too large, remote...), plus files with Windows line ends and a BOM;
- ``bad-social``: a ``homepage_social`` setting whose entries are wrong in every way but three;
- ``bad-pages``: news items, announcements settings, a CV file and PDF links with mistakes;
- ``bad-bib``: .bib files with one mistake an entry, a file that is not UTF-8 and one that is missing.

A case names the warnings it must give (file and line, type ``homepage.<subtype>``) and what must still be
on its page. Each scenario's warnings are exactly the union of its cases'.
"""

from __future__ import annotations

import struct
import zlib
from dataclasses import dataclass

import pytest
from PIL import Image

from buildutil import build, copy_root, text_of

W = "WARNING: "
IMAGE_URL_ADVICE = "is a URL; name a file of the site instead (served and resized with it, no request to another site); no photo is shown [homepage.image]"
SOCIAL_URL_RULE = "which is not http(s), mailto or a path of the site (left out) [homepage.social]"


@dataclass(frozen=True)
class Case:
    id: str
    page: str
    #: The exact warnings this mistake gives, paths relative to the scenario's folder.
    warnings: tuple[str, ...]
    #: (CSS selector, text) pairs: some element matched by the selector contains the text.
    present: tuple[tuple[str, str], ...] = ()
    #: CSS selectors that must match nothing.
    absent: tuple[str, ...] = ()
    #: Strings that must not be anywhere in the page's HTML.
    not_in_html: tuple[str, ...] = ()


def about(name: str, *extra: tuple[str, str]) -> tuple[tuple[str, str], ...]:
    """What every about page of the front matter scenario keeps: the owner's heading and the body."""
    return (("[role=main] h1", "Ada Lovelace"), ("[role=main] p", f"Body of {name}."), *extra)


MORE_INFO = (".homepage-profile__more-info p", "kept")
PHOTO = ("div.homepage-profile", "")  # the card is there
NO_PHOTO = "img.homepage-profile__photo"


def unreadable(page: str, name: str, reason: str) -> str:
    return f"{page}:4: {W}profile image {name!r} could not be read as an image ({reason}); no photo is shown [homepage.image]"


FRONT_MATTER_CASES = [
    Case(
        "invalid-yaml",
        "invalid-yaml.html",
        (
            f"invalid-yaml.md:5: {W}front matter is not valid YAML: expected ',' or ']', but got '<stream end>' [homepage.frontmatter]",
        ),
        present=(("[role=main] h1", "Invalid YAML"), ("[role=main] p", "Body of invalid-yaml.")),
        absent=("div.homepage-profile",),
    ),
    Case(
        "tab-indent",
        "tab-indent.html",
        (
            f"tab-indent.md:4: {W}front matter is not valid YAML: found character '\\t' that cannot start any token [homepage.frontmatter]",
        ),
        present=(("[role=main] h1", "Tab indent"), ("[role=main] p", "Body of tab-indent.")),
    ),
    Case(
        # Found by this suite: myst-parser 5.2.0 ends the build with AttributeError on this block (PyYAML's
        # timestamp constructor fails on a non-date, and myst catches only YAMLError/ValueError/RecursionError).
        # The homepage reader warns and hands myst-parser an empty block instead.
        "timestamp-tag",
        "timestamp-tag.html",
        (
            f"timestamp-tag.md:3: {W}front matter is not valid YAML: 'next spring' is not a valid timestamp "
            "[homepage.frontmatter]",
        ),
        present=(("[role=main] h1", "Timestamp tag"), ("[role=main] p", "Body of timestamp-tag.")),
    ),
    Case(
        "int-tag",
        "int-tag.html",
        (
            f"int-tag.md:3: {W}front matter is not valid YAML: 'two' is not a valid int [homepage.frontmatter]",
        ),
        present=(("[role=main] h1", "Int tag"), ("[role=main] p", "Body of int-tag.")),
    ),
    Case(
        "not-a-mapping",
        "not-a-mapping.html",
        (
            f"not-a-mapping.md:2: {W}front matter should be a mapping of keys to values [homepage.frontmatter]",
        ),
        present=(("[role=main] h1", "Not a mapping"), ("[role=main] p", "Body of not-a-mapping.")),
    ),
    Case(
        "unclosed",
        "unclosed.html",
        (
            f"unclosed.md:1: {W}front matter opened by '---' on line 1 is never closed by a line '---'; "
            "the page is read without it [homepage.frontmatter]",
            # Not again from docutils ("Document or section may not begin with a transition"): the
            # opening '---' does not reach it as a horizontal rule.
        ),
        present=(
            ("[role=main] h1", "Unclosed"),
            ("[role=main] p", "Body of unclosed."),
            # The lines after the '---' are the page's text, as written.
            ("[role=main] p", "layout: about profile: image: rosegarden.png"),
        ),
        absent=("[role=main] hr",),
    ),
    Case(
        "duplicate-key",
        "duplicate-key.html",
        (
            f"duplicate-key.md:6: {W}front matter key 'profile' is written twice (lines 3 and 6); the second one is used "
            "[homepage.frontmatter]",
        ),
        present=about("duplicate-key", MORE_INFO, ("div.homepage-profile--right", "kept")),
        absent=("div.homepage-profile--left",),
    ),
    Case(
        "profile-list",
        "profile-list.html",
        (
            f"profile-list.md:4: {W}front matter 'profile' is a list, not a mapping of keys; no profile card is shown "
            "[homepage.frontmatter]",
        ),
        present=about("profile-list", ("p.homepage-subtitle", "Still a subtitle")),
        absent=("div.homepage-profile",),
    ),
    Case(
        "profile-null",
        "profile-null.html",
        (f"profile-null.md:4: {W}front matter 'profile' is empty; no profile card is shown [homepage.frontmatter]",),
        present=about("profile-null", ("p.homepage-subtitle", "Still a subtitle")),
        absent=("div.homepage-profile",),
    ),
    Case(
        "subtitle-mapping",
        "subtitle-mapping.html",
        (f"subtitle-mapping.md:3: {W}front matter 'subtitle' should be text, not a mapping; it is not shown [homepage.frontmatter]",),
        present=about("subtitle-mapping", MORE_INFO, ("img.homepage-profile__photo", "")),
        absent=(".homepage-subtitle",),
    ),
    Case(
        "description-list",
        "description-list.html",
        (f"description-list.md:3: {W}front matter 'description' should be text, not a list; it is not shown [homepage.frontmatter]",),
        present=about("description-list", MORE_INFO, ("img.homepage-profile__photo", "")),
        absent=(".homepage-subtitle",),
    ),
    Case(
        "circular-number",
        "circular-number.html",
        (
            f"circular-number.md:6: {W}front matter 'profile.image_circular' should be true or false, not 1; using false "
            "[homepage.frontmatter]",
        ),
        present=about("circular-number", ("div.homepage-profile--left img.homepage-profile__photo", "")),
        absent=(".homepage-profile--circular",),
    ),
    Case(
        "social-number",
        "social-number.html",
        (f"social-number.md:3: {W}front matter 'social' should be true or false, not 1; using false [homepage.frontmatter]",),
        present=about("social-number", MORE_INFO, ("img.homepage-profile__photo", "")),
        absent=("nav.homepage-social",),
    ),
    Case(
        "more-info-list",
        "more-info-list.html",
        (f"more-info-list.md:5: {W}front matter 'profile.more_info' should be text, not a list; it is ignored [homepage.frontmatter]",),
        present=about("more-info-list", ("img.homepage-profile__photo", "")),
        absent=(".homepage-profile__more-info",),
    ),
    Case(
        "image-not-an-image",
        "image-not-an-image.html",
        (unreadable("image-not-an-image.md", "not-an-image.png", "cannot identify image file 'not-an-image.png'"),),
        present=about("image-not-an-image", MORE_INFO),
        absent=(NO_PHOTO,),
    ),
    Case(
        "image-empty-file",
        "image-empty-file.html",
        (unreadable("image-empty-file.md", "empty.jpg", "cannot identify image file 'empty.jpg'"),),
        present=about("image-empty-file", MORE_INFO),
        absent=(NO_PHOTO,),
    ),
    Case(
        # Found by this suite: the build failed with a traceback when the copies were written.
        "image-truncated",
        "image-truncated.html",
        (unreadable("image-truncated.md", "truncated.jpg", "image file is truncated (64 bytes not processed)"),),
        present=about("image-truncated", MORE_INFO),
        absent=(NO_PHOTO,),
    ),
    Case(
        # Found by this suite: Pillow's DecompressionBombError is no OSError and ended the build.
        "image-too-large",
        "image-too-large.html",
        (
            unreadable(
                "image-too-large.md",
                "huge.png",
                "Image size (400000000 pixels) exceeds limit of 178956970 pixels, could be decompression bomb DOS attack.",
            ),
        ),
        present=about("image-too-large", MORE_INFO),
        absent=(NO_PHOTO,),
    ),
    Case(
        "image-svg",
        "image-svg.html",
        (unreadable("image-svg.md", "vector.svg", "cannot identify image file 'vector.svg'"),),
        present=about("image-svg", MORE_INFO),
        absent=(NO_PHOTO,),
    ),
    Case(
        "image-absolute-missing",
        "image-absolute-missing.html",
        (
            f"image-absolute-missing.md:4: {W}profile image '/img/prof_pic.jpg' not found (looked in the source folder); "
            "no photo is shown [homepage.image]",
        ),
        present=about("image-absolute-missing", MORE_INFO),
        absent=(NO_PHOTO,),
    ),
    Case(
        "image-folder",
        "image-folder.html",
        (
            f"image-folder.md:4: {W}profile image 'folder.png' not found (looked in the source folder, _static, assets/img/); "
            "no photo is shown [homepage.image]",
        ),
        present=about("image-folder", MORE_INFO),
        absent=(NO_PHOTO,),
    ),
    Case(
        "image-remote",
        "image-remote.html",
        (f"image-remote.md:4: {W}profile image 'https://example.org/me.jpg' {IMAGE_URL_ADVICE}",),
        present=about("image-remote", MORE_INFO),
        absent=(NO_PHOTO,),
        not_in_html=("example.org/me.jpg",),
    ),
    Case(
        "image-data-url",
        "image-data-url.html",
        (f"image-data-url.md:4: {W}profile image 'data:image/png;base64,iVBORw0KGgo=' {IMAGE_URL_ADVICE}",),
        present=about("image-data-url", MORE_INFO),
        absent=(NO_PHOTO,),
        not_in_html=("data:image/png",),
    ),
    Case(
        "crlf-line-ends",
        "crlf.html",
        (
            f"crlf.md:5: {W}unknown front matter key 'profile.imgae_circular' is ignored; did you mean "
            "'profile.image_circular'? [homepage.frontmatter]",
        ),
        present=about("crlf", MORE_INFO, ("img.homepage-profile__photo", "")),
        absent=(".homepage-profile--circular",),
    ),
    Case(
        "utf8-bom",
        "bom.html",
        (
            f"bom.md:5: {W}unknown front matter key 'profile.algn' is ignored; did you mean 'profile.align'? "
            "[homepage.frontmatter]",
        ),
        present=about("bom", MORE_INFO, ("div.homepage-profile--right img.homepage-profile__photo", "")),
    ),
]


SOCIAL_CASES = [
    Case(
        "social-url-not-text",
        "index.html",
        (f"conf.py:12: {W}social entry 'custom_number_url': 'url' should be text (left out) [homepage.social]",),
        absent=("a[title=Number]",),
    ),
    Case(
        "social-url-blank",
        "index.html",
        (f"conf.py:13: {W}social entry 'custom_blank_url': 'url' should be text (left out) [homepage.social]",),
        absent=("a[title=Blank]",),
    ),
    Case(
        "social-title-not-text",
        "index.html",
        (f"conf.py:14: {W}social entry 'gitlab_username': 'title' should be text; using 'GitLab' [homepage.social]",),
        present=(("a.homepage-social__link[href='https://gitlab.com/ada']", "GitLab"),),
    ),
    Case(
        "social-control-char-javascript",
        "index.html",
        (f"conf.py:15: {W}social entry 'work_url' has the URL '\\x01javascript:alert(1)', {SOCIAL_URL_RULE}",),
        not_in_html=("javascript:",),
    ),
    Case(
        "social-mixed-case-javascript",
        "index.html",
        (f"conf.py:16: {W}social entry 'blogger_url' has the URL 'JaVaScRiPt:alert(1)', {SOCIAL_URL_RULE}",),
        not_in_html=("JaVaScRiPt",),
    ),
    Case(
        "social-newline-javascript",
        "index.html",
        (f"conf.py:17: {W}social entry 'dblp_url' has the URL 'java\\nscript:alert(1)', {SOCIAL_URL_RULE}",),
        not_in_html=("script:alert",),
    ),
    Case(
        "social-data-feed",
        "index.html",
        (f"conf.py:18: {W}social entry 'rss_icon' has the URL 'data:application/rss+xml,<rss/>', {SOCIAL_URL_RULE}",),
        not_in_html=("data:application",),
    ),
    Case(
        "social-vbscript-file",
        "index.html",
        (f"conf.py:19: {W}social entry 'wechat_qr' has the URL 'vbscript:msgbox(1)', {SOCIAL_URL_RULE}",),
        not_in_html=("vbscript:",),
    ),
    Case(
        # Found by this suite: urlsplit() raised ValueError on this URL, a traceback while reading conf.py.
        "social-malformed-url",
        "index.html",
        (),
        present=(("a.homepage-social__link[href='https://[bsky.app/profile/ada']", "Bluesky"),),
    ),
    Case(
        "social-number-key",
        "index.html",
        (
            f"conf.py:10: {W}unknown social platform '5'; a custom entry needs a dict with 'url', 'title' and 'icon' "
            "(left out) [homepage.social]",
        ),
    ),
    Case(
        "social-icon-not-text",
        "index.html",
        (f"conf.py:22: {W}social entry 'orcid_id': 'icon' should be text (using 'orcid') [homepage.social]",),
        present=(("a.homepage-social__link[href='https://orcid.org/0000-0002-1825-0097']", "ORCID"),),
    ),
    Case(
        "social-dict-without-value",
        "index.html",
        (
            f"conf.py:23: {W}social entry 'scholar_userid' should be text (a user name, id or URL), not nothing "
            "(left out) [homepage.social]",
        ),
        not_in_html=("scholar.google",),
    ),
    Case(
        "social-float-user-name",
        "index.html",
        (
            f"conf.py:24: {W}social entry 'linkedin_username' should be text (a user name, id or URL), not a number "
            "(left out) [homepage.social]",
        ),
        not_in_html=("linkedin.com",),
    ),
]

NEWS_ROW = "#news .homepage-news__item"
CV_SECTION = "section.homepage-cv__section"

PAGES_CASES = [
    Case(
        "news-limit-zero",
        "index.html",
        (f"index.md:5: {W}announcements.limit should be a positive number, not 0; showing 5 [homepage.news]",),
        present=((NEWS_ROW, "A valid item next to the broken ones."),),
    ),
    Case(
        "news-scrollable-text",
        "index.html",
        (
            f"index.md:6: {W}front matter 'announcements.scrollable' should be true or false, not 'no'; using true "
            "[homepage.frontmatter]",
        ),
        present=((NEWS_ROW, "Listed by its title"),),
    ),
    Case(
        # Found by this suite: PyYAML raised a bare ValueError for the date, a traceback while reading the page.
        "news-impossible-date",
        "news/impossible-date.html",
        (
            # Once: myst-parser gets the date quoted, so its loader does not reject the block ("Malformed YAML").
            f"news/impossible-date.md:2: {W}news item date '2023-02-30' is not a date (YYYY-MM-DD, optionally with a "
            "time); left out of the news lists [homepage.news]",
        ),
        present=(("[role=main] p", "An item dated a day that does not exist."),),
    ),
    Case(
        "news-number-date",
        "news/number-date.html",
        (
            f"news/number-date.md:3: {W}news item date 20230405 is not a date (YYYY-MM-DD, optionally with a time); "
            "left out of the news lists [homepage.news]",
        ),
        present=(("[role=main] p", "An item dated with a number."),),
    ),
    Case(
        "news-inline-number",
        "index.html",
        (f"news/inline-number.md:4: {W}front matter 'inline' should be true or false, not 1; using false [homepage.frontmatter]",),
        present=((NEWS_ROW + " a", "Listed by its title"),),
    ),
    Case(
        "cv-section-text",
        "cv.html",
        (
            f"cv.yaml:5: {W}a CV section should be a mapping with title, type and contents, not 'A section that is only "
            "text' [homepage.cv]",
        ),
        present=((CV_SECTION, "Kept section Still here"),),
    ),
    Case(
        "cv-section-without-title",
        "cv.html",
        (f"cv.yaml:23: {W}a CV section has no title; left out [homepage.cv]",),
        present=((CV_SECTION, "Numbers"),),
    ),
    Case(
        "cv-group-without-title",
        "cv.html",
        (f"cv.yaml:9: {W}a nested_list entry needs a title and items, not {{'items': ['no title']}}; left out [homepage.cv]",),
        present=((CV_SECTION, "Kept group kept item"),),
    ),
    Case(
        "cv-item-list",
        "cv.html",
        (f"cv.yaml:15: {W}a CV item should be text or a title with contents, not ['a', 'nested', 'list']; left out [homepage.cv]",),
        present=((CV_SECTION, "kept list item"),),
    ),
    Case(
        "cv-items-not-list",
        "cv.html",
        (f"cv.yaml:22: {W}CV field 'items' should be a list, not 'a string, not a list'; left out [homepage.cv]",),
        present=((CV_SECTION, "Kept entry"),),
    ),
    Case(
        # Found by this suite: as in front matter, the YAML loader raised ValueError. The year stays as written.
        "cv-impossible-year",
        "cv.html",
        (),
        present=((".homepage-cv__year", "2019-02-30"),),
    ),
    Case(
        "cv-map-entry-text",
        "cv.html",
        (f"cv.yaml:29: {W}a map entry should be a mapping (name, value), not 'just text'; left out [homepage.cv]",),
        present=((CV_SECTION, "Kept pair kept value"),),
    ),
    Case(
        "pdf-al-folio-path-missing",
        "index.html",
        (f"index.md:11: {W}links to the PDF '/assets/pdf/cv.pdf', which is not there: put the file at _static/cv.pdf [homepage.pdf]",),
        present=(("[role=main] p", "The CV al-folio style"),),
        absent=("a[href$='cv.pdf']",),
    ),
    Case(
        "pdf-with-fragment-missing",
        "index.html",
        (f"index.md:11: {W}links to the PDF 'slides/talk.pdf', which is not there: put the file at slides/talk.pdf [homepage.pdf]",),
        present=(("[role=main] p", "the talk beside this page"),),
        absent=("a[href*='talk.pdf']",),
    ),
    Case(
        "pdf-outside-the-site",
        "index.html",
        (
            f"index.md:11: {W}links to the PDF '../teaching/syllabus.pdf', which is not there: put the file at "
            "../teaching/syllabus.pdf [homepage.pdf]",
        ),
        present=(("[role=main] p", "and a syllabus outside the site."),),
        absent=("a[href*='syllabus']",),
    ),
]

def pub(key: str) -> str:
    return f'li.homepage-pub[id="{key}"]'


PUB_TITLE = " .homepage-pub__title"

BIB_CASES = [
    Case(
        "bib-not-utf8",
        "index.html",
        (f"latin1.bib:1: {W}not valid utf-8-sig; undecodable bytes are replaced [homepage.bibtex]",),
        present=((pub("latin") + PUB_TITLE, "Caf\ufffd Engines"),),
    ),
    Case(
        "bib-file-missing",
        "index.html",
        (f"missing.bib:1: {W}bibliography file not found [homepage.bibtex]",),
        present=((pub("good") + PUB_TITLE, "A Good Entry"),),
    ),
    Case(
        # A real file's mistake (cbueth's site): sphinxcontrib-bibtex alone stops the build with "undefined string".
        "bib-bare-true",
        "index.html",
        (f"refs.bib:13: {W}baretrue: undefined @string 'true'; the value is left empty [homepage.bibtex]",),
        present=((pub("baretrue") + PUB_TITLE, "Flag Written Bare"),),
    ),
    Case(
        "bib-data-url",
        "index.html",
        (f"refs.bib:22: {W}datahtml: html link uses data:, which is not allowed; the link is left out [homepage.url]",),
        present=((pub("datahtml") + " a.homepage-pub__button", "Code"),),
        not_in_html=("data:text/html;base64",),
    ),
    Case(
        "bib-vbscript-url",
        "index.html",
        (f"refs.bib:30: {W}vbcode: code link uses vbscript:, which is not allowed; the link is left out [homepage.url]",),
        present=((pub("vbcode") + PUB_TITLE, "VBScript Code"),),
        absent=(pub("vbcode") + " a.homepage-pub__button",),
    ),
    Case(
        "bib-javascript-doi",
        "index.html",
        (f"refs.bib:37: {W}jsdoi: doi link uses javascript:, which is not allowed; the link is left out [homepage.url]",),
        present=((pub("jsdoi") + PUB_TITLE, "Script DOI"),),
        absent=(pub("jsdoi") + " a.homepage-pub__button",),
    ),
    Case(
        # pybtex kept the second "and" in the next name: "Ada Lovelace and Charles and Babbage", without a word.
        "bib-empty-name",
        "index.html",
        (
            f"refs.bib:70: {W}emptyname: author list has an empty name ('and' twice in a row, or at an end); "
            "left out [homepage.bibtex]",
        ),
        present=(
            (pub("emptyname") + " .homepage-pub__authors", "Ada Lovelace and Charles Babbage"),
            # The BibTeX a visitor copies has the list without the empty name too.
            (pub("emptyname") + " .homepage-pub__bibtex", "author = {Lovelace, Ada and Babbage, Charles}"),
        ),
    ),
    Case(
        "bib-flags-of-the-wrong-kind",
        "index.html",
        (
            f"refs.bib:91: {W}badflags: bibtex_show should be true or false, not 'maybe'; ignored; max_author_limit "
            "should be a positive number, not 'two'; ignored [homepage.bibtex]",
        ),
        present=((pub("badflags") + PUB_TITLE, "Flags Of The Wrong Kind"),),
    ),
    Case(
        "bib-data-href-in-note",
        "index.html",
        (f"refs.bib:100: {W}datanote: a \\url or \\href uses data:, which is not allowed; shown as text [homepage.url]",),
        present=((pub("datanote") + " .homepage-pub__note", "See this;"),),
        absent=(pub("datanote") + " .homepage-pub__note a",),
    ),
    Case(
        "bib-crossref-to-nothing",
        "index.html",
        (f"refs.bib:107: {W}orphancrossref: crossref 'nosuchproceedings' is not in the bibliography [homepage.bibtex]",),
        present=((pub("orphancrossref") + PUB_TITLE, "Crossref To Nothing"),),
    ),
]

SCENARIOS = {
    "bad-frontmatter": FRONT_MATTER_CASES,
    "bad-social": SOCIAL_CASES,
    "bad-pages": PAGES_CASES,
    "bad-bib": BIB_CASES,
}


def _png_chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)


def add_broken_images(srcdir) -> None:
    """Images made here rather than committed: a JPEG cut in half, a PNG whose header claims 20000 x 20000 pixels."""
    # A fixed pattern (not noise): the same bytes, and the same truncation message, on every run.
    photo = Image.frombytes("RGB", (640, 480), bytes((i * 7 + i // 1920) % 256 for i in range(640 * 480 * 3)))
    whole = srcdir / "whole.jpg"
    photo.save(whole, quality=90)
    data = whole.read_bytes()
    whole.unlink()
    (srcdir / "truncated.jpg").write_bytes(data[: len(data) // 2])
    header = struct.pack(">IIBBBBB", 20000, 20000, 8, 2, 0, 0, 0)
    (srcdir / "huge.png").write_bytes(
        b"\x89PNG\r\n\x1a\n" + _png_chunk(b"IHDR", header) + _png_chunk(b"IDAT", zlib.compress(b"")) + _png_chunk(b"IEND", b"")
    )


@pytest.fixture(scope="module")
def builds(tmp_path_factory):
    """Each scenario built once, serially, from a fresh environment."""
    results = {}
    for name in SCENARIOS:
        workdir = tmp_path_factory.mktemp(name)
        srcdir = copy_root(name, workdir)
        if name == "bad-frontmatter":
            add_broken_images(srcdir)
        results[name] = build(srcdir, workdir / "_build")
    return results


ALL_CASES = [(scenario, case) for scenario, cases in SCENARIOS.items() for case in cases]


def test_there_are_at_least_forty_distinct_cases():
    ids = [case.id for _, case in ALL_CASES]
    assert len(ids) == len(set(ids))
    assert len([case for _, case in ALL_CASES if case.warnings]) >= 40


@pytest.mark.parametrize("scenario", list(SCENARIOS))
def test_scenario_warns_exactly_its_cases_and_finishes(builds, scenario):
    built = builds[scenario]
    expected = [warning for case in SCENARIOS[scenario] for warning in case.warnings]
    assert sorted(built.warnings) == sorted(expected)
    assert "build succeeded" in built.status
    for case in SCENARIOS[scenario]:
        assert (built.outdir / case.page).is_file(), case.id


@pytest.mark.parametrize(("scenario", "case"), ALL_CASES, ids=[case.id for _, case in ALL_CASES])
def test_case(builds, scenario, case):
    built = builds[scenario]
    for warning in case.warnings:
        assert built.warnings.count(warning) == 1, (warning, built.warnings)
        assert warning.endswith("]") and "[homepage." in warning, warning
    soup = built.page(case.page)
    for selector, text in case.present:
        found = [text_of(element) for element in soup.select(selector)]
        assert any(text in shown for shown in found), (selector, text, found)
    for selector in case.absent:
        assert soup.select(selector) == [], selector
    html = built.html(case.page)
    for text in case.not_in_html:
        assert text not in html, text


def test_the_social_row_keeps_every_valid_entry_in_order(builds):
    row = builds["bad-social"].page("index.html").select("nav.homepage-social a.homepage-social__link")
    assert [(a["href"], text_of(a)) for a in row] == [
        ("https://github.com/ada", "GitHub"),
        ("https://gitlab.com/ada", "GitLab"),
        ("https://[bsky.app/profile/ada", "Bluesky"),
        ("https://orcid.org/0000-0002-1825-0097", "ORCID"),
        ("https://x.com/ada", "X (Twitter)"),
    ]
    assert all(a.select_one("svg") is not None for a in row)


def test_news_lists_only_the_dated_items(builds):
    rows = builds["bad-pages"].page("index.html").select(NEWS_ROW)
    assert [text_of(row) for row in rows] == [
        "Mar 01, 2024 A valid item next to the broken ones.",
        "Jan 15, 2024 Listed by its title",
    ]


def test_cv_keeps_every_valid_section_in_order(builds):
    sections = builds["bad-pages"].page("cv.html").select(CV_SECTION)
    assert [text_of(section.find(["h2", "h3"])) for section in sections] == [
        "Kept section",
        "Groups",
        "Items",
        "Timeline",
        "Numbers",
    ]


def test_two_processes_warn_the_same_and_write_the_same_pages(builds, tmp_path):
    """The front matter scenario again with ``-j 2``: the same warnings, the same pages."""
    srcdir = copy_root("bad-frontmatter", tmp_path)
    add_broken_images(srcdir)
    parallel = build(srcdir, tmp_path / "_build", parallel=2)
    serial = builds["bad-frontmatter"]
    assert sorted(parallel.warnings) == sorted(serial.warnings)
    for case in FRONT_MATTER_CASES:
        assert str(parallel.page(case.page).select_one("[role=main]")) == str(serial.page(case.page).select_one("[role=main]")), case.id
