"""Homepage: al-folio front matter, profile card, social links and publication lists for Sphinx.

``setup()`` only wires (:mod:`.extension`); each concern lives in its own module with a ``setup_<name>(app)``.
Importing the package loads nothing else, so its small tools start fast.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from sphinx.application import Sphinx

__version__ = "0.1.0"
#: Raised whenever what the extension keeps in the environment changes shape, so that Sphinx reads every
#: page again instead of unpickling data this version cannot use.
ENV_VERSION = 2


def setup(app: Sphinx) -> dict[str, Any]:
    # Imported here: importing the package alone (its version, its small tools) loads no Sphinx.
    from .extension import setup_extension

    setup_extension(app)
    return {
        "version": __version__,
        "env_version": ENV_VERSION,
        "parallel_read_safe": True,
        "parallel_write_safe": True,
    }
