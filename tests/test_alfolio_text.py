"""Text of pages, news items and posts as al-folio's Jekyll shows it: emoji shortcodes (jemoji's ``:smile:`` is 😄;
code, math and unknown names keep what they say) and links with no address (``[Name]()``: the name, unlinked)."""

from __future__ import annotations

import pytest

from buildutil import build, copy_root, text_of
from sphinx_academic_homepage.emoji import shortcodes, with_emoji


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    workdir = tmp_path_factory.mktemp("alfolio-text")
    return build(copy_root("alfolio-text", workdir), workdir / "_build")


def test_the_table_is_githubs_names():
    table = shortcodes()
    assert len(table) > 1800
    assert (table["smile"], table["sparkles"], table["+1"], table["thumbsup"], table["100"]) == ("😄", "✨", "👍", "👍", "💯")


def test_known_names_become_emoji_and_the_rest_stays():
    assert with_emoji(":smile::tada: 10:30:00 :not_an_emoji: ::") == "😄🎉 10:30:00 :not_an_emoji: ::"


def test_pages_news_and_posts_show_the_emoji(built):
    assert built.warnings == []
    home = built.page("index.html")
    paragraphs = [text_of(p) for p in home.select("[role=main] section > p")]
    assert paragraphs[0] == "Glad to be here 😄 and ✨ new ✨, 👍 at 10:30:00; :not_an_emoji: stays."
    assert [text_of(item) for item in home.select("#news .homepage-news__item")] == ["May 01, 2024 Our paper with Carol won an award 🎉"]
    post = built.page("blog/2024/hello/index.html")
    assert "A first post 🚀 with Dan ." in text_of(post.select_one("[role=main]"))


def test_code_and_math_keep_their_colons(built):
    home = built.page("index.html")
    assert text_of(home.select_one("code")) == ":smile:"
    assert ":tada:" in text_of(home.select_one("div.highlight"))
    assert home.select_one("math")["alttext"] == "a:b:c"
    post = built.page("blog/2024/hello/index.html")
    assert ":rocket: in an indented code block" in text_of(post.select_one("pre"))


def test_links_with_no_address_are_their_words_without_a_warning(built):
    # (No warning: the module's first test pins an empty list.)
    home = built.page("index.html")
    paragraph = next(p for p in home.select("[role=main] p") if "Joint work" in p.get_text())
    assert text_of(paragraph) == "Joint work with Ada and Bob , who have no pages yet."
    assert paragraph.select("a") == []
    news_row = home.select_one("#news .homepage-news__item")
    assert [a.get_text() for a in news_row.select("a")] == []
    post = built.page("blog/2024/hello/index.html").select_one("[role=main]")
    assert "Dan" in text_of(post) and post.find("a", string="Dan") is None
    main = home.select_one("[role=main]")
    assert [a for body in (main, post) for a in body.select("a") if a.get("href") in ("", "#")] == []
