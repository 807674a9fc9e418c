"""Emoji shortcodes (Jekyll's jemoji): ``:smile:`` in a page's, a news item's or a post's text is 😄; code, math
and unknown names keep what they say."""

from __future__ import annotations

import pytest

from buildutil import build, copy_root, text_of
from sphinx_academic_homepage.emoji import shortcodes, with_emoji


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    workdir = tmp_path_factory.mktemp("emoji")
    return build(copy_root("emoji", workdir), workdir / "_build")


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
    assert [text_of(item) for item in home.select("#news .homepage-news__item")] == ["May 01, 2024 Our paper won an award 🎉"]
    post = built.page("blog/2024/hello/index.html")
    assert "A first post 🚀" in text_of(post.select_one("[role=main]"))


def test_code_and_math_keep_their_colons(built):
    home = built.page("index.html")
    assert text_of(home.select_one("code")) == ":smile:"
    assert ":tada:" in text_of(home.select_one("div.highlight"))
    assert home.select_one("math")["alttext"] == "a:b:c"
    post = built.page("blog/2024/hello/index.html")
    assert ":rocket: in an indented code block" in text_of(post.select_one("pre"))
