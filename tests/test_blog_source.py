"""Posts written in kramdown and Liquid, as al-folio writes them, rendered line for line: math, attribute lists,
HTML blocks, Liquid tags (a tokenizer: quoted values with spaces), addresses of the site, the post page."""

from __future__ import annotations

import shutil

import pytest
from PIL import Image

from blogutil import media_stand_in
from buildutil import ROOTS, build, stylesheets
from sphinx_academic_homepage.blog.kramdown import convert
from sphinx_academic_homepage.blog.liquid import arguments, liquid_in


def _formulas(body) -> tuple[list[str], list[str]]:
    """The TeX of the inline and the display formulas, whichever way the math renderer writes them."""
    inline = [node.get_text().strip()[2:-2].strip() for node in body.select("span.math")]
    display = [node.get_text().strip()[2:-2].strip() for node in body.select("div.math") if not node.select("math")]
    for node in body.select("math"):
        (display if node.get("display") == "block" else inline).append(node.get("alttext", "").strip())
    return inline, display


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    srcdir = tmp_path_factory.mktemp("syntax") / "src"
    shutil.copytree(ROOTS / "test-posts-syntax", srcdir)
    # The files the post's figure and video show.
    (srcdir / "assets" / "img").mkdir(parents=True)
    Image.new("RGB", (64, 48), "steelblue").save(srcdir / "assets" / "img" / "9.jpg")
    (srcdir / "assets" / "video").mkdir()
    (srcdir / "assets" / "video" / "v.mp4").write_bytes(b"\x00\x00\x00\x18ftypmp42")
    with media_stand_in() as calls:
        result = build(srcdir, srcdir.parent / "out")
    return result, calls


def _body(result, name):
    return result.page(name).select_one("section.homepage-post")


def test_warnings_name_the_tag_and_the_posts_line(built):
    assert built[0].warnings == [
        "_posts/2016-01-01-links.md:40: WARNING: Liquid {% twitter %} is not carried; left out [homepage.post]",
        "_posts/2016-01-01-links.md:41: WARNING: Liquid {{ page.unknown }} is not carried; left out [homepage.post]",
        "_posts/2016-01-01-links.md:43: WARNING: code in 'mermaid' is drawn by a script on al-folio, which this "
        "site does not run; shown as code [homepage.post]",
    ]


def test_kramdown_math_becomes_myst_math(built):
    body = _body(built[0], "blog/2015/math/index.html")
    for code in body.select("code"):
        code.extract()
    text = body.get_text()
    assert "$$" not in text and "\\\\(" not in text
    inline, display = _formulas(body)
    assert inline == ["E = mc^2", "a + b"]
    assert display == ["\\sum_{k=1}^\\infty x_k", "y = 2"]
    assert "it costs $5, and  stays" in text
    assert _body(built[0], "blog/2015/math/index.html").select_one("code").get_text() == "$$ code $$"


def test_addresses_of_the_site_reach_its_pages(built):
    body = _body(built[0], "blog/2015/math/index.html")
    links = {a.get_text(): a["href"] for a in body.select("a")}
    assert links["the links post"] == "../../2016/links/index.html#links"
    assert links["here"] == "../../2016/links/index.html"
    assert "{:" not in body.get_text()


def test_liquid_links_and_site_variables(built):
    body = _body(built[0], "blog/2016/links/index.html")
    links = {a.get_text(): a["href"] for a in body.select("a")}
    assert links["math"] == links["again"] == "../../2015/math/index.html"
    assert links["math in HTML"] == links["by address"] == "../../2015/math/index.html"
    assert links["HTML link"] == "../../../assets/notes.txt"
    assert links["file"].endswith("notes.txt")
    text = body.get_text()
    assert "The site is https://ada.example.org." in text
    # Shown as written (kramdown's typographic quotes aside).
    assert "Liquid shown: {% include figure.liquid path=“x” %}" in text
    assert "a comment" not in text and text.count("{%") == 1


def test_highlight_linenos_and_block_classes(built):
    body = _body(built[0], "blog/2016/links/index.html")
    code = body.select_one("div.highlight-python")
    assert code is not None and code.select_one(".linenos") is not None
    assert "block-tip" in body.select_one("blockquote")["class"]
    # Code Pygments finds an error in (kramdown's ``\*`` in C++) is shown all the same, as Rouge shows it, and
    # warns about nothing (the warnings are all above).
    assert "char const \\*argv[]" in body.select_one("div.highlight-c\\+\\+").get_text()


def test_figures_in_a_row_stay_one_html_block(built):
    result, calls = built
    body = _body(result, "blog/2016/links/index.html")
    row = body.select_one("div.row")
    assert len(row.select("div.col-sm")) == 2 and len(row.select("figure")) == 2
    assert not body.select("pre code:-soup-contains('col-sm')")
    if calls:
        assert calls[0][0] == "figure" and calls[0][2]["caption"] == "A caption, with spaces"
        assert calls[0][2]["zoomable"] == "true" and calls[0][3] == ("blog/2016/links/index", 32)
        assert calls[1][0] == "video"


def _scripts(page) -> set[str]:
    return {tag["src"].split("?")[0].rsplit("/", 1)[-1] for tag in page.select("script[src]")}


def test_the_post_page(built):
    result, _ = built
    page = result.page("blog/2016/links/index.html")
    assert page.select_one("h1").get_text(strip=True).rstrip("#") == "a post with links"
    assert page.title.get_text().startswith("a post with links")
    assert page.select_one("time.homepage-post__date")["datetime"] == "2016-01-01T00:00:00Z"
    # toc: the "on this page" list; without it (the math post), none.
    assert page.select_one(".bd-sidebar-secondary") is not None
    assert result.page("blog/2015/math/index.html").select_one(".bd-sidebar-secondary") is None
    # Its scroll spy is the theme's script: the page with the sidebar loads the theme's scripts, not the site's own.
    assert {"bootstrap.js", "pydata-sphinx-theme.js"} <= _scripts(page) and "theme-controls.js" not in _scripts(page)
    assert "theme-controls.js" in _scripts(result.page("blog/2015/math/index.html"))
    assert "bootstrap.js" not in _scripts(result.page("blog/2015/math/index.html"))
    # The theme's script reads Sphinx's DOCUMENTATION_OPTIONS; the site's own does not.
    assert "documentation_options.js" in _scripts(page)
    assert "documentation_options.js" not in _scripts(result.page("blog/2015/math/index.html"))
    tag = result.page("blog/2015/math/index.html").select_one("a.homepage-post__tag")
    assert tag["href"] == "../../tag/formatting/index.html"
    assert "blog.css" in stylesheets(result.outdir, "blog/2016/links/index.html")
    assert "blog.css" not in stylesheets(result.outdir, "index.html")


def test_redirect(built):
    page = built[0].page("blog/2022/redirect/index.html")
    assert page.select_one('meta[http-equiv="refresh"]')["content"] == "0; url=../../2015/math/index.html"
    assert page.select_one("p.homepage-post__redirect a")["href"] == "../../2015/math/index.html"


# -- The pieces, without a build --------------------------------------------------------------------------------


def test_liquid_arguments_keep_quoted_spaces():
    (tag,) = liquid_in('x {% include figure.liquid path="a b.jpg" class=\'c d\' zoomable=true %} y')
    assert tag.name == "include"
    assert arguments(tag.rest) == (["figure.liquid"], {"path": "a b.jpg", "class": "c d", "zoomable": "true"})


def test_liquid_on_hostile_input_is_linear():
    text = "{%" * 100_000 + "{{" * 100_000 + "}}"
    tags = list(liquid_in(text))
    assert len(tags) == 1 and tags[0].kind == "output"


def test_kramdown_keeps_every_line():
    lines = ["a $$x$$ b", "", "$$", "y", "$$", "<div>", "", "  text", "</div>", "{: .note }", "```", "$ code", "```"]
    converted = convert(lines, 5, lambda url, in_html: None)
    assert converted.lines == ["a $x$ b", "", "$$", "y", "$$", "<div>", "<!-- -->", "  text", "</div>", "", "```", "$ code", "```"]
    assert converted.block_classes == {14: ("note",)}


def _hostile_body(scale: int) -> str:
    return (
        "{% twitter x %}" * (20 * scale) + "\n" + "`$" * (50 * scale) + "\n" + "$$" * (50 * scale) + "\n"
        + "{:" * (50 * scale) + "\n" + "{: .a }\n" * (5 * scale) + "{{" * (50 * scale) + "\n" + "](<" * (30 * scale) + "\n"
    )


def test_hostile_text_is_converted_in_bounded_time():
    import time

    text = _hostile_body(1000)
    # The CPU time of this process: the work is bounded, whatever else the machine runs (15.7 s of wall at load 14).
    started = time.process_time()
    assert len(list(liquid_in(text))) == 20_000
    converted = convert(text.split("\n"), 5, lambda url, in_html: None)
    assert time.process_time() - started < 10
    assert len(converted.lines) == text.count("\n") + 1 and len(converted.block_classes) == 5000


def test_a_hostile_post_builds_with_one_warning_per_tag(tmp_path):
    srcdir = tmp_path / "src"
    shutil.copytree(ROOTS / "test-posts-syntax", srcdir)
    for post in (srcdir / "_posts").glob("*.md"):
        post.unlink()
    (srcdir / "_posts" / "2020-01-01-hostile.md").write_text("---\ntitle: hostile\n---\n\n" + _hostile_body(100), encoding="utf-8")
    result = build(srcdir, tmp_path / "out")
    assert result.warnings == [
        "_posts/2020-01-01-hostile.md:5: WARNING: Liquid {% twitter %} is not carried; left out [homepage.post]"
    ]
    assert (result.outdir / "blog/2020/hostile/index.html").is_file()
