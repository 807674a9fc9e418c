"""What one entry shows: every al-folio field, read from the built HTML (testroot ``pub-fields``)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from PIL import Image

from buildutil import app_page, app_warning_lines, build_app, copy_root, entry

from sphinx_academic_homepage.images import describe_image
from sphinx_academic_homepage.publications.previews import PREVIEW_SIZES, PREVIEW_WIDTHS


@pytest.fixture(scope="module")
def fields_site(tmp_path_factory):
    return build_app(copy_root("pub-fields", tmp_path_factory.mktemp("fields")))


@pytest.fixture
def full(fields_site):
    return entry(app_page(fields_site, "index"), "full2024")


def test_builds_without_warnings(fields_site):
    assert app_warning_lines(fields_site) == []


def test_title_keeps_capitals_decodes_accents_and_renders_math(full):
    title = full.select_one(".homepage-pub__title")
    math = title.find("math")
    assert math is not None and math["alttext"] == r"O(n \log n)"
    assert [mi.text for mi in math.find_all("mi")] == ["O", "n", "log", "n"]
    math.extract()
    assert title.get_text() == "Fast GPU Sorting in  for Schrödinger Fields"


def test_owner_is_highlighted_and_marks_are_superscripts(fields_site, full):
    authors = full.select_one(".homepage-pub__authors")
    (me,) = authors.select(".homepage-pub__me")
    assert me.name == "em" and me.get_text() == "Ziming Liu*" and me.sup.get_text() == "*"
    # Müller$^\dagger$: decoded, the dagger as a superscript outside the name.
    assert "Anna Müller" in authors.get_text() and [sup.get_text() for sup in authors.find_all("sup")] == ["*", "†"]
    soup = app_page(fields_site, "index")
    highlighted = {li["id"]: [me.get_text() for me in li.select(".homepage-pub__me")] for li in soup.select("li.homepage-pub")}
    assert highlighted == {
        "full2024": ["Ziming Liu*"],
        "initials2023": ["Z. Liu"],
        "firstlast2022": ["Ziming Liu"],
        "notme2022": [],
        "child2021": ["Ziming Liu"],
        "proc2021": [],
    }


def test_max_author_limit_hides_the_rest_behind_details(full):
    authors = full.select_one(".homepage-pub__authors")
    more = authors.select_one("details.homepage-pub__more-authors").extract()
    assert authors.get_text().strip() == "Ziming Liu*, Anna Müller†, John Smith, and"
    assert more.summary.get_text() == "2 more authors"
    more.summary.extract()
    assert more.get_text(strip=True) == "Jane Doe and Richard Roe"


def test_others_reads_et_al(fields_site):
    authors = entry(app_page(fields_site, "index"), "firstlast2022").select_one(".homepage-pub__authors")
    assert authors.get_text().strip() == "Wei Zhang, Ziming Liu, et al."


def test_venue_location_additional_info_and_date(full):
    venue = full.select_one(".homepage-pub__venue")
    assert venue.em.get_text() == "In Neural Information Processing Systems"  # @string nips expanded
    assert venue.get_text() == "In Neural Information Processing Systems, Vancouver, Canada, Oral presentation, December 2024"


def test_crossref_supplies_the_venue_and_year(fields_site):
    child = entry(app_page(fields_site, "index"), "child2021")
    assert child.select_one(".homepage-pub__venue").get_text() == "In Proceedings of Cross, 2021"
    proceedings = entry(app_page(fields_site, "index"), "proc2021")
    assert proceedings.select_one(".homepage-pub__authors").get_text().strip() == "Ed Itor and An Other (editors)"


def test_note_annotation_and_badge(full):
    assert full.select_one(".homepage-pub__note").get_text() == "Also presented at the Sorting Workshop"
    assert full.select_one(".homepage-pub__annotation").get_text() == "* Equal contribution, † corresponding author"
    badge = full.select_one("abbr.homepage-pub__badge")
    assert badge.get_text() == "NeurIPS" and badge["title"].startswith("In Neural Information Processing Systems")


def test_preview_is_a_lazy_picture_of_local_avif_and_webp_copies(fields_site, full):
    """Like the profile photo: AVIF where the browser reads it, WebP elsewhere, from the site's own _images/."""
    picture = full.select_one(".homepage-pub__aside picture")
    image = picture.select_one("img.homepage-pub__preview")
    assert image["loading"] == "lazy" and image["alt"] == "" and image["sizes"] == PREVIEW_SIZES
    webp = [candidate.split()[0] for candidate in image["srcset"].split(", ")]
    assert image["src"] == webp[-1] and all(re.fullmatch(r"_images/full-[0-9a-f]{10}-\d+w\.webp", url) for url in webp)
    source = picture.select_one('source[type="image/avif"]')
    avif = [candidate.split()[0] for candidate in source["srcset"].split(", ")]
    assert [url.removesuffix(".avif") for url in avif] == [url.removesuffix(".webp") for url in webp]
    for url in webp + avif:
        assert (Path(fields_site.outdir) / url).stat().st_size > 0
    # The copies replace the file: the source itself is not published.
    assert not (Path(fields_site.outdir) / "_images" / "full.png").exists()
    assert "homepage-pub--with-aside" in full["class"]


def test_buttons_in_al_folio_order_with_their_targets(fields_site, full):
    links = full.select_one(".homepage-pub__links")
    summaries = [details.summary.get_text() for details in links.find_all("details", recursive=False)]
    assert summaries == ["Best Paper", "Abstract", "BibTeX"]
    buttons = [(a.get_text(strip=True), a["href"]) for a in links.select("a.homepage-pub__button")]
    pdf = buttons[3]
    assert pdf[0] == "PDF" and pdf[1].startswith("_downloads/") and pdf[1].endswith("/full.pdf")
    assert (Path(fields_site.outdir) / pdf[1]).is_file()
    assert buttons[:3] + buttons[4:] == [
        ("arXiv", "https://arxiv.org/abs/2401.00001"),
        ("DOI", "https://doi.org/10.1000/xyz123"),
        ("HTML", "https://example.org/full.html"),
        ("Supp", "https://example.org/supp.pdf"),
        ("Video", "https://example.org/video"),
        ("Blog", "https://example.org/blog"),
        ("Code", "https://example.org/code"),
        ("Poster", "https://example.org/poster.pdf"),
        ("Slides", "https://example.org/slides.pdf"),
        ("Website", "https://example.org/"),
    ]
    # The order of the whole row: award, abstract, arXiv, BibTeX, then the other links.
    row = [child.summary.get_text() if child.name == "details" else child.get_text(strip=True) for child in links.find_all(recursive=False)]
    assert row[:4] == ["Best Paper", "Abstract", "arXiv", "BibTeX"]


def test_award_and_abstract_open_in_place(full):
    award = full.select_one("details.homepage-pub__award")
    assert award.p.strong.get_text() == "best paper"
    abstract = full.select_one("details.homepage-pub__abstract")
    assert abstract.p.em.get_text() == "fast"
    # An escaped dollar is a dollar: \$m^2\$ in the .bib is the text "$m^2$", not math and no backslash.
    assert abstract.p.get_text().startswith("We sort $m^2$ fast") and abstract.select("math, .math") == []
    assert abstract.p.a["href"] == "https://example.org/abstract"


def test_bibtex_is_reserialised_without_display_fields(full):
    bibtex = full.select_one("details.homepage-pub__bibtex")
    assert bibtex.pre.get_text().strip() == "\n".join(
        [
            "@inproceedings{full2024,",
            r"  title     = {Fast {GPU} Sorting in $O(n \log n)$ for Schr\"odinger Fields},",
            r"  author    = {Liu*, Ziming and M{\"u}ller$^\dagger$, Anna and Smith, John and Doe, Jane and Roe, Richard},",
            "  booktitle = {Neural Information Processing Systems},",
            "  location  = {Vancouver, Canada},",
            "  month     = {December},",
            "  year      = {2024},",
            "  doi       = {10.1000/xyz123},",
            "  note      = {Also presented at the Sorting Workshop},",
            "}",
        ]
    )
    button = bibtex.select_one("button.homepage-pub__copy")
    assert button["type"] == "button" and button.has_attr("hidden") and button.get_text() == "Copy"


def test_bibtex_show_false_hides_the_bibtex(fields_site):
    assert entry(app_page(fields_site, "index"), "initials2023").select("details.homepage-pub__bibtex") == []


def test_eprint_with_archiveprefix_gives_the_arxiv_button(fields_site):
    notme = entry(app_page(fields_site, "index"), "notme2022")
    assert [(a.get_text(), a["href"]) for a in notme.select("a.homepage-pub__button")] == [
        ("arXiv", "https://arxiv.org/abs/2201.00002")
    ]


def test_third_party_badges_are_not_rendered(fields_site):
    html = (Path(fields_site.outdir) / "index.html").read_text(encoding="utf-8")
    assert "altmetric" not in html.lower() and "dimensions" not in html.lower()


def test_assets_are_served_by_the_site(fields_site):
    soup = app_page(fields_site, "index")
    # publications.css is served inside the extension's one stylesheet (homepage.assets).
    bundle = soup.select_one('link[href^="_static/homepage.css"]')
    assert bundle is not None
    bundle_css = (Path(fields_site.outdir) / bundle["href"].split("?")[0]).read_text(encoding="utf-8")
    assert "/* publications.css */" in bundle_css and ".homepage-pub" in bundle_css
    script = soup.select_one('script[src^="_static/publications.js"]')
    assert script is not None and script.has_attr("defer")
    for tag, attribute in (("script", "src"), ("link", "href"), ("img", "src")):
        for element in soup.find_all(tag):
            value = element.get(attribute, "")
            assert not value.startswith(("http:", "https:", "//")), f"{tag} loads {value} from another host"


def test_other_builders_get_plain_nodes(tmp_path):
    app = build_app(copy_root("pub-fields", tmp_path), "text")
    text = (Path(app.outdir) / "index.txt").read_text(encoding="utf-8")
    assert "Fast GPU Sorting in O(n \\log n) for Schrödinger Fields" in text
    assert "Abstract" in text and "@inproceedings{full2024," in text
    assert "Copy" not in text
    assert app_warning_lines(app) == []


def test_latex_includes_the_preview_file_itself(tmp_path):
    """No copies outside HTML: LaTeX gets the source file, as for any image."""
    app = build_app(copy_root("pub-fields", tmp_path), "latex")
    tex = next(Path(app.outdir).glob("*.tex")).read_text(encoding="utf-8")
    assert "\\sphinxincludegraphics{{full}.png}" in tex
    assert (Path(app.outdir) / "full.png").is_file()
    assert app_warning_lines(app) == []


def test_preview_copies_are_made_at_the_widths_of_the_aside(tmp_path):
    """120 CSS pixels at 1x to 3x, and a phone's column; never wider than the file."""
    for width, expected in ((1000, [120, 180, 240, 360, 480, 720, 960]), (300, [120, 180, 240, 300]), (100, [100])):
        path = tmp_path / f"preview-{width}.png"
        Image.new("RGB", (width, width // 2), "teal").save(path)
        image = describe_image(path, PREVIEW_WIDTHS)
        assert [variant.width for variant in image.variants] == expected
        assert [variant.width for variant in image.avif_variants] == expected
        assert image.largest.height == expected[-1] // 2
