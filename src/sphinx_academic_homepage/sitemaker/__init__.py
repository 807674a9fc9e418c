"""Making a new site of this project's layout: from an al-folio checkout (:mod:`.alfolio`) or from scratch
(:mod:`.starter`), with the files around its pages (:mod:`.frame`).

Nothing here runs inside a Sphinx build; these modules write the files a build then reads.

- :mod:`.alfolio` reads an al-folio checkout into a new site and says in ``MIGRATION.md`` what it carried.
- :mod:`.starter` writes the blank starter's pages, placeholders to edit.
- :mod:`.frame` writes what every site needs besides its pages: ``conf.py``, the ``Makefile``, the pinned
  requirements, the publishing workflows and a test of the built site.
- :mod:`.pins` pins the packages a site installs, at the versions installed here.
- :mod:`.wheel` writes this package as a wheel into the site (``vendor/``), so that the site installs it on a
  fresh machine without a package index that has it.
- ``python -m sphinx_academic_homepage.sitemaker`` (:mod:`.__main__`) is the command line.
"""
