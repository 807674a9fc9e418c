"""The extension's wiring: each concern's ``setup_<name>(app)``, in the order their handlers must be connected.

Kept apart from the package's ``__init__`` so that importing the package, or running one of its small tools
(``python -m sphinx_academic_homepage.uptodate``, which ``make html`` runs before Sphinx), loads neither Sphinx
nor the modules below.
"""

from __future__ import annotations

from sphinx.application import Sphinx

from .a11y import setup_a11y
from .assets import setup_assets
from .blog import setup_blog
from .buildstate import setup_buildstate
from .code_blocks import setup_code_blocks
from .config import setup_config
from .csp import setup_csp
from .cv import setup_cv
from .emoji import setup_emoji
from .empty_links import setup_empty_links
from .frontmatter import setup_frontmatter
from .generated_pages import setup_generated_pages
from .head import setup_head
from .images import setup_images
from .lastupdated import setup_lastupdated
from .lasting_warnings import setup_lasting_warnings
from .mathml import setup_mathml
from .meta import setup_meta
from .navigation import read_navigation, setup_navigation
from .news import setup_news
from .output import setup_output
from .page_assets import setup_page_assets
from .page_layout import setup_page_layout
from .pdflinks import setup_pdflinks
from .process_exit import setup_process_exit
from .profile import setup_profile
from .projects import setup_projects
from .publications import setup_publications
from .redirects import setup_redirects
from .repositories import setup_repositories
from .safehtml import setup_safehtml
from .seo import read_person, setup_seo
from .site_addresses import setup_site_addresses
from .sitefiles import setup_sitefiles
from .sources import setup_sources
from .social import read_social, setup_social
from .template_cache import setup_template_cache
from .theme import setup_theme
from .unused_css import setup_unused_css
from .venue_styles import setup_venue_styles


def setup_extension(app: Sphinx) -> None:
    # al-folio's pages are Markdown with front matter.
    app.setup_extension("myst_parser")
    # The settings whose entries a module knows are read by it: each bad entry warns and is left out.
    setup_config(
        app,
        readers={"homepage_navigation": read_navigation, "homepage_person": read_person, "homepage_social": read_social},
    )
    setup_buildstate(app)
    setup_lasting_warnings(app)
    setup_generated_pages(app)
    setup_theme(app)
    setup_template_cache(app)
    setup_sitefiles(app)
    setup_sources(app)
    setup_assets(app)
    setup_frontmatter(app)
    setup_page_layout(app)
    setup_navigation(app)
    setup_site_addresses(app)
    setup_lastupdated(app)
    setup_images(app)
    setup_code_blocks(app)
    setup_mathml(app)
    setup_emoji(app)
    setup_empty_links(app)
    setup_profile(app)
    setup_news(app)
    setup_blog(app)
    setup_cv(app)
    setup_pdflinks(app)
    setup_publications(app)
    setup_venue_styles(app)
    setup_repositories(app)
    setup_projects(app)
    setup_redirects(app)
    setup_social(app)
    setup_a11y(app)
    setup_head(app)
    setup_meta(app)
    setup_page_assets(app)
    setup_unused_css(app)
    setup_seo(app)
    setup_safehtml(app)
    setup_csp(app)
    setup_output(app)
    setup_process_exit(app)
