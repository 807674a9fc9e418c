"""axe-core finds no accessibility violation on any page, in light and dark mode, on a laptop and a phone."""

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
    """Every rule on every page."""
    violations = {
        path: [_summary(violation) for violation in report.axe_violations]
        for path, report in site_survey[viewport, mode].items()
        if report.axe_violations
    }
    assert violations == {}, "\n".join(f"{page}: {line}" for page, lines in violations.items() for line in lines)
