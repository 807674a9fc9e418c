extensions = ["myst_parser", "sphinx_academic_homepage"]
exclude_patterns = ["_build"]
project = "Navigation"
html_theme = "pydata_sphinx_theme"
html_context = {"default_mode": "auto"}
# The home page, a page labelled by its front matter, one by its heading, one by the label written here,
# then a name that is no page and one that is no name.
homepage_navigation = ["index", "talks", "teaching", "Publications <pubs>", "missing", 42]
