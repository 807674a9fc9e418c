import pathlib
import sys

sys.path.insert(0, str(pathlib.Path(__file__).parents[3] / "_ext"))
extensions = ["myst_parser", "sphinxcontrib.bibtex", "homepage"]
exclude_patterns = ["_build"]
bibtex_bibfiles = ["refs.bib"]
homepage_author_names = ["Ziming Liu"]
