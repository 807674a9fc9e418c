extensions = ["myst_parser", "sphinxcontrib.bibtex", "sphinx_academic_homepage"]
exclude_patterns = ["_build"]
bibtex_bibfiles = ["refs.bib"]
homepage_author_names = ["Ziming Liu"]
# A number where a folder name belongs: warned at this line, the pages go in "papers".
homepage_paper_pages = 42
