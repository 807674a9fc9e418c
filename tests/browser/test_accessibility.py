"""axe-core finds no accessibility violation on any page: every kind of page in light and dark mode, on a laptop
and a phone; every other page on a laptop in light mode.

The other pages are the paper pages after the first: the first one's template with other data. Colour
contrast, what is hidden at which width and the menus are the template's (its stylesheets and scripts,
the same on each, ``test_clean_load.py`` checks), so they are checked on the first in all four; what a
page's data can get wrong (an image's text, a link's name, a heading's level, a duplicate id) axe sees on
each page in its one visit. Each visit runs every rule; four visits of every paper page were most of the
browser tests' time.
"""

from __future__ import annotations

import pytest

from browser.survey import MODES, VIEWPORTS


def _summary(violation: dict) -> str:
    targets = [" ".join(node["target"]) if isinstance(node["target"], list) else str(node["target"])
               for node in violation["nodes"][:3]]
    return f"{violation['id']} ({violation['impact']}): {violation['help']} -- {targets}"


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize("viewport", VIEWPORTS)
def test_axe_finds_no_violation_on_any_page(site_survey, viewport, mode):
    """Every rule on every page visited in this viewport and mode (``browser/survey.py``)."""
    violations = {
        path: [_summary(violation) for violation in report.axe_violations]
        for path, report in site_survey[viewport, mode].items()
        if report.axe_violations
    }
    assert violations == {}, "\n".join(f"{page}: {line}" for page, lines in violations.items() for line in lines)
