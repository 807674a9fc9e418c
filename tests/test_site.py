"""The real site: it builds with zero warnings and its home page carries the seed's text."""

from __future__ import annotations

import re
from pathlib import Path

from conftest import PROJECT_ROOT, SHARED, needs_shared


def _normalise(text: str) -> str:
    """Fold what the HTML writer changes on purpose: curly quotes, dashes, white space."""
    text = text.translate(str.maketrans({"‘": "'", "’": "'", "“": '"', "”": '"', "–": "--", "—": "---"}))
    text = re.sub(r"\s+", " ", text)
    return re.sub(r" ([.,;:!?)])", r"\1", text).strip()


def _seed_sentences(markdown: str) -> list[str]:
    """The sentences a reader sees in an al-folio page body, markup removed."""
    body = markdown.split("---", 2)[2]
    body = re.sub(r"<!--.*?-->", "", body, flags=re.S)
    body = re.sub(r"\[([^\]]+)\]\([^)]+\)", r"\1", body)  # [text](url) -> text
    body = body.replace("**", "")
    lines = [re.sub(r"^\s*[*-]\s+", "", line) for line in body.splitlines()]
    sentences = []
    for line in filter(None, (line.strip() for line in lines)):
        sentences.extend(s for s in re.split(r"(?<=[.!?])\s+", line) if s)
    return [_normalise(s) for s in sentences]


def test_site_builds_without_warnings(site):
    assert site.warnings == []


def test_home_page_carries_the_seed_bio(site):
    sentences = _seed_sentences((PROJECT_ROOT / "index.md").read_text(encoding="utf-8"))
    assert len(sentences) > 15
    article = _normalise(site.page("index.html").select_one("article").get_text(" "))
    missing = [s for s in sentences if s not in article]
    assert missing == []


def test_index_links_the_cv_pdf():
    assert "[Get my CV here](/assets/pdf/Ziming_resume.pdf)" in (PROJECT_ROOT / "index.md").read_text(encoding="utf-8")


@needs_shared("seed/about.md", "the owner's page as he gave it")
def test_index_is_the_seed_page():
    """index.md is the seed page unchanged: its CV link reaches the PDF the build writes."""
    seed = SHARED / "seed" / "about.md"
    assert (PROJECT_ROOT / "index.md").read_text(encoding="utf-8") == seed.read_text(encoding="utf-8")


def test_navbar_reaches_every_section(site):
    home = site.page("index.html")
    links = {a["href"] for a in home.select("nav a.nav-link")}
    assert {"research/index.html", "papers/index.html", "about/index.html"} <= links
    for section in ("research", "papers", "about"):
        assert (site.outdir / section / "index.html").is_file()


def test_cv_link_reaches_the_cv_pdf(site):
    link = site.page("index.html").find("a", string=re.compile("Get my CV here"))
    assert link is not None
    assert link["href"] == "assets/pdf/Ziming_resume.pdf"
    assert (Path(site.outdir) / link["href"]).read_bytes().startswith(b"%PDF-")
