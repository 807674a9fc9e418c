"""Posts in incremental and parallel builds: a post added, edited (to another year: another address) or deleted
updates the records without a clean build; ``-j 2`` reads the same records and writes the same pages as ``-j 1``."""

from __future__ import annotations

import shutil
from pathlib import Path

from blogutil import media_stand_in
from buildutil import ROOTS, build
from sphinx_academic_homepage.blog import discovery
from sphinx_academic_homepage.blog.posts import posts


def _build_keeping_env(srcdir: Path, outdir: Path, **options):
    kept = {"merges": 0}

    def keep(app):
        app.connect("build-finished", lambda app, error: kept.update(env=app.env))
        app.connect("env-merge-info", lambda *args: kept.update(merges=kept["merges"] + 1))

    result = build(srcdir, outdir, setup=keep, **options)
    result.merges = kept["merges"]
    return result, kept["env"]


def test_adding_editing_and_deleting_posts(tmp_path):
    srcdir = tmp_path / "src"
    shutil.copytree(ROOTS / "test-posts", srcdir)
    _, env = _build_keeping_env(srcdir, tmp_path / "out")
    before = [post.docname for post in posts(env)]
    assert "blog/2023/unpadded/index" in before

    (srcdir / "_posts" / "2024-03-03-new.md").write_text("---\ntitle: A new post\n---\n\nNew words.\n", encoding="utf-8")
    edited = srcdir / "_posts" / "2023-1-11-unpadded.md"
    edited.write_text(edited.read_text(encoding="utf-8").replace("date: 2023-1-11", "date: 2025-1-11"), encoding="utf-8")
    (srcdir / "_posts" / "2022-06-17-one-digit-hour.md").unlink()
    result, env = _build_keeping_env(srcdir, tmp_path / "out", freshenv=False)

    after = [post.docname for post in posts(env)]
    assert after == [
        "blog/2026/physics-of-ai/index",
        "blog/2025/unpadded/index",
        "blog/2024/new/index",
        "blog/2022/new-year/index",
        "blog/2020/no-front-date/index",
        "blog/2018/bad-date/index",
    ]
    assert (result.outdir / "blog/2024/new/index.html").is_file()
    assert (result.outdir / "blog/2025/unpadded/index.html").is_file()
    # Only what changed was read again: the new post and the edited one.
    assert "2 added, 0 changed, 2 removed" in result.status


def test_two_processes_read_and_write_what_one_does(tmp_path):
    pages, records = {}, {}
    with media_stand_in():
        for jobs in (1, 2):
            srcdir = tmp_path / f"src{jobs}"
            shutil.copytree(ROOTS / "test-posts-syntax", srcdir)
            # Sphinx reads in parallel from six documents on.
            for post in (ROOTS / "test-posts" / "_posts").glob("20*.md"):
                shutil.copy(post, srcdir / "_posts")
            result, env = _build_keeping_env(srcdir, tmp_path / f"out{jobs}", parallel=jobs)
            # Two workers' records were merged back, or none.
            assert (result.merges > 0) == (jobs == 2)
            records[jobs] = [(post.docname, post.title, post.words, post.has_math, post.date) for post in posts(env)]
            pages[jobs] = {
                str(path.relative_to(result.outdir)): path.read_bytes()
                for path in sorted(result.outdir.glob("blog/**/*.html"))
            }
    assert records[1] == records[2] and len(records[1]) == 9
    assert pages[1] == pages[2]


def test_a_post_linking_another_follows_it_to_its_new_address(tmp_path):
    srcdir = tmp_path / "src"
    shutil.copytree(ROOTS / "test-posts-syntax", srcdir)
    with media_stand_in():
        build(srcdir, tmp_path / "out")
        math = srcdir / "_posts" / "2015-10-20-math.md"
        math.write_text(math.read_text(encoding="utf-8").replace("date: 2015-10-20", "date: 2017-10-20"), encoding="utf-8")
        result = build(srcdir, tmp_path / "out", freshenv=False)
    links = {a.get_text(): a["href"] for a in result.page("blog/2016/links/index.html").select("section.homepage-post a")}
    assert links["math"] == links["math in HTML"] == "../../2017/math/index.html"


def test_posts_are_named_again_only_from_changed_files(tmp_path, monkeypatch):
    srcdir = tmp_path / "src"
    shutil.copytree(ROOTS / "test-posts", srcdir)
    _build_keeping_env(srcdir, tmp_path / "out")
    read: list[str] = []
    front_matter_values = discovery._front_matter_values
    monkeypatch.setattr(discovery, "_front_matter_values", lambda path: read.append(path.name) or front_matter_values(path))

    _build_keeping_env(srcdir, tmp_path / "out", freshenv=False)
    assert read == []  # nothing changed: every post named from what the last build read

    edited = srcdir / "_posts" / "2023-1-11-unpadded.md"
    edited.write_text(edited.read_text(encoding="utf-8").replace("date: 2023-1-11", "date: 2025-1-11"), encoding="utf-8")
    _, env = _build_keeping_env(srcdir, tmp_path / "out", freshenv=False)
    assert read == ["2023-1-11-unpadded.md"]
    assert "blog/2025/unpadded/index" in [post.docname for post in posts(env)]
