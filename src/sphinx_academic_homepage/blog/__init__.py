"""The blog: an al-folio ``_posts/`` folder, as it is, becomes pages with their al-folio addresses.

Each part has its own module and ``setup_<name>(app)``, wired from the package's ``setup()``: which files are
posts and their document names (:mod:`.discovery`), the record every other part reads (:mod:`.posts`), the
posts' kramdown and Liquid turned into MyST (:mod:`.kramdown`, :mod:`.liquid`), the post page (:mod:`.page`),
figures and media (:mod:`.media`), and the blog's index, archives and feed.
"""
