# A page whose external links all point at a local HTTP server; the test fills in its port.
exclude_patterns = ["_build"]
extensions = ["myst_parser"]
