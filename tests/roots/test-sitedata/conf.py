# al-folio's _data: co-authors linked, venue badges coloured and linked, a repositories page; a bad row of each.
project = "Ada Lovelace"
author = "Ada Lovelace"
extensions = ["myst_parser", "sphinxcontrib.bibtex", "sphinx_academic_homepage"]
exclude_patterns = ["_build"]
bibtex_bibfiles = ["refs.bib"]
homepage_author_names = ["Ada Lovelace"]
html_theme = "pydata_sphinx_theme"
