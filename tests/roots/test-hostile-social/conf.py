"""Social links that would lead away from the site: hosts disguised with backslashes and tabs, a remote icon.

Each is warned about at its line and left out, of the row on the page and of the navbar. No
html_theme_options: the navbar is the one the extension gives (the colour switch alone in navbar_end),
whose slots leave out the theme's icon links, so the social links add them at its end.
tests/test_hostile_cv_social.py pins the warnings' lines: homepage_social starts on line 16.
"""

extensions = ["myst_parser", "sphinx_academic_homepage"]
exclude_patterns = ["_build"]
project = "Hostile social links"
html_theme = "pydata_sphinx_theme"
html_context = {"default_mode": "auto"}
# Shown in the navbar too, as the theme's icon links.
homepage_social_navbar = True
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
