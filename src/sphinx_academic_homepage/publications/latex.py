"""BibTeX field values (LaTeX) as rich text: Unicode letters, emphasis, links and math kept apart.

A field such as ``{KAN}: {Kolmogorov-Arnold} Networks`` or ``Schr\\"odinger $z \\sim 3.8$`` becomes a
tuple of *runs*: plain strings, or tuples ``(kind, ...)`` for formatted parts::

    ("em" | "strong" | "smallcaps" | "code" | "sup" | "sub", children)
    ("math", tex)                 $...$ or \\(...\\): rendered as MathML, never decoded as text
    ("link", url, children)       \\url{...}, \\href{url}{text}

Braces only protect capitals; nothing here ever lower-cases a title. Accents and symbols are decoded
by latexcodec (which pybtex uses too). Runs are plain tuples so the parsed bibliography pickles small.
"""

from __future__ import annotations

import codecs
import functools
import re
import unicodedata
from typing import Callable, Union

from docutils import nodes

Run = Union[str, tuple]
Rich = tuple  # of Run

#: Commands that format their argument.
_FORMATS = {
    "emph": "em",
    "textit": "em",
    "textsl": "em",
    "textbf": "strong",
    "textsc": "smallcaps",
    "texttt": "code",
    "textsuperscript": "sup",
    "textsubscript": "sub",
}
#: Old-style switches at the start of a group: ``{\em text}``.
_SWITCHES = {"em": "em", "it": "em", "sl": "em", "bf": "strong", "sc": "smallcaps", "tt": "code"}
#: Commands whose argument is kept as plain text.
_TRANSPARENT = {"textrm", "textsf", "textnormal", "textup", "textmd", "mbox", "text", "hbox", "mathrm", "NoCaseChange"}
#: Accent commands named by a letter; their argument belongs to latexcodec (``\v{c}`` -> č).
_LETTER_ACCENTS = set("vuHcdbtkr")
#: Each accent's combining mark, for what latexcodec leaves undecoded: an accent on a braced dotless ``{\\i}``
#: (DBLP writes ``{\\'{\\i}}``), dots and bars under a letter, the tie over two.
_COMBINING = {
    "'": "\u0301", "`": "\u0300", "^": "\u0302", '"': "\u0308", "~": "\u0303", "=": "\u0304", ".": "\u0307",
    "u": "\u0306", "v": "\u030c", "H": "\u030b", "c": "\u0327", "k": "\u0328", "r": "\u030a", "d": "\u0323",
    "b": "\u0331", "t": "\u0361",
}
#: Escaped characters.
_ESCAPES = {
    "$": "$", "&": "&", "%": "%", "#": "#", "_": "_", "{": "{", "}": "}",
    " ": " ", ",": "\u2009", "\\": " ", "-": "", "/": "", "@": "",
}

#: Names and symbols latexcodec does not know.
_SYMBOLS = {
    "LaTeX": "LaTeX",
    "TeX": "TeX",
    "BibTeX": "BibTeX",
    "LaTeXe": "LaTeX2e",
    "textdagger": "†",
    "dag": "†",
    "textdaggerdbl": "‡",
    "ddag": "‡",
    "textasteriskcentered": "∗",
    "textsection": "§",
    "textparagraph": "¶",
}

_COMMAND = re.compile(r"\\([A-Za-z]+|.)\s*", re.S)
_SPECIAL = re.compile(r"[\\{}$~]|--|``|''")


@functools.lru_cache(maxsize=65536)
def _decode(raw: str) -> str:
    """latexcodec's decoding of accents and symbols (cached: the same names recur across entries)."""
    import latexcodec  # noqa: F401  (registers the "ulatex" codec; imported when first needed)

    # latexcodec drops the blanks a piece starts with ("\\% b" would become "%b"): keep them.
    text = raw.lstrip()
    try:
        return raw[: len(raw) - len(text)] + codecs.decode(text, "ulatex")
    except Exception:  # latexcodec raises on odd input; the raw text is still readable
        return raw


#: A word latexcodec leaves as it is: letters and digits, perhaps closed by a punctuation mark.
_PLAIN_WORD = re.compile(r"[^\W_]+[.,;:]?")
#: Blanks latexcodec would change (it joins lines and runs of blanks); pybtex leaves none in field values.
_ODD_BLANKS = re.compile(r"\s\s|[^\S ]")


def _decode_text(raw: str) -> str:
    """:func:`_decode` of text without commands, in linear time.

    latexcodec reads a character at a time (about 15 s per MB), so only the words it could change go
    to it ("--", "``", "~"...), each run of them as one piece, cached; plain words are kept as they are.
    Checked to give the same text as decoding the whole value on every field of the corpus.
    """
    if _ODD_BLANKS.search(raw):
        return _decode(raw)
    out: list[str] = []
    pending: list[str] = []
    for word in raw.split(" "):
        if _PLAIN_WORD.fullmatch(word):
            if pending:
                out.append(_decode(" ".join(pending)))
                pending = []
            out.append(word)
        else:
            pending.append(word)
    if pending:
        out.append(_decode(" ".join(pending)))
    return " ".join(out)


@functools.lru_cache(maxsize=1024)
def _known_symbol(name: str) -> bool:
    return not _decode("\\" + name).startswith("\\")


def _group_end(text: str, start: int) -> int:
    """Index of the ``}`` closing the group opened at ``text[start] == "{"``, or -1."""
    depth = 0
    pos = start
    while pos < len(text):
        char = text[pos]
        if char == "\\":
            pos += 2
            continue
        if char == "{":
            depth += 1
        elif char == "}":
            depth -= 1
            if depth == 0:
                return pos
        pos += 1
    return -1


_MATH_BODY = re.compile(r"(?:[^\\$]|\\.)*", re.S)  # anything but an unescaped "$"


def _math_end(text: str, start: int) -> int:
    """Index of the unescaped ``$`` closing math opened just before ``start``, or -1."""
    end = _MATH_BODY.match(text, start).end()
    return end if text[end : end + 1] == "$" else -1


def _accent_end(text: str, pos: int, named_by_letter: bool) -> int:
    """Where an accent's target ends: a short braced group, a dotless \\i or \\j, or one character."""
    while pos < len(text) and text[pos] in " \t\n" and named_by_letter:
        pos += 1
    if pos >= len(text):
        return pos
    if text[pos] == "{":
        end = _group_end(text, pos)
        return end + 1 if end != -1 and end - pos <= 4 else pos
    if text.startswith(("\\i", "\\j"), pos) and not text[pos + 2 : pos + 3].isalpha():
        return pos + 2
    if text[pos] == "\\":
        return pos
    return pos + 1


def _accented(name: str, piece: str, target: str) -> str:
    """The accent ``piece`` (``\\v{c}``) decoded; what latexcodec cannot decode, with the accent's combining mark
    on the letter (a dotless i or j takes it as i or j, as Unicode composes them)."""
    decoded = _decode(piece).replace("{", "").replace("}", "")
    if "\\" not in decoded or name not in _COMBINING:
        return decoded
    letters = target.replace("{", "").replace("}", "").strip()
    letters = {"\\i": "i", "\\j": "j"}.get(letters, letters)
    if not letters or "\\" in letters:
        return decoded
    return unicodedata.normalize("NFC", letters[0] + _COMBINING[name] + letters[1:])


def _argument(text: str, pos: int) -> tuple[str | None, int]:
    """The braced argument starting at ``pos`` (after blanks): its content and the index after it."""
    while pos < len(text) and text[pos] in " \t\n":
        pos += 1
    if pos < len(text) and text[pos] == "{":
        end = _group_end(text, pos)
        if end != -1:
            return text[pos + 1 : end], end + 1
    return None, pos


class _Builder:
    """The runs of one group; a stretch of text is kept in pieces and joined once, so long values stay linear."""

    def __init__(self) -> None:
        self.runs: list[Run] = []
        self.raw: list[str] = []  # LaTeX text not yet decoded
        self.plain: list[str] = []  # decoded text not yet joined into a run

    def text(self, value: str) -> None:
        self.raw.append(value)

    def literal(self, value: str) -> None:
        self._decode_raw()
        self.plain.append(value)

    def run(self, run: tuple) -> None:
        self._end_text()
        self.runs.append(run)

    def extend(self, runs: Rich) -> None:
        self._decode_raw()
        for run in runs:
            if isinstance(run, str):
                self.plain.append(run)
            else:
                self.run(run)

    def _decode_raw(self) -> None:
        if self.raw:
            raw = "".join(self.raw)
            self.raw = []
            self.plain.append(_decode_text(raw) if _SPECIAL.search(raw) else raw)

    def _end_text(self) -> None:
        self._decode_raw()
        text = "".join(self.plain)
        self.plain = []
        if text:
            self.runs.append(text)

    def result(self) -> Rich:
        self._end_text()
        return tuple(self.runs)


def _parse(text: str, depth: int = 0) -> Rich:
    """The runs of ``text``, a group ``depth`` braces deep: each special character's reader returns where
    the text after it starts."""
    out = _Builder()
    pos = 0
    while pos < len(text):
        char = text[pos]
        if char == "\\":
            pos = _read_command(text, pos, depth, out)
        elif char == "{":
            pos = _read_group(text, pos, depth, out)
        elif char == "}":
            pos += 1
        elif char == "%":
            # A comment to LaTeX, but in a BibTeX value a literal percent ("100%", URLs): latexcodec
            # would drop the rest of the value.
            out.literal("%")
            pos += 1
        elif char == "$":
            pos = _read_dollar_math(text, pos, out)
        else:
            next_special = _next_special(text, pos)
            out.text(text[pos:next_special])
            pos = next_special
    return out.result()


def _read_command(text: str, pos: int, depth: int, out: _Builder) -> int:
    """A backslash at ``pos``: an escape, math, a format, a link, an accent or a symbol."""
    match = _COMMAND.match(text, pos)
    if match is None:  # a lone backslash at the very end
        return pos + 1
    name = match.group(1)
    after = match.end()
    if name in _ESCAPES:
        out.literal(_ESCAPES[name])
        return match.start() + 1 + len(name)
    if name == "(":
        end = text.find("\\)", after)
        if end == -1:
            out.literal("\\(")
            return after
        out.run(("math", text[after:end].strip()))
        return end + 2
    if name in _FORMATS or name in _TRANSPARENT:
        return _read_format(name, text, after, depth, out)
    if name in ("url", "href"):
        return _read_link(name, text, after, depth, out)
    if not name.isalpha() or name in _LETTER_ACCENTS:
        # An accent: decode it with what it applies to ("\\v{c}", "\\'\\i", "\\"o") as one piece.
        end = _accent_end(text, match.start() + 1 + len(name), name.isalpha())
        out.literal(_accented(name, text[pos:end], text[match.start() + 1 + len(name) : end]))
        return end
    if name in _SYMBOLS or _known_symbol(name):
        # \i, \ss, \o, \textdagger: decoded alone, so the blank that ends the command is not lost.
        out.literal(_SYMBOLS.get(name) or _decode("\\" + name).rstrip())
        return after + 2 if text.startswith("{}", after) else after  # "\\ss{}" -> "ß"
    # An unknown command: dropped; its argument, read next as a group, is kept as text.
    return after


def _read_format(name: str, text: str, after: int, depth: int, out: _Builder) -> int:
    """``\\emph{...}`` and the like (a run of its own), or ``\\mbox{...}`` (plain text)."""
    argument, end = _argument(text, after)
    if argument is None:
        return after
    inner = _parse(argument, depth + 1)
    if name in _TRANSPARENT:
        out.extend(inner)
    else:
        out.run((_FORMATS[name], inner))
    return end


def _read_link(name: str, text: str, after: int, depth: int, out: _Builder) -> int:
    """``\\url{url}`` or ``\\href{url}{text}``; without its arguments, the command is dropped."""
    url, end = _argument(text, after)
    if url is None:
        return after
    if name == "url":
        out.run(("link", url.strip(), (url.strip(),)))
        return end
    label, end = _argument(text, end)
    if label is None:
        return after
    out.run(("link", url.strip(), _parse(label, depth + 1)))
    return end


def _read_group(text: str, pos: int, depth: int, out: _Builder) -> int:
    """A brace at ``pos``: an old-style switch (``{\\em text}``), or a group that protects capitals."""
    end = _group_end(text, pos)
    if end == -1:
        return pos + 1
    inner_text = text[pos + 1 : end]
    switch = re.match(r"\\(em|it|sl|bf|sc|tt)\b\s*", inner_text)
    if switch:
        out.run((_SWITCHES[switch.group(1)], _parse(inner_text[switch.end() :], depth + 1)))
    elif depth < _MAX_DEPTH:
        out.extend(_parse(inner_text, depth + 1))
    else:
        # Groups this deep only protect capitals: their text is kept, their braces are not.
        out.text(inner_text.replace("{", "").replace("}", ""))
    return end + 1


def _read_dollar_math(text: str, pos: int, out: _Builder) -> int:
    """``$...$`` or ``$$...$$`` at ``pos``; a ``$`` that opens nothing is a dollar sign."""
    display = text.startswith("$$", pos)
    start = pos + (2 if display else 1)
    end = _math_end(text, start)
    if end == -1 or end == start:
        out.literal("$")
        return pos + 1
    out.run(("math", text[start:end].strip()))
    return end + (2 if display and text.startswith("$$", end) else 1)


_STOP = re.compile(r"[\\{}$%]")
#: Plain groups nested deeper than this are read as text (pybtex itself stops at 100 levels).
_MAX_DEPTH = 50


def _next_special(text: str, pos: int) -> int:
    match = _STOP.search(text, pos + 1)
    return match.start() if match else len(text)


@functools.lru_cache(maxsize=65536)
def parse_latex(text: str) -> Rich:
    """The rich text of a BibTeX field value; plain values come back as a one-string tuple, fast."""
    if not text:
        return ()
    if not _SPECIAL.search(text):
        return (text,)
    return _parse(text)


def plain_text(rich: Rich) -> str:
    """The text a reader sees, without formatting; math keeps its TeX source."""
    parts: list[str] = []
    for run in rich:
        if isinstance(run, str):
            parts.append(run)
        elif run[0] == "math":
            parts.append(run[1])
        elif run[0] == "link":
            parts.append(plain_text(run[2]))
        else:
            parts.append(plain_text(run[1]))
    return "".join(parts)


def links(rich: Rich) -> list[str]:
    """Every URL linked from the rich text."""
    found: list[str] = []
    for run in rich:
        if isinstance(run, tuple):
            if run[0] == "link":
                found.append(run[1])
                found.extend(links(run[2]))
            elif run[0] != "math":
                found.extend(links(run[1]))
    return found


_FORMAT_NODES: dict[str, Callable[[], nodes.Element]] = {
    "em": nodes.emphasis,
    "strong": nodes.strong,
    "smallcaps": lambda: nodes.inline(classes=["homepage-smallcaps"]),
    "code": nodes.literal,
    "sup": nodes.superscript,
    "sub": nodes.subscript,
}


def rich_nodes(rich: Rich, is_safe_url: Callable[[str], bool]) -> list[nodes.Node]:
    """Docutils nodes for rich text; links whose URL is unsafe keep their text and lose the link."""
    from .nodes import publication_math

    result: list[nodes.Node] = []
    for run in rich:
        if isinstance(run, str):
            result.append(nodes.Text(run))
        elif run[0] == "math":
            result.append(publication_math(run[1], run[1], latex=run[1]))
        elif run[0] == "link":
            children = rich_nodes(run[2], is_safe_url)
            if is_safe_url(run[1]):
                reference = nodes.reference("", "", *children, refuri=run[1], internal=False)
                result.append(reference)
            else:
                result.extend(children)
        else:
            element = _FORMAT_NODES[run[0]]()
            element.extend(rich_nodes(run[1], is_safe_url))
            result.append(element)
    return result
