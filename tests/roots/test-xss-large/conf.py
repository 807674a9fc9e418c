# Large hostile HTML in the front matter fields and a page body: tests/test_sanitiser_bounds.py writes index.md.
project = "Large HTML"
author = "Ada"
extensions = ["myst_parser", "sphinx_academic_homepage"]
exclude_patterns = ["_build"]
homepage_owner_name = "Ada Lovelace"
