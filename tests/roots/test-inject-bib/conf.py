extensions = ["myst_parser", "sphinxcontrib.bibtex", "sphinx_academic_homepage"]
exclude_patterns = ["_build"]
bibtex_bibfiles = ["refs.bib"]
homepage_author_names = ["Ada Lovelace"]
