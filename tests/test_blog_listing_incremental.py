"""The blog kept current without a clean build: a post added, edited or deleted reaches the index, the archives,
the feed, the home page and its neighbours; a build after which nothing changed writes none of them; ``-j 2``
gives the bytes ``-j 1`` gives, and two clean builds the same bytes."""

from __future__ import annotations

import os
from pathlib import Path
from xml.etree import ElementTree

from bs4 import BeautifulSoup

from buildutil import app_warning_lines, build, build_app
from test_blog_listing import ATOM, POSTS, make_blog, neighbour_links, titles

NEW_POST = """---
layout: post
title: A new result
date: 2026-02-01
description: just out
tags: optics
categories: research
---

New.
"""


def blog_files(outdir: Path) -> dict[str, bytes]:
    """What the blog makes and shows: its pages, the feed, the posts and the home page."""
    names = [path for path in (outdir / "blog").rglob("*") if path.is_file()] + [outdir / "index.html"]
    return {str(path.relative_to(outdir)): path.read_bytes() for path in names}


def stamps(outdir: Path) -> dict[str, int]:
    return {name: (outdir / name).stat().st_mtime_ns for name in blog_files(outdir)}


def soup(outdir: Path, name: str) -> BeautifulSoup:
    return BeautifulSoup((outdir / name).read_text(encoding="utf-8"), "html.parser")


def feed_titles(outdir: Path) -> list[str]:
    feed = ElementTree.parse(outdir / "blog/feed.xml").getroot()
    return [entry.findtext(f"{ATOM}title") for entry in feed.findall(f"{ATOM}entry")]


def touch_later(path: Path) -> None:
    # Sphinx sees a change by the file's date: one in the same instant as the last build would go unseen.
    later = path.stat().st_mtime + 5
    os.utime(path, (later, later))


def test_adding_editing_and_deleting_posts_updates_the_blog(tmp_path):
    srcdir = make_blog(tmp_path)
    outdir = Path(build_app(srcdir).outdir)
    before = stamps(outdir)

    # Nothing changed: nothing written.
    app = build_app(srcdir)
    assert app_warning_lines(app) == []
    assert stamps(outdir) == before

    # Added: first on the index and in the feed, in its archives, on the home page, linked from its neighbour.
    new = srcdir / "_posts/2026-02-01-a-new-result.md"
    new.write_text(NEW_POST, encoding="utf-8")
    app = build_app(srcdir)
    assert app_warning_lines(app) == []
    assert titles(soup(outdir, "blog/index.html"), "#posts ul.homepage-blog__list") == ["A new result", "Physics of AI"]
    assert feed_titles(outdir)[0] == "A new result"
    assert titles(soup(outdir, "blog/tag/optics/index.html")) == ["A new result", "First light"]
    assert titles(soup(outdir, "blog/category/research/index.html"))[0] == "A new result"
    home = soup(outdir, "index.html").select("#latest-posts li a")
    assert [link.find(string=True) for link in home] == ["A new result", "Physics of AI", "Scaling laws"]
    assert neighbour_links(soup(outdir, "blog/2026/physics-of-ai/index.html"))[-1] == (
        "next", "A new result", "../a-new-result/index.html",
    )
    # Three pages of two, then a fourth of one.
    assert (outdir / "blog/page/3/index.html").is_file()
    assert titles(soup(outdir, "blog/page/3/index.html")) == ["Grokking, explained", "First light"]

    # Edited: its new title everywhere it is listed and in its neighbours' links.
    new.write_text(NEW_POST.replace("A new result", "A better result"), encoding="utf-8")
    touch_later(new)
    build_app(srcdir)
    assert titles(soup(outdir, "blog/index.html"), "#posts ul.homepage-blog__list")[0] == "A better result"
    assert titles(soup(outdir, "blog/2026/index.html"))[0] == "A better result"
    assert feed_titles(outdir)[0] == "A better result"
    assert neighbour_links(soup(outdir, "blog/2026/physics-of-ai/index.html"))[-1][1] == "A better result"
    assert soup(outdir, "index.html").select_one("#latest-posts li a").find(string=True) == "A better result"

    # Deleted: gone from the lists and the feed; its neighbours link each other again.
    (srcdir / "_posts/2026-01-05-scaling.md").unlink()
    build_app(srcdir)
    assert titles(soup(outdir, "blog/index.html"), "#posts ul.homepage-blog__list") == ["A better result", "Physics of AI"]
    assert "Scaling laws" not in feed_titles(outdir)
    assert "Scaling laws" not in titles(soup(outdir, "blog/tag/physics/index.html"))
    assert neighbour_links(soup(outdir, "blog/2026/physics-of-ai/index.html"))[0][1] == "A post elsewhere"
    assert neighbour_links(soup(outdir, "blog/2025/elsewhere/index.html"))[-1][1] == "Physics of AI"


def test_parallel_and_repeated_clean_builds_give_the_same_bytes(tmp_path):
    srcdir = make_blog(tmp_path)
    serial = build(srcdir, tmp_path / "one")
    again = build(srcdir, tmp_path / "two")
    parallel = build(srcdir, tmp_path / "para", parallel=2)
    assert serial.warnings == parallel.warnings == []
    first = blog_files(serial.outdir)
    assert len(first) > len(POSTS) + 10
    assert blog_files(again.outdir) == first
    assert blog_files(parallel.outdir) == first


def test_an_edit_that_lists_the_same_writes_the_post_and_not_the_lists(tmp_path):
    srcdir = make_blog(tmp_path)
    outdir = Path(build_app(srcdir).outdir)
    before = stamps(outdir)
    post = srcdir / "_posts/2026-01-05-scaling.md"
    post.write_text(post.read_text(encoding="utf-8") + "\nOne more sentence.\n", encoding="utf-8")
    touch_later(post)
    build_app(srcdir)
    after = stamps(outdir)
    written = sorted(name for name in after if after[name] != before.get(name))
    # The post, and the home page, a document whose latest posts are read with it; not the index, the archives,
    # the feed or the neighbours, whose inputs (title, date, description, terms, reading time) are as they were.
    assert written == ["blog/2026/scaling/index.html", "index.html"]
    assert "One more sentence." in (outdir / "blog/2026/scaling/index.html").read_text(encoding="utf-8")
