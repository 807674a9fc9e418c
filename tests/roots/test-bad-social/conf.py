from pathlib import Path

import sphinx_academic_homepage as homepage

PROJECT_ROOT = Path(homepage.__file__).resolve().parents[2]

extensions = ["myst_parser", "sphinx_academic_homepage"]
exclude_patterns = ["_build"]
html_static_path = [str(PROJECT_ROOT / "_static")]
homepage_social = {
    "github_username": "ada",
    "custom_number_url": {"url": 42, "title": "Number"},
    "custom_blank_url": {"url": "   ", "title": "Blank"},
    "gitlab_username": {"value": "ada", "title": 7},
    "work_url": "\x01javascript:alert(1)",
    "blogger_url": " JaVaScRiPt:alert(1)",
    "dblp_url": "java\nscript:alert(1)",
    "rss_icon": "data:application/rss+xml,<rss/>",
    "wechat_qr": "vbscript:msgbox(1)",
    "bluesky_url": "https://[bsky.app/profile/ada",
    5: "ada",
    "orcid_id": {"value": "0000-0002-1825-0097", "icon": 5},
    "scholar_userid": {"title": "Scholar without an id"},
    "linkedin_username": 3.5,
    "x_username": "ada",
}
