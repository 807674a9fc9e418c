from pathlib import Path

import sphinx_academic_homepage as homepage

# The project's stand-in photo, wherever this folder is copied to.
PROJECT_ROOT = Path(homepage.__file__).resolve().parents[2]

extensions = ["myst_parser", "sphinx_academic_homepage"]
exclude_patterns = ["_build"]
html_static_path = [str(PROJECT_ROOT / "_static")]
homepage_owner_name = "Ada Lovelace"
