"""The blog: an al-folio ``_posts/`` folder, as it is, becomes pages with their al-folio addresses.

Each part has its own module and ``setup_<name>(app)``, wired from the package's ``setup()``: which files are
posts and their document names (:mod:`.discovery`); the record of every post that the other parts read
(:mod:`.posts`); a post's Liquid (:mod:`.liquid` cuts it into tags, :mod:`.tags` says what each becomes) and
kramdown (:mod:`.kramdown`) turned into MyST when it is read (:mod:`.source`); the post page (:mod:`.page`);
figures and media (:mod:`.media`); and the blog's index, archives and feed.
"""
