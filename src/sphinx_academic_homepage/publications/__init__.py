"""Publications: the bibliography of ``bibtex_bibfiles`` shown the way al-folio shows it.

Directive
---------
List entries anywhere (MyST shown; reStructuredText takes the same options)::

    ```{publications}
    :filter: keywords=science-of-ai
    :group-by: year
    ```

``:filter:``
    Conditions separated by blanks, all of which must hold (:mod:`.filters`): ``field=value``,
    ``field=a|b`` (any of), ``field!=value``, ``field~=text`` (contains), ``field>=2022`` (also ``>``,
    ``<``, ``<=``; numbers), or a bare ``field`` (present and not false). Fields are BibTeX fields in any
    case, plus ``type`` (entry type) and ``key``; values compare without case; ``keywords`` is a list
    (commas or semicolons), so ``keywords=science-of-ai`` matches ``keywords = {science-of-ai, ai-for-science}``.
    Examples: ``type=article``, ``selected``, ``year>=2023 keywords=ai-for-science``.
``:group-by:`` ``year`` | ``none`` (default)
    ``year``: a heading per year (``h2.homepage-pubs__heading#year-2024``), each with its own list. Once
    ``homepage_publications_open_entries`` entries (50) are on show, each older year is collapsed:
    ``details.homepage-pubs__year``, its heading the summary, saying how many entries it holds.
``:sort:`` ``year`` (default: newest first, file order within a year) | ``file`` (as written)
``:limit:`` N
    At most N entries (after sorting).
``:max-authors:`` N
    Show N authors then "and M more authors" (opens in place); default ``homepage_max_author_limit``;
    an entry's own ``max_author_limit`` field wins. The site owner is never hidden.
``:heading-level:`` 2-6
    Level of the year headings (default 2).
``:bibtex:`` ``show`` | ``hide``
    Whether entries show their BibTeX (default ``homepage_bibtex_show``; an entry's ``bibtex_show`` wins).
``:class:``
    Extra classes on the ``div.homepage-publications`` wrapper.
Content
    Optional BibTeX keys (blank- or comma-separated): list exactly those, in that order (``:sort: file``
    is then the default); ``:filter:`` still applies.

An empty result, an unknown key or a filter that cannot be read warns ``homepage.publications``.

Front matter
------------
``selected_papers: true`` (al-folio) adds, after the page's text, a heading "selected publications" that
links to ``homepage_publications_page``, then every entry with ``selected={true}`` in file order.

Citations
---------
``{cite}`key``` (sphinxcontrib-bibtex's role, any page) links to the entry where a list shows it:
on ``homepage_publications_page`` when that page lists it, else on the first page (by name) that does.
A sphinxcontrib-bibtex ``bibliography`` on the citing page itself still comes first; one on another page
is used only for entries no list shows. Label and tooltip follow ``bibtex_reference_style``.

Paper pages
-----------
Every entry also gets a page of its own, ``<homepage_paper_pages>/<key>.html`` ("papers" by default;
``None`` for none), generated when the site is written (:mod:`.pages`): title, authors, venue, links,
abstract and BibTeX, with Google Scholar's Highwire Press ``citation_*`` tags and schema.org
``ScholarlyArticle`` JSON-LD in its head. Entry titles in every list link to it (a "Page" button when the
title holds links of its own). A key with characters unsafe in a file name is mapped to a safe, unique one.

Entry fields (al-folio's, all supported)
----------------------------------------
title (capitals kept, LaTeX accents decoded, ``$...$`` as MathML), author (owner highlighted in any name
form, marks ``* † ‡ ...`` as superscripts), journal/booktitle/school/institution/howpublished, location,
month, year, ``additional_info``, ``note``, ``annotation``, ``abbr`` (badge), ``preview`` (thumbnail,
served as AVIF and WebP copies), buttons ``arxiv`` (or ``eprint`` + ``archiveprefix = arXiv``), ``doi``,
``html``, ``pdf``, ``supp``, ``video``, ``blog``, ``code``, ``poster``, ``slides``, ``website``; ``award``
+ ``award_name``; ``abstract``; ``bibtex_show``; ``max_author_limit``; ``selected``; ``keywords``.
Badges that call third-party hosts at page load (``altmetric``, ``dimensions``, ``google_scholar_id``)
are not rendered; remote ``preview`` URLs are refused with a warning for the same reason.

Settings (``conf.py``)
----------------------
``homepage_author_names`` (list; default ``[author]``), ``homepage_publications_page`` ("papers/index"),
``homepage_publication_previews`` ("assets/img/publication_preview"), ``homepage_publication_files``
("assets/pdf"; local pdf/supp/poster/slides/html files), ``homepage_max_author_limit`` (None),
``homepage_bibtex_show`` (True), ``homepage_bibtex_hidden_fields`` (extra fields left out of the BibTeX),
``homepage_paper_pages`` ("papers").
A preview named by an entry but missing warns (``homepage.image``) only when the previews folder exists:
al-folio bibliographies name previews that a new site does not have yet.

Warnings
--------
``homepage.bibtex`` (syntax, duplicate key or field, a type that is neither BibTeX's nor in common use
(biblatex's, ``preprint``), no title, undefined @string, missing local file, a brace left open: the entries after it are still read), ``homepage.url`` (``javascript:`` and other unsafe links), ``homepage.image``,
``homepage.publications``, ``homepage.cite``, ``homepage.config``: one per entry and kind, at the .bib
file and line; the entry keeps what is valid (an entry without a title is skipped). An entry with no
author or no year is shown without them, as al-folio shows it, with no warning; undated entries come last.
"""

from __future__ import annotations

from importlib.metadata import version

from sphinx.application import Sphinx
from sphinx.config import Config

from ..assets import add_script, add_stylesheet
from ..diagnostics import warn
from ..priorities import PRIORITY
from ..transforms import add_builder_post_transform
from .directive import PublicationsDirective
from .domain import PINNED_BIBTEX_VERSION, PublicationsDomain
from .expand import ExpandPublicationLists
from .kept_entries import setup_kept_entries
from .loader import load_publications, reread_listing_pages
from .nodes import setup_nodes
from .pages import setup_paper_pages
from .selected import setup_selected


def _allow_no_bibliography(app: Sphinx, config: Config) -> None:
    # sphinxcontrib-bibtex stops the build without bibtex_bibfiles; a site without publications is fine.
    if config.bibtex_bibfiles is None:
        config.bibtex_bibfiles = []


def setup_publications(app: Sphinx) -> None:
    app.setup_extension("sphinxcontrib.bibtex")
    installed = version("sphinxcontrib-bibtex")
    if installed != PINNED_BIBTEX_VERSION:
        warn(
            f"the publications domain extends sphinxcontrib-bibtex {PINNED_BIBTEX_VERSION}, "
            f"but {installed} is installed; check publications/domain.py and publications/loader.py",
            "config",
        )
    app.connect("config-inited", _allow_no_bibliography)
    app.add_domain(PublicationsDomain, override=True)
    app.add_directive("publications", PublicationsDirective)
    setup_nodes(app)
    add_builder_post_transform(app, ExpandPublicationLists)
    setup_kept_entries(app)
    setup_selected(app)
    setup_paper_pages(app)
    app.connect("builder-inited", load_publications, priority=PRIORITY.load_publications)
    app.connect("env-get-outdated", reread_listing_pages)
    add_stylesheet(app, "publications.css")
    add_script(app, "publications.js")
