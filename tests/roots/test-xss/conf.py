# Every user-HTML place of the site, each holding every vector of tests/xss_payloads.py: the pages and files
# beside this one are written by tests/xss_site.py into a copy of this folder.
project = "XSS"
author = "Ada"
extensions = ["myst_parser", "sphinxcontrib.bibtex", "sphinx_academic_homepage"]
exclude_patterns = ["_build"]
html_theme = "pydata_sphinx_theme"
homepage_owner_name = "Ada Lovelace"
homepage_navigation = ["index", "body", "cv", "papers"]
homepage_author_names = ["Ada Lovelace"]
bibtex_bibfiles = ["refs.bib"]
myst_enable_extensions = ["html_image", "attrs_inline", "deflist"]
