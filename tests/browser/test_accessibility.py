"""axe-core finds no accessibility violation on any page: every kind of page with every rule in light and dark
mode on a laptop, and on a phone in light mode with what the width changes (``survey.AXE_RUNS``: every rule
but colour contrast, and the size of what a finger taps); every other page on a laptop in light mode.

The other pages are the paper pages after the first: the first one's template with other data. Colour
contrast, what is hidden at which width and the menus are the template's (its stylesheets and scripts,
the same on each, ``test_clean_load.py`` checks), so they are checked on the first; what a page's data can
get wrong (an image's text, a link's name, a heading's level, a duplicate id) axe sees on each page in its
one visit. Colour contrast, most of axe's time, does not change with the width, nor does anything in the
other mode at a phone's width but colours: both are checked on a laptop only. That no page scrolls sideways
on a phone is ``test_layout.py``'s.
"""

from __future__ import annotations

import pytest

from browser.survey import AXE_RUNS


def _summary(violation: dict) -> str:
    targets = [" ".join(node["target"]) if isinstance(node["target"], list) else str(node["target"])
               for node in violation["nodes"][:3]]
    return f"{violation['id']} ({violation['impact']}): {violation['help']} -- {targets}"


@pytest.mark.parametrize(("viewport", "mode"), AXE_RUNS)
def test_axe_finds_no_violation_on_any_page(site_survey, viewport, mode):
    """axe, as ``AXE_RUNS`` runs it there, on every page visited in this viewport and mode (``browser/survey.py``)."""
    violations = {
        path: [_summary(violation) for violation in report.axe_violations]
        for path, report in site_survey[viewport, mode].items()
        if report.axe_violations
    }
    assert violations == {}, "\n".join(f"{page}: {line}" for page, lines in violations.items() for line in lines)
