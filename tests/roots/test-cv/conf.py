extensions = ["myst_parser", "sphinx_academic_homepage"]
exclude_patterns = ["_build"]
project = "CV Test"
html_static_path = ["_static"]
