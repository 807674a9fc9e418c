# A stranger's site: the extension and the theme, nothing from this repository.
project = "Ada Lovelace"
author = "Ada Lovelace"
copyright = "Ada Lovelace"
extensions = ["sphinx_academic_homepage"]
html_theme = "pydata_sphinx_theme"
html_static_path = ["_static"]
homepage_social = {"email": "ada@example.org", "github_username": "ada"}
