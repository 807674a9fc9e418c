"""The CV page: built from al-folio's CV data format, holding the owner's facts from the seed; the CV PDF
offered once it exists; links to PDFs that are not there warn once, with file and line."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from buildutil import stylesheets
from conftest import PROJECT_ROOT
from test_site import _normalise


def warning_lines(app) -> list[str]:
    """The build's warnings, one a line, without the terminal colours."""
    text = re.sub(r"\x1b\[[0-9;]*m", "", app.warning.getvalue())
    return [line for line in text.splitlines() if "WARNING" in line]


def _page(outdir: Path, name: str) -> BeautifulSoup:
    return BeautifulSoup((outdir / name).read_text(encoding="utf-8"), "html.parser")


def _entries(section) -> list[dict[str, str]]:
    """Each time-table entry of a CV section: its year, title and institution, and all its text."""
    entries = []
    for entry in section.select("li.homepage-cv__entry"):
        field = lambda name: (entry.select_one(f".homepage-cv__{name}") or BeautifulSoup("", "html.parser")).get_text(" ", strip=True)  # noqa: E731
        entries.append({
            "year": field("year"),
            "title": field("title"),
            "institution": field("institution"),
            "text": _normalise(entry.get_text(" ")),
        })
    return entries


def _cv_sections(page: BeautifulSoup) -> dict[str, object]:
    return {s.find("h2").get_text(strip=True).rstrip("#¶"): s for s in page.select("section.homepage-cv__section")}


# -- The real CV page -----------------------------------------------------------------------------------------------


def test_cv_holds_the_positions(site):
    positions = _entries(_cv_sections(site.page("about/index.html"))["Positions"])
    assert [(e["year"], e["title"], e["institution"]) for e in positions] == [
        ("from Fall 2026", "Tenure-track Assistant Professor", "College of AI, Tsinghua University"),
        ("", "Postdoc in AI + Neuroscience", "Stanford University"),
    ]
    assert "With Andreas Tolias" in positions[1]["text"]


def test_cv_holds_the_education(site):
    education = _entries(_cv_sections(site.page("about/index.html"))["Education"])
    assert [(e["year"], e["title"], e["institution"]) for e in education] == [
        ("", "PhD in AI + Physics", "MIT"),
        ("2020", "B.S. in Physics", "Peking University"),
    ]
    assert "With Max Tegmark" in education[0]["text"]


def test_cv_facts_are_the_seeds(site):
    """Every fact on the CV is one the home page states; nothing is added (no invented years)."""
    seed = _normalise((PROJECT_ROOT / "index.md").read_text(encoding="utf-8"))
    for fact in ("Tsinghua University", "College of AI", "tenure-track Assistant Professor", "2026 Fall",
                 "postdoc in AI + Neuroscience at Stanford with Andreas Tolias",
                 "PhD in AI + Physics at MIT with Max Tegmark", "B.S. in physics from Peking University in 2020",
                 "Ziming Liu (刘子鸣)", "lzmsldmjxm@gmail.com"):
        assert fact in seed, fact
    years = re.findall(r"\b(?:19|20)\d\d\b", site.page("about/index.html").select_one("article").get_text(" "))
    cv_years = set(re.findall(r"\b(?:19|20)\d\d\b", " ".join(
        s.get_text(" ") for s in site.page("about/index.html").select("section.homepage-cv__section"))))
    assert cv_years == {"2026", "2020"}
    assert years  # the selected publications carry theirs


def test_cv_page_structure(site):
    page = site.page("about/index.html")
    assert page.select_one("article h1").get_text(strip=True).rstrip("#") == "CV"
    assert list(_cv_sections(page)) == ["General Information", "Positions", "Education", "Research Interests"]
    general = _cv_sections(page)["General Information"]
    pairs = {dt.get_text(strip=True): dd.get_text(strip=True) for dt, dd in zip(general.select("dt"), general.select("dd"), strict=True)}
    assert pairs == {"Name": "Ziming Liu (刘子鸣)", "Email": "lzmsldmjxm@gmail.com"}
    assert general.select_one("dd a")["href"].startswith("mailto:")
    # Styled by its own sheet, loaded on this page only.
    assert "cv.css" in stylesheets(site.outdir, "about/index.html")
    assert "cv.css" not in stylesheets(site.outdir, "index.html")


def test_cv_lists_the_selected_papers(site):
    page = site.page("about/index.html")
    section = page.find("section", id="selected-publications")
    assert section is not None
    bib = (PROJECT_ROOT / "papers" / "papers.bib").read_text(encoding="utf-8")
    selected = len(re.findall(r"^\s*selected\s*=\s*\{true\}", bib, flags=re.M | re.I))
    assert selected == 8
    assert len(section.select(".citation, .homepage-pub")) == selected
    assert section.find("a", href="../papers/index.html") is not None


def test_the_pdf_offered_is_the_one_the_build_writes(site):
    if (PROJECT_ROOT / "_static" / "Ziming_resume.pdf").exists():
        pytest.skip("the CV PDF is in _static/: the page offers it")
    (offer,) = site.page("about/index.html").select(".homepage-cv__pdf a")
    assert offer["href"] == "../assets/pdf/Ziming_resume.pdf"


# -- The directive, the PDF and PDF links (small sites) -------------------------------------------------------------


@pytest.mark.sphinx("html", testroot="cv")
def test_every_al_folio_section_type(app):
    app.build()
    page = _page(app.outdir, "index.html")
    sections = _cv_sections(page)
    assert list(sections) == ["General Information", "Education", "Skills", "Service"]
    general = sections["General Information"]
    values = {dt.get_text(strip=True): dd for dt, dd in zip(general.select("dt"), general.select("dd"), strict=True)}
    # Inline HTML is kept, as al-folio writes it out; only e-mail and http(s) addresses become links.
    assert values["Full Name"].get_text(strip=True) == "A.Researcher" and values["Full Name"].b.string == "Researcher"
    assert values["Email"].a["href"].startswith("mailto:")
    assert values["Website"].a["href"] == "https://example.org/~a"
    assert values["Trap"].find("a") is None
    phd, bsc = _entries(sections["Education"])
    assert (phd["year"], phd["title"], phd["institution"]) == ("2019 - 2024", "PhD", "University of Somewhere")
    assert "Physics" in phd["text"] and "Somewhere" in phd["text"]
    assert [li.get_text(strip=True) for li in sections["Education"].select(".homepage-cv__subitems li")] == ["Prof. One", "Prof. Two"]
    assert (bsc["year"], bsc["title"]) == ("2019", "BSc")
    assert [li.get_text(strip=True) for li in sections["Skills"].select("li")] == ["Python", "Writing"]
    service = sections["Service"]
    assert service.select_one(".homepage-cv__item-title").get_text(strip=True) == "Reviewing"
    assert [li.get_text(strip=True) for li in service.select(".homepage-cv__subitems li")] == ["Conference A", "Journal B"]
    # Sections are real sections: anchors, and the page's contents.
    assert [s["id"] for s in page.select("section.homepage-cv__section")] == ["general-information", "education", "skills", "service"]


# Its own copy of the site: the warnings are those of a first build (a page left as it was is not read again).
@pytest.mark.sphinx("html", testroot="cv", srcdir="cv-pdf-links")
def test_cv_pdf_offered_when_present_and_pdf_links(app):
    app.build()
    page = _page(app.outdir, "index.html")
    (offer,) = page.select(".homepage-cv__pdf a")
    assert offer.get_text(strip=True) == "Download the CV (PDF)"
    assert (app.outdir / offer["href"]).read_bytes() == Path(app.srcdir, "_static", "resume.pdf").read_bytes()
    # al-folio's /assets/pdf/ link finds the PDF in _static/.
    resume = page.find("a", string="resume") or page.find(lambda tag: tag.name == "a" and tag.get_text() == "resume")
    assert resume["href"] == offer["href"]
    # Missing PDFs: the words stay, unlinked; one warning each, with file and line, nothing from MyST.
    for words in ("syllabus", "Slides"):
        assert page.find(lambda tag, w=words: tag.name == "a" and tag.get_text() == w) is None
        assert words in page.select_one("div.body").get_text()
    warnings = warning_lines(app)
    index = Path(app.srcdir, "index.md")
    assert sorted(warnings) == [
        f"{index}:11: WARNING: links to the PDF '/assets/pdf/syllabus.pdf', which is not there: put the file at _static/syllabus.pdf [homepage.pdf]",
        f"{index}:11: WARNING: links to the PDF 'files/talk.pdf', which is not there: put the file at files/talk.pdf [homepage.pdf]",
    ]
    # A site copied from al-folio keeps its PDFs in assets/pdf/: cv_pdf and links find them there too.
    alfolio = _page(app.outdir, "alfolio.html")
    kept = Path(app.srcdir, "assets", "pdf", "old-cv.pdf").read_bytes()
    (offer,) = alfolio.select(".homepage-cv__pdf a")
    old = alfolio.find(lambda tag: tag.name == "a" and tag.get_text() == "old CV")
    assert (app.outdir / offer["href"]).read_bytes() == kept and old["href"] == offer["href"]
    # A cv_pdf that is not in _static/: the page offers the one the build writes.
    (generated,) = _page(app.outdir, "later.html").select(".homepage-cv__pdf a")
    assert generated["href"] == "assets/pdf/not-yet.pdf"
    assert (app.outdir / generated["href"]).read_bytes().startswith(b"%PDF-")


@pytest.mark.sphinx("html", testroot="cv", srcdir="cv-pdf-arrives")
def test_pdfs_that_arrive_later_are_picked_up(make_app, app):
    app.build()
    assert _page(app.outdir, "later.html").select_one(".homepage-cv__pdf a")["href"] == "assets/pdf/not-yet.pdf"
    app.cleanup()  # unregisters its nodes, as a new app registers them again
    # While the PDFs are missing, nothing changed: no page is read again.
    unchanged = make_app("html", srcdir=app.srcdir, freshenv=False)
    unchanged.build()
    assert "0 added, 0 changed, 0 removed" in unchanged.status.getvalue()
    unchanged.cleanup()
    Path(app.srcdir, "_static", "not-yet.pdf").write_bytes(b"%PDF-1.4\n%%EOF\n")
    Path(app.srcdir, "_static", "syllabus.pdf").write_bytes(b"%PDF-1.4\n%%EOF\n")
    again = make_app("html", srcdir=app.srcdir, freshenv=False)
    again.build()
    assert "0 added, 2 changed, 0 removed" in again.status.getvalue()
    # The user's own PDF, once there, wins over the one the build writes.
    (offer,) = _page(again.outdir, "later.html").select(".homepage-cv__pdf a")
    assert (again.outdir / offer["href"]).read_bytes() == b"%PDF-1.4\n%%EOF\n"
    syllabus = _page(again.outdir, "index.html").find(lambda tag: tag.name == "a" and tag.get_text() == "syllabus")
    assert syllabus is not None and (again.outdir / syllabus["href"]).is_file()


@pytest.mark.sphinx("html", testroot="cv-bad")
def test_bad_cv_data_warns_with_file_and_line_and_keeps_the_rest(app):
    app.build()
    src = Path(app.srcdir)
    warnings = sorted(warning_lines(app))
    assert warnings == sorted([
        "broken.yaml:2: WARNING: the CV file is not valid YAML: expected ',' or ']', but got ':'; no CV is shown [homepage.cv]",
        f"{src / 'index.md'}:2: WARNING: cv_pdf should name a PDF file, not 42 [homepage.cv]",
        "cv.yaml:5: WARNING: a CV section has no title; left out [homepage.cv]",
        "cv.yaml:8: WARNING: CV section 'Odd' has type 'timeline'; expected one of map, time_table, list, nested_list; left out [homepage.cv]",
        "cv.yaml:11: WARNING: CV section 'Flat' should have a list of contents; left out [homepage.cv]",
        "cv.yaml:19: WARNING: CV field 'description' should be a list, not 'not a list'; left out [homepage.cv]",
        "cv.yaml:20: WARNING: a time_table entry should be a mapping (title, institution, year...), not 'plain text entry'; left out [homepage.cv]",
        "cv.yaml:24: WARNING: a map entry needs a name and a value, not {'value': 'no name'}; left out [homepage.cv]",
        f"{src / 'nofile.md'}:3: WARNING: cannot read the CV file nowhere.yaml: No such file or directory [homepage.cv]",
        "notalist.yaml:1: WARNING: the CV file should be a list of sections (title, type, contents), RenderCV's 'cv:' or a JSON Resume [homepage.cv]",
    ])
    page = _page(app.outdir, "index.html")
    sections = _cv_sections(page)
    assert list(sections) == ["Fine", "Entries", "Pairs"]
    assert sections["Fine"].get_text(" ", strip=True).endswith("Still here")
    assert [e["title"] for e in _entries(sections["Entries"])] == ["Kept"]
    assert [dt.get_text(strip=True) for dt in sections["Pairs"].select("dt")] == ["Kept pair"]
