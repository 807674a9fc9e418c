import runpy
from pathlib import Path

import sphinx_academic_homepage as homepage

PROJECT_ROOT = Path(homepage.__file__).resolve().parents[2]

extensions = ["myst_parser", "sphinx_academic_homepage"]
exclude_patterns = ["_build"]
project = "Hostile social links"
html_theme = "pydata_sphinx_theme"
html_context = {"default_mode": "auto"}
# The real site's navbar, whose slots leave out the theme's icon links.
_site_theme = runpy.run_path(str(PROJECT_ROOT / "conf.py"))["html_theme_options"]
html_theme_options = {slot: templates for slot, templates in _site_theme.items() if slot.startswith("navbar_")}
homepage_social = {
    "github_username": "ada",
    "disguised": {"url": "\\\\evil.example", "title": "Evil"},
    "slash_backslash": {"url": "/\\evil.example/page", "title": "Evil too"},
    "tab_split": {"url": "/\t\\evil.example", "title": "Evil again"},
    "work_url": "\\\\evil.example\\work",
    "cv_pdf": "\\/evil.example/cv.pdf",
    "remote_icon": {"url": "https://lab.example.org/", "title": "Lab", "icon": "\\\\evil.example\\lab.png"},
    "protocol_relative": {"url": "//lab.example.org/people", "title": "Lab people"},
    "feed": {"url": "/feed.xml", "title": "Feed"},
    "x_username": "ada",
}
homepage_social_navbar = True
