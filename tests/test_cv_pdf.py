"""The CV PDF: written by the build from the CV data and the selected papers, offered by the CV page and reached
by the home page's link; written again only when what it is made from changed; a user's own PDF wins."""

from __future__ import annotations

import os
import re
import shutil
from pathlib import Path

import pytest
from pybtex.database import parse_file
from pypdf import PdfReader

from buildutil import ROOTS, build
from conftest import PROJECT_ROOT

PDF = Path("assets/pdf/Ziming_resume.pdf")


def pdf_text(reader: PdfReader) -> str:
    """The PDF's text, one space between words (a line may break anywhere)."""
    return " ".join(" ".join(page.extract_text() for page in reader.pages).split())


def link_targets(reader: PdfReader) -> list[str]:
    return [
        annotation.get_object()["/A"]["/URI"]
        for page in reader.pages
        for annotation in page.get("/Annots") or []
        if annotation.get_object()["/Subtype"] == "/Link"
    ]


def fonts(reader: PdfReader) -> dict[str, bool]:
    """Each font of the PDF by name: whether its glyphs are in the file."""
    found = {}
    for page in reader.pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            described = font["/DescendantFonts"][0].get_object() if "/DescendantFonts" in font else font
            descriptor = described["/FontDescriptor"].get_object()
            found[str(font["/BaseFont"])] = any(key in descriptor for key in ("/FontFile", "/FontFile2", "/FontFile3"))
    return found


@pytest.fixture(scope="module")
def real_pdf(site) -> PdfReader:
    return PdfReader(site.outdir / PDF)


def test_the_real_cv_pdf_holds_the_cv(real_pdf):
    text = pdf_text(real_pdf)
    for fact in ("Ziming Liu", "刘子鸣", "lzmsldmjxm@gmail.com",
                 "Tenure-track Assistant Professor", "College of AI, Tsinghua University", "from Fall 2026",
                 "Postdoc in AI + Neuroscience", "Stanford University", "With Andreas Tolias",
                 "PhD in AI + Physics", "MIT", "With Max Tegmark", "B.S. in Physics", "Peking University", "2020"):
        assert fact in text, fact
    # Only the data's dates: no year that is not in the CV or a selected paper.
    assert len(real_pdf.pages) <= 2
    assert real_pdf.metadata.title == "Ziming Liu (刘子鸣) – Curriculum Vitae"
    assert real_pdf.metadata.author == "Ziming Liu (刘子鸣)"


def test_the_real_cv_pdf_lists_the_selected_papers(real_pdf):
    bib = parse_file(PROJECT_ROOT / "papers" / "papers.bib")
    selected = [entry for entry in bib.entries.values() if entry.fields.get("selected", "").strip("{}") == "true"]
    assert len(selected) == 8
    text = pdf_text(real_pdf)
    for entry in selected:
        title = re.sub(r"[{}]", "", entry.fields["title"])
        assert " ".join(title.split()) in text, title


def test_the_real_cv_pdf_embeds_its_fonts_and_links(real_pdf):
    embedded = fonts(real_pdf)
    assert embedded and all(embedded.values()), embedded
    assert any("NotoSansCJK" in name for name in embedded)  # 刘子鸣 is drawn, not left as empty boxes
    targets = link_targets(real_pdf)
    assert "mailto:lzmsldmjxm@gmail.com" in targets
    assert {"https://github.com/kindxiaoming", "https://scholar.google.com/citations?user=QeXHxlIAAAAJ"} <= set(targets)


def test_the_home_page_cv_link_is_the_pdf(site):
    link = site.page("index.html").find("a", string="Get my CV here")
    assert link is not None and (site.outdir / link["href"]).resolve() == (site.outdir / PDF).resolve()
    offer = site.page("about/index.html").select_one(".homepage-cv__pdf a")
    assert (site.outdir / "about" / offer["href"]).resolve() == (site.outdir / PDF).resolve()


# -- When it is written (a small site) ------------------------------------------------------------------------------


def _copy(tmp_path: Path) -> Path:
    srcdir = tmp_path / "src"
    shutil.copytree(ROOTS / "test-cv-pdf", srcdir)
    return srcdir


def test_a_small_cv_pdf(tmp_path):
    result = build(_copy(tmp_path), tmp_path / "_build")
    assert [line for line in result.warnings if "WARNING" in line] == []
    reader = PdfReader(result.outdir / "assets/pdf/ada-cv.pdf")
    text = pdf_text(reader)
    for fact in ("Ada Example (艾达)", "PhD in Physics", "University of Somewhere", "2019 – 2024", "Postdoc",
                 "Institute of Things", "2024 – present", "Waves in Things", "Journal of Waves",
                 "Built the wave tank & its pump"):
        assert fact in text, fact
    assert "<" not in text and "&amp;" not in text  # the CV's HTML is drawn as its text
    assert "A Paper Not Selected" not in text
    assert set(link_targets(reader)) >= {"mailto:ada@example.org", "https://github.com/ada-example",
                                         "https://doi.org/10.1000/waves"}
    assert result.page("index.html").find("a", string="my CV")["href"] == "assets/pdf/ada-cv.pdf"


def test_written_again_only_when_its_inputs_change(tmp_path):
    srcdir, builddir = _copy(tmp_path), tmp_path / "_build"
    pdf = build(srcdir, builddir).outdir / "assets/pdf/ada-cv.pdf"
    os.utime(pdf, (1_000_000_000, 1_000_000_000))
    build(srcdir, builddir, freshenv=False)
    assert pdf.stat().st_mtime == 1_000_000_000  # a build after which nothing changed leaves it as it is
    cv = srcdir / "cv.yaml"
    cv.write_text(cv.read_text(encoding="utf-8").replace("Postdoc", "Research Fellow"), encoding="utf-8")
    build(srcdir, builddir, freshenv=False)
    assert pdf.stat().st_mtime != 1_000_000_000
    assert "Research Fellow" in pdf_text(PdfReader(pdf))
    os.utime(pdf, (1_000_000_000, 1_000_000_000))
    bib = srcdir / "refs.bib"
    bib.write_text(bib.read_text(encoding="utf-8").replace("Waves in Things", "Waves in All Things"), encoding="utf-8")
    build(srcdir, builddir, freshenv=False)
    assert "Waves in All Things" in pdf_text(PdfReader(pdf))
    pdf.unlink()
    build(srcdir, builddir, freshenv=False)
    assert pdf.is_file()  # a PDF that is gone is written again


def test_a_pdf_of_the_users_own_wins(tmp_path):
    srcdir = _copy(tmp_path)
    (srcdir / "_static" / "ada-cv.pdf").write_bytes(b"%PDF-1.4\n% the user's own\n%%EOF\n")
    result = build(srcdir, tmp_path / "_build")
    assert not (result.outdir / "assets/pdf/ada-cv.pdf").exists()
    offer = result.page("cv.html").select_one(".homepage-cv__pdf a")
    assert b"the user's own" in (result.outdir / offer["href"]).read_bytes()
    home = result.page("index.html").find("a", string="my CV")
    assert b"the user's own" in (result.outdir / home["href"]).read_bytes()


def test_without_typst_one_warning_and_the_html_cv(tmp_path, monkeypatch):
    import sphinx_academic_homepage.cv.directive as directive
    import sphinx_academic_homepage.cv.pdf as pdf

    monkeypatch.setattr(directive, "typst_available", lambda: False)
    monkeypatch.setattr(pdf, "typst_available", lambda: False)
    result = build(_copy(tmp_path), tmp_path / "_build")
    assert [line for line in result.warnings if "WARNING" in line] == [
        "cv.md:2: WARNING: cv_pdf ada-cv.pdf is not in _static/ and the typst package that would write it is not "
        "installed (pip install typst); the CV page offers no PDF, and links to it come here [homepage.cv]",
    ]
    assert result.page("index.html").find("a", string="my CV")["href"] == "cv.html"
    assert not (result.outdir / "assets/pdf/ada-cv.pdf").exists()
    page = result.page("cv.html")
    assert page.select(".homepage-cv__pdf") == []
    assert len(page.select("section.homepage-cv__section")) == 3
