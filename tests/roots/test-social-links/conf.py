from pathlib import Path

import sphinx_academic_homepage as homepage

PROJECT_ROOT = Path(homepage.__file__).resolve().parents[2]

extensions = ["myst_parser", "sphinx_academic_homepage"]
exclude_patterns = ["_build"]
html_static_path = [str(PROJECT_ROOT / "_static")]
homepage_social = {
    "email": "ada@example.org",
    "orcid_id": "0000-0002-1825-0097",
    "scholar_userid": "AbCdEfGhIjK",
    "github_username": {"value": "ada", "title": "Ada on GitHub"},
    "mastodon_username": "mathstodon.xyz/@ada",
    "inspirehep_id": 1010907,
    "acm_id": None,  # switched off, as in al-folio's socials.yml
    "academia_edu": {"organization": "cam", "username": "AdaLovelace"},
    "cv_pdf": "cv.pdf",
    "rss_icon": True,
    "lab": {"url": "https://lab.example.org/", "title": "Analytical Engine Lab", "icon": "fa-solid fa-globe"},
    "portrait": {"url": "https://ada.example.org/", "title": "Portraits", "logo": "rosegarden.png", "me": True},
}


def _append_after_the_page(app, doctree, *args):
    """Another extension that adds a section at the end of every page (as news or selected papers do)."""
    from docutils import nodes

    section = nodes.section(ids=[f"appended-{len(args)}"])
    section += nodes.title("", "Appended")
    section += nodes.paragraph("", f"appended on {'doctree-resolved' if args else 'doctree-read'}")
    doctree += section


def setup(app):
    app.connect("doctree-read", _append_after_the_page)
    app.connect("doctree-resolved", _append_after_the_page)
