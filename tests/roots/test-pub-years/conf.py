# A papers page of five years in the real site's theme, its newest years open and the older ones folded
# (homepage_publications_open_entries = 3), and a page that cites an entry of a folded year.
import pathlib

project = "Years"
extensions = ["myst_parser", "sphinxcontrib.bibtex", "sphinx_academic_homepage"]
exclude_patterns = ["_build"]
html_theme = "pydata_sphinx_theme"
html_context = {"default_mode": "auto"}
bibtex_bibfiles = ["refs.bib"]
homepage_author_names = ["Ziming Liu"]
homepage_publications_page = "papers"
homepage_publications_open_entries = 3
# The site's own favicon: without one, the browser's request for /favicon.ico fails.
html_favicon = str(pathlib.Path(__file__).parents[3] / "_static" / "favicon.svg")
