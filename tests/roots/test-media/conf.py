"""A stand-in for the posts' converter: each ``{% include figure|video|audio.liquid k="v" ... %}`` line of a page
becomes what blog/media.py writes for it, at that line."""

import re
import shlex

from sphinx_academic_homepage.blog.media import audio_html, figure_html, video_html

extensions = ["sphinx_academic_homepage"]
html_theme = "pydata_sphinx_theme"
exclude_patterns = ["_build"]

_INCLUDE = re.compile(r"\{% include (figure|video|audio)\.liquid (.*?) %\}")
_WRITERS = {"figure": figure_html, "video": video_html, "audio": audio_html}


def _convert(app, docname, source):
    lines = source[0].split("\n")
    for number, line in enumerate(lines, start=1):
        def written(match):
            attributes = dict(part.split("=", 1) for part in shlex.split(match.group(2)))
            return _WRITERS[match.group(1)](app, docname, attributes, (docname, number))

        lines[number - 1] = _INCLUDE.sub(written, line)
    source[0] = "\n".join(lines)


def setup(app):
    app.connect("source-read", _convert)
    return {"parallel_read_safe": True}
