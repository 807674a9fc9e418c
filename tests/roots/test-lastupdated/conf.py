extensions = ["myst_parser", "sphinx_academic_homepage"]
exclude_patterns = ["_build"]
project = "Dates"
copyright = "A. Researcher"
# The basic theme prints "Last updated on ..." in its footer.
html_theme = "basic"
html_last_updated_fmt = "%b %d, %Y"
