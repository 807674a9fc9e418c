"""Navbar and footer: the owner's name, the section links in order, dark/light switch, search, no overlap,
copyright, "Built with Sphinx", and a last-updated date that comes from the sources, never the clock."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from datetime import UTC, datetime
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from conftest import PROJECT_ROOT
from sphinx_academic_homepage.lastupdated import source_date
from sphinx_academic_homepage.navigation import parse_entry


def _nav_links(page: BeautifulSoup) -> list[tuple[str, str]]:
    header = page.select_one("header.bd-header")
    return [(a.get_text(strip=True), a["href"]) for a in header.select("ul.navbar-nav a.nav-link")]


def _html(outdir: Path, name: str) -> BeautifulSoup:
    return BeautifulSoup((outdir / name).read_text(encoding="utf-8"), "html.parser")


# -- The real site ------------------------------------------------------------------------------------------------


def test_navbar_labels_and_order(site):
    # "about", "talk", "media coverage" are the pages' front matter titles, as al-folio labels them; his live
    # site's order, then research and the CV.
    assert _nav_links(site.page("index.html")) == [
        ("about", "#"),
        ("publications", "papers/index.html"),
        ("talk", "talk/index.html"),
        ("media coverage", "media/index.html"),
        ("research", "research/index.html"),
        ("CV", "about/index.html"),
    ]
    assert _nav_links(site.page("research/index.html")) == [
        ("about", "../index.html"),
        ("publications", "../papers/index.html"),
        ("talk", "../talk/index.html"),
        ("media coverage", "../media/index.html"),
        ("research", "#"),
        ("CV", "../about/index.html"),
    ]


def test_navbar_marks_the_current_page(site):
    home = site.page("index.html").select_one("header.bd-header ul.navbar-nav")
    assert home.find("a", string=lambda s: s and s.strip() == "about")["aria-current"] == "page"
    research = site.page("research/index.html").select_one("header.bd-header ul.navbar-nav")
    current = research.select("li.current a.nav-link")
    assert [a.get_text(strip=True) for a in current] == ["research"]
    assert current[0]["aria-current"] == "page"


def test_owner_name_links_home_with_switch_and_search(site):
    for page, home in (("index.html", "#"), ("about/index.html", "../index.html")):
        header = site.page(page).select_one("header.bd-header")
        brand = header.select_one("a.navbar-brand")
        assert brand.get_text(strip=True) == "Ziming Liu"
        assert brand["href"] == home
        assert header.select_one("button.theme-switch-button[aria-label]") is not None
        assert header.select_one("button.search-button-field[aria-label='Search']") is not None


def test_home_page_has_no_empty_sidebars(site):
    home = site.page("index.html")
    assert home.select(".bd-sidebar-secondary") == []
    # The left sidebar is only the phone menu (hidden on wide screens): the section links, nothing else.
    (primary,) = home.select(".bd-sidebar-primary")
    assert "hide-on-wide" in primary["class"]
    assert [a.get_text(strip=True) for a in primary.select("a.nav-link")] == [
        "about", "publications", "talk", "media coverage", "research", "CV"
    ]
    assert home.select("#ethical-ad-placement") == []
    assert primary.select(".sidebar-primary-items__start") == []
    assert primary.select(".sidebar-primary-items__end *") == []


def _expected_date() -> datetime:
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch:
        return datetime.fromtimestamp(int(epoch), tz=UTC)
    head = subprocess.run(["git", "log", "-1", "--format=%cI"], cwd=PROJECT_ROOT, capture_output=True, text=True)
    if head.returncode != 0:
        pytest.skip("the project is not a git checkout and SOURCE_DATE_EPOCH is unset: the site shows no date")
    return datetime.fromisoformat(head.stdout.strip()).astimezone(UTC)


def test_footer(site):
    when = _expected_date()
    for page in ("index.html", "research/index.html", "about/index.html", "papers/index.html"):
        footer = site.page(page).select_one("footer.bd-footer")
        text = re.sub(r"\s+([.,])", r"\1", " ".join(footer.get_text(" ").split()))
        assert f"© Copyright {when.year} Ziming Liu." in text
        assert f"Last updated on {when.strftime('%b %d, %Y')}." in text
        assert "Built with Sphinx and the PyData Sphinx Theme." in text
        assert footer.find("a", string="Sphinx")["href"] == "https://www.sphinx-doc.org/"
        assert "Created using" not in text


# -- Labels, entries and incremental builds (a small site) ----------------------------------------------------------


def test_entry_syntax():
    assert parse_entry("research/index") == ("research/index", None)
    assert parse_entry(" papers <papers/index> ") == ("papers/index", "papers")
    assert parse_entry("Talks & <b> <talks>") == ("talks", "Talks & <b>")


@pytest.mark.sphinx("html", testroot="navigation")
def test_labels_come_from_conf_front_matter_or_heading(app):
    app.build()
    assert _nav_links(_html(app.outdir, "teaching.html")) == [
        ("about", "index.html"),  # the home page's front matter title
        ("talks", "talks.html"),  # front matter title, not the heading "Talks and Seminars"
        ("Teaching", "#"),  # no front matter: its heading
        ("Publications", "pubs.html"),  # the label written in conf.py
    ]
    warnings = app.warning.getvalue().strip().splitlines()
    assert len(warnings) == 2
    assert "WARNING: homepage_navigation: 42 is not a document name; left out of the navbar [homepage.config]" in warnings[0]
    assert "WARNING: homepage_navigation names 'missing', which is not a document [homepage.config]" in warnings[1]


@pytest.mark.sphinx("html", testroot="navigation", srcdir="navigation-relabel")
def test_a_changed_label_reaches_every_page(make_app, app):
    app.build()
    talks = Path(app.srcdir, "talks.md")
    talks.write_text(talks.read_text(encoding="utf-8").replace("title: talks", "title: seminars"), encoding="utf-8")
    app.cleanup()  # unregisters its nodes, as a new app registers them again
    again = make_app("html", srcdir=app.srcdir, freshenv=False)
    again.build()
    # teaching.md did not change, yet its navbar shows the new label.
    assert [label for label, _ in _nav_links(_html(again.outdir, "teaching.html"))] == [
        "about", "seminars", "Teaching", "Publications"
    ]


# -- The last-updated date ------------------------------------------------------------------------------------------


def _footer_text(outdir: Path) -> str:
    return " ".join(_html(outdir, "index.html").get_text(" ").split())


@pytest.mark.sphinx("html", testroot="lastupdated", srcdir="lastupdated-epoch")
def test_date_from_source_date_epoch(app, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1000000000")  # 2001-09-09 01:46:40 UTC
    app.build()
    assert "Last updated on Sep 09, 2001." in _footer_text(app.outdir)
    assert app.warning.getvalue() == ""


@pytest.mark.sphinx("html", testroot="lastupdated", srcdir="lastupdated-moved")
def test_a_new_date_reaches_pages_that_did_not_change(make_app, app, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1000000000")
    app.build()
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1100000000")  # 2004-11-09
    app.cleanup()  # unregisters its nodes, as a new app registers them again
    again = make_app("html", srcdir=app.srcdir, freshenv=False)
    again.build()
    assert "Last updated on Nov 09, 2004." in _footer_text(again.outdir)


@pytest.mark.sphinx("html", testroot="lastupdated", srcdir="lastupdated-git")
def test_date_from_the_last_commit(app, monkeypatch):
    if shutil.which("git") is None:
        pytest.skip("git is not installed")
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    env = {**os.environ, "GIT_AUTHOR_DATE": "2021-05-04T23:30:00+02:00", "GIT_COMMITTER_DATE": "2021-05-04T23:30:00+02:00"}
    git = ["git", "-c", "user.name=Test", "-c", "user.email=test@example.org", "-c", "commit.gpgsign=false"]
    subprocess.run([*git, "init", "-q"], cwd=app.srcdir, check=True, env=env)
    subprocess.run([*git, "add", "."], cwd=app.srcdir, check=True, env=env)
    subprocess.run([*git, "commit", "-q", "-m", "site"], cwd=app.srcdir, check=True, env=env)
    app.build()
    # 23:30 at +02:00 is 21:30 UTC: the date is the commit's, in UTC, whatever the machine's time zone.
    assert "Last updated on May 04, 2021." in _footer_text(app.outdir)
    assert app.warning.getvalue() == ""


@pytest.mark.sphinx("html", testroot="lastupdated", srcdir="lastupdated-none")
def test_no_git_and_no_epoch_shows_no_date(app, monkeypatch):
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    if source_date(Path(app.srcdir), {}) is not None:
        pytest.skip("the test folder sits inside a git repository")
    app.build()
    text = _footer_text(app.outdir)
    # Sphinx would have printed today's date here.
    assert "Last updated" not in text
    assert datetime.now(tz=UTC).strftime("%b %d, %Y") not in text
    assert app.warning.getvalue() == ""


def test_bad_source_date_epoch_falls_back_to_git(app_warnings, tmp_path):
    assert source_date(tmp_path, {"SOURCE_DATE_EPOCH": "yesterday"}) == source_date(tmp_path, {})
    assert app_warnings() == [
        "WARNING: SOURCE_DATE_EPOCH should be a number of seconds, not 'yesterday'; using the git date [homepage.lastupdated]"
    ]


# -- No overlap in the navbar, 360 to 1440 px wide (Chromium) -------------------------------------------------------


OVERLAPS = """
() => {
  const shown = el => {
    const box = el.getBoundingClientRect();
    const style = getComputedStyle(el);
    return box.width > 0 && box.height > 0 && style.visibility !== "hidden" ? box : null;
  };
  const parts = [...document.querySelectorAll(
    "header.bd-header .navbar-brand, header.bd-header .navbar-nav .nav-link, " +
    "header.bd-header .search-button-field, header.bd-header .theme-switch-button, header.bd-header .primary-toggle")]
    .map(el => [el.textContent.trim().split(/\\s+/)[0] || el.className.split(" ")[0], shown(el)])
    .filter(([, box]) => box);
  const found = [];
  for (let i = 0; i < parts.length; i++) {
    const [name, box] = parts[i];
    if (box.left < 0 || box.right > document.documentElement.clientWidth) found.push(`${name} leaves the screen`);
    for (let j = i + 1; j < parts.length; j++) {
      const [other, next] = parts[j];
      const x = Math.min(box.right, next.right) - Math.max(box.left, next.left);
      const y = Math.min(box.bottom, next.bottom) - Math.max(box.top, next.top);
      if (x > 0 && y > 0) found.push(`${name} overlaps ${other}`);
    }
  }
  return {found, names: parts.map(([name]) => name)};
}
"""


def test_navbar_never_overlaps_from_360_to_1440_px(site, browser):
    widths = sorted({*range(360, 1441, 40), 375, 390, 959, 960, 991, 992, 1280, 1440})
    problems = []
    current_link_colours = {}
    page = browser.new_page()
    try:
        for path in ("index.html", "research/index.html"):
            # The current page's link looks the same on the home page ("about") as on a section page.
            page.set_viewport_size({"width": 1280, "height": 800})
            page.goto((site.outdir / path).as_uri())
            current_link_colours[path] = page.evaluate(
                """() => [...document.querySelectorAll("header.bd-header .navbar-nav .nav-link")].map(a =>
                     [a.getAttribute("aria-current") === "page", getComputedStyle(a).color,
                      getComputedStyle(a, "::before").borderBottomWidth])"""
            )
            for width in widths:
                # Resizing re-lays the page out, as a reload would, at a fraction of the cost.
                page.set_viewport_size({"width": width, "height": 800})
                result = page.evaluate(OVERLAPS)
                problems += [f"{path} at {width} px: {problem}" for problem in result["found"]]
                # Wide screens show the name, the six links, search and the switch; phones the name and search.
                expected = 9 if width >= 960 else 3
                if len(result["names"]) != expected:
                    problems.append(f"{path} at {width} px shows {result['names']}")
    finally:
        page.close()
    assert problems == []
    home, research = current_link_colours["index.html"], current_link_colours["research/index.html"]
    assert [current for current, _, _ in home] == [True, False, False, False, False, False]
    assert [current for current, _, _ in research] == [False, False, False, False, True, False]
    assert home[0][1:] == research[4][1:] == [home[0][1], "3px"]
    assert home[1][1] != home[0][1] and home[1][2] != "3px"
