# Emoji shortcodes, as jemoji writes them, in a page, a news item and a post; code and math keep theirs.
project = "Emoji"
author = "Ada Lovelace"
extensions = ["sphinx_academic_homepage"]
myst_enable_extensions = ["dollarmath"]
