"""The built site, checked (`make test`). The checks come with the homepage extension
(sphinx_academic_homepage.sitecheck), so they grow with it; add tests of your own beside this file."""

from pathlib import Path

import pytest

from sphinx_academic_homepage import sitecheck

SITE = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    """The site built from scratch as `make html` builds it: a warning fails every test, naming it."""
    return sitecheck.build(SITE, tmp_path_factory.mktemp("build"))


def assert_none(problems):
    """Fails naming every problem found, one a line."""
    assert not problems, "\n".join(problems)


def test_every_page_has_its_html_page_with_a_title(site):
    assert_none(sitecheck.untitled_pages(site))


def test_every_link_inside_the_site_resolves(site):
    assert_none(sitecheck.dead_links(site))


def test_every_image_is_there(site):
    assert_none(sitecheck.missing_images(site))


def test_the_publications_page_lists_every_entry_of_the_bib_files(site):
    assert_none(sitecheck.unlisted_papers(site))
