extensions = ["myst_parser", "homepage"]
exclude_patterns = ["_build"]
project = "Hostile News"
author = "A. Researcher"
