"""The theme's templates are compiled once and kept in the doctree folder (template_cache.py), and the marks of
the Content-Security-Policy (csp.py) never enter a compiled template: each build marks with its own secret."""

from __future__ import annotations

from pathlib import Path

import jinja2

from buildutil import build, copy_root
from sphinx_academic_homepage.csp import MARK_FILTER, OWN_MARK, MarkOwnTags, mark_filter, mark_own
from sphinx_academic_homepage.template_cache import CACHE_FOLDER

SECRET = "0123456789abcdef0123456789abcdef"
TEMPLATE = (
    "<head><style>p{}</style>\n"
    "{%- set tag = '<script defer src=\"' ~ src ~ '\"></script>' %}{{ tag }}"
    "{{ (' <SCRIPT async src=\"b.js\"></script>' | replace('b.js', 'c.js')) }}"
    "<script>var n = 1;</script><stylesheet/><scripts/></head>"
)


def marking_environment(secret: str) -> jinja2.Environment:
    environment = jinja2.Environment(extensions=[MarkOwnTags])
    environment.filters[MARK_FILTER] = mark_filter(secret)
    return environment


def test_the_marks_are_written_when_a_page_renders_never_compiled_in():
    environment = marking_environment(SECRET)
    compiled = environment.compile(TEMPLATE, raw=True)
    assert SECRET not in compiled and OWN_MARK not in compiled
    # The same as marking the template's text itself, in its text and in its string literals alike.
    expected = jinja2.Environment().from_string(mark_own(TEMPLATE, SECRET)).render(src="a.js")
    assert environment.from_string(TEMPLATE).render(src="a.js") == expected
    assert expected.count(f" {OWN_MARK}={SECRET}") == 4


def test_a_template_compiled_for_one_build_marks_with_the_next_builds_secret():
    code = marking_environment(SECRET).compile(TEMPLATE, filename="<t>")
    other = "fedcba9876543210fedcba9876543210"
    environment = marking_environment(other)
    rendered = environment.template_class.from_code(environment, code, {}).render(src="a.js")
    assert SECRET not in rendered and rendered.count(f" {OWN_MARK}={other}") == 4


def compiled_templates(outdir: Path) -> dict[str, int]:
    folder = outdir.parent / "doctrees" / CACHE_FOLDER
    return {path.name: path.stat().st_mtime_ns for path in folder.iterdir()}


def counting_compiles(counter: list[str]):
    """A ``setup`` for :func:`buildutil.build` (run once the builder is made) that notes every template file
    the build compiles."""

    def count(app) -> None:
        environment = app.builder.templates.environment
        compile_ = environment.compile

        def noted(source, name=None, filename=None, *args, **kwargs):
            if filename is not None:
                counter.append(name)
            return compile_(source, name, filename, *args, **kwargs)

        environment.compile = noted

    return count


def test_a_rebuild_compiles_no_template_and_a_build_without_the_policy_compiles_them_anew(tmp_path):
    srcdir = copy_root("csp", tmp_path)
    first_compiles, second_compiles, third_compiles = [], [], []
    first = build(srcdir, tmp_path / "_build", setup=counting_compiles(first_compiles))
    kept = compiled_templates(first.outdir)
    assert "page.html" in first_compiles and len(kept) == len(set(first_compiles))
    search, index = first.html("search.html"), first.html("genindex.html")
    (srcdir / "own.md").write_text("# Own\n\nChanged.\n", encoding="utf-8")
    second = build(srcdir, tmp_path / "_build", freshenv=False, setup=counting_compiles(second_compiles))
    assert second.warnings == []
    assert second_compiles == [] and compiled_templates(second.outdir) == kept
    # Written again with this build's secret, taken out again: the same pages as the first build's.
    assert second.html("search.html") == search and second.html("genindex.html") == index
    assert OWN_MARK not in second.html("own.html")
    # Compiled without the marks, the templates are not the kept ones.
    plain = build(
        srcdir, tmp_path / "_build", confoverrides={"homepage_csp": False}, setup=counting_compiles(third_compiles)
    )
    assert "page.html" in third_compiles
    assert OWN_MARK not in plain.html("search.html") and "Content-Security-Policy" not in plain.html("search.html")
