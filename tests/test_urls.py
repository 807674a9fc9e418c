"""Which URLs from user files may become links."""

import pytest

from sphinx_academic_homepage.urls import is_external_url, is_safe_url, is_site_path


@pytest.mark.parametrize(
    "url",
    ["https://arxiv.org/abs/2404.19756", "http://example.org", "mailto:a@b.org", "papers/index.html", "#kan", "/x.pdf"],
)
def test_safe_urls_are_kept(url):
    assert is_safe_url(url)


@pytest.mark.parametrize(
    "url",
    ["javascript:alert(1)", "JavaScript:alert(1)", " javascript:alert(1)", "java\tscript:alert(1)",
     "data:text/html,<script>alert(1)</script>", "vbscript:msgbox(1)", "file:///etc/passwd"],
)
def test_executable_or_local_schemes_are_refused(url):
    assert not is_safe_url(url)


def test_external_means_http_or_https():
    assert is_external_url("https://github.com/kindxiaoming")
    assert not is_external_url("mailto:a@b.org")
    assert not is_external_url("papers/index.html")


@pytest.mark.parametrize(
    "url", ["\\\\evil.example", "/\\evil.example/x", "\\/evil.example", "/\t\\evil.example", " \\\\evil.example"]
)
def test_another_host_written_with_backslashes_is_refused(url):
    """Browsers read a backslash as a slash: ``\\\\evil.example`` is ``//evil.example``, another site."""
    assert not is_safe_url(url)
    assert not is_external_url(url)
    assert not is_site_path(url)


def test_a_network_path_is_another_site_not_a_path_of_this_one():
    assert is_safe_url("//lab.example.org/people")
    assert is_external_url("//lab.example.org/people")
    assert not is_site_path("//lab.example.org/people")


@pytest.mark.parametrize("url", ["feed.xml", "/_static/cv.pdf", "papers\\kan.pdf", "../x.html"])
def test_paths_of_the_site(url):
    assert is_site_path(url) and is_safe_url(url) and not is_external_url(url)


def test_a_fragment_alone_is_no_file_of_the_site():
    assert not is_site_path("#news") and is_safe_url("#news")
