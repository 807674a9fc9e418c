"""Math written as MathML at build time: inline, display, aligned rows, numbers and labels, wrong TeX."""

from __future__ import annotations

from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from buildutil import ROOTS, build, stylesheets
from sphinx_academic_homepage.mathml import Formula, convert

MATHML = "http://www.w3.org/1998/Math/MathML"


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory):
    return build(ROOTS / "test-math", tmp_path_factory.mktemp("math"))


def _script_sources(soup: BeautifulSoup) -> list[str]:
    return [script.get("src", "") + script.get_text() for script in soup.find_all("script")]


def test_inline_math_is_mathml_in_the_sentence(built):
    soup = built.page("index.html")
    paragraph = next(p for p in soup.find_all("p") if p.get_text().startswith("Inline math"))
    math = paragraph.find("math")
    assert math["alttext"] == "E = mc^2" and math["xmlns"] == MATHML
    assert not math.has_attr("display")
    assert [tag.name for tag in math.find_all(recursive=False)] == ["mi", "mo", "mi", "msup"]
    assert "$" not in paragraph.get_text()


def test_display_math_is_a_block_with_its_number_and_link(built):
    soup = built.page("index.html")
    block = soup.find("div", id="equation-cauchy")
    assert "homepage-math" in block["class"]
    math = block.find("math")
    assert math["display"] == "block" and math["alttext"].startswith(r"\sum_{k=1}^\infty")
    assert math["tabindex"] == "0"  # it scrolls when wider than a phone
    assert math.find("munderover") is not None
    assert block.find("span", class_="eqno").get_text() == "(1)#"
    # {eq}`cauchy` links to it by its number.
    reference = soup.find("a", href="#equation-cauchy", class_="reference")
    assert reference.get_text() == "(1)"


def test_aligned_rows_are_a_table(built):
    soup = built.page("index.html")
    math = next(m for m in soup.find_all("math") if m["alttext"].startswith(r"\begin{aligned}"))
    rows = math.find("mtable").find_all("mtr")
    assert [[cell.get_text() for cell in row.find_all("mtd")] for row in rows] == [["a", "=b+c"], ["d", "=e"]]


def test_mathjax_environments_numbers_and_labels(built):
    soup = built.page("index.html")
    # amsmath's \begin{equation}: numbered by MyST, \label kept as an anchor, the environment unwrapped.
    anchor = soup.find("span", id="equation-eq-mathjax")
    block = anchor.parent
    assert block.find("span", class_="eqno").get_text() == "(2)#"
    assert [tag.name for tag in block.find("math").find_all(recursive=False)] == ["mi", "mo", "mi"]
    # $\eqref{eq:mathjax}$ links to it with its number; a label no formula has is shown as written.
    sentence = next(p for p in soup.find_all("p") if p.get_text().startswith("As "))
    link = sentence.find("a")
    assert link["href"] == "#" + block["id"] and link.get_text() == "(2)"
    assert sentence.get_text() == "As (2) says, unlike (nowhere)."
    # \tag{7} is the number shown.
    tagged = next(m for m in soup.find_all("math") if r"\tag{7}" in m["alttext"])
    assert tagged.parent.find("span", class_="eqno").get_text() == "(7)"
    assert [tag.get_text() for tag in tagged.find_all(recursive=False)] == ["x", "=", "y"]


def test_wrong_tex_warns_once_at_its_line_and_shows_the_source(built):
    assert built.warnings == [
        "index.md:27: WARNING: the math “\\frobnicate{x}” cannot be written as MathML "
        '(Unknown LaTeX command "\\frobnicate"); its TeX source is shown [homepage.math]'
    ]
    code = built.page("index.html").find("code", class_="homepage-tex")
    assert code.get_text() == r"\frobnicate{x}"


def test_no_script_and_the_stylesheet_only_where_math_shows(built):
    for page in ("index.html", "plain.html"):
        soup = built.page(page)
        assert not any("mathjax" in text.lower() for text in _script_sources(soup)), page
    # math.css's rules reach the page with math (inside the package's one stylesheet of that page), not the other.
    assert "math.css" in stylesheets(built.outdir, "index.html")
    assert "math.css" not in stylesheets(built.outdir, "plain.html")
    assert built.page("plain.html").find("math") is None
    assert (built.outdir / "_static" / "math.css").is_file()


def test_the_site_may_choose_mathjax(tmp_path):
    chosen = build(ROOTS / "test-math", tmp_path, confoverrides={"html_math_renderer": "mathjax"})
    soup = chosen.page("index.html")
    assert soup.find("math") is None
    assert any("mathjax" in text.lower() for text in _script_sources(soup))


def test_formula_unwraps_what_mathjax_reads():
    formula = Formula("\\begin{align*}\n a &= b \\label{one} \\\\\n c &= d \\nonumber\n\\end{align*}")
    assert formula.labels == ("one",)
    assert formula.tex == "a &= b  \\\\\n c &= d"
    assert Formula(r"x \tag{A.1}").tag == "A.1"
    mathml, error = convert(r"\begin{equation} x \end{equation}", display=True)
    assert error is None and "<mi>x</mi>" in mathml and "\n" not in mathml.split('display="block">', 1)[1]
    assert convert(r"\eqref{one}")[0] is None


def test_symbols_typed_as_themselves_are_operators_and_identifiers():
    """``±`` typed as itself (as MathJax reads it) is the operator ``\\pm`` writes; a symbol docutils has no
    command for is text; inside ``\\text{}`` a symbol stays as typed."""
    mathml, error = convert("e^±p ≤ 90° \\text{±}")
    assert error is None
    assert mathml.endswith("<msup><mi>e</mi><mo>±</mo></msup><mi>p</mi><mo>≤</mo><mn>90</mn><mtext>°</mtext><mtext>±</mtext></math>")
    assert 'alttext="e^±p ≤ 90° \\text{±}"' in mathml


def test_real_site_has_no_mathjax(site):
    for page in Path(site.outdir).rglob("*.html"):
        soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
        assert not any("mathjax" in text.lower() for text in _script_sources(soup)), page
