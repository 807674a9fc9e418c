# Bibliographies as DBLP and hand-written al-folio sites write them: accents on a braced dotless i, names
# separated by commas.
project = "Ada Lovelace"
author = "Ada Lovelace"
extensions = ["sphinx_academic_homepage"]
html_theme = "pydata_sphinx_theme"
bibtex_bibfiles = ["papers.bib"]
