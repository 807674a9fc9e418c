extensions = ["myst_parser", "homepage"]
homepage_csp = "no"
exclude_patterns = ["_build"]
