extensions = ["sphinx_academic_homepage"]
html_theme = "pydata_sphinx_theme"
myst_enable_extensions = ["dollarmath", "amsmath"]
exclude_patterns = ["_build"]
