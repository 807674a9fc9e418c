"""Sphinx configuration for Ziming Liu's academic homepage.

The site's content lives beside this file (``index.md``, ``about/``, ``research/``,
``papers/``); the homepage extension that renders al-folio front matter, the
profile card, social links and publication lists lives in ``src/sphinx_academic_homepage``,
and brings the look with it (theme options, footer, stylesheets, MyST and bibliography
support). What is here is the owner's: names, profiles, pages, addresses, the Markdown syntax.
"""

import os
from pathlib import Path
from urllib.parse import urlsplit


# -- Project -----------------------------------------------------------------
project = "Ziming Liu"
author = "Ziming Liu"
copyright = "Ziming Liu"
language = "en"

# -- Extensions --------------------------------------------------------------
# The homepage extension loads MyST (the pages are Markdown) and sphinxcontrib-bibtex itself.
extensions = [
    "sphinx_design",
    "sphinxext.opengraph",
    "sphinx_sitemap",
    "notfound.extension",
    "sphinx_academic_homepage",
]

# al-folio pages carry HTML (more_info, comments) and link with plain Markdown.
myst_enable_extensions = [
    "attrs_inline",
    "colon_fence",
    "deflist",
    "dollarmath",
    "html_image",
    "smartquotes",
]
myst_heading_anchors = 3

# -- Sources -----------------------------------------------------------------
root_doc = "index"
# Only the site's pages are sources: not the tooling around them, nor hidden folders (.venv, caches).
exclude_patterns = [
    ".*",
    "_build",
    "src",
    "benchmarks",
    "node_modules",
    "scripts",
    "tests",
    "README.md",
    "CHANGELOG.md",
]

# -- Homepage extension ------------------------------------------------------
# The navbar, in order, after the owner's name (which links home too). An entry is a page, labelled by its
# front matter `title` as in al-folio ("about" for the home page) or else its heading, or "Label <page>".
# His al-folio site's order and labels (about, blog once there are posts, publications, talk, media coverage),
# then the research directions and the CV.
homepage_navigation = [
    "index",
    "publications <papers/index>",
    "talk/index",
    "media/index",
    "research/index",
    "about/index",
]

# The heading of the home page (al-folio's about layout shows the owner's name there).
homepage_owner_name = "Ziming Liu"

# The owner's profiles, in the order their icons appear: al-folio's social keys (_data/socials.yml),
# or custom entries {"url": ..., "title": ..., "icon": ...}. Shown where a page says `social: true`.
homepage_social = {
    "email": "lzmsldmjxm@gmail.com",
    "scholar_userid": "QeXHxlIAAAAJ",
    "github_username": "kindxiaoming",
    "x_username": "zimingliu11",
}

# Who the site is about, for search engines (schema.org Person JSON-LD on the home page; the name is
# homepage_owner_name, the profiles are homepage_social). `image` is a path of the built site or a URL.
homepage_person = {
    "alternate_name": "刘子鸣",
    "job_title": "Assistant Professor (tenure-track)",
    "affiliation": "Tsinghua University",
    "department": "College of AI",
    "alumni_of": ["Massachusetts Institute of Technology", "Peking University", "Stanford University"],
    "image": "_static/rosegarden.png",
}

# -- Bibliography ------------------------------------------------------------
bibtex_bibfiles = ["papers/papers.bib"]
bibtex_default_style = "unsrt"
bibtex_reference_style = "author_year"
# The owner, highlighted in every author list whatever the form ("Liu, Ziming", "Z. Liu", "Liu*, Ziming").
homepage_author_names = ["Ziming Liu"]
# Where {cite} links to and where "selected publications" on the home page points.
homepage_publications_page = "papers/index"

# -- HTML --------------------------------------------------------------------
html_theme = "pydata_sphinx_theme"
html_static_path = ["_static"]
html_show_sourcelink = False
html_use_index = False  # a homepage has no term index
html_copy_source = False
# Without an icon browsers ask for /favicon.ico, and the 404 is an error in every visitor's console.
html_favicon = "_static/favicon.svg"

# Where the site is served: Read the Docs says so itself; elsewhere the owner's GitHub Pages address
# (from his al-folio _config.yml). Canonical links, Open Graph URLs, the sitemap and robots.txt use it.
html_baseurl = os.environ.get("READTHEDOCS_CANONICAL_URL") or "https://kindxiaoming.github.io/"

# -- Link checking (make linkcheck) -------------------------------------------
# Hosts that refuse robots answer 403/429 or a login wall whatever the link; checking them only adds noise.
linkcheck_ignore = [
    r"https://scholar\.google\.[a-z.]+/",
    r"https://(www\.)?(x|twitter)\.com/",
    r"https://([a-z]+\.)?linkedin\.com/",
]
# GitHub renders README headings client-side: their anchors are not in the served HTML.
linkcheck_anchors_ignore_for_url = [r"https://github\.com/"]
# arXiv and doi.org rate-limit bursts: retry, and wait (up to a minute) when told to.
linkcheck_retries = 3
linkcheck_timeout = 30
linkcheck_rate_limit_timeout = 60.0
linkcheck_workers = 4
linkcheck_report_timeouts_as_broken = False

# -- Found and shared: sitemap, Open Graph, 404 ---------------------------------
sitemap_url_scheme = "{link}"
sitemap_excludes = ["search.html", "404.html"]
ogp_site_url = html_baseurl
ogp_site_name = "Ziming Liu"
ogp_image = html_baseurl + "_static/rosegarden.png"
ogp_image_alt = "Ziming Liu"
ogp_social_cards = {"enable": False}  # drawing cards needs matplotlib and a font download
ogp_custom_meta_tags = ['<meta name="twitter:card" content="summary">']
# The 404 page links its assets absolutely, so it works at any depth under the site's path.
notfound_urls_prefix = urlsplit(html_baseurl).path or "/"
