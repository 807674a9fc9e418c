"""Post-transforms that need the builder: the links they write and the nodes they keep depend on it.

Sphinx 9 deprecates ``SphinxTransform.app`` (Sphinx 11 removes it) and, for now, gives a transform no public
way to the builder. :func:`add_builder_post_transform` registers a subclass of the transform that holds the
application it was set up with, so the transform reads ``self.sphinx_app.builder`` through public API only.
"""

from __future__ import annotations

from typing import ClassVar

from sphinx.application import Sphinx
from sphinx.transforms.post_transforms import SphinxPostTransform


class BuilderPostTransform(SphinxPostTransform):
    """A post-transform registered with :func:`add_builder_post_transform`."""

    sphinx_app: ClassVar[Sphinx]


def add_builder_post_transform(app: Sphinx, transform: type[BuilderPostTransform]) -> None:
    """Register ``transform`` for ``app``'s builds, holding ``app``: each application gets its own subclass."""
    bound = {"sphinx_app": app, "__module__": transform.__module__, "__qualname__": transform.__qualname__}
    app.add_post_transform(type(transform.__name__, (transform,), bound))
