from pathlib import Path

import sphinx_academic_homepage as homepage

PROJECT_ROOT = Path(homepage.__file__).resolve().parents[2]

project = "Inject"
author = "Ada"
extensions = ["myst_parser", "sphinxext.opengraph", "sphinx_academic_homepage"]
exclude_patterns = ["_build"]
html_theme = "pydata_sphinx_theme"
html_context = {"default_mode": "auto"}
html_static_path = [str(PROJECT_ROOT / "_static")]
homepage_owner_name = "Ada <i>Lovelace</i>"
homepage_navigation = ["index", "cv"]
ogp_site_url = "https://ada.example.org/"
ogp_social_cards = {"enable": False}
homepage_social = {
    "github_username": "ada\"><script>alert('gh')</script>",
    "lab": {"url": "https://lab.example.org/?a=1&b=\"2\"", "title": "<img src=x onerror=alert('title')>Lab"},
}
homepage_social_navbar = True
