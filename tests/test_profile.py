"""The profile card: al-folio front matter and the profile directive, rendered, and every bad input warned once."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from conftest import PROJECT_ROOT, SHARED, needs_shared

from sphinx_academic_homepage.frontmatter import parse_front_matter
from sphinx_academic_homepage.profile import PHOTO_SIZES, read_profile, read_subtitle

CORPUS = SHARED / "corpus"


def warnings_of(app) -> list[str]:
    """The build's warnings, one per line, without colours and with paths relative to the source folder."""
    text = re.sub(r"\x1b\[[0-9;]*m", "", app.warning.getvalue())
    return [line.replace(f"{app.srcdir}/", "") for line in text.splitlines() if line.strip()]


def page(app, name: str) -> BeautifulSoup:
    return BeautifulSoup((Path(app.outdir) / name).read_text(encoding="utf-8"), "html.parser")


def card_of(soup: BeautifulSoup):
    (card,) = soup.select("[role=main] div.homepage-profile")
    return card


def more_info_lines(card) -> list[str]:
    return [" ".join(p.get_text().split()) for p in card.select(".homepage-profile__more-info p")]


def heading_text(heading) -> str:
    """A heading's text without Sphinx's permalink sign."""
    return "".join(s for s in heading.find_all(string=True) if s.parent.name != "a" or "headerlink" not in s.parent.get("class", []))


# -- The real site -------------------------------------------------------------------------------


def test_home_page_shows_the_seed_profile_card(site):
    home = site.page("index.html")
    article = home.select_one("article")
    assert heading_text(article.select_one("h1")) == "Ziming Liu"
    card = card_of(home)
    assert card["class"] == ["homepage-profile", "homepage-profile--right"]  # right, not circular
    assert more_info_lines(card) == ["Ziming Liu (刘子鸣)", "lzmsldmjxm@gmail.com"]
    # The card sits beside the bio: right after the heading, before the first paragraph.
    section = article.select_one("section")
    children = [c for c in section.children if getattr(c, "name", None)]
    assert [c.name for c in children[:3]] == ["h1", "div", "p"]
    assert children[2].get_text().startswith("Hi! I’m Ziming Liu")
    # The seed's subtitle is empty: no subtitle line.
    assert home.select(".homepage-subtitle") == []


def test_home_page_photo_is_served_responsive(site):
    photo = card_of(site.page("index.html")).select_one("img.homepage-profile__photo")
    assert photo["alt"] == "Ziming Liu"
    assert (photo["loading"], photo["fetchpriority"]) == ("eager", "high")
    assert (photo["width"], photo["height"]) == ("760", "718")  # the stand-in's size: no layout shift
    assert photo["sizes"] == PHOTO_SIZES
    candidates = [c.strip().split() for c in photo["srcset"].split(",")]
    assert [w for _, w in candidates] == ["240w", "360w", "480w", "600w", "760w"]
    for url, _ in candidates:
        assert re.fullmatch(r"_images/rosegarden-[0-9a-f]{10}-\d+w\.webp", url)
        assert (site.outdir / url).read_bytes()[8:12] == b"WEBP"
    assert photo["src"] == candidates[-1][0]
    # Before it, in the same <picture>, the same widths as AVIF for the browsers that read it.
    avif = photo.find_parent("picture").select_one('source[type="image/avif"]')
    assert avif is not None and avif["sizes"] == PHOTO_SIZES
    assert [c.split()[1] for c in avif["srcset"].split(", ")] == [w for _, w in candidates]
    for candidate in avif["srcset"].split(", "):
        url = candidate.split()[0]
        assert re.fullmatch(r"_images/rosegarden-[0-9a-f]{10}-\d+w\.avif", url)
        assert (site.outdir / url).read_bytes()[4:12] == b"ftypavif"
    # The original PNG is not published: pages only use the copies.
    assert not list(site.outdir.glob("_images/*.png"))


def test_home_page_keeps_front_matter_title_as_its_label(site):
    assert site.page("index.html").title.get_text() == "about — Ziming Liu"


# -- al-folio front matter ------------------------------------------------------------------------


@pytest.mark.sphinx("html", testroot="profile-seed", freshenv=True)
def test_about_page_is_headed_by_the_owner_and_labelled_by_its_title(app):
    app.build()
    assert warnings_of(app) == []
    about = page(app, "about.html")
    section = about.select_one("[role=main] section")
    assert heading_text(section.select_one("h1")) == "Ada Lovelace"
    # The body's own "# Research" becomes a subsection of the page headed by the owner.
    assert heading_text(section.select_one("section h2")) == "Research"
    card = card_of(about)
    assert more_info_lines(card) == ["Ada Lovelace (Augusta Ada King)", "ada@example.org"]
    assert card.select_one("img")["alt"] == "Ada Lovelace"
    # The navigation names the page by its front matter title.
    (entry,) = page(app, "index.html").select("[role=main] .toctree-wrapper > ul > li > a")
    assert (entry["href"], entry.get_text(strip=True)) == ("about.html", "about")
    assert about.title.get_text().startswith("about — ")
    # The front matter is not printed as a field list.
    assert about.select("dl.field-list") == []


@pytest.mark.sphinx("html", testroot="profile-align", freshenv=True)
def test_alignments(app):
    app.build()
    assert warnings_of(app) == []
    expected = {
        "left": "homepage-profile--left",
        "right": "homepage-profile--right",
        "center": "homepage-profile--center",
        "other": "homepage-profile--right",  # al-folio floats anything but "left" to the right
        "unset": "homepage-profile--right",
    }
    for name, modifier in expected.items():
        card = card_of(page(app, f"{name}.html"))
        assert card["class"] == ["homepage-profile", modifier], name
        assert card.select_one("img.homepage-profile__photo") is not None
    # A page with "profile" but no "layout: about" still gets the heading.
    assert heading_text(page(app, "unset.html").select_one("[role=main] h1")) == "Ada Lovelace"


@pytest.mark.sphinx("html", testroot="profile-circular", freshenv=True)
def test_circular_card(app):
    app.build()
    assert warnings_of(app) == []
    card = card_of(page(app, "index.html"))
    assert card["class"] == ["homepage-profile", "homepage-profile--center", "homepage-profile--circular"]
    assert more_info_lines(card) == ["Somewhere"]


@pytest.mark.sphinx("html", testroot="profile-legacy", freshenv=True)
def test_legacy_address_description_and_html_subtitle(app):
    app.build()
    assert warnings_of(app) == []

    address = page(app, "address.html")
    card = card_of(address)
    assert card["class"] == ["homepage-profile", "homepage-profile--left"]
    assert more_info_lines(card) == ["12 St James's Square", "London"]
    (subtitle,) = address.select("p.homepage-subtitle")
    assert subtitle.get_text() == "Professor of Poetical Science"

    description = page(app, "description.html")
    (subtitle,) = description.select("p.homepage-subtitle")
    assert subtitle.get_text() == "Analyst & metaphysician."  # escaped text, not HTML
    assert "Analyst &amp; metaphysician." in str(subtitle)

    html_subtitle = page(app, "html-subtitle.html")
    (subtitle,) = html_subtitle.select("div.homepage-subtitle")
    link = subtitle.select_one("a")
    assert (link["href"], link.get_text()) == ("https://example.org/", "Analytical Society")
    assert html_subtitle.select("div.homepage-profile") == []  # no profile, no card
    heading, subtitle_element = html_subtitle.select_one("[role=main] section").find_all(recursive=False)[:2]
    assert heading.name == "h1" and subtitle_element is subtitle


@pytest.mark.sphinx("html", testroot="profile-own-heading", freshenv=True)
def test_page_with_its_own_heading_keeps_it(app):
    app.build()
    assert warnings_of(app) == []
    section = page(app, "index.html").select_one("[role=main] section")
    children = section.find_all(recursive=False)
    assert heading_text(children[0]) == "Ada’s own heading"
    assert children[1]["class"] == ["homepage-subtitle"] and children[1].get_text() == "Mathematician"
    assert "homepage-profile" in children[2]["class"]
    assert len(page(app, "index.html").select("[role=main] h1")) == 1


# -- The directive -------------------------------------------------------------------------------


@pytest.mark.sphinx("html", testroot="profile-directive", freshenv=True)
def test_directive_in_myst_and_rest(app):
    app.build()
    assert warnings_of(app) == []

    myst = card_of(page(app, "myst.html"))
    assert myst["class"] == ["homepage-profile", "homepage-profile--left", "homepage-profile--circular"]
    assert myst.select_one("img")["alt"] == "Portrait of Ada Lovelace"
    assert more_info_lines(myst) == ["Ada Lovelace", "ada@example.org"]
    assert myst.select_one(".homepage-profile__more-info a")["href"] in ("mailto:ada@example.org", "mailto:ada%40example.org")
    assert myst.find_next_sibling("p").get_text() == "Bio after the card."

    rest = card_of(page(app, "rest.html"))
    assert rest["class"] == ["homepage-profile", "homepage-profile--center"]  # ":circular: false"
    assert rest.select_one("img")["alt"] == "Ada Lovelace"  # the owner's name by default
    assert rest.select_one(".homepage-profile__more-info em").get_text() == "Countess of Lovelace"

    text_only = card_of(page(app, "text-only.html"))
    assert text_only.select("img") == []
    assert more_info_lines(text_only) == ["Only a line of text."]


# -- Bad input -----------------------------------------------------------------------------------


@pytest.mark.sphinx("html", testroot="profile-bad", freshenv=True)
def test_every_bad_input_warns_once_with_its_line(app):
    app.build()
    looked_in = f"the source folder, {Path(app.config.html_static_path[0])}, assets/img/"
    assert sorted(warnings_of(app)) == sorted(
        [
            "both-names.md:7: WARNING: front matter has both 'profile.more_info' and its older name "
            "'profile.address'; showing more_info [homepage.frontmatter]",
            "directive.md:3: WARNING: profile: align should be left, right or center, not 'top'; "
            "using right [homepage.profile]",
            "directive.md:3: WARNING: profile: circular takes no value (or true/false), not 'maybe'; "
            "not circular [homepage.profile]",
            f"directive.md:10: WARNING: profile image 'no-such-photo.png' not found (looked in {looked_in}); "
            "no photo is shown [homepage.image]",
            "directive.md:16: WARNING: profile: give a photo, more-info lines, or both [homepage.profile]",
            f"missing-image.md:5: WARNING: profile image 'prof_pic.jpg' not found (looked in {looked_in}); "
            "no photo is shown [homepage.image]",
            "not-a-mapping.md:4: WARNING: front matter 'profile' is true, not a mapping of keys; "
            "no profile card is shown [homepage.frontmatter]",
            "nulls.md:6: WARNING: front matter 'profile.image' is empty (null); it is ignored [homepage.frontmatter]",
            "typo.md:7: WARNING: unknown front matter key 'profile.image_cicular' is ignored; "
            "did you mean 'profile.image_circular'? [homepage.frontmatter]",
            "url-image.md:5: WARNING: profile image 'javascript:alert(1)' is a URL; name a file of the site "
            "instead (served and resized with it, no request to another site); no photo is shown [homepage.image]",
            "wrong-types.md:4: WARNING: front matter 'subtitle' should be text, not a list; it is not shown "
            "[homepage.frontmatter]",
            "wrong-types.md:6: WARNING: front matter 'profile.align' should be text, not a list; it is ignored "
            "[homepage.frontmatter]",
            "wrong-types.md:8: WARNING: front matter 'profile.image_circular' should be true or false, not 'yes'; "
            "using false [homepage.frontmatter]",
        ]
    )

    # What is valid is still shown.
    typo = card_of(page(app, "typo.html"))
    assert typo["class"] == ["homepage-profile", "homepage-profile--left"]  # the typo is not read as circular
    assert typo.select_one("img") is not None
    nulls = card_of(page(app, "nulls.html"))
    assert nulls["class"] == ["homepage-profile", "homepage-profile--left"]
    assert nulls.select("img, .homepage-profile__more-info") == []
    # al-folio's template: ``more_info: >`` and its lines commented out, or null; nothing shown, nothing to warn.
    empty = card_of(page(app, "empty-more-info.html"))
    assert empty.select_one("img") is not None and empty.select(".homepage-profile__more-info") == []
    wrong = page(app, "wrong-types.html")
    assert card_of(wrong)["class"] == ["homepage-profile", "homepage-profile--right"]
    assert more_info_lines(card_of(wrong)) == ["Still shown"]
    assert wrong.select(".homepage-subtitle") == []
    for name in ("missing-image", "url-image"):
        card = card_of(page(app, f"{name}.html"))
        assert card.select("img") == [] and more_info_lines(card) == ["Still shown"]
    assert "javascript:" not in (Path(app.outdir) / "url-image.html").read_text(encoding="utf-8")
    assert page(app, "not-a-mapping.html").select("div.homepage-profile") == []
    assert more_info_lines(card_of(page(app, "both-names.html"))) == ["New name"]
    cards = page(app, "directive.html").select("div.homepage-profile")
    assert [c["class"][1] for c in cards] == ["homepage-profile--right", "homepage-profile--left", "homepage-profile--right"]
    assert more_info_lines(cards[0]) == ["Shown anyway."] and cards[0].select_one("img") is not None
    assert more_info_lines(cards[1]) == ["Shown without a photo."]


# -- Parallel and other builders -------------------------------------------------------------------


def serial_and_parallel_builds(make_app, srcdir: Path, tmp_path: Path):
    """The same project built by one process and with ``-j 2``; the parallel build must not warn."""
    serial = make_app("html", srcdir=srcdir, builddir=tmp_path / "serial", freshenv=True)
    serial.build()
    serial.cleanup()  # before the second application registers the same nodes
    parallel = make_app("html", srcdir=srcdir, builddir=tmp_path / "parallel", parallel=2, freshenv=True)
    parallel.build()
    assert warnings_of(parallel) == []
    return serial, parallel


def test_parallel_build_gives_the_same_pages(make_app, rootdir, tmp_path):
    app, parallel = serial_and_parallel_builds(make_app, rootdir / "test-profile-seed", tmp_path)
    for name in ("index.html", "about.html"):
        serial_article = page(app, name).select_one("[role=main]")
        parallel_article = page(parallel, name).select_one("[role=main]")
        assert str(parallel_article) == str(serial_article)
    srcset = card_of(page(parallel, "about.html")).select_one("img")["srcset"]
    for candidate in srcset.split(","):
        assert (Path(parallel.outdir) / candidate.split()[0]).is_file()


@pytest.mark.sphinx("text", testroot="profile-seed", freshenv=True)
def test_other_builders_keep_the_card_text(app):
    app.build()
    assert warnings_of(app) == []
    text = (Path(app.outdir) / "about.txt").read_text(encoding="utf-8")
    assert text.splitlines()[0] == "Ada Lovelace"
    # Raw HTML (al-folio's more_info) is for HTML only; the social row becomes a list of named links.
    assert "* Email" in text and "* Google Scholar" in text


# -- Real al-folio pages ---------------------------------------------------------------------------

ABOUT_PAGES = sorted(CORPUS.glob("*/_pages__about.md")) if CORPUS.is_dir() else []


@needs_shared("corpus", "real al-folio about pages")
def test_real_about_pages_read_without_error(app_warnings):
    """Every real about page gives a card (or a clear warning), never an exception."""
    for path in ABOUT_PAGES:
        front = parse_front_matter(path.parent.name, path.read_text(encoding="utf-8"))
        settings = read_profile(front, alt="Owner")
        read_subtitle(front)
        assert settings is not None, path
        assert settings.align in ("left", "right", "center")
    warned = app_warnings()
    assert all("[homepage.frontmatter]" in w for w in warned), warned
    # cbueth's empty ``more_info: >`` and daviddmc's null ``address:`` (al-folio's template) warn about nothing,
    # nor ellisbrown's ``profile.title`` (the line under the photo).
    expected = {
        "astanziola__astanziola.github.io": "'profile.image_cicular' is ignored; did you mean 'profile.image_circular'",
    }
    for page_name, message in expected.items():
        assert any(page_name in w and message in w for w in warned), (page_name, warned)
    assert not any("is empty" in w for w in warned), warned
    assert not any("ellisbrown" in w for w in warned), warned


@needs_shared("corpus", "real al-folio about pages")
def test_real_about_pages_build(make_app, rootdir, tmp_path):
    """The corpus pages, read in place through a whole build: each page gets its heading and card."""
    srcdir = tmp_path / "src"
    shutil.copytree(rootdir / "test-profile-seed", srcdir)
    (srcdir / "about.md").unlink()
    names = {path.parent.name.split("__")[0].lower(): path for path in ABOUT_PAGES}
    (srcdir / "index.md").write_text(
        "# Corpus\n\n```{toctree}\n" + "\n".join(names) + "\n```\n", encoding="utf-8"
    )
    for name in names:
        (srcdir / f"{name}.md").write_text("placeholder\n", encoding="utf-8")
    app = make_app("html", srcdir=srcdir, freshenv=True)

    def corpus_source(app, docname, source):
        if docname in names:
            source[0] = names[docname].read_text(encoding="utf-8")

    app.connect("source-read", corpus_source, priority=100)
    app.build()
    warned = warnings_of(app)
    # Only the front matter and the missing photos warn (and the bodies' links to their Jekyll sites' pages and PDFs).
    unexpected = [w for w in warned if not re.search(r"\[(homepage\.frontmatter|homepage\.image|homepage\.pdf|myst\.xref_missing)\]$", w)]
    assert any("[homepage.image]" in w for w in warned) and unexpected == []
    for name, path in names.items():
        about = page(app, f"{name}.html")
        assert heading_text(about.select_one("[role=main] h1")) == "Ada Lovelace", name
        front = parse_front_matter(name, path.read_text(encoding="utf-8"))
        expected = {"left": "left", "center": "center"}.get(front.get("profile.align"), "right")
        assert card_of(about)["class"][1] == f"homepage-profile--{expected}", name


def test_missing_photo_warns_on_each_build_and_the_page_is_read_again_when_it_is_added(make_app, rootdir, tmp_path):
    srcdir = tmp_path / "src"
    shutil.copytree(rootdir / "test-profile-circular", srcdir)
    index = srcdir / "index.md"
    index.write_text(index.read_text(encoding="utf-8").replace("rosegarden.png", "later.png"), encoding="utf-8")

    def build():
        app = make_app("html", srcdir=srcdir, builddir=tmp_path / "build")
        app.build()
        result = warnings_of(app), card_of(page(app, "index.html")).select("img"), app.status.getvalue()
        app.cleanup()
        return result

    missing = "index.md:6: WARNING: profile image 'later.png' not found"
    warned, photos, _ = build()
    assert len(warned) == 1 and warned[0].startswith(missing) and photos == []
    # Nothing changed: the page is not read again (Sphinx alone would, on every build, for a missing file), and
    # the warning is given again all the same (a strict build keeps failing while the photo is missing).
    warned, photos, status = build()
    assert "0 added, 0 changed, 0 removed" in status and len(warned) == 1 and warned[0].startswith(missing)
    assert photos == []
    shutil.copy(PROJECT_ROOT / "_static" / "rosegarden.png", srcdir / "later.png")
    warned, photos, status = build()
    assert "0 added, 1 changed, 0 removed" in status and warned == [] and len(photos) == 1


@pytest.mark.sphinx("html", testroot="profile-circular", freshenv=True, confoverrides={"homepage_owner_name": 42})
def test_owner_name_of_the_wrong_type_warns_once_and_falls_back(app):
    app.build()
    assert warnings_of(app) == [
        "conf.py:11: WARNING: homepage_owner_name should be text, not 42; using author [homepage.config]"
    ]
    assert heading_text(page(app, "index.html").select_one("[role=main] h1")) == app.config.author


# -- In a browser ---------------------------------------------------------------------------------

@pytest.mark.parametrize("viewport_width", [1280, 390])
def test_photo_floats_beside_the_bio_on_wide_screens_and_stacks_on_phones(site, browser, viewport_width):
    tab = browser.new_page(viewport={"width": viewport_width, "height": 900})
    try:
        tab.goto((site.outdir / "index.html").as_uri())
        box = tab.evaluate(
            """() => {
              const rect = (el) => el.getBoundingClientRect().toJSON();
              const card = document.querySelector('.homepage-profile');
              const section = card.parentElement;
              const style = getComputedStyle(section);
              return {
                photo: rect(card.querySelector('img')),
                card: rect(card),
                content: rect(section),
                padding: parseFloat(style.paddingLeft) + parseFloat(style.paddingRight),
                bio: rect(card.nextElementSibling),
                social: rect(document.querySelector('nav.homepage-social')),
                lastText: rect([...document.querySelectorAll('article section p, article section li')].pop()),
                radius: getComputedStyle(card.querySelector('img')).borderTopLeftRadius,
                float: getComputedStyle(card).float,
                loaded: card.querySelector('img').currentSrc,
              };
            }"""
        )
    finally:
        tab.close()
    content_width = box["content"]["width"] - box["padding"]
    content_right = box["content"]["x"] + box["content"]["width"]
    if viewport_width >= 576:
        assert box["float"] == "right"
        assert box["card"]["width"] == pytest.approx(0.30 * content_width, abs=2)
        assert box["photo"]["x"] + box["photo"]["width"] == pytest.approx(content_right, abs=2)
        # The bio starts beside the photo, to its left, at the same height.
        assert box["bio"]["y"] < box["photo"]["y"] + box["photo"]["height"]
        assert box["bio"]["x"] < box["photo"]["x"]
    else:
        assert box["float"] == "none"
        assert box["card"]["width"] == pytest.approx(content_width, abs=2)
        assert box["bio"]["y"] >= box["card"]["y"] + box["card"]["height"]
    # The photo keeps its proportions (width/height attributes and CSS agree) and has rounded corners.
    assert box["photo"]["height"] == pytest.approx(box["photo"]["width"] * 718 / 760, abs=2)
    assert box["radius"] == "8px"
    # Chromium reads AVIF: it picked one of those copies. The social row is below everything, centred.
    assert re.search(r"/_images/rosegarden-[0-9a-f]{10}-\d+w\.avif$", box["loaded"])
    assert box["social"]["y"] >= box["lastText"]["y"] + box["lastText"]["height"]
    social_centre = box["social"]["x"] + box["social"]["width"] / 2
    assert social_centre == pytest.approx(box["content"]["x"] + box["content"]["width"] / 2, abs=4)
