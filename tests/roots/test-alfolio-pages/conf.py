# al-folio's pages as they are: `layout: page` with a front matter title, links written as the site's addresses.
project = "Ada Lovelace"
author = "Ada Lovelace"
extensions = ["sphinx_academic_homepage"]
html_theme = "pydata_sphinx_theme"
# An older al-folio config's key for X.
homepage_social = {"email": "ada@example.org", "twitter_username": "ada"}
