"""The order in which the extension's event handlers run, in one table.

Sphinx calls the handlers of an event from the lowest priority to the highest, 500 being the default and
the priority of Sphinx's own collectors and of most other extensions. Where a handler of ours must run before
or after someone else's, its priority is named here with the reason; a handler whose order does not matter
is connected without one. Read a row as "``<event>``: before/after ...".
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Priorities:
    # -- config-inited ------------------------------------------------------------------------------------------
    #: Settings are read and checked before any other handler of ours reads them (social links feed the theme's
    #: options on the same event).
    read_settings: int = 400
    #: The theme's defaults fill what conf.py left unset before the social links (500) add their icons to the
    #: navbar those defaults lay out.
    theme_defaults: int = 450

    # -- env-before-read-docs -----------------------------------------------------------------------------------
    #: Documents that cannot be read are left out first, so that no other handler sees them.
    leave_out_unreadable: int = 100
    #: The documents this build reads are counted once every other handler has changed the list.
    count_documents_read: int = 950

    # -- builder-inited -----------------------------------------------------------------------------------------
    #: The .bib files are loaded before sphinxcontrib-bibtex's own handler (500), which then finds its cache
    #: up to date.
    load_publications: int = 400
    #: The MyST settings posts are read with are made from the site's, once myst-parser (500) has made those.
    post_syntax: int = 600

    # -- source-read --------------------------------------------------------------------------------------------
    #: A ``layout: page`` page or a titled news item gets its title as a heading once its front matter is read (500).
    page_layout_title: int = 600

    # -- env-updated --------------------------------------------------------------------------------------------
    #: What the last build worked out from the pages it read is forgotten before anything works it out anew
    #: (the generated pages' inputs are noted on the same event).
    forget_what_was_read: int = 400
    #: The inputs of generated pages that no page source lists any more are dropped once every source (500)
    #: noted its own.
    prune_generated_page_inputs: int = 600

    # -- doctree-read -------------------------------------------------------------------------------------------
    #: Unsafe links are dropped before anything else reads the page.
    drop_unsafe_links: int = 100
    #: The navbar's toctree is added before Sphinx's toctree collector (500) reads the root document.
    navigation_toctree: int = 400
    #: A post is recorded from its page as written, before the post page adds its title and dates.
    record_post: int = 390
    #: A post gets its title before the title and toctree collectors (500), so its title is its name.
    post_page: int = 400
    #: A news item gets its heading before the title and toctree collectors (500), so its title is its name.
    read_news_item: int = 400
    #: The news list is added after the item is read (a news item cannot list the news).
    front_page_news: int = 450
    #: The site's own news page is checked once the news list it should hold is known.
    check_own_news_page: int = 460
    #: PDF links are checked before Sphinx's download and image collectors (500), which must see them.
    check_pdf_links: int = 450
    #: Files outside the site are dropped after the PDF links were made, still before the collectors (500).
    drop_files_outside: int = 460
    #: A page's navigation label replaces its heading after the title and toctree collectors (500) took it.
    label_page_in_navigation: int = 600
    #: Raw HTML is sanitised after every other handler (ours and other extensions') has added to the page.
    sanitise_raw_html: int = 900

    # -- doctree-resolved ---------------------------------------------------------------------------------------
    #: The social row goes at the very end of the page, after what other handlers append.
    social_row_at_page_end: int = 900
    #: Links are checked again after everything was added since reading (bibliographies).
    check_resolved_links: int = 950

    # -- html-page-context --------------------------------------------------------------------------------------
    #: Head entries (the description, links, JSON-LD) are given before they are written.
    give_head_entries: int = 400
    #: Written before sphinxext-opengraph (500), which adds a description of its own when it finds none.
    write_head: int = 450
    #: A generated paper page gets Open Graph tags after sphinxext-opengraph (500), which skips such pages.
    paper_open_graph: int = 550
    #: A post's "on this page" list is set after pydata-sphinx-theme (500) made the page's secondary sidebar.
    post_sidebar: int = 550
    #: ``rel=noopener`` once the body is final.
    noopener_in_body: int = 900
    #: Assets a page does not use are dropped late, so that assets other handlers add to it are seen too.
    drop_unused_assets: int = 900
    #: The package's stylesheets a page links are merged into one once every handler has linked its own.
    one_stylesheet_per_page: int = 910
    #: Last: other handlers may render parts of the page from a copy of its context (pydata-sphinx-theme does),
    #: which must not be taken for the page when its Content-Security-Policy is made.
    mark_own_scripts: int = 999

    # -- build-finished -----------------------------------------------------------------------------------------
    #: Every document is handed to sphinx-sitemap before its own handler (500) writes the file.
    sitemap_every_document: int = 400
    #: The stylesheets are trimmed once pydata-sphinx-theme (500) has written its pygments.css.
    trim_stylesheets: int = 550
    #: The sitemap is sorted, and robots.txt written, after sphinx-sitemap (500) wrote it.
    finish_site: int = 600
    #: Files written again with the same bytes get their dates back once every writer (sitemap, robots.txt) is done.
    give_back_dates: int = 850
    #: After every writer (images, sitemap, feed) has finished.
    remove_partial_files: int = 900
    #: The very last: the build is marked finished only when everything else is.
    mark_finished: int = 950


PRIORITY = Priorities()
