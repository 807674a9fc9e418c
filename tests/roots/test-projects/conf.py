# al-folio's _projects: a page each at /projects/<name>/, a cards page grouped by display_categories.
project = "Ada Lovelace"
author = "Ada Lovelace"
extensions = ["sphinx_academic_homepage"]
html_theme = "pydata_sphinx_theme"
exclude_patterns = ["_build"]
homepage_navigation = ["work"]
