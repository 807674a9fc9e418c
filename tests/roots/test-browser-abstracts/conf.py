# A small site in the real site's theme whose entries have abstracts (the owner's bibliography has none),
# so the browser suite can open and close them.
import pathlib

project = "Abstracts"
extensions = ["myst_parser", "sphinxcontrib.bibtex", "sphinx_academic_homepage"]
exclude_patterns = ["_build"]
html_theme = "pydata_sphinx_theme"
html_context = {"default_mode": "auto"}
bibtex_bibfiles = ["refs.bib"]
homepage_author_names = ["Ziming Liu"]
# The site's own favicon: without one, the browser's request for /favicon.ico fails.
html_favicon = str(pathlib.Path(__file__).parents[3] / "_static" / "favicon.svg")
