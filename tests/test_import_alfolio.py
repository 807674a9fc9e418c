"""``import_alfolio``: real al-folio sites (``../shared/corpus``, read in place) and a small full one, imported
into a new folder and built.

Each corpus site with an about page and a bibliography is put together in a temporary SRC as its checkout
has it (``_pages/about.md``, ``_bibliography/papers.bib``...; the flattened names map back, ``__`` is ``/``),
with stand-ins for the files the corpus does not hold (the photo, the PDFs the .bib links), imported into a
temporary DEST and built (with no paper pages and untrimmed stylesheets but for the demo: they are most of a
build's time and are tested elsewhere). The conf.py around the content is the frame writer's (``frame.conf_py``) with the settings the import returns. Every import is built once per module.
"""

from __future__ import annotations

import filecmp
import re
import shutil
from pathlib import Path

import pytest
from PIL import Image

from buildutil import build, run_site_tests, titled_keys
from conftest import SHARED, needs_shared
from sphinx_academic_homepage.sitemaker.alfolio import NotAnAlfolioSite, import_alfolio
from sphinx_academic_homepage.sitemaker import __main__ as command
from sphinx_academic_homepage.sitemaker.bibfix import fix_bibliography
from sphinx_academic_homepage.sitemaker.frame import DestinationNotEmpty, conf_py
from sphinx_academic_homepage.sitemaker.liquid import clean_liquid

CORPUS = SHARED / "corpus"
DEMO = "alshedivat__al-folio"
SITES = sorted(path.parent.name for path in CORPUS.glob("*/_pages__about.md") if (path.parent / "_bibliography__papers.bib").is_file())
pytestmark = needs_shared("corpus", "real al-folio sites")

#: Stand-ins for a post and a project an about page links that the corpus does not hold.
_STAND_IN_POST = "---\nlayout: post\ntitle: {name}\ndate: 2020-01-01\n---\n\nA post the corpus does not hold.\n"
_STAND_IN_PROJECT = "---\nlayout: page\ntitle: {name}\ndescription: A project the corpus does not hold.\n---\n\nIts page.\n"


def _write_files(root: Path, files: dict[str, str]) -> Path:
    """``files`` (path in ``root`` -> text) written under ``root``, folders made as needed."""
    for name, text in files.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(text, encoding="utf-8")
    return root


def _checkout(site: str, src: Path) -> Path:
    """The corpus files of ``site`` where its checkout has them, and stand-ins for the files they name."""
    for path in sorted((CORPUS / site).iterdir()):
        target = src / path.name.replace("__", "/")
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(path, target)
    if site == DEMO:  # the demo's _config.yml, as far as the import reads it: served under /al-folio/
        (src / "_config.yml").write_text("url: https://alshedivat.github.io\nbaseurl: /al-folio\n", encoding="utf-8")
    if not (src / "_data/socials.yml").exists() and not (src / "_config.yml").exists():
        # Profiles are in one of the two in every checkout (al-folio's template ships both); the corpus keeps the demo's.
        (src / "_data").mkdir(exist_ok=True)
        shutil.copyfile(CORPUS / DEMO / "_data__socials.yml", src / "_data/socials.yml")
    texts = "\n".join(path.read_text(encoding="utf-8", errors="replace") for path in src.rglob("*.md"))
    bib = (src / "_bibliography/papers.bib").read_text(encoding="utf-8", errors="replace")
    named = [
        *(f"assets/img/{photo}" for photo in re.findall(r"^\s+image:\s*['\"]?([\w.-]+\.(?:jpe?g|png))", texts, re.M)),
        *re.findall(r'path="(assets/[^"]+)"', texts),
        *re.findall(r"\(/(assets/pdf/[^)\s]+\.pdf)\)", texts),
        *(f"assets/pdf/{name}" for name in re.findall(
            r"\b(?:pdf|poster|slides|supp|html)\s*=\s*[{\"]([^}\":]+\.(?:pdf|html))[}\"]", bib, re.I
        )),
    ]
    for year, slug in re.findall(r"\]\(/blog/(\d{4})/([\w-]+)/?\)", texts):
        named.append(f"_posts/{year}-01-01-{slug}.md")
    for name in re.findall(r"\]\(/projects/([\w-]+)/?\)", texts):
        named.append(f"_projects/{name}.md")
    if re.search(r"\]\(/repositories/?\)", texts):
        (src / "_data").mkdir(exist_ok=True)
        (src / "_data/repositories.yml").write_text("github_users:\n  - octocat\n", encoding="utf-8")
    for name in named:
        (src / name).parent.mkdir(parents=True, exist_ok=True)
        if name.endswith(".md"):
            stand_in = _STAND_IN_PROJECT if name.startswith("_projects/") else _STAND_IN_POST
            (src / name).write_text(stand_in.format(name=Path(name).stem), encoding="utf-8")
            continue
        if name.endswith((".jpg", ".jpeg", ".png")):
            Image.new("RGB", (60, 40), "seagreen").save(src / name)
        else:
            (src / name).write_bytes(b"%PDF-1.4\n" if name.endswith(".pdf") else b"\x00\x00\x00\x18ftypmp42")
    return src


def _imported(tmp: Path, src: Path, whole: bool = True):
    # The frame's conf.py alone: its other files (the vendored wheel, the workflows) are tested in test_new_site.py.
    report = import_alfolio(src, tmp / "dest", frame=False)
    (report.dest / "conf.py").write_text(conf_py(report.site), encoding="utf-8")
    # A page per paper (99 papers: 99 pages) and trimming the stylesheets are most of a corpus build's time, and
    # are tested elsewhere; the demo's build keeps both.
    overrides = {} if whole else {"homepage_paper_pages": None, "homepage_trim_css": False}
    return report, build(report.dest, tmp / "out", confoverrides=overrides)


@pytest.fixture(scope="module")
def corpus_sites(tmp_path_factory):
    built = {}
    for site in SITES:
        tmp = tmp_path_factory.mktemp(site.split("__")[0])
        built[site] = _imported(tmp, _checkout(site, tmp / "src"), whole=site == DEMO)
    return built


def test_every_corpus_site_is_found():
    assert DEMO in SITES and len(SITES) >= 10


def test_every_entry_pybtex_reads_is_on_the_papers_page(corpus_sites):
    for site, (report, result) in corpus_sites.items():
        listed = {item["id"] for item in result.page("papers/index.html").select("li.homepage-pub")}
        assert titled_keys([report.dest / "papers/papers.bib"]) <= listed, site
        assert result.page("papers/index.html").select_one("h1")


def test_pages_news_and_posts_are_all_there(corpus_sites):
    for site, (report, result) in corpus_sites.items():
        assert report.counts["pages"] == len(list((CORPUS / site).glob("_pages__*.md"))), site
        assert report.counts["news"] == len(list((CORPUS / site).glob("_news__*.md"))), site
        # The posts of the checkout: the corpus's, and the stand-ins for those its about page links.
        assert report.counts["posts"] == len(list((report.dest.parent / "src/_posts").glob("*.md"))), site
        assert (result.outdir / "index.html").is_file()
    demo = corpus_sites[DEMO][1]
    assert len(list(demo.outdir.glob("blog/[0-9]*/*/index.html"))) == 30
    assert len(demo.page("news/index.html").select(".homepage-news-item, li")) >= 3


def test_no_warning_comes_from_the_import(corpus_sites):
    """What still warns is the sites' own content, at its line (a typo, an entry's data), never a file the
    import made (MIGRATION.md, conf.py) nor an unlocated one."""
    located = re.compile(r"^(index\.md|papers/papers\.bib|news/[\w.-]+|_posts/[\w.-]+):\d+: WARNING: .* \[[\w.]+\]$")
    for site, (_, result) in corpus_sites.items():
        assert "Traceback" not in result.status, site
        for line in result.warnings:
            assert located.match(line), (site, line)


#: What al-folio showed without a word and the new site shows the same way, named in MIGRATION.md as worth a look.
WORTH_A_LOOK = {
    "KindXiaoming__KindXiaoming.github.io": [
        "`papers/papers.bib:121`: wang2023yuanqi: no author; shown without, as al-folio shows it",
    ],
    "yukimasano__yukimasano.github.io": [
        "`papers/papers.bib:43`: simion2026_3dpov: no year; shown without, as al-folio shows it",
    ],
}


def test_every_site_builds_strictly_and_migration_names_what_is_worth_a_look(corpus_sites):
    for site, (report, result) in corpus_sites.items():
        assert result.warnings == [], site
        migration = (report.dest / "MIGRATION.md").read_text(encoding="utf-8")
        assert "- to fix: " not in migration, site
        looks = [line.removeprefix("- worth a look: ") for line in migration.splitlines() if line.startswith("- worth a look: ")]
        assert looks == WORTH_A_LOOK.get(site, []), site
    # Both are on the papers page all the same: the review without an author line, the paper without a year, last.
    kind = corpus_sites["KindXiaoming__KindXiaoming.github.io"][1].page("papers/index.html")
    assert kind.select_one('li.homepage-pub[id="wang2023yuanqi"]').select(".homepage-pub__authors") == []
    yuki = corpus_sites["yukimasano__yukimasano.github.io"][1].page("papers/index.html")
    assert [item["id"] for item in yuki.select("ul.homepage-pubs")[-1].select("li.homepage-pub")] == ["simion2026_3dpov"]
    assert yuki.select("h2.homepage-pubs__heading")[-1].get_text(strip=True).startswith("Undated")


def test_what_al_folio_read_one_way_is_changed_and_named(corpus_sites):
    """A bare ``true`` is ``{true}``, a field given twice with one value is given once, a profile key one letter
    from al-folio's is that key: each a "changed" note of MIGRATION.md with its line."""
    notes = {
        "cbueth__cbueth.github.io": [
            "- changed: line 46: `bibtex_show = true` as `{true}`: jekyll-scholar reads the word, BibTeX an undefined `@string`",
            "- changed: line 47: `selected = true` as `{true}`",
        ],
        "ellisbrown__ellisbrown.github.io": [
            "- changed: line 206: `year` given twice with the same value: once",
            *(f"- changed: line {line}: `author`: a comma after a given name before `and` taken out" for line in (147, 224, 240, 254)),
        ],
        "astanziola__astanziola.github.io": [
            "- changed: `profile.image_cicular` as `profile.image_circular`, the key al-folio's about layout reads",
        ],
        "daviddmc__daviddmc.github.io": [
            "- changed: line 306: `doi` given twice: `{https://doi.org/10.1002/mrm.29657}` (line 311) kept, "
            "`{10.48550/ARXIV.2208.13003}` dropped, as al-folio's bibtex-ruby reads it (a later value replaces an earlier one)",
        ],
    }
    for site, expected in notes.items():
        report, result = corpus_sites[site]
        migration = (report.dest / "MIGRATION.md").read_text(encoding="utf-8")
        for note in expected:
            assert note in migration, (site, note)
    cbueth = corpus_sites["cbueth__cbueth.github.io"]
    bib = (cbueth[0].dest / "papers/papers.bib").read_text(encoding="utf-8")
    assert "selected = {true}," in bib and "= true" not in bib
    assert cbueth[1].page("index.html").select("li.homepage-pub")  # the selected papers, shown again
    li2023 = (corpus_sites["ellisbrown__ellisbrown.github.io"][0].dest / "papers/papers.bib").read_text(encoding="utf-8")
    assert li2023.split("@InProceedings{li2023diffusion,", 1)[1].split("\n}", 1)[0].count("year") == 1
    assert "Efros, Alexei A. and Pathak, Deepak" in li2023 and "Yang, Shusheng and Iyer" in li2023
    assert "image_circular: false" in (corpus_sites["astanziola__astanziola.github.io"][0].dest / "index.md").read_text(encoding="utf-8")
    daviddmc = (corpus_sites["daviddmc__daviddmc.github.io"][0].dest / "papers/papers.bib").read_text(encoding="utf-8")
    latent = daviddmc.split("@article{https://doi.org/10.48550/arxiv.2208.13003,", 1)[1].split("\n}", 1)[0]
    assert [line.strip() for line in latent.splitlines() if line.strip().startswith("doi")] == [
        "doi = {https://doi.org/10.1002/mrm.29657},"
    ]
    ellis = corpus_sites["ellisbrown__ellisbrown.github.io"][1].page("index.html")
    assert ellis.select_one(".homepage-profile__title").get_text() == "PhD Student @ NYU Courant CS"


def test_only_what_has_one_reading_is_changed_in_a_bib():
    text = "@a{k,\r\n  selected = true,\r\n  year={1},\r\n  doi = {x},\r\n  year={1},\r\n  doi = {y}\r\n}\r\n"
    fixed, notes = fix_bibliography(text)
    # The same value twice: once, where it was first; two values: the last, as bibtex-ruby keeps it.
    assert fixed == "@a{k,\r\n  selected = {true},\r\n  year={1},\r\n  doi = {y}\r\n}\r\n"
    assert [note.split(":")[0] for note in notes] == ["line 2", "line 4", "line 5"]
    assert notes[1].startswith("line 4: `doi` given twice: `{y}` (line 6) kept, `{x}` dropped")
    # Three values: the last is kept, on its own line; a value written over several lines is left to the build.
    fixed, notes = fix_bibliography("@a{k,\n  doi={x},\n  doi={y},\n  doi={z},\n  note={a\n  b},\n  note={c}\n}\n")
    assert fixed == "@a{k,\n  doi={z},\n  note={a\n  b},\n  note={c}\n}\n" and len(notes) == 2
    # A given name followed by a comma before `and` is a slip; a list written with commas throughout is not.
    names = "@a{k,\n  author={Efros, Alexei A., and Pathak, Deepak},\n  editor={A B, C D, E F and G H},\n}\n"
    fixed, notes = fix_bibliography(names)
    assert fixed == names.replace("A., and", "A. and") and [note.split(":")[0] for note in notes] == ["line 2"]
    # A file that defines the macro `true` means it: left as it is.
    defined = "@string{true = {yes}}\n@a{k,\n  selected = true,\n}\n"
    assert fix_bibliography(defined) == (defined, [])


def test_what_al_folio_showed_without_a_word_is_worth_a_look_not_to_fix(tmp_path):
    src = _write_files(tmp_path / "src", {
        "_bibliography/papers.bib":
            "@article{review,\n  title={A Review},\n  journal={Nature},\n  year={2023},\n}\n\n"
            "@preprint{undated,\n  title={Undated},\n  author={Lovelace, Ada},\n  doi={10.1/a},\n  doi={10.1/b},\n}\n",
        "_pages/about.md": "---\nlayout: about\nprofile:\n  title: PhD Student\n  motto: Onwards\n---\n\nBio.\n",
    })
    report = import_alfolio(src, tmp_path / "dest", frame=False)
    migration = (report.dest / "MIGRATION.md").read_text(encoding="utf-8")
    bib = migration.split("## `_bibliography/papers.bib`", 1)[1].split("\n## ", 1)[0]
    assert [line for line in bib.splitlines() if line.startswith(("- changed: line", "- worth", "- to fix"))] == [
        "- changed: line 10: `doi` given twice: `{10.1/b}` (line 11) kept, `{10.1/a}` dropped, as al-folio's "
        "bibtex-ruby reads it (a later value replaces an earlier one)",
        "- worth a look: `papers/papers.bib:1`: review: no author; shown without, as al-folio shows it",
        "- worth a look: `papers/papers.bib:7`: undated: no year; shown without, as al-folio shows it",
    ]
    # profile.title is read (and kept); another key al-folio does not read is named to fix.
    about = migration.split("## `_pages/about.md`", 1)[1].split("\n## ", 1)[0]
    assert "profile.title" not in about and "- to fix: `index.md:5`: unknown front matter key 'profile.motto'" in about
    assert "  title: PhD Student\n" in (report.dest / "index.md").read_text(encoding="utf-8")


def test_the_demo_posts_lose_nothing_silently(corpus_sites):
    report, _ = corpus_sites[DEMO]
    migration = (report.dest / "MIGRATION.md").read_text(encoding="utf-8")
    for post, named in {
        "2020-09-28-twitter.md": "{% twitter %}",
        "2023-07-04-jupyter-notebook.md": "`{% if %}` ... `{% endif %}` and what is between",
        "2024-05-01-tabs.md": "{% tabs %}",
        "2021-07-04-diagrams.md": "code in `mermaid`",
        "2018-12-22-distill.md": "`layout: distill` read as `layout: post`",
        "2022-12-10-giscus-comments.md": "`giscus_comments:` in the front matter, the giscus comments widget",
    }.items():
        section = migration.split(f"## `_posts/{post}`", 1)[1].split("\n## ", 1)[0]
        assert named in section, (post, section)
    for source, text in report.left_out:
        assert text in migration and f"## `{source}`" in migration


def test_nothing_of_the_owner_of_this_project(corpus_sites):
    for site, (report, _) in corpus_sites.items():
        if site.startswith("KindXiaoming"):
            continue
        for path in report.dest.rglob("*"):
            if path.is_file() and path.suffix in (".md", ".py", ".bib", ".yml"):
                text = path.read_text(encoding="utf-8", errors="replace")
                assert "Ziming" not in text and "刘子鸣" not in text, path


# -- A small al-folio site with every kind of page, its config and its data: strict build, zero warnings ---------

_CONFIG = """\
title: blank
first_name: Ada
last_name: Lovelace
url: https://ada.example.org
baseurl: /site
max_author_limit: 3
news_limit: 2
enable_darkmode: true
permalink: /blog/:year/:title/
pagination:
  enabled: true
  per_page: 4
scholar:
  last_name: [Lovelace]
  first_name: [Ada, A.]
github_username: ada
twitter_username: ada_l
linkedin_username:
"""
_PAGES = {
    "about.md": "---\nlayout: about\ntitle: about\npermalink: /\nsocial: true\nnews: true\n---\n\n"
    "I study engines. See [my papers]({{ '/publications/' | relative_url }}) and {{ site.first_name }}'s "
    "[teaching](/teaching/).\n\n{% if site.news %}hidden{% endif %}\n",
    "publications.md": "---\nlayout: page\ntitle: publications\npermalink: /publications/\nnav: true\nnav_order: 2\n---\n\n"
    "<!-- _pages/publications.md -->\n{% include bib_search.liquid %}\n\n{% bibliography %}\n",
    "teaching.md": "---\nlayout: page\ntitle: teaching\ndescription: Courses.\npermalink: /teaching/\nnav: true\nnav_order: 3\n---\n\n"
    "### Fall 1843\n\nAn evening course.\n\n"
    '{% include figure.liquid loading="eager" path="assets/img/engine.png" class="img-fluid" alt="The engine" %}\n',
    "cv.md": "---\nlayout: cv\ntitle: cv\npermalink: /cv/\nnav: true\nnav_order: 4\n---\n",
    "blog.md": "---\nlayout: default\ntitle: blog\npermalink: /blog/\nnav: true\nnav_order: 1\npagination:\n  enabled: true\n---\n",
    "news.md": "---\nlayout: page\ntitle: news\npermalink: /news/\nnav: true\nnav_order: 5\n---\n\n{% include news.liquid %}\n",
    "projects.md": "---\nlayout: page\ntitle: projects\npermalink: /projects/\nnav: true\nnav_order: 6\n"
    "display_categories: [work]\n---\n\n<div class=\"projects\">\n{% for category in page.display_categories %}\n"
    "{{ category }}\n{% endfor %}\n</div>\n",
    "repositories.md": "---\nlayout: page\ntitle: repositories\npermalink: /repositories/\nnav: true\nnav_order: 7\n---\n",
    "notes.md": "---\nlayout: page\ntitle: notes\npermalink: /notes/\n---\n\nNotes, outside the navbar.\n",
    "talks.md": "---\nlayout: page\ntitle: talks\npermalink: /talk/\n---\n\nTalks, at the address al-folio gave them.\n",
}
_CV = """\
- title: General Information
  type: map
  contents:
    - name: Full Name
      value: Ada Lovelace
- title: Education
  type: time_table
  contents:
    - title: Mathematics
      institution: London
      year: 1835
      description:
        - Analytical engines.
"""
_POST = "---\nlayout: post\ntitle: Engines\ndate: 2024-01-20 10:00:00-0500\ndescription: On engines.\n---\n\nText.\n\n{% twitter https://x.com/ada %}\n"
_BIB = "@article{ada1843,\n  title={Notes},\n  author={Lovelace, Ada and Babbage, Charles},\n  journal={Memoirs},\n  year={1843},\n  selected={true}\n}\n"


def _full_checkout(src: Path) -> Path:
    files = {"_config.yml": _CONFIG, "_data/cv.yml": _CV, "_bibliography/papers.bib": _BIB,
             "_posts/2024-01-20-engines.md": _POST, "_data/citations.yml": "x: 1\n"}
    files.update({f"_pages/{name}": text for name, text in _PAGES.items()})
    for name in ("announcement_1.md", "announcement_3.md"):
        files[f"_news/{name}"] = (CORPUS / DEMO / f"_news__{name}").read_text(encoding="utf-8")
    _write_files(src, files)
    (src / "assets/img").mkdir(parents=True)
    Image.new("RGB", (90, 60), "seagreen").save(src / "assets/img/engine.png")
    return src


@pytest.fixture(scope="module")
def full_site(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("full")
    return _imported(tmp, _full_checkout(tmp / "src"))


def test_the_full_site_builds_strictly(full_site):
    _, result = full_site
    assert result.warnings == []


def test_settings_come_from_config_and_socials(full_site):
    report, _ = full_site
    assert report.site.project == "Ada Lovelace"
    assert report.site.html_baseurl == "https://ada.example.org/site/"
    settings = report.site.settings
    assert settings["homepage_social"] == {"github_username": "ada", "x_username": "ada_l"}
    assert settings["homepage_author_names"] == ["Ada Lovelace", "A. Lovelace"]
    assert settings["homepage_navigation"] == [
        "index", "blog/index", "papers/index", "teaching/index", "cv/index", "news/index", "projects/index",
    ]
    assert settings["homepage_bibtex_show"] is False
    assert (settings["homepage_max_author_limit"], settings["homepage_news_limit"], settings["homepage_blog_per_page"]) == (3, 2, 4)


def test_pages_land_where_their_addresses_answer(full_site):
    report, result = full_site
    assert (report.dest / "papers/index.md").read_text(encoding="utf-8").startswith("---\nlayout: page\ntitle: publications\npermalink: /publications/\n")
    navbar = [link.get_text(strip=True) for link in result.page("index.html").select("nav .navbar-nav a.nav-link")]
    assert navbar[:7] == ["about", "blog", "publications", "teaching", "cv", "news", "projects"]
    assert "display_categories: [work]" in (report.dest / "projects/index.md").read_text(encoding="utf-8")
    assert result.page("papers/index.html").select_one('li.homepage-pub[id="ada1843"]')
    assert "Mathematics" in result.page("cv/index.html").get_text()
    teaching = result.page("teaching/index.html")
    assert teaching.select_one("h1").get_text(strip=True).startswith("teaching")
    assert teaching.select_one('article img[alt="The engine"]')
    about = result.page("index.html")
    body = about.select_one("article")
    assert body.select_one('a[href="papers/index.html"]') and "See my papers and Ada’s teaching" in " ".join(body.get_text().split())
    assert "hidden" not in about.get_text()
    assert (result.outdir / "talk/index.html").is_file() and not (report.dest / "talks").exists()
    assert (result.outdir / "notes/index.html").is_file() and (result.outdir / "blog/2024/engines/index.html").is_file()


def test_migration_names_what_was_left_out(full_site):
    report, _ = full_site
    migration = (report.dest / "MIGRATION.md").read_text(encoding="utf-8")
    for source, text in (
        ("_pages/publications.md", "`{% include bib_search %}`"),
        ("_pages/news.md", "the news page is made"),
        ("_pages/repositories.md", "made from `_data/repositories.yml`"),
        ("_pages/projects.md", "`{% for %}` ... `{% endfor %}`"),
        ("_pages/about.md", "`{% if %}`"),
        ("_posts/2024-01-20-engines.md", "`{% twitter %}`"),
        ("_config.yml", "`enable_darkmode`"),
        ("_config.yml", "`twitter_username` written as `x_username`"),
        ("_data/citations.yml", "no page of this site reads it"),
    ):
        assert text in migration.split(f"## `{source}`", 1)[1].split("\n## ", 1)[0], (source, text)


def test_socials_file_order_custom_entries_and_unknown_keys(tmp_path):
    src = _write_files(tmp_path / "src", {
        # al-folio's template scholar names, never changed
        "_config.yml": "first_name: Ada\nlast_name: Lovelace\ngithub_username: inline\n"
                       "scholar:\n  last_name: [Einstein]\n  first_name: [Albert, A.]\n",
        "_data/socials.yml": "orcid_id: 0000-0002\nemail: ada@example.org\nrss_icon: true\nmyspace_id: ada\n"
                             "custom_social:\n  logo: https://example.org/logo.png\n  title: Lab\n  url: https://lab.example.org/\n",
        "_pages/about.md": "---\nlayout: about\nprofile:\n  image: prof_pic.jpg\n---\n\nMy [notes](/assets/pdf/notes.pdf).\n",
    })
    report = import_alfolio(src, tmp_path / "dest", frame=False)
    # Files the about page shows or links that the checkout lacks are named (the build warns about them too).
    for path in ("assets/pdf/notes.pdf", "assets/img/prof_pic.jpg"):
        assert ("_pages/about.md", f"`{path}`, which it shows or links: not in the checkout (put it there by hand)") in report.left_out
    # The socials file wins over the inline keys of the config, in its own order; no feed without posts or news.
    assert report.site.settings["homepage_social"] == {
        "orcid_id": "0000-0002", "email": "ada@example.org",
        "custom_social": {"url": "https://lab.example.org/", "title": "Lab"},
    }
    assert report.site.settings["homepage_author_names"] == ["Ada Lovelace", "Albert Einstein", "A. Einstein"]
    assert ("_data/socials.yml", "`myspace_id`: a profile this site has no icon for") in report.left_out
    assert ("_data/socials.yml", "`rss_icon`: this site writes a feed of its posts or news, and it has neither") in report.left_out


_LIQUID = (
    "A {% if x %}gone {% for y in z %}{{ y }}{% endfor %}{% endif %}B {% raw %}{{ kept }}{% endraw %} "
    "C{% comment %}{% twitter %}{% endcomment %}\n{% highlight python %}\nx = 1\n{% endhighlight %}\n"
    "{% if unclosed %}D {% details title %}inside{% enddetails %} {{ site.url }}{{ site.github.x }}"
)


def test_liquid_in_a_page_is_written_out_or_taken_out_and_named():
    cleaned = clean_liquid(_LIQUID, {"url": "https://ada.example.org", "baseurl": ""}, post=False)
    assert cleaned.text == "A B {{ kept }} C\n```python\nx = 1\n```\nD inside https://ada.example.org"
    assert cleaned.left_out == [
        "`{% if %}` ... `{% endif %}` and what is between: it shows what Jekyll's data holds, which this site does not have",
        "`{% if %}`: an al-folio tag with no counterpart here",
        "`{% details %}`: an al-folio tag with no counterpart here (the text up to its end stays)",
        "`{{ site.github.x }}`: a value of Jekyll's this site does not have",
    ]


def test_liquid_the_blog_reads_stays_in_a_post():
    cleaned = clean_liquid(_LIQUID, {"url": "https://ada.example.org", "baseurl": ""}, post=True)
    assert cleaned.text == (
        "A B {% raw %}{{ kept }}{% endraw %} C{% comment %}{% twitter %}{% endcomment %}\n"
        "{% highlight python %}\nx = 1\n{% endhighlight %}\nD inside {{ site.url }}"
    )
    assert len(cleaned.left_out) == 4 and cleaned.changed == []


# -- Safety: the same tree twice, nothing outside DEST, and the refusals -----------------------------------------


def test_two_imports_give_identical_trees(tmp_path):
    src = _full_checkout(tmp_path / "src")
    import_alfolio(src, tmp_path / "one")
    import_alfolio(src, tmp_path / "two")
    compared = filecmp.dircmp(tmp_path / "one", tmp_path / "two")
    files = sorted(str(path.relative_to(tmp_path / "one")) for path in (tmp_path / "one").rglob("*") if path.is_file())
    assert files == sorted(str(path.relative_to(tmp_path / "two")) for path in (tmp_path / "two").rglob("*") if path.is_file())
    for name in files:
        assert (tmp_path / "one" / name).read_bytes() == (tmp_path / "two" / name).read_bytes(), name
    assert not compared.diff_files


def test_a_link_out_of_src_is_skipped_and_listed(tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("private", encoding="utf-8")
    src = _full_checkout(tmp_path / "src")
    (src / "assets/img/leak.png").symlink_to(secret)
    (src / "_news/leak.md").symlink_to(secret)
    report = import_alfolio(src, tmp_path / "dest", frame=False)
    assert not (report.dest / "assets/img/leak.png").exists() and not (report.dest / "news/leak.md").exists()
    assert report.skipped_links == ["_news/leak.md", "assets/img/leak.png"]
    assert all("private" not in path.read_text(errors="replace") for path in report.dest.rglob("*") if path.is_file())
    assert "## `assets/img/leak.png`" in (report.dest / "MIGRATION.md").read_text(encoding="utf-8")
    assert sorted(path.name for path in tmp_path.iterdir()) == ["dest", "secret.txt", "src"]


def test_a_linked_folder_out_of_src_is_skipped_and_folders_not_read_are_listed(tmp_path):
    outside = tmp_path / "elsewhere"
    outside.mkdir()
    (outside / "socials.yml").write_text("email: someone@example.org\n", encoding="utf-8")
    src = tmp_path / "src"
    src.mkdir()
    (src / "_config.yml").write_text("first_name: Ada\n", encoding="utf-8")
    (src / "_data").symlink_to(outside)
    (src / "_teachings").mkdir()
    (src / "_teachings/course.md").write_text("---\ntitle: A course\n---\n", encoding="utf-8")
    (src / "_layouts").mkdir()
    report = import_alfolio(src, tmp_path / "dest", frame=False)
    assert report.site.settings["homepage_social"] == {}
    assert "_data" in report.skipped_links
    assert ("_teachings/", "not read by the import (if it is part of your site, copy it over by hand)") in report.left_out
    assert ("_layouts/", "the theme's layouts: this site's theme takes their place") in report.left_out
    assert not any("someone@example.org" in path.read_text(encoding="utf-8") for path in report.dest.rglob("*.md"))


def test_a_folder_that_is_no_al_folio_site_is_refused(tmp_path):
    src = tmp_path / "src"
    (src / "docs").mkdir(parents=True)
    (src / "docs/index.md").write_text("# Docs\n", encoding="utf-8")
    with pytest.raises(NotAnAlfolioSite, match=r"src is not an al-folio site: it holds none of _config\.yml, _pages/\*\.md"):
        import_alfolio(src, tmp_path / "dest")
    assert not (tmp_path / "dest").exists()


def test_a_destination_with_files_is_refused(tmp_path):
    src = _full_checkout(tmp_path / "src")
    (tmp_path / "dest").mkdir()
    (tmp_path / "dest/keep.txt").write_text("mine", encoding="utf-8")
    with pytest.raises(DestinationNotEmpty, match="dest exists and is not empty"):
        import_alfolio(src, tmp_path / "dest")
    assert [path.name for path in (tmp_path / "dest").iterdir()] == ["keep.txt"]


def test_the_command_writes_a_site_that_passes_its_own_tests(tmp_path):
    # make import-alfolio SRC=... DEST=...: the content and the frame around it (conf.py, Makefile, pins, the
    # vendored extension, workflows, tests); the site's own make test builds it strictly and checks its links.
    src = _full_checkout(tmp_path / "src")
    assert command.main(["import-alfolio", str(src), str(tmp_path / "dest")]) == 0
    dest = tmp_path / "dest"
    assert {"conf.py", "Makefile", "requirements.txt", "MIGRATION.md", ".github/workflows/pages.yml"} <= {
        path.relative_to(dest).as_posix() for path in dest.rglob("*") if path.is_file()
    }
    result = run_site_tests(dest)
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-2000:]
    assert " passed" in result.stdout and "failed" not in result.stdout
