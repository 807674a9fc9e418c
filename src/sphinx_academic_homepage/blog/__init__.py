"""The blog: an al-folio ``_posts/`` folder, as it is, becomes pages with their al-folio addresses.

Each part has its own module and ``setup_<name>(app)``, wired by :func:`setup_blog`: which files are
posts and their document names (:mod:`.discovery`); the record of every post that the other parts read
(:mod:`.posts`); a post's Liquid (:mod:`.liquid` cuts it into tags, :mod:`.tags` says what each becomes) and
kramdown (:mod:`.kramdown`) turned into MyST when it is read (:mod:`.source`); the post page (:mod:`.page`);
figures and media (:mod:`.media`); and the blog's index, archives and feed.
"""

from sphinx.application import Sphinx

from .archives import setup_archives
from .article import setup_article
from .discovery import setup_discovery
from .feed import setup_feed
from .latest import setup_latest
from .listing import setup_listing
from .media import setup_media
from .neighbours import setup_neighbours
from .page import setup_page
from .posts import setup_posts
from .source import setup_source


def setup_blog(app: Sphinx) -> None:
    setup_media(app)
    setup_discovery(app)
    setup_posts(app)
    setup_source(app)
    setup_page(app)
    setup_listing(app)
    setup_feed(app)
    setup_archives(app)
    setup_latest(app)
    setup_neighbours(app)
    setup_article(app)
