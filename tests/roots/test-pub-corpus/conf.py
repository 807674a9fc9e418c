import pathlib
import sys

sys.path.insert(0, str(pathlib.Path(__file__).parents[3] / "_ext"))
extensions = ["myst_parser", "sphinxcontrib.bibtex", "homepage"]
exclude_patterns = ["_build"]
# The tests set bibtex_bibfiles to files of ../shared/corpus, read in place.
bibtex_bibfiles = []
