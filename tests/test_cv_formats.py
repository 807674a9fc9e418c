"""The CV page from the three formats: al-folio's older ``cv.yml``, RenderCV's YAML and JSON Resume.

The same CV written in each gives the same sections and entries; every entry type of RenderCV and every
section of JSON Resume is shown; bad input warns once, at its line, and the rest renders."""

from __future__ import annotations

import shutil

import pytest

from buildutil import ROOTS, build


@pytest.fixture(scope="module")
def formats(tmp_path_factory):
    workdir = tmp_path_factory.mktemp("cv-formats")
    shutil.copytree(ROOTS / "test-cv-formats", workdir / "src")
    return build(workdir / "src", workdir / "_build")


@pytest.fixture(scope="module")
def bad(tmp_path_factory):
    workdir = tmp_path_factory.mktemp("cv-formats-bad")
    shutil.copytree(ROOTS / "test-cv-formats-bad", workdir / "src")
    return build(workdir / "src", workdir / "_build")


def _text(tag) -> str:
    """A tag's words, one space between them (Sphinx writes an e-mail address in pieces, without spaces)."""
    if tag is None:
        return ""
    for piece in tag.select("span"):
        if piece.parent.name == "a" and piece.parent.get("href", "").startswith("mailto:"):
            piece.unwrap()
    tag.smooth()
    return " ".join(tag.get_text(" ").split())


def cv_of(build, page: str) -> dict[str, list]:
    """Each CV section of a page, by title: its pairs, its entries (date, title, institution, details) or items."""
    sections = {}
    for section in build.page(page).select("section.homepage-cv__section"):
        title = section.find("h2").get_text(strip=True).rstrip("#¶")
        if section.select_one("dl.homepage-cv__map"):
            sections[title] = [(_text(dt), _text(dd)) for dt, dd in zip(section("dt"), section("dd"), strict=True)]
        elif entries := section.select("li.homepage-cv__entry"):
            sections[title] = [
                tuple(_text(entry.select_one(f".homepage-cv__{name}")) for name in ("year", "title", "institution"))
                + (tuple(_text(li) for li in entry.select(".homepage-cv__items li")),)
                for entry in entries
            ]
        else:
            sections[title] = [_text(tag) for tag in section.select("li, p.homepage-cv__text")]
    return sections


def test_the_same_cv_in_three_formats_gives_the_same_page(formats):
    alfolio = cv_of(formats, "alfolio.html")
    assert alfolio == {
        "General Information": [("Name", "Ada Example"), ("Email", "ada@example.org")],
        "Education": [
            ("2019 – 2024", "PhD in Physics", "University of Somewhere", ("Thesis on waves",)),
            ("2015 – 2019", "BSc in Physics", "College of Elsewhere", ()),
        ],
        "Work": [("2024 – present", "Postdoc", "Institute of Things", ("Studies things",))],
    }
    assert cv_of(formats, "rendercv.html") == alfolio
    assert cv_of(formats, "jsonresume.html") == alfolio
    assert formats.warnings == []


def test_every_rendercv_entry_type(formats):
    cv = cv_of(formats, "rendercv-every-entry.html")
    assert list(cv) == ["General Information", "Introduction", "Education", "Experience", "Selected Publications",
                        "Talks", "Skills", "Service", "Awards", "Press"]
    assert cv["General Information"] == [
        ("Name", "Ada Example"), ("Headline", "Physicist"), ("Location", "Somewhere, Earth"),
        ("Email", "ada@example.org"), ("Phone", "+1 555 0100"), ("Website", "https://ada.example.org/"),
        ("GitHub", "https://github.com/ada-example"), ("ORCID", "https://orcid.org/0000-0002-1825-0097"),
        ("Mastodon", "https://social.example/@ada"),
    ]
    assert cv["Introduction"] == ["A physicist who writes her CV once.", "Second paragraph of text."]
    assert cv["Education"] == [("2019-09 – 2024-05", "PhD in Physics", "University of Somewhere",
                                ("Thesis on waves", "Advisor Prof. One"))]
    assert cv["Experience"] == [("Since 2024", "Postdoc", "Institute of Things",
                                 ("Studies things", "Built the wave tank with the lab in two weeks"))]
    assert cv["Selected Publications"] == [("2023", "Waves in Things", "Ada Example, B. Coauthor", ())]
    assert cv["Talks"] == [("2024-03", "Invited talk on waves", "", ("A talk",))]
    assert cv["Skills"] == [("Languages", "Python, Typst")]
    assert cv["Service"] == ["Reviewer for the Journal of Waves"]
    assert cv["Awards"] == ["Best poster, 2022", "Fellowship, 2021"]
    assert cv["Press"] == ["[2] Interview in the Daily", "[1] Feature in the Weekly"]
    page = formats.page("rendercv-every-entry.html")
    assert page.select_one("ol.homepage-cv__list") is not None  # numbered entries count up
    # RenderCV's Markdown is drawn as markup.
    built = page.find("a", href="https://lab.example.org/").find_parent("p")
    assert (built.strong.string, built.a.string, built.em.string) == ("wave tank", "the lab", "two")
    paper = page.find("a", href="https://doi.org/10.1000/waves")
    assert paper is not None and _text(paper) == "Waves in Things"
    assert "Journal of Waves" in _text(paper.find_parent("li"))
    assert page.select_one('a[href^="mailto:"]') is not None
    assert page.find("a", href="https://github.com/ada-example") is not None


def test_every_json_resume_section(formats):
    cv = cv_of(formats, "jsonresume-every-section.html")
    assert list(cv) == ["General Information", "Work", "Volunteer", "Education", "Awards", "Certificates",
                        "Publications", "Skills", "Languages", "Interests", "References", "Projects"]
    assert cv["General Information"] == [
        ("Name", "Ada Example"), ("Label", "Physicist"), ("Email", "ada@example.org"), ("Phone", "+1 555 0100"),
        ("Website", "https://ada.example.org/"), ("Location", "1 Main Street, 00000, Somewhere, Earth, XX"),
        ("GitHub", "https://github.com/ada-example"), ("Summary", "A physicist who writes her CV once."),
    ]
    assert cv["Work"] == [("2024-01 – present", "Postdoc", "Institute of Things", ("Studies things", "Found a thing"))]
    assert cv["Volunteer"] == [("2020 – 2022", "Mentor", "Science Club", ("Mentored pupils", "Ran a fair"))]
    assert cv["Education"] == [("2019 – 2024", "PhD in Physics", "University of Somewhere", ("Quantum waves",))]
    assert cv["Awards"] == [("2022", "Best poster", "Wave Society", ("For a poster",))]
    assert cv["Certificates"] == [("2021", "Safety training", "Lab Office", ())]
    assert cv["Publications"] == [("2023", "Waves in Things", "Journal of Waves", ("On waves",))]
    assert cv["Skills"] == ["Programming (Expert) Python Typst", "Python", "Typst"]
    assert cv["Languages"] == [("English", "Native")]
    assert cv["Interests"] == ["Music Piano", "Piano"]
    assert cv["References"] == [("", "Prof. One", "", ("Ada is careful.",))]
    assert cv["Projects"] == [("2022 – 2023", "Wave toolkit", "Institute of Things",
                               ("A toolkit", "Used by many", "Maintainer", "waves"))]
    page = formats.page("jsonresume-every-section.html")
    for address in ("https://things.example.org/", "https://club.example.org/", "https://uni.example.org/",
                    "https://lab.example.org/cert", "https://waves.example.org/"):
        assert page.find("a", href=address) is not None, address
    education = page.find("section", id="education")
    assert "Summa cum laude" in _text(education)


def test_bad_input_warns_once_each_at_its_line(bad):
    assert sorted(line for line in bad.warnings if "WARNING" in line) == sorted([
        "empty.yaml:1: WARNING: the CV file is empty; no CV is shown [homepage.cv]",
        "bad-rendercv.yaml:23: WARNING: RenderCV field 'extra' is not shown on the CV; left out [homepage.cv]",
        "bad-rendercv.yaml:3: WARNING: RenderCV cv field 'photo' is not shown on the CV; left out [homepage.cv]",
        "bad-rendercv.yaml:4: WARNING: RenderCV cv field 'pronouns' is not shown on the CV; left out [homepage.cv]",
        "bad-rendercv.yaml:6: WARNING: a social network needs a network and a username, not {'network': 'GitHub'}; "
        "left out [homepage.cv]",
        "bad-rendercv.yaml:7: WARNING: a RenderCV social network entry should be a mapping (network, username), "
        "not 'plain text'; left out [homepage.cv]",
        "bad-rendercv.yaml:13: WARNING: RenderCV education entry field 'grade' is not shown on the CV; left out "
        "[homepage.cv]",
        "bad-rendercv.yaml:12: WARNING: CV field 'start_date' should be text, not [2019]; left out [homepage.cv]",
        "bad-rendercv.yaml:14: WARNING: CV section 'Education' holds education entries; this text entry is left out "
        "[homepage.cv]",
        "bad-rendercv.yaml:15: WARNING: CV section 'Education' holds education entries; this experience entry is "
        "left out [homepage.cv]",
        "bad-rendercv.yaml:18: WARNING: a CV entry of section 'Mystery' is of no RenderCV type, not "
        "{'colour': 'blue'}; left out [homepage.cv]",
        "bad-rendercv.yaml:20: WARNING: CV section 'Numbers' should be a list of entries, not {'a': 1}; left out "
        "[homepage.cv]",
        "bad-resume.json:9: WARNING: JSON Resume field 'hobbies' is not shown on the CV; left out [homepage.cv]",
        "bad-resume.json:2: WARNING: JSON Resume basics field 'image' is not shown on the CV; left out [homepage.cv]",
        "bad-resume.json:2: WARNING: JSON Resume basics field 'nickname' is not shown on the CV; left out "
        "[homepage.cv]",
        "bad-resume.json:2: WARNING: CV field 'email' should be text, not ['ada@example.org']; left out [homepage.cv]",
        "bad-resume.json:3: WARNING: CV field 'work' should be a list, not 'not a list'; left out [homepage.cv]",
        "bad-resume.json:5: WARNING: a JSON Resume education entry should be a mapping (institution, area, "
        "studyType), not 'not a mapping'; left out [homepage.cv]",
        "bad-resume.json:6: WARNING: JSON Resume education field 'gpa' is not shown on the CV; left out [homepage.cv]",
        "bad-resume.json:8: WARNING: CV field 'keywords' should be a list, not {'a': 1}; left out [homepage.cv]",
    ])


def test_bad_input_keeps_the_rest(bad):
    rendercv = cv_of(bad, "rendercv.html")
    assert rendercv == {
        "General Information": [("Name", "Ada Example")],
        "Education": [("", "Physics", "Kept University", ())],
        "Flat": ["just one line"],  # a text where a list is expected is a list of one
        "Fine": ["Still here"],
    }
    assert cv_of(bad, "resume.html") == {
        "General Information": [("Name", "Ada Example")],
        "Education": [("", "PhD in Physics", "Kept University", ())],
        "Skills": ["Python"],
    }
    assert cv_of(bad, "empty.html") == {}


def test_bad_input_still_gives_the_pdf(bad):
    pdf = bad.outdir / "assets" / "pdf" / "bad-rendercv.pdf"
    assert pdf.read_bytes().startswith(b"%PDF-")
    assert bad.page("rendercv.html").select_one(".homepage-cv__pdf a")["href"] == "assets/pdf/bad-rendercv.pdf"
