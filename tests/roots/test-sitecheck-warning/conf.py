# A site with one fault Sphinx itself sees (a link to a page that is not there): sitecheck.build refuses it.
project = "Ada Lovelace"
extensions = ["sphinx_academic_homepage"]
html_theme = "pydata_sphinx_theme"
exclude_patterns = ["_build"]
