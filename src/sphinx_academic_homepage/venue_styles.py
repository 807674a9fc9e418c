"""The colours of ``venues.yml`` on the ``abbr`` badges, in a stylesheet of the site's own.

A colour written as a ``style`` attribute would need ``style-src-attr 'unsafe-inline'`` in every page's
Content-Security-Policy (:mod:`.csp`); a class per venue (:func:`venue_class`) and one generated stylesheet,
``_static/homepage-venues.css``, need nothing: it is served from the site like the others, linked from the
pages that show a coloured badge. The colours are checked when they are read (:mod:`.sitedata`), so no value
can end its declaration or reach another host.
"""

from __future__ import annotations

import hashlib
import re
from typing import Any

from sphinx.application import Sphinx

from .assets import write_made_file
from .sitedata import Venue, site_data

STYLESHEET = "homepage-venues.css"
_CLASS_PREFIX = "homepage-venue-"


def venue_class(abbr: str) -> str:
    """The class of ``abbr``'s badge: readable, and distinct for two abbreviations that read alike."""
    readable = re.sub(r"[^a-z0-9]+", "-", abbr.lower()).strip("-")[:40]
    digest = hashlib.sha256(abbr.encode("utf-8")).hexdigest()[:6]
    return f"{_CLASS_PREFIX}{readable}-{digest}" if readable else f"{_CLASS_PREFIX}{digest}"


def venue_stylesheet(venues: tuple[Venue, ...]) -> str | None:
    """The rules that colour each venue's badge; None when no venue has a colour."""
    rules = [
        f".homepage-pub__badge.{venue_class(venue.abbr)} {{ background: {venue.colour}; }}"
        for venue in venues
        if venue.colour
    ]
    return "\n".join(rules) + "\n" if rules else None


def _write_stylesheet(app: Sphinx) -> None:
    if app.builder.format == "html":
        write_made_file(app, STYLESHEET, venue_stylesheet(site_data(app).venues))


def _link_stylesheet(app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any) -> None:
    if _CLASS_PREFIX in context.get("body", "") and any(venue.colour for venue in site_data(app).venues):
        app.add_css_file(STYLESHEET)


def setup_venue_styles(app: Sphinx) -> None:
    app.connect("builder-inited", _write_stylesheet)
    app.connect("html-page-context", _link_stylesheet)
