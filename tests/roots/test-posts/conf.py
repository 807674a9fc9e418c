# A small blog: posts with al-folio's front matter forms, named by their al-folio addresses.
project = "Ada Lovelace"
author = "Ada Lovelace"
copyright = "Ada Lovelace"
extensions = ["sphinx_academic_homepage"]
html_theme = "pydata_sphinx_theme"
html_static_path = ["_static"]
myst_enable_extensions = ["dollarmath"]
