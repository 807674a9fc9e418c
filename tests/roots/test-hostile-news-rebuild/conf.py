extensions = ["myst_parser", "sphinx_sitemap", "sphinx_academic_homepage"]
exclude_patterns = ["_build"]
project = "Rebuilt News"
author = "A. Researcher"
html_baseurl = "https://example.org/"
sitemap_url_scheme = "{link}"
