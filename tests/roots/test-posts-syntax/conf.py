# Posts written in kramdown and Liquid as al-folio writes them.
project = "Ada Lovelace"
author = "Ada Lovelace"
copyright = "Ada Lovelace"
extensions = ["sphinx_academic_homepage"]
html_theme = "pydata_sphinx_theme"
html_static_path = ["_static"]
myst_enable_extensions = ["dollarmath"]
html_baseurl = "https://ada.example.org/"
myst_heading_anchors = 3
