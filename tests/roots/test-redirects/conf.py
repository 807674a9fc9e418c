# Old addresses: permalinks and redirect_from lists that differ from each page's place, with collisions and bad ones.
project = "Ada Lovelace"
author = "Ada Lovelace"
extensions = ["sphinx_academic_homepage", "sphinx_sitemap"]
html_theme = "pydata_sphinx_theme"
html_baseurl = "https://example.org/ada/"
sitemap_url_scheme = "{link}"
homepage_navigation = ["papers/index", "teaching/index", "cv", "whoami"]
