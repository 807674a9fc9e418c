extensions = ["myst_parser", "sphinx_academic_homepage"]
exclude_patterns = ["_build"]
project = "CV formats, bad input"
