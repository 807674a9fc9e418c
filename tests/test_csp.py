"""Every page carries a Content-Security-Policy that allows its own inline scripts and styles, and nothing else
(homepage.csp).

The expected hashes are recomputed here from each built page, parsed on its own (BeautifulSoup), so the test
does not share the build's way of finding them.
"""

from __future__ import annotations

import base64
import hashlib
import importlib.util
import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from buildutil import ROOTS, build, copy_root
from sphinx_academic_homepage.csp import OWN_MARK, InlineCode, mark_own, policy, runs_as_script, with_policy

CSP_ROOT = ROOTS / "test-csp"
# What the testroot's conf.py puts on its pages: a script in the content, one of the site's own, a data block.
_conf_spec = importlib.util.spec_from_file_location("csp_root_conf", CSP_ROOT / "conf.py")
ROOT_CONF = importlib.util.module_from_spec(_conf_spec)
_conf_spec.loader.exec_module(ROOT_CONF)

#: Every directive a page's policy may have, in the order they are written.
DIRECTIVES = ("default-src", "script-src", "style-src", "style-src-attr", "object-src", "base-uri", "form-action")


def sha256(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode() + "'"


def policy_metas(soup: BeautifulSoup) -> list:
    return soup.find_all("meta", attrs={"http-equiv": lambda value: value and value.lower() == "content-security-policy"})


def directives(soup: BeautifulSoup) -> dict[str, list[str]]:
    """The page's policy, directive name -> its sources, in the order written."""
    (meta,) = policy_metas(soup)
    parsed = {}
    for directive in meta["content"].split(";"):
        name, *sources = directive.split()
        parsed[name] = sources
    return parsed


def _runs(script) -> bool:
    return not script.has_attr("src") and runs_as_script(dict(script.attrs))


def inline_scripts(soup: BeautifulSoup) -> list[str]:
    return [script.string or "" for script in soup.find_all("script") if _runs(script)]


def inline_styles(soup: BeautifulSoup) -> list[str]:
    # html.parser reads <noscript> as markup: the theme's <style> in it counts, as it does for a visitor without JS.
    return [style.string or "" for style in soup.find_all("style")]


def pages_of(outdir: Path) -> list[str]:
    return sorted(
        path.relative_to(outdir).as_posix()
        for path in outdir.rglob("*.html")
        if not path.relative_to(outdir).parts[0].startswith(("_", "."))
    )


def policy_problems(soup: BeautifulSoup, content_scripts: tuple[str, ...] = ()) -> list[str]:
    """What is wrong with a page's policy: where it is, what it allows; empty when nothing is."""
    metas = policy_metas(soup)
    if len(metas) != 1:
        return [f"{len(metas)} policies"]
    head = [element for element in soup.head.children if getattr(element, "name", None)]
    problems = []
    if not (head[0].name == "meta" and head[0].has_attr("charset") and head[1] is metas[0]):
        problems.append(f"not first after <meta charset>: {[str(element)[:40] for element in head[:2]]}")
    policy = directives(soup)
    if tuple(name for name in DIRECTIVES if name in policy) != tuple(policy):
        problems.append(f"directives {list(policy)}")
    own_scripts = [text for text in inline_scripts(soup) if text not in content_scripts]
    expected_scripts = list(dict.fromkeys(sha256(text) for text in own_scripts))
    if policy.get("script-src") != ["'self'", *expected_scripts]:
        problems.append(f"script-src {policy.get('script-src')} for {own_scripts}")
    expected_styles = list(dict.fromkeys(sha256(text) for text in inline_styles(soup)))
    if policy.get("style-src") != ["'self'", *expected_styles]:
        problems.append(f"style-src {policy.get('style-src')} for {inline_styles(soup)}")
    fixed = {"default-src": ["'self'"], "object-src": ["'none'"], "base-uri": ["'self'"], "form-action": ["'self'"]}
    if {name: policy.get(name) for name in fixed} != fixed:
        problems.append(f"fixed directives {[policy.get(name) for name in fixed]}")
    attributes = bool(soup.select("[style]"))
    if policy.get("style-src-attr") != (["'unsafe-inline'"] if attributes else None):
        problems.append(f"style-src-attr {policy.get('style-src-attr')} with style attributes: {attributes}")
    return problems


@pytest.fixture(scope="module")
def csp_build(built_root):
    return built_root("csp")


CSP_PAGES = ["genindex.html", "index.html", "injected.html", "own.html", "search.html", "styled.html"]


def test_the_testroot_writes_the_pages_checked(csp_build):
    assert pages_of(csp_build.outdir) == CSP_PAGES
    assert csp_build.warnings == []


#: The scripts the testroot puts where a page's sources go: its content, a title other pages show.
CONTENT_SCRIPTS = tuple(inline_scripts(BeautifulSoup(ROOT_CONF.INJECTED + ROOT_CONF.INJECTED_TITLE, "html.parser")))


@pytest.mark.parametrize("name", CSP_PAGES)
def test_each_page_allows_exactly_its_own_inline_scripts_and_styles(csp_build, name):
    assert policy_problems(csp_build.page(name), CONTENT_SCRIPTS) == []


def test_the_policy_written(csp_build):
    """The home page of the testroot: the theme's colour-mode script (Sphinx's option lines are only on pages
    with a script that reads them, homepage.page_assets); the theme's <noscript> style."""
    soup = csp_build.page("index.html")
    (mode_script,) = [text for text in inline_scripts(soup) if text not in CONTENT_SCRIPTS]
    assert "localStorage.getItem(\"mode\")" in mode_script
    (noscript_style,) = inline_styles(soup)
    assert policy_metas(soup)[0]["content"] == (
        f"default-src 'self'; script-src 'self' {sha256(mode_script)}; "
        f"style-src 'self' {sha256(noscript_style)}; object-src 'none'; base-uri 'self'; form-action 'self'"
    )
    assert "unsafe" not in policy_metas(soup)[0]["content"]


def test_the_search_pages_option_lines_are_allowed(csp_build):
    soup = csp_build.page("search.html")
    scripts = inline_scripts(soup)
    pagename = "DOCUMENTATION_OPTIONS.pagename = 'search';"
    assert pagename in scripts
    assert sha256(pagename) in policy_metas(soup)[0]["content"].split()


def test_a_script_in_the_content_gets_no_hash(csp_build):
    soup = csp_build.page("injected.html")
    (injected,) = inline_scripts(BeautifulSoup(ROOT_CONF.INJECTED, "html.parser"))
    assert injected in inline_scripts(soup), "the testroot no longer injects its script"
    assert soup.select_one("img[onerror]") is not None
    policy = directives(soup)
    assert sha256(injected) not in policy["script-src"]
    assert not any(source in ("'unsafe-inline'", "'unsafe-hashes'", "'unsafe-eval'") for source in policy["script-src"])


def test_a_script_in_a_title_gets_no_hash_on_the_pages_that_show_it(csp_build):
    """The navigation on every page, the previous/next links, are written by the theme's templates: what they
    show of a page's title is still the page's, not the site's own."""
    (injected,) = inline_scripts(BeautifulSoup(ROOT_CONF.INJECTED_TITLE, "html.parser"))
    showing = [name for name in CSP_PAGES if injected in inline_scripts(csp_build.page(name))]
    assert showing == CSP_PAGES, "the testroot no longer shows the title's script"
    assert [name for name in showing if sha256(injected) in directives(csp_build.page(name))["script-src"]] == []


def test_a_script_an_extension_adds_gets_its_hash_and_a_data_block_none(csp_build):
    soup = csp_build.page("own.html")
    json_ld = soup.find("script", type="application/ld+json").string
    assert sha256(ROOT_CONF.OWN_SCRIPT) in directives(soup)["script-src"]
    assert sha256(json_ld) not in directives(soup)["script-src"]


def test_style_attributes_are_allowed_only_on_the_page_that_has_them(csp_build):
    assert csp_build.page("styled.html").select("col[style]")
    allowing = [name for name in CSP_PAGES if "style-src-attr" in directives(csp_build.page(name))]
    assert allowing == ["styled.html"]


def test_the_real_site(site):
    """Every page of the real site, the generated ones too (papers, search, 404); JSON-LD gets no hash."""
    pages = pages_of(site.outdir)
    assert {"404.html", "search.html", "index.html", "papers/index.html", "papers/liu2024kan.html"} <= set(pages)
    problems = {page: policy_problems(site.page(page)) for page in pages}
    assert {page: found for page, found in problems.items() if found} == {}
    home = site.page("index.html")
    json_ld = home.find("script", type="application/ld+json").string
    assert sha256(json_ld) not in directives(home)["script-src"]


# -- Builds other than one full serial build ----------------------------------------------------------------


def test_off_with_homepage_csp_false_and_the_policy_is_all_it_changes(csp_build, built_root):
    result = built_root("csp", homepage_csp=False)
    assert result.warnings == []
    assert [name for name in CSP_PAGES if policy_metas(result.page(name))] == []
    # With it, each page is the same but for the policy's line: the marks on the own tags are all gone.
    policy_line = re.compile(r'\n    <meta http-equiv="Content-Security-Policy" content="[^"]*" />')
    changed = [name for name in CSP_PAGES if policy_line.sub("", csp_build.html(name), count=1) != result.html(name)]
    assert changed == []
    assert [name for name in CSP_PAGES if OWN_MARK in csp_build.html(name)] == []


def test_a_setting_that_is_not_a_bool_warns_once_and_keeps_the_policy(tmp_path):
    result = build(copy_root("csp-config", tmp_path), tmp_path / "_build")
    assert result.warnings == [
        "conf.py:2: WARNING: homepage_csp should be True or False, not 'no'; using True [homepage.config]"
    ]
    assert len(policy_metas(result.page("index.html"))) == 1


def test_a_parallel_build_writes_the_same_pages(csp_build, tmp_path):
    parallel = build(copy_root("csp", tmp_path), tmp_path / "_build", parallel=2)
    assert [name for name in CSP_PAGES if parallel.html(name) != csp_build.html(name)] == []


def test_an_incremental_build_leaves_the_other_pages_alone(tmp_path):
    srcdir = copy_root("csp", tmp_path)
    first = build(srcdir, tmp_path / "_build")
    written = {name: (first.outdir / name).stat().st_mtime_ns for name in CSP_PAGES}
    before = {name: first.html(name) for name in CSP_PAGES}
    (srcdir / "own.md").write_text("# Own\n\nA page with one more inline script, and changed.\n", encoding="utf-8")
    second = build(srcdir, tmp_path / "_build", freshenv=False)
    assert second.warnings == []
    rewritten = [name for name in CSP_PAGES if (second.outdir / name).stat().st_mtime_ns != written[name]]
    # Sphinx writes again the changed page and the pages around it (its parent, search), not the others.
    assert "own.html" in rewritten and "styled.html" not in rewritten and "injected.html" not in rewritten
    assert "and changed." in second.html("own.html")
    # Each page written again has its one policy, the same as a fresh build gives it.
    assert [name for name in rewritten if name != "own.html" and second.html(name) != before[name]] == []
    assert policy_problems(second.page("own.html"), CONTENT_SCRIPTS) == []


# -- The policy of a page on its own -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("attrs", "runs"),
    [
        ({}, True),
        ({"type": ""}, True),
        ({"type": " Text/JavaScript "}, True),
        ({"type": "module"}, True),
        ({"type": "importmap"}, True),
        ({"language": "javascript"}, True),
        ({"type": "application/ld+json"}, False),
        ({"type": "application/json"}, False),
        ({"type": "text/plain"}, False),
        ({"type": "text/x-template"}, False),
    ],
)
def test_which_scripts_run(attrs, runs):
    assert runs_as_script(attrs) is runs


SECRET = "0123456789abcdef0123456789abcdef"
HEAD = '<!DOCTYPE html><html><head>\n  <meta charset="utf-8" />\n'
CHROME_HEAD = (
    "  <script>own()</script>\n  <noscript><style>.js{display:none}</style></noscript>\n"
    '  <script type="application/ld+json">{"a": 1}</script>\n  <script src="x.js"></script>\n</head><body>'
)
CHROME_END = "\n  <script>\r\nfooter()</script>\n</body></html>"


def test_the_policy_goes_right_after_the_charset_and_allows_the_marked_code_only():
    content = (
        '<p style="color: red">x</p><script>evil()</script><style>p{}</style>'
        f"<script {OWN_MARK}=ffffffffffffffffffffffffffffffff>forged()</script>"
    )
    page = with_policy(HEAD + mark_own(CHROME_HEAD, SECRET) + content + mark_own(CHROME_END, SECRET), SECRET)
    expected = policy(InlineCode([sha256("own()"), sha256("\nfooter()")], [sha256(".js{display:none}")]), True)
    assert page == (
        f'{HEAD.rstrip()}\n    <meta http-equiv="Content-Security-Policy" content="{expected}" />\n'
        f"{CHROME_HEAD}{content}{CHROME_END}"
    )
    assert "style-src-attr 'unsafe-inline'" in expected


def test_without_a_charset_the_policy_opens_the_head():
    page = with_policy("<html><head><title>t</title></head><body></body></html>", SECRET)
    assert page.startswith("<html><head>\n    <meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'self'; ")


def test_a_content_script_left_open_swallows_the_own_one_after_it_and_neither_gets_a_hash_of_the_whole():
    content = "<script>evil("
    page = with_policy(HEAD + mark_own(CHROME_HEAD, SECRET) + content + mark_own(CHROME_END, SECRET), SECRET)
    soup = BeautifulSoup(page, "html.parser")
    swallowed = [text for text in inline_scripts(soup) if "evil(" in text]
    assert swallowed and sha256(swallowed[0]) not in directives(soup)["script-src"]


def test_tags_are_marked_in_template_sources_without_quotes():
    source = """{%- set tag = "<script defer src=" ~ x %}<SCRIPT>a</SCRIPT><style>b</style><scripts><script-x>"""
    assert mark_own(source, SECRET) == (
        f'{{%- set tag = "<script {OWN_MARK}={SECRET} defer src=" ~ x %}}<SCRIPT {OWN_MARK}={SECRET}>a</SCRIPT>'
        f"<style {OWN_MARK}={SECRET}>b</style><scripts><script-x>"
    )


#: Own elements (each up to its end tag) in the forms templates write them and in forms an HTML5 parser reads
#: otherwise than a pattern would: references, odd case, CR and NUL, quotes, spaces, repeated attributes.
OWN_ELEMENTS = [
    '<script data-cfasync="false">document.documentElement.dataset.mode = "auto";',
    "<style>.bd-sidebar { display: none; }",
    '<script defer="defer" src="_static/a.js?v=1">',
    '<script src="searchindex.js">',
    '<script type="application/ld+json">{"@type": "Thing"}',
    '<script type="module">import "./a.js";',
    "<script type='module'>x()",
    '<script type = "text/plain">x()',
    '<script TYPE="text/plain">x()',
    '<script type="text/&#112;lain">x()',
    '<script type="text/plain" type="module">x()',
    '<script type="module" type="text/plain">x()',
    '<script language="vbscript">x()',
    "<script type>x()",
    '<script\tasync\n data-x="&">x()',
    "<script>a\r\nb\rc",
    "<script>a\0b",
    "<script/>x()",
    "<script>\n<!-- <script> if (a</b) {} -->\n",
    '<style media="print">p { color: red; }',
]


@pytest.mark.parametrize("element", OWN_ELEMENTS)
def test_an_own_element_is_read_as_an_html5_parser_reads_it(element):
    from justhtml import JustHTML

    from sphinx_academic_homepage.csp import _inline_code

    node = next(child for child in JustHTML(element, sanitize=False, fragment=True).root.children)
    text = "".join(child.data for child in node.children or () if child.name == "#text")
    external_or_data = node.name == "script" and ("src" in node.attrs or not runs_as_script(node.attrs))
    assert _inline_code(element) == (None if external_or_data else (node.name, sha256(text)))
