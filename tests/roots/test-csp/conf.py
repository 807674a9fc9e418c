from docutils import nodes

extensions = ["myst_parser", "sphinx_academic_homepage"]
exclude_patterns = ["_build"]
html_theme = "pydata_sphinx_theme"
html_context = {"default_mode": "auto"}

# What a sanitiser that missed something would leave in a page's content: a script, an event handler.
INJECTED = '<script>window.__pwned = "script";</script><img src="x.png" alt="" onerror="window.__pwned = \'onerror\'">'
# The same in a page's title, which other pages show in their navigation (previous/next links).
INJECTED_TITLE = '<script>window.__pwned = "title";</script>'
# A script of the site's own, added the way an extension adds one to a single page.
OWN_SCRIPT = 'window.__own = "ran";'
# Structured data: a data block, not a script.
JSON_LD = '<script type="application/ld+json">{"@context": "https://schema.org", "@type": "Thing"}</script>'


def _page_context(app, pagename, templatename, context, doctree):
    if pagename == "injected":
        context["body"] += INJECTED
    if pagename == "own":
        app.add_js_file(None, body=OWN_SCRIPT)
        context["metatags"] = context.get("metatags", "") + JSON_LD


def _title_with_script(app, env):
    if INJECTED_TITLE not in env.titles["injected"].astext():  # the title is kept between builds
        env.titles["injected"] += nodes.raw("", INJECTED_TITLE, format="html")


def setup(app):
    app.connect("html-page-context", _page_context)
    app.connect("env-updated", _title_with_script)
