"""Social links: al-folio's platforms from conf.py, drawn as named inline-SVG links, and every bad entry warned once."""

from __future__ import annotations

from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from test_profile import page, serial_and_parallel_builds, warnings_of

from sphinx_academic_homepage.social import PLATFORMS, read_social_setting
from sphinx_academic_homepage.social_icons import ICONS
from sphinx_academic_homepage.urls import is_safe_url, url_scheme


def rows(soup: BeautifulSoup):
    return soup.select("nav.homepage-social")


def links_of(row) -> list[tuple[str, str, bool]]:
    """(accessible name, href, rel="me") of each link of a row."""
    result = []
    for link in row.select("a.homepage-social__link"):
        name = link.select_one(".homepage-social__label").get_text()
        result.append((name, link["href"], "me" in link.get("rel", [])))
    return result


# -- The real site -------------------------------------------------------------------------------


def test_home_page_ends_with_the_owners_four_profiles(site):
    home = site.page("index.html")
    article = home.select_one("article")
    (row,) = rows(home)
    assert row["aria-label"] == "Social links"
    assert "homepage-social--center" in row["class"]
    # Below everything else in the page's content.
    assert article.find_all(recursive=False)[-1] is row
    assert links_of(row) == [
        ("Email", "mailto:lzmsldmjxm@gmail.com", True),
        ("Google Scholar", "https://scholar.google.com/citations?user=QeXHxlIAAAAJ", True),
        ("GitHub", "https://github.com/kindxiaoming", True),
        ("X (Twitter)", "https://x.com/zimingliu11", True),
    ]
    for link in row.select("a"):
        assert link["title"] == link.get_text(strip=True)  # the tooltip says what the screen reader says
        (svg,) = link.select("svg")
        assert svg["aria-hidden"] == "true" and svg.select_one("path")["d"]
    assert "Scholar userid" not in row.get_text()


def test_home_page_makes_no_third_party_request(site):
    home = site.page("index.html")
    for element in home.select("img[src], script[src], link[href][rel~=stylesheet], link[href][rel~=preload]"):
        address = element.get("src") or element.get("href")
        assert url_scheme(address) == "", address
    # Not the theme's brand font either: icons are inline SVG, so the navbar draws no brand glyph.
    assert home.select("i.fa-brands") == []


# -- The platform table --------------------------------------------------------------------------


def test_every_platform_has_an_icon_a_name_and_a_safe_url(app_warnings):
    assert len(PLATFORMS) >= 50
    samples = {
        "academia_edu": {"organization": "cam", "username": "ada"},
        "rss_icon": True,
        "email": "ada@example.org",
        "mastodon_username": "mathstodon.xyz/@ada",
    }
    setting = {key: samples.get(key, "https://example.org/ada" if key.endswith("_url") else "ada") for key in PLATFORMS}
    links = read_social_setting(setting)
    assert app_warnings() == []
    assert [link.key for link in links] == list(PLATFORMS)
    for link in links:
        platform = PLATFORMS[link.key]
        assert link.icon in ICONS, link.key
        assert link.title == platform.title and "_" not in link.title, link.key
        scheme = url_scheme(link.url)
        if link.key == "wechat_username":
            assert scheme == "weixin"  # a fixed scheme of our own pattern, not the user's input
        else:
            assert is_safe_url(link.url), link.key
            assert scheme in ("https", "mailto") or link.on_site, link.key
        assert link.rel_me == platform.identity


def test_al_folio_values_become_its_urls():
    links = {
        link.key: link
        for link in read_social_setting(
            {
                "scholar_userid": "QeXHxlIAAAAJ",
                "orcid_id": "0000-0002-1825-0097",
                "inspirehep_id": 1010907,  # YAML and Python give numbers for numeric ids
                "bluesky_url": "ada.bsky.social",
                "dblp_url": "https://dblp.org/pid/00/0000.html",
                "mastodon_username": "mathstodon.xyz/@ada",
                "email": "ada+site@example.org",
                "cv_pdf": "/assets/pdf/cv.pdf",
                "rss_icon": True,
                "wechat_qr": "wechat-qr.png",
            }
        )
    }
    assert links["scholar_userid"].url == "https://scholar.google.com/citations?user=QeXHxlIAAAAJ"
    assert links["orcid_id"].url == "https://orcid.org/0000-0002-1825-0097"
    assert links["inspirehep_id"].url == "https://inspirehep.net/authors/1010907"
    assert links["bluesky_url"].url == "https://bsky.app/profile/ada.bsky.social"
    assert links["dblp_url"].url == "https://dblp.org/pid/00/0000.html"
    assert links["mastodon_username"].url == "https://mathstodon.xyz/@ada"
    assert links["email"].url == "mailto:ada+site@example.org"
    assert (links["cv_pdf"].url, links["cv_pdf"].on_site) == ("_static/assets/pdf/cv.pdf", True)
    assert (links["rss_icon"].url, links["rss_icon"].on_site, links["rss_icon"].rel_me) == ("feed.xml", True, False)
    assert links["wechat_qr"].url == "_static/wechat-qr.png"


def test_academic_and_chinese_platforms_have_their_own_icons():
    links = read_social_setting(
        {
            "dblp_url": "https://dblp.org/pid/00/0000.html",
            "semanticscholar_id": "1741101",
            "arxiv_id": "lovelace_a_1",
            "inspirehep_id": 1010907,
            "weibo_id": "1234567890",
            "zhihu_id": "ada-lovelace",
            "bilibili_id": 20231201,
            "lab": {"url": "https://lab.example.org/", "title": "Lab", "logo": "ai ai-dblp"},
        }
    )
    assert [(link.url, link.icon, ICONS[link.icon][0]) for link in links] == [
        ("https://dblp.org/pid/00/0000.html", "dblp", "academicons"),
        ("https://www.semanticscholar.org/author/1741101", "semantic-scholar", "academicons"),
        ("https://arxiv.org/a/lovelace_a_1.html", "arxiv", "academicons"),
        ("https://inspirehep.net/authors/1010907", "inspire", "academicons"),
        ("https://weibo.com/1234567890", "weibo", "brands"),
        ("https://www.zhihu.com/people/ada-lovelace", "zhihu", "brands"),
        ("https://space.bilibili.com/20231201", "bilibili", "brands"),
        ("https://lab.example.org/", "dblp", "academicons"),
    ]
    assert [link.title for link in links][4:7] == ["Weibo", "Zhihu", "Bilibili"]


def test_user_names_cannot_break_out_of_their_url():
    (link,) = read_social_setting({"github_username": 'ada" onmouseover="alert(1)'})
    assert link.url == "https://github.com/ada%22%20onmouseover=%22alert(1)"


def test_icons_accept_al_folio_class_names():
    links = read_social_setting(
        {
            "letterboxd_id": {"value": "ada", "logo": "fa-brands fa-letterboxd"},
            "lab": {"url": "https://lab.example.org/", "title": "Lab", "icon": "globe"},
            "code": {"url": "https://code.example.org/", "title": "Code", "icon": "github_username"},
        }
    )
    assert [link.icon for link in links] == ["letterboxd", "globe", "github"]


# -- Builds ----------------------------------------------------------------------------------------


@pytest.mark.sphinx("html", testroot="social-links", freshenv=True)
def test_rows_from_front_matter_and_directives(app):
    app.build()
    assert warnings_of(app) == []

    home = page(app, "index.html")
    directive_row, end_row = rows(home)
    assert directive_row["class"] == ["homepage-social", "homepage-social--left"]
    assert links_of(directive_row) == [
        ("Ada on GitHub", "https://github.com/ada", True),
        ("Google Scholar", "https://scholar.google.com/citations?user=AbCdEfGhIjK", True),
    ]
    # social: true puts the row after what other extensions append, on doctree-read and doctree-resolved alike.
    body = home.select_one("[role=main]")
    children = [c for c in body.find_all(recursive=False) if "clearer" not in c.get("class", [])]  # alabaster's
    assert [c.get("id") for c in children if c.name == "section"][-2:] == ["appended-0", "appended-1"]
    assert children[-1] is end_row
    assert "homepage-social--page-end" in end_row["class"]
    assert links_of(end_row) == [
        ("Email", "mailto:ada@example.org", True),
        ("ORCID", "https://orcid.org/0000-0002-1825-0097", True),
        ("Google Scholar", "https://scholar.google.com/citations?user=AbCdEfGhIjK", True),
        ("Ada on GitHub", "https://github.com/ada", True),
        ("Mastodon", "https://mathstodon.xyz/@ada", True),
        ("INSPIRE-HEP", "https://inspirehep.net/authors/1010907", True),
        ("Academia.edu", "https://cam.academia.edu/AdaLovelace", True),
        ("CV", "_static/cv.pdf", False),
        ("RSS feed", "news/feed.xml", False),
        ("Analytical Engine Lab", "https://lab.example.org/", False),
        ("Portraits", "https://ada.example.org/", True),
    ]
    icons = [link.select_one("svg, img") for link in end_row.select("a")]
    assert [icon.name for icon in icons] == ["svg"] * 10 + ["img"]
    # INSPIRE is drawn with Academicons' icon, inline like the others.
    _, width, height, path = ICONS["inspire"]
    assert (icons[5]["viewbox"], icons[5].path["d"]) == (f"0 0 {width} {height}", path)
    assert icons[-1]["src"] == "_static/rosegarden.png" and icons[-1]["alt"] == ""

    # One folder down, links to the site's own files climb back up.
    (sub_row,) = rows(page(app, "sub/page.html"))
    assert dict((name, href) for name, href, _ in links_of(sub_row))["RSS feed"] == "../news/feed.xml"
    assert sub_row.select("img")[0]["src"] == "../_static/rosegarden.png"

    (rest_row,) = rows(page(app, "rest.html"))
    assert rest_row["class"] == ["homepage-social", "homepage-social--center", "my-links"]
    assert len(links_of(rest_row)) == 11
    assert rest_row.find_next_sibling("p").get_text() == "Text after the links."


def test_parallel_build_gives_the_same_rows(make_app, rootdir, tmp_path):
    serial, parallel = serial_and_parallel_builds(make_app, rootdir / "test-social-links", tmp_path)
    for name in ("index.html", "rest.html", "sub/page.html"):
        assert [str(r) for r in rows(page(parallel, name))] == [str(r) for r in rows(page(serial, name))]
        assert rows(page(parallel, name))


@pytest.mark.sphinx("singlehtml", testroot="social-links", freshenv=True)
def test_single_page_ends_each_pages_part_with_its_row(app):
    # singlehtml inlines every page into the root page's tree: each page's rows must survive it, once each.
    app.build()
    assert warnings_of(app) == []
    single = page(app, "index.html")
    home_directive_row, rest_row, sub_end_row, home_end_row = rows(single)
    assert home_directive_row["class"] == ["homepage-social", "homepage-social--left"]
    assert rest_row["class"] == ["homepage-social", "homepage-social--center", "my-links"]
    assert rest_row.find_parent("section")["id"] == "social-links-in-restructuredtext"

    # sub/page.md says social: true: its row closes its own part, after what doctree-read appended there.
    part_start = sub_end_row.find_previous_sibling("span", id=lambda i: i and i.startswith("document-"))
    assert part_start["id"] == "document-sub/page"
    assert [s.get("id") for s in part_start.find_next_siblings("section")] == ["a-page-one-folder-down", "appended-0"]
    assert sub_end_row.find_previous_sibling()["id"] == "appended-0"
    # The single page sits at the site's root, so links to the site's files do not climb.
    assert dict((name, href) for name, href, _ in links_of(sub_end_row))["RSS feed"] == "news/feed.xml"

    # The root page's row still ends the whole page, after what other extensions append on doctree-resolved.
    body = single.select_one("[role=main]")
    children = [c for c in body.find_all(recursive=False) if "clearer" not in c.get("class", [])]
    assert children[-1] is home_end_row
    assert children[-2]["id"] == "appended-1"
    for end_row in (sub_end_row, home_end_row):
        assert "homepage-social--page-end" in end_row["class"]
        assert len(links_of(end_row)) == 11


@pytest.mark.sphinx("text", testroot="social-links", freshenv=True)
def test_other_builders_get_a_list_of_named_links(app):
    app.build()
    assert warnings_of(app) == []
    text = (Path(app.outdir) / "rest.txt").read_text(encoding="utf-8")
    assert "* Ada on GitHub" in text and "* Analytical Engine Lab" in text


@pytest.mark.sphinx("html", testroot="social-bad", freshenv=True)
def test_every_bad_entry_warns_once_with_its_line(app):
    app.build()
    url_rule = "which is not http(s), mailto or a path of the site (left out) [homepage.social]"
    assert warnings_of(app) == [
        "conf.py:12: WARNING: unknown social platform 'githb_username'; did you mean 'github_username'? "
        "(left out) [homepage.social]",
        "conf.py:13: WARNING: unknown social platform 'myspace'; a custom entry needs a dict with 'url', "
        "'title' and 'icon' (left out) [homepage.social]",
        f"conf.py:14: WARNING: social entry 'work_url' has the URL 'javascript:alert(1)', {url_rule}",
        f"conf.py:15: WARNING: social entry 'blogger_url' has the URL 'data:text/html,hi', {url_rule}",
        f"conf.py:16: WARNING: social entry 'evil' has the URL 'vbscript:msgbox(1)', {url_rule}",
        "conf.py:17: WARNING: social entry 'linkedin_username' should be text (a user name, id or URL), "
        "not a list (left out) [homepage.social]",
        "conf.py:18: WARNING: social entry 'orcid_id' should be text (a user name, id or URL), "
        "not true/false (left out) [homepage.social]",
        "conf.py:19: WARNING: social entry 'lab': the icon 'https://cdn.example.org/lab.png' is on another site, "
        "which every visitor's browser would contact; save it under _static/ instead (using the 'link' icon) "
        "[homepage.social]",
        "conf.py:20: WARNING: social entry 'wiki': unknown icon 'wikipeda'; did you mean 'wikipedia-w'? "
        "(using 'link') [homepage.social]",
        "conf.py:21: WARNING: social entry 'site' has no 'title' (its accessible name); using 'Site' "
        "[homepage.social]",
        "conf.py:22: WARNING: social entry 'x_username': 'me' should be True or False (using True) "
        "[homepage.social]",
        "conf.py:23: WARNING: social entry 'academia_edu' should be a dict with 'organization' and 'username' "
        "(left out) [homepage.social]",
        "conf.py:24: WARNING: social entry 'gitlab_username': the icon 'gitlab-logo.svg' is not in "
        "html_static_path (using 'gitlab') [homepage.social]",
        "conf.py:26: WARNING: homepage_social_navbar should be True or False, not 'yes'; using False "
        "[homepage.config]",
        "flag.md:2: WARNING: front matter 'social' should be true or false, not 'yes'; using false "
        "[homepage.frontmatter]",
        "index.md:7: WARNING: social-links: 'githup_username' is not an entry of homepage_social; "
        "did you mean 'github_username'? (left out) [homepage.social]",
        "index.md:7: WARNING: social-links: align should be one of center, left, right, not 'top'; "
        "using center [homepage.social]",
    ]
    home = page(app, "index.html")
    directive_row, end_row = rows(home)
    assert links_of(directive_row) == [("GitHub", "https://github.com/ada", True)]
    # The valid entries, and the usable parts of the half-valid ones, are all there.
    assert links_of(end_row) == [
        ("GitHub", "https://github.com/ada", True),
        ("Lab", "https://lab.example.org/", False),
        ("Wiki", "https://wiki.example.org/", False),
        ("Site", "https://ada.example.org/", False),
        ("X (Twitter)", "https://x.com/ada", True),
        ("GitLab", "https://gitlab.com/ada", True),
    ]
    assert end_row.select("a")[-1].select_one("svg") is not None  # its own icon, not a broken image
    html = (Path(app.outdir) / "index.html").read_text(encoding="utf-8")
    for unsafe in ("javascript:", "data:text", "vbscript:", "cdn.example.org"):
        assert unsafe not in html
    assert rows(page(app, "flag.html")) == []


@pytest.mark.sphinx("html", testroot="social-empty", freshenv=True)
def test_social_true_without_any_profile_warns(app):
    app.build()
    assert warnings_of(app) == [
        "index.md:7: WARNING: social-links: homepage_social in conf.py lists no social links [homepage.social]",
        "index.md:2: WARNING: front matter 'social: true' asks for social links, but homepage_social in conf.py "
        "lists none [homepage.social]",
    ]
    assert rows(page(app, "index.html")) == []


@pytest.mark.sphinx("html", testroot="social-not-a-dict", freshenv=True)
def test_setting_of_the_wrong_type_warns_once_and_falls_back(app):
    app.build()
    assert warnings_of(app) == [
        "conf.py:10: WARNING: homepage_social should be a dict of al-folio social keys to values, not "
        "'github_username: ada'; using {} [homepage.config]",
    ]
    assert app.config.homepage_social == {}
    assert rows(page(app, "index.html")) == []


@pytest.mark.sphinx("html", testroot="social-navbar", freshenv=True)
def test_same_entries_feed_the_navbar_icon_links(app):
    app.build()
    assert warnings_of(app) == []
    navbar = page(app, "index.html").select_one("ul.navbar-icon-links")
    entries = [
        (a["title"], a["href"], a.get("rel"), (a.select_one("i") or a.select_one("img")).get("class"))
        for a in navbar.select("a")
    ]
    assert entries == [
        ("PyPI", "https://pypi.org/", ["noopener"], ["fa-brands", "fa-python", "fa-lg"]),  # the owner's own entry stays first
        ("GitHub", "https://github.com/ada", ["me", "noopener"], ["fa-brands", "fa-github", "fa-lg"]),
        ("Email", "mailto:ada@example.org", ["me", "noopener"], ["fa-solid", "fa-envelope", "fa-lg"]),
        # The theme's fonts have no DBLP glyph: the Font Awesome icon that suggests it.
        ("DBLP", "https://dblp.org/pid/00/0000.html", ["me", "noopener"], ["fa-solid", "fa-database", "fa-lg"]),
        # The feed (a path of the site) is left out: icon_links' URLs are used as written on every page.
        ("Portraits", "https://ada.example.org/", ["noopener"], ["icon-link-image"]),
    ]
    assert navbar.select_one("img")["src"] == "_static/rosegarden.png"
