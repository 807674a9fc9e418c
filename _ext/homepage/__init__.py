"""Homepage: al-folio front matter, profile card, social links and publication lists for Sphinx.

``setup()`` only wires; each concern lives in its own module with a ``setup_<name>(app)``.
"""

from __future__ import annotations

from typing import Any

from sphinx.application import Sphinx

from .assets import setup_assets
from .frontmatter import setup_frontmatter
from .navigation import setup_navigation
from .publications import setup_publications

__version__ = "0.1.0"


def setup(app: Sphinx) -> dict[str, Any]:
    setup_assets(app)
    setup_frontmatter(app)
    setup_navigation(app)
    setup_publications(app)
    return {
        "version": __version__,
        "parallel_read_safe": True,
        "parallel_write_safe": True,
    }
