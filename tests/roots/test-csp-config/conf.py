import pathlib
import sys

sys.path.insert(0, str(pathlib.Path(__file__).parents[3] / "_ext"))
extensions = ["myst_parser", "homepage"]
homepage_csp = "no"
exclude_patterns = ["_build"]
