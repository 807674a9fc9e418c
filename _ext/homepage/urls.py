"""Which URLs from a user's files may become links or image sources.

al-folio pastes URLs into HTML as they are; a ``javascript:`` link in a BibTeX
field or a social entry then runs in every visitor's browser. Here a URL is
kept only if it is relative or uses a scheme that cannot execute.
"""

from __future__ import annotations

import re

SAFE_SCHEMES = frozenset({"http", "https", "mailto"})

# Browsers ignore ASCII control characters and white space inside a scheme ("java\tscript:").
_IGNORED_BY_BROWSERS = re.compile(r"[\x00-\x20\x7f]")
# RFC 3986's scheme, read by hand: urlsplit() raises ValueError on the rest of some URLs ("https://[oops").
_SCHEME = re.compile(r"([A-Za-z][A-Za-z0-9+.-]*):")


def url_scheme(url: str) -> str:
    """The scheme a browser would see, lower-cased; ``""`` for a relative URL."""
    match = _SCHEME.match(_IGNORED_BY_BROWSERS.sub("", url))
    return match.group(1).lower() if match else ""


def is_safe_url(url: str) -> bool:
    """True for relative URLs and http(s)/mailto ones; False for ``javascript:``, ``data:``, ``vbscript:``..."""
    scheme = url_scheme(url)
    return scheme == "" or scheme in SAFE_SCHEMES


def is_external_url(url: str) -> bool:
    return url_scheme(url) in {"http", "https"}
