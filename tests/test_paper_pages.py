"""A page per paper with Google Scholar's Highwire Press tags and schema.org JSON-LD; Person on the home page."""

from __future__ import annotations

import json
import re
import runpy

import pytest
from pybtex.database import parse_file

from conftest import PROJECT_ROOT
from sphinx_academic_homepage.publications.pages import page_names
from buildutil import app_page, app_warning_lines, build_app, copy_root

BASE_URL = runpy.run_path(str(PROJECT_ROOT / "conf.py"))["html_baseurl"]
BIB = parse_file(str(PROJECT_ROOT / "papers" / "papers.bib"))


def _meta(soup, name: str) -> list[str]:
    return [tag["content"] for tag in soup.find_all("meta", attrs={"name": name})]


def _json_ld(soup) -> list[dict]:
    return [json.loads(script.string) for script in soup.find_all("script", type="application/ld+json")]


# -- the real site ---------------------------------------------------------------------------------


def test_the_site_builds_without_warnings(site):
    assert site.warnings == []


def test_kan_page_carries_scholar_tags(site):
    soup = site.page("papers/liu2024kan.html")
    assert _meta(soup, "citation_title") == ["KAN: Kolmogorov-Arnold Networks"]
    authors = _meta(soup, "citation_author")
    assert len(authors) == 8 == len(BIB.entries["liu2024kan"].persons["author"])
    assert authors[0] == "Ziming Liu" and authors[-1] == "Max Tegmark" and "Marin Soljačić" in authors
    assert _meta(soup, "citation_publication_date") == ["2024"]
    assert _meta(soup, "citation_journal_title") == ["arXiv preprint"]
    assert _meta(soup, "citation_arxiv_id") == ["2404.19756"]
    # Its pdf field names the arXiv page: the PDF itself is arXiv's /pdf/ URL.
    assert _meta(soup, "citation_pdf_url") == ["https://arxiv.org/pdf/2404.19756"]
    assert _meta(soup, "citation_doi") == []
    assert soup.find("link", rel="canonical")["href"] == BASE_URL + "papers/liu2024kan.html"
    assert soup.find("h1").contents[0] == "KAN: Kolmogorov-Arnold Networks"


def test_kan_page_json_ld_is_a_scholarly_article(site):
    (article,) = _json_ld(site.page("papers/liu2024kan.html"))
    assert article["@type"] == "ScholarlyArticle"
    assert article["headline"] == "KAN: Kolmogorov-Arnold Networks"
    assert [author["name"] for author in article["author"]] == _meta(site.page("papers/liu2024kan.html"), "citation_author")
    assert article["datePublished"] == "2024"
    assert article["url"] == BASE_URL + "papers/liu2024kan.html"
    assert {"@type": "PropertyValue", "propertyID": "arXiv", "value": "2404.19756"} in article["identifier"]


def test_nature_review_page_lists_thirty_authors_and_its_doi(site):
    soup = site.page("papers/wang2023yuanqi.html")
    authors = _meta(soup, "citation_author")
    assert len(authors) == 30
    assert authors[:3] == ["Hanchen Wang", "Tianfan Fu", "Yuanqi Du"] and authors[5] == "Ziming Liu"
    assert authors[8] == "Peter Van Katwyk"  # "von" parts and compound last names kept in order
    assert _meta(soup, "citation_doi") == ["10.1038/s41586-023-06221-2"]
    assert _meta(soup, "citation_journal_title") == ["Nature"]
    assert _meta(soup, "citation_volume") == ["620"]
    assert _meta(soup, "citation_firstpage") == ["47"] and _meta(soup, "citation_lastpage") == ["60"]
    # Its pdf field is Nature's article page, not a PDF: no citation_pdf_url.
    assert _meta(soup, "citation_pdf_url") == []
    (article,) = _json_ld(soup)
    assert len(article["author"]) == 30
    assert {"@type": "PropertyValue", "propertyID": "DOI", "value": "10.1038/s41586-023-06221-2"} in article["identifier"]


def test_every_entry_has_a_page_and_every_list_links_to_it(site):
    pages = {path.name for path in (site.outdir / "papers").glob("*.html")} - {"index.html"}
    assert pages == {f"{key}.html" for key in BIB.entries}
    for listing in ("index.html", "papers/index.html", "research/index.html", "about/index.html"):
        soup = site.page(listing)
        entries = soup.select("li.homepage-pub")
        for entry in entries:
            link = entry.select_one(".homepage-pub__title a.homepage-pub__page")
            assert link is not None, (listing, entry["id"])
            target = (site.outdir / listing).parent / link["href"]
            paper = site.page(str(target.resolve().relative_to(site.outdir)))
            assert _meta(paper, "citation_title") == [entry.select_one(".homepage-pub__title").get_text()]
        assert listing != "papers/index.html" or len(entries) == len(BIB.entries)


def test_paper_pages_show_authors_venue_links_and_bibtex(site):
    soup = site.page("papers/PhysRevE.109.L023301.html")
    article = soup.select_one("section.homepage-paper")
    assert article.select_one(".homepage-pub__me").get_text() == "Ziming Liu"
    assert "Phys. Rev. E" in article.select_one(".homepage-pub__venue").get_text()
    hrefs = [a["href"] for a in article.select(".homepage-pub__links a")]
    assert "https://doi.org/10.1103/PhysRevE.109.L023301" in hrefs
    assert article.select_one("#bibtex pre").get_text().startswith("@article{PhysRevE.109.L023301,")
    description = _meta(soup, "description")
    assert len(description) == 1 and "Interpretable conservation laws" in description[0]


def test_home_page_describes_the_person(site):
    soup = site.page("index.html")
    (person,) = _json_ld(soup)
    assert person["@type"] == "Person"
    assert person["name"] == "Ziming Liu"
    assert person["alternateName"] == "刘子鸣"
    assert person["jobTitle"] == "Assistant Professor (tenure-track)"
    assert person["affiliation"]["name"] == "College of AI"
    assert person["affiliation"]["parentOrganization"]["name"] == "Tsinghua University"
    schools = {school["name"] for school in person["alumniOf"]}
    assert {"Massachusetts Institute of Technology", "Peking University"} <= schools
    assert person["image"].startswith(BASE_URL)
    assert (site.outdir / person["image"].removeprefix(BASE_URL)).is_file()
    # The profiles are the social links the page shows (one setting), e-mail apart.
    shown = [a["href"] for a in soup.select("nav.homepage-social a.homepage-social__link")]
    assert person["sameAs"] == [href for href in shown if not href.startswith("mailto:")]
    assert len(person["sameAs"]) == 3
    assert person["email"] == "lzmsldmjxm@gmail.com"
    # Only the home page says who the site is about.
    assert _json_ld(site.page("about/index.html")) == []


# -- keys that are not file names, titles that are not safe in a script -------------------------------


@pytest.fixture(scope="module")
def unsafe(tmp_path_factory):
    srcdir = copy_root("paper-pages", tmp_path_factory.mktemp("paper-pages"))
    return srcdir, build_app(srcdir)


def test_unsafe_keys_get_unique_safe_file_names(unsafe):
    srcdir, app = unsafe
    papers = app_page(app, "papers/index")
    links = {entry["id"]: entry.select_one("a.homepage-pub__page")["href"] for entry in papers.select("li.homepage-pub")}
    # "conf:2024/slash" and "conf-2024-slash" would share a name; "index" and "taken" are pages already.
    assert sorted(links.values()) == ["conf-2024-slash-2.html", "conf-2024-slash.html", "index-2.html", "taken-2.html"]
    assert app_page(app, "papers/taken").find("h1").contents[0] == "A page of the site named like a key"
    assert _meta(app_page(app, "papers/index-2"), "citation_title") == ["A Key Named Index"]


def test_a_title_cannot_break_out_of_the_json_ld(unsafe):
    _srcdir, app = unsafe
    soup = app_page(app, "papers/conf-2024-slash")
    raw = (app.outdir / "papers" / "conf-2024-slash.html").read_text(encoding="utf-8")
    assert raw.count("<script>alert") == 0
    title = "A Title with </script><script>alert(1)</script> in it"
    assert _meta(soup, "citation_title") == [title]
    (article,) = _json_ld(soup)
    assert article["headline"] == title
    assert article["abstract"] == "We study things & stuff."
    assert _meta(soup, "citation_conference_title") == ["Proceedings of the Test Conference"]
    assert _meta(soup, "citation_pdf_url") == ["https://example.org/paper.pdf"]
    assert _meta(soup, "citation_doi") == ["10.1234/abc.5"]
    assert _meta(soup, "description") == ["We study things & stuff."]


def test_a_landing_page_is_not_a_pdf_and_a_linked_title_gets_a_page_button(unsafe):
    _srcdir, app = unsafe
    assert _meta(app_page(app, "papers/conf-2024-slash-2"), "citation_pdf_url") == []
    assert _meta(app_page(app, "papers/conf-2024-slash-2"), "citation_journal_title") == ["Journal of Tests"]
    entry = app_page(app, "papers/index").find("li", id="taken")
    assert entry.select_one(".homepage-pub__title a")["href"] == "https://example.org/x"
    assert entry.select_one(".homepage-pub__links a.homepage-pub__page")["href"] == "taken-2.html"


def test_bad_person_settings_warn_at_their_line(unsafe):
    srcdir, app = unsafe
    assert app_warning_lines(app, srcdir) == [
        "<src>/conf.py:12: WARNING: homepage_person['job_title'] should be a text, not 42; ignored [homepage.config]",
        "<src>/conf.py:13: WARNING: homepage_person has an unknown key 'colour' (known: alternate_name, job_title, "
        "affiliation, department, alumni_of, image); ignored [homepage.config]",
    ]
    (person,) = _json_ld(app_page(app, "index"))
    assert person == {
        "@context": "https://schema.org",
        "@type": "Person",
        "name": "Ziming Liu",
        "url": "https://example.org/site/",
        "alternateName": "测试",
        "alumniOf": [{"@type": "CollegeOrUniversity", "name": "A University"}],
        "image": "https://example.org/site/_static/me.png",
        "email": "me@example.org",
        "sameAs": ["https://github.com/octo"],
    }


def test_page_names_are_safe_and_unique():
    from sphinx_academic_homepage.publications.model import Publication

    keys = ["a/b", "a:b", "A-B", "..", "index", "ok.key_1", "x?y#z"]
    publications = {key.lower(): Publication(key=key, bibfile="", line=1, type="misc", title=("t",)) for key in keys}
    names = page_names(publications, "papers", {"papers/ok.key_1"})
    assert list(names.values()) == [
        "papers/a-b", "papers/a-b-2", "papers/A-B-3", "papers/paper", "papers/index-2", "papers/ok.key_1-2", "papers/x-y-z",
    ]
    assert all(re.fullmatch(r"papers/[A-Za-z0-9._-]+", name) for name in names.values())


# -- the setting of the wrong type ---------------------------------------------------------------------

PAPER_PAGES_NOT_A_FOLDER = (
    "WARNING: homepage_paper_pages should be a folder name, or None for no paper pages, not 42; "
    "using 'papers' [homepage.config]"
)


def _paper_page_links(app) -> list[str]:
    return [a["href"] for a in app_page(app, "index").select("li.homepage-pub a.homepage-pub__page")]


def test_a_paper_pages_setting_of_the_wrong_type_warns_once_at_its_line(tmp_path):
    srcdir = copy_root("paper-pages-config", tmp_path)
    app = build_app(srcdir)
    # Once, ours, at the line of conf.py: not Sphinx's "has type `int'" as well.
    assert app_warning_lines(app, srcdir) == [f"<src>/conf.py:6: {PAPER_PAGES_NOT_A_FOLDER}"]
    # The default folder: the entry links to its page, which is there with its tags; the list is whole.
    assert _paper_page_links(app) == ["papers/liu2024kan.html"]
    assert _meta(app_page(app, "papers/liu2024kan"), "citation_title") == ["KAN: Kolmogorov-Arnold Networks"]
    assert app_page(app, "index").select_one("#liu2024kan .homepage-pub__me").get_text() == "Ziming Liu"


def test_a_paper_pages_setting_given_with_d_warns_without_a_line(tmp_path):
    srcdir = copy_root("paper-pages-config", tmp_path)
    conf = srcdir / "conf.py"
    conf.write_text(conf.read_text(encoding="utf-8").replace("homepage_paper_pages = 42\n", ""), encoding="utf-8")
    app = build_app(srcdir, confoverrides={"homepage_paper_pages": 42})
    # (Written nowhere in conf.py, the value has no line to point at.)
    assert app_warning_lines(app, srcdir) == [PAPER_PAGES_NOT_A_FOLDER]
    assert _paper_page_links(app) == ["papers/liu2024kan.html"]


@pytest.mark.parametrize("off", [None, ""])
def test_paper_pages_switched_off_make_no_pages_and_no_warning(tmp_path, off):
    srcdir = copy_root("paper-pages-config", tmp_path)
    app = build_app(srcdir, confoverrides={"homepage_paper_pages": off})
    assert app_warning_lines(app, srcdir) == []
    assert _paper_page_links(app) == []
    assert not (app.outdir / "papers").exists()
    assert app_page(app, "index").select_one("#liu2024kan .homepage-pub__title").get_text() == "KAN: Kolmogorov-Arnold Networks"


def test_a_paper_page_head_in_order(unsafe):
    """The policy after the charset, then the description, the Highwire Press tags, the JSON-LD (head.py's order)."""
    _srcdir, app = unsafe
    head = app_page(app, "papers/index-2").head
    tags = head.find_all(["meta", "link", "script"], recursive=False)
    assert tags[0].get("charset") == "utf-8"
    assert tags[1]["http-equiv"] == "Content-Security-Policy"
    ours = [tag for tag in tags if tag.get("name") == "description" or tag.get("name", "").startswith("citation_")]
    ours += head.find_all("script", type="application/ld+json")
    positions = [tags.index(tag) for tag in ours]
    assert positions == sorted(positions)
    assert ours[0]["name"] == "description" and ours[1]["name"] == "citation_title"
    assert ours[-1].name == "script"
