extensions = ["myst_parser", "sphinx_academic_homepage"]
homepage_csp = "no"
exclude_patterns = ["_build"]
