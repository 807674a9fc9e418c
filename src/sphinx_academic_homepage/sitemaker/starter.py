"""A blank site to make one's own: pages with placeholders ("Your Name", example.org) in al-folio's form.

:func:`new_site` writes the pages and the frame (:func:`.frame.write_frame`) into a new folder:

- ``index.md``: an al-folio about page (profile card, social row, news, selected papers);
- ``research/index.md``: a ``layout: page`` page, its title and description as al-folio shows them;
- ``papers/index.md`` and ``papers/papers.bib``: the publications page and one example entry;
- ``about/index.md`` and ``about/cv.yaml``: the CV page from al-folio's CV data;
- ``news/``: one news item; ``_static/photo.png``: a drawn placeholder (a plain silhouette, no one's photo).

Every file is the same bytes on every run; the site builds strictly and passes its own ``make test``.
"""

from __future__ import annotations

import io
from pathlib import Path

from PIL import Image, ImageDraw

from .frame import SiteSettings, require_empty, write_frame

NAME = "Your Name"

SETTINGS = SiteSettings(
    project=NAME,
    html_baseurl="",
    settings={
        "homepage_owner_name": NAME,
        "homepage_navigation": ["index", "publications <papers/index>", "research/index", "cv <about/index>"],
        "homepage_social": {"email": "you@example.org"},
        "homepage_author_names": [NAME],
        "bibtex_bibfiles": ["papers/papers.bib"],
    },
)

PAGES = {
    "index.md": """\
---
layout: about
title: about
permalink: /
subtitle: Your position, <a href="https://example.org/">Your Institution</a>
profile:
  align: right
  image: photo.png
  image_circular: false
  more_info: >
    <p>Your office</p>
    <p>Your street, Your city</p>
social: true
news: true
selected_papers: true
---

Write here who you are and what you work on: a few short paragraphs, with [links](https://example.org/) where
they help. This page is an al-folio about page: the front matter above sets the photo (`_static/photo.png`;
put yours there), the line under your name, and what follows this text (your profiles, your news, your
selected papers).
""",
    "research/index.md": """\
---
layout: page
title: research
description: What I work on, and why.
---

## A first direction

A paragraph about one line of your research, with a link to its [papers](../papers/index.md).

## A second direction

Another one.
""",
    "papers/index.md": """\
---
title: publications
---

# Publications

Every entry of `papers.bib`, newest first. An entry with `selected = {true}` is also shown on the home page.

```{publications}
:group-by: year
```
""",
    "papers/papers.bib": """\
@article{yourname2026example,
  title = {An Example Paper: Replace It With Yours},
  author = {Name, Your and Author, Another},
  journal = {Journal of Examples},
  year = {2026},
  abbr = {JEx},
  url = {https://example.org/paper},
  abstract = {One paragraph that says what the paper found.},
  selected = {true}
}
""",
    "about/index.md": """\
---
title: cv
---

# CV

```{cv} cv.yaml
```
""",
    "about/cv.yaml": """\
- title: General Information
  type: map
  contents:
    - name: Full Name
      value: Your Name
    - name: Email
      value: you@example.org

- title: Education
  type: time_table
  contents:
    - title: PhD
      institution: Your University
      year: 2020 - 2025
      description:
        - Thesis on your subject.
""",
    "news/site-is-up.md": """\
---
date: 2026-01-01
inline: true
---

The site is up. Each news item is a file in `news/`; this one is `news/site-is-up.md`.
""",
}


def placeholder_photo() -> bytes:
    """A grey silhouette on a pale ground, as PNG: where the owner's photo goes."""
    photo = Image.new("RGB", (480, 480), (226, 232, 240))
    draw = ImageDraw.Draw(photo)
    draw.ellipse((165, 90, 315, 240), fill=(148, 163, 184))
    draw.ellipse((90, 270, 390, 570), fill=(148, 163, 184))
    out = io.BytesIO()
    photo.save(out, format="PNG")
    return out.getvalue()


def new_site(dest: Path) -> list[Path]:
    """Write the blank starter into ``dest``, which must be new or empty; return the paths written, sorted."""
    require_empty(dest)
    written = write_frame(dest, SETTINGS)
    for place, text in PAGES.items():
        target = dest / place
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8", newline="\n")
        written.append(target)
    photo = dest / "_static" / "photo.png"
    photo.parent.mkdir(parents=True, exist_ok=True)
    photo.write_bytes(placeholder_photo())
    return sorted([*written, photo])
