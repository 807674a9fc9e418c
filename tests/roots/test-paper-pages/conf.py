extensions = ["myst_parser", "sphinxcontrib.bibtex", "sphinx_academic_homepage"]
exclude_patterns = ["_build"]
bibtex_bibfiles = ["refs.bib"]
homepage_author_names = ["Ziming Liu"]
homepage_publications_page = "papers/index"
homepage_navigation = ["papers/index", "papers/taken"]
homepage_owner_name = "Ziming Liu"
html_baseurl = "https://example.org/site/"
homepage_social = {"github_username": "octo", "email": "me@example.org"}
homepage_person = {
    "alternate_name": "测试",
    "job_title": 42,
    "colour": "blue",
    "alumni_of": ["A University"],
    "image": "_static/me.png",
}
