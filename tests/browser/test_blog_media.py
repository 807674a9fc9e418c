"""A post with math and figures in Chromium: no axe violation (where ``browser/survey.py`` runs axe), nothing requested from
another host, no horizontal scroll on a phone, MathML laid out by the browser, lazy figures sized before they load.

The site is the media scenario (``tests/roots/test-media``, its figures made by the test) with display and inline
math appended to its post.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from browser.compressed_server import serve
from browser.survey import AXE_RUNS, MODES, VIEWPORTS, open_visit, survey
from buildutil import build
from test_media import POST, make_site

MATH = """
## Math

Inline math $E = mc^2$ and a long formula that must not widen a phone's page:

$$
\\sum_{k=1}^{n} a_k b_k + \\sum_{k=1}^{n} a_k^2 + \\sum_{k=1}^{n} b_k^2 + \\sum_{k=1}^{n} c_k d_k + \\sum_{k=1}^{n} e_k f_k
+ \\sum_{k=1}^{n} g_k h_k + \\sum_{k=1}^{n} i_k j_k + \\sum_{k=1}^{n} l_k m_k
$$ (long)

$$
\\begin{aligned} a &= b + c \\\\ d &= e \\end{aligned}
$$
"""


@pytest.fixture(scope="module")
def post_survey(browser, tmp_path_factory) -> Iterator[dict]:
    tmp_path = tmp_path_factory.mktemp("blog-media-browser")
    srcdir = make_site(tmp_path)
    post = srcdir / "blog" / "2026" / "post" / "index.md"
    post.write_text(post.read_text(encoding="utf-8") + MATH, encoding="utf-8")
    built = build(srcdir, tmp_path / "out", confoverrides={"myst_enable_extensions": ["dollarmath"]})
    with serve(built.outdir) as url:
        yield url, survey(browser, url, [POST])


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize("viewport", VIEWPORTS)
def test_post_with_math_and_figures_is_clean(post_survey, viewport, mode):
    report = post_survey[1][viewport, mode][POST]
    if (viewport, mode) in AXE_RUNS:  # with the rules it runs there
        assert [violation["id"] for violation in report.axe_violations] == []
    assert report.problems["requests to other hosts"] == []
    assert report.problems["failed requests"] == []
    assert report.overflow <= 0
    # The figures' copies were fetched from the site itself (the eager ones at least), never the PNG.
    images = [url for url in report.requests if "/_images/" in url]
    assert images and not any(url.endswith(".png") for url in images)


def test_mathml_is_laid_out_and_a_long_formula_scrolls_in_its_block(browser, post_survey):
    visit = open_visit(browser, post_survey[0], "phone", "light")
    try:
        visit.goto(POST)
        long_formula = visit.page.locator("#equation-long math")
        sizes = long_formula.evaluate("(math) => [math.scrollWidth, math.clientWidth, math.getBoundingClientRect().height]")
        # Wider than the phone's column, it scrolls inside its block (the page itself does not: see above); and the
        # browser laid it out as MathML (a height of its own, not a line of TeX).
        assert sizes[0] > sizes[1] > 0 and sizes[2] > 20
        inline = visit.page.locator("p math").first.evaluate("(math) => math.getBoundingClientRect().width")
        assert 0 < inline < 120
    finally:
        visit.page.context.close()
