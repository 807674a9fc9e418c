extensions = ["myst_parser", "sphinx_academic_homepage"]
exclude_patterns = ["_build"]
html_theme = "pydata_sphinx_theme"
html_context = {"default_mode": "auto"}
# A script from another host: nobody can say which classes it will add.
html_js_files = ["https://cdn.example.org/widgets.js"]
