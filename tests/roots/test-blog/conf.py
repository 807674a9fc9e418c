# A blog whose posts each test writes into _posts/ of its own copy; the home page lists the latest.
project = "Ada Lovelace"
author = "Ada Lovelace"
copyright = "Ada Lovelace"
extensions = ["sphinxext.opengraph", "sphinx_sitemap", "sphinx_academic_homepage"]
html_theme = "pydata_sphinx_theme"
html_baseurl = "https://ada.example.org/"
homepage_navigation = ["index", "talks"]
homepage_blog_per_page = 2
sitemap_url_scheme = "{link}"
