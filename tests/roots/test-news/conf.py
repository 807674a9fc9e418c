extensions = ["myst_parser", "homepage"]
exclude_patterns = ["_build"]
project = "News Test"
author = "A. Researcher"
