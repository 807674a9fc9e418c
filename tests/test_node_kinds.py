"""node_kinds: whether a page holds a kind of node, in one walk that takes a marked subtree at its word."""

from __future__ import annotations

from docutils import nodes
from sphinx.util.docutils import new_document

from sphinx_academic_homepage.node_kinds import HOLDS, holds, kinds_in, page_holds


class _App:
    """build_state keys on the application weakly: any object that can be weakly referenced stands for it."""


def _app() -> _App:
    return _App()


def _page() -> nodes.document:
    document = new_document("page")
    section = nodes.section("", classes=["homepage-cv__section"])
    entry = nodes.list_item("", nodes.paragraph("", "an entry", classes=["inner"]))
    section += nodes.bullet_list("", entry, classes=["homepage-pubs"])
    document += section
    return document


def test_a_page_holds_its_nodes_and_their_classes():
    page = _page()
    app = _app()
    assert page_holds(app, page, nodes.section, "homepage-cv__section")
    assert page_holds(app, page, nodes.Element)  # a subclass counts
    assert page_holds(app, page, nodes.paragraph, "inner")
    assert not page_holds(app, page, nodes.section, "inner")
    assert not page_holds(app, page, nodes.math_block)
    assert not page_holds(app, None, nodes.section)


def test_a_marked_subtree_is_taken_at_its_word():
    page = _page()
    entry = next(page.findall(nodes.list_item))
    entry[HOLDS] = kinds_in(entry) | {nodes.math_block}
    entry.children[0]["classes"] = ["changed-after-marking"]
    app = _app()
    assert page_holds(app, page, nodes.math_block)
    assert page_holds(app, page, nodes.paragraph, "inner")
    assert not page_holds(app, page, nodes.paragraph, "changed-after-marking")


def test_the_kinds_are_those_of_the_page_asked_about():
    app = _app()
    first, second = _page(), new_document("other")
    second += nodes.math_block("", "x")
    assert not page_holds(app, first, nodes.math_block)
    assert page_holds(app, second, nodes.math_block)
    assert not page_holds(app, first, nodes.math_block)


def test_holds_sees_the_doctree_as_it_is_now():
    page = _page()
    assert not holds(page, nodes.math_block)
    page += nodes.math_block("", "x")
    assert holds(page, nodes.math_block)
    assert holds(page, nodes.Element)
