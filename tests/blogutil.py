"""Helpers of the blog's tests: figures and media shown by a stand-in while the real ones are not in this tree."""

from __future__ import annotations

import contextlib
import html
import importlib.util
import sys
import types
from collections.abc import Iterator

import pytest

MEDIA_MODULE = "sphinx_academic_homepage.blog.media"


def _stand_in(kind: str):
    def media_html(app, docname, attributes, location) -> str:
        shown = " ".join(f"{key}={value}" for key, value in sorted(attributes.items()))
        return f'<figure class="stand-in-{kind}" title="{html.escape(shown)}"></figure>'

    return media_html


@contextlib.contextmanager
def media_stand_in() -> Iterator[list]:
    """The media functions of the contract, answered by a stand-in that records its calls, unless the real
    module is installed (then the real one answers, and the calls are not recorded)."""
    calls: list = []
    if importlib.util.find_spec(MEDIA_MODULE) is not None:
        yield calls
        return
    stand_in = types.ModuleType(MEDIA_MODULE)
    for kind in ("figure", "video", "audio"):
        function = _stand_in(kind)

        def recorded(app, docname, attributes, location, function=function, kind=kind):
            calls.append((kind, docname, dict(attributes), location))
            return function(app, docname, attributes, location)

        setattr(stand_in, f"{kind}_html", recorded)
    with pytest.MonkeyPatch.context() as patch:
        patch.setitem(sys.modules, MEDIA_MODULE, stand_in)
        yield calls
