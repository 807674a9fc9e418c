"""Posts: al-folio's ``_posts/`` files named by their al-folio addresses, their front matter read as Jekyll reads it,
one record per post for the blog's other parts; ``published: false`` and misnamed files left out."""

from __future__ import annotations

import shutil
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from buildutil import ROOTS, build
from sphinx_academic_homepage.blog.posts import BLOG_INDEX, Post, archive_docname, post_of, posts, slugify
from sphinx_academic_homepage.dates import parse_date


@pytest.fixture(scope="module")
def blog(tmp_path_factory):
    """tests/roots/test-posts built once, with its environment kept for the records."""
    srcdir = tmp_path_factory.mktemp("posts") / "src"
    shutil.copytree(ROOTS / "test-posts", srcdir)
    records = {}

    def keep(app):
        app.connect("build-finished", lambda app, error: records.update(env=app.env))

    built = build(srcdir, srcdir.parent / "out", setup=keep)
    return built, records["env"]


def test_posts_answer_at_their_al_folio_addresses(blog):
    built, _ = blog
    pages = sorted(str(path.relative_to(built.outdir)) for path in built.outdir.glob("blog/[0-9]*/*/index.html"))
    assert pages == [
        "blog/2018/bad-date/index.html",
        "blog/2020/no-front-date/index.html",
        "blog/2022/new-year/index.html",
        "blog/2022/one-digit-hour/index.html",
        "blog/2023/unpadded/index.html",
        "blog/2026/physics-of-ai/index.html",
    ]
    # A draft is no page; neither is a file named unlike a post, which warns.
    assert not list(built.outdir.rglob("*draft*"))
    assert built.warnings == [
        "_posts/notes.md:1: WARNING: a post's file name should be YYYY-MM-DD-title (as Jekyll's); "
        "this file is left out [homepage.post]",
        "_posts/2018-03-03-bad-date.md:3: WARNING: post date 'next spring' is not a date (YYYY-MM-DD, optionally "
        "with a time and offset); using the file name's, 2018-03-03 [homepage.post]",
    ]


def test_records_read_front_matter_as_jekyll_does(blog):
    _, env = blog
    assert [post.docname for post in posts(env)] == [
        "blog/2026/physics-of-ai/index",
        "blog/2023/unpadded/index",
        "blog/2022/one-digit-hour/index",
        "blog/2022/new-year/index",
        "blog/2020/no-front-date/index",
        "blog/2018/bad-date/index",
    ]
    undated_title = post_of(env, "blog/2018/bad-date/index")
    assert undated_title.title == "Bad Date" and undated_title.date == datetime(2018, 3, 3)
    ai = post_of(env, "blog/2026/physics-of-ai/index")
    assert ai == Post(
        docname="blog/2026/physics-of-ai/index",
        source="_posts/2026-01-20-physics-of-ai.md",
        slug="physics-of-ai",
        title="Physics of AI",
        date=datetime(2026, 1, 20, 10, tzinfo=timezone(timedelta(hours=-5))),
        description="why models learn",
        tags=("physics", "ai"),
        categories=("research",),
        featured=True,
        thumbnail="assets/img/thumb.png",
        redirect=None,
        external_source=None,
        words=ai.words,
        has_math=True,
    )
    assert ai.words >= 8
    unpadded = post_of(env, "blog/2023/unpadded/index")
    assert unpadded.date == datetime(2023, 1, 11)
    assert unpadded.tags == ("one", "two words") and unpadded.categories == ("notes", "sample-posts")
    assert not unpadded.has_math and not unpadded.featured
    hour = post_of(env, "blog/2022/one-digit-hour/index")
    assert hour.date == datetime(2022, 6, 17, 9, tzinfo=timezone(timedelta(hours=-4)))
    assert hour.tags == ("single",) and hour.description == "" and hour.categories == ()
    undated = post_of(env, "blog/2020/no-front-date/index")
    assert undated.date == datetime(2020, 5, 5)
    assert undated.redirect == "https://example.org/elsewhere"
    assert undated.external_source == "https://example.org/original"
    assert post_of(env, "index") is None


@pytest.mark.parametrize(
    ("written", "read"),
    [
        ("2023-1-11", datetime(2023, 1, 11)),
        ("2022-06-17 9:00:00-0400", datetime(2022, 6, 17, 9, tzinfo=timezone(timedelta(hours=-4)))),
        ("2015-10-20 11:59:00 +0100", datetime(2015, 10, 20, 11, 59, tzinfo=timezone(timedelta(hours=1)))),
        ("2024-04-29 23:36:10", datetime(2024, 4, 29, 23, 36, 10)),
        ("2024-2-30", None),
        ("next spring", None),
        (20230405, None),
    ],
)
def test_dates_as_ruby_reads_them(written, read):
    assert parse_date(written) == read


def test_archive_pages_have_jekyll_archives_addresses():
    assert BLOG_INDEX == "blog/index"
    assert archive_docname("year", 2026) == "blog/2026/index"
    assert archive_docname("tag", "Machine Learning") == "blog/tag/machine-learning/index"
    assert archive_docname("category", "sample-posts") == "blog/category/sample-posts/index"
    assert slugify("C++") == "c" and slugify("+++") == "2b-2b-2b"


def test_external_redirect_and_source(blog):
    built, _ = blog
    page = built.page("blog/2020/no-front-date/index.html")
    assert page.select_one('meta[http-equiv="refresh"]')["content"] == "0; url=https://example.org/elsewhere"
    assert page.select_one("p.homepage-post__redirect a")["href"] == "https://example.org/elsewhere"
    assert page.select_one("p.homepage-post__source a")["href"] == "https://example.org/original"
    # A post without a redirect does not move.
    assert built.page("blog/2026/physics-of-ai/index.html").select_one('meta[http-equiv="refresh"]') is None
    # A title made from the front matter; the description as the page's meta description.
    ai = built.page("blog/2026/physics-of-ai/index.html")
    assert ai.select_one('meta[name="description"]')["content"] == "why models learn"
