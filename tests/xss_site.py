"""The payload site: ``tests/roots/test-xss`` with every vector of :mod:`xss_payloads` in every user-HTML place.

The front matter HTML fields of the about page (``subtitle``, ``profile.more_info``), a Markdown page
(each vector as an HTML block of its own and inline in a sentence), news items (inline and titled, listed on
the home page and on the news page), the CV's names and values, and .bib fields (title, note, annotation,
award, additional_info, abstract). ``build_payload_site`` builds it; the ``payload_site`` fixture (conftest) holds the one build a session reads.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import contextmanager, nullcontext
from pathlib import Path

import pytest
import yaml

from buildutil import Build, build, copy_root
from sphinx_academic_homepage import sanitiser
from xss_payloads import PAYLOADS

VECTORS = [html for _, html in PAYLOADS]
#: The HTML pages to look at, and the place each holds the vectors in.
PAGES = ("index.html", "body.html", "news/index.html", "news/titled.html", "cv.html", "papers.html")
# BibTeX reads braces, backslashes, % and @ itself: those vectors go everywhere else.
BIB_VECTORS = [html for html in VECTORS if not set(html) & set("{}\\%@\0\r")]


def _front_matter(values: dict) -> str:
    return "---\n" + yaml.safe_dump(values, allow_unicode=True, width=10**6) + "---\n"


def write_payloads(srcdir: Path) -> None:
    joined = " ".join(VECTORS)
    (srcdir / "index.md").write_text(
        _front_matter(
            {"layout": "about", "title": "about", "subtitle": joined,
             "profile": {"more_info": joined}, "announcements": {"enabled": True, "limit": 3}}
        )
        + "\nThe about page of the payload site.\n",
        encoding="utf-8",
    )
    blocks = "\n\n".join(f"{html}\n" for html in VECTORS)
    inline = "\n\n".join(f"Before {html.replace(chr(10), ' ')} after." for html in VECTORS)
    (srcdir / "body.md").write_text(f"# Body\n\n{blocks}\n\n## Inline\n\n{inline}\n", encoding="utf-8")
    news = srcdir / "news"
    news.mkdir(exist_ok=True)
    (news / "inline.md").write_text(_front_matter({"date": "2024-05-01", "inline": True}) + "\n" + joined.replace("\n", " ") + "\n", encoding="utf-8")
    (news / "titled.md").write_text(
        _front_matter({"date": "2024-04-01", "title": VECTORS[0]}) + "\n" + blocks + "\n", encoding="utf-8"
    )
    cv = [
        {"title": VECTORS[5], "type": "map", "contents": [{"name": html, "value": html} for html in VECTORS]},
        {"title": "Entries", "type": "time_table",
         "contents": [{"title": html, "institution": html, "year": 2020, "description": [html]} for html in VECTORS[::5]]},
    ]
    (srcdir / "cv.yaml").write_text(yaml.safe_dump(cv, allow_unicode=True, width=10**6), encoding="utf-8")
    entries = []
    for index, html in enumerate(BIB_VECTORS):
        fields = {field: html for field in ("title", "note", "annotation", "award", "additional_info", "abstract")}
        body = ",\n".join(f"  {name} = {{{value}}}" for name, value in fields.items())
        entries.append(f"@article{{v{index},\n  author = {{Lovelace, Ada}},\n  year = {{2024}},\n  bibtex_show = {{true}},\n{body}\n}}\n")
    (srcdir / "refs.bib").write_text("\n".join(entries), encoding="utf-8")


@contextmanager
def sanitiser_bypassed() -> Iterator[None]:
    """Within: every piece of user HTML goes to the page as written (to show what the other defences hold)."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(sanitiser, "sanitise", lambda html, policy, *, balanced: sanitiser.Sanitised(html, ()))
        yield


def build_payload_site(workdir: Path, bypass: bool = False, confoverrides: dict | None = None) -> Build:
    """The payload site built in ``workdir``; ``bypass`` builds it with the sanitiser switched off."""
    srcdir = copy_root("xss", workdir)
    write_payloads(srcdir)
    with sanitiser_bypassed() if bypass else nullcontext():
        return build(srcdir, workdir / "_build", confoverrides=confoverrides)


if __name__ == "__main__":  # a look at the site: python tests/xss_site.py /tmp/xss
    import sys

    result = build_payload_site(Path(sys.argv[1]))
    print(json.dumps(result.warnings, indent=1, ensure_ascii=False))
