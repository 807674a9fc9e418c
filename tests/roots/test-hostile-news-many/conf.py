extensions = ["myst_parser", "homepage"]
exclude_patterns = ["_build"]
project = "Many News"
author = "A. Researcher"
