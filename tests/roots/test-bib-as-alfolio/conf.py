extensions = ["myst_parser", "sphinxcontrib.bibtex", "sphinx_academic_homepage"]
exclude_patterns = ["_build"]
bibtex_bibfiles = ["refs.bib"]
homepage_author_names = ["Ada Lovelace"]
homepage_owner_name = "Ada Lovelace"
homepage_publications_page = "papers/index"
homepage_navigation = ["papers/index", "research", "cv"]
homepage_trim_css = False
