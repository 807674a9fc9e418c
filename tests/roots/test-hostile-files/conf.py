extensions = ["myst_parser", "sphinxcontrib.bibtex", "sphinx_academic_homepage"]
exclude_patterns = ["_build"]
project = "Hostile files"
html_static_path = ["_static"]
bibtex_bibfiles = ["refs.bib"]
homepage_owner_name = "Ada Lovelace"
homepage_author_names = ["Ada Lovelace"]
