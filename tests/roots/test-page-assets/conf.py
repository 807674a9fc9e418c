import pathlib
import sys

sys.path.insert(0, str(pathlib.Path(__file__).parents[3] / "_ext"))
extensions = ["myst_parser", "sphinx_design", "homepage"]
myst_enable_extensions = ["colon_fence"]
exclude_patterns = ["_build"]
