"""Making a new site of this project's layout: from an al-folio checkout (:mod:`.alfolio`) or from scratch.

Nothing here runs inside a Sphinx build; these modules write the files a build then reads.
"""
