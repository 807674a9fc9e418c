extensions = ["homepage"]
exclude_patterns = ["_build"]
