extensions = ["myst_parser", "sphinx_design", "sphinx_academic_homepage"]
myst_enable_extensions = ["colon_fence"]
exclude_patterns = ["_build"]
