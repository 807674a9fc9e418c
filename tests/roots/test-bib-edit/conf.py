extensions = ["myst_parser", "sphinxcontrib.bibtex", "sphinx_academic_homepage"]
exclude_patterns = ["_build"]
bibtex_bibfiles = ["refs.bib"]
bibtex_reference_style = "author_year"
homepage_author_names = ["Ziming Liu"]
homepage_publications_page = "papers"
homepage_navigation = ["papers", "notes"]
