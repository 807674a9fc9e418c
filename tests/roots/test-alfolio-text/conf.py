# Text as al-folio's Jekyll shows it, in a page, a news item and a post: emoji shortcodes (code and math keep
# theirs) and links with no address.
project = "Jekyll text"
author = "Ada Lovelace"
extensions = ["sphinx_academic_homepage"]
myst_enable_extensions = ["dollarmath"]
