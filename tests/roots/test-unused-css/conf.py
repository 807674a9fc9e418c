extensions = ["myst_parser", "sphinx_academic_homepage"]
exclude_patterns = ["_build"]
html_theme = "pydata_sphinx_theme"
html_context = {"default_mode": "auto"}
html_static_path = ["_static"]
html_js_files = ["loaded.js"]
