import pathlib
import sys

sys.path.insert(0, str(pathlib.Path(__file__).parents[3] / "_ext"))
extensions = ["myst_parser", "sphinx_sitemap", "homepage"]
exclude_patterns = ["_build"]
project = "Rebuilt News"
author = "A. Researcher"
html_baseurl = "https://example.org/"
sitemap_url_scheme = "{link}"
