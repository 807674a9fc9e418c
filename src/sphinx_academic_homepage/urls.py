"""Which URLs from a user's files may become links or image sources.

al-folio pastes URLs into HTML as they are; a ``javascript:`` link in a BibTeX
field or a social entry then runs in every visitor's browser. Here a URL is
kept only if it is relative or uses a scheme that cannot execute.

Every question is answered for the URL *as a browser reads it*: browsers drop
tabs and newlines anywhere in a URL and control characters and spaces around
it, and read a backslash as a slash in a URL without a scheme. So ``\\\\evil.example``
is not a file of the site but ``//evil.example``, another host.
"""

from __future__ import annotations

import re

SAFE_SCHEMES = frozenset({"http", "https", "mailto"})

# Browsers ignore ASCII control characters and white space inside a scheme ("java\tscript:").
_IGNORED_BY_BROWSERS = re.compile(r"[\x00-\x20\x7f]")
# RFC 3986's scheme, read by hand: urlsplit() raises ValueError on the rest of some URLs ("https://[oops").
_SCHEME = re.compile(r"([A-Za-z][A-Za-z0-9+.-]*):")
# What a browser's URL parser removes before reading a URL: C0 controls and spaces at either end, tabs and
# newlines anywhere (WHATWG URL Standard, "basic URL parser").
_TRIMMED = re.compile(r"^[\x00-\x20]+|[\x00-\x20]+$")
_TAB_OR_NEWLINE = re.compile(r"[\t\n\r]")


def url_scheme(url: str) -> str:
    """The scheme a browser would see, lower-cased; ``""`` for a relative URL."""
    match = _SCHEME.match(_IGNORED_BY_BROWSERS.sub("", url))
    return match.group(1).lower() if match else ""


def is_network_path(url: str) -> bool:
    """True for a URL without a scheme that names another host: ``//host/x``, and ``\\\\host``, ``/\\host``."""
    if url_scheme(url):
        return False
    read = _TAB_OR_NEWLINE.sub("", _TRIMMED.sub("", url))
    return read.replace("\\", "/").startswith("//")


def is_disguised_host(url: str) -> bool:
    """True for a network path written with backslashes (``\\\\evil.example``): it looks like a file of the site.

    Nobody writes a link to another site that way on purpose; it is how a link slips past a check for ``//``.
    """
    return is_network_path(url) and not _TAB_OR_NEWLINE.sub("", _TRIMMED.sub("", url)).startswith("//")


def is_safe_url(url: str) -> bool:
    """True for relative URLs and http(s)/mailto ones; False for ``javascript:``, ``data:``, ``vbscript:``...

    Also False for another host disguised as a path with backslashes (:func:`is_disguised_host`).
    """
    scheme = url_scheme(url)
    if scheme == "":
        return not is_disguised_host(url)
    return scheme in SAFE_SCHEMES


def is_external_url(url: str) -> bool:
    """True for http(s) URLs and network paths (``//host/x``): addresses on another site that may be linked.

    Never for a URL :func:`is_safe_url` refuses: a host written with backslashes is neither this site's nor linked.
    """
    return url_scheme(url) in {"http", "https"} or (is_network_path(url) and not is_disguised_host(url))


def is_site_path(url: str) -> bool:
    """True for a path of the site itself (``feed.xml``, ``/_static/cv.pdf``): no scheme, no host, no fragment alone."""
    return url_scheme(url) == "" and not is_network_path(url) and not url.strip().startswith("#")
