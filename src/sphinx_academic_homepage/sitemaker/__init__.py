"""Sites made from the package: a blank starter, or an al-folio site moved over, with the files around them.

- :mod:`.frame` writes what every site needs besides its pages: ``conf.py``, the ``Makefile``, the pinned
  requirements, the publishing workflows and a test of the built site.
- :mod:`.pins` pins the packages a site installs, at the versions installed here.
- :mod:`.wheel` writes this package as a wheel into the site (``vendor/``), so that the site installs it on a
  fresh machine without a package index that has it.
- :mod:`.starter` writes the blank starter's pages.
- ``python -m sphinx_academic_homepage.sitemaker`` (:mod:`.__main__`) is the command line.
"""
