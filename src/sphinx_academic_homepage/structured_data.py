"""schema.org structured data (JSON-LD) for a page's ``<head>``.

Search engines read who a site is about (``Person`` on the home page, :mod:`.seo`) and what a paper
is (``ScholarlyArticle`` on each paper's page, :mod:`.publications.pages`) from a JSON-LD script
element. Its values come from the user's files (a BibTeX title, a job title), so the element is
written in one place, which makes sure no value can end it early.
"""

from __future__ import annotations

import json
from typing import Any


def json_ld(data: dict[str, Any]) -> str:
    """A JSON-LD script element; ``<``, ``>`` and ``&`` are escaped inside the JSON so no value
    (a title with ``</script>``) can end the element early."""
    text = json.dumps(data, ensure_ascii=False, indent=None)
    text = text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    return f'<script type="application/ld+json">{text}</script>'
