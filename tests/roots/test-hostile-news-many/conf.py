import pathlib
import sys

sys.path.insert(0, str(pathlib.Path(__file__).parents[3] / "_ext"))
extensions = ["myst_parser", "homepage"]
exclude_patterns = ["_build"]
project = "Many News"
author = "A. Researcher"
