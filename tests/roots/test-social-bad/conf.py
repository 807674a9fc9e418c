from pathlib import Path

import sphinx_academic_homepage as homepage

PROJECT_ROOT = Path(homepage.__file__).resolve().parents[2]

extensions = ["myst_parser", "sphinx_academic_homepage"]
exclude_patterns = ["_build"]
html_static_path = [str(PROJECT_ROOT / "_static")]
homepage_social = {
    "github_username": "ada",
    "githb_username": "ada",
    "myspace": "ada",
    "work_url": "javascript:alert(1)",
    "blogger_url": "data:text/html,hi",
    "evil": {"url": "vbscript:msgbox(1)", "title": "Evil"},
    "linkedin_username": ["ada"],
    "orcid_id": True,
    "lab": {"url": "https://lab.example.org/", "title": "Lab", "icon": "https://cdn.example.org/lab.png"},
    "wiki": {"url": "https://wiki.example.org/", "title": "Wiki", "icon": "wikipeda"},
    "site": {"url": "https://ada.example.org/"},
    "x_username": {"value": "ada", "me": "yes"},
    "academia_edu": "ada",
    "gitlab_username": {"value": "ada", "icon": "gitlab-logo.svg"},
}
homepage_social_navbar = "yes"
