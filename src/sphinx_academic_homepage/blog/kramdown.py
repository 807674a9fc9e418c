"""kramdown, as Jekyll renders al-folio's posts, written as the MyST that renders the same; line for line.

Every line of a post stays on its line (a warning about the page names the post's own line); what changes:

- math (MathJax's rules in al-folio): ``$$...$$`` inside a line of text -> ``$...$``; ``$$`` on lines of its
  own stays a ``$$`` block; ``\\\\(...\\\\)`` -> ``$...$`` and ``\\\\[``/``\\\\]`` -> ``$$``; a ``$`` that
  kramdown leaves as text (``$5``) is escaped, so MyST's ``dollarmath`` does not take it for math;
- inline attribute lists (``{:target="_blank"}``, ``{: .block-tip }``) are taken out of the text; a line of its
  own holding classes gives them to the block above it (al-folio's coloured blockquotes), by its line;
- an HTML block runs to the tag that closes it, as kramdown reads it, blank lines included (CommonMark would
  end it at the first blank line and read the indented rest as code);
- Markdown links and HTML ``href`` to an address of the site (``/blog/2015/math/``) are given to ``links``,
  which answers with the target that reaches the page inside the site.

Code (fenced blocks and code spans) is left as written.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")
# A block-level HTML element at the start of a line, as kramdown starts an HTML block with it.
_HTML_BLOCK = re.compile(
    r"^ {0,3}<(div|figure|table|details|blockquote|section|center|p|ul|ol|dl|pre|iframe|video|audio|picture|"
    r"swiper-container|img-comparison-slider|form|aside|nav|header|footer)(?=[\s>/])",
    re.I,
)
_BLOCK_IAL = re.compile(r"^\s*\{:(?!:|/)([^{}]*)\}\s*$")
_INLINE_IAL = re.compile(r"\{:(?!:|/)[^{}\n]*\}")
_CLASS = re.compile(r"(?:^|\s)\.([\w-]+)")
# The tokens of inline math, and dollars that are text.
_MATH_TOKEN = re.compile(r"\\\\\(|\\\\\)|\\\\\[|\\\\\]|\$\$|\\\$|\$")
_BACKTICKS = re.compile(r"`+")
_MARKDOWN_LINK = re.compile(r"\]\(\s*(<[^<>\n]*>|[^\s()<>]+)")
_HTML_HREF = re.compile(r"""(\bhref\s*=\s*)(["'])([^"'<>]*)\2""", re.I)


@dataclass
class Converted:
    lines: list[str]
    #: 1-based line of a block attribute list -> the classes it gives the block above it.
    block_classes: dict[int, tuple[str, ...]] = field(default_factory=dict)


@dataclass
class _State:
    fence: str | None = None  # the fence that opened the code block we are in
    display_math: str | None = None  # the closing "$$" or "\\]" of the display block we are in
    html_tag: str | None = None  # the element whose HTML block we are in
    html_depth: int = 0


Links = Callable[[str, bool], str | None]


def convert(lines: list[str], first_line: int, links: Links) -> Converted:
    """``lines`` (the body, from 1-based line ``first_line`` of the post) as MyST; ``links(url, in_html)`` gives
    the site's own target for an address (None: as written)."""
    result = Converted([])
    state = _State()
    for index, line in enumerate(lines):
        result.lines.append(_line(line, state, first_line + index, result, links))
    return result


def _line(line: str, state: _State, number: int, result: Converted, links: Links) -> str:
    if state.fence is not None:
        if line.strip().startswith(state.fence) and set(line.strip()) == {state.fence[0]}:
            state.fence = None
        return line
    if state.display_math is not None:
        return _in_display_math(line, state)
    if state.html_tag is not None:
        return _in_html_block(line, state, links)
    fence = _FENCE.match(line)
    if fence:
        state.fence = fence.group(1)
        return line
    html = _HTML_BLOCK.match(line)
    if html:
        state.html_tag, state.html_depth = html.group(1).lower(), 0
        return _in_html_block(line, state, links)
    block_ial = _BLOCK_IAL.match(line)
    if block_ial:
        classes = tuple(_CLASS.findall(block_ial.group(1)))
        if classes:
            result.block_classes[number] = classes
        return ""
    stripped = line.strip()
    if stripped in ("$$", "\\\\[") or (stripped.startswith("$$") and stripped.count("$$") == 1):
        state.display_math = "$$" if stripped.startswith("$$") else "\\\\]"
        return line.replace("\\\\[", "$$", 1)
    if stripped.startswith("$$") and stripped.endswith("$$") and stripped.count("$$") == 2:
        return line  # a display formula on one line
    if stripped.startswith("\\\\[") and stripped.endswith("\\\\]"):
        return line.replace("\\\\[", "$$", 1).replace("\\\\]", "$$", 1)
    return _outside_code(line, lambda text: _text(text, links))


def _in_display_math(line: str, state: _State) -> str:
    if state.display_math in line:
        closing, state.display_math = state.display_math, None
        return line.replace(closing, "$$", 1)
    return line


def _in_html_block(line: str, state: _State, links: Links) -> str:
    tag = state.html_tag
    state.html_depth += len(re.findall(rf"<{tag}(?=[\s>/])", line, re.I))
    state.html_depth -= len(re.findall(rf"</{tag}\s*>", line, re.I))
    if state.html_depth <= 0:
        state.html_tag = None
    if not line.strip():
        # A blank line would end the block for CommonMark; an empty comment keeps it going and shows nothing.
        return "<!-- -->"
    return _HTML_HREF.sub(lambda match: _href(match, links), line)


def _href(match: re.Match, links: Links) -> str:
    target = links(match.group(3), True)
    return match.group(0) if target is None else f"{match.group(1)}{match.group(2)}{target}{match.group(2)}"


def _outside_code(line: str, convert_text: Callable[[str], str]) -> str:
    """``line`` with ``convert_text`` applied to what is not inside a code span."""
    runs = list(_BACKTICKS.finditer(line))
    # The next run of the same length after each run: a code span closes there (CommonMark).
    closing: dict[int, int] = {}
    last_of_length: dict[int, int] = {}
    for index in range(len(runs) - 1, -1, -1):
        length = len(runs[index].group())
        if length in last_of_length:
            closing[index] = last_of_length[length]
        last_of_length[length] = index
    pieces, position, index = [], 0, 0
    while index < len(runs):
        if index in closing:
            start, end = runs[index].start(), runs[closing[index]].end()
            pieces.append(convert_text(line[position:start]))
            pieces.append(line[start:end])
            position, index = end, closing[index] + 1
        else:
            index += 1
    pieces.append(convert_text(line[position:]))
    return "".join(pieces)


def _text(text: str, links: Links) -> str:
    text = _INLINE_IAL.sub("", text)
    text = _MARKDOWN_LINK.sub(lambda match: _markdown_link(match, links), text)
    text = _HTML_HREF.sub(lambda match: _href(match, links), text)
    return _math(text)


def _markdown_link(match: re.Match, links: Links) -> str:
    written = match.group(1)
    url = written[1:-1] if written.startswith("<") else written
    target = links(url, False)
    return match.group(0) if target is None else f"](<{target}>"


_PAIRS = {"$$": "$$", "\\\\(": "\\\\)", "\\\\[": "\\\\]"}


def _math(text: str) -> str:
    """Inline math as MyST writes it, and the other dollars escaped."""
    tokens = list(_MATH_TOKEN.finditer(text))
    # Where each opening token closes: the next closing token of its kind (found in one backward pass).
    next_closing: dict[int, int] = {}
    seen: dict[str, int] = {}
    for index in range(len(tokens) - 1, -1, -1):
        token = tokens[index].group()
        if token in _PAIRS and _PAIRS[token] in seen:
            next_closing[index] = seen[_PAIRS[token]]
        seen[token] = index
    pieces, position, index = [], 0, 0
    while index < len(tokens):
        token = tokens[index]
        pieces.append(text[position : token.start()])
        if index in next_closing:
            end = tokens[next_closing[index]]
            inner = text[token.end() : end.start()].strip()
            pieces.append(f"${inner}$" if inner else text[token.start() : end.end()])
            position, index = end.end(), next_closing[index] + 1
            continue
        pieces.append("\\$" if token.group() == "$" else token.group())
        position, index = token.end(), index + 1
    pieces.append(text[position:])
    return "".join(pieces)
