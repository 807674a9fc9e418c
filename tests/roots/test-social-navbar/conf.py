from pathlib import Path

import sphinx_academic_homepage as homepage

PROJECT_ROOT = Path(homepage.__file__).resolve().parents[2]

extensions = ["myst_parser", "sphinx_academic_homepage"]
exclude_patterns = ["_build"]
html_static_path = [str(PROJECT_ROOT / "_static")]
html_theme = "pydata_sphinx_theme"
html_context = {"default_mode": "auto"}
html_theme_options = {"icon_links": [{"name": "PyPI", "url": "https://pypi.org/", "icon": "fa-brands fa-python"}]}
homepage_social = {
    "github_username": "ada",
    "email": "ada@example.org",
    "dblp_url": "https://dblp.org/pid/00/0000.html",
    "rss_icon": True,
    "portrait": {"url": "https://ada.example.org/", "title": "Portraits", "icon": "rosegarden.png"},
}
homepage_social_navbar = True
