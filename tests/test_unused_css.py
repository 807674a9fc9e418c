"""Third-party stylesheets lose the rules that no page can match, and keep every other one (homepage.unused_css)."""

from __future__ import annotations

import gzip
import re
from pathlib import Path

import pydata_sphinx_theme
import pytest
import tinycss2

from sphinx_academic_homepage.unused_css import TRIMMED_STYLESHEETS, ClassesInUse, classes_in_use, drop_unused_rules

THEME_STYLESHEET = Path("_static") / "styles" / "pydata-sphinx-theme.css"
THEME_ORIGINAL = Path(pydata_sphinx_theme.__file__).parent / "theme" / "pydata_sphinx_theme" / "static" / "styles" / "pydata-sphinx-theme.css"


def _selectors(css: str) -> dict[str, set[str]]:
    """Every selector of every rule, at any depth of @media/@supports, with the classes it needs.

    The classes a selector needs are the ones outside parentheses and brackets (tinycss2 hands those over as
    single blocks): ``.a:not(.b)`` needs ``a`` only.
    """
    found: dict[str, set[str]] = {}

    def add(tokens):
        needs = {b.value for a, b in zip(tokens, tokens[1:]) if a.type == "literal" and a.value == "." and b.type == "ident"}
        found[tinycss2.serialize(tokens).strip()] = needs

    def walk(nodes):
        for node in nodes:
            if node.type == "qualified-rule":
                selector = []
                for token in node.prelude:
                    if token.type == "literal" and token.value == ",":
                        add(selector)
                        selector = []
                    else:
                        selector.append(token)
                add(selector)
            elif node.type == "at-rule" and node.content is not None and node.lower_at_keyword in ("media", "supports"):
                walk(tinycss2.parse_stylesheet(node.content))

    walk(tinycss2.parse_stylesheet(css))
    return found


def _names_class(css: str, name: str) -> bool:
    return re.search(rf"\.{re.escape(name)}(?![\w-])", css) is not None


# -- The trimming itself ---------------------------------------------------------------


def test_selectors_needing_an_unused_class_go_and_the_rest_stay_as_written():
    css = (
        "/*! licence */:root{--x:1}body{margin:0}.used{color:red}.unused{color:blue}"
        ".used,.unused>p{top:0}.used .unused{left:0}a.used:hover{x:1}"
    )
    trimmed, report = drop_unused_rules(css, {"used"})
    assert trimmed == "/*! licence */:root{--x:1}body{margin:0}.used{color:red}.used{top:0}a.used:hover{x:1}"
    assert (report.rules, report.dropped) == (7, 2)


def test_kept_rules_are_copied_as_written_not_re_serialised():
    # tinycss2 would write the escape as the character itself and drop the comment inside the selector list.
    css = '.fa-bars,.fa-navicon{--fa:"\\f0c9"}.a /* x */ > .b , .gone{content:"\\201c" ;}'
    trimmed, _ = drop_unused_rules(css, {"fa-bars", "fa-navicon", "a", "b"})
    assert trimmed == '.fa-bars,.fa-navicon{--fa:"\\f0c9"}.a /* x */ > .b{content:"\\201c" ;}'


def test_with_every_class_in_use_the_theme_stylesheet_comes_back_whole():
    css = THEME_ORIGINAL.read_text(encoding="utf-8")
    trimmed, report = drop_unused_rules(css, ClassesInUse(prefixes={""}))
    assert report.dropped == 0 and report.rules > 4_000
    # Only the newlines between rules and the source-map comment go.
    assert trimmed.replace("\n", "") == re.sub(r"/\*# sourceMappingURL=[^*]*\*/", "", css).replace("\n", "")


def test_classes_in_negations_attributes_and_ids_are_never_required():
    css = ".a:not(.gone){x:1}[class~=gone]{x:2}#gone{x:3}.a:is(.gone,.b){x:4}html[data-theme=dark] .a{x:5}"
    trimmed, _ = drop_unused_rules(css, {"a"})
    assert trimmed == css


def test_grouping_rules_are_trimmed_inside_and_dropped_when_empty_other_at_rules_stay():
    css = (
        "@media (min-width:576px){.used{x:1}.unused{x:2}}@media print{.unused{x:3}}"
        "@supports (display:grid){.unused{x:4}}@font-face{font-family:F;src:url(f.woff2)}"
        "@keyframes spin{0%{x:0}to{x:1}}/*# sourceMappingURL=x.css.map */"
    )
    trimmed, _ = drop_unused_rules(css, {"used"})
    assert trimmed == "@media (min-width:576px){.used{x:1}}@font-face{font-family:F;src:url(f.woff2)}@keyframes spin{0%{x:0}to{x:1}}"


def test_a_dash_ended_string_keeps_every_class_it_can_start():
    in_use = ClassesInUse()
    in_use.add_script('el.classList.add(`bs-${this.constructor.NAME}-auto`); x = "carousel-item-" + dir; y = s-=1;')
    trimmed, _ = drop_unused_rules(".bs-tooltip-top{x:1}.carousel-item-end{x:2}.s-1{x:3}.other{x:4}", in_use)
    assert trimmed == ".bs-tooltip-top{x:1}.carousel-item-end{x:2}"


# -- What counts as used ---------------------------------------------------------------


def test_classes_come_from_pages_and_the_local_scripts_they_load(tmp_path):
    (tmp_path / "sub").mkdir()
    (tmp_path / "_static").mkdir()
    (tmp_path / "_static" / "app.js").write_text('el.className = "from-script";', encoding="utf-8")
    (tmp_path / "_static" / "other.js").write_text('el.className = "never-loaded";', encoding="utf-8")
    (tmp_path / "sub" / "page.html").write_text(
        '<p class="one  two" CLASS=\'three\'><span class=four></span>'
        '<script src="../_static/app.js?v=1"></script><script>go("inline-word")</script>'
        '<a onclick="this.classList.add(\'clicked\')">x</a>',
        encoding="utf-8",
    )
    in_use = classes_in_use(tmp_path)
    assert {"one", "two", "three", "four", "from-script", "inline-word", "clicked"} <= in_use.names
    assert "never-loaded" not in in_use
    assert in_use.unknowable == ""


def test_a_script_from_another_host_makes_the_classes_unknowable(tmp_path):
    (tmp_path / "index.html").write_text('<script src="https://cdn.example.org/w.js"></script>', encoding="utf-8")
    assert classes_in_use(tmp_path).unknowable == "index.html loads https://cdn.example.org/w.js"


# -- In a build ------------------------------------------------------------------------


@pytest.mark.sphinx("html", testroot="unused-css")
def test_the_theme_stylesheet_keeps_what_pages_and_loaded_scripts_use(app):
    app.build()
    css = (app.outdir / THEME_STYLESHEET).read_text(encoding="utf-8")
    # The page's classes, its loaded script's (a literal and a dash-ended prefix), the theme's own.
    for name in ("fa-rocket", "alert-info", "fa-ghost", "toast-header", "fa-bars", "bd-header", "navbar-brand"):
        assert _names_class(css, name), name
    # Named only by a script no page loads, or by nothing at all. (The extension's layout leaves out the
    # theme's fontawesome.js, which could add any "fa-" class.) A page's own onclick does not survive the
    # sanitiser: the classes an onclick names are read from pages as tested above.
    for name in ("fa-anchor", "fa-github", "carousel-inner", "alert-danger", "accordion-button", "list-group-item-danger"):
        assert not _names_class(css, name), name
    assert "html[data-theme=dark]" in css and "@font-face" in css and "Bootstrap" in css
    # Its fa-rocket is in no subset (icon_faces.py): the full solid font stays for it.
    assert "webfonts/fa-solid-900.woff2" in css
    original = THEME_ORIGINAL.read_text(encoding="utf-8")
    assert len(css) < len(original) / 2
    basic = (app.outdir / "_static" / "basic.css").read_text(encoding="utf-8")
    assert not _names_class(basic, "sphinxsidebar") and _names_class(basic, "headerlink")
    assert app.warning.getvalue() == ""


@pytest.mark.sphinx("html", testroot="unused-css", srcdir="unused-css-rebuild")
def test_a_rebuild_trims_the_whole_stylesheet_again(app):
    app.build()
    css = (app.outdir / THEME_STYLESHEET).read_text(encoding="utf-8")
    assert not _names_class(css, "alert-danger")
    page = Path(app.srcdir) / "index.md"
    page.write_text(page.read_text(encoding="utf-8") + '\n<div class="alert alert-danger">Now used.</div>\n', encoding="utf-8")
    app.build()
    css = (app.outdir / THEME_STYLESHEET).read_text(encoding="utf-8")
    assert _names_class(css, "alert-danger") and _names_class(css, "alert-info")


@pytest.mark.sphinx("html", testroot="unused-css", srcdir="unused-css-noop")
def test_a_rebuild_with_nothing_changed_leaves_the_trimmed_stylesheets_alone(make_app, app):
    app.build()
    stylesheets = [app.outdir / "_static" / name for name in TRIMMED_STYLESHEETS if (app.outdir / "_static" / name).is_file()]
    before = {path: (path.read_bytes(), path.stat().st_mtime_ns) for path in stylesheets}
    app.cleanup()
    again = make_app("html", srcdir=app.srcdir, freshenv=False)
    again.build()
    assert {path: (path.read_bytes(), path.stat().st_mtime_ns) for path in stylesheets} == before
    # The same bytes as a build from nothing.
    clean = make_app("html", srcdir=app.srcdir, builddir=Path(app.srcdir) / "_clean", freshenv=True)
    clean.build()
    for path in stylesheets:
        assert (clean.outdir / path.relative_to(app.outdir)).read_bytes() == before[path][0]


@pytest.mark.sphinx("html", testroot="unused-css", confoverrides={"homepage_trim_css": False})
def test_switched_off_the_stylesheet_is_the_themes(app):
    app.build()
    assert (app.outdir / THEME_STYLESHEET).read_text(encoding="utf-8") == THEME_ORIGINAL.read_text(encoding="utf-8")


@pytest.mark.sphinx("html", testroot="unused-css", confoverrides={"homepage_trim_css": 2})
def test_a_setting_that_is_not_a_bool_warns_once_and_trims(app):
    app.build()
    warnings = app.warning.getvalue().strip().splitlines()
    assert len(warnings) == 1
    assert "WARNING: homepage_trim_css should be True or False, not 2; using True [homepage.config]" in warnings[0]
    # (Given with -D / confoverrides, the value is written nowhere in conf.py: no location to give.)
    assert not _names_class((app.outdir / THEME_STYLESHEET).read_text(encoding="utf-8"), "carousel-inner")


@pytest.mark.sphinx("html", testroot="unused-css-external")
def test_with_a_script_from_another_host_nothing_is_trimmed(app):
    app.build()
    assert (app.outdir / THEME_STYLESHEET).read_text(encoding="utf-8") == THEME_ORIGINAL.read_text(encoding="utf-8")
    assert app.warning.getvalue() == ""
    assert re.search(r"stylesheets not trimmed: \w+\.html loads https://cdn\.example\.org/widgets\.js", app.status.getvalue())


# -- The real site ---------------------------------------------------------------------


def test_real_site_stylesheets_are_small(site):
    theme = (site.outdir / THEME_STYLESHEET).read_bytes()
    # 14.5 KB: the theme's scripts, whose words kept 3.5 KB more of it, gave way to the site's own.
    assert len(gzip.compress(theme)) < 16_000
    design = (site.outdir / "_static" / "sphinx-design.min.css").read_bytes()
    assert len(gzip.compress(design)) < 4_000
    # The theme's own icons stay, Font Awesome's other 2,000 go.
    css = theme.decode()
    assert all(_names_class(css, name) for name in ("fa-bars", "fa-magnifying-glass", "fa-circle-half-stroke", "fa-arrow-up"))
    assert not any(_names_class(css, name) for name in ("fa-github", "fa-anchor", "fa-rocket"))


def test_real_site_keeps_every_rule_for_a_class_its_pages_carry(site):
    """For each class on a built page, the trimmed stylesheet has every selector of the original that could match it."""
    in_use = classes_in_use(site.outdir)
    original = _selectors(THEME_ORIGINAL.read_text(encoding="utf-8"))
    trimmed = _selectors((site.outdir / THEME_STYLESHEET).read_text(encoding="utf-8"))
    page_classes = set()
    for page in site.outdir.rglob("*.html"):
        page_classes.update(c for tag in site.page(str(page.relative_to(site.outdir))).select("[class]") for c in tag["class"])
    assert {"bd-header", "homepage-profile", "sd-card"} <= page_classes
    for name in sorted(page_classes):
        needed = {s for s, needs in original.items() if name in needs and all(c in in_use for c in needs)}
        assert needed <= trimmed.keys(), (name, sorted(needed - trimmed.keys())[:5])
