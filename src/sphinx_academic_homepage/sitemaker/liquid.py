"""Liquid in an al-folio page or post, reduced to what this site carries; the rest taken out and named.

Jekyll runs Liquid before Markdown. This site reads a few of al-folio's tags itself in posts (the blog's
:mod:`..blog.tags`: ``raw``, ``comment``, ``highlight``, the figure, video and audio includes, ``link``,
``post_url``, ``site.baseurl``, ``site.url``, ``relative_url``); pages are read with no Liquid at all. So:

- in a post, those tags stay as written; in a page, the outputs are written out (``{{ site.baseurl }}`` is
  the site's root, ``{{ 'x' | relative_url }}`` is ``/x``, ``{{ site.<key> }}`` the value of ``_config.yml``),
  ``{% raw %}`` gives its text, ``{% comment %}`` nothing, ``{% highlight %}`` a fenced code block and the
  figure include the ``<img>`` it shows;
- a logic block (``{% if %}``, ``{% for %}``, ``{% unless %}``, ``{% case %}``, ``{% capture %}``) goes whole,
  its text included: what it shows depends on Jekyll's data, which this site does not have;
- any other tag (``{% include news.liquid %}``, ``{% twitter %}``, ``{% details %}``) goes, the text between a
  block tag and its end stays; an output this site cannot resolve goes.

Each thing taken out or written out is returned as a note for ``MIGRATION.md``.
"""

from __future__ import annotations

import html
import re
from collections.abc import Mapping
from dataclasses import dataclass, field

from ..blog.liquid import Liquid, arguments, liquid_in

#: Blocks whose text depends on Jekyll's data: taken out whole.
LOGIC_BLOCKS = frozenset({"if", "unless", "for", "case", "capture", "tablerow"})
#: Blocks whose text is not Liquid: the text as written (``raw``), or nothing (``comment``).
VERBATIM_BLOCKS = frozenset({"raw", "comment"})
# Tags that only close or continue a block whose opening tag was taken out already.
_COMPANIONS = re.compile(r"end\w+|else|elsif|when")
#: Tags the blog reads in a post (:mod:`..blog.tags`), besides the media includes.
POST_TAGS = frozenset({"raw", "endraw", "comment", "endcomment", "highlight", "endhighlight", "link", "post_url"})
POST_INCLUDES = frozenset({"figure", "video", "audio"})
_URL_FILTER = re.compile(r"^(?P<quote>['\"])(?P<path>[^'\"]*)(?P=quote)\s*\|\s*(relative_url|absolute_url)\s*$")


@dataclass
class Cleaned:
    text: str
    #: What was written out, and why (for ``MIGRATION.md``'s "changed").
    changed: list[str] = field(default_factory=list)
    #: What was taken out (for ``MIGRATION.md``'s "left out").
    left_out: list[str] = field(default_factory=list)

    def note(self, notes: list[str], text: str) -> None:
        if text not in notes:
            notes.append(text)


def _include_name(tag: Liquid) -> str:
    words, _ = arguments(tag.rest)
    return words[0].rsplit(".", 1)[0] if words else ""


def _carried_in_post(tag: Liquid) -> bool:
    if tag.kind == "output":
        return tag.name in ("site.baseurl", "site.url") or bool(_URL_FILTER.match(tag.markup))
    if tag.name == "include":
        return _include_name(tag) in POST_INCLUDES
    return tag.name in POST_TAGS


def _block_end(tags: list[Liquid], index: int) -> int | None:
    """The index of the tag that closes the block opened at ``index`` (nested blocks of its kind counted); None
    when it is never closed (the opening tag is then taken out alone)."""
    name, depth = tags[index].name, 0
    for position in range(index, len(tags)):
        if tags[position].kind != "tag":
            continue
        if tags[position].name == name:
            depth += 1
        elif tags[position].name == f"end{name}":
            depth -= 1
            if depth == 0:
                return position
    return None


def _page_output(tag: Liquid, site: Mapping[str, str], cleaned: Cleaned) -> str | None:
    """What an output becomes in a page; None when the site cannot say."""
    url = _URL_FILTER.match(tag.markup)
    if url:
        cleaned.note(cleaned.changed, f"`{tag.written}` written as the site's address")
        return "/" + url["path"].lstrip("/")
    key = tag.markup.removeprefix("site.")
    if tag.markup.startswith("site.") and key in site:
        cleaned.note(cleaned.changed, f"`{tag.written}` written out as `_config.yml` gives it")
        return site[key]
    return None


def _not_carried(tag: Liquid, later: list[Liquid]) -> str:
    what = f"`{{% include {_include_name(tag)} %}}`" if tag.name == "include" else f"`{tag.written}`"
    block = any(other.kind == "tag" and other.name == f"end{tag.name}" for other in later)
    return f"{what}: an al-folio tag with no counterpart here" + (" (the text up to its end stays)" if block else "")


def _page_figure(tag: Liquid, cleaned: Cleaned) -> str:
    """al-folio's figure include in a page, as the HTML image it shows (pages are read without Liquid)."""
    _, values = arguments(tag.rest)
    path = values.get("path", "").lstrip("/")
    if not path:
        cleaned.note(cleaned.left_out, "`{% include figure %}` without a `path`")
        return ""
    cleaned.note(cleaned.changed, "`{% include figure.liquid %}` written as an HTML `<img>` of the same file")
    alt = html.escape(values.get("alt") or values.get("caption") or "", quote=True)
    return f'<img src="/{html.escape(path, quote=True)}" alt="{alt}">'


def _block(text: str, tag: Liquid, end: Liquid, post: bool, cleaned: Cleaned) -> str:
    """What a whole block (``raw``, ``comment`` or a logic block) becomes."""
    if tag.name in VERBATIM_BLOCKS and post:
        return text[tag.start : end.end]  # the blog reads it, and what is inside is not Liquid to look at
    if tag.name == "raw":
        return text[tag.end : end.start]
    if tag.name in LOGIC_BLOCKS:
        cleaned.note(cleaned.left_out, f"`{tag.written}` ... `{{% end{tag.name} %}}` and what is between: "
                     "it shows what Jekyll's data holds, which this site does not have")
    return ""


def _page_tag(tag: Liquid, later: list[Liquid], cleaned: Cleaned) -> str:
    """What a tag that is no block becomes in a page."""
    if tag.name == "highlight":
        cleaned.note(cleaned.changed, "`{% highlight %}` ... `{% endhighlight %}` written as a fenced code block")
        words, _ = arguments(tag.rest)
        return f"```{words[0] if words else ''}"
    if tag.name == "endhighlight":
        return "```"
    if tag.name == "include" and _include_name(tag) == "figure":
        return _page_figure(tag, cleaned)
    return _other_tag(tag, later, cleaned)


def _other_tag(tag: Liquid, later: list[Liquid], cleaned: Cleaned) -> str:
    if not _COMPANIONS.fullmatch(tag.name):
        cleaned.note(cleaned.left_out, _not_carried(tag, later))
    return ""


def _one(text: str, tags: list[Liquid], index: int, site: Mapping[str, str], post: bool, cleaned: Cleaned) -> str:
    """What the tag or output at ``index``, not a block, becomes."""
    tag = tags[index]
    if post and _carried_in_post(tag):
        return text[tag.start : tag.end]
    if tag.kind == "output":
        value = None if post else _page_output(tag, site, cleaned)
        if value is None:
            cleaned.note(cleaned.left_out, f"`{tag.written}`: a value of Jekyll's this site does not have")
        return value or ""
    if post:
        return _other_tag(tag, tags[index + 1 :], cleaned)
    return _page_tag(tag, tags[index + 1 :], cleaned)


def clean_liquid(text: str, site: Mapping[str, str], post: bool) -> Cleaned:
    """``text`` with its Liquid reduced to what a post (``post=True``) or a page of this site carries.

    ``site`` holds ``_config.yml``'s text values by key (``baseurl`` is ``""``: the site's root).
    """
    cleaned = Cleaned("")
    tags = list(liquid_in(text))
    pieces, position, index = [], 0, 0
    while index < len(tags):
        tag = tags[index]
        pieces.append(text[position : tag.start])
        is_block = tag.kind == "tag" and (tag.name in LOGIC_BLOCKS or tag.name in VERBATIM_BLOCKS)
        end = _block_end(tags, index) if is_block else None
        if end is None:
            pieces.append(_one(text, tags, index, site, post, cleaned))
            position, index = tag.end, index + 1
        else:
            pieces.append(_block(text, tag, tags[end], post, cleaned))
            position, index = tags[end].end, end + 1
    pieces.append(text[position:])
    cleaned.text = "".join(pieces)
    return cleaned
