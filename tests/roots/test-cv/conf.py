extensions = ["myst_parser", "homepage"]
exclude_patterns = ["_build"]
project = "CV Test"
html_static_path = ["_static"]
