"""Which URLs from user files may become links."""

import pytest

from homepage.urls import is_external_url, is_safe_url


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
