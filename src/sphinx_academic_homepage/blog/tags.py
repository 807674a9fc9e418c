"""What each Liquid tag and output of a post becomes, as one piece of text on the tag's own lines.

- ``{% raw %}...{% endraw %}``: the text between, as written; ``{% comment %}``: nothing;
- ``{% highlight lang linenos %}``/``{% endhighlight %}`` on lines of their own: a fenced code block (its line
  numbers noted, for the block to show them);
- ``{% include figure.liquid|video.liquid|audio.liquid ... %}`` (or ``.html``): the HTML of :mod:`.media`;
- ``{{ 'path' | relative_url }}`` (or ``absolute_url``): the site's file, written as ``{{ site.baseurl }}/path``;
- ``{{ site.baseurl }}``: nothing in Markdown (``/assets/x`` is then the site's file, as in al-folio), the
  site's root relative to the page inside an HTML attribute; ``{{ site.url }}``: ``html_baseurl``;
- ``{% link _posts/... %}``, ``{% post_url 2015-10-20-math %}``: the post (a document link in Markdown, a
  relative URL in HTML);
- anything else: one ``homepage.post`` warning per tag name and post, at its first line, and nothing in its
  place (the text between a block tag and its end stays).
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import PurePosixPath

from sphinx.application import Sphinx

from ..diagnostics import warn
from .discovery import PostsProject
from .liquid import Liquid, arguments, liquid_in

_MEDIA = {"figure": "figure_html", "video": "video_html", "audio": "audio_html"}
# Tags that only close or continue a block whose opening tag warned already.
_COMPANIONS = re.compile(r"^(end\w+|else|elsif|when)$")
# The tag sits in an HTML attribute's value: `href="{{ site.baseurl }}/...`.
_LOOK_BACK = 400
_QUOTED = re.compile(r"""(["'])(.*)\1""")
_IN_ATTRIBUTE = re.compile(r"""=\s*["']?[^"'\s>]*$""")


@dataclass
class Rendered:
    text: str
    #: 1-based lines (of the post) of the code blocks whose lines are numbered.
    numbered_code: set[int] = field(default_factory=set)


@dataclass
class _Context:
    app: Sphinx
    docname: str
    first_line: int
    text: str
    warned: set[str] = field(default_factory=set)
    numbered_code: set[int] = field(default_factory=set)

    def location(self, tag: Liquid) -> tuple[str, int]:
        return (self.docname, self.first_line + tag.line)

    def not_carried(self, tag: Liquid, why: str = "is not carried") -> None:
        if tag.name not in self.warned:
            self.warned.add(tag.name)
            warn(f"Liquid {tag.written} {why}; left out", "post", self.location(tag))


def render(app: Sphinx, docname: str, text: str, first_line: int) -> Rendered:
    """``text`` (a post's body, from 1-based line ``first_line``) with its Liquid rendered, line for line."""
    context = _Context(app, docname, first_line, text)
    pieces, position, skipping = [], 0, None
    for tag in liquid_in(text):
        if skipping is not None:
            if not (tag.kind == "tag" and tag.name == f"end{skipping}"):
                continue
            between = text[position : tag.start]
            pieces.append(between if skipping == "raw" else "\n" * between.count("\n"))
            pieces.append("")
            position, skipping = tag.end, None
            continue
        pieces.append(text[position : tag.start])
        written = text[tag.start : tag.end]
        if tag.kind == "tag" and tag.name in ("raw", "comment"):
            skipping = tag.name
            replacement = ""
        else:
            replacement = _replacement(context, tag, _line_before(text, tag.start))
        # The tag's own line breaks stay, after what replaces it.
        pieces.append(replacement + "\n" * written.count("\n"))
        position = tag.end
    pieces.append(text[position:])
    return Rendered("".join(pieces), context.numbered_code)


def _line_before(text: str, start: int) -> str:
    # Whether a tag sits in an attribute is told by the characters just before it: a bounded look back keeps a
    # line of a hundred thousand tags linear.
    window = max(0, start - _LOOK_BACK)
    return text[text.rfind("\n", window, start) + 1 : start]


def _replacement(context: _Context, tag: Liquid, before: str) -> str:
    in_attribute = bool(_IN_ATTRIBUTE.search(before))
    if tag.kind == "output":
        return _output(context, tag, in_attribute)
    handler = _TAGS.get(tag.name)
    if handler is not None:
        return handler(context, tag, before, in_attribute)
    if not _COMPANIONS.match(tag.name):
        context.not_carried(tag)
    return ""


def _output(context: _Context, tag: Liquid, in_attribute: bool) -> str:
    variable, _, filters = (part.strip() for part in tag.markup.partition("|"))
    quoted = _QUOTED.fullmatch(variable)
    if quoted and filters in ("relative_url", "absolute_url"):
        # A site path written for Jekyll to prefix with the site's address.
        path = quoted.group(2)
        return f"{_site_root(context)}/{path.lstrip('/')}" if in_attribute else "/" + path.lstrip("/")
    if variable == "site.baseurl":
        return _site_root(context) if in_attribute else ""
    if variable == "site.url":
        baseurl = (context.app.config.html_baseurl or "").rstrip("/")
        return baseurl or (_site_root(context) if in_attribute else "")
    context.not_carried(tag)
    return ""


def _site_root(context: _Context) -> str:
    folder = posixpath.dirname(context.app.builder.get_target_uri(context.docname)) or "."
    return posixpath.relpath(".", folder)


def _highlight(context: _Context, tag: Liquid, before: str, in_attribute: bool) -> str:
    line_end = context.text.find("\n", tag.end)
    if before.strip() or context.text[tag.end : line_end if line_end >= 0 else None].strip():
        context.not_carried(tag, "is carried only on a line of its own")
        return ""
    words, _ = arguments(tag.rest)
    language = words[0] if words else ""
    if "linenos" in words[1:]:
        context.numbered_code.add(context.first_line + tag.line)
    return f"~~~~{language}"


def _end_highlight(context: _Context, tag: Liquid, before: str, in_attribute: bool) -> str:
    return "~~~~"


def _include(context: _Context, tag: Liquid, before: str, in_attribute: bool) -> str:
    words, attributes = arguments(tag.rest)
    name = words[0] if words else ""
    stem, _, suffix = name.rpartition(".")
    function = _MEDIA.get(stem) if suffix in ("liquid", "html") else None
    if function is None:
        context.not_carried(Liquid(tag.kind, f"include {name}", tag.start, tag.end, tag.line))
        return ""
    from . import media  # the render part's; imported when a post first shows media

    html = getattr(media, function)(context.app, context.docname, attributes, context.location(tag))
    return " ".join(html.split("\n"))


def _post_link(context: _Context, tag: Liquid, before: str, in_attribute: bool) -> str:
    words, _ = arguments(tag.rest)
    written = words[0] if words else ""
    docname = _linked_post(context, tag.name, written)
    if docname is None:
        warn(f"Liquid {{% {tag.name} {written} %}} names no post of the site; left out", "post", context.location(tag))
        return ""
    # The linking post is read again when the linked one changes (its address may move with its date).
    context.app.env.note_dependency(context.app.env.doc2path(docname))
    if in_attribute:
        return context.app.builder.get_relative_uri(context.docname, docname)
    return "/" + context.app.env.doc2path(docname, False).as_posix()


def _linked_post(context: _Context, kind: str, written: str) -> str | None:
    project = context.app.env.project
    if not isinstance(project, PostsProject):
        return None
    for docname, post in project.post_files.items():
        source = PurePosixPath(post.source)
        if kind == "link" and written.lstrip("/") == post.source:
            return docname
        if kind == "post_url" and written in (source.stem, source.relative_to(project.posts_dir).with_suffix("").as_posix()):
            return docname
    return None


_TAGS: dict[str, Callable[[_Context, Liquid, str, bool], str]] = {
    "highlight": _highlight,
    "endhighlight": _end_highlight,
    "include": _include,
    "link": _post_link,
    "post_url": _post_link,
}
