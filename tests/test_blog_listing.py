"""The blog around the posts: its index (newest first, featured first, paginated), archives per year, tag and
category, the Atom feed, the home page's latest posts, the navbar entry, prev/next links; kept current by
incremental builds, the same with ``-j 2``, byte-identical from build to build."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from xml.etree import ElementTree

import pytest
from bs4 import BeautifulSoup

from buildutil import ROOTS, build, stylesheets

ATOM = "{http://www.w3.org/2005/Atom}"

#: The posts each test writes into its copy of tests/roots/test-blog: file name -> text.
POSTS = {
    "2024-03-01-first-light.md": """---
layout: post
title: First light
date: 2024-03-01
description: the first post
tags: optics
categories: notes
---

One two three four five.
""",
    "2025-07-04-grokking.md": """---
layout: post
title: Grokking, explained
date: 2025-07-04 09:00:00+0200
description: why it happens
tags: [learning, physics]
categories: research
featured: true
---

"""
    + "word " * 400
    + "\n",
    "2025-11-30-elsewhere.md": """---
layout: post
title: A post elsewhere
date: 2025-11-30
description: on another site
redirect: https://blog.example.com/post/
---

Redirected.
""",
    "2026-01-05-scaling.md": """---
layout: post
title: Scaling laws
date: 2026-01-05
tags: physics
categories: research
---

Scaling.
""",
    "2026-01-20-physics-of-ai.md": """---
layout: post
title: Physics of AI
date: 2026-01-20 10:00:00-0500
description: a series
tags: physics ai
categories: research
---

Physics.
""",
}
#: Newest first: docname of each post.
ORDER = [
    "blog/2026/physics-of-ai/index",
    "blog/2026/scaling/index",
    "blog/2025/elsewhere/index",
    "blog/2025/grokking/index",
    "blog/2024/first-light/index",
]
TITLES = {
    "blog/2026/physics-of-ai/index": "Physics of AI",
    "blog/2026/scaling/index": "Scaling laws",
    "blog/2025/elsewhere/index": "A post elsewhere",
    "blog/2025/grokking/index": "Grokking, explained",
    "blog/2024/first-light/index": "First light",
}


def make_blog(destination: Path, posts: dict[str, str] | None = None) -> Path:
    """A copy of tests/roots/test-blog with ``posts`` (all of :data:`POSTS` by default) in its ``_posts/``."""
    srcdir = destination / "src"
    shutil.copytree(ROOTS / "test-blog", srcdir)
    folder = srcdir / "_posts"
    folder.mkdir()
    for name, text in (POSTS if posts is None else posts).items():
        (folder / name).write_text(text, encoding="utf-8")
    return srcdir


@pytest.fixture(scope="module")
def blog(tmp_path_factory):
    srcdir = make_blog(tmp_path_factory.mktemp("blog"))
    return build(srcdir, srcdir.parent / "out")


def page(built, name: str) -> BeautifulSoup:
    return built.page(name)


def titles(soup, selector: str = "ul.homepage-blog__list") -> list[str]:
    found = soup.select_one(selector)
    assert found is not None, f"no {selector} on the page"
    # The link's own text, without what only a screen reader hears.
    return [item.select_one(".homepage-blog__title a").find(string=True) for item in found.select("li.homepage-blog__post")]


def test_builds_without_warnings(blog):
    assert blog.warnings == []


def test_index_newest_first_featured_above_paginated(blog):
    first = page(blog, "blog/index.html")
    assert first.find("h1").get_text(strip=True).rstrip("#") == "blog"
    # The featured post in its own block above the list, which lists every post newest first.
    assert titles(first, "#featured ul.homepage-blog__list") == ["Grokking, explained"]
    assert titles(first, "#posts ul.homepage-blog__list") == ["Physics of AI", "Scaling laws"]
    second, third = page(blog, "blog/page/2/index.html"), page(blog, "blog/page/3/index.html")
    assert second.select("#featured") == []
    assert titles(second) == ["A post elsewhere", "Grokking, explained"]
    assert titles(third) == ["First light"]
    assert not (blog.outdir / "blog/page/4/index.html").exists()
    assert not (blog.outdir / "blog/page/1/index.html").exists()


def test_pagination_is_a_named_nav_marking_the_current_page(blog):
    second = page(blog, "blog/page/2/index.html")
    nav = second.select_one("nav.homepage-blog__pages")
    assert nav["aria-label"] == "Blog pages"
    items = nav.select("li")
    assert [item.get_text(strip=True) for item in items] == ["1", "2", "3"]
    assert items[1].find("span")["aria-current"] == "page" and items[1].find("a") is None
    assert [(a["href"], a["aria-label"]) for a in nav.select("a")] == [
        ("../../index.html", "Page 1"),
        ("../3/index.html", "Page 3"),
    ]


def test_each_item_title_description_date_reading_time_terms(blog):
    first = page(blog, "blog/index.html")
    item = first.select_one("#featured li.homepage-blog__post")
    link = item.select_one(".homepage-blog__title a")
    assert link["href"] == "2025/grokking/index.html"
    assert item.select_one(".homepage-blog__description").get_text() == "why it happens"
    time = item.select_one("time")
    assert (time.get_text(), time["datetime"]) == ("July 04, 2025", "2025-07-04T09:00:00+02:00")
    # 400 words at 180 a minute, rounded up.
    assert item.select_one(".homepage-blog__reading-time").get_text() == "3 min read"
    terms = [(a.get_text(), a["href"]) for a in item.select(".homepage-blog__terms a")]
    assert terms == [
        ("research", "category/research/index.html"),
        ("#learning", "tag/learning/index.html"),
        ("#physics", "tag/physics/index.html"),
    ]
    # A post without a description shows none; a date without a zone is taken as UTC.
    scaling = first.select("#posts li.homepage-blog__post")[1]
    assert scaling.select(".homepage-blog__description") == []
    assert scaling.find("time")["datetime"] == "2026-01-05T00:00:00Z"


def test_a_redirected_post_links_where_it_went_marked_external(blog):
    second = page(blog, "blog/page/2/index.html")
    link = second.select("li.homepage-blog__post")[0].select_one(".homepage-blog__title a")
    assert link["href"] == "https://blog.example.com/post/"
    assert "external" in link["class"]
    assert link.select_one(".visually-hidden").get_text() == " (external link)"


def test_index_links_its_feed_in_head_and_body(blog):
    for name, href in (("blog/index.html", "feed.xml"), ("blog/page/2/index.html", "../../feed.xml")):
        soup = page(blog, name)
        link = soup.find("link", rel="alternate", type="application/atom+xml")
        assert (link["href"], link["title"]) == (href, "Blog")
        assert soup.select_one(".homepage-blog__feed a")["href"] == href
        assert "blog.css" in stylesheets(blog.outdir, name)


def test_feed_is_atom_of_the_posts_newest_first(blog):
    feed = ElementTree.parse(blog.outdir / "blog/feed.xml").getroot()
    assert feed.tag == f"{ATOM}feed"
    assert feed.get("{http://www.w3.org/XML/1998/namespace}base") == "https://ada.example.org/blog/"
    assert feed.findtext(f"{ATOM}title") == "Ada Lovelace: blog"
    assert feed.findtext(f"{ATOM}id") == "https://ada.example.org/blog/"
    assert feed.findtext(f"{ATOM}updated") == "2026-01-20T10:00:00-05:00"
    assert feed.findtext(f"{ATOM}author/{ATOM}name") == "Ada Lovelace"
    links = {link.get("rel"): link.get("href") for link in feed.findall(f"{ATOM}link")}
    assert links == {"self": "feed.xml", "alternate": "index.html"}
    entries = feed.findall(f"{ATOM}entry")
    assert [entry.findtext(f"{ATOM}title") for entry in entries] == [TITLES[docname] for docname in ORDER]
    grokking = entries[3]
    assert grokking.findtext(f"{ATOM}id") == "https://ada.example.org/blog/2025/grokking/index.html"
    assert grokking.find(f"{ATOM}link").get("href") == "2025/grokking/index.html"
    assert grokking.findtext(f"{ATOM}published") == grokking.findtext(f"{ATOM}updated") == "2025-07-04T09:00:00+02:00"
    assert grokking.findtext(f"{ATOM}summary") == "why it happens"
    assert [c.get("term") for c in grokking.findall(f"{ATOM}category")] == ["research", "learning", "physics"]
    # Every entry has what Atom requires.
    assert all(entry.findtext(f"{ATOM}{tag}") for entry in entries for tag in ("id", "title", "updated"))


def test_posts_link_the_feed_from_their_head(blog):
    link = page(blog, "blog/2026/scaling/index.html").find("link", type="application/atom+xml")
    assert (link["href"], link["title"]) == ("../../feed.xml", "Blog")


@pytest.mark.parametrize(
    ("name", "heading", "listed"),
    [
        ("blog/2026/index.html", "2026", ["Physics of AI", "Scaling laws"]),
        ("blog/2025/index.html", "2025", ["A post elsewhere", "Grokking, explained"]),
        ("blog/tag/physics/index.html", "physics", ["Physics of AI", "Scaling laws", "Grokking, explained"]),
        ("blog/tag/optics/index.html", "optics", ["First light"]),
        ("blog/category/research/index.html", "research", ["Physics of AI", "Scaling laws", "Grokking, explained"]),
        ("blog/category/notes/index.html", "notes", ["First light"]),
    ],
)
def test_archives_per_year_tag_and_category(blog, name, heading, listed):
    soup = page(blog, name)
    assert soup.find("h1").find(string=True) == heading
    assert titles(soup) == listed
    assert soup.find("link", type="application/atom+xml")["title"] == "Blog"


def test_an_archive_for_each_name_and_no_other(blog):
    made = sorted(str(path.relative_to(blog.outdir)) for path in (blog.outdir / "blog").glob("*/index.html"))
    assert made == ["blog/2024/index.html", "blog/2025/index.html", "blog/2026/index.html"]
    assert sorted(path.parent.name for path in (blog.outdir / "blog/tag").glob("*/index.html")) == [
        "ai", "learning", "optics", "physics",
    ]
    assert sorted(path.parent.name for path in (blog.outdir / "blog/category").glob("*/index.html")) == ["notes", "research"]
    # Links from a list reach them: a category's link on a tag's page.
    category = page(blog, "blog/tag/optics/index.html").select_one(".homepage-blog__terms a.homepage-blog__category")
    assert category["href"] == "../../category/notes/index.html"


def test_latest_posts_on_the_home_page(blog):
    home = page(blog, "index.html")
    section = home.find("section", id="latest-posts")
    # After the bio, in the page's section, under a heading linking to the blog.
    assert section.find_previous("p").get_text() == "A short bio."
    heading = section.find("h2").find("a")
    assert (heading.get_text(), heading["href"]) == ("latest posts", "blog/index.html")
    rows = section.select("li.homepage-blog__post")
    assert [(row.find("time").get_text(), row.find("a").find(string=True)) for row in rows] == [
        ("January 20, 2026", "Physics of AI"),
        ("January 05, 2026", "Scaling laws"),
        ("November 30, 2025", "A post elsewhere"),
    ]
    assert rows[0].find("a")["href"] == "blog/2026/physics-of-ai/index.html"
    # Three rows do not scroll; the page gets the lists' stylesheet.
    box = section.select_one("div.homepage-blog__latest")
    assert "homepage-blog__latest--scrollable" not in box["class"] and not box.has_attr("tabindex")
    assert "blog.css" in stylesheets(blog.outdir, "index.html")


def navbar(soup) -> list[tuple[str, str]]:
    return [(a.get_text(strip=True), a["href"]) for a in soup.select(".bd-header .navbar-nav a.nav-link")]


def test_navbar_has_blog_after_the_sites_pages(blog):
    talks = page(blog, "talks.html")
    assert navbar(talks) == [("about", "index.html"), ("Talks", "#"), ("blog", "blog/index.html")]
    # A page without a list of posts does not load their stylesheet.
    assert "blog.css" not in stylesheets(blog.outdir, "talks.html")
    links = page(blog, "blog/page/2/index.html").select(".bd-header .navbar-nav a.nav-link")
    assert links[2]["href"] == "../../index.html"
    assert page(blog, "blog/index.html").select(".bd-header .navbar-nav a.nav-link")[2]["aria-current"] == "page"


def test_without_posts_no_blog_and_no_section(tmp_path):
    srcdir = make_blog(tmp_path, posts={})
    built = build(srcdir, tmp_path / "out")
    assert built.warnings == []
    home = built.page("index.html")
    assert home.find(id="latest-posts") is None
    assert navbar(home) == [("about", "#"), ("Talks", "talks.html")]
    assert not (built.outdir / "blog").exists()


def test_navbar_puts_blog_where_the_setting_lists_it(tmp_path):
    srcdir = make_blog(tmp_path, posts=dict(list(POSTS.items())[:1]))
    built = build(srcdir, tmp_path / "out", confoverrides={"homepage_navigation": ["index", "Writing <blog/index>", "talks"]})
    assert built.warnings == []
    assert navbar(built.page("talks.html")) == [("about", "index.html"), ("Writing", "blog/index.html"), ("Talks", "#")]


def neighbour_links(soup) -> list[tuple[str, str, str]]:
    nav = soup.select_one("nav.homepage-blog__neighbours")
    if nav is None:
        return []
    assert nav["aria-label"] == "Posts"
    return [(p["class"][0].removeprefix("homepage-blog__"), p.find("a").get_text(), p.find("a")["href"]) for p in nav.find_all("p")]


def test_previous_is_older_next_is_newer(blog):
    assert neighbour_links(page(blog, "blog/2026/scaling/index.html")) == [
        ("previous", "A post elsewhere", "../../2025/elsewhere/index.html"),
        ("next", "Physics of AI", "../physics-of-ai/index.html"),
    ]
    assert [rel for rel, _, _ in neighbour_links(page(blog, "blog/2026/physics-of-ai/index.html"))] == ["previous"]
    assert [rel for rel, _, _ in neighbour_links(page(blog, "blog/2024/first-light/index.html"))] == ["next"]


def test_posts_are_articles_to_search_engines_and_previews(blog):
    soup = page(blog, "blog/2025/grokking/index.html")
    assert soup.find("meta", property="og:type")["content"] == "article"
    assert soup.find("meta", property="article:published_time")["content"] == "2025-07-04T09:00:00+02:00"
    assert [tag["content"] for tag in soup.find_all("meta", property="article:tag")] == ["learning", "physics"]
    data = [json.loads(script.string) for script in soup.find_all("script", type="application/ld+json")]
    posting = next(item for item in data if item.get("@type") == "BlogPosting")
    assert posting == {
        "@context": "https://schema.org",
        "@type": "BlogPosting",
        "headline": "Grokking, explained",
        "datePublished": "2025-07-04T09:00:00+02:00",
        "dateModified": "2025-07-04T09:00:00+02:00",
        "author": {"@type": "Person", "name": "Ada Lovelace", "url": "https://ada.example.org/"},
        "url": "https://ada.example.org/blog/2025/grokking/index.html",
        "mainEntityOfPage": "https://ada.example.org/blog/2025/grokking/index.html",
        "description": "why it happens",
        "keywords": ["research", "learning", "physics"],
    }
    # The blog's pages are not articles.
    assert page(blog, "blog/index.html").find("meta", property="og:type", content="article") is None


def test_sitemap_lists_posts_and_blog_pages(blog):
    sitemap = ElementTree.parse(blog.outdir / "sitemap.xml").getroot()
    addresses = {loc.text for loc in sitemap.iter("{http://www.sitemaps.org/schemas/sitemap/0.9}loc")}
    expected = {
        "https://ada.example.org/blog/2025/grokking/index.html",
        "https://ada.example.org/blog/index.html",
        "https://ada.example.org/blog/page/2/index.html",
        "https://ada.example.org/blog/tag/physics/index.html",
        "https://ada.example.org/blog/2026/index.html",
    }
    assert expected <= addresses


def test_a_bad_latest_posts_limit_warns_once_and_shows_three(tmp_path):
    srcdir = make_blog(tmp_path)
    home = srcdir / "index.md"
    home.write_text(home.read_text(encoding="utf-8").replace("limit: 3", "limit: many"), encoding="utf-8")
    built = build(srcdir, tmp_path / "out")
    assert built.warnings == [
        "index.md:7: WARNING: latest_posts.limit should be a positive number, not 'many'; showing 3 [homepage.post]"
    ]
    assert len(built.page("index.html").select("#latest-posts li")) == 3


def test_latest_posts_true_and_a_long_list_scrolls(tmp_path):
    srcdir = make_blog(tmp_path)
    home = srcdir / "index.md"
    text = home.read_text(encoding="utf-8")
    home.write_text(text.replace("limit: 3", "limit: 5"), encoding="utf-8")
    (srcdir / "talks.md").write_text("---\nlatest_posts: true\n---\n# Talks\n\nSlides.\n", encoding="utf-8")
    built = build(srcdir, tmp_path / "out")
    assert built.warnings == []
    box = built.page("index.html").select_one("#latest-posts div.homepage-blog__latest")
    assert len(box.select("li")) == 5
    assert "homepage-blog__latest--scrollable" in box["class"]
    assert (box["tabindex"], box["role"], box["aria-label"]) == ("0", "region", "Latest posts")
    # true: al-folio's three, not scrolling.
    talks = built.page("talks.html").select_one("#latest-posts div.homepage-blog__latest")
    assert len(talks.select("li")) == 3 and not talks.has_attr("tabindex")


def test_the_index_links_every_archive(blog):
    nav = page(blog, "blog/index.html").select_one("nav.homepage-blog__archives")
    assert nav["aria-label"] == "Archives"
    rows = {
        row["class"][0].removeprefix("homepage-blog__archives-"): [(a.get_text(), a["href"]) for a in row.find_all("a")]
        for row in nav.find_all("p")
    }
    assert rows == {
        "year": [("2026", "2026/index.html"), ("2025", "2025/index.html"), ("2024", "2024/index.html")],
        "category": [("notes", "category/notes/index.html"), ("research", "category/research/index.html")],
        "tag": [
            ("#ai", "tag/ai/index.html"),
            ("#learning", "tag/learning/index.html"),
            ("#optics", "tag/optics/index.html"),
            ("#physics", "tag/physics/index.html"),
        ],
    }
    assert page(blog, "blog/page/2/index.html").select("nav.homepage-blog__archives") == []


def test_without_posts_a_listed_blog_index_is_left_out_quietly(tmp_path):
    srcdir = make_blog(tmp_path, posts={})
    built = build(srcdir, tmp_path / "out", confoverrides={"homepage_navigation": ["index", "blog/index", "talks"]})
    assert built.warnings == []
    assert navbar(built.page("index.html")) == [("about", "#"), ("Talks", "talks.html")]


HOSTILE = """---
layout: post
title: "Tricky </script><b>bold</b> \\x01 title"
date: 2025-01-01
description: "<img src=x onerror=alert(1)>"
tags: ["<img src=x>", "C++", "c"]
categories: "../../etc"
---

Body.
"""


def test_hostile_names_are_text_and_archive_paths_stay_inside(tmp_path):
    srcdir = make_blog(tmp_path, posts={"2025-01-01-tricky.md": HOSTILE})
    built = build(srcdir, tmp_path / "out")
    index = built.page("blog/index.html")
    item = index.select_one("li.homepage-blog__post")
    assert item.find("b") is None and item.find("img") is None
    assert item.select_one(".homepage-blog__description").get_text() == "<img src=x onerror=alert(1)>"
    archives = sorted(str(path.relative_to(built.outdir)) for path in built.outdir.glob("blog/[a-z]*/*/index.html"))
    assert archives == [
        "blog/category/etc/index.html",
        "blog/tag/c/index.html",
        "blog/tag/img-src-x/index.html",
    ]
    # "C++" and "c" have one address: one page, named as first written.
    assert titles(built.page("blog/tag/c/index.html")) == [item.select_one(".homepage-blog__title a").find(string=True)]
    feed = ElementTree.parse(built.outdir / "blog/feed.xml").getroot()
    assert "\x01" not in feed.findtext(f"{ATOM}entry/{ATOM}title")
    assert [c.get("term") for c in feed.findall(f"{ATOM}entry/{ATOM}category")] == ["../../etc", "<img src=x>", "C++", "c"]


def test_other_builders_write_posts_as_text(tmp_path):
    """The blog's nodes are drawn by HTML only: the text builder writes their words instead of stopping."""
    srcdir = make_blog(tmp_path)
    built = build(srcdir, tmp_path / "out", buildername="text")
    assert built.warnings == []
    post = (built.outdir / "blog/2025/grokking/index.txt").read_text(encoding="utf-8")
    assert "Grokking, explained" in post
    assert "July 04, 2025" in post and "min read" in post
