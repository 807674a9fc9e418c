extensions = ["myst_parser", "sphinx_academic_homepage"]
exclude_patterns = ["_build"]
project = "Bad pages"
author = "Ada Lovelace"
html_static_path = ["_static"]
