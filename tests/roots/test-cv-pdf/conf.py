extensions = ["myst_parser", "sphinx_academic_homepage"]
exclude_patterns = ["_build"]
project = "CV PDF"
author = "Ada Example"
html_static_path = ["_static"]
bibtex_bibfiles = ["refs.bib"]
homepage_author_names = ["Ada Example"]
homepage_social = {"github_username": "ada-example"}
