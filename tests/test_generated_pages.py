"""Pages the build makes itself (paper pages, the news page): written again only when something they show changed."""

from __future__ import annotations

import pickle
import shutil
from pathlib import Path

from buildutil import ROOTS, app_page, build_app, copy_root

#: Generated pages of the scenario: a paper's page and the news page.
GENERATED = ("papers/index-2.html", "news/index.html")


def _files(outdir: Path) -> dict[str, tuple[int, bytes]]:
    return {name: ((outdir / name).stat().st_mtime_ns, (outdir / name).read_bytes()) for name in GENERATED}


def test_a_build_after_which_nothing_changed_leaves_them_alone(tmp_path):
    srcdir = copy_root("paper-pages", tmp_path)
    shutil.copytree(ROOTS / "test-news" / "news", srcdir / "news")
    outdir = Path(build_app(srcdir).outdir)
    first = _files(outdir)

    build_app(srcdir)
    assert _files(outdir) == first  # same bytes, same date: not written again

    # Their bytes are a clean build's.
    build_app(srcdir, freshenv=True)
    clean = _files(outdir)
    assert {name: data for name, (_, data) in clean.items()} == {name: data for name, (_, data) in first.items()}
    assert all(clean[name][0] != first[name][0] for name in GENERATED)  # a clean build writes them

    # A paper whose entry changed gets its page again, with the change.
    bib = srcdir / "refs.bib"
    bib.write_text(bib.read_text(encoding="utf-8").replace("A Key Named Index", "A Key Renamed"), encoding="utf-8")
    app = build_app(srcdir)
    assert app_page(app, "papers/index-2").find("h1").contents[0] == "A Key Renamed"


def test_a_deleted_page_is_written_again(tmp_path):
    srcdir = copy_root("paper-pages", tmp_path)
    outdir = Path(build_app(srcdir).outdir)
    (outdir / GENERATED[0]).unlink()
    build_app(srcdir)
    assert (outdir / GENERATED[0]).is_file()


def test_new_digests_are_kept_though_no_document_was_read(tmp_path):
    # A digest that changed with no document read (a page's inputs changed outside the sources, or how they are
    # digested did): the page is written once, and the next build, finding the new digest kept, leaves it alone.
    srcdir = copy_root("paper-pages", tmp_path)
    outdir = Path(build_app(srcdir).outdir)
    pickled = Path(outdir).parent / "doctrees" / "environment.pickle"
    env = pickle.loads(pickled.read_bytes())
    env.homepage_generated_page_inputs[GENERATED[0].removesuffix(".html")] = "stale"
    pickled.write_bytes(pickle.dumps(env, pickle.HIGHEST_PROTOCOL))
    before = (outdir / GENERATED[0]).stat().st_mtime_ns

    build_app(srcdir)
    written = (outdir / GENERATED[0]).stat().st_mtime_ns
    assert written != before

    build_app(srcdir)
    assert (outdir / GENERATED[0]).stat().st_mtime_ns == written


def _kept_inputs(outdir: Path) -> dict[str, str]:
    env = pickle.loads((outdir.parent / "doctrees" / "environment.pickle").read_bytes())
    return env.homepage_generated_page_inputs


def test_the_inputs_of_a_page_no_longer_made_are_forgotten(tmp_path):
    srcdir = copy_root("paper-pages", tmp_path)
    outdir = Path(build_app(srcdir).outdir)
    first = _kept_inputs(outdir)
    assert "papers/index-2" in first

    # An entry gone from the .bib: its page's digest goes with it, the others stay as they were.
    bib = srcdir / "refs.bib"
    text = bib.read_text(encoding="utf-8")
    start = text.index("@misc{index,")
    bib.write_text(text[:start] + text[text.index("@misc{taken,"):], encoding="utf-8")
    build_app(srcdir)
    kept = _kept_inputs(outdir)
    assert set(kept) == set(first) - {"papers/index-2"}
    assert all(kept[name] == first[name] for name in kept)

    # One left from an older build in which no document is read: dropped, and the environment saved with that.
    pickled = outdir.parent / "doctrees" / "environment.pickle"
    env = pickle.loads(pickled.read_bytes())
    env.homepage_generated_page_inputs["papers/gone"] = "stale"
    pickled.write_bytes(pickle.dumps(env, pickle.HIGHEST_PROTOCOL))
    build_app(srcdir)
    assert _kept_inputs(outdir) == kept
